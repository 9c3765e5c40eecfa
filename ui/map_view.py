"""Showing Veta's maps in Streamlit: offline assets once per process, cached maps, clicks back to feature ids.

The maps are built by pure functions in `veta.maps` and cached here. streamlit-folium renames element ids in
the map it is given, so each run hands it a deep copy of the cached map. Only the clicked object's tooltip is
returned from the browser, so panning and zooming never rerun the script; the tooltip carries the feature id.
"""

from __future__ import annotations

import copy

import folium
import streamlit as st
from streamlit_folium import st_folium

from veta.assets import configure_folium_offline, install_offline_assets
from veta.maps import build_overview_map, build_region_map, feature_id_from_tooltip
from veta.model import Atlas
from veta.paths import PROJECT_DIR

STATIC_DIR = PROJECT_DIR / "static"
MAP_HEIGHT = 620
OVERVIEW_HEIGHT = 420
RETURNED = ["last_object_clicked_tooltip"]
"""What the map reports back: only the tooltip of a clicked object (it holds the feature id)."""


@st.cache_resource(show_spinner=False)
def ensure_offline_assets() -> bool:
    """Copy Leaflet/jQuery into static/vendor and point folium at them; once per server process."""
    install_offline_assets(STATIC_DIR)
    configure_folium_offline()
    return True


@st.cache_resource(max_entries=128, show_spinner="Drawing the map…")
def _cached_region_map(
    _atlas: Atlas, atlas_id: int, region_id: str, selected_feature_id: str | None, online_tiles: bool
) -> folium.Map:
    return build_region_map(_atlas, region_id, selected_feature_id=selected_feature_id, online_tiles=online_tiles)


@st.cache_resource(max_entries=4, show_spinner="Drawing the map…")
def _cached_overview_map(_atlas: Atlas, atlas_id: int) -> folium.Map:
    return build_overview_map(_atlas)


def clicked_id(value: object) -> str | None:
    """The feature (or region) id in what st_folium returned after a click, if any."""
    if not isinstance(value, dict):
        return None
    return feature_id_from_tooltip(value.get("last_object_clicked_tooltip"))


def show_region_map(
    atlas: Atlas,
    region_id: str,
    *,
    selected_feature_id: str | None = None,
    online_tiles: bool = False,
    key: str = "region-map",
) -> str | None:
    """Draw a region's map; return the id of the feature the user clicked, or None."""
    ensure_offline_assets()
    if selected_feature_id is not None and selected_feature_id not in {f.id for f in atlas.features_in(region_id)}:
        selected_feature_id = None
    m = _cached_region_map(atlas, id(atlas), region_id, selected_feature_id, online_tiles)
    value = st_folium(
        copy.deepcopy(m),
        key=key,
        height=MAP_HEIGHT,
        use_container_width=True,
        returned_objects=RETURNED,
    )
    return clicked_id(value)


def show_overview_map(atlas: Atlas, *, key: str = "overview-map") -> str | None:
    """Draw the three focus regions on a world view; return the id of a region the user clicked, or None."""
    ensure_offline_assets()
    m = _cached_overview_map(atlas, id(atlas))
    value = st_folium(
        copy.deepcopy(m),
        key=key,
        height=OVERVIEW_HEIGHT,
        use_container_width=True,
        returned_objects=RETURNED,
    )
    return clicked_id(value)
