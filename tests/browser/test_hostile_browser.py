"""Hostile text in a real browser: literal in tooltip, popup, panel, table, reader, compare, tour and the pack.

A second Veta server reads a copy of the real data whose features carry `<script>`, `<img onerror>`, a
backtick, `${1+1}`, both kinds of quote marks and 5,000-character texts. Every test records JavaScript dialogs
(an `alert(1)` that ran fails it), looks for elements the text would have injected in every frame, and checks
that the text itself is on screen, character for character (`${1+1}` stays `${1+1}`, never `2`).
The classroom pack is exported from the hostile atlas with a hostile `kind` too (built in Python: the
validator would reject it) and opened from a static server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import FrameLocator, Locator, Page, expect

from tests.browser.servers import INJECTED, record_dialogs, static_server, veta_server
from tests.browser.support import MAP_IFRAME
from tests.hostile import (
    HOSTILE,
    HOSTILE_CAVEAT,
    HOSTILE_FEATURE,
    HOSTILE_KIND,
    HOSTILE_NAME,
    HOSTILE_NOTE,
    HOSTILE_SUMMARY,
    KIND_FEATURE,
    LONG_FEATURE,
    LONG_NAME,
    TEMPLATE,
    hostile_atlas,
    hostile_copy,
)
from veta.assets import install_offline_assets
from veta.atlas import load_atlas
from veta.export_html import PASSAGES, passages_html, region_filename, region_page_html
from veta.handout import handout_html
from veta.reader import filter_passages
from veta.tours import TOURS_DIR, load_tours


@pytest.fixture(scope="module")
def hostile_geodata(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_copy(tmp_path_factory.mktemp("hostile-browser") / "geodata")


@pytest.fixture(scope="module")
def hostile_url(hostile_geodata: Path) -> Iterator[str]:
    """A Veta server on the hostile copy of the data."""
    with veta_server(hostile_geodata) as url:
        yield url


@pytest.fixture
def dialogs(page: Page) -> Iterator[list[str]]:
    """JavaScript dialogs opened during the test; any at all fails it."""
    opened = record_dialogs(page)
    yield opened
    assert opened == [], f"hostile text ran as code: {opened}"


def assert_nothing_injected(page: Page) -> None:
    """No frame of the page holds an element that hostile text would have created."""
    for frame in page.frames:
        found = frame.evaluate(INJECTED)
        assert found == {"images": 0, "scripts": 0}, f"injected elements in {frame.url}: {found}"


def shows_literally(locator: Locator, text: str) -> None:
    """The element's rendered text contains `text` exactly (so `${1+1}` was not evaluated to `2`)."""
    expect(locator).to_contain_text(text[:200])
    assert text in locator.inner_text(), f"not shown literally: {text[:80]!r}"


def map_frame(page: Page, index: int = 0) -> FrameLocator:
    frame = page.frame_locator(MAP_IFRAME).nth(index) if index else page.frame_locator(MAP_IFRAME).first
    expect(frame.locator("path.veta-outline")).to_have_count(1)
    return frame


def hover(frame: FrameLocator, feature_id: str) -> Locator:
    """Open a feature's tooltip (by the event Leaflet listens to, so an open popup cannot get in the way)."""
    frame.locator(f".veta-fid-{feature_id}").first.dispatch_event("mouseover")
    tooltip = frame.locator(".leaflet-tooltip")
    expect(tooltip).to_have_count(1)
    return tooltip


def table_cell(page: Page, starting: str) -> Locator:
    """The feature table's name button whose text contains `starting` (the table is plain HTML)."""
    cell = page.locator(".veta-feature-list tbody button.veta-pick", has_text=starting)
    expect(cell).to_have_count(1)
    return cell


def test_the_dialog_guard_catches_an_alert(page: Page) -> None:
    opened = record_dialogs(page)
    page.set_content("<p>probe</p>")
    page.evaluate("() => alert('probe')")
    assert opened == ["alert: probe"]


def test_region_page_tooltip_popup_and_panel(page: Page, hostile_url: str, dialogs: list[str]) -> None:
    page.goto(f"{hostile_url}/kachin?feature={HOSTILE_FEATURE}")
    frame = map_frame(page)
    popup = frame.locator(".leaflet-popup-content")
    for text in (HOSTILE_NAME, HOSTILE_NOTE, HOSTILE_CAVEAT):
        shows_literally(popup, text)
    shows_literally(hover(frame, HOSTILE_FEATURE), HOSTILE_NAME)
    panel = page.locator(".st-key-evidence-panel")
    shows_literally(panel.locator(".veta-feature-name"), HOSTILE_NAME)
    shows_literally(panel.locator(".veta-summary"), HOSTILE_SUMMARY)
    shows_literally(panel.locator(".veta-provenance"), HOSTILE_NOTE)
    assert "2" not in panel.locator(".veta-feature-name").inner_text().replace(HOSTILE_NAME, "")
    assert table_cell(page, "Hostile name").inner_text() == HOSTILE_NAME
    assert_nothing_injected(page)


def test_five_thousand_character_name_in_the_tooltip(page: Page, hostile_url: str, dialogs: list[str]) -> None:
    page.goto(f"{hostile_url}/choco?feature={LONG_FEATURE}")
    frame = map_frame(page)
    shows_literally(hover(frame, LONG_FEATURE), LONG_NAME)
    shows_literally(page.locator(".st-key-evidence-panel .veta-feature-name"), LONG_NAME)
    assert table_cell(page, "Long name").inner_text() == LONG_NAME
    assert_nothing_injected(page)


