"""The region maps in a real browser: drawn offline, clickable, linked to the reader, deep-linkable."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import FrameLocator, Locator, Page, expect

from tests.browser.support import MAP_IFRAME, NAMES_ON_MAP_JS, SETTLED_JS, RequestLog, drawn_as_shape, drawn_markers
from veta.atlas import load_atlas
from veta.layers import PRECISIONS, REGION_IDS
from veta.model import Atlas, Feature


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    """The shipped data, as the server under test reads it."""
    return load_atlas()


def map_frame(page: Page) -> FrameLocator:
    """The Leaflet map inside the map's iframe, once its outline is drawn."""
    frame = page.frame_locator(MAP_IFRAME)
    expect(frame.locator("path.veta-outline")).to_have_count(1)
    return frame


def settled(page: Page, target: Locator, min_height: int = 600) -> Locator:
    """The target inside the map once the map has its final size and place (a click aimed at a marker that is
    still moving, e.g. while the page's layout settles or Leaflet re-centres, would miss).
    """
    page.wait_for_function(
        "([selector, least]) => document.querySelector(selector).getBoundingClientRect().height >= least",
        arg=[MAP_IFRAME, min_height],
    )
    page.locator(MAP_IFRAME).evaluate(SETTLED_JS)
    target.evaluate(SETTLED_JS)
    return target


def clickable_point(atlas: Atlas, region_id: str) -> Feature:
    """A point feature to click on: the most precise one (precise markers are drawn above vaguer ones)."""
    points = [f for f in atlas.features_in(region_id) if f.precision != "region" and f.geometry.geom_type == "Point"]
    if not points:
        pytest.fail(f"no point feature in {region_id} to click")
    return min(points, key=lambda f: PRECISIONS.index(f.precision))


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_region_page_draws_outline_rivers_and_markers(page: Page, atlas: Atlas, region_id: str) -> None:
    features = atlas.features_in(region_id)
    statements = [f for f in features if f.precision == "region"]
    points = sum(drawn_markers(f) for f in features)
    vectors = [f for f in features if drawn_as_shape(f)]
    rivers = [f for f in vectors if f.layer == "rivers"]
    assert rivers, f"{region_id} has no river lines to draw"

    page.goto(f"/{region_id}")
    frame = map_frame(page)
    expect(frame.locator(".veta-marker.veta-feature")).to_have_count(points)
    expect(frame.locator("path.veta-feature")).to_have_count(len(vectors))
    expect(frame.locator("path.veta-layer-rivers")).to_have_count(len(rivers))
    expect(frame.locator("button.veta-statement")).to_have_count(len(statements))  # listed, not drawn
    assert frame.locator("path.veta-context").count() >= 3, "the offline basemap is missing"
    expect(frame.locator(".veta-legend")).to_contain_text("Approximate")
    expect(frame.locator(".leaflet-control-attribution")).to_contain_text("Natural Earth")


def test_clicking_a_feature_shows_its_verbatim_quote(page: Page, atlas: Atlas) -> None:
    feature = clickable_point(atlas, "kachin")
    page.goto("/kachin")
    map_frame(page)
    settled(page, page.frame_locator(MAP_IFRAME).locator(f".veta-marker.veta-fid-{feature.id}")).click()
    expect(page).to_have_url(re.compile(rf"/kachin\?feature={re.escape(feature.id)}$"))
    panel = page.locator(".st-key-evidence-panel")
    expect(panel.locator(".veta-feature-name")).to_have_text(feature.name)
    quote = panel.locator("blockquote.veta-quote p").first.inner_text().strip()
    assert quote.startswith("“") and quote.endswith("”"), quote
    assert quote[1:-1] in atlas.seed.text, "the quote shown is not verbatim from the interview"
    assert quote[1:-1] == feature.evidence[0].exact


def test_deep_link_selects_the_feature_and_opens_its_popup(page: Page, atlas: Atlas) -> None:
    feature = next(
        f for f in atlas.features_in("kachin") if f.precision != "region" and f.geometry.geom_type == "Point"
    )
    page.goto(f"/kachin?feature={feature.id}")
    frame = map_frame(page)
    expect(frame.locator(f".veta-fid-{feature.id}.veta-selected")).not_to_have_count(0)
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(feature.name)
    expect(popup).to_contain_text(feature.evidence[0].exact)
    expect(page.locator(".st-key-evidence-panel .veta-feature-name")).to_have_text(feature.name)


