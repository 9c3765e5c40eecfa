"""The compare page's widgets: the region picker synced with `?regions=`, shared-scale maps, matrix and chart."""

from __future__ import annotations

import altair as alt
import folium
import streamlit as st

from ui.map_display import app_url, ensure_offline_assets, show_folium_map
from veta.compare import (
    MapView,
    build_compare_map,
    comparable_views,
    comparison_matrix,
    kind_counts,
    matrix_html,
    regions_param,
    scale_caption,
    scope_notes_html,
    unique_kinds_html,
)
from veta.escape import escape_markdown
from veta.i18n import _, current_language
from veta.layers import LAYERS
from veta.maps import PASSAGE_URL
from veta.model import Atlas
from veta.reader import LAYER_LABELS
from veta.symbology import LAYER_COLOURS

PICKER_KEY = "compare-regions"
_SYNCED_KEY = "compare-regions-address"
LAYERS_KEY = "compare-layers"
MAP_HEIGHT = 480
PAGE_WIDTH = 960
"""The width (pixels) the maps' row is assumed to have when the common scale is computed."""

CSS = """
<style>
.veta-compare-matrix { width: 100%; border-collapse: collapse; font-size: 0.95rem; }
.veta-compare-matrix th, .veta-compare-matrix td { border: 1px solid #ddd; padding: 0.35rem 0.5rem;
  vertical-align: top; text-align: left; }
.veta-compare-matrix thead th { background: #fbf6ec; }
.veta-compare-matrix tbody th { background: #fafafa; width: 14%; }
.veta-compare-matrix ul { margin: 0; padding-left: 0; list-style: none; }
.veta-compare-matrix li { margin: 0.15rem 0; }
.veta-compare-matrix summary { cursor: pointer; }
.veta-compare-matrix blockquote { margin: 0.2rem 0 0.4rem 0.4rem; padding: 0.1rem 0.5rem; font-size: 0.9rem;
  border-left: 0.2rem solid #8a5a00; background: #fffdf8; }
.veta-compare-matrix td.veta-compare-context { background: #f5f7fa; }
.veta-compare-matrix thead th.veta-compare-context { background: #e9eef5; font-weight: 600; }
.veta-scope-note { margin: 0.3rem 0; line-height: 1.6; max-width: 60rem; }
.veta-unique-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap: 1rem; }
.veta-unique h4 { margin: 0 0 0.3rem 0; padding: 0; }
.veta-unique ul { margin: 0; padding-left: 1.1rem; }
</style>
"""


def apply_compare_styles() -> None:
    """The matrix and 'only in' styles (fixed text)."""
    st.html(CSS)


def region_picker(atlas: Atlas, chosen: tuple[str, ...]) -> tuple[str, ...]:
    """A multiselect of two or three regions, kept in the address as `?regions=a,b`; returns the regions to show.

    `chosen` is what the address asked for (already checked). When the address changes (first visit, a shared
    link) the widget follows it; when the user changes the widget, the address follows.
    """
    address = regions_param(chosen)
    if st.session_state.get(_SYNCED_KEY) != address:
        st.session_state[PICKER_KEY] = list(chosen)
        st.session_state[_SYNCED_KEY] = address
    names = {r.id: f"{r.name} ({r.country})" for r in atlas.regions}
    picked = st.multiselect(
        _("Regions to compare (two or three)"),
        [r.id for r in atlas.regions],
        format_func=lambda r: names.get(r, r),
        max_selections=3,
        key=PICKER_KEY,
    )
    if len(picked) < 2:
        st.info(_("Pick at least two regions to compare; until then the last comparison stays on screen."))
        return chosen
    picked_tuple = tuple(picked)
    wanted = regions_param(picked_tuple)
    if st.query_params.get("regions") != wanted:
        st.query_params["regions"] = wanted
    st.session_state[_SYNCED_KEY] = wanted
    return picked_tuple


def layer_picker() -> tuple[str, ...]:
    """The same layer toggles for every map; returns the layers to draw, in layer order."""
    picked = st.pills(
        _("Layers on every map"),
        LAYERS,
        selection_mode="multi",
        default=list(LAYERS),
        format_func=lambda layer: _(LAYER_LABELS[layer]),
        key=LAYERS_KEY,
    )
    return tuple(layer for layer in LAYERS if layer in (picked or []))


