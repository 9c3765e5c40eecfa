"""Showing Veta's maps in Streamlit: each map a static file in an iframe, clicks reported back as feature ids.

The maps are built by pure functions in `veta.maps` and written once per distinct map into `static/maps/`
(`veta.map_files`, content-addressed), which Streamlit serves at `/app/static/maps/`. The page draws the map's
slot (`ui.map_frames`): a container with a link to the map file, into which `ui/map_frames.js` puts the map's
iframe, or moves the map the page preloaded while Streamlit was starting. An invisible components-v2 element
(`veta.map_clicks`) relays the map's click messages (`veta.maps`'s `report_clicks`) as a trigger value, and
brings `ui/map_frames.js` where `serve.py` did not. So the browser loads the map and Leaflet directly (the map
files need no jQuery: `veta.assets.without_jquery`), the map never travels over the websocket, a rerun that
keeps the map sends a few hundred bytes, and panning or zooming never reruns the script. (streamlit-folium's
component, used by the compare and tour pages, loads its bundle, then Leaflet and jQuery one after another,
from inside the component's iframe: on a region page that cost 0.4–0.6 s more; see docs/performance.md.)
"""

from __future__ import annotations

import streamlit as st

from ui.links import REGION_PAGES
from ui.map_frames import (
    IGNORED_QUERY_KEYS,
    MAP_FRAMES_JS,
    REMEMBERED_MAPS,
    MapFrame,
    address_key,
    map_link_markdown,
    slot_key,
)
from ui.server import app_base_path
from veta.assets import DEFAULT_BASE_URL, configure_folium_offline, install_offline_assets, without_jquery
from veta.map_files import MAPS_DIRNAME, write_map_file
from veta.maps import PASSAGE_URL, REGION_URL, build_overview_map, build_region_map, map_html
from veta.model import Atlas
from veta.paths import PROJECT_DIR

STATIC_DIR = PROJECT_DIR / "static"
MAPS_DIR = STATIC_DIR / MAPS_DIRNAME
MAPS_URL = f"/app/static/{MAPS_DIRNAME}/"
"""Where Streamlit serves `static/maps/` (`[server] enableStaticServing = true`), under `app_url`."""
MAP_HEIGHT = 620
OVERVIEW_HEIGHT = 420
MAP_LISTENER_COMPONENT = "veta.map_clicks"

MAP_LISTENER_JS = (
    MAP_FRAMES_JS
    + """
export default function ({ data, parentElement, setTriggerValue }) {
    window.vetaMapFrames.install();  // places the maps where serve.py's page did not already
    const relay = (event) => {
        const message = event.data;
        if (event.origin !== window.location.origin || !message || message.type !== "veta:feature") return;
        if (message.map !== data.src || typeof message.id !== "string") return;
        const frames = [...document.querySelectorAll("iframe")];
        if (!frames.some((frame) => frame.contentWindow === event.source)) return;
        setTriggerValue("clicked", message.id);
    };
    // Streamlit calls this again when `data` changes and keeps only the last cleanup: replace, don't stack.
    if (parentElement.vetaRelay) window.removeEventListener("message", parentElement.vetaRelay);
    parentElement.vetaRelay = relay;
    window.addEventListener("message", relay);
    return () => window.removeEventListener("message", relay);
}
"""
)
"""Relays the click messages of the map whose address is `data.src` (fixed code; the address comes as data)."""

_map_clicks = st.components.v2.component(MAP_LISTENER_COMPONENT, js=MAP_LISTENER_JS)


def show_map_file(
    frame: MapFrame, *, key: str, address: str, note: str = "", selected_feature_id: str | None = None
) -> str | None:
    """Show a map file; return the id of the feature (or region) just clicked, if any.

    `address` is the page's own path (`/kachin`, `/` for the overview): with the page's query it names the
    address that shows this map, which the next load of that address preloads (`ui.map_frames`). Only canonical
    addresses are remembered: the page's path, with `?feature=<id>` when the page's address asks for exactly the
    feature the map shows selected (`selected_feature_id`, checked against the atlas); any other query is not
    remembered. `note`: Markdown shown under the map, after the link to open it on its own (one element with
    the link).
    """
    with st.container(key=slot_key(frame.height, key)):
        st.caption(f"{map_link_markdown(frame)}. {note}".strip())
    query = [(name, value) for name in st.query_params for value in st.query_params.get_all(name)]
    shown_query = [("feature", selected_feature_id)] if selected_feature_id else []
    asked = [(name, value) for name, value in query if name not in IGNORED_QUERY_KEYS]
    if asked == shown_query:  # the address is canonical: it names exactly the map shown
        REMEMBERED_MAPS.remember(address_key(address, shown_query), frame)
    result = _map_clicks(data={"src": frame.src}, key=key, height=0, on_clicked_change=lambda: None)
    clicked = getattr(result, "clicked", None)
    return clicked if isinstance(clicked, str) else None


