"""`python -m veta export`: write one export (see `veta.exports`) to a file or standard output.

The formats themselves live in `veta.exports` (one module each); the names below are re-exported so that
`from veta.export import …` keeps working.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from veta.exports import EXPORT_FORMATS, FORMATS, ExportError, export_bytes, export_text
from veta.exports.common import LICENCE_NAME
from veta.exports.geojson import COORDINATE_DECIMALS, credit, features_geojson
from veta.exports.table import CSV_COLUMNS, feature_rows, features_csv, representative_point

BINARY_FORMATS: frozenset[str] = frozenset({"gpkg"})
"""Formats that cannot go to standard output."""

__all__ = [
    "COORDINATE_DECIMALS",
    "CSV_COLUMNS",
    "EXPORT_FORMATS",
    "FORMATS",
    "LICENCE_NAME",
    "credit",
    "export_text",
    "feature_rows",
    "features_csv",
    "features_geojson",
    "representative_point",
    "run_export",
]


def run_export(
    fmt: str,
    region_id: str | None,
    out_path: Path | None,
    geodata_dir: Path,
    seeds_dir: Path,
    stdout: TextIO,
    stderr: TextIO,
    lang: str = "en",
) -> int:
    """`python -m veta export`: write the export to a file (or a text format to stdout); return the exit code."""
    from veta.atlas import load_atlas_for_cli

    if fmt in BINARY_FORMATS and out_path is None:
        print(f"cannot export: {fmt} is a binary file; give --out FILE", file=stderr)
        return 2
    try:
        export_bytes_check(fmt, lang)
    except ExportError as error:
        print(f"cannot export: {error}", file=stderr)
        return 2
    atlas = load_atlas_for_cli(geodata_dir, seeds_dir, stderr)
    if atlas is None:
        return 1
    if region_id is not None and region_id not in {r.id for r in atlas.regions}:
        known = ", ".join(r.id for r in atlas.regions)
        print(f"cannot export: unknown region {region_id!r} (known: {known})", file=stderr)
        return 2
    if out_path is None:
        stdout.write(export_text(atlas, fmt, region_id, lang))
        return 0
    data = export_bytes(atlas, fmt, region_id, lang)
    try:
        out_path.write_bytes(data)
    except OSError as error:
        print(f"cannot export: cannot write {out_path}: {error.strerror or error}", file=stderr)
        return 1
    print(f"wrote {out_path} ({len(data):,} bytes, {EXPORT_FORMATS[fmt].label})", file=stderr)
    return 0


def export_bytes_check(fmt: str, lang: str) -> None:
    """ExportError if the format or language is not one Veta writes (checked before loading the atlas)."""
    from veta.exports.common import check_language

    check_language(lang)
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")
