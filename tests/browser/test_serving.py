"""How the app is served (serve.py, ui/server.py): a page opened by its address connects at once."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import MAP_IFRAME, RequestLog


@pytest.mark.parametrize("address", ["/kachin?feature=kachin-jade", "/passages?passage=p12", "/"])
def test_a_page_opened_by_its_address_asks_the_server_where_it_is(
    page: Page, requests_log: RequestLog, address: str
) -> None:
    page.goto(address)
    expect(page.locator("h1").first).to_be_visible()
    if address.startswith("/kachin"):
        expect(page.frame_locator(MAP_IFRAME).locator("path.veta-outline")).to_have_count(1)
    checks = [urlsplit(u).path for u in requests_log.urls if "/_stcore/health" in u or "/_stcore/host-config" in u]
    # Streamlit's frontend alone would first try /kachin/_stcore/health (a 404) and retry at / after a delay
    assert checks and set(checks) <= {"/_stcore/health", "/_stcore/host-config"}, checks
    assert page.evaluate("window.__streamlit && window.__streamlit.BACKEND_BASE_URL") == page.evaluate(
        "window.location.origin"
    )