def test_popup_link_opens_the_highlighted_passage(page: Page, atlas: Atlas) -> None:
    feature = clickable_point(atlas, "kachin")
    passage_id = feature.passage_ids[0]
    page.goto(f"/kachin?feature={feature.id}")
    frame = map_frame(page)
    link = frame.locator(".leaflet-popup-content a", has_text="Read the passage in the reader")
    expect(link).to_have_attribute("target", "_blank")
    with page.context.expect_page() as opened:
        settled(page, link).click()
    reader = opened.value
    expect(reader).to_have_url(re.compile(rf"/passages\?passage={passage_id}$"))
    target = reader.locator(f"article#{passage_id}.veta-passage-target")
    expect(target).to_be_visible(timeout=20_000)
    expect(target).to_contain_text(feature.evidence[0].exact[:60])


def test_no_request_leaves_the_machine(page: Page, requests_log: RequestLog) -> None:
    for region_id in REGION_IDS:
        page.goto(f"/{region_id}")
        map_frame(page)
    assert any(u.endswith("/app/static/vendor/leaflet/leaflet.js") for u in requests_log.urls)
    # the map files do without jQuery (veta.assets.without_jquery); popups still open (tests above)
    assert not any("jquery" in u for u in requests_log.urls)
    assert requests_log.outside == []
    # the guard itself works: a request to another host is caught (and aborted), then forgiven for this check
    page.evaluate("async () => { try { await fetch('http://192.0.2.1/probe'); } catch (error) {} }")
    expect_caught = [u for u in requests_log.outside if "192.0.2.1" in u]
    assert expect_caught, "the offline guard did not see a request to another host"
    requests_log.outside.clear()


TILES_JS = """(selector) => [...document.querySelectorAll(selector)]
    .map((frame) => frame.contentDocument ? frame.contentDocument.querySelectorAll('.leaflet-tile').length : 0)
    .reduce((a, b) => a + b, 0)"""


def test_online_base_maps_are_offered_but_stay_off_until_chosen(page: Page, requests_log: RequestLog) -> None:
    page.goto("/choco")
    frame = map_frame(page)
    control = frame.locator(".leaflet-control-layers-base")
    for name in ("Offline basemap", "OpenStreetMap (online)", "Esri World Imagery (online)"):
        expect(control).to_contain_text(name)
    chosen = control.locator("label", has=frame.locator("input:checked"))
    expect(chosen).to_have_count(1)
    expect(chosen).to_contain_text("Offline basemap")  # the default base map is the shipped one
    expect(page.get_by_text("they load from the internet only once you choose them")).to_be_visible()
    assert page.evaluate(TILES_JS, MAP_IFRAME) == 0, "tiles were loaded before the user chose them"
    assert requests_log.outside == []


@pytest.mark.parametrize("part", [".veta-hit", ".veta-region-label"])
def test_clicking_a_region_on_the_overview_opens_its_page(page: Page, part: str) -> None:
    page.goto("/")
    frame = page.frame_locator(MAP_IFRAME)
    expect(frame.locator(".veta-region-marker")).to_have_count(3)
    settled(page, frame.locator(f".veta-region-marker.veta-region-madre-de-dios {part}"), min_height=400).click()
    expect(page).to_have_url(re.compile(r"/madre-de-dios$"))
    expect(page.locator("h1", has_text="Madre de Dios")).to_be_visible()


POPUP_INSIDE_JS = """() => {
    const r = document.querySelector('.leaflet-popup').getBoundingClientRect();
    return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
}"""


@pytest.mark.parametrize("feature_id", ["choco-atrato-river", "choco-san-juan-river"])
def test_a_deep_linked_line_opens_its_popup_inside_the_map(page: Page, feature_id: str) -> None:
    """The popup opens once the map has its view (no zoom animation under it), so it is panned fully into view."""
    page.goto(f"/choco?feature={feature_id}")
    expect(map_frame(page).locator(".leaflet-popup-content")).to_be_visible()
    frame = next(f for f in page.frames if "/app/static/maps/" in f.url)
    frame.wait_for_function(POPUP_INSIDE_JS, polling="raf", timeout=10_000)


