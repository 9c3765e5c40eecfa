"""The interview reader: speakers, filtering passages, highlighting quotes, passage HTML.

Everything here is pure (no Streamlit). Every data-derived string that reaches HTML goes through
`veta.escape.escape_text`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

from veta.escape import escape_text
from veta.i18n import N_, _, localized_link
from veta.layers import LAYER_LABELS, SCOPE_IDS, kind_label, layer_label
from veta.model import Atlas, Feature
from veta.quotes import Layer, editorial_layer, english_attr, layered_html, original_marker_html, quote_html
from veta.seed import Passage, Seed


@dataclass(frozen=True)
class Speaker:
    """One voice of the interview."""

    key: str  # as in the seed's `Name:` prefix
    name: str  # full name as shown
    role: str  # one line about who they are, in English (show it with `speaker_role`)


SPEAKER_INFO: dict[str, Speaker] = {
    "Katie": Speaker("Katie", "Katie", N_("interviewer for the Transnational Institute (TNI)")),
    "Gisselle": Speaker(
        "Gisselle",
        "Gisselle Benites",
        N_(
            "researcher on mining in the Andean countries (Colombia, Ecuador, Peru), "
            "working with indigenous communities"
        ),
    ),
    "Doi Ra": Speaker("Doi Ra", "Doi Ra", N_("speaks about mining in Kachin State, Myanmar")),
}
"""The three speakers, keyed by the name that prefixes their turns in the seed."""

__all__ = ["LAYER_LABELS", "kind_label", "layer_label"]  # defined in `veta.layers`, long imported from here


def speaker_name(key: str) -> str:
    """The full display name of a speaker (the key itself if unknown)."""
    info = SPEAKER_INFO.get(key)
    return info.name if info else key


def speaker_role(key: str) -> str:
    """One line about who a speaker is, in the current language ("" if unknown)."""
    info = SPEAKER_INFO.get(key)
    return _(info.role) if info else ""


def fold(text: str) -> str:
    """Text folded for searching: case-insensitive and accent-insensitive (`Chocó` matches `choco`)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def matches_query(text: str, query: str) -> bool:
    """True when every word of the query occurs in the text (folded); an empty query matches everything."""
    haystack = fold(text)
    return all(word in haystack for word in fold(query).split())


def passage_regions(atlas: Atlas, passage_id: str) -> tuple[str, ...]:
    """The regions and scopes of the features citing a passage, in the atlas's order (focus regions first)."""
    cited = {f.region for f in atlas.features_citing(passage_id)}
    return tuple(r.id for r in (*atlas.regions, *atlas.scopes) if r.id in cited)


def passage_layers(atlas: Atlas, passage_id: str) -> tuple[str, ...]:
    """The layers of the features citing a passage, without repeats, in order of first citation."""
    return tuple(dict.fromkeys(f.layer for f in atlas.features_citing(passage_id)))


def filter_passages(
    atlas: Atlas,
    *,
    region: str | None = None,
    layer: str | None = None,
    speaker: str | None = None,
    query: str = "",
) -> tuple[Passage, ...]:
    """The passages that pass every given filter (None or "" means no filter), in interview order.

    `region`/`layer` keep passages cited by a feature of that region/layer; `speaker` is a seed speaker key;
    `query` is full-text search over the passage, its section and the names of features citing it.
    """
    kept: list[Passage] = []
    for passage in atlas.seed.passages:
        citing = atlas.features_citing(passage.id)
        if region and not any(f.region == region for f in citing):
            continue
        if layer and not any(f.layer == layer for f in citing):
            continue
        if speaker and passage.speaker != speaker:
            continue
        if query.strip():
            searchable = " ".join(
                [passage.text, passage.section, speaker_name(passage.speaker)] + [f.name for f in citing]
            )
            if not matches_query(searchable, query):
                continue
        kept.append(passage)
    return tuple(kept)


