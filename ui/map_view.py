"""Showing Veta's maps in Streamlit: offline assets once per process, cached maps, clicks back to feature ids.

The maps are built by pure functions in `veta.maps`. Turning a folium map into what the streamlit-folium
component needs (rendering every popup's template, ~0.5–2 s for a region map on a busy 2-core machine) is done
once per map and cached here, as the component's arguments; each script run then only hands those cached
arguments to the component, so a rerun caused by an unrelated widget costs milliseconds and the browser keeps
its map. The preparation is the same as `st_folium`'s (streamlit-folium 0.27.4, pinned; a test compares the
two), done on a deep copy, since `st_folium` renames element ids in the map it is given.

Only the clicked object's tooltip is returned from the browser, so panning and zooming never rerun the script;
the tooltip carries the feature id (see `veta.maps.feature_id_from_tooltip`).
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator
from dataclasses import dataclass

import folium
import streamlit as st
import streamlit_folium
from folium.elements import JSCSSMixin

from veta.assets import configure_folium_offline, install_offline_assets
from veta.maps import build_overview_map, build_region_map, feature_id_from_tooltip
from veta.model import Atlas
from veta.paths import PROJECT_DIR

STATIC_DIR = PROJECT_DIR / "static"
MAP_HEIGHT = 620
OVERVIEW_HEIGHT = 420
RETURNED = ("last_object_clicked_tooltip",)
"""What the map reports back: only the tooltip of a clicked object (it holds the feature id)."""


@dataclass(frozen=True)
class MapPayload:
    """A folium map prepared for the streamlit-folium component, exactly as `st_folium` prepares it."""

    script: str
    header: str
    html: str
    map_id: str
    bounds: tuple[tuple[float | None, float | None], tuple[float | None, float | None]]
    zoom: int | None
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]


def prepare_map(m: folium.Map) -> MapPayload:
    """Render a deep copy of the map into the component's script, header, html and asset links."""
    fig = copy.deepcopy(m)
    fig.get_root().render()
    fig.render()
    html = streamlit_folium._get_html(fig)
    header = streamlit_folium._get_header(fig)
    script = streamlit_folium._get_map_string(fig)
    css: list[str] = []
    js: list[str] = []

    def walk(element: object) -> Iterator[object]:
        if isinstance(element, JSCSSMixin):  # the elements that bring JS/CSS files (Veta's maps: only the Map)
            yield element
        for child in getattr(element, "_children", {}).values():
            yield from walk(child)

    for element in walk(fig):
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
    south_west, north_east = fig.get_bounds()
    return MapPayload(
        script=script,
        header=header,
        html=html,
        map_id=streamlit_folium.get_full_id(fig),
        bounds=(tuple(south_west), tuple(north_east)),
        zoom=fig.options.get("zoom"),
        css_links=tuple(dict.fromkeys(css)),
        js_links=tuple(dict.fromkeys(js)),
    )


@functools.lru_cache(maxsize=512)
def _component_key(script: str, key: str) -> str:
    """streamlit-folium's widget key for this map and key (a hash of the script; memoised, the script is long)."""
    return streamlit_folium.generate_js_hash(script, key, False)


def show_payload(payload: MapPayload, *, key: str, height: int) -> dict | None:
    """Hand a prepared map to the streamlit-folium component (what `st_folium` does after preparing)."""
    hash_key = _component_key(payload.script, key)
    (south, west), (north, east) = payload.bounds
    everything = {
        "last_clicked": None,
        "last_object_clicked": None,
        "last_object_clicked_count": None,
        "last_object_clicked_tooltip": None,
        "last_object_clicked_popup": None,
        "all_drawings": None,
        "last_active_drawing": None,
        "bounds": {"_southWest": {"lat": south, "lng": west}, "_northEast": {"lat": north, "lng": east}},
        "zoom": payload.zoom,
        "last_circle_radius": None,
        "last_circle_polygon": None,
        "selected_layers": None,
        "selected_tags": None,
        "last_geocoder_result": None,
    }

    def on_change() -> None:
        st.session_state[key] = st.session_state.get(hash_key, {})

    return streamlit_folium._component_func(
        script=payload.script,
        header=payload.header,
        html=payload.html,
        id=payload.map_id,
        key=hash_key,
        height=height,
        width=None,
        returned_objects=list(RETURNED),
        default={k: v for k, v in everything.items() if k in RETURNED},
        zoom=None,
        center=None,
        feature_group=None,
        return_on_hover=False,
        layer_control=None,
        pixelated=False,
        css_links=list(payload.css_links),
        js_links=list(payload.js_links),
        on_change=on_change,
        wrap_longitude=False,
    )


@st.cache_resource(show_spinner=False)
def ensure_offline_assets() -> bool:
    """Copy Leaflet/jQuery into static/vendor and point folium at them; once per server process."""
    install_offline_assets(STATIC_DIR)
    configure_folium_offline()
    return True


@st.cache_resource(max_entries=128, show_spinner="Drawing the map…")
def _region_payload(
    _atlas: Atlas, atlas_id: int, region_id: str, selected_feature_id: str | None, online_tiles: bool
) -> MapPayload:
    m = build_region_map(_atlas, region_id, selected_feature_id=selected_feature_id, online_tiles=online_tiles)
    return prepare_map(m)


@st.cache_resource(max_entries=4, show_spinner="Drawing the map…")
def _overview_payload(_atlas: Atlas, atlas_id: int) -> MapPayload:
    return prepare_map(build_overview_map(_atlas))


def clicked_id(value: object) -> str | None:
    """The feature (or region) id in what the map returned after a click, if any."""
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
    payload = _region_payload(atlas, id(atlas), region_id, selected_feature_id, online_tiles)
    return clicked_id(show_payload(payload, key=key, height=MAP_HEIGHT))


def show_overview_map(atlas: Atlas, *, key: str = "overview-map") -> str | None:
    """Draw the three focus regions on a world view; return the id of a region the user clicked, or None."""
    ensure_offline_assets()
    payload = _overview_payload(atlas, id(atlas))
    return clicked_id(show_payload(payload, key=key, height=OVERVIEW_HEIGHT))
