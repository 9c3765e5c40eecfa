"""Tests for veta.panels: the evidence panel HTML and the feature table rows (filters: tests/test_feature_list.py)."""

from __future__ import annotations

import re

import pytest

from tests.pages.atlas_fixture import (
    HOSTILE_CAVEAT,
    HOSTILE_ID,
    HOSTILE_NAME,
    HOSTILE_NOTE,
    HOSTILE_SUMMARY,
    build_fixture,
)
from veta.atlas import load_atlas
from veta.escape import escape_text
from veta.layers import PRECISIONS
from veta.model import Atlas
from veta.panels import (
    PRECISION_MEANINGS,
    SELECTED_MARK,
    context_html,
    evidence_by_passage,
    evidence_panel_html,
    feature_header_html,
    feature_rows,
    kinds_in,
    provenance_html,
    quote_html,
    quotes_html,
    resources_html,
    source_line,
)
from veta.precision import precision_label, precision_meaning
from veta.quotes import quote_html as quote_text_html


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    return load_atlas(build_fixture(tmp_path_factory.mktemp("geodata")))


def test_every_precision_is_explained() -> None:
    assert set(PRECISION_MEANINGS) == set(PRECISIONS)


def test_quote_is_verbatim_in_curly_quotes_with_speaker(atlas: Atlas) -> None:
    evidence = atlas.feature("kachin-jade").evidence[0]
    html = quote_html(atlas, evidence)
    assert f"<p>“{evidence.exact}”</p>" in html
    assert "— Doi Ra, passage 11" in html
    assert evidence.exact in atlas.seed.text


def test_quotes_from_one_passage_share_one_footer(atlas: Atlas) -> None:
    floods = atlas.feature("kachin-floods")
    groups = evidence_by_passage(floods)
    assert [(pid, len(items)) for pid, items in groups] == [("p36", 2)]
    html = quotes_html(atlas, groups[0][1])
    assert html.count("<p>“") == 2 and html.count("<footer>") == 1


def test_context_marks_each_quote_inside_its_passage(atlas: Atlas) -> None:
    floods = atlas.feature("kachin-floods")
    html = context_html(atlas, floods.evidence, open_=True)
    assert html.startswith('<details class="veta-context" open>')
    marked = re.findall(r"<mark>(.*?)</mark>", html)
    assert marked == [escape_text(e.exact) for e in floods.evidence]
    # Outside the marks, the rest of the passage is there too.
    plain = re.sub(r"</?mark>", "", html)
    assert escape_text(atlas.passage("p36").text) in plain
    assert " open" not in context_html(atlas, floods.evidence)


def test_panel_has_every_part(atlas: Atlas) -> None:
    floods = atlas.feature("kachin-floods")
    html = evidence_panel_html(atlas, floods)
    assert '<h3 class="veta-feature-name">Floods and landslides</h3>' in html
    assert "Harms · flood · Kachin State" in html
    assert "Placed in the test box." in html
    assert PRECISION_MEANINGS["inferred"] in html
    assert "The interview does not say where." in html  # the inferred class says so plainly
    assert "<dt>Placed by Veta from</dt><dd>A test point; outside knowledge, not the interview.</dd>" in html
    assert "Test boxes &lt;b&gt;not bold&lt;/b&gt; (CC0-1.0)" in html
    assert "Caveat:</b> The interview does not say which rivers flood." in html
    for evidence in floods.evidence:
        assert f"“{quote_text_html(evidence.exact)}”" in html


def test_every_precision_is_explained_in_veta_precisions_words() -> None:
    for precision in PRECISIONS:
        assert PRECISION_MEANINGS[precision] == f"{precision_label(precision)}. {precision_meaning(precision)}"


def test_named_place_is_shown_for_a_site(atlas: Atlas) -> None:
    html = provenance_html(atlas, atlas.feature("atrato-river"))
    assert "<dt>Named in the interview as</dt><dd>Atrato</dd>" in html
    assert PRECISION_MEANINGS["site"] in html and "Placed by Veta from" not in html


def test_no_caveat_no_caveat_box(atlas: Atlas) -> None:
    assert "Caveat" not in provenance_html(atlas, atlas.feature("kachin-jade"))


def test_hostile_text_is_literal_everywhere(atlas: Atlas) -> None:
    feature = atlas.feature(HOSTILE_ID)
    html = evidence_panel_html(atlas, feature) + feature_header_html(atlas, feature)
    for text in (HOSTILE_NAME, HOSTILE_SUMMARY, HOSTILE_NOTE, HOSTILE_CAVEAT):
        assert escape_text(text) in html
    for raw in ("<img", "<script", "</div><b>", "<i>", "<mark>fake", "${", "`", "{braces}", "\\"):
        assert raw not in html


def test_source_line_falls_back_to_the_name(atlas: Atlas) -> None:
    feature = atlas.feature("kachin-jade")
    assert source_line(atlas, feature) == "Test boxes <b>not bold</b> (CC0-1.0)"
    unknown = type(feature)(**{**feature.__dict__, "geometry_source": "nowhere"})
    assert source_line(atlas, unknown) == "nowhere"


def test_kinds_in(atlas: Atlas) -> None:
    assert kinds_in(atlas.features_in("kachin")) == ("flood", "jade")
    assert kinds_in(atlas.features_in("kachin"), ["minerals"]) == ("jade",)


def test_feature_rows_mark_the_selection_and_quote_verbatim(atlas: Atlas) -> None:
    rows = feature_rows(atlas, atlas.features_in("choco"), selected_id="atrato-lawsuit")
    assert [r["id"] for r in rows] == [f.id for f in atlas.features_in("choco")]
    assert [r[" "] for r in rows] == ["" if r["id"] != "atrato-lawsuit" else SELECTED_MARK for r in rows]
    river = next(r for r in rows if r["id"] == "atrato-river")
    assert river["quote"] == (
        "“The Atrato is one of the few rivers in the world that has gained personhood rights” — Gisselle Benites"
    )
    assert river["layer"] == "Rivers" and river["passages"] == "¶ 29"
    hostile = next(r for r in rows if r["id"] == HOSTILE_ID)
    assert hostile["name"] == HOSTILE_NAME  # plain text: veta.feature_list escapes each cell, once


def test_resources_table_is_escaped(atlas: Atlas) -> None:
    html = resources_html(atlas)
    assert "<td>Test boxes &lt;b&gt;not bold&lt;/b&gt;</td>" in html
    assert "<td>CC0-1.0</td>" in html and "Drawn for the tests" in html
