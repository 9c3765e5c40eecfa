"""The interview: reading the seed text and splitting it into typed blocks and passages."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from veta.paths import SEED_FILENAME, SEEDS_DIR

SPEAKERS: tuple[str, ...] = ("Katie", "Gisselle", "Doi Ra")
TRAILER_START = "Digging Deeper"
"""The first line of the web page's list of other articles; not part of the interview."""
HEADING_MAX_CHARS = 80

_SPEAKER_PREFIX = re.compile("^(" + "|".join(re.escape(s) for s in SPEAKERS) + "): ")


@dataclass(frozen=True)
class Block:
    """One non-empty line of the seed, typed by what it is."""

    kind: str  # title | label | standfirst | credit | heading | passage | trailer
    text: str
    line: int  # 1-based line number in the file
    start: int  # span in characters of the decoded text
    end: int


@dataclass(frozen=True)
class Passage:
    """One paragraph of the interview proper, with its speaker and section."""

    id: str  # p1, p2, ...
    number: int
    speaker: str
    section: str
    text: str  # the whole line, speaker prefix included: an exact substring of the seed
    line: int
    start: int
    end: int

    @property
    def body(self) -> str:
        """The passage without its `Name: ` prefix."""
        match = _SPEAKER_PREFIX.match(self.text)
        return self.text[match.end() :] if match else self.text

    @property
    def speaks_first(self) -> bool:
        """True when the passage opens with its speaker's name (a new turn)."""
        return bool(_SPEAKER_PREFIX.match(self.text))


@dataclass(frozen=True)
class Seed:
    """The interview text, its blocks and passages."""

    text: str
    sha256: str
    blocks: tuple[Block, ...]
    passages: tuple[Passage, ...]
    path: Path

    def passage(self, passage_id: str) -> Passage:
        """The passage with this id; KeyError if there is none."""
        for passage in self.passages:
            if passage.id == passage_id:
                return passage
        raise KeyError(passage_id)

    def passage_at(self, offset: int) -> Passage | None:
        """The passage whose span holds this character offset, if any."""
        for passage in self.passages:
            if passage.start <= offset < passage.end:
                return passage
        return None

    def blocks_of(self, kind: str) -> tuple[Block, ...]:
        """All blocks of one kind, in order."""
        return tuple(b for b in self.blocks if b.kind == kind)


class SeedError(Exception):
    """The seed file is missing or not what its datapackage says."""


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def split_blocks(text: str) -> tuple[Block, ...]:
    """Type every non-empty line of the seed (see docs/data-model.md)."""
    lines: list[tuple[int, int, str]] = []
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        line = raw.rstrip("\r\n")
        if line.strip():
            lines.append((number, offset, line))
        offset += len(raw)

    first_turn = next((i for i, (_, _, line) in enumerate(lines) if _SPEAKER_PREFIX.match(line)), len(lines))
    credit = next(
        (i for i, (_, _, line) in enumerate(lines[:first_turn]) if line.startswith("Illustration by")),
        None,
    )
    blocks: list[Block] = []
    in_trailer = False
    for i, (number, start, line) in enumerate(lines):
        end = start + len(line)
        if i == 0:
            kind = "title"
        elif i < first_turn:
            if i == credit:
                kind = "credit"
            elif credit is not None and i == credit - 1:
                kind = "standfirst"
            elif len(line) < HEADING_MAX_CHARS and (credit is None or i > credit):
                kind = "heading"
            else:
                kind = "label"
        else:
            if line.strip() == TRAILER_START:
                in_trailer = True
            if in_trailer:
                kind = "trailer"
            elif len(line) < HEADING_MAX_CHARS and not _SPEAKER_PREFIX.match(line):
                kind = "heading"
            else:
                kind = "passage"
        blocks.append(Block(kind=kind, text=line, line=number, start=start, end=end))
    return tuple(blocks)


def split_passages(blocks: tuple[Block, ...]) -> tuple[Passage, ...]:
    """Number the passage blocks and give each its speaker and section."""
    passages: list[Passage] = []
    speaker = ""
    section = ""
    for block in blocks:
        if block.kind == "heading":
            section = block.text
        if block.kind != "passage":
            continue
        match = _SPEAKER_PREFIX.match(block.text)
        if match:
            speaker = match.group(1)
        number = len(passages) + 1
        passages.append(
            Passage(
                id=f"p{number}",
                number=number,
                speaker=speaker,
                section=section,
                text=block.text,
                line=block.line,
                start=block.start,
                end=block.end,
            )
        )
    return tuple(passages)


def read_seed_metadata(seeds_dir: Path = SEEDS_DIR) -> dict:
    """The seed's datapackage.json as parsed (`veta.datafile.read_json_file`: its limits, its errors)."""
    from veta.datafile import read_json_file

    return read_json_file(seeds_dir / "datapackage.json")


def load_seed(seeds_dir: Path = SEEDS_DIR, filename: str = SEED_FILENAME) -> Seed:
    """Read the interview and split it. Raises SeedError if the file is missing or unreadable."""
    from veta.datafile import MAX_FILE_BYTES

    path = seeds_dir / filename
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SeedError(f"{path}: file too large (at most {MAX_FILE_BYTES:,} bytes)")
        raw = path.read_bytes()
    except OSError as error:
        raise SeedError(f"{path}: cannot read the seed ({error.strerror or error})") from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise SeedError(f"{path}: not UTF-8 ({error})") from error
    blocks = split_blocks(text)
    return Seed(
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        blocks=blocks,
        passages=split_passages(blocks),
        path=path,
    )
