"""Veta's command line: `python -m veta validate`, `python -m veta export`, `python -m veta export-html`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from veta.exports import FORMATS
from veta.layers import REGION_IDS
from veta.paths import GEODATA_DIR, SEEDS_DIR


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command; return its exit code."""
    parser = argparse.ArgumentParser(prog="python -m veta", description="Veta's data tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check the seed, geodata and every quote")
    validate.add_argument("--geodata", type=Path, default=GEODATA_DIR, help="geodata folder (default: %(default)s)")
    validate.add_argument("--seeds", type=Path, default=SEEDS_DIR, help="seeds folder (default: %(default)s)")
    validate.add_argument(
        "--tours",
        type=Path,
        help="tours folder to check against the features (default: the shipped tours, when checking the shipped geodata)",
    )
    export = commands.add_parser(
        "export", help="write the features as GeoJSON, CSV, GeoPackage, KML or Web Annotations (with the TNI credit)"
    )
    export.add_argument("--format", choices=FORMATS, default="geojson", help="default: %(default)s")
    export.add_argument(
        "--region",
        help="only this region's or scope's features (a region id, e.g. kachin; or andes, world for the statements "
        "about the Andean countries or worldwide)",
    )
    export.add_argument("--lang", default="en", help="language of the export (only en for now)")
    export.add_argument("--out", type=Path, help="file to write (default: standard output; required for gpkg)")
    export.add_argument("--geodata", type=Path, default=GEODATA_DIR, help="geodata folder (default: %(default)s)")
    export.add_argument("--seeds", type=Path, default=SEEDS_DIR, help="seeds folder (default: %(default)s)")
    pack = commands.add_parser("export-html", help="write the offline classroom pack (maps, passages, handouts)")
    pack.add_argument("--out", type=Path, required=True, help="folder to write the pack into (created)")
    pack.add_argument("--region", choices=REGION_IDS, help="only this region's map, data and tours")
    pack.add_argument("--geodata", type=Path, default=GEODATA_DIR, help="geodata folder (default: %(default)s)")
    pack.add_argument("--seeds", type=Path, default=SEEDS_DIR, help="seeds folder (default: %(default)s)")
    args = parser.parse_args(argv)
    if args.command == "validate":
        from veta.i18n import LOCALE_DIR
        from veta.tours import TOURS_DIR
        from veta.validate import run_validate

        tours = args.tours
        shipped = args.geodata.resolve() == GEODATA_DIR.resolve()
        if tours is None and shipped:
            tours = TOURS_DIR
        locale = LOCALE_DIR if shipped else None  # the shipped catalogues translate the shipped texts
        return run_validate(args.geodata, args.seeds, sys.stdout, tours_dir=tours, locale_dir=locale)
    if args.command == "export":
        from veta.export import run_export

        return run_export(
            args.format, args.region, args.out, args.geodata, args.seeds, sys.stdout, sys.stderr, lang=args.lang
        )
    if args.command == "export-html":
        from veta.export_html import run_export_html

        return run_export_html(args.out, args.region, args.geodata, args.seeds, sys.stdout, sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