def app_url(path: str) -> str:
    """An absolute address inside the app (`/passages`, `/app/static/…`) under `server.baseUrlPath`, if any."""
    return app_base_path() + path


@st.cache_resource(show_spinner=False)
def ensure_offline_assets() -> bool:
    """Copy Leaflet/jQuery into static/vendor and point folium at them; once per server process."""
    install_offline_assets(STATIC_DIR)
    configure_folium_offline(app_url(DEFAULT_BASE_URL))
    return True


@st.cache_resource(max_entries=128, show_spinner="Drawing the map…")
def _region_map_html(_atlas: Atlas, atlas_id: int, region_id: str, selected_feature_id: str | None, base: str) -> str:
    m = build_region_map(
        _atlas,
        region_id,
        selected_feature_id=selected_feature_id,
        online_tiles=True,
        passage_url=base + PASSAGE_URL,
        report_clicks=True,
    )
    return map_html(without_jquery(m, base + DEFAULT_BASE_URL))


@st.cache_resource(max_entries=4, show_spinner="Drawing the map…")
def _overview_map_html(_atlas: Atlas, atlas_id: int, base: str) -> str:
    m = build_overview_map(_atlas, region_url=base + REGION_URL, report_clicks=True)
    return map_html(without_jquery(m, base + DEFAULT_BASE_URL))


def map_url(html: str, stem: str) -> str:
    """The address of the map file holding `html` (written now if it is not there yet)."""
    return app_url(MAPS_URL) + write_map_file(html, MAPS_DIR, stem)


def region_map_frame(atlas: Atlas, region_id: str, selected_feature_id: str | None = None) -> MapFrame:
    """A region's map as its page shows it, with that feature selected (its file written if it is not there yet).

    The map offers the online base maps in its layer control, off until chosen (the offline basemap is shown).
    """
    ensure_offline_assets()
    if selected_feature_id is not None and selected_feature_id not in {f.id for f in atlas.features_in(region_id)}:
        selected_feature_id = None
    html = _region_map_html(atlas, id(atlas), region_id, selected_feature_id, app_base_path())
    region = atlas.region(region_id)
    return MapFrame(src=map_url(html, region_id), title=f"Map of {region.name}, {region.country}", height=MAP_HEIGHT)


def overview_map_frame(atlas: Atlas) -> MapFrame:
    """The overview's map of the three regions (its file written if it is not there yet)."""
    ensure_offline_assets()
    html = _overview_map_html(atlas, id(atlas), app_base_path())
    return MapFrame(src=map_url(html, "overview"), title="Map of the three regions", height=OVERVIEW_HEIGHT)


def show_region_map(
    atlas: Atlas,
    region_id: str,
    *,
    selected_feature_id: str | None = None,
    key: str = "region-map",
    address: str | None = None,
    note: str = "",
) -> str | None:
    """Draw a region's map; return the id of the feature the user clicked, or None.

    `address`: the path of the page that shows it, if not the region's own page (`/<region id>`); `note`: Markdown
    under the map.
    """
    frame = region_map_frame(atlas, region_id, selected_feature_id)
    shown = selected_feature_id if any(f.id == selected_feature_id for f in atlas.features_in(region_id)) else None
    return show_map_file(
        frame,
        key=key,
        address=address or REGION_URL.format(region_id=region_id),
        note=note,
        selected_feature_id=shown,
    )


def show_overview_map(atlas: Atlas, *, key: str = "overview-map") -> str | None:
    """Draw the three focus regions on a world view; return the id of a region the user clicked, or None."""
    return show_map_file(overview_map_frame(atlas), key=key, address="/")


def remember_default_maps(atlas: Atlas) -> None:
    """Build the maps of the pages' plain addresses (`/`, `/<region id>`) and remember them, so that even the first
    load of those addresses after a start preloads its map (`ui.server.prepare_maps_at_start`)."""
    REMEMBERED_MAPS.remember(address_key("/", []), overview_map_frame(atlas))
    for region in atlas.regions:
        if region.id in REGION_PAGES:
            address = address_key(REGION_URL.format(region_id=region.id), [])
            REMEMBERED_MAPS.remember(address, region_map_frame(atlas, region.id))