LEGEND_AND_FEATURES_JS = """() => {
    const map = document.querySelector('.leaflet-container').getBoundingClientRect();
    const legend = document.querySelector('.veta-legend').getBoundingClientRect();
    const meets = (r, b) => r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top;
    const inside = (r, b) => r.left >= b.left && r.right <= b.right && r.top >= b.top && r.bottom <= b.bottom;
    const drawn = [...document.querySelectorAll('.leaflet-marker-icon.veta-feature, path.veta-feature')];
    const boxes = drawn.map((el) => [[...el.classList].find((c) => c.startsWith('veta-fid-')), el.getBoundingClientRect()]);
    return {
        map: [map.width, map.height],
        legend: [legend.width, legend.height],
        markers: document.querySelectorAll('.leaflet-marker-icon.veta-feature').length,
        paths: document.querySelectorAll('path.veta-feature').length,
        covered: boxes.filter(([, r]) => meets(r, legend)).map(([id]) => id),
        outside: boxes.filter(([, r]) => !inside(r, map)).map(([id]) => id),
    };
}"""
"""The map's and the legend's sizes, how many features are drawn, and which are under the legend or out of view."""
FITTED_JS = """() => {
    const map = document.querySelector('.leaflet-container');
    return map.dataset.vetaFitted === map.clientWidth + 'x' + map.clientHeight;
}"""
"""The map has been fitted at its current size (veta-map.js fits it again when its frame is resized)."""


def map_document(page: Page):  # noqa: ANN201 - a Playwright Frame
    """The map's own document (a Frame, to evaluate in), once it is drawn and fitted at its final size."""
    frame = next(f for f in page.frames if "/app/static/maps/" in f.url)
    frame.wait_for_function(FITTED_JS)
    frame.locator(".leaflet-marker-icon.veta-feature").first.evaluate(SETTLED_JS)
    frame.wait_for_function(FITTED_JS)
    return frame


