"""The map documents themselves in a real browser: symbols, statements, messages, selection, legend, land.

The maps are written as files (as the app and the pack write them) with Leaflet and veta-map.js next to them, and
served on 127.0.0.1 by a plain HTTP server, inside a parent page that records the map's messages: these tests
need no Streamlit and see the map-side of the map <-> page contract alone (docs: DESIGN "Map <-> page messages").
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, FrameLocator, Page, expect

from tests.browser.support import SETTLED_JS, free_port
from veta.assets import install_offline_assets, set_map_assets
from veta.atlas import load_atlas
from veta.maps import build_overview_map, build_region_map, map_html
from veta.maps.describe import context_view, is_statement
from veta.model import Atlas, Feature
from veta.symbology import PRECISION_ORDER

PARENT = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>parent</title></head><body style="margin:0">
<iframe id="map" src="{src}" style="border:0;width:{width}px;height:{height}px"></iframe>
<script>
window.messages = [];
window.addEventListener("message", (event) => {{
  if (event.origin === window.location.origin) window.messages.push(event.data);
}});
window.select = (id) => document.getElementById("map").contentWindow.postMessage(
  {{type: "veta:select", id: id}}, window.location.origin);
</script></body></html>"""
"""A page embedding one map, recording what it posts, able to post `veta:select` to it (as the app's page does)."""


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas()


def scoped(atlas: Atlas) -> Atlas:
    """The atlas with two statements moved to the Andean and the worldwide scopes (whatever the content has)."""
    andes = next(s for s in atlas.scopes if s.id == "andes")
    first, second = [f for f in atlas.features if f.precision == "region" and f.region == "choco"][:2]
    moved = {
        first.id: dataclasses.replace(first, region="andes", geometry=andes.geometry),
        second.id: dataclasses.replace(second, region="world", geometry=None),
    }
    return dataclasses.replace(atlas, features=tuple(moved.get(f.id, f) for f in atlas.features))


