"""Every map page shows its map through this module: region pages, the overview, tour steps and compare.

Two paths, chosen per page by measurement (docs/decisions/0001-map-display-paths.md):

- **map file** (region pages, overview, tour steps): the map `veta` builds is written once into `static/maps/`
  (content-addressed, `veta.map_files`), which Streamlit serves at `/app/static/maps/`; one public components-v2
  element (`ui/map_display.js`) holds its iframe, relays the map's clicks and sends it the selection. The
  browser loads the map and Leaflet directly and caches them; the map never travels over the websocket; a
  rerun that keeps the map sends a few hundred bytes. With `serve.py` the map is also preloaded while
  Streamlit starts (`ui.internals`, optional).
- **streamlit-folium** (compare): `st_folium` of the cached folium map, for pages where a map is not on the
  critical path of a lesson.

Selection without a rebuild (DESIGN.md, "Map <-> page messages"): a region map that speaks the messages is one
file for every selection; the page sends `{type: "veta:select", id}` to the map already drawn, and a deep link
loads it with `#feature=<id>`. A map that does not speak them is given as one file per selection (the frame
then loads the new file): slower, never wrong.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import folium
import streamlit as st

from ui.data import cached_with_spinner
from ui.internals import REMEMBERED_MAPS, Preload, app_base_path, canonical_key, map_slot_key
from ui.links import REGION_PAGES
from veta.assets import DEFAULT_BASE_URL, configure_folium_offline, install_offline_assets, without_jquery
from veta.escape import escape_text
from veta.i18n import N_, _, current_language, format_number, language_query, localized_link
from veta.map_files import MAPS_DIRNAME, write_map_file
from veta.maps import PASSAGE_URL, REGION_URL, build_overview_map, build_region_map, map_html
from veta.model import Atlas
from veta.paths import PROJECT_DIR
from veta.tours import Tour, TourStep

STATIC_DIR = PROJECT_DIR / "static"
MAPS_DIR = STATIC_DIR / MAPS_DIRNAME
MAPS_URL = f"/app/static/{MAPS_DIRNAME}/"
"""Where Streamlit serves `static/maps/` (`[server] enableStaticServing = true`), under `app_url`."""
MAP_HEIGHT = 620
OVERVIEW_HEIGHT = 420
STEP_HEIGHT = 520
PROJECTOR_HEIGHT = "calc(100vh - 140px)"
"""A projected region map fills the screen under the page's title (so the map and its panel share one screen)."""
PROJECTOR_STEP_HEIGHT = "calc(100vh - 230px)"
"""A projected tour map fills the screen under the tour's title, buttons and step title."""
COMPONENT_NAME = "veta.map_display"
SELECT_MESSAGE = "veta:select"
"""A map file that contains this handles the page's selection messages (DESIGN.md)."""
MAP_LINK_TEXT = N_("Open this map on a page of its own")
"""The link under every map (in the run's language: `_(MAP_LINK_TEXT)`)."""
_MAP_LINK = re.compile(r"\[([^\]]+)\]\((\S*/app/static/maps/\S+) \"([^\"]*)\"\)")
DRAWING_MESSAGE = N_("Drawing the map…")
_HERE = Path(__file__).parent

_display = st.components.v2.component(
    COMPONENT_NAME,
    html='<div class="veta-map-display"></div>',
    js=(_HERE / "map_display.js").read_text("utf-8"),
    isolate_styles=False,
)


@dataclass(frozen=True)
class MapFile:
    """One map as a page shows it: its file's address, the iframe's title, its height (pixels) and whether it
    selects features in place (`speaks_messages`), with the ids it can select."""

    src: str
    title: str
    height: int
    messages: bool = False
    ids: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class MapEvents:
    """What the user just did on a map: the feature (or region) clicked, the key action (`prev`, `next`)."""

    clicked: str | None = None
    key: str | None = None


def speaks_messages(html: str) -> bool:
    """Whether a map document handles `{type: "veta:select"}` (and `#feature=` at load)."""
    return SELECT_MESSAGE in html


def map_link_markdown(shown: MapFile) -> str:
    """The Markdown link under a map to its file (a way to open the map on its own page; tests read it too, and
    ui/internals.js, to tell whether a preloaded map is this one)."""
    title = " ".join(shown.title.splitlines())  # a blank line would end the link and start Markdown of its own
    return f'[{_(MAP_LINK_TEXT)}]({shown.src} "{escape_text(title)}")'


def parse_map_link(markdown: str) -> tuple[str, str] | None:
    """(map file address, title) of the map link in `markdown` (`map_link_markdown`), if it holds one."""
    import html

    found = _MAP_LINK.search(markdown)
    return (found[2], html.unescape(found[3])) if found else None


def app_url(path: str) -> str:
    """An absolute address inside the app (`/passages`, `/app/static/…`) under `server.baseUrlPath`, if any."""
    return app_base_path() + path


