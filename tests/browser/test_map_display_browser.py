"""The map display in a real browser (ui/map_display.py + .js, ui/internals.py + .js).

- The page's side of the map messages (DESIGN.md), against a stand-in map that keeps the contract
  (tests/browser/contract/): a selection is sent to the map already drawn, never a new map; a pick in the map
  writes `?feature=` with one history entry.
- The map file path: the map in its element, preloaded by the next load of its address and moved into place
  without loading again (ui/internals.js), and shown on the public path alone (`streamlit run app.py`,
  `VETA_INTERNALS=0`): slower, never blank.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import time
import urllib.request
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.support import MAP_IFRAME, RequestLog, running_streamlit, start_streamlit, stop_process
from ui.internals import LAZY_CHUNKS

FRAME = "div.veta-map-display > iframe.veta-map-frame"
FITTED_JS = """(selector) => {
    const frame = document.querySelector(selector);
    const map = frame && frame.contentDocument && frame.contentDocument.querySelector('.leaflet-container');
    return map !== null && map !== undefined && map.querySelector('path.veta-outline') !== null
        && map.dataset.vetaFitted === map.clientWidth + 'x' + map.clientHeight;
}"""
"""The map in its element is drawn and fitted to its frame's size (the map marks each fit)."""


def map_frames(page: Page) -> list[dict]:
    """Every iframe on the page showing a map file: where it is, its address, title and size."""
    return page.evaluate(
        """() => [...document.querySelectorAll('iframe')].filter((f) => f.src.includes('/app/static/maps/'))
            .map((f) => ({src: f.getAttribute('src'), title: f.title, placed: !!f.closest('div.veta-map-display'),
                          hidden: f.getAttribute('aria-hidden'), width: f.clientWidth, height: f.clientHeight}))"""
    )


def map_link(page: Page) -> str:
    """The address of the map file the page shows (its link under the map, to open the map on its own)."""
    return page.get_by_role("link", name="Open this map on a page of its own").get_attribute("href")


# ------------------------------------------------------------------------------------ the messages contract


@pytest.fixture(scope="module")
def contract_app() -> Iterator[str]:
    """The stand-in map page (tests/browser/contract/contract_app.py) on its own server."""
    with running_streamlit("tests/browser/contract/contract_app.py") as url:
        yield url


def stub(page: Page):  # noqa: ANN201 - Playwright's Frame
    page.wait_for_selector(FRAME)
    frame = page.frame_locator(FRAME)
    expect(frame.locator("#pick-beta")).to_be_visible()
    return page.locator(FRAME).element_handle().content_frame()


def test_a_deep_link_loads_the_map_with_the_feature_in_its_hash(
    page: Page, requests_log: RequestLog, contract_app: str
) -> None:
    page.goto(f"{contract_app}/?feature=alpha")
    frame = stub(page)
    assert frame.url.endswith("#feature=alpha")
    expect(page.frame_locator(FRAME).locator("#shown")).to_have_text("alpha")
    assert len([u for u in requests_log.urls if "/app/static/maps/stub-" in u]) == 1


def test_a_new_selection_is_sent_to_the_map_already_drawn(
    page: Page, requests_log: RequestLog, contract_app: str
) -> None:
    page.goto(f"{contract_app}/?feature=alpha")
    frame = stub(page)
    loaded = frame.evaluate("window.loadedAt")
    history = page.evaluate("history.length")
    page.get_by_role("button", name="Select gamma").click()
    expect(page.frame_locator(FRAME).locator("#shown")).to_have_text("gamma")
    assert frame.evaluate("window.received") == ["gamma"]
    assert frame.evaluate("window.loadedAt") == loaded  # the same document: no new map, no reload
    expect(page.locator(FRAME)).to_have_count(1)
    expect(page.locator("div.veta-map-display")).to_have_attribute("data-veta-shown", "gamma")  # the map's answer
    expect(page).to_have_url(re.compile(r"\?feature=gamma$"))
    assert page.evaluate("history.length") == history + 1
    assert len([u for u in requests_log.urls if "/app/static/maps/stub-" in u]) == 1


