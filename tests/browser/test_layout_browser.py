"""Every page on a 1024-pixel projector and on a phone: no label or text cut off, nothing scrolling sideways.

Streamlit keeps a page link's or a button's label on one line and hides what does not fit, and scrolls a code
block or a row of pills sideways. On a 1024 × 768 projector (main column ~560 px) the overview's link read
"This quote in", the tour's buttons "← Pr…" and "Proj…", and the comparison hid its second region and its
last layer. The pages give those elements room or let them wrap (`ui/styles.py`, `pages/compare.py`,
`pages/tour.py`, `ui/tour_view.py`, `ui/downloads_view.py`). A feature's popup, 380 px wide at most, ran over
the edge of a 320-pixel map there, under the zoom and layer buttons; it now narrows to fit its map and is
panned below them (`veta.maps`). The downloads' four cards in a row broke "GeoJSON" in two; they now come two a row.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.support import MAP_IFRAME

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SCREENS = {"projector": (1024, 768), "phone": (390, 844)}
PAGES = (
    "/",
    "/choco",
    "/kachin?feature=kachin-jade",
    "/kachin?feature=choco-gold",
    "/passages",
    "/about",
    "/compare",
    "/tour",
    "/tour?tour=choco-two-rivers&step=2",
    "/glossary",
    "/downloads",
)
CUT_OFF = """() => [...document.querySelectorAll('[data-testid="stMain"] *')]
    .filter((el) => el.clientWidth > 2 && el.scrollWidth > el.clientWidth + 1
        && getComputedStyle(el).overflowX !== 'visible' && !el.closest('.veta-table-wrap'))
    .map((el) => `${el.getAttribute('data-testid') || el.tagName}: "${el.innerText.trim().slice(0, 40)}" `
        + `(${el.clientWidth} of ${el.scrollWidth} px shown)`)"""
"""Parts of the main area whose content is wider than they are, the rest hidden or behind a sideways scroll.
(The feature table scrolls sideways on a phone on purpose: tests/browser/test_feature_list_browser.py. Parts
at most 2 px wide are visually hidden text for screen readers.)"""

BROKEN_WORDS = """() => [...document.querySelectorAll(
        '[data-testid="stMain"] button, [data-testid="stMain"] [data-testid="stPageLink"]')].flatMap((el) => {
    const broken = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const word of node.data.matchAll(/[^\\s\\-\\u2010-\\u2014\\/]+/g)) {
            const range = document.createRange();
            range.setStart(node, word.index);
            range.setEnd(node, word.index + word[0].length);
            const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
            if (lines.size > 1) broken.push(word[0]);
        }
    }
    return broken;
})"""
"""Words of button and page-link labels broken across two lines (a label too wide for its button); a line
may still break at a hyphen, a dash or a slash."""


@pytest.mark.parametrize("screen", SCREENS, ids=list(SCREENS))
@pytest.mark.parametrize("address", PAGES)
def test_nothing_is_cut_off_or_scrolls_sideways(page: Page, screen: str, address: str) -> None:
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(address)
    page.locator(IDLE).wait_for()
    # lazily loaded elements (page links, maps, the feature list) show a skeleton until their code is there
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')")
    page.evaluate("document.fonts.ready.then(() => true)")  # widths in the fallback font would be other widths
    assert not page.get_by_text("Page not found").count()
    assert page.evaluate(CUT_OFF) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    assert page.evaluate(BROKEN_WORDS) == [], "a label is broken inside a word"


POPUP_INSIDE_MAP = """() => {
    const map = document.querySelector('.folium-map').getBoundingClientRect();
    const popup = document.querySelector('.leaflet-popup');
    if (!popup) return false;
    const box = popup.getBoundingClientRect();
    return box.left >= map.left && box.right <= map.right;
}"""


@pytest.mark.parametrize("screen", SCREENS, ids=list(SCREENS))
def test_a_popup_fits_inside_its_map(page: Page, screen: str) -> None:
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/kachin?feature=kachin-jade")  # opens with the feature's popup open
    page.frame_locator(MAP_IFRAME).locator(".leaflet-popup-content").wait_for()
    frame = next(f for f in page.frames if "/app/static/maps/" in f.url)
    frame.wait_for_function(POPUP_INSIDE_MAP, timeout=5_000)  # after Leaflet has panned it into view


POPUP_CLEAR_OF_CONTROLS = """() => {
    const popup = document.querySelector('.leaflet-popup');
    if (!popup) return false;
    const box = popup.getBoundingClientRect();
    return [...document.querySelectorAll('.leaflet-top .leaflet-control')].every((control) => {
        const c = control.getBoundingClientRect();
        return box.left >= c.right || box.right <= c.left || box.top >= c.bottom || box.bottom <= c.top;
    });
}"""
"""The open popup overlaps none of the map's top controls (zoom buttons, layer button)."""


@pytest.mark.parametrize("screen", SCREENS, ids=list(SCREENS))
def test_a_popup_is_panned_clear_of_the_map_controls(page: Page, screen: str) -> None:
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/kachin?feature=kachin-jade")
    page.frame_locator(MAP_IFRAME).locator(".leaflet-popup-content").wait_for()
    frame = next(f for f in page.frames if "/app/static/maps/" in f.url)
    frame.wait_for_function(POPUP_CLEAR_OF_CONTROLS, timeout=5_000)
