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
from veta.model import Atlas, Feature
from veta.seed import Passage

DEFAULT_BASE_URL = "http://localhost:8501"


def base_url() -> str:
    """The app's address as the reader sees it (scheme and host), for links in citations."""
    parts = urlsplit(st.context.url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else DEFAULT_BASE_URL


def _draw_citation(work: Work, key: str) -> None:
    """The format choice, the citation in a code block (it has a copy button) and its download."""
    fmt = st.radio("Format", CITATION_FORMATS, format_func=FORMAT_LABELS.get, horizontal=True, key=f"{key}-format")
    fmt = fmt or CITATION_FORMATS[0]
    text = citation(work, fmt)
    st.code(text, language=CODE_LANGUAGES[fmt], wrap_lines=True)
    st.download_button(
        f"Download .{FORMAT_FILES[fmt][0]}",
        data=text,
        file_name=citation_filename(work, fmt),
        mime=FORMAT_FILES[fmt][1],
        icon=":material/download:",
        key=f"{key}-download",
    )
    st.caption(f"Accessed {dt.date.today():%d %B %Y}. RIS and CSL-JSON import into Zotero, Mendeley and EndNote.")


def draw_cite(works: Sequence[tuple[str, Work]], key: str, label: str = "Cite this") -> None:
    """A popover to pick one of `works` and a format; shows the citation (copyable) and offers it as a file."""
    with st.popover(label, icon=":material/format_quote:", key=f"{key}-popover"):
        labels = [name for name, _ in works]
        chosen = labels[0]
        if len(works) > 1:
            chosen = st.radio("Cite", labels, key=f"{key}-what") or labels[0]
        _draw_citation(dict(works)[chosen], key)


def draw_cite_feature(atlas: Atlas, feature: Feature, passages: Sequence[Passage]) -> None:
    """ "Cite this" for a feature (with its address) and each passage it quotes."""
    address = feature_address(base_url(), feature)
    works = [("This feature", feature_work(atlas, feature.id, address))]
    works += [(f"¶ {p.number} of the interview", passage_work(atlas, p.id)) for p in passages]
    draw_cite(works, key=f"cite-feature-{feature.id}")


def draw_cite_passage(atlas: Atlas, passages: Sequence[Passage], default: Passage | None) -> None:
    """ "Cite a passage": pick one of the passages shown (the linked one first) and cite it."""
    if not passages:
        return
    with st.popover("Cite a passage", icon=":material/format_quote:", key="cite-passage-popover"):
        ids = [p.id for p in passages]
        index = ids.index(default.id) if default is not None and default.id in ids else 0
        numbers = {p.id: p.number for p in passages}
        passage_id = st.selectbox(
            "Passage", ids, index=index, format_func=lambda i: f"¶ {numbers[i]}", key="cite-passage-which"
        )
        _draw_citation(passage_work(atlas, passage_id or ids[index]), "cite-passage")
