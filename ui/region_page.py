"""The region page: map and evidence panel side by side, the feature table under them; `?projector=1` lays the
map and the panel out on one screen for a class.

The query parameter `feature` is the source of truth for the selection, so every state has a shareable
address (`/kachin?feature=<id>`). A click on the map or a pick in the table writes it in the element's callback,
before the script runs: one rerun and one history entry per pick. The map already drawn is told the new
selection (`ui.map_display`); it is not drawn again.
"""

from __future__ import annotations

import streamlit as st

from ui.data import get_atlas
from ui.evidence_panel import draw_evidence_panel
from ui.feature_table import draw_feature_table
from ui.links import REGION_PAGES, area_title, page_of, region_tab_title, region_title, with_language
from ui.map_display import PROJECTOR_HEIGHT, show_region_map
from ui.notices import show_notice
from ui.projector import apply_projector_styles, projector_requested, projector_toggle
from ui.sidebar import draw_footer
from ui.styles import apply_styles, set_page_title
from veta.i18n import N_, _, format_number, language_query, ngettext
from veta.params import resolve_feature_param, share_link
from veta.reader import speaker_name
from veta.summary import counts_line, region_layer_counts, region_speakers

ONLINE_TILES_NOTE = N_(
    "The base map is drawn from shipped data, so the map works offline. The layer button at its top right also "
    "offers OpenStreetMap and satellite imagery (the mining ponds of Madre de Dios are visible from space): "
    "they load from the internet only once you choose them."
)
PROJECTOR_PANEL_PIXELS = 560
"""In projector mode the evidence panel scrolls inside a box this high, beside the map."""
PROJECTOR_HELP = N_("Large type, no sidebar: the map and its evidence on one screen, for a class. Kept in the address.")


def _selector(ids: frozenset[str]):  # noqa: ANN202 - a callback
    """The callback for a feature picked on the map or in the list: write it into the address (the run that
    follows shows it); an id of another region is ignored."""

    def select(feature_id: str) -> None:
        if feature_id in ids and st.query_params.get("feature") != feature_id:
            st.query_params["feature"] = feature_id

    return select


def render_region_page(region_id: str) -> None:
    """Draw the page of one focus region."""
    projector = projector_requested()
    set_page_title(region_tab_title(region_id), projector=projector)
    atlas = get_atlas()
    apply_styles()
    title, toggle = st.columns([2, 1], vertical_alignment="bottom")  # the toggle whole at 1024 px
    with toggle:
        projector = projector_toggle(_(PROJECTOR_HELP))
    apply_projector_styles(projector)
    with title:
        st.title(region_title(region_id))
    counts = region_layer_counts(atlas, region_id)
    voices = _(" and ").join(speaker_name(key) for key in region_speakers(atlas, region_id))
    quoting = _(" · quoting {voices}").format(voices=voices) if voices else ""
    if not projector:
        total = sum(counts.values())
        features = ngettext("{count} features from the interview", "{count} features from the interview", total)
        st.caption(f"{features.format(count=format_number(total))} — {counts_line(counts)}{quoting}")

    choice = resolve_feature_param(atlas, region_id, st.query_params.get_all("feature"))
    show_notice(choice.notice)
    if choice.elsewhere is not None:
        st.page_link(
            page_of(choice.elsewhere.region),
            label=_("Open it on the {region} map").format(region=region_title(choice.elsewhere.region))
            if choice.elsewhere.region in REGION_PAGES
            else _("Open it on the overview ({area})").format(area=area_title(choice.elsewhere.region)),
            icon=":material/arrow_forward:",
            query_params={"feature": choice.elsewhere.id, **language_query()},
        )
    selected = choice.feature.id if choice.feature else None
    select = _selector(frozenset(f.id for f in atlas.features_in(region_id)))

    map_column, panel_column = st.columns([3, 2], gap="medium")
    with map_column:
        show_region_map(
            atlas,
            region_id,
            selected=selected,
            key=f"map-{region_id}",
            height=PROJECTOR_HEIGHT if projector else None,
            note="" if projector else _(ONLINE_TILES_NOTE),
            on_click=select,
        )
    with panel_column:
        panel = st.container(height=PROJECTOR_PANEL_PIXELS) if projector else st.container()
        with panel:
            feature = atlas.feature(selected) if selected else None
            draw_evidence_panel(atlas, feature, region_id)
            if feature is not None:
                st.caption(_("Link to this view, to share or to put in a lesson plan:"))
                link = with_language(share_link(st.context.url, region_id, feature.id))
                st.code(link, language=None, wrap_lines=True)
    st.subheader(_("All features of this region"))
    draw_feature_table(atlas, region_id, selected, on_pick=select)
    draw_footer()
