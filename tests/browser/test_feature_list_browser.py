"""The region page's feature list in a real browser: filtering without a rerun, keyboard selection, light load.

The list is a components-v2 element (`ui/feature_table.py`): its filters and search run in the page's own
JavaScript, so typing must not start a script run; choosing a name with the keyboard must select the feature
(address, evidence panel, marked row) and keep the filters as they were.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.support import RequestLog
from veta.atlas import load_atlas
from veta.feature_list import count_line, search_text
from veta.model import Atlas, Feature
from veta.reader import matches_query

HEAVY_CHUNKS = ("DataFrame.", "data-grid", "Multiselect.", "TextInput.")
"""Streamlit's lazy chunks for st.dataframe (the data grid) and the multiselect and text input widgets."""
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'

WATCH_RUNS = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.vetaRuns = 0;
    new MutationObserver(() => {
        if (app.getAttribute('data-test-script-state') === 'running') window.vetaRuns += 1;
    }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
"""Count the script runs that start from now on (the app marks a run with `data-test-script-state`)."""


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    """The shipped data, as the server under test reads it."""
    return load_atlas()


def open_list(page: Page, address: str) -> Locator:
    """The feature list of a region page, once drawn and with no script run going on."""
    page.goto(address)
    feature_list = page.locator(".veta-feature-list")
    expect(feature_list.locator("tbody tr").first).to_be_attached()
    page.locator(IDLE).wait_for()
    return feature_list


def shown_ids(feature_list: Locator) -> list[str]:
    """The ids of the rows on show, in order."""
    return feature_list.locator("tbody tr:not([hidden])").evaluate_all("rows => rows.map(r => r.dataset.feature)")


def expected(features: tuple[Feature, ...], query: str = "", layer: str = "", kind: str = "") -> list[str]:
    """What the list must show: the semantics of the old server-side filter, in Python."""
    return [
        f.id
        for f in features
        if (not layer or f.layer == layer) and (not kind or f.kind == kind) and matches_query(search_text(f), query)
    ]


@pytest.mark.parametrize(
    "query",
    ["mercury", "MERCURY river", "  atrato   Personhood  ", "CHOCÓ", "choco", "Cho\u0301co", "zzzz-nothing"],
)
def test_search_filters_rows_in_the_browser_without_a_rerun(page: Page, atlas: Atlas, query: str) -> None:
    feature_list = open_list(page, "/choco")
    features = atlas.features_in("choco")
    assert len(shown_ids(feature_list)) == len(features)
    page.evaluate(WATCH_RUNS)
    search = page.get_by_label("Search names, summaries and quotes")
    expect(search).to_have_attribute("placeholder", "e.g. mercury, river, women")
    search.fill(query)
    want = expected(features, query)
    count = feature_list.locator(".veta-list-count")
    expect(count).to_have_text(count_line(len(want), len(features)))
    assert shown_ids(feature_list) == want
    empty = feature_list.locator(".veta-list-empty")
    if want:
        expect(empty).to_be_hidden()
    else:
        expect(empty).to_have_text("No feature matches these filters.")
        expect(feature_list.locator("table")).to_be_hidden()
    assert page.evaluate("window.vetaRuns") == 0, "filtering started a script run"
    search.fill("")
    expect(count).to_have_text(count_line(len(features), len(features)))


def test_layer_filter_narrows_rows_and_kinds(page: Page, atlas: Atlas) -> None:
    feature_list = open_list(page, "/kachin")
    features = atlas.features_in("kachin")
    page.evaluate(WATCH_RUNS)
    page.get_by_label("Layer", exact=True).select_option("harms")
    want = expected(features, layer="harms")
    expect(feature_list.locator(".veta-list-count")).to_have_text(count_line(len(want), len(features)))
    assert shown_ids(feature_list) == want
    kinds = page.get_by_label("Kind", exact=True).locator("option").evaluate_all("os => os.map(o => o.value)")
    assert kinds == ["", *sorted({f.kind for f in features if f.layer == "harms"})]
    kind = kinds[1]
    page.get_by_label("Kind", exact=True).select_option(kind)
    assert shown_ids(feature_list) == expected(features, layer="harms", kind=kind)
    page.get_by_label("Layer", exact=True).select_option("minerals")  # the kind is not a mineral's: reset
    expect(page.get_by_label("Kind", exact=True)).to_have_value("")
    assert shown_ids(feature_list) == expected(features, layer="minerals")
    assert page.evaluate("window.vetaRuns") == 0, "filtering started a script run"


def test_choosing_a_row_with_the_keyboard_selects_the_feature(page: Page, atlas: Atlas) -> None:
    feature_list = open_list(page, "/choco")
    feature = next(f for f in atlas.features_in("choco", "rivers") if "atrato" in search_text(f))
    page.get_by_label("Layer", exact=True).select_option("rivers")
    page.get_by_label("Search names, summaries and quotes").fill("atrato")
    button = feature_list.locator(f'button.veta-pick[data-feature="{feature.id}"]')
    button.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/choco\?feature={re.escape(feature.id)}$"))
    expect(page.locator(".st-key-evidence-panel .veta-feature-name")).to_have_text(feature.name)
    row = feature_list.locator(f'tr[data-feature="{feature.id}"]')
    expect(row.locator("button")).to_have_attribute("aria-current", "true")
    expect(row.locator(".veta-list-mark")).to_have_text("▶")
    expect(feature_list.locator('button[aria-current="true"]')).to_have_count(1)
    # the rerun kept the filters and the keyboard focus
    expect(page.get_by_label("Layer", exact=True)).to_have_value("rivers")
    expect(page.get_by_label("Search names, summaries and quotes")).to_have_value("atrato")
    assert shown_ids(feature_list) == expected(atlas.features_in("choco"), "atrato", layer="rivers")
    expect(row.locator("button")).to_be_focused()


def test_tab_reaches_the_filters_and_every_shown_name(page: Page) -> None:
    feature_list = open_list(page, "/kachin")
    page.get_by_label("Layer", exact=True).focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Kind", exact=True)).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Search names, summaries and quotes")).to_be_focused()
    page.keyboard.press("Tab")  # the table's scrolling region
    page.keyboard.press("Tab")
    first = feature_list.locator("button.veta-pick").first
    expect(first).to_be_focused()
    page.keyboard.press("Tab")
    expect(feature_list.locator("button.veta-pick").nth(1)).to_be_focused()


def test_the_page_loads_no_dataframe_or_widget_chunks(page: Page, requests_log: RequestLog) -> None:
    open_list(page, "/madre-de-dios")
    scripts = [url.rsplit("/", 1)[-1] for url in requests_log.urls if url.endswith(".js")]
    heavy = [name for name in scripts if name.startswith(HEAVY_CHUNKS)]
    assert not heavy, f"the region page loaded heavy Streamlit chunks: {heavy}"
    assert any(name.startswith("BidiComponent") for name in scripts), scripts


def test_the_list_scrolls_sideways_on_a_phone(page: Page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    feature_list = open_list(page, "/choco")
    wrap = feature_list.locator(".veta-table-wrap")
    sizes = wrap.evaluate("el => [el.scrollWidth, el.clientWidth, document.documentElement.scrollWidth]")
    assert sizes[0] > sizes[1], "the table should scroll inside its container"
    assert sizes[2] <= 390, "the page itself must not scroll sideways"
