"""`python -m veta validate`: check the data and print every problem."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TextIO

from veta.atlas import read_atlas


def run_validate(geodata_dir: Path, seeds_dir: Path, out: TextIO) -> int:
    """Print one line per problem and a summary; return the exit code (1 if anything is wrong)."""
    started = time.perf_counter()
    atlas, problems = read_atlas(geodata_dir, seeds_dir)
    for problem in problems:
        print(problem, file=out)
    elapsed = time.perf_counter() - started
    if problems:
        files = len({p.file for p in problems})
        print(f"{len(problems)} problem(s) in {files} file(s); checked in {elapsed:.2f} s", file=out)
        return 1
    assert atlas is not None
    cited = {pid for f in atlas.features for pid in f.passage_ids}
    quotes = sum(len(f.evidence) for f in atlas.features)
    print(
        f"OK: {len(atlas.features)} features in {len(atlas.regions)} regions, {quotes} quotes from "
        f"{len(cited)} of {len(atlas.seed.passages)} passages, {len(atlas.unmapped)} passages listed as unmapped; "
        f"checked in {elapsed:.2f} s",
        file=out,
    )
    return 0
