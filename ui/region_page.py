"""The region page: map and evidence panel side by side, the feature table under them.

The query parameter `feature` is the source of truth for the selection, so every state has a shareable
address (`/kachin?feature=<id>`). A click on the map or a row in the table writes it.
"""

from __future__ import annotations

import streamlit as st

from ui.data import get_atlas
from ui.evidence_panel import draw_evidence_panel
from ui.feature_table import draw_feature_table
from ui.links import REGION_PAGES, REGION_TITLES, area_title, page_of
from ui.map_view import show_region_map
from ui.notices import show_notice
from ui.sidebar import draw_footer
from ui.styles import apply_styles
from veta.model import Atlas
from veta.params import resolve_feature_param, share_link
from veta.reader import speaker_name
from veta.summary import counts_line, region_layer_counts, region_speakers

ONLINE_TILES_NOTE = (
    "The base map is drawn from shipped data, so the map works offline. The layer button at its top right also "
    "offers OpenStreetMap and satellite imagery (the mining ponds of Madre de Dios are visible from space): "
    "they load from the internet only once you choose them."
)


def render_region_page(region_id: str) -> None:
    """Draw the page of one focus region."""
    atlas = get_atlas()
    apply_styles()
    st.title(REGION_TITLES[region_id])
    counts = region_layer_counts(atlas, region_id)
    voices = " and ".join(speaker_name(key) for key in region_speakers(atlas, region_id))
    quoting = f" · quoting {voices}" if voices else ""
    st.caption(f"{sum(counts.values())} features from the interview — {counts_line(counts)}{quoting}")

    choice = resolve_feature_param(atlas, region_id, st.query_params.get_all("feature"))
    show_notice(choice.notice)
    if choice.elsewhere is not None:
        st.page_link(
            page_of(choice.elsewhere.region),
            label=f"Open it on the {REGION_TITLES[choice.elsewhere.region]} map"
            if choice.elsewhere.region in REGION_PAGES
            else f"Open it on the overview ({area_title(choice.elsewhere.region)})",
            icon=":material/arrow_forward:",
            query_params={"feature": choice.elsewhere.id},
        )
    selected = choice.feature.id if choice.feature else None

    map_column, panel_column = st.columns([3, 2], gap="medium")
    with map_column:
        clicked = show_region_map(
            atlas, region_id, selected_feature_id=selected, key=f"map-{region_id}", note=ONLINE_TILES_NOTE
        )
    if clicked and clicked != selected and any(f.id == clicked for f in atlas.features_in(region_id)):
        st.query_params["feature"] = clicked
        st.rerun()
    with panel_column:
        feature = atlas.feature(selected) if selected else None
        draw_evidence_panel(atlas, feature, region_id)
        if feature is not None:
            st.caption("Link to this view, to share or to put in a lesson plan:")
            st.code(share_link(st.context.url, region_id, feature.id), language=None, wrap_lines=True)
    _feature_table(atlas, region_id, selected)
    draw_footer()


def _feature_table(atlas: Atlas, region_id: str, selected: str | None) -> None:
    """The feature table under the map. Filtering and searching happen in the browser (no rerun); picking a row
    changes the selection, which the map and the evidence panel show: that reruns the page."""
    st.subheader("All features of this region")
    picked = draw_feature_table(atlas, region_id, selected)
    if picked is not None and picked != selected:
        st.query_params["feature"] = picked
        st.rerun()
