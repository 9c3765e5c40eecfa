"""Background: what Veta's own texts (tours, glossary) say that the interview does not, marked with its source.

In `tours/*.json` and `glossary/glossary.json`, a text field (a tour's summary, a step's question and discussion
points, a glossary explanation) is either a string, or a list of segments::

    [{"text": "Veta's words about what the interview says."},
     {"background": "Something the interview does not say.", "source": "Where it comes from, and why."}]

A background segment must name its source. Segments are joined with one space, except before a segment that
starts with punctuation (so `{"text": "."}` can end a sentence). `background_html` renders them: own words as
plain escaped text, each background segment visibly different and labelled, its source in a tooltip and in print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from veta.escape import escape_text
from veta.i18n import N_, _
from veta.quotes import EDITORIAL_CSS

BACKGROUND_LABEL = N_("Background")
"""The visible label in front of every background segment, in English (shown as `_(BACKGROUND_LABEL)`)."""

BACKGROUND_TITLE = N_("Background, not from the interview. Source: {source}")
"""The hover text of a background segment, in English (shown as `_(BACKGROUND_TITLE)`)."""
SOURCE_NOTE = N_("(source: {source})")
"""How a background segment's source is written after it, in English (shown as `_(SOURCE_NOTE)`)."""

_NO_SPACE_BEFORE = tuple(".,;:!?)]}…")


@dataclass(frozen=True)
class Segment:
    """A piece of one of Veta's texts: its own words, or background (not from the interview) with its source."""

    text: str
    source: str = ""
    """The outside source of a background segment; empty for Veta's own words about the interview."""

    @property
    def background(self) -> bool:
        """Whether this segment says something the interview does not."""
        return bool(self.source)


Segments = tuple[Segment, ...]
"""A text as segments, in order."""


class SegmentError(ValueError):
    """A text field that is neither a string nor a list of well-formed segments; the message says why."""


def read_segments(raw: object) -> Segments:
    """A text field as segments: a string is one segment of own words; SegmentError if malformed.

    An empty text (or a list without any text) raises SegmentError("empty"), so callers can word the problem.
    """
    if isinstance(raw, str):
        if not raw.strip():
            raise SegmentError("empty")
        return (Segment(raw.strip()),)
    if not isinstance(raw, list) or not raw:
        raise SegmentError("empty" if raw in (None, []) else "expected text or a list of segments")
    segments: list[Segment] = []
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or set(item) not in ({"text"}, {"background", "source"}, {"background"}):
            raise SegmentError(
                f'segment {index} must be {{"text": …}} or {{"background": …, "source": …}}, got {item!r}'
            )
        if "text" in item:
            text = item["text"]
            if not isinstance(text, str) or not text.strip():
                raise SegmentError(f"segment {index} has empty text")
            segments.append(Segment(text.strip()))
            continue
        text, source = item["background"], item.get("source")
        if not isinstance(text, str) or not text.strip():
            raise SegmentError(f"background segment {index} has empty text")
        if not isinstance(source, str) or not source.strip():
            raise SegmentError(f"background segment {index} names no source (expected a non-empty 'source')")
        segments.append(Segment(text.strip(), source.strip()))
    return tuple(segments)


def _joined(pieces: Sequence[tuple[Segment, str]]) -> str:
    """Rendered pieces joined with one space, none before a piece whose text starts with punctuation."""
    out: list[str] = []
    for index, (segment, rendered) in enumerate(pieces):
        if index and not segment.text.startswith(_NO_SPACE_BEFORE):
            out.append(" ")
        out.append(rendered)
    return "".join(out)


def plain_text(segments: Segments) -> str:
    """The words alone, background unmarked (for search, and for fields kept as plain text)."""
    return _joined([(s, s.text) for s in segments])


def background_text(segments: Segments) -> str:
    """Plain text with each background segment marked, for places that cannot hold HTML (a title attribute), in
    the current language."""
    label = _(BACKGROUND_LABEL)

    def render(segment: Segment) -> str:
        if not segment.background:
            return segment.text
        return f"[{label}: {segment.text} {_(SOURCE_NOTE).format(source=segment.source)}]"

    return _joined([(s, render(s)) for s in segments])


def background_html(segments: Segments) -> str:
    """Escaped HTML: own words as text; each background segment in a labelled `span.veta-background`.

    The source is in the span's `title` (hover) and in a `span.veta-background-source` that stylesheets show in
    print and may hide on screen; without any stylesheet it reads inline, so nothing depends on CSS to be honest.
    Labels are in the current language.
    """
    label = escape_text(_(BACKGROUND_LABEL))

    def render(segment: Segment) -> str:
        if not segment.background:
            return escape_text(segment.text)
        source = escape_text(segment.source)
        title = escape_text(_(BACKGROUND_TITLE).format(source=segment.source))
        note = escape_text(_(SOURCE_NOTE).format(source=segment.source))
        return (
            f'<span class="veta-background" title="{title}" data-source="{source}">'
            f'<span class="veta-background-label">{label}:</span> {escape_text(segment.text)}'
            f'<span class="veta-background-source"> {note}</span></span>'
        )

    return _joined([(s, render(s)) for s in segments])


BACKGROUND_CSS = """
.veta-background { font-style: italic; color: #555; }
.veta-background-label { font-style: normal; font-size: 0.8em; font-weight: 600; text-transform: uppercase;
  letter-spacing: 0.03em; color: #5b4a1f; background: #f1ead8; border-radius: 0.2em; padding: 0 0.25em; }
.veta-background-source { font-size: 0.85em; }
@media screen { .veta-background[title] .veta-background-source { display: none; } }
"""
"""How background segments look (screen: italic grey, labelled, source on hover; print: the source inline).
Included by the pages' stylesheet, the handout and the HTML pack."""


def text_marks_css() -> str:
    """The stylesheet rules for what is not the speakers' words: background segments and editorial insertions."""
    return BACKGROUND_CSS + EDITORIAL_CSS
