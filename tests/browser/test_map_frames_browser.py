"""The maps' frames in a real browser (ui/map_frames.py, ui/map_frames.js): put into their slots, preloaded by
the next load of the same address and moved into place without loading again, kept fitted when resized, and
shown under `streamlit run app.py` too."""

from __future__ import annotations

import contextlib
import re
import subprocess
import time
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.support import MAP_IFRAME, RequestLog, running_streamlit, start_streamlit, stop_process

SLOT_FRAME = '[class*="st-key-veta-map-"] > iframe.veta-map-frame'
FITTED_JS = """(selector) => {
    const frame = document.querySelector(selector);
    const map = frame && frame.contentDocument && frame.contentDocument.querySelector('.leaflet-container');
    return map !== null && map !== undefined && map.querySelector('path.veta-outline') !== null
        && map.dataset.vetaFitted === map.clientWidth + 'x' + map.clientHeight;
}"""
"""The map in its slot is drawn and fitted to its frame's size (`veta.maps._KeepFit` marks each fit)."""


def map_frames(page: Page) -> list[dict]:
    """Every iframe on the page showing a map file: where it is, its address, title and size."""
    return page.evaluate(
        """() => [...document.querySelectorAll('iframe')].filter((f) => f.src.includes('/app/static/maps/'))
            .map((f) => ({src: f.getAttribute('src'), title: f.title, slot: !!f.closest('[class*="st-key-veta-map-"]'), hidden: f.getAttribute('aria-hidden'),
                          main: !!f.closest('[data-testid="stMain"]'), width: f.clientWidth, height: f.clientHeight}))"""
    )


def slot_link(page: Page) -> str:
    """The address of the map file the page's slot names (its link to open the map on its own)."""
    return page.locator('[class*="st-key-veta-map-"] a[href*="/app/static/maps/"]').get_attribute("href")


def open_fresh(context: BrowserContext, url: str) -> tuple[Page, list[str], list[str]]:
    """A new tab at `url`: returns it, the map files it requested and the map documents its frames loaded."""
    page = context.new_page()
    requested: list[str] = []
    loaded: list[str] = []
    page.on("request", lambda request: "/app/static/maps/" in request.url and requested.append(request.url))
    page.on("framenavigated", lambda frame: "/app/static/maps/" in frame.url and loaded.append(frame.url))
    page.goto(url)
    page.wait_for_function(FITTED_JS, arg=SLOT_FRAME)
    return page, requested, loaded


def test_a_map_goes_into_its_slot_and_the_next_load_preloads_it(
    context: BrowserContext, requests_log: RequestLog, app_url: str
) -> None:
    # an address this server has never shown: a feature no other test selects (only canonical addresses, a page
    # and a feature that exists, are remembered: an extra parameter would never be preloaded)
    url = f"{app_url}/kachin?feature=kachin-gold-panners"

    first, requested, loaded = open_fresh(context, url)
    assert first.locator("#veta-map-preload").count() == 0  # nothing to preload yet: placed when the slot came
    (frame,) = map_frames(first)
    assert frame["slot"] and frame["main"] and frame["hidden"] is None and frame["height"] == 620
    assert frame["src"] == slot_link(first) and frame["title"] == "Map of Kachin, Myanmar"
    assert len(requested) == len(loaded) == 1
    first.close()

    second, requested, loaded = open_fresh(context, url)
    note = second.locator("#veta-map-preload")
    assert note.get_attribute("data-src") == slot_link(second)  # the map this address showed last
    (frame,) = map_frames(second)  # moved into the slot: no second frame, no frame left offscreen
    assert frame["slot"] and frame["main"] and frame["hidden"] is None and frame["width"] > 300
    # loaded once, while Streamlit started, and not again when moved (Element.moveBefore keeps its document)
    assert len(requested) == len(loaded) == 1
    popup = second.frame_locator(MAP_IFRAME).locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Family gold panners")  # the deep-linked selection, at the map's real size


def test_a_new_selection_loads_in_the_same_frame(page: Page, requests_log: RequestLog) -> None:
    page.goto("/choco")
    page.wait_for_function(FITTED_JS, arg=SLOT_FRAME)
    before = slot_link(page)
    page.locator(".veta-feature-list button.veta-pick").first.click()
    expect(page).to_have_url(re.compile(r"[?&]feature="))
    page.wait_for_function(
        "([selector, before]) => { const f = document.querySelector(selector); return f && f.getAttribute('src') !== before; }",
        arg=[SLOT_FRAME, before],
    )
    page.wait_for_function(FITTED_JS, arg=SLOT_FRAME)
    (frame,) = map_frames(page)
    assert frame["src"] == slot_link(page) != before


def test_the_map_keeps_its_fit_when_resized_until_the_user_moves_it(page: Page, requests_log: RequestLog) -> None:
    page.goto("/madre-de-dios")
    page.wait_for_function(FITTED_JS, arg=SLOT_FRAME)
    fitted = page.frame_locator(SLOT_FRAME).locator(".leaflet-container")
    wide = fitted.get_attribute("data-veta-fitted")
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.wait_for_function(FITTED_JS, arg=SLOT_FRAME)
    narrow = fitted.get_attribute("data-veta-fitted")
    assert narrow != wide
    # once the user has moved the map, a resize leaves the view alone
    fitted.dispatch_event("pointerdown")
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.wait_for_function("(selector) => document.querySelector(selector).clientWidth > 500", arg=SLOT_FRAME)
    expect(fitted).to_have_attribute("data-veta-fitted", narrow)


@pytest.fixture(scope="module")
def plain_streamlit() -> Iterator[str]:
    """Veta as `streamlit run app.py` serves it: no serve.py, so no script in the page and nothing preloaded."""
    with running_streamlit("app.py") as url:
        yield url


def test_without_serve_py_the_click_relay_places_the_maps(
    page: Page, requests_log: RequestLog, plain_streamlit: str
) -> None:
    for _ in range(2):  # the second load would be preloaded under serve.py
        page.goto(f"{plain_streamlit}/kachin")
        page.wait_for_function(FITTED_JS, arg=SLOT_FRAME)
        assert page.evaluate("window.__streamlit === undefined") and page.locator("#veta-map-preload").count() == 0
        (frame,) = map_frames(page)
        assert frame["slot"] and frame["src"] == slot_link(page)


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
        assert frame["slot"] and frame["src"] == page.locator("#veta-map-preload").get_attribute("data-src")
        assert len(requested) == len(loaded) == 1  # preloaded, moved, not loaded again
    finally:
        stop_process(process)
