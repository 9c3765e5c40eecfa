"""Problems found in Veta's data, reported as `FILE: FEATURE_ID: what is wrong`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from veta.paths import PROJECT_DIR

NO_FEATURE = "-"
"""The feature id printed for a problem with a whole file."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data: where, which feature, what."""

    file: str
    feature_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.feature_id}: {self.message}"


def display_path(path: Path) -> str:
    """A path as a user would type it: relative to the working directory or the project, if possible."""
    for base in (Path.cwd(), PROJECT_DIR):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def shown(value: object, limit: int = 60) -> str:
    """A value as a problem message repeats it: its repr, cut to `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class DataError(Exception):
    """The data has problems; `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
