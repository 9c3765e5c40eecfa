"""`python -m veta.build`: derive every shipped geometry in `geodata/` from `geodata/sources/` and `geodata/content/`.

The build is deterministic (two runs write identical bytes) and pure apart from reading its inputs and,
unless `--check` is given, writing the outputs.
"""

from __future__ import annotations

from veta.build.pipeline import OUTPUT_FILES, BuildError, BuildResult, build_geodata, stale_files, write_files

__all__ = ["OUTPUT_FILES", "BuildError", "BuildResult", "build_geodata", "stale_files", "write_files"]