def test_a_pick_in_the_map_writes_the_address_once_and_keeps_the_map(
    page: Page, requests_log: RequestLog, contract_app: str
) -> None:
    page.goto(f"{contract_app}/")
    frame = stub(page)
    loaded = frame.evaluate("window.loadedAt")
    history = page.evaluate("history.length")
    page.frame_locator(FRAME).locator("#pick-beta").click()
    expect(page.get_by_text("selected=beta")).to_be_visible()
    expect(page).to_have_url(re.compile(r"\?feature=beta$"))
    assert page.evaluate("history.length") == history + 1  # one entry per pick: Back once goes back
    assert frame.evaluate("window.loadedAt") == loaded
    assert frame.evaluate("window.received") == ["beta"]  # the page confirms the pick to the map
    page.go_back()
    expect(page).not_to_have_url(re.compile(r"feature="))


def test_a_message_from_another_frame_is_ignored(page: Page, requests_log: RequestLog, contract_app: str) -> None:
    page.goto(f"{contract_app}/")
    stub(page)
    page.evaluate("""() => window.postMessage({type: "veta:feature", id: "beta"}, window.location.origin)""")
    page.get_by_role("button", name="Select gamma").click()  # a rerun that would carry a relayed pick
    expect(page.get_by_text("selected=gamma")).to_be_visible()


# ------------------------------------------------------------------------------------ the map file path


def open_fresh(context: BrowserContext, url: str) -> tuple[Page, list[str], list[str]]:
    """A new tab at `url`: returns it, the map files it requested and the map documents its frames loaded."""
    page = context.new_page()
    requested: list[str] = []
    loaded: list[str] = []
    page.on("request", lambda request: "/app/static/maps/" in request.url and requested.append(request.url))
    page.on("framenavigated", lambda frame: "/app/static/maps/" in frame.url and loaded.append(frame.url))
    page.goto(url)
    page.wait_for_function(FITTED_JS, arg=FRAME)
    return page, requested, loaded


def test_a_map_is_placed_and_the_next_load_preloads_it(
    context: BrowserContext, requests_log: RequestLog, app_url: str
) -> None:
    url = f"{app_url}/kachin?feature=kachin-jade&visit={uuid.uuid4().hex}"
    first, requested, loaded = open_fresh(context, url)
    (frame,) = map_frames(first)
    assert frame["placed"] and frame["hidden"] is None and frame["height"] == 620
    assert frame["src"].split("#")[0] == map_link(first) and frame["title"] == "Map of Kachin, Myanmar"
    first.close()

    second, requested, loaded = open_fresh(context, url)
    note = second.locator("#veta-map-preload")
    assert (
        note.get_attribute("data-src") == map_link(second)
        or second.evaluate("document.querySelector('div.veta-map-display').dataset.vetaMessages") == "0"
    )  # a map drawn per selection is preloaded as the region's plain map, then replaced
    (frame,) = map_frames(second)  # moved into place: no second frame, none left offscreen
    assert frame["placed"] and frame["hidden"] is None and frame["width"] > 300
    popup = second.frame_locator(MAP_IFRAME).locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Jade")


def test_the_plain_address_is_preloaded_and_not_loaded_again(
    context: BrowserContext, requests_log: RequestLog, app_url: str
) -> None:
    for _ in range(2):
        page, requested, loaded = open_fresh(context, f"{app_url}/choco")
        page.close()
    page, requested, loaded = open_fresh(context, f"{app_url}/choco")
    assert page.locator("#veta-map-preload").get_attribute("data-src") == map_link(page)
    assert len(requested) == len(loaded) == 1  # loaded while Streamlit started, not again when moved


