"""AppTests of the three region pages: map, evidence panel, feature table, deep links and bad addresses.

The feature table's filtering runs in the browser (tests/browser/test_feature_list_browser.py); here, what the
page sends it (rows, the marked selection) and what a pick (its `pick` trigger) does.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.feature_list_html import (
    feature_list_data,
    feature_list_elements,
    feature_list_names,
    feature_list_rows,
    pick,
)
from tests.pages.atlas_fixture import HOSTILE_CAVEAT, HOSTILE_ID, HOSTILE_NAME, HOSTILE_NOTE, HOSTILE_SUMMARY
from tests.pages.conftest import (
    BAD_VALUES,
    RunPage,
    all_text,
    assert_echo_escaped,
    click_map,
    footer,
    html_bodies,
    map_elements,
    map_script,
    no_exception,
    page_links,
)
from ui.links import REGION_PAGES, REGION_TITLES
from veta.atlas import load_atlas
from veta.escape import escape_text
from veta.quotes import quote_html
from veta.reader import speaker_name
from veta.summary import key_quote

REAL = load_atlas()


def _panel_shows(at, feature) -> None:  # noqa: ANN001
    """The evidence panel shows the feature's name and every quote verbatim in curly quotes, with speaker."""
    bodies = html_bodies(at)
    assert f'<h3 class="veta-feature-name">{escape_text(feature.name)}</h3>' in bodies
    for evidence in feature.evidence:
        assert f"<p>“{quote_html(evidence.exact)}”</p>" in bodies
        assert evidence.exact in REAL.seed.text
        speaker = speaker_name(REAL.passage(evidence.passage_id).speaker)
        assert f"— {escape_text(speaker)}, passage" in bodies
    readers = [q for _, page, q in page_links(at) if page == "passages"]
    assert sorted(readers) == sorted(f"passage={pid}" for pid in feature.passage_ids)
    assert "veta-panel-head" in bodies


@pytest.mark.parametrize("region_id", list(REGION_PAGES))
def test_region_page_draws_map_table_and_prompt(run_page: RunPage, region_id: str) -> None:
    at = run_page(REGION_PAGES[region_id])
    no_exception(at)
    assert at.title[0].value == REGION_TITLES[region_id]
    assert len(map_elements(at)) == 1
    assert len(feature_list_elements(at)) == 1
    assert [row["attrs"]["data-feature"] for row in feature_list_rows(at)] == [
        f.id for f in REAL.features_in(region_id)
    ]
    assert not at.get("arrow_data_frame") and not at.multiselect and not at.text_input  # no heavy widgets
    assert any("Select a feature on the map" in el.value for el in at.info)
    # online base maps: offered in the map's layer control (not shown until chosen: tests/test_maps.py), explained
    assert "OpenStreetMap (online)" in map_script(at) and [t.label for t in at.toggle] == ["Projector mode"]
    assert any("they load from the internet only once you choose them" in el.value for el in at.caption)
    quote = key_quote(REAL, region_id)
    assert quote is not None and f"<p>“{quote_html(quote.evidence.exact)}”</p>" in html_bodies(at)
    assert ("This quote in the interview", "passages", f"passage={quote.evidence.passage_id}") in page_links(at)
    credit = footer(at)
    assert "CC BY-NC-ND 3.0" in credit and "Transnational Institute" in credit and "Natural Earth" in credit
    # app.py ran too (not the page alone, as Streamlit does for a first deep link into a `pages/` folder):
    assert "CC BY-NC-ND 3.0" in "\n".join(el.proto.body for el in at.sidebar.get("html"))
    assert "feature" not in at.query_params


def map_selection(at: Any) -> str | None:
    """The selection the page hands its map (ui.map_display's element data)."""
    from ui.map_display import COMPONENT_NAME

    (element,) = [e for e in at.get("bidi_component") if e.proto.component_name == COMPONENT_NAME]
    return json.loads(element.proto.json)["selected"]


@pytest.mark.parametrize("region_id", list(REGION_PAGES))
def test_deep_link_selects_the_feature(run_page: RunPage, region_id: str) -> None:
    feature = REAL.features_in(region_id)[-1]
    at = run_page(REGION_PAGES[region_id], {"feature": feature.id})
    no_exception(at)
    assert not at.warning
    _panel_shows(at, feature)
    rows = feature_list_rows(at)
    assert [row["attrs"]["data-feature"] for row in rows if row["cells"][0] == "▶"] == [feature.id]
    assert [row["attrs"]["data-feature"] for row in rows if row["button"].get("aria-current") == "true"] == [feature.id]
    assert at.query_params["feature"] == feature.id
    # the page hands the map its selection (veta-map.js selects in place: one map file for every selection)
    assert map_selection(at) == feature.id and '"select": "veta:select"' in map_script(at)
    codes = [el.value for el in at.code]
    assert codes.count(f"/{region_id}?feature={feature.id}") == 1  # the link to share
    # and the evidence panel's "Cite this" (APA by default), with the feature's address
    (cited,) = [c for c in codes if c.startswith("Veta contributors. (n.d.). ")]
    assert f"/{region_id}?feature={feature.id} " in cited and feature.name in cited


