"""The map in front of a class (issue 15, "The map fails a teacher in class"): each defect found at 1366×768,
1024×768 and 390×844, tried as a new user would, as a regression test in a real browser.

1. The first click or tap on a feature is not lost when the map's bottom edge is below the screen.
5. Projector mode: the text and the map share one 1024×768 screen, on tours and on region pages.
6. A pick in the list is visibly acknowledged, brings the map into view, adds one history entry; ← and → step
   the tour while the map has focus; every page has its own tab title; the tour's buttons read "Next →".
7. The offline pack: a passage's features open their region page with the feature named; home does not link
   to itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.servers import static_server
from tests.browser.support import MAP_IFRAME, RequestLog
from veta.atlas import load_atlas
from veta.export_html import INDEX, PASSAGES, export_pack, region_filename
from veta.glossary import load_glossary
from veta.tours import TOURS_DIR, load_tours

SCREENS = {"laptop": (1366, 768), "projector": (1024, 768), "phone": (390, 844)}
FEATURE_ID = re.compile(r"veta-fid-([a-z0-9]+(?:-[a-z0-9]+)*)")
SCROLLER_JS = """(frame) => {
    // The element that scrolls the page around the map (Streamlit's main area, or the document).
    for (let el = frame.parentElement; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (/(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight) return el;
    }
    return document.scrollingElement;
}"""
MARKER_IN_VIEW_JS = """([frame, top]) => {
    // A feature marker of the map, wholly on screen and not under another one: its id and its centre (page px).
    const box = frame.getBoundingClientRect();
    const doc = frame.contentDocument;
    for (const marker of doc.querySelectorAll('.leaflet-marker-pane [class*="veta-fid-"]')) {
        const r = marker.getBoundingClientRect();
        const x = box.left + r.left + r.width / 2, y = box.top + r.top + r.height / 2;
        if (y < top || y > window.innerHeight - 20 || x < box.left + 60 || x > box.right - 20) continue;
        const hit = doc.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!hit || !(hit === marker || marker.contains(hit))) continue;
        const id = /veta-fid-([a-z0-9]+(?:-[a-z0-9]+)*)/.exec(marker.className.baseVal ?? marker.className);
        if (id) return {id: id[1], x, y};
    }
    return null;
}"""


@pytest.fixture
def screen(browser: Browser, request: pytest.FixtureRequest, requests_log_for) -> Iterator[Page]:  # noqa: ANN001
    """A fresh tab at the screen size `request.param` names (a phone gets touch)."""
    width, height = SCREENS[request.param]
    phone = request.param == "phone"
    context = browser.new_context(
        viewport={"width": width, "height": height}, has_touch=phone, is_mobile=phone, device_scale_factor=1
    )
    requests_log_for(context)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def requests_log_for() -> Iterator:
    """Check the requests of contexts made in a test: any to a host but 127.0.0.1 fails it (offline promise)."""
    logs: list[RequestLog] = []

    def attach(context: BrowserContext) -> RequestLog:
        log = RequestLog()
        context.route("**/*", lambda route: route.continue_() if log.check(route.request.url) else route.abort())
        logs.append(log)
        return log

    yield attach
    for log in logs:
        assert not log.outside, f"requests left 127.0.0.1: {log.outside}"


def _map_ready(page: Page) -> None:
    frame = page.frame_locator(MAP_IFRAME).first
    expect(frame.locator("path.veta-outline").first).to_be_attached()
    expect(frame.locator(".leaflet-marker-pane [class*='veta-fid-']").first).to_be_attached()


def _map_bottom_below_the_screen(page: Page) -> dict:
    """Scroll so the map's top is on screen and its bottom edge below it (as on a laptop, under the title);
    return a marker on screen to press."""
    frame = page.locator(MAP_IFRAME).first
    handle = frame.element_handle()
    scroller = page.evaluate_handle(SCROLLER_JS, handle)
    top = frame.evaluate("f => f.getBoundingClientRect().top")
    height = page.evaluate("window.innerHeight")
    if top > height * 0.45:  # the map starts low on the screen (a phone): bring its top up to mid-screen
        scroller.evaluate("(el, by) => el.scrollBy(0, by)", top - height * 0.45)
    box = frame.evaluate("f => { const r = f.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; }")
    assert box["bottom"] > height + 20, f"the map's bottom edge is on screen ({box}): not the situation tested"
    marker = page.evaluate(MARKER_IN_VIEW_JS, [handle, max(0, box["top"]) + 40])
    assert marker is not None, "no feature marker on screen to press"
    return marker


@pytest.mark.parametrize("screen", list(SCREENS), indirect=True)
def test_the_first_click_or_tap_on_a_region_map_selects(screen: Page, app_url: str) -> None:
    page = screen
    page.goto(f"{app_url}/kachin")
    _map_ready(page)
    marker = _map_bottom_below_the_screen(page)
    if page.viewport_size["width"] < 500:  # a phone: a tap
        page.touchscreen.tap(marker["x"], marker["y"])
    else:
        page.mouse.click(marker["x"], marker["y"])
    expect(page).to_have_url(re.compile(rf"[?&]feature={re.escape(marker['id'])}\b"), timeout=10_000)


@pytest.mark.parametrize("screen", ["laptop", "projector"], indirect=True)
def test_the_first_click_on_a_tour_map_opens_the_feature(screen: Page, app_url: str) -> None:
    page = screen
    page.goto(f"{app_url}/tour?tour=kachin-mining-and-war&step=2")
    _map_ready(page)
    marker = _map_bottom_below_the_screen(page)
    page.mouse.click(marker["x"], marker["y"])
    expect(page.frame_locator(MAP_IFRAME).first.locator(".leaflet-popup-content")).to_be_visible(timeout=10_000)


def _in_view(page: Page, selector: str) -> dict:
    """Where the first element matching `selector` is on the screen (top, bottom, width in CSS pixels)."""
    return page.locator(selector).first.evaluate(
        "el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, width: r.width}; }"
    )


@pytest.mark.parametrize("screen", ["projector"], indirect=True)
def test_a_projected_region_page_shows_map_and_evidence_on_one_screen(screen: Page, app_url: str) -> None:
    page = screen
    page.goto(f"{app_url}/kachin?projector=1&feature=kachin-jade")
    _map_ready(page)
    expect(page.locator(".veta-panel-head .veta-feature-name")).to_contain_text("Jade")
    height = page.evaluate("window.innerHeight")
    frame = _in_view(page, MAP_IFRAME)
    assert frame["width"] >= 520, f"the projected map is {frame['width']} px wide"  # was 322 px at 1024 × 768
    assert frame["top"] >= 0 and frame["bottom"] <= height, frame
    name = _in_view(page, ".veta-panel-head .veta-feature-name")
    assert name["top"] >= 0 and name["bottom"] <= height, name
    quote = _in_view(page, "blockquote.veta-quote")
    assert quote["top"] < height, quote


@pytest.mark.parametrize("screen", ["projector"], indirect=True)
def test_a_projected_tour_step_shows_its_text_and_map_on_one_screen(screen: Page, app_url: str) -> None:
    page = screen
    page.goto(f"{app_url}/tour?tour=kachin-mining-and-war&step=2&projector=1")
    _map_ready(page)
    height = page.evaluate("window.innerHeight")
    frame = _in_view(page, MAP_IFRAME)
    assert frame["top"] >= 0 and frame["bottom"] <= height, frame
    assert frame["width"] >= 480, frame
    for selector in ("h2.veta-tour-step-title", ".veta-tour-passage"):
        box = _in_view(page, selector)
        assert 0 <= box["top"] < height - 40, (selector, box)


@pytest.mark.parametrize("screen", ["laptop"], indirect=True)
def test_a_pick_in_the_list_is_acknowledged_and_brings_the_map_into_view(screen: Page, app_url: str) -> None:
    page = screen
    atlas = load_atlas()
    page.goto(f"{app_url}/madre-de-dios")
    _map_ready(page)
    feature = atlas.features_in("madre-de-dios")[3]
    button = page.locator(f'.veta-feature-list button.veta-pick[data-feature="{feature.id}"]')
    button.scroll_into_view_if_needed()
    assert _in_view(page, MAP_IFRAME)["bottom"] < 0  # the map is above the screen: a pick used to go unseen
    history = page.evaluate("history.length")
    button.click()
    expect(page.locator(".veta-list-picked")).to_contain_text(feature.name)  # at once, before the server answers
    expect(page).to_have_url(re.compile(rf"[?&]feature={feature.id}$"))
    expect(page.locator(".veta-panel-head .veta-feature-name")).to_contain_text(feature.name)
    frame = _in_view(page, MAP_IFRAME)
    assert 0 <= frame["top"] < page.evaluate("window.innerHeight") - 120, frame
    name = _in_view(page, ".veta-panel-head .veta-feature-name")
    assert 0 <= name["top"] < page.evaluate("window.innerHeight"), name
    expect(page.frame_locator(MAP_IFRAME).first.locator(".leaflet-popup-content")).to_contain_text(feature.name)
    assert page.evaluate("history.length") == history + 1  # one entry per pick: Back once goes back
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"feature="))


def test_arrow_keys_step_the_tour_while_the_map_has_focus(page: Page, requests_log: RequestLog) -> None:
    page.goto("/tour?tour=water-and-mercury&step=2")
    _map_ready(page)
    frame = page.frame_locator(MAP_IFRAME).first
    frame.locator(".leaflet-container").focus()
    assert frame.locator(".leaflet-container").evaluate("el => el.ownerDocument.activeElement === el")
    page.keyboard.press("ArrowRight")
    page.wait_for_url(re.compile(r"step=3"))
    expect(page.get_by_text("Step 3 of 9").first).to_be_visible()
    _map_ready(page)
    page.frame_locator(MAP_IFRAME).first.locator(".leaflet-container").focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_url(re.compile(r"step=2"))


def test_the_tour_buttons_read_as_written(page: Page, requests_log: RequestLog) -> None:
    page.goto("/tour?tour=water-and-mercury&step=2")
    _map_ready(page)
    labels = [b.inner_text().split() for b in page.get_by_role("button", name=re.compile("Next|Previous")).all()]
    assert labels and all(label in (["Next", "→"], ["←", "Previous"]) for label in labels), labels


@pytest.mark.parametrize(
    ("address", "title"),
    [
        ("/", "Overview · Veta"),
        ("/kachin", "Kachin State · Veta"),
        ("/choco?feature=choco-gold", "Chocó · Veta"),
        ("/madre-de-dios", "Madre de Dios · Veta"),
        ("/passages", "The interview · Veta"),
        ("/compare", "Compare regions · Veta"),
        ("/tour", "Guided tours · Veta"),
        ("/glossary", "Glossary · Veta"),
        ("/about", "About, sources and licences · Veta"),
        ("/downloads", "Downloads and citation · Veta"),
    ],
)
def test_every_page_has_its_own_tab_title(page: Page, requests_log: RequestLog, address: str, title: str) -> None:
    page.goto(address)
    expect(page.locator("h1").first).to_be_visible()
    expect(page).to_have_title(title)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    atlas = load_atlas()
    out = tmp_path_factory.mktemp("pack") / "veta-pack"
    export_pack(atlas, out, tours=load_tours(TOURS_DIR, atlas)[0], glossary=load_glossary(atlas.seed))
    return out


def test_the_packs_passage_links_name_their_feature(page: Page, requests_log: RequestLog, pack: Path) -> None:
    atlas = load_atlas()
    feature = atlas.feature("kachin-jade")
    with static_server(pack) as url:
        page.goto(f"{url}/{INDEX}")
        assert page.locator(f'a[href="{INDEX}"]').count() == 0  # home does not link to itself
        page.goto(f"{url}/{PASSAGES}#{feature.passage_ids[0]}")
        link = page.locator(f"article#{feature.passage_ids[0]}").get_by_role("link", name=feature.name, exact=True)
        link.click()
        page.wait_for_url(re.compile(re.escape(f"{region_filename('kachin')}#feature={feature.id}") + "$"))
        expect(page.locator(".veta-marker.veta-feature").first).to_be_attached()