def merge_spans(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Clip spans to [0, length], drop empty ones and merge overlapping or touching ones, in order."""
    clipped = sorted((max(0, s), min(length, e)) for s, e in spans if min(length, e) > max(0, s))
    merged: list[tuple[int, int]] = []
    for start, end in clipped:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def highlight_html(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """The text as escaped HTML with each span (character offsets into `text`) wrapped in `<mark>`, and TNI's
    editorial insertions marked (`veta.quotes`)."""
    marks = Layer([(start, end, "<mark>") for start, end in merge_spans(spans, len(text))], "</mark>")
    return layered_html(text, [marks, editorial_layer(text)])


def quoted_spans(atlas: Atlas, passage: Passage) -> list[tuple[int, int]]:
    """Where the features' quotes fall inside a passage, as offsets into `passage.text`."""
    return [
        (e.start - passage.start, e.end - passage.start)
        for f in atlas.features_citing(passage.id)
        for e in f.evidence
        if e.passage_id == passage.id
    ]


OVERVIEW_PATH = ""
"""The overview's page path (the app's root, `/`): the home of the Andean and worldwide statements."""


def page_path(region_id: str) -> str:
    """The path of the page that shows a region's features: the region's own page (`kachin`) for a focus region,
    the overview (`""`, the root) for a scope (`andes`, `world`), whose statements are listed there."""
    return OVERVIEW_PATH if region_id in SCOPE_IDS else quote(region_id)


def feature_href(feature: Feature) -> str:
    """A relative link to a feature on the page that shows it, not yet HTML-escaped: its region page
    (`./kachin?feature=<id>`), or the overview for an Andean or worldwide statement (`./?feature=<id>`); in a
    language other than English the link keeps it (`&lang=es`)."""
    return localized_link(f"./{page_path(feature.region)}?feature={quote(feature.id)}")


def passage_href(passage_id: str) -> str:
    """A relative link to a passage in the reader (`./passages?passage=p12`, `…&lang=es` in Spanish), not yet
    HTML-escaped."""
    return localized_link(f"./passages?passage={quote(passage_id)}")


def passage_html(atlas: Atlas, passage: Passage, *, target: bool = False) -> str:
    """One passage as an HTML `<article id="p12">`: speaker, section, text with quoted parts marked,
    links to the features that cite it, and why it is left off the map if it is. The interview's words are in a
    `lang="en"` element (they stay English in every language).

    The passage a link points at gets the class `veta-passage-target`.
    """
    classes = "veta-passage veta-passage-target" if target else "veta-passage"
    citing = atlas.features_citing(passage.id)
    if citing:
        classes += " veta-passage-mapped"
    region_names = {r.id: r.name for r in (*atlas.regions, *atlas.scopes)}
    header = (
        f'<header class="veta-passage-head"><span class="veta-passage-number">¶ {passage.number}</span> '
        f'<span class="veta-speaker">{escape_text(speaker_name(passage.speaker))}</span></header>'
    )
    body = f'<p class="veta-passage-text" lang="en">{highlight_html(passage.text, quoted_spans(atlas, passage))}</p>'
    parts = [header, body]
    if citing:
        items = "".join(
            f'<li><a href="{escape_text(feature_href(f))}">{escape_text(f.name)}</a> '
            f'<span class="veta-meta">{escape_text(layer_label(f.layer))} · '
            f"{escape_text(kind_label(f.kind))} · {escape_text(region_names.get(f.region, f.region))}</span></li>"
            for f in citing
        )
        on_map = escape_text(_("On the map:"))
        parts.append(f'<div class="veta-mapped-as"><b>{on_map}</b><ul>{items}</ul></div>')
    reason = atlas.unmapped_reason(passage.id)
    if reason:
        label = _("Partly left off the map:") if citing else _("Not on the map:")
        parts.append(f'<p class="veta-unmapped"><b>{escape_text(label)}</b> {escape_text(reason)}</p>')
    return f'<article id="{escape_text(passage.id)}" class="{classes}">{"".join(parts)}</article>'


def section_heading_html(section: str, anchor: str = "") -> str:
    """A section heading of the interview as escaped HTML, with `id=anchor` if given (and `lang="en"` in another
    language: the interview's headings stay English)."""
    id_attr = f' id="{escape_text(anchor)}"' if anchor else ""
    return f'<h3 class="veta-section"{id_attr}{english_attr()}>{escape_text(section)}</h3>'


def section_anchors(seed: Seed) -> dict[str, str]:
    """Each section of the interview and its anchor id (`s1`, `s2`, …), in order."""
    sections = dict.fromkeys(p.section for p in seed.passages)
    return {section: f"s{number}" for number, section in enumerate(sections, start=1)}


def toc_html(seed: Seed, passages: Iterable[Passage]) -> str:
    """Links to the sections that hold any of these passages ("" if none)."""
    anchors = section_anchors(seed)
    present = dict.fromkeys(p.section for p in passages)
    lang = english_attr()
    links = " · ".join(f'<a href="#{anchors[s]}"{lang}>{escape_text(s)}</a>' for s in present if s in anchors)
    if not links:
        return ""
    label = escape_text(_("Sections:"))
    return f'<nav class="veta-toc"><b>{label}</b> {links}</nav>'


_ELEMENT_ID = re.compile(r"[a-z][a-z0-9-]{0,63}")
SCROLL_SCRIPT = """<script>
(function () {
  var id = %s;
  var tries = 0;
  function go() {
    var el = document.getElementById(id);
    if (el) { el.scrollIntoView({block: "start"}); return; }
    if (++tries < 200) { window.requestAnimationFrame(go); }
  }
  go();
})();
</script>"""


def scroll_to_script(element_id: str) -> str:
    """A tiny script that scrolls the element with this id into view once it exists.

    Only ids Veta makes itself (lowercase letters, digits, hyphens, such as `p12`) are accepted.
    """
    if not _ELEMENT_ID.fullmatch(element_id):
        raise ValueError(f"not an element id Veta makes: {element_id!r}")
    return SCROLL_SCRIPT % f'"{element_id}"'


def standfirst_html(seed: Seed) -> str:
    """The interview's standfirst (TNI's introduction) as a quote, verbatim (in a `lang="en"` paragraph), in
    escaped HTML ("" if none)."""
    blocks = seed.blocks_of("standfirst")
    if not blocks:
        return ""
    footer = escape_text(_("— Transnational Institute, introduction to the interview"))
    marker = original_marker_html()
    return (
        f'<blockquote class="veta-quote veta-standfirst"><p lang="en">“{quote_html(blocks[0].text)}”</p>'
        f"<footer>{footer}{' ' + marker if marker else ''}</footer></blockquote>"
    )


def sections_html(
    atlas: Atlas, passages: Iterable[Passage], target_id: str | None = None, *, anchors: bool = True
) -> list[str]:
    """The passages as HTML, one fragment per run of passages of the same section, headed by the section.

    The passage whose id is `target_id` is marked as the link target. With `anchors`, each heading carries
    its section's anchor id (for the table of contents); leave them off for a second copy of a section. In a
    language other than English, the first fragment opens with the note that the passages are the English
    original (`veta.quotes.original_marker_html`).
    """
    ids = section_anchors(atlas.seed) if anchors else {}
    fragments: list[str] = []
    current: str | None = None
    parts: list[str] = []
    for passage in passages:
        if passage.section != current:
            if parts:
                fragments.append("".join(parts))
            current = passage.section
            parts = [section_heading_html(passage.section, ids.get(passage.section, ""))]
        parts.append(passage_html(atlas, passage, target=passage.id == target_id))
    if parts:
        fragments.append("".join(parts))
    if fragments:
        fragments[0] = original_marker_html("p") + fragments[0]
    return fragments