WHERE_THE_MAP_IS_JS = """(() => {
    if (window.top !== window) return;
    window.__vetaMapSeen = [];
    const look = () => {
        const frame = document.querySelector('[data-testid="stMain"] iframe.veta-map-frame');
        const element = document.querySelector('div.veta-map-display');
        if (frame) {
            window.__vetaMapSeen.push({
                title: document.querySelector('h1') !== null, element: element !== null,
                inElement: frame.closest('div.veta-map-display') !== null,
                slot: frame.parentNode.className.includes('st-key-veta-map-slot-'),
                top: Math.round(frame.getBoundingClientRect().top + window.scrollY), width: frame.clientWidth,
                src: frame.dataset.vetaSrc,
            });
        }
        if (!(frame && frame.closest('div.veta-map-display'))) requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
})()"""
"""Records, at every animation frame until the map is in its element, where the page's map iframe is."""


def test_the_preloaded_map_is_shown_with_the_title_before_its_element_mounts(
    context: BrowserContext, requests_log: RequestLog, app_url: str
) -> None:
    """The map's element is loaded lazily, so React draws it ~0.15 s after the page's title; the preloaded map is
    shown meanwhile at the top of the map's container (drawn with the title), then moved into the element at
    the same place, without loading again."""
    url = f"{app_url}/choco?visit={uuid.uuid4().hex}"
    open_fresh(context, url)[0].close()  # the address now names its map to preload
    context.add_init_script(WHERE_THE_MAP_IS_JS)
    page, requested, loaded = open_fresh(context, url)
    seen = page.evaluate("window.__vetaMapSeen")
    first, last = seen[0], seen[-1]
    assert first["slot"] and first["title"] and not first["element"], [sorted(x.items()) for x in seen[:2]]
    assert first["width"] == last["width"] > 300
    assert last["inElement"] and abs(last["top"] - first["top"]) <= 2  # moved into its element, not jumping
    assert len(requested) == len(loaded) == 1  # preloaded, shown, moved twice, never loaded again


def test_a_preloaded_map_that_is_not_the_pages_map_is_never_shown(
    context: BrowserContext, requests_log: RequestLog
) -> None:
    """The reference app's map page (bench/baseline_app.py) shows every region at one address, so its preload note
    names the region shown last: a wrong guess. It stays offscreen and is dropped; the page's own map is shown."""
    with running_streamlit("bench/baseline_serve.py") as url:
        open_fresh(context, f"{url}/map?region=choco")[0].close()
        context.add_init_script(WHERE_THE_MAP_IS_JS)
        page = open_fresh(context, f"{url}/map?region=kachin")[0]
        assert "/maps/choco-" in page.locator("#veta-map-preload").get_attribute("data-src")
        seen = page.evaluate("window.__vetaMapSeen")
        assert seen and {x["src"] for x in seen} == {map_link(page)}, ([x["src"] for x in seen], map_link(page))
        assert "/maps/kachin-" in map_link(page) and len(map_frames(page)) == 1


def test_the_map_keeps_its_fit_when_resized_until_the_user_moves_it(page: Page, requests_log: RequestLog) -> None:
    page.goto("/madre-de-dios")
    page.wait_for_function(FITTED_JS, arg=FRAME)
    fitted = page.frame_locator(FRAME).locator(".leaflet-container")
    wide = fitted.get_attribute("data-veta-fitted")
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.wait_for_function(FITTED_JS, arg=FRAME)
    narrow = fitted.get_attribute("data-veta-fitted")
    assert narrow != wide
    fitted.dispatch_event("pointerdown")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.wait_for_function("(selector) => document.querySelector(selector).clientWidth > 500", arg=FRAME)
    expect(fitted).to_have_attribute("data-veta-fitted", narrow)


