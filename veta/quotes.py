"""Quotes as HTML: the interview's words escaped, with TNI's editorial insertions marked as not the speaker's.

The published interview carries square-bracketed insertions by its editors, e.g. "[Since the military coup in
2021]" or "[in river beds]". They stay in every quote (quotes are exact substrings of the seed), but wherever a
quote or passage is shown as HTML they are wrapped in `<span class="veta-editorial">`, so that a reader can tell
them from the speaker's words.

`layered_html` is the one renderer behind this: it escapes a text through `veta.escape.escape_text` once and wraps
spans of it in tags, layer inside layer (e.g. quoted spans in `<mark>`, inside them editorial insertions, inside
those glossary terms), splitting an inner span where an outer one starts or ends so the HTML always nests.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from veta.escape import escape_text
from veta.i18n import DEFAULT_LANGUAGE, N_, _, current_language

EDITORIAL_PATTERN = re.compile(r"\[[^\[\]\n]+\]")
"""An editorial insertion: square brackets around text on one line (no nested brackets)."""

EDITORIAL_TITLE = N_("Editorial insertion by TNI")
"""The hover text of an editorial insertion, in English (show it with `_(EDITORIAL_TITLE)`)."""
EDITORIAL_OPEN = f'<span class="veta-editorial" title="{EDITORIAL_TITLE}">'
"""The opening tag of an editorial insertion in English (`editorial_open` gives it in the current language)."""

ORIGINAL_MARKER = N_("Original quote in English")
"""The note shown in a language other than English next to the interview's words, which stay in English."""

EDITORIAL_CSS = """
.veta-editorial { color: #6a5320; background: #f2ead6; border-radius: 0.15em; font-style: normal; }
"""
"""How an editorial insertion looks inside a quote: set apart from the speaker's words (title on hover)."""

Span = tuple[int, int, str]
"""(start, end, opening tag): offsets into the text, and the HTML that opens the span (fixed or escaped)."""


@dataclass(frozen=True)
class Layer:
    """Non-overlapping spans of one kind, and the tag that closes each."""

    spans: Sequence[Span]
    close: str


def editorial_spans(text: str) -> list[tuple[int, int]]:
    """Where TNI's editorial insertions (brackets included) are in `text`, in order."""
    return [m.span() for m in EDITORIAL_PATTERN.finditer(text)]


def editorial_open() -> str:
    """The opening tag of an editorial insertion, its title in the current language."""
    return f'<span class="veta-editorial" title="{escape_text(_(EDITORIAL_TITLE))}">'


def editorial_layer(text: str) -> Layer:
    """The editorial insertions of `text` as a layer for `layered_html`."""
    opening = editorial_open()
    return Layer([(start, end, opening) for start, end in editorial_spans(text)], "</span>")


def layered_html(text: str, layers: Sequence[Layer]) -> str:
    """`text` escaped, each layer's spans wrapped in its tags, the first layer outermost.

    Spans of one layer must not overlap one another; a span of an inner layer that crosses the edge of an outer
    layer's span is split there (and so appears as two elements).
    """

    def render(start: int, end: int, depth: int) -> str:
        if depth == len(layers):
            return escape_text(text[start:end])
        layer = layers[depth]
        out: list[str] = []
        position = start
        for span_start, span_end, opening in layer.spans:
            span_start, span_end = max(span_start, start), min(span_end, end)
            if span_start >= span_end:
                continue
            out.append(render(position, span_start, depth + 1))
            out.append(opening + render(span_start, span_end, depth + 1) + layer.close)
            position = span_end
        out.append(render(position, end, depth + 1))
        return "".join(out)

    return render(0, len(text), 0)


def quote_html(text: str) -> str:
    """A quote (or any text of the interview) escaped, with each editorial insertion in `span.veta-editorial`."""
    return layered_html(text, [editorial_layer(text)])


def original_marker_html(tag: str = "span") -> str:
    """The note that the interview's words next to it are the English original (`Cita original en inglés`), as
    `<tag class="veta-original">`; nothing in English, where it goes without saying. Place it outside the
    `lang="en"` element that holds the quote."""
    if current_language() == DEFAULT_LANGUAGE:
        return ""
    return f'<{tag} class="veta-original">{escape_text(_(ORIGINAL_MARKER))}</{tag}>'


def english_attr() -> str:
    """` lang="en"` in a language other than English, for the interview's own words outside a quote (section
    headings); nothing in English, where the page's language already says it."""
    return "" if current_language() == DEFAULT_LANGUAGE else ' lang="en"'


@dataclass(frozen=True)
class EnglishMarks:
    """Where a block holding quotes and Veta's own words (speaker, passage) says `lang="en"`: `block` is the
    block's attribute; `open`/`close` wrap the quotes alone."""

    block: str
    open: str
    close: str


def english_marks(tag: str = "div") -> EnglishMarks:
    """How a quote block marks the interview's words as English. In English the whole block says `lang="en"` (all
    of it is English); in another language only the quotes do, inside a `tag` element, so that Veta's own words
    and the original-quote note (`original_marker_html`) stay outside it."""
    if current_language() == DEFAULT_LANGUAGE:
        return EnglishMarks(' lang="en"', "", "")
    return EnglishMarks("", f'<{tag} lang="en">', f"</{tag}>")