@st.cache_resource(show_spinner=False)
def ensure_offline_assets() -> bool:
    """Copy Leaflet/jQuery into static/vendor and point folium at them; once per server process."""
    install_offline_assets(STATIC_DIR)
    configure_folium_offline(app_url(DEFAULT_BASE_URL))
    return True


def map_url(html: str, stem: str) -> str:
    """The address of the map file holding `html` (written now if it is not there yet)."""
    return app_url(MAPS_URL) + write_map_file(html, MAPS_DIR, stem)


# ----------------------------------------------------------------------------------- the maps veta builds


@cached_with_spinner(DRAWING_MESSAGE, max_entries=128)
def _region_html(_atlas: Atlas, atlas_id: int, region_id: str, selected: str | None, base: str, language: str) -> str:
    # the passages' links keep the language (`language` in the key: the link differs, the atlas may not)
    m = build_region_map(
        _atlas,
        region_id,
        selected_feature_id=selected,
        online_tiles=True,
        passage_url=localized_link(base + PASSAGE_URL),
        report_clicks=True,
    )
    return map_html(without_jquery(m, base + DEFAULT_BASE_URL))


@cached_with_spinner(DRAWING_MESSAGE, max_entries=8)
def _overview_html(_atlas: Atlas, atlas_id: int, base: str, language: str) -> str:
    # the regions' links keep the language (`language` is in the key: the link differs, the atlas may not)
    m = build_overview_map(_atlas, region_url=localized_link(base + REGION_URL), report_clicks=True)
    return map_html(without_jquery(m, base + DEFAULT_BASE_URL))


@cached_with_spinner(DRAWING_MESSAGE, max_entries=64)
def _step_html(
    _atlas: Atlas, atlas_id: int, tour_id: str, number: int, _step: TourStep, base: str, language: str
) -> str:
    from veta.handout import build_step_map

    m = build_step_map(_atlas, _step, passage_url=localized_link(base + PASSAGE_URL))
    return map_html(without_jquery(m, base + DEFAULT_BASE_URL))


def region_map_file(atlas: Atlas, region_id: str, selected: str | None = None) -> MapFile:
    """A region's map as its page shows it: one file for every selection if the map selects in place, else the
    file drawn with that selection (written if it is not there yet)."""
    ensure_offline_assets()
    ids = frozenset(f.id for f in atlas.features_in(region_id))
    base = app_base_path()
    language = current_language()
    html = _region_html(atlas, id(atlas), region_id, None, base, language)
    messages = speaks_messages(html)
    if not messages and selected in ids:
        html = _region_html(atlas, id(atlas), region_id, selected, base, language)
    region = atlas.region(region_id)
    return MapFile(
        src=map_url(html, region_id),
        title=_("Map of {region}, {country}").format(region=region.name, country=region.country),
        height=MAP_HEIGHT,
        messages=messages,
        ids=ids,
    )


def overview_map_file(atlas: Atlas) -> MapFile:
    """The overview's map of the three regions (its file written if it is not there yet)."""
    ensure_offline_assets()
    html = _overview_html(atlas, id(atlas), app_base_path(), current_language())
    return MapFile(src=map_url(html, "overview"), title=_("Map of the three regions"), height=OVERVIEW_HEIGHT)


def step_map_file(atlas: Atlas, tour: Tour, number: int) -> MapFile:
    """A tour step's map: its region, moved to the step's view, its features ringed."""
    ensure_offline_assets()
    step = tour.step(number)
    html = _step_html(atlas, id(atlas), tour.id, number, step, app_base_path(), current_language())
    region = atlas.region(step.view.region)
    return MapFile(
        src=map_url(html, f"tour-{tour.id}-{number}"),
        title=_("Map of step {number}: {region}, {country}").format(
            number=format_number(number), region=region.name, country=region.country
        ),
        height=STEP_HEIGHT,
    )


# ----------------------------------------------------------------------------------- showing a map file


def _event(key: str, name: str) -> str | None:
    value = st.session_state.get(key)
    found = getattr(value, name, None) if value is not None else None
    if found is None and isinstance(value, dict):
        found = value.get(name)
    return found if isinstance(found, str) else None


