"""Tests for the scopes' addresses and texts: veta.scopes, and feature_href / share_link / the overview's
`feature` parameter for the Andean and worldwide statements."""

from __future__ import annotations

from veta.atlas import load_atlas
from veta.cite import feature_address
from veta.escape import escape_text
from veta.params import resolve_feature_param, resolve_scope_feature_param, share_link
from veta.reader import feature_href, page_path, passage_html
from veta.scopes import (
    SCOPE_HEADINGS,
    scope_countries,
    scope_heading,
    scope_intro,
    scopes_of_region,
    statement_html,
    statement_meta,
    statement_speakers,
)

ATLAS = load_atlas()


def test_scope_features_link_to_the_overview_and_region_features_to_their_page() -> None:
    assert page_path("andes") == page_path("world") == "" and page_path("kachin") == "kachin"
    for feature in ATLAS.features:
        expected = "" if feature.region in ("andes", "world") else feature.region
        assert feature_href(feature) == f"./{expected}?feature={feature.id}"
    assert share_link(None, "world", "world-asm-gold") == "/?feature=world-asm-gold"
    statement = ATLAS.feature("andes-pinata")  # "Cite this" gives the statement's address on the overview
    assert feature_address("http://localhost:8501/", statement) == "http://localhost:8501/?feature=andes-pinata"
    assert share_link("http://localhost:8501/", "andes", "andes-pinata") == "http://localhost:8501/?feature=andes-pinata"


def test_the_overview_selects_scope_statements_and_points_elsewhere_for_the_rest() -> None:
    chosen = resolve_scope_feature_param(ATLAS, ["andes-pinata"])
    assert chosen.feature is not None and chosen.feature.id == "andes-pinata" and chosen.notice is None
    assert resolve_scope_feature_param(ATLAS, ["world-asm-gold"]).feature.region == "world"
    elsewhere = resolve_scope_feature_param(ATLAS, ["kachin-jade"])
    assert elsewhere.feature is None and elsewhere.elsewhere.id == "kachin-jade" and elsewhere.notice
    unknown = resolve_scope_feature_param(ATLAS, ["<b>nope</b>"])
    assert unknown.feature is None and unknown.elsewhere is None and unknown.notice.value == "<b>nope</b>"
    assert resolve_scope_feature_param(ATLAS, []).notice is None
    # and a region page sends a scope statement to the overview (elsewhere), as before for other regions
    region_page = resolve_feature_param(ATLAS, "kachin", ["world-asm-gold"])
    assert region_page.feature is None and region_page.elsewhere.region == "world"


def test_scope_headings_countries_and_which_scopes_bear_on_a_region() -> None:
    assert [scope_heading(s.id) for s in ATLAS.scopes] == list(SCOPE_HEADINGS.values())
    andes, world = ATLAS.scopes
    assert scope_countries(andes) == ("Colombia", "Peru", "Ecuador", "Bolivia") and scope_countries(world) == ()
    assert scope_intro(ATLAS, andes).startswith(f"{len(ATLAS.features_in('andes'))} statements")
    assert "Colombia, Peru, Ecuador and Bolivia" in scope_intro(ATLAS, andes)
    assert [s.id for s in scopes_of_region(ATLAS, "choco")] == ["andes", "world"]
    assert [s.id for s in scopes_of_region(ATLAS, "madre-de-dios")] == ["andes", "world"]
    assert [s.id for s in scopes_of_region(ATLAS, "kachin")] == ["world"]


def test_statement_html_escapes_and_names_the_speaker() -> None:
    feature = ATLAS.feature("world-petty-commodity-producers")
    assert statement_speakers(ATLAS, feature) == ("Doi Ra",)
    assert statement_meta(ATLAS, feature).endswith("· quoting Doi Ra")
    html = statement_html(ATLAS, feature, href=feature_href(feature), element_id="x-1")
    assert f'<a href="./?feature={feature.id}">{escape_text(feature.name)}</a>' in html
    assert escape_text(feature.summary) in html and 'id="x-1"' in html
    assert escape_text(feature.name) not in statement_html(ATLAS, feature, with_name=False)


def test_passages_cited_by_scope_statements_link_to_them_in_the_reader() -> None:
    for scope in ("andes", "world"):
        for feature in ATLAS.features_in(scope):
            for passage_id in feature.passage_ids:
                html = passage_html(ATLAS, ATLAS.passage(passage_id))
                assert f'<a href="./?feature={feature.id}">{escape_text(feature.name)}</a>' in html
                assert escape_text(ATLAS.region(scope).name) in html
