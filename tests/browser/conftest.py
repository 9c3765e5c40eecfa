"""Real-browser tests: one `streamlit run serve.py` (what `make run` starts) per session on 127.0.0.1, headless Debian Chromium.

Every request the browser makes is recorded; a request to any host but 127.0.0.1 is aborted and fails the
test (that is Veta's offline promise). Chromium comes from `VETA_CHROMIUM` or /usr/bin/chromium: without it
the tests are skipped, except under `CI=true`, where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.support import CHROMIUM_ARGS, RequestLog, chromium_path, running_streamlit

expect.set_options(timeout=20_000)  # a cold first page (server warm-up, map build) can take several seconds


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium headless (Playwright cannot download its own browsers here)."""
    path = chromium_path()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        message = (
            f"Chromium not found at {path}: install it (sudo apt-get install chromium, or `make chromium`) "
            "or set VETA_CHROMIUM to a Chromium binary."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message + " Browser tests are required under CI=true.", pytrace=False)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": path, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A desktop/projector-sized window, so the map is fully in view and clicks need no (smooth) scrolling."""
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """The URL of a fresh Veta server on 127.0.0.1 (the real data), stopped at the end of the session."""
    with running_streamlit() as url:
        yield url


@pytest.fixture(scope="session")
def base_url(app_url: str) -> str:
    """Let `page.goto("/kachin")` resolve against the test server."""
    return app_url


@pytest.fixture
def requests_log(context) -> Iterator[RequestLog]:  # noqa: ANN001 - pytest-playwright's BrowserContext
    """Record (and block) requests of this test's browser context; fail the test if one left 127.0.0.1."""
    log = RequestLog()

    def route(route) -> None:  # noqa: ANN001
        if log.check(route.request.url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", route)
    yield log
    assert not log.outside, f"requests left 127.0.0.1: {log.outside}"


@pytest.fixture
def page(page, requests_log: RequestLog):  # noqa: ANN001
    """pytest-playwright's page, with every request checked by `requests_log`."""
    page.set_default_timeout(20_000)
    return page
