"""How the app is served (serve.py, ui/internals.py): a page opened by its address connects at once."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import MAP_IFRAME, RequestLog, running_streamlit


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


@pytest.fixture(scope="module")
def under_a_path() -> Iterator[str]:
    """Veta served under /veta (`server.baseUrlPath`), as behind a proxy that keeps the path; yields its URL."""
    with running_streamlit(base_url_path="veta") as url:
        yield url


def test_served_under_a_path_the_maps_and_their_links_stay_under_it(
    page: Page, requests_log: RequestLog, under_a_path: str
) -> None:
    failed: list[str] = []
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    page.goto(f"{under_a_path}/kachin?feature=kachin-jade")
    popup = page.frame_locator(MAP_IFRAME).locator(".leaflet-popup-content")
    expect(popup).to_contain_text("Jade")
    href = popup.get_by_role("link", name="Read the passage in the reader").get_attribute("href")
    assert href == "/veta/passages?passage=p11", href
    page.goto(f"{under_a_path}/compare")
    expect(page.frame_locator(MAP_IFRAME).first.locator("path.veta-outline")).to_have_count(1)
    assert page.evaluate("window.__streamlit.BACKEND_BASE_URL") == page.evaluate("window.location.origin") + "/veta"
    paths = [urlsplit(u).path for u in requests_log.urls if "/app/static/" in u]
    assert paths and all(p.startswith("/veta/app/static/") for p in paths), paths
    assert failed == []


def test_the_server_answers_known_host_names_only_and_forbids_framing_by_other_sites(app_url: str) -> None:
    """serve.py's `ui.security.SafeServing`, as `make run` serves it (docs/security.md)."""
    with urllib.request.urlopen(f"{app_url}/kachin", timeout=30) as response:
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
        assert response.headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    rebound = urllib.request.Request(f"{app_url}/kachin", headers={"Host": "rebound.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(rebound, timeout=30)
    assert refused.value.code == 421
