""" "Cite this": a popover with the citation in APA, BibTeX, RIS or CSL-JSON, a copy button and a download."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import urlsplit

import streamlit as st

from veta.cite import (
    CITATION_FORMATS,
    CODE_LANGUAGES,
    FORMAT_FILES,
    FORMAT_LABELS,
    Work,
    citation,
    citation_filename,
    feature_address,
    feature_work,
    passage_work,
)
from veta.i18n import _, format_day, format_number
from veta.model import Atlas, Feature
from veta.seed import Passage

DEFAULT_BASE_URL = "http://localhost:8501"


def base_url() -> str:
    """The app's address as the reader sees it (scheme and host), for links in citations."""
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else DEFAULT_BASE_URL


def _draw_citation(work: Work, key: str) -> None:
    """The format choice, the citation in a code block (it has a copy button) and its download."""
    fmt = st.radio(_("Format"), CITATION_FORMATS, format_func=FORMAT_LABELS.get, horizontal=True, key=f"{key}-format")
    fmt = fmt or CITATION_FORMATS[0]
    text = citation(work, fmt)
    st.code(text, language=CODE_LANGUAGES[fmt], wrap_lines=True)
    st.download_button(
        _("Download .{extension}").format(extension=FORMAT_FILES[fmt][0]),
        data=text,
        file_name=citation_filename(work, fmt),
        mime=FORMAT_FILES[fmt][1],
        icon=":material/download:",
        key=f"{key}-download",
    )
    st.caption(
        _("Accessed {day}. RIS and CSL-JSON import into Zotero, Mendeley and EndNote.").format(
            day=format_day(dt.date.today())
        )
    )


def draw_cite(works: Sequence[tuple[str, Work]], key: str, label: str | None = None) -> None:
    """A popover (labelled "Cite this" unless told) to pick one of `works` and a format; shows the citation
    (copyable) and offers it as a file."""
    with st.popover(label or _("Cite this"), icon=":material/format_quote:", key=f"{key}-popover"):
        labels = [name for name, _work in works]
        chosen = labels[0]
        if len(works) > 1:
            chosen = st.radio(_("Cite"), labels, key=f"{key}-what") or labels[0]
        _draw_citation(dict(works)[chosen], key)


def draw_cite_feature(atlas: Atlas, feature: Feature, passages: Sequence[Passage]) -> None:
    """ "Cite this" for a feature (with its address) and each passage it quotes."""
    address = feature_address(base_url(), feature)
    works = [(_("This feature"), feature_work(atlas, feature.id, address))]
    works += [
        (_("¶ {number} of the interview").format(number=format_number(p.number)), passage_work(atlas, p.id))
        for p in passages
    ]
    draw_cite(works, key=f"cite-feature-{feature.id}")


def draw_cite_passage(atlas: Atlas, passages: Sequence[Passage], default: Passage | None) -> None:
    """ "Cite a passage": pick one of the passages shown (the linked one first) and cite it."""
    if not passages:
        return
    with st.popover(_("Cite a passage"), icon=":material/format_quote:", key="cite-passage-popover"):
        ids = [p.id for p in passages]
        index = ids.index(default.id) if default is not None and default.id in ids else 0
        numbers = {p.id: p.number for p in passages}
        passage_id = st.selectbox(
            _("Passage"),
            ids,
            index=index,
            format_func=lambda i: f"¶ {format_number(numbers[i])}",
            key="cite-passage-which",
        )
        _draw_citation(passage_work(atlas, passage_id or ids[index]), "cite-passage")
