"""Broken data in a real browser: a second Veta server on a copy of the data with a broken file and a hostile kind.

Every page must show the error page — the file, the problem, the hint to run `python -m veta validate` — with no
traceback and no map; the hostile kind in the validator's message must show literally and run nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.servers import INJECTED, record_dialogs, veta_server
from tests.browser.support import MAP_IFRAME
from tests.hostile import HOSTILE_KIND, KIND_FEATURE, hostile_kind_copy
from veta.atlas import read_atlas
from veta.paths import SEEDS_DIR

ERROR_TITLE = "Veta cannot show the atlas: the data has problems"
BROKEN_FILE = "rivers.geojson"


@pytest.fixture(scope="module")
def broken_geodata(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real data with rivers.geojson cut short and a hostile kind in minerals.geojson."""
    geodata = hostile_kind_copy(tmp_path_factory.mktemp("broken-browser") / "geodata")
    (geodata / BROKEN_FILE).write_text('{"type": "FeatureCollection", "features": [', "utf-8")
    return geodata


@pytest.fixture(scope="module")
def broken_url(broken_geodata: Path) -> Iterator[str]:
    with veta_server(broken_geodata) as url:
        yield url


def test_the_copy_is_broken_in_both_ways(broken_geodata: Path) -> None:
    atlas, problems = read_atlas(broken_geodata, SEEDS_DIR)
    assert atlas is None
    assert any(p.file.endswith(BROKEN_FILE) and "not valid JSON" in p.message for p in problems)
    assert any(p.feature_id == KIND_FEATURE and f"unknown kind {HOSTILE_KIND!r}" in p.message for p in problems)


@pytest.mark.parametrize("path", ["/", "/kachin?feature=kachin-jade", "/passages", "/compare", "/tour", "/about"])
def test_every_page_shows_the_error_page(page: Page, broken_url: str, path: str) -> None:
    dialogs = record_dialogs(page)
    page.goto(broken_url + path)
    expect(page.get_by_role("heading", name=ERROR_TITLE)).to_be_visible()
    main = page.locator("section.stMain, [data-testid='stMain']").first
    problems = main.locator("li")
    expect(problems.filter(has_text=BROKEN_FILE)).to_contain_text("not valid JSON")
    expect(main).to_contain_text("python -m veta validate")
    # the hostile kind, as the validator quotes it, character for character — and it ran nothing
    kind_line = problems.filter(has_text=KIND_FEATURE)
    expect(kind_line).to_contain_text(f"unknown kind {HOSTILE_KIND!r}")
    assert f"unknown kind {HOSTILE_KIND!r}" in kind_line.inner_text()
    assert page.evaluate(INJECTED) == {"images": 0, "scripts": 0}
    expect(page.locator(MAP_IFRAME)).to_have_count(0)
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
    expect(page.get_by_text("Traceback")).to_have_count(0)
    assert dialogs == [], f"hostile text ran as code: {dialogs}"
