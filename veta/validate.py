"""`python -m veta validate`: check the data and print every problem."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TextIO

from veta.atlas import read_atlas
from veta.glossary import GLOSSARY_PATH, read_glossary, validate_glossary
from veta.i18n import LANGUAGES
from veta.layers import PRECISIONS
from veta.model import Atlas
from veta.problems import Problem
from veta.tours import TOURS_DIR, load_tours, validate_tours
from veta.translate import content_texts, translation_problems


def run_validate(
    geodata_dir: Path,
    seeds_dir: Path,
    out: TextIO,
    tours_dir: Path | None = None,
    glossary_path: Path | None = GLOSSARY_PATH,
    locale_dir: Path | None = None,
) -> int:
    """Print one line per problem and a summary; return the exit code (1 if anything is wrong).

    Tours are checked against the features when `tours_dir` is given (the CLI passes the shipped tours
    when it checks the shipped geodata); the glossary is checked against the seed when `glossary_path` is given.
    With `locale_dir`, every text of the atlas, tours and glossary must have its translation in each language
    other than English (`veta.translate`), and no translation may be stale or quote what its English does not.
    """
    started = time.perf_counter()
    atlas, problems = read_atlas(geodata_dir, seeds_dir)
    extra: list[Problem] = []
    if atlas is not None:
        if tours_dir is not None:
            extra += validate_tours(atlas, tours_dir)
        if glossary_path is not None:
            extra += validate_glossary(atlas.seed, glossary_path)
        if locale_dir is not None and not extra:
            tours = load_tours(tours_dir or TOURS_DIR, atlas)[0]
            glossary = read_glossary(atlas.seed, glossary_path or GLOSSARY_PATH)[0]
            extra += translation_problems(content_texts(atlas, tours, glossary), locale_dir)
    problems = problems + extra
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
    checked = " and tours" if tours_dir is not None else ""
    translated = f"; translations ({', '.join(LANGUAGES[1:])}) checked" if locale_dir is not None else ""
    print(
        f"OK: {len(atlas.features)} features in {len(atlas.regions)} regions and {len(atlas.scopes)} scopes "
        f"({_precision_counts(atlas)}), {quotes} quotes from "
        f"{len(cited)} of {len(atlas.seed.passages)} passages, {len(atlas.unmapped)} passages listed as unmapped; "
        f"glossary{checked} checked{translated}; took {elapsed:.2f} s",
        file=out,
    )
    return 0


def _precision_counts(atlas: Atlas) -> str:
    """How many features each precision class has, e.g. "5 site, 5 approximate, 21 inferred, 85 region"."""
    return ", ".join(f"{sum(f.precision == p for f in atlas.features)} {p}" for p in PRECISIONS)