def test_map_click_selects_and_updates_address(run_page: RunPage, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page(REGION_PAGES["kachin"])
    feature = REAL.features_in("kachin")[2]
    (element,) = map_elements(at)
    click_map(at, monkeypatch, feature.id)
    no_exception(at)
    assert at.query_params["feature"] == feature.id
    _panel_shows(at, feature)


def test_map_click_on_unknown_id_is_ignored(run_page: RunPage, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page(REGION_PAGES["kachin"])
    (element,) = map_elements(at)
    chocó = REAL.features_in("choco")[0]
    click_map(at, monkeypatch, chocó.id)
    no_exception(at)
    assert "feature" not in at.query_params
    assert any("Select a feature on the map" in el.value for el in at.info)


def test_table_offers_the_filters_and_the_count(run_page: RunPage) -> None:
    """The filters themselves run in the browser; the page gives them their options and the first count."""
    at = run_page(REGION_PAGES["choco"])
    controls = feature_list_data(at)["controls"]
    features = REAL.features_in("choco")
    for layer in dict.fromkeys(f.layer for f in features):
        assert f'<option value="{layer}">' in controls
    assert 'placeholder="e.g. mercury, river, women"' in controls and ">Search names, summaries and quotes<" in controls
    assert f"{len(features)} of {len(features)} features · select a row" in controls


def test_table_row_selection_selects_the_feature(run_page: RunPage) -> None:
    at = run_page(REGION_PAGES["madre-de-dios"])
    feature = REAL.features_in("madre-de-dios")[1]
    pick(at, feature.id)
    no_exception(at)
    assert at.query_params["feature"] == feature.id
    _panel_shows(at, feature)
    assert map_selection(at) == feature.id and '"select": "veta:select"' in map_script(at)
    assert [r["attrs"]["data-feature"] for r in feature_list_rows(at) if r["cells"][0] == "▶"] == [feature.id]


def test_picking_a_feature_of_another_region_is_ignored(run_page: RunPage) -> None:
    at = run_page(REGION_PAGES["madre-de-dios"])
    pick(at, REAL.features_in("kachin")[0].id)
    no_exception(at)
    assert "feature" not in at.query_params


@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_bad_feature_params_give_a_friendly_page(run_page: RunPage, case: str) -> None:
    value = BAD_VALUES[case]
    at = run_page(REGION_PAGES["choco"], {"feature": value})
    no_exception(at)
    assert at.warning, "a friendly message"
    assert len(map_elements(at)) == 1 and len(feature_list_elements(at)) == 1
    assert any("Select a feature on the map" in el.value for el in at.info)
    assert_echo_escaped(at, value if isinstance(value, str) else value[0])


def test_feature_of_another_region_links_there(run_page: RunPage) -> None:
    feature = REAL.features_in("kachin")[0]
    at = run_page(REGION_PAGES["choco"], {"feature": feature.id})
    no_exception(at)
    assert "another region" in at.warning[0].value
    assert ("Open it on the Kachin State, Myanmar map", "kachin", f"feature={feature.id}") in [
        (label, page, q) for label, page, q in page_links(at)
    ]


def test_hostile_strings_show_as_literal_text(run_fixture_page: RunPage) -> None:
    at = run_fixture_page(REGION_PAGES["choco"], {"feature": HOSTILE_ID})
    no_exception(at)
    bodies = html_bodies(at)
    for text in (HOSTILE_NAME, HOSTILE_SUMMARY, HOSTILE_NOTE, HOSTILE_CAVEAT):
        assert escape_text(text) in bodies
    for raw in ("<img", "<script", "<b>not bold", "<i>not italic", "${evil}", "`tick`"):
        assert raw not in bodies
    assert HOSTILE_NAME in feature_list_names(at)  # shown literally: escaped once in the list's HTML
    table = feature_list_data(at)["table"]
    assert escape_text(HOSTILE_NAME) in table and escape_text(escape_text(HOSTILE_NAME)) not in table
    for raw in ("<img", "<script", "<b>not bold", "${evil}", "`tick`"):
        assert raw not in table
    assert "Test boxes &lt;b&gt;not bold&lt;/b&gt; (CC0-1.0)" in bodies


def test_broken_data_shows_the_error_page(run_page: RunPage, fixture_geodata, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    import shutil

    broken = tmp_path / "geodata"
    shutil.copytree(fixture_geodata, broken)
    (broken / "rivers.geojson").write_text("{ not json", encoding="utf-8")
    monkeypatch.setenv("VETA_GEODATA", str(broken))
    from tests.pages.conftest import _run

    at = _run(REGION_PAGES["kachin"], {"feature": "kachin-floods"})
    no_exception(at)
    assert at.title[0].value == "Veta cannot show the atlas: the data has problems"
    text = all_text(at)
    assert "rivers.geojson" in text and "not valid JSON" in text
    assert not map_elements(at)
