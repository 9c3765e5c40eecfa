"""Compare, tours and the offline pack in a real browser: two maps at one scale, a step's features ringed,
arrow keys, and the exported pack opened from file:// with every network request blocked."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, FrameLocator, Page, expect

from tests.browser.support import MAP_IFRAME, NAMES_ON_MAP_JS, SETTLED_JS, drawn_markers
from veta.atlas import load_atlas
from veta.export_html import export_pack, region_filename
from veta.glossary import load_glossary
from veta.layers import PRECISIONS
from veta.model import Atlas, Feature
from veta.tours import TOURS_DIR, load_tours


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    """The shipped data, as the server under test reads it."""
    return load_atlas()


def parts(feature: Feature) -> int:
    return len(getattr(feature.geometry, "geoms", [feature.geometry]))


def drawn(frame: FrameLocator) -> FrameLocator:
    """The map, once its region outline is drawn."""
    expect(frame.locator("path.veta-outline")).to_have_count(1)
    return frame


def km_per_pixel(frame: FrameLocator) -> float:
    """Ground distance per pixel, as the map's own scale bar states it (metric line)."""
    line = frame.locator(".leaflet-control-scale-line").first
    expect(line).to_have_text(re.compile(r"^\d+ k?m$"))
    value, unit = line.inner_text().split()
    width = float(line.evaluate("el => el.getBoundingClientRect().width"))
    return float(value) * (1 if unit == "km" else 0.001) / width


def test_compare_draws_two_maps_at_one_scale(page: Page, atlas: Atlas) -> None:
    regions = ("choco", "kachin")
    page.goto("/compare?regions=" + ",".join(regions))
    frames = page.frame_locator(MAP_IFRAME)
    expect(page.locator(MAP_IFRAME)).to_have_count(2)
    scales = []
    for index, region_id in enumerate(regions):
        frame = drawn(frames.nth(index))
        points = sum(drawn_markers(f) for f in atlas.features_in(region_id))
        expect(frame.locator(".veta-marker.veta-feature")).to_have_count(points)
        scales.append(km_per_pixel(frame))
    assert max(scales) / min(scales) < 1.03, f"the maps are not at one scale: {scales} km per pixel"
    expect(page.locator("table.veta-compare-matrix")).to_contain_text(atlas.feature("kachin-cronies").name)


LEGEND_OVER_FEATURES_JS = """() => {
    const map = document.querySelector('.leaflet-container');
    if (!map || map.dataset.vetaFitted !== map.clientWidth + 'x' + map.clientHeight) return null;  // not shown yet
    const legend = document.querySelector('.veta-legend').getBoundingClientRect();
    const open = document.querySelector('.veta-legend-toggle').getAttribute('aria-expanded') === 'true';
    const meets = (r) => r.width > 0 && r.left < legend.right && r.right > legend.left
        && r.top < legend.bottom && r.bottom > legend.top;
    const covered = [...document.querySelectorAll('.veta-feature')].filter((el) => meets(el.getBoundingClientRect()));
    return {open: open, covered: [...new Set(covered.map((el) => el.getAttribute('class')))]};
}"""