def test_searching_the_feature_list_for_hostile_text(page: Page, hostile_url: str, dialogs: list[str]) -> None:
    """Typing `${1+1}` (or the whole hostile string) finds the hostile feature by its text, and only it."""
    page.goto(f"{hostile_url}/kachin")
    search = page.get_by_label("Search names, summaries and quotes")
    rows = page.locator(".veta-feature-list tbody tr:not([hidden])")
    expect(rows.first).to_be_attached()
    for query in (TEMPLATE, HOSTILE):
        search.fill(query)
        expect(rows).to_have_count(1)
        assert rows.first.get_attribute("data-feature") == HOSTILE_FEATURE
        assert table_cell(page, "Hostile name").inner_text() == HOSTILE_NAME
    assert_nothing_injected(page)


def test_reader_lists_the_hostile_feature_literally(
    page: Page, hostile_url: str, hostile_geodata: Path, dialogs: list[str]
) -> None:
    atlas = load_atlas(hostile_geodata)
    passage_id = atlas.feature(HOSTILE_FEATURE).passage_ids[0]
    page.goto(f"{hostile_url}/passages?passage={passage_id}")
    article = page.locator(f"article#{passage_id}")
    shows_literally(article.locator(".veta-mapped-as"), HOSTILE_NAME)
    # searching for `${1+1}` finds the passages cited by the hostile features (their names match), not "2"
    expected = filter_passages(atlas, query=TEMPLATE)
    assert 0 < len(expected) < len(atlas.seed.passages)
    page.get_by_label("Search the interview").fill(TEMPLATE)
    page.get_by_label("Search the interview").press("Enter")
    expect(page.get_by_text(f"Showing {len(expected)} of {len(atlas.seed.passages)} passages")).to_be_visible()
    assert_nothing_injected(page)


def test_compare_matrix_shows_hostile_names_literally(page: Page, hostile_url: str, dialogs: list[str]) -> None:
    page.goto(f"{hostile_url}/compare?regions=kachin,choco")
    matrix = page.locator("table.veta-compare-matrix")
    shows_literally(matrix, HOSTILE_NAME)
    shows_literally(matrix, LONG_NAME)
    shows_literally(hover(map_frame(page), HOSTILE_FEATURE), HOSTILE_NAME)  # the first map is Kachin's
    assert_nothing_injected(page)


def test_tour_step_shows_the_hostile_feature_literally(page: Page, hostile_url: str, dialogs: list[str]) -> None:
    tours, _ = load_tours(TOURS_DIR, load_atlas())
    tour, step = next((t, s) for t in tours for s in t.steps if HOSTILE_FEATURE in s.features)
    page.goto(f"{hostile_url}/tour?tour={tour.id}&step={step.number}")
    shows_literally(page.locator(".veta-tour-features"), HOSTILE_NAME)
    shows_literally(hover(map_frame(page), HOSTILE_FEATURE), HOSTILE_NAME)
    assert_nothing_injected(page)


@pytest.fixture(scope="module")
def pack_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The classroom pack's pages (as `export_pack` writes them) for the hostile atlas, on a static server.

    The atlas has a hostile `kind` too (built in Python). Only the pages this test opens are written.
    """
    atlas = hostile_atlas(load_atlas())
    tours, _ = load_tours(TOURS_DIR, atlas)
    tour = next(t for t in tours if any(HOSTILE_FEATURE in s.features for s in t.steps))
    folder = tmp_path_factory.mktemp("hostile-pack")
    install_offline_assets(folder)
    for region_id in ("kachin", "madre-de-dios"):
        (folder / region_filename(region_id)).write_text(region_page_html(atlas, region_id), "utf-8")
    (folder / PASSAGES).write_text(passages_html(atlas), "utf-8")
    (folder / "handout.html").write_text(handout_html(atlas, tour), "utf-8")
    with static_server(folder) as url:
        yield url


def test_exported_pack_shows_hostile_text_literally(page: Page, pack_url: str, dialogs: list[str]) -> None:
    page.goto(f"{pack_url}/{region_filename('kachin')}")
    expect(page.locator("path.veta-outline")).to_have_count(1)
    page.locator(f".veta-fid-{HOSTILE_FEATURE}").first.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    for text in (HOSTILE_NAME, HOSTILE_NOTE, HOSTILE_KIND):
        shows_literally(popup, text)
    page.locator(f".veta-fid-{HOSTILE_FEATURE}").first.dispatch_event("mouseover")
    shows_literally(page.locator(".leaflet-tooltip"), HOSTILE_NAME)
    assert_nothing_injected(page)

    page.goto(f"{pack_url}/{region_filename('madre-de-dios')}")
    expect(page.locator("path.veta-outline")).to_have_count(1)
    page.locator(f".veta-fid-{KIND_FEATURE}").first.dispatch_event("click")
    shows_literally(page.locator(".leaflet-popup-content"), HOSTILE_KIND)
    assert_nothing_injected(page)

    for name in (PASSAGES, "handout.html"):
        page.goto(f"{pack_url}/{name}")
        shows_literally(page.locator("body"), HOSTILE_NAME)
        assert_nothing_injected(page)
