"""Every page on a 1024-pixel projector and on a phone: nothing cut off, nothing scrolling sideways.

Streamlit keeps a page link's label on one line and hides what does not fit, so in a narrow column (the
overview's three regions, the evidence panel) a link read "This quote in" on a 1024 × 768 projector; Veta's
stylesheet lets the labels wrap (`ui/styles.py`).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

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
    "/glossary",
    "/downloads",
)
CUT_OFF_LINKS = """() => [...document.querySelectorAll('[data-testid="stPageLink"]')].flatMap((link) =>
    [link, ...link.querySelectorAll('*')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        .map((el) => `${link.innerText.trim()} (${el.clientWidth} of ${el.scrollWidth} px shown)`))"""
"""The page links with a part whose content is wider than the part and hidden beyond it."""


@pytest.mark.parametrize("screen", SCREENS, ids=list(SCREENS))
@pytest.mark.parametrize("address", PAGES)
def test_nothing_is_cut_off_or_scrolls_sideways(page: Page, screen: str, address: str) -> None:
    width, height = SCREENS[screen]
    page.set_viewport_size({"width": width, "height": height})
    page.goto(address)
    page.locator(IDLE).wait_for()
    # lazily loaded elements (page links among them) show a skeleton until their code is there
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stSkeleton\"]')")
    assert page.evaluate(CUT_OFF_LINKS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