@pytest.mark.parametrize(
    ("width", "regions"),
    [(1366, ("choco", "kachin")), (1024, ("madre-de-dios", "kachin")), (1366, ("choco", "madre-de-dios", "kachin"))],
)
def test_compare_maps_keep_one_scale_and_an_open_legend_off_their_features(
    context: BrowserContext, width: int, regions: tuple[str, ...]
) -> None:
    """A compare map keeps the shared zoom; it is panned so that its open legend covers no feature, and where no
    pan can do that the legend folds (it covered most features of every compare map before). Its town and country
    names are readable too: measured before its stylesheets applied (streamlit-folium adds them without waiting),
    they were cut at the edges ("akant", "Pang W") or left under the zoom buttons."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 768})
    page.goto("/compare?regions=" + ",".join(regions))
    expect(page.locator(MAP_IFRAME)).to_have_count(len(regions))
    scales = []
    for index in range(len(regions)):
        frame = drawn(page.frame_locator(MAP_IFRAME).nth(index))
        document = page.locator(MAP_IFRAME).nth(index).element_handle().content_frame()
        seen = document.wait_for_function(LEGEND_OVER_FEATURES_JS).json_value()
        assert not (seen["open"] and seen["covered"]), f"{regions[index]}: the open legend covers {seen['covered']}"
        names = document.evaluate(NAMES_ON_MAP_JS)
        for problem in ("underMarkers", "underControls", "crossing", "cut"):
            assert names[problem] == [], f"{regions[index]}: names {problem}: {names}"
        if not seen["open"]:
            expect(frame.locator(".veta-legend-body")).to_be_hidden()
            frame.locator(".veta-legend-toggle").click()  # the user can still open it
            expect(frame.locator(".veta-legend-body")).to_be_visible()
        scales.append(km_per_pixel(frame))
    assert max(scales) / min(scales) < 1.03, f"the maps are not at one scale: {scales} km per pixel"


def test_a_tour_step_rings_its_features_and_fades_the_rest(page: Page, atlas: Atlas) -> None:
    tours = {t.id: t for t in load_tours(TOURS_DIR, atlas)[0]}
    tour = tours["choco-two-rivers"]
    step = tour.step(3)
    page.goto(f"/tour?tour={tour.id}&step=3")
    frame = drawn(page.frame_locator(MAP_IFRAME))
    places = [f for f in step.features if atlas.feature(f).precision != "region"]
    statements = [f for f in step.features if atlas.feature(f).precision == "region"]
    expect(frame.locator(".veta-tour-highlight")).to_have_count(sum(parts(atlas.feature(f)) for f in places))
    for feature_id in places:
        expect(frame.locator(f".veta-tour-fid-{feature_id}").first).to_be_attached()
        ringed = frame.locator(f".veta-feature.veta-fid-{feature_id}").first
        expect(ringed).to_have_css("opacity", "1")
    for feature_id in statements:  # about the whole region: its button in the list is ringed
        expect(frame.locator(f"button.veta-statement.veta-ringed.veta-fid-{feature_id}")).to_have_count(1)
    other = next(f for f in atlas.features_in("choco") if f.id not in step.features and f.precision != "region")
    expect(frame.locator(f".veta-feature.veta-fid-{other.id}").first).to_have_css("opacity", "0.4")
    expect(page.get_by_text(f"Step 3 of {len(tour.steps)}").first).to_be_visible()
    expect(page.locator("mark").first).to_contain_text(step.evidence[0].exact[:40])


def test_arrow_keys_move_between_steps(page: Page) -> None:
    page.goto("/tour?tour=water-and-mercury&step=2")
    expect(page.get_by_text("Step 2 of 9").first).to_be_visible()
    drawn(page.frame_locator(MAP_IFRAME))
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"step=3"))
    expect(page.get_by_text("Step 3 of 9").first).to_be_visible()
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"step=2"))
    expect(page.get_by_text("Step 2 of 9").first).to_be_visible()


@pytest.fixture(scope="module")
def pack(atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline pack, written for the test."""
    out = tmp_path_factory.mktemp("pack") / "veta-pack"
    tours = load_tours(TOURS_DIR, atlas)[0]
    export_pack(atlas, out, tours=tours, glossary=load_glossary(atlas.seed))
    return out


def files_only(context: BrowserContext) -> list[str]:
    """Let the context load only file:// URLs; every other request is aborted and listed in the returned list."""
    blocked: list[str] = []

    def route(route) -> None:  # noqa: ANN001
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return blocked


def test_the_pack_opens_from_file_with_the_network_blocked(browser: Browser, pack: Path, atlas: Atlas) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    requested: list[str] = []
    blocked = files_only(context)
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto((pack / "index.html").as_uri())
        region = atlas.region("kachin")
        page.get_by_role("link", name=f"{region.name}, {region.country}", exact=True).click()
        page.wait_for_url(re.compile(re.escape(region_filename("kachin")) + "$"))
        features = atlas.features_in("kachin")
        points = sum(drawn_markers(f) for f in features)
        expect(page.locator(".veta-marker.veta-feature")).to_have_count(points)
        expect(page.locator("path.veta-outline")).to_have_count(1)
        site = min(
            (f for f in features if f.precision != "region" and f.geometry.geom_type == "Point"),
            key=lambda f: PRECISIONS.index(f.precision),
        )
        page.locator(f".veta-marker.veta-fid-{site.id}").dispatch_event("click")  # markers may overlap
        popup = page.locator(".leaflet-popup-content")
        expect(popup).to_contain_text(site.name)
        quote = popup.locator("blockquote").first.inner_text()
        exact = quote.split("”")[0].lstrip("“")
        assert exact == site.evidence[0].exact and exact in atlas.seed.text
        link = popup.get_by_role("link", name=re.compile("Read the passage"))
        link.evaluate(SETTLED_JS)  # the popup is panned into view: a click aimed while it moves can miss the link
        with context.expect_page() as opened:
            link.click()
        reader = opened.value
        passage_id = site.passage_ids[0]
        expect(reader).to_have_url(re.compile(rf"passages\.html#{passage_id}$"))
        expect(reader.locator(f"article#{passage_id}")).to_contain_text(site.evidence[0].exact[:50])
    finally:
        context.close()
    assert not blocked, f"the pack asked the network for: {blocked}"
    assert requested and all(url.startswith("file://") for url in requested), requested
    assert any(url.endswith("vendor/leaflet/leaflet.js") for url in requested)


