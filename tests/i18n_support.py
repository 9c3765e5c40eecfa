"""Finding English interface or content text where Spanish is expected (for the tests of every page at ?lang=es).

The interview's words are shown in English on purpose, inside elements marked `lang="en"`; everything else on a
Spanish page must be Spanish. `english_leaks` looks for the English of every translated catalogue entry (the
interface's and the content's) in a page's text outside `lang="en"` elements.
"""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser

from babel.messages.pofile import read_po

from veta.i18n import LOCALE_DIR

MIN_CHARS = 12
"""Shorter English (a word like "Chocó", "PDF", "Total") may well be the same in Spanish, or a name."""
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sd]|%[sd]")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _OutsideEnglish(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: does it (or an ancestor) say lang="en"?
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            return
        inherited = bool(self.stack and self.stack[-1])
        self.stack.append(inherited or any(k == "lang" and (v or "").startswith("en") for k, v in attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def text_outside_english(html: str) -> str:
    """The text of an HTML (or plain) string, without what is inside `lang="en"` elements; whitespace collapsed."""
    parser = _OutsideEnglish()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(parser.parts).split())


@cache
def _english_chunks() -> tuple[str, ...]:
    """The English of every translated entry (literal pieces between placeholders, long enough to be telling),
    where the Spanish differs."""
    chunks: set[str] = set()
    for path in sorted((LOCALE_DIR / "es").rglob("*.po")):
        with path.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            english = message.id if isinstance(message.id, str) else message.id[0]
            spanish = message.string if isinstance(message.string, str) else message.string[0]
            if not spanish or spanish == english:
                continue
            for piece in _PLACEHOLDER.split(english):
                piece = " ".join(piece.split()).strip(" .,;:·—-")
                if len(piece) >= MIN_CHARS and piece not in spanish:
                    chunks.add(piece)
    return tuple(sorted(chunks, key=len, reverse=True))


def english_leaks(text: str) -> list[str]:
    """The English catalogue texts found in `text` (already outside `lang="en"` elements), longest first."""
    flat = " ".join(text.split())
    return [chunk for chunk in _english_chunks() if chunk in flat]
