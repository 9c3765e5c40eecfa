"""ui/map_display.py: one module shows every map; the map file path, its element's data, the selection sent to
the map already drawn, and what the next load of the address preloads. The element's JavaScript is tested in a
real browser (tests/browser/test_map_display_browser.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.internals
import ui.map_display
from ui.internals import RememberedMaps, canonical_key
from ui.map_display import (
    COMPONENT_NAME,
    MAP_HEIGHT,
    MAPS_DIR,
    MAPS_URL,
    MapFile,
    map_link_markdown,
    parse_map_link,
    speaks_messages,
)

UI = Path(ui.map_display.__file__).parent


def _script() -> None:
    import streamlit as st

    from ui.data import get_atlas
    from ui.map_display import show_region_map

    events = show_region_map(
        get_atlas(),
        "kachin",
        selected=st.query_params.get("feature"),
        key="test-map",
        on_click=lambda fid: st.session_state.__setitem__("clicked", fid),
    )
    st.write(f"clicked={events.clicked} callback={st.session_state.get('clicked')}")


@pytest.fixture
def remembered(monkeypatch: pytest.MonkeyPatch) -> RememberedMaps:
    table = RememberedMaps()
    monkeypatch.setattr(ui.internals, "REMEMBERED_MAPS", table)
    monkeypatch.setattr(ui.map_display, "REMEMBERED_MAPS", table)
    return table


def _element(at: AppTest):  # noqa: ANN202
    (element,) = [e for e in at.get("bidi_component") if e.proto.component_name == COMPONENT_NAME]
    return element


def test_a_region_map_is_a_file_in_the_display_element(remembered: RememberedMaps) -> None:
    at = AppTest.from_function(_script, default_timeout=60)
    at.query_params["feature"] = "kachin-jade"
    at.run()
    assert not at.exception
    data = json.loads(_element(at).proto.json)
    assert re.fullmatch(re.escape(MAPS_URL) + r"kachin-[0-9a-f]{16}\.html", data["src"]), data["src"]
    assert data["title"] == "Map of Kachin, Myanmar" and data["height"] == f"{MAP_HEIGHT}px"
    assert data["selected"] == "kachin-jade"
    assert not at.get("iframe") and not at.get("component_instance")  # no st.iframe, no st_folium
    # the link under the map opens the same file on its own
    assert parse_map_link(at.caption[0].value) == (data["src"], data["title"])
    written = (MAPS_DIR / data["src"].removeprefix(MAPS_URL)).read_text(encoding="utf-8")
    # the map reports clicks to the page: veta-map.js (loaded next to Leaflet) posts veta:feature when asked to
    assert "/veta/veta-map.js" in written and '"report": true' in written
    # the next load of the region's address preloads this map, whatever the feature
    found = remembered.lookup(canonical_key("/kachin"))
    assert found is not None and found.src == data["src"] and "kachin-jade" in found.ids
    assert len(remembered) == 1


def test_the_selection_is_sent_not_drawn_when_the_map_speaks_messages(
    remembered: RememberedMaps, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A map that handles `veta:select` is one file for every selection; one that does not gets one per selection."""
    at = AppTest.from_function(_script, default_timeout=60)
    at.run()
    plain = json.loads(_element(at).proto.json)
    at.query_params["feature"] = "kachin-jade"
    at.run()
    chosen = json.loads(_element(at).proto.json)
    assert chosen["messages"] == speaks_messages((MAPS_DIR / plain["src"].removeprefix(MAPS_URL)).read_text("utf-8"))
    if chosen["messages"]:
        assert chosen["src"] == plain["src"]
    else:
        assert chosen["src"] != plain["src"]  # the map drawn with the selection (until veta.maps selects in place)


def test_a_click_in_the_map_reaches_the_callback_before_the_run() -> None:
    from tests.pages.conftest import send_trigger

    at = AppTest.from_function(_script, default_timeout=60)
    at.run()
    send_trigger(at, COMPONENT_NAME, "clicked", "kachin-amber")
    assert [m.value for m in at.markdown] == ["clicked=kachin-amber callback=kachin-amber"]
    at.run()  # a trigger is reported once
    assert [m.value for m in at.markdown] == ["clicked=None callback=kachin-amber"]


def test_speaks_messages() -> None:
    assert speaks_messages('addEventListener("message", … "veta:select" …)')
    assert not speaks_messages("<html>a map that only reports clicks: veta:feature</html>")


@pytest.mark.parametrize("title", ["Map of Chocó, Colombia", 'A "quoted" <b>title</b> & more'])
def test_map_link_round_trip(title: str) -> None:
    shown = MapFile(src="/app/static/maps/choco-0123456789abcdef.html", title=title, height=620)
    assert parse_map_link(map_link_markdown(shown)) == (shown.src, title)


def test_both_scripts_make_the_same_frame() -> None:
    """ui/internals.js (preloaded frame) and ui/map_display.js (the public path) make the frame alike."""
    sandbox = re.compile(r'"(allow-forms[^"]*)"\s*(?:\+\s*"([^"]*)")?')
    found = []
    for name in ("internals.js", "map_display.js"):
        text = (UI / name).read_text("utf-8")
        match = sandbox.search(text)
        assert match, name
        found.append((match[1] + (match[2] or "")).split())
        assert 'className = "veta-map-frame"' in text and "#feature=" in text
    assert found[0] == found[1]