# 1366 x 768 and 1024 x 768 laptops, and the projector layout at 1024 x 768 (region map 528, 322 and 570 px wide)
@pytest.mark.parametrize(("width", "height", "query"), [(1366, 768, ""), (1024, 768, ""), (1024, 768, "?projector=1")])
@pytest.mark.parametrize("region_id", REGION_IDS)
def test_the_legend_is_open_on_a_laptop_and_covers_no_feature(
    page: Page, atlas: Atlas, region_id: str, width: int, height: int, query: str
) -> None:
    features = atlas.features_in(region_id)
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"/{region_id}{query}")
    frame = map_frame(page)
    settled(page, frame.locator(".leaflet-container"), min_height=500)
    toggle = frame.locator(".veta-legend button.veta-legend-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "true")  # open: it was folded below 600 px of map
    expect(frame.locator(".veta-legend .veta-legend-body")).to_be_visible()
    expect(frame.locator(".veta-legend li.veta-legend-inferred")).to_be_visible()
    seen = map_document(page).evaluate(LEGEND_AND_FEATURES_JS)
    assert seen["markers"] == sum(drawn_markers(f) for f in features)
    assert seen["paths"] == sum(drawn_as_shape(f) for f in features)
    assert seen["covered"] == [], f"the legend {seen['legend']} covers features on a {seen['map']} map"
    assert seen["outside"] == [], f"features out of the {seen['map']} map's opening view"


OPENING_SCREENS = [(1366, 768, ""), (1024, 768, ""), (1024, 768, "?projector=1"), (390, 844, "")]
"""Laptop, small laptop, projector mode and phone: (width, height, query) of a region page's opening view."""
CORNER_JS = """() => {
    const controls = [...document.querySelectorAll('.leaflet-top.leaflet-right > *')]
        .map((el) => el.getBoundingClientRect()).filter((r) => r.width && r.height);
    const map = document.querySelector('.leaflet-container').getBoundingClientRect();
    const fid = (el) => [...el.classList].find((c) => c.startsWith('veta-fid-'));
    const under = (x, y, pad) => controls.some((r) => x + pad > r.left && x - pad < r.right && y + pad > r.top && y - pad < r.bottom);
    const covered = new Set(), outside = new Set();
    for (const el of document.querySelectorAll('.leaflet-marker-icon.veta-feature')) {
        const r = el.getBoundingClientRect();
        if (controls.some((c) => r.left < c.right && r.right > c.left && r.top < c.bottom && r.bottom > c.top)) covered.add(fid(el));
        if (r.left < map.left || r.right > map.right || r.top < map.top || r.bottom > map.bottom) outside.add(fid(el));
    }
    for (const path of document.querySelectorAll('path.veta-feature')) {
        const ctm = path.getScreenCTM(), half = parseFloat(getComputedStyle(path).strokeWidth) / 2;
        for (let at = 0, length = path.getTotalLength(); at <= length; at += 2) {
            const q = path.getPointAtLength(at), p = new DOMPoint(q.x, q.y).matrixTransform(ctm);
            if (under(p.x, p.y, half)) { covered.add(fid(path)); break; }
        }
    }
    return {map: [map.width, map.height], controls: controls.length, covered: [...covered], outside: [...outside]};
}"""
"""Which features lie under the map's top right controls (a marker's symbol, or any point of a line's or a shape's
stroke, sampled every 2 px along it), and which markers are out of the map."""


@pytest.mark.parametrize(
    ("width", "height", "query"), OPENING_SCREENS
)
@pytest.mark.parametrize("region_id", REGION_IDS)
def test_the_top_right_controls_cover_no_feature_at_the_opening_view(
    page: Page, region_id: str, width: int, height: int, query: str
) -> None:
    """The layer button and the folded list of region-wide statements sit over the map's top right corner; on a
    narrow map (322 px at 1024 x 768, 358 px on a phone) they covered the Atrato and the Mali Hka and Nmai."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"/{region_id}{query}")
    frame = map_frame(page)
    settled(page, frame.locator(".leaflet-container"), min_height=500)
    seen = map_document(page).evaluate(CORNER_JS)
    assert seen["controls"] >= 2, "the layer button and the statements list should be in the top right corner"
    assert seen["covered"] == [], f"the top right controls cover features on a {seen['map']} map"
    assert seen["outside"] == [], f"features out of the {seen['map']} map's opening view"


@pytest.mark.parametrize(
    ("width", "height", "query"), OPENING_SCREENS
)
@pytest.mark.parametrize("region_id", REGION_IDS)
def test_town_and_country_names_are_readable_at_the_opening_view(
    page: Page, region_id: str, width: int, height: int, query: str
) -> None:
    """Town names lay under the markers at their towns (Hpakant, Myitkyina, Tanai, Istmina), India and China were
    each named twice around Kachin, and country names were cut by the map's edge or the zoom buttons ("NAMA")."""
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"/{region_id}{query}")
    frame = map_frame(page)
    settled(page, frame.locator(".leaflet-container"), min_height=500)
    seen = map_document(page).evaluate(NAMES_ON_MAP_JS)
    assert seen["places"] >= 3, seen
    assert len(seen["countries"]) == len(set(seen["countries"])), f"a country named twice: {seen['countries']}"
    assert seen["underMarkers"] == [], f"names under markers: {seen}"
    assert seen["underControls"] == [], f"names under the map's controls: {seen}"
    assert seen["crossing"] == [], f"names over each other: {seen}"
    assert seen["cut"] == [], f"names cut by the map's edge: {seen}"


def test_on_a_phone_the_legend_starts_folded_and_opens_from_the_keyboard(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/kachin")
    frame = map_frame(page)
    toggle = frame.locator(".veta-legend button.veta-legend-toggle")
    body = frame.locator(".veta-legend .veta-legend-body")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(body).to_be_hidden()
    toggle.focus()
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(body).to_be_visible()
    expect(body.locator("li.veta-legend-approximate")).to_be_visible()
    more = body.locator("button.veta-legend-more")
    page.keyboard.press("Tab")  # the next stop: the details
    expect(more).to_be_focused()
    page.keyboard.press(" ")
    expect(more).to_have_attribute("aria-expanded", "true")
    expect(body.locator(".veta-legend-details li.veta-legend-more-inferred")).to_be_visible()
    toggle.focus()
    page.keyboard.press(" ")  # Space folds it again
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(body).to_be_hidden()
