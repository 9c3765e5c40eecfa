"""ui/map_frames.py: the maps' slots, their links, and the map each page address showed last.

What the script does with them in a browser (placing a frame, moving a preloaded one without reloading it) is
tested in tests/browser/test_map_frames_browser.py.
"""

from __future__ import annotations

import re

import pytest

from ui.map_frames import (
    MAP_FRAMES_JS,
    MAX_FRAME_CHARS,
    MAX_KEY_CHARS,
    MAX_REMEMBERED,
    MapFrame,
    RememberedMaps,
    address_key,
    frames_script_html,
    map_link_markdown,
    parse_map_link,
    slot_key,
)

JADE = MapFrame(src="/app/static/maps/kachin-0123456789abcdef.html", title="Map of Kachin, Myanmar", height=620)


def test_slot_key_carries_the_height_the_script_reads() -> None:
    key = slot_key(620, "map-kachin")
    assert key == "veta-map-620-map-kachin"
    # the script's own pattern for the slot's class (st-key-<key>)
    pattern = re.search(r"var SLOT_HEIGHT = /(.+)/;", MAP_FRAMES_JS)[1].replace("\\/", "/")
    assert re.search(pattern.replace("(?:^|\\s)", r"(?:^|\s)"), f"stVerticalBlock st-key-{key} css-1")[1] == "620"


@pytest.mark.parametrize(
    "title", ["Map of Kachin, Myanmar", 'Map of "Chocó" [draft]', "`${alert(1)}` <b>bold</b> & \\ (x)"]
)
def test_map_link_round_trip(title: str) -> None:
    frame = MapFrame(src=JADE.src, title=title, height=620)
    markdown = map_link_markdown(frame)
    assert parse_map_link(markdown) == (JADE.src, title)
    assert parse_map_link(f"{markdown}. The base map is drawn from shipped data.") == (JADE.src, title)
    assert "<" not in markdown and "`" not in markdown and "${" not in markdown  # Markdown shows it as text


def test_other_text_is_no_map_link() -> None:
    assert parse_map_link("[Read the interview](/passages)") is None
    assert parse_map_link("Open this map on a page of its own") is None


def test_address_key_ignores_trailing_slash_and_streamlits_own_parameters() -> None:
    key = address_key("/kachin", [("feature", "kachin-jade")])
    assert key == "/kachin?feature=kachin-jade"
    assert address_key("kachin/", [("embed", "true"), ("feature", "kachin-jade")]) == key
    assert address_key("/kachin", []) == "/kachin" != key
    assert address_key("", []) == address_key("/", []) == "/"


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/kachin", [("feature", "b"), ("feature", "a")]),  # repeated
        ("/kachin", [("x", "1")]),  # a parameter that does not change the map
        ("/kachin", [("feature", "kachin-jade"), ("x", "1")]),
        ("/kachin", [("feature", "😀" * 100_000)]),  # the attack: 100,000 emoji
        ("/kachin", [("feature", "Kachin Jade")]),  # not an id
        ("/kachin", [("feature", "a" * 300)]),  # too long to be an id
        ("/Kachin", []),  # not a page path
        ("/" + "a" * 300, []),
        ("/kachin/more", []),
    ],
)
def test_only_canonical_addresses_have_a_key(path: str, query: list[tuple[str, str]]) -> None:
    assert address_key(path, query) is None


def test_remembered_maps_keep_nothing_for_no_key_or_oversized_values() -> None:
    maps = RememberedMaps()
    maps.remember(None, JADE)
    maps.remember("/" + "a" * (MAX_KEY_CHARS + 1), JADE)
    maps.remember("/kachin", MapFrame(src=JADE.src, title="t" * MAX_FRAME_CHARS, height=620))
    assert len(maps) == 0 and maps.size_chars() == 0 and maps.lookup(None) is None


def test_remembered_maps_are_bounded_in_count_and_size() -> None:
    maps = RememberedMaps(limit=MAX_REMEMBERED)
    big = MapFrame(src="/app/static/maps/" + "m" * 900 + ".html", title="t" * 1000, height=620)
    for n in range(3 * MAX_REMEMBERED):
        maps.remember(address_key("/kachin", [("feature", f"feature-{n}-" + "a" * 60)]), big)
    assert len(maps) == MAX_REMEMBERED
    assert maps.size_chars() <= MAX_REMEMBERED * (MAX_KEY_CHARS + MAX_FRAME_CHARS) < 1_300_000


def test_remembered_maps_keep_the_last_and_drop_the_least_recently_used() -> None:
    maps = RememberedMaps(limit=2)
    other = MapFrame(src="/app/static/maps/choco-0123456789abcdef.html", title="Map of Chocó", height=620)
    maps.remember("/kachin", other)
    maps.remember("/kachin", JADE)
    assert maps.lookup("/kachin") == JADE and len(maps) == 1
    maps.remember("/choco", other)
    maps.lookup("/kachin")  # used: /choco is now the least recently used
    maps.remember("/", other)
    assert maps.lookup("/choco") is None and maps.lookup("/kachin") == JADE and len(maps) == 2


def test_the_script_can_be_inlined_and_accepts_only_map_files() -> None:
    assert "</script" not in MAP_FRAMES_JS.lower() and "<!--" not in MAP_FRAMES_JS
    assert frames_script_html().startswith("<script>") and frames_script_html().endswith("</script>")
    pattern = re.search(r"var MAP_FILE = /(.+)/;", MAP_FRAMES_JS)[1].replace("\\/", "/")
    for good in (JADE.src, "/veta/app/static/maps/overview-0123456789abcdef.html"):
        assert re.fullmatch(pattern, good), good
    for bad in (
        "javascript:alert(1)",
        "https://example.org/app/static/maps/x.html",
        "/app/static/maps/../x.html",
        "/app/static/vendor/leaflet/leaflet.js",
        "//evil/app/static/maps/x.html",
    ):
        assert not re.fullmatch(pattern, bad), bad


def test_the_plain_addresses_maps_are_remembered_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """What serve.py's lifespan does (ui.server.prepare_maps_at_start): the first load of `/` or a region page after
    a start preloads the same map its page then shows."""
    import ui.map_view
    import ui.server
    from ui.map_view import MAPS_DIR, MAPS_URL, overview_map_frame, region_map_frame
    from veta.atlas import load_atlas

    remembered = RememberedMaps()
    monkeypatch.setattr(ui.map_view, "REMEMBERED_MAPS", remembered)
    ui.server.prepare_default_maps()
    atlas = load_atlas()
    assert len(remembered) == 1 + len(atlas.regions)
    assert remembered.lookup(address_key("/", [])) == overview_map_frame(atlas)
    for region in atlas.regions:
        frame = remembered.lookup(address_key(f"/{region.id}", []))
        assert frame == region_map_frame(atlas, region.id) and frame.height == 620
        assert (MAPS_DIR / frame.src.removeprefix(MAPS_URL)).is_file()