@st.cache_resource(max_entries=64, show_spinner=False)
def _cached_compare_map(
    _atlas: Atlas,
    atlas_id: int,
    region_id: str,
    view: MapView,
    layers: tuple[str, ...],
    passage_url: str,
    language: str,
) -> folium.Map:
    return build_compare_map(_atlas, region_id, view, layers, passage_url=passage_url)


def draw_compare_maps(atlas: Atlas, region_ids: tuple[str, ...], layers: tuple[str, ...]) -> None:
    """The regions side by side, each on its own map, all at one ground scale, with the same layers."""
    ensure_offline_assets()
    views = comparable_views(atlas, region_ids, PAGE_WIDTH // len(region_ids), MAP_HEIGHT)
    st.caption(scale_caption(views) + " " + _("Zoom and pan each map freely."))
    names = {r.id: f"{r.name}, {r.country}" for r in atlas.regions}
    for column, region_id in zip(st.columns(len(region_ids), gap="small"), region_ids, strict=True):
        with column:
            st.markdown(f"**{escape_markdown(names.get(region_id, region_id))}**")
            with st.spinner(_("Drawing the maps…")):
                m = _cached_compare_map(
                    atlas, id(atlas), region_id, views[region_id], layers, app_url(PASSAGE_URL), current_language()
                )
            show_folium_map(m, key=f"compare-map-{region_id}-{'-'.join(layers) or 'none'}", height=MAP_HEIGHT)


def draw_matrix(atlas: Atlas, region_ids: tuple[str, ...]) -> None:
    """The comparison matrix: layers (and kinds of response) by region, each feature linked to its evidence (with
    the Andean countries as a context column when two Andean regions are compared); under it, the scopes'
    statements that bear on the compared regions but are not a column (worldwide; the Andes for one region)."""
    st.caption(_("Open an entry (▸) to read its first quote here; follow its name for all its evidence on its map."))
    st.html(matrix_html(atlas, comparison_matrix(atlas, region_ids)))
    notes = scope_notes_html(atlas, region_ids)
    if notes:
        st.caption(
            _(
                "The interview also speaks about places beyond these regions as a whole; these statements are "
                "about no one place (each opens on the overview):"
            )
        )
        st.html(notes)


def draw_chart(atlas: Atlas, region_ids: tuple[str, ...]) -> None:
    """Features per layer and kind in each region: one bar per layer, stacked by kind, a panel per region."""
    rows = kind_counts(atlas, region_ids)
    if not rows:
        st.info(_("These regions have no features to count."))
        return
    shown = {row["layer"]: row["layer_label"] for row in rows}  # veta.compare names the layers
    labels = [str(shown.get(layer, _(LAYER_LABELS[layer]))) for layer in LAYERS]
    names = [r.name for r in atlas.regions if r.id in region_ids]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("sum(count):Q", title=_("Features")),
            y=alt.Y("layer_label:N", sort=labels, title=None),
            color=alt.Color(
                "layer_label:N",
                scale=alt.Scale(domain=labels, range=[LAYER_COLOURS[layer] for layer in LAYERS]),
                legend=None,
            ),
            detail="kind:N",
            tooltip=[
                alt.Tooltip("region_name:N", title=_("Region")),
                alt.Tooltip("layer_label:N", title=_("Layer")),
                alt.Tooltip("kind:N", title=_("Kind")),
                alt.Tooltip("count:Q", title=_("Features")),
            ],
            column=alt.Column("region_name:N", title=None, sort=names),
        )
        .properties(width=max(160, 900 // len(region_ids) - 60), height=170)
    )
    st.altair_chart(chart, width="content")
    st.caption(_("Each bar is split by kind (hover a segment to see which); colours are the map's layer colours."))


def draw_unique(atlas: Atlas, region_ids: tuple[str, ...]) -> None:
    """The kinds of things each region has that the other compared regions lack."""
    st.html(unique_kinds_html(atlas, region_ids))