@pytest.fixture(scope="module", params=["streamlit run app.py", "VETA_INTERNALS=0"])
def public_path(request: pytest.FixtureRequest) -> Iterator[str]:
    """Veta on public APIs alone: no serve.py (nothing written into the page), or serve.py with the internals off."""
    if request.param == "streamlit run app.py":
        with running_streamlit("app.py") as url:
            yield url
    else:
        with running_streamlit(env={"VETA_INTERNALS": "0"}) as url:
            yield url


def test_on_the_public_path_alone_every_map_is_shown(page: Page, requests_log: RequestLog, public_path: str) -> None:
    for _ in range(2):  # the second load would be preloaded with the internals
        page.goto(f"{public_path}/kachin?feature=kachin-jade")
        page.wait_for_function(FITTED_JS, arg=FRAME)
        assert page.evaluate("window.__streamlit === undefined && window.vetaInternals === undefined")
        assert page.locator("#veta-map-preload").count() == 0
        (frame,) = map_frames(page)
        assert frame["placed"] and frame["src"].split("#")[0] == map_link(page)
        expect(page.frame_locator(FRAME).locator(".leaflet-popup-content")).to_contain_text("Jade")
    page.goto(f"{public_path}/")
    page.wait_for_function(FITTED_JS, arg=FRAME)
    page.goto(f"{public_path}/tour?tour=kachin-mining-and-war&step=2")
    expect(page.frame_locator(FRAME).locator("path.veta-outline").first).to_be_attached()


def _page_html(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def test_a_fresh_server_preloads_the_first_load_of_a_region_page(
    context: BrowserContext, requests_log: RequestLog
) -> None:
    """serve.py prepares the maps of `/` and the region pages at start, so even the first load of `/kachin` after a
    start, before anyone has opened it, preloads its map."""
    url, process = start_streamlit()
    try:
        deadline = time.monotonic() + 60
        while '<template id="veta-map-preload"' not in (html := _page_html(f"{url}/kachin")):
            assert time.monotonic() < deadline, "the region page never named a map to preload"
            with contextlib.suppress(subprocess.TimeoutExpired):  # wait on the server (a condition), ≤ 0.2 s
                process.wait(timeout=0.2)
            assert process.poll() is None, "the server died"
        assert "/app/static/maps/kachin-" in html and '<template id="veta-map-preload"' in _page_html(f"{url}/")
        page, requested, loaded = open_fresh(context, f"{url}/kachin")
        (frame,) = map_frames(page)
        assert frame["placed"] and frame["src"] == page.locator("#veta-map-preload").get_attribute("data-src")
        assert len(requested) == len(loaded) == 1  # preloaded, moved, not loaded again
    finally:
        stop_process(process)


def test_a_first_pick_waits_for_no_script_chunk(page: Page, requests_log: RequestLog) -> None:
    """serve.py lists Streamlit's lazily loaded chunks that a region page and its evidence panel draw as preloads,
    and ui/internals.js evaluates them once the map is drawn: the first pick then fetches no script (before,
    the citation's code highlighter was fetched and evaluated then, ~0.25 s)."""
    scripts: list[str] = []
    page.on("request", lambda request: request.resource_type == "script" and scripts.append(request.url))
    page.goto("/madre-de-dios")
    page.wait_for_function(FITTED_JS, arg=FRAME)
    expect(page.locator("html")).to_have_attribute("data-veta-chunks-warmed", str(len(LAZY_CHUNKS)))
    warm = page.eval_on_selector_all('link[rel="modulepreload"][data-veta-warm]', "links => links.map((l) => l.href)")
    assert sorted(re.sub(r".*/static/js/([A-Za-z]+)\..*", r"\1", href) for href in warm) == sorted(LAZY_CHUNKS)
    before = len(scripts)
    button = page.locator(".veta-feature-list tr:not([hidden]) button.veta-pick").first
    name = button.inner_text().strip()
    button.focus()
    button.press("Enter")
    expect(page.locator(".st-key-evidence-panel .veta-feature-name")).to_have_text(name)
    expect(page.get_by_role("button", name="Cite this")).to_be_visible()
    assert scripts[before:] == []