def show_map_file(
    shown: MapFile,
    *,
    key: str,
    address: str,
    selected: str | None = None,
    height: str | None = None,
    note: str = "",
    keys: dict[str, str] | None = None,
    prefetch: Mapping[str, str] | None = None,
    on_click: Callable[[str], None] | None = None,
    on_key: Callable[[str], None] | None = None,
) -> MapEvents:
    """Show a map file in the page; return what the user just did on it.

    `address`: the page's canonical key (`ui.internals.canonical_key`): the next load of that address preloads
    this map. `selected`: the feature shown selected (sent to the map, not drawn into a new file). `height`: a
    CSS length (default: the map's own height in pixels). `keys`: key name → action sent as `MapEvents.key`
    (and to `on_key`), also while the map has focus. `on_click`/`on_key`: called before the page's script runs
    (a selection written there is one rerun and one history entry). `note`: Markdown after the map's link.
    `prefetch`: action → the map file that action shows (fetched ahead, and loaded in the frame as soon as the key
    is pressed, while the page's script runs).
    """
    REMEMBERED_MAPS.remember(address, Preload(shown.src, shown.title, shown.height, shown.ids))

    def clicked() -> None:
        found = _event(key, "clicked")
        if found is not None and on_click is not None:
            on_click(found)

    def pressed() -> None:
        found = _event(key, "key")
        if found is not None and on_key is not None:
            on_key(found)

    # The element and its caption in one keyed container: drawn with the page's title, it is where
    # ui/internals.js shows a preloaded map until the element (loaded lazily) mounts.
    with st.container(key=map_slot_key(key)):
        result = _display(
            data={
                "src": shown.src,
                "title": shown.title,
                "height": height or f"{int(shown.height)}px",
                "selected": selected if selected in shown.ids else None,
                "messages": shown.messages,
                "keys": keys,
                "prefetch": dict(prefetch or {}),
            },
            key=key,
            on_clicked_change=clicked,
            on_key_change=pressed,
        )
        st.caption(f"{map_link_markdown(shown)}. {note}".strip())
    found_click = getattr(result, "clicked", None)
    found_key = getattr(result, "key", None)
    return MapEvents(
        clicked=found_click if isinstance(found_click, str) else None,
        key=found_key if isinstance(found_key, str) else None,
    )


def show_region_map(
    atlas: Atlas,
    region_id: str,
    *,
    selected: str | None = None,
    key: str = "region-map",
    address: str | None = None,
    height: str | None = None,
    note: str = "",
    on_click: Callable[[str], None] | None = None,
) -> MapEvents:
    """Draw a region's map with `selected` highlighted; `on_click(feature id)` when the user picks one on it."""
    shown = region_map_file(atlas, region_id, selected)
    return show_map_file(
        shown,
        key=key,
        address=address or canonical_key(REGION_URL.format(region_id=region_id), language_query()),
        selected=selected,
        height=height,
        note=note,
        on_click=on_click,
    )


def show_overview_map(atlas: Atlas, *, key: str = "overview-map") -> str | None:
    """Draw the three focus regions on a world view; return the id of a region the user clicked, or None."""
    return show_map_file(overview_map_file(atlas), key=key, address=canonical_key("/", language_query())).clicked


def show_step_map(
    atlas: Atlas,
    tour: Tour,
    number: int,
    *,
    projector: bool,
    on_key: Callable[[str], None],
) -> MapEvents:
    """A tour step's map; ← and → (also while the map has focus) call `on_key("prev" | "next")`. The maps of
    the steps before and after are prefetched, and a key loads the next one at once, while the page's script runs."""
    shown = step_map_file(atlas, tour, number)
    around = {action: n for action, n in (("next", number + 1), ("prev", number - 1)) if 1 <= n <= len(tour.steps)}
    return show_map_file(
        shown,
        key=f"tour-map-{tour.id}",  # one element for every step: the frame stays, the next file loads in it
        address=canonical_key("/tour", {"tour": tour.id, "step": str(number), **language_query()}),
        height=PROJECTOR_STEP_HEIGHT if projector else None,
        keys={"ArrowLeft": "prev", "ArrowRight": "next"},
        prefetch={action: step_map_file(atlas, tour, n).src for action, n in around.items()},
        on_key=on_key,
    )


def remember_default_maps(atlas: Atlas) -> None:
    """Build the maps of the pages' plain addresses (`/`, `/<region id>`) and remember them, so that even the
    first load of those addresses after a start preloads its map (`ui.internals.prepare_maps_at_start`)."""
    shown = overview_map_file(atlas)
    REMEMBERED_MAPS.remember(canonical_key("/"), Preload(shown.src, shown.title, shown.height, shown.ids))
    for region in atlas.regions:
        if region.id in REGION_PAGES:
            shown = region_map_file(atlas, region.id)
            address = canonical_key(REGION_URL.format(region_id=region.id))
            REMEMBERED_MAPS.remember(address, Preload(shown.src, shown.title, shown.height, shown.ids))


# ----------------------------------------------------------------------------------- streamlit-folium


def show_folium_map(m: folium.Map, *, key: str, height: int) -> None:
    """Show a (cached) folium map with `st_folium`: a copy, since st_folium renames the map's elements in place;
    nothing returned on pan or zoom (no rerun)."""
    # Imported here, in a page's run: importing streamlit_folium declares its component, which must happen
    # in the running app, not in serve.py's start-up thread (which imports this module to prepare the maps).
    from streamlit_folium import st_folium

    ensure_offline_assets()
    st_folium(copy.deepcopy(m), key=key, height=height, use_container_width=True, returned_objects=[])