def test_handout_prints_from_file(browser: Browser, pack: Path) -> None:
    context = browser.new_context()
    blocked = files_only(context)
    try:
        page = context.new_page()
        page.goto((pack / "handout-water-and-mercury.html").as_uri())
        expect(page.locator("svg.veta-svg-map")).to_have_count(9)
        expect(page.locator("section.step")).to_have_count(9)
        page.emulate_media(media="print")
        assert page.pdf(format="A4")[:4] == b"%PDF"
    finally:
        context.close()
    assert not blocked


def test_the_downloads_page_builds_the_pack_zip_on_click(page: Page) -> None:
    page.goto("/downloads")
    button = page.get_by_role("button", name=re.compile("Offline classroom pack"))
    with page.expect_download(timeout=60_000) as download:
        button.click()
    with zipfile.ZipFile(download.value.path()) as archive:
        names = set(archive.namelist())
    assert {"veta-pack/index.html", "veta-pack/kachin.html", "veta-pack/vendor/leaflet/leaflet.js"} <= names
    assert download.value.suggested_filename == "veta-pack.zip"


def test_the_pack_lists_the_andean_and_worldwide_statements(browser: Browser, pack: Path, atlas: Atlas) -> None:
    """From the pack's index to a worldwide statement, its quote and its passage, all from file://."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    blocked = files_only(context)
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto((pack / "index.html").as_uri())
        page.get_by_role("link", name="Worldwide", exact=True).click()
        page.wait_for_url(re.compile(r"scopes\.html#scope-world$"))
        statement = atlas.features_in("world")[0]
        entry = page.locator(f"article#{statement.id}")
        expect(entry.locator("h3")).to_have_text(statement.name)
        expect(entry).to_be_in_viewport()
        evidence = statement.evidence[0]
        expect(entry.locator("blockquote").first).to_contain_text(evidence.exact[:50])
        passage = atlas.passage(evidence.passage_id)
        entry.get_by_role("link", name=f"passage {passage.number}").first.click()
        page.wait_for_url(re.compile(rf"passages\.html#{passage.id}$"))
        expect(page.locator(f"article#{passage.id}")).to_be_in_viewport()
        link = page.locator(f'article#{passage.id} a[href="scopes.html#{statement.id}"]')
        expect(link).to_have_text(statement.name)
    finally:
        context.close()
    assert not blocked


def test_an_andean_statement_by_its_address_and_by_keyboard(page: Page, atlas: Atlas) -> None:
    """`/?feature=<id>` opens the overview with the statement's evidence in view; Tab and Enter pick another."""
    chosen, other = atlas.features_in("andes")[:2]
    page.goto(f"/?feature={chosen.id}")
    panel = page.locator(".st-key-evidence-panel")
    expect(panel).to_contain_text(chosen.evidence[0].exact[:40])
    expect(panel).to_be_in_viewport()  # brought into view below the map and the regions
    button = page.get_by_role("button", name=other.name)
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"\?feature={other.id}$"))
    expect(panel).to_contain_text(other.evidence[0].exact[:40])
    expect(panel).to_contain_text(other.summary[:40])
    expect(page.locator(f'.veta-statement[data-feature="{chosen.id}"]')).to_contain_text(chosen.summary[:40])


@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1024, "height": 768}])
def test_a_worldwide_statement_reads_on_a_phone_and_a_projector(
    browser: Browser, base_url: str, atlas: Atlas, viewport: dict[str, int]
) -> None:
    """The statements and the evidence panel fit the width (nothing to scroll sideways) on a phone and on a
    1024 × 768 projector, and the selected statement's quote is in view."""
    statement = atlas.features_in("world")[0]
    context = browser.new_context(viewport=viewport, base_url=base_url)
    try:
        page = context.new_page()
        page.goto(f"/?feature={statement.id}")
        panel = page.locator(".st-key-evidence-panel")
        expect(panel).to_contain_text(statement.evidence[0].exact[:40])
        expect(panel).to_be_in_viewport()
        box = panel.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"], box
        button = page.get_by_role("button", name=statement.name)
        width = button.evaluate("el => el.getBoundingClientRect().right")
        assert width <= viewport["width"], width
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{overflow} pixels to scroll sideways"
    finally:
        context.close()
