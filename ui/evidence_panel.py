"""The evidence panel next to a region map: the selected feature, its quotes in context, how it was placed."""

from __future__ import annotations

import streamlit as st

from ui.cite_view import draw_cite_feature
from ui.links import READER_PAGE
from veta.i18n import _, format_number, language_query
from veta.model import Atlas, Feature
from veta.panels import context_html, evidence_by_passage, feature_header_html, provenance_html, quote_html, quotes_html
from veta.summary import key_quote


def draw_evidence_panel(atlas: Atlas, feature: Feature | None, region_id: str) -> None:
    """Show the feature's evidence; without a feature, say how to pick one and show the region's key quote."""
    if feature is None:
        st.info(
            _(
                "Select a feature on the map, or a row in the table below, to read the exact words "
                "of the interview it comes from."
            ),
            icon=":material/touch_app:",
        )
        draw_key_quote(atlas, region_id)
        return
    with st.container(border=True, key="evidence-panel"):
        st.html(feature_header_html(atlas, feature))
        for index, (passage_id, group) in enumerate(evidence_by_passage(feature)):
            st.html(quotes_html(atlas, group) + context_html(atlas, group, open_=index == 0))
            passage = atlas.passage(passage_id)
            st.page_link(
                READER_PAGE,
                label=_("Read ¶ {number} in the interview").format(number=format_number(passage.number)),
                icon=":material/menu_book:",
                query_params={"passage": passage.id, **language_query()},
            )
        st.html(provenance_html(atlas, feature))
        draw_cite_feature(atlas, feature, [atlas.passage(pid) for pid in feature.passage_ids])


def draw_key_quote(atlas: Atlas, region_id: str) -> None:
    """The region's key quote, verbatim with its speaker, and a link to it in the reader."""
    quote = key_quote(atlas, region_id)
    if quote is None:
        return
    st.html(quote_html(atlas, quote.evidence))
    st.page_link(
        READER_PAGE,
        label=_("This quote in the interview"),
        icon=":material/menu_book:",
        query_params={"passage": quote.evidence.passage_id, **language_query()},
    )