@pytest.fixture(scope="module")
def site(atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The maps as files under a local HTTP server: `<region>.html`, `overview.html`, and parent pages."""
    root = tmp_path_factory.mktemp("maps")
    install_offline_assets(root)
    for region in atlas.regions:
        m = build_region_map(atlas, region.id, report_clicks=True)
        (root / f"{region.id}.html").write_text(map_html(set_map_assets(m, "vendor")), encoding="utf-8")
    overview = build_overview_map(scoped(atlas), report_clicks=True)
    (root / "overview.html").write_text(map_html(set_map_assets(overview, "vendor")), encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def new_page(browser: Browser) -> Iterator[callable]:
    pages: list[Page] = []

    def make(width: int = 1200, height: int = 800) -> Page:
        page = browser.new_page(viewport={"width": width, "height": height})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.vetaErrors = errors  # type: ignore[attr-defined]
        pages.append(page)
        return page

    yield make
    for page in pages:
        assert page.vetaErrors == [], page.vetaErrors  # type: ignore[attr-defined]
        page.close()


def embedded(page: Page, site: tuple[str, Path], name: str, width: int = 1100, height: int = 700) -> FrameLocator:
    """Open a parent page that embeds `name` (a map file) and return the map's frame once it is drawn."""
    url, root = site
    (root / f"parent-{name}-{width}x{height}.html").write_text(
        PARENT.format(src=name, width=width, height=height), encoding="utf-8"
    )
    page.goto(f"{url}/parent-{name}-{width}x{height}.html")
    frame = page.frame_locator("#map")
    expect(frame.locator("path.veta-outline").first).to_be_attached()
    return frame


def messages(page: Page, kind: str) -> list[dict]:
    return [m for m in page.evaluate("window.messages") if isinstance(m, dict) and m.get("type") == kind]


def drawn_points(atlas: Atlas, region_id: str) -> list[Feature]:
    return [f for f in atlas.features_in(region_id) if f.geometry.geom_type == "Point" and not is_statement(f)]


@pytest.mark.parametrize("region_id", ["choco", "madre-de-dios", "kachin"])
def test_each_precision_class_has_its_own_symbol_in_map_and_legend(
    new_page: callable, site: tuple[str, Path], atlas: Atlas, region_id: str
) -> None:
    page = new_page()
    page.goto(f"{site[0]}/{region_id}.html")
    expect(page.locator("path.veta-outline")).to_have_count(1)
    drawn = {f.precision for f in atlas.features_in(region_id) if not is_statement(f)}
    for precision in drawn:
        markers = page.locator(f".leaflet-marker-icon.veta-precision-{precision}")
        if markers.count() == 0:
            continue  # this class is only drawn as lines here
        first = markers.first
        assert (first.locator("text").count() > 0) == (precision == "inferred")  # the "?" of a place Veta chose
        assert (first.locator(".veta-halo").count() > 0) == (precision == "approximate")  # near a named place
    symbols = []
    for precision in PRECISION_ORDER:  # all four classes, each with its own entry and symbol in the legend
        entry = page.locator(f".veta-legend li.veta-legend-{precision}")
        expect(entry).to_have_count(1)
        symbols.append(entry.locator("svg").first.inner_html())
    assert len(set(symbols)) == len(PRECISION_ORDER)


@pytest.mark.parametrize("region_id", ["choco", "madre-de-dios", "kachin"])
def test_no_two_region_features_are_drawn_at_different_points(
    new_page: callable, site: tuple[str, Path], atlas: Atlas, region_id: str
) -> None:
    page = new_page()
    page.goto(f"{site[0]}/{region_id}.html")
    expect(page.locator("path.veta-outline")).to_have_count(1)
    statements = [f for f in atlas.features_in(region_id) if f.precision == "region"]
    expect(page.locator(".veta-precision-region")).to_have_count(0)  # no region-wide feature reads as a place
    expect(page.locator("button.veta-statement")).to_have_count(len(statements))
    listed = page.locator("button.veta-statement").evaluate_all("(bs) => bs.map((b) => b.dataset.feature)")
    assert sorted(listed) == sorted(f.id for f in statements)


def test_a_statement_is_keyboard_reachable_and_outlines_its_region(
    new_page: callable, site: tuple[str, Path], atlas: Atlas
) -> None:
    page = new_page()
    frame = embedded(page, site, "kachin.html", 1100, 700)  # >= 1024 px: the list starts open
    details = frame.locator("details.veta-statements")
    assert details.evaluate("(d) => d.open")
    statements = [f for f in atlas.features_in("kachin") if f.precision == "region"]
    frame.locator("details.veta-statements summary").focus()
    page.keyboard.press("Tab")  # the first statement's button is the next stop
    first = frame.locator("button.veta-statement").first
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    expect(frame.locator("path.veta-outline.veta-outline-selected")).to_have_count(1)
    expect(first).to_have_attribute("aria-pressed", "true")
    expect(frame.locator(".leaflet-popup-content")).to_contain_text(statements[0].evidence[0].exact[:40])
    page.wait_for_function("window.messages.some((m) => m.type === 'veta:feature')")
    assert messages(page, "veta:feature")[-1]["id"] == statements[0].id
    page.keyboard.press("Tab")
    page.keyboard.press(" ")  # Space works as well
    page.wait_for_function(
        f"window.messages.filter((m) => m.type === 'veta:feature').at(-1).id === '{statements[1].id}'"
    )
    expect(frame.locator("button.veta-statement.veta-selected")).to_have_count(1)


def test_the_list_is_folded_on_a_phone_and_opens_with_a_tap(new_page: callable, site: tuple[str, Path]) -> None:
    page = new_page(390, 844)
    frame = embedded(page, site, "choco.html", 370, 600)
    details = frame.locator("details.veta-statements")
    assert not details.evaluate("(d) => d.open")
    expect(frame.locator(".veta-legend-toggle")).to_have_attribute("aria-expanded", "false")  # the legend too
    expect(frame.locator(".veta-legend-body")).to_be_hidden()
    frame.locator("details.veta-statements summary").click()
    button = frame.locator("button.veta-statement").first
    expect(button).to_be_visible()
    box = button.bounding_box()
    assert box and box["height"] >= 32  # a finger-sized target


def test_veta_select_highlights_in_place_without_reload(
    new_page: callable, site: tuple[str, Path], atlas: Atlas
) -> None:
    page = new_page()
    frame = embedded(page, site, "kachin.html")
    map_window = next(f for f in page.frames if f.url.endswith("/kachin.html"))
    map_window.evaluate("window.vetaLoadedOnce = true")
    feature = drawn_points(atlas, "kachin")[0]
    page.evaluate(f"window.select('{feature.id}')")
    expect(frame.locator(f".leaflet-marker-icon.veta-fid-{feature.id}.veta-selected")).to_have_count(1)
    expect(frame.locator(".leaflet-popup-content")).to_contain_text(feature.name)
    page.wait_for_function("window.messages.some((m) => m.type === 'veta:selected')")
    assert messages(page, "veta:selected")[-1]["id"] == feature.id
    assert map_window.evaluate("window.vetaLoadedOnce") is True  # the same document: no reload, no new map
    statement = next(f for f in atlas.features_in("kachin") if f.precision == "region")
    page.evaluate(f"window.select('{statement.id}')")
    expect(frame.locator("path.veta-outline.veta-outline-selected")).to_have_count(1)
    expect(frame.locator(".veta-selected")).to_have_count(1)  # the statement's button only
    page.evaluate("window.select(null)")
    expect(frame.locator(".veta-selected")).to_have_count(0)
    assert not messages(page, "veta:feature"), "a selection from the page is not reported back as a pick"


def test_enter_and_space_on_a_focused_marker_pick_it(new_page: callable, site: tuple[str, Path], atlas: Atlas) -> None:
    page = new_page()
    frame = embedded(page, site, "kachin.html")
    first, second = drawn_points(atlas, "kachin")[:2]
    marker = frame.locator(f".leaflet-marker-icon.veta-fid-{first.id}")
    expect(marker).to_have_attribute("tabindex", "0")
    expect(marker).to_have_attribute("role", "button")
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("window.messages.some((m) => m.type === 'veta:feature')")
    assert messages(page, "veta:feature")[-1]["id"] == first.id
    expect(frame.locator(f".leaflet-marker-icon.veta-fid-{first.id}.veta-selected")).to_have_count(1)
    frame.locator(f".leaflet-marker-icon.veta-fid-{second.id}").focus()
    page.keyboard.press(" ")
    page.wait_for_function(f"window.messages.filter((m) => m.type === 'veta:feature').at(-1).id === '{second.id}'")
    expect(frame.locator(".leaflet-popup")).to_have_count(1)  # the first popup has faded out
    expect(frame.locator(".leaflet-popup-content")).to_contain_text(second.name)


ZOOM_JS = """(view) => {
    const map = Object.values(window).find((value) => value instanceof L.Map);
    return [map.getZoom(), map.getBoundsZoom(L.latLngBounds(view))];
}"""


@pytest.mark.parametrize("precision", ["approximate", "inferred"])
def test_a_deep_link_never_zooms_closer_than_the_features_context(
    new_page: callable, site: tuple[str, Path], atlas: Atlas, precision: str
) -> None:
    feature = next((f for f in atlas.features if f.precision == precision and not is_statement(f)), None)
    if feature is None:
        pytest.skip(f"no {precision} feature in the data")
    page = new_page(1100, 700)
    page.goto(f"{site[0]}/{feature.region}.html#feature={feature.id}")
    expect(page.locator(".leaflet-popup-content")).to_contain_text(feature.name)
    (south, west), (north, east) = context_view(feature)
    zoom, context_zoom = page.evaluate(ZOOM_JS, [[south, west], [north, east]])
    assert zoom <= context_zoom + 1e-6, (feature.id, zoom, context_zoom)


POPUP_AND_PATH_JS = """(id) => {
    const popup = document.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
    const path = document.querySelector('path.veta-fid-' + id).getBoundingClientRect();
    return [popup.top, popup.bottom, popup.left, popup.right, path.top, path.bottom, path.left, path.right];
}"""


@pytest.mark.parametrize("feature_id", ["choco-atrato-river", "choco-san-juan-river"])
def test_a_deep_linked_rivers_popup_leaves_the_river_in_view(
    new_page: callable, site: tuple[str, Path], feature_id: str
) -> None:
    page = new_page(1000, 620)
    page.goto(f"{site[0]}/choco.html#feature={feature_id}")
    expect(page.locator(".leaflet-popup-content")).to_be_visible()
    page.wait_for_function("document.querySelector('.leaflet-popup')")
    p_top, p_bottom, p_left, p_right, top, bottom, left, right = page.evaluate(POPUP_AND_PATH_JS, feature_id)
    assert top >= 0 and bottom <= 620 + 1, "the river runs out of the map"
    covered_w = max(0.0, min(right, p_right) - max(left, p_left))
    covered_h = max(0.0, min(bottom, p_bottom) - max(top, p_top))
    assert covered_w * covered_h <= 0.25 * (right - left) * (bottom - top), "the popup covers the river"


LEGEND_SHARE_JS = """() => {
    const map = document.querySelector('.leaflet-container').getBoundingClientRect();
    const legend = document.querySelector('.veta-legend').getBoundingClientRect();
    return (legend.width * legend.height) / (map.width * map.height);
}"""


# 528: the region map in the app on a 1366 x 768 laptop (beside the evidence panel), in its frame
@pytest.mark.parametrize(
    ("width", "height", "window"), [(1366, 620, None), (1024, 620, None), (700, 620, None), (528, 620, 1366)]
)
def test_the_legend_is_open_and_compact_on_laptop_maps(
    new_page: callable, site: tuple[str, Path], width: int, height: int, window: int | None
) -> None:
    if window is None:  # the map is the whole window
        page = new_page(width, height)
        page.goto(f"{site[0]}/kachin.html")
        document = page.main_frame
    else:  # the map in a frame of a laptop's window, as the app shows it
        page = new_page(window, 768)
        embedded(page, site, "kachin.html", width, height)
        document = next(f for f in page.frames if f.url.endswith("/kachin.html"))
    expect(document.locator(".veta-legend-body")).to_be_visible()
    expect(document.locator(".veta-legend-toggle")).to_have_attribute("aria-expanded", "true")
    expect(document.locator(".veta-legend-details")).to_be_hidden()  # the details wait behind "more"
    assert document.evaluate(LEGEND_SHARE_JS) < 0.15  # it covered ~40% of a laptop map when open


SELECTED_UNDER_LEGEND_JS = """(id) => {
    const legend = document.querySelector('.veta-legend').getBoundingClientRect();
    const open = document.querySelector('.veta-legend-toggle').getAttribute('aria-expanded') === 'true';
    const meets = (r) => r.left < legend.right && r.right > legend.left && r.top < legend.bottom && r.bottom > legend.top;
    const drawn = [...document.querySelectorAll('.veta-feature.veta-fid-' + id)];
    return {open: open, covered: drawn.some((el) => meets(el.getBoundingClientRect()))};
}"""


# the region maps of a 1366 x 768 laptop (528 px), of the projector layout (570) and of a 1024 x 768 laptop (322)
@pytest.mark.parametrize(("width", "height"), [(528, 620), (570, 628), (322, 620)])
@pytest.mark.parametrize("region_id", ["choco", "madre-de-dios", "kachin"])
def test_a_selection_is_fitted_clear_of_the_open_legend(
    new_page: callable, site: tuple[str, Path], atlas: Atlas, region_id: str, width: int, height: int
) -> None:
    """Every feature selected in turn is shown where the legend does not cover it, the legend left open; on the
    narrowest map a long river with its popup may not fit above the legend: the legend then folds, never covers."""
    page = new_page(1024, 768)
    frame = embedded(page, site, f"{region_id}.html", width, height)
    map_window = next(f for f in page.frames if f.url.endswith(f"/{region_id}.html"))
    expect(frame.locator(".veta-legend-toggle")).to_have_attribute("aria-expanded", "true")
    drawn = [f for f in atlas.features_in(region_id) if not is_statement(f)]
    folded = []
    for feature in drawn:
        if map_window.evaluate("() => document.querySelector('.veta-legend-toggle').ariaExpanded") == "false":
            frame.locator(".veta-legend-toggle").click()  # open again after a fold
        page.evaluate(f"window.select('{feature.id}')")
        selected = frame.locator(f".veta-feature.veta-fid-{feature.id}.veta-selected").first
        expect(selected).to_be_attached()
        expect(frame.locator(f".leaflet-popup-content .veta-popup[data-feature='{feature.id}']")).to_be_visible()
        selected.evaluate(SETTLED_JS)  # Leaflet has panned the popup into view
        seen = map_window.evaluate(SELECTED_UNDER_LEGEND_JS, feature.id)
        assert not (seen["open"] and seen["covered"]), f"the legend covers the selected {feature.id}"
        if not seen["open"]:
            folded.append(feature.id)
    if width >= 528:
        assert folded == [], f"the legend folded for {folded} on a {width} x {height} map"
    else:
        assert all(f.geometry.geom_type != "Point" for f in drawn if f.id in folded), folded


def test_land_town_names_and_a_locator(new_page: callable, site: tuple[str, Path]) -> None:
    page = new_page(1100, 700)
    page.goto(f"{site[0]}/kachin.html")
    expect(page.locator("path.veta-outline")).to_have_count(1)
    assert page.locator("path.veta-context-land").count() > 5  # Bangladesh, Bhutan, Laos, Thailand…: not sea
    labels = page.locator(".veta-label-place").all_inner_texts()
    assert {"Myitkyina", "Hpakant", "Bhamo", "Putao"} <= set(labels)
    expect(page.locator(".veta-locator svg .veta-svg-focus")).to_have_count(1)


def test_the_overview_outlines_the_andes_and_shows_worldwide_statements(
    new_page: callable, site: tuple[str, Path], atlas: Atlas
) -> None:
    page = new_page(1100, 600)
    page.goto(f"{site[0]}/overview.html")
    expect(page.locator("path.veta-outline-andes")).to_have_count(1)  # Natural Earth outlines of the four
    assert page.locator("path.veta-context-land").count() > 100  # the world's land, not three islands
    headings = page.locator(".veta-statements-scope").all_inner_texts()
    assert headings == ["The Andean countries", "Worldwide"]
    shown = scoped(atlas)
    andes = next(f for f in shown.features if f.region == "andes")
    world = next(f for f in shown.features if f.region == "world")
    page.locator(f"button.veta-statement[data-feature='{andes.id}']").click()
    expect(page.locator("path.veta-outline-andes.veta-outline-selected")).to_have_count(1)
    page.locator(f"button.veta-statement[data-feature='{world.id}']").click()  # worldwide: nothing to outline
    expect(page.locator(".veta-outline-selected")).to_have_count(0)
    expect(page.locator(".leaflet-popup-content .veta-popup")).to_have_count(1)
