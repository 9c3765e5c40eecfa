"""The command line of the build: `python -m veta.build [--geodata DIR] [--check]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from veta.build.pipeline import BuildError, build_geodata, stale_files, write_files
from veta.paths import GEODATA_DIR


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line's options."""
    parser = argparse.ArgumentParser(
        prog="python -m veta.build",
        description="Build Veta's geodata (regions, context, thematic layers, datapackage) from sources and content.",
    )
    parser.add_argument("--geodata", type=Path, default=GEODATA_DIR, help="geodata folder (default: %(default)s)")
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if any file differs from what a build would write"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the build (or the check); return the exit code."""
    args = parse_args(argv)
    try:
        result = build_geodata(args.geodata)
    except BuildError as error:
        for problem in error.errors:
            print(problem, file=err)
        print(f"build failed: {len(error.errors)} problem(s); nothing written", file=err)
        return 1
    for note in result.notes:
        print(note, file=err)
    if args.check:
        stale = stale_files(args.geodata, result.files)
        for name in stale:
            print(f"{name}: out of date (run python -m veta.build)", file=err)
        print("geodata is up to date" if not stale else f"{len(stale)} file(s) out of date", file=out)
        return 1 if stale else 0
    changed = write_files(args.geodata, result.files)
    for name in result.files:
        state = "written" if name in changed else "unchanged"
        print(f"{name}: {len(result.files[name]):,} bytes, {state}", file=out)
    return 0
