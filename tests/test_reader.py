"""Tests for veta.reader: filtering passages, highlighting quotes, passage HTML."""

from __future__ import annotations

import dataclasses
import re

import pytest

from tests.pages.atlas_fixture import HOSTILE_ID, HOSTILE_NAME, build_fixture
from veta.atlas import load_atlas
from veta.escape import escape_text
from veta.model import Atlas
from veta.reader import (
    SPEAKER_INFO,
    feature_href,
    filter_passages,
    fold,
    highlight_html,
    matches_query,
    merge_spans,
    passage_html,
    passage_layers,
    passage_regions,
    scroll_to_script,
    section_anchors,
    sections_html,
    speaker_name,
    standfirst_html,
    toc_html,
)


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    return load_atlas(build_fixture(tmp_path_factory.mktemp("geodata")))


def test_speakers_cover_the_seed(atlas: Atlas) -> None:
    assert {p.speaker for p in atlas.seed.passages} == set(SPEAKER_INFO)
    assert speaker_name("Gisselle") == "Gisselle Benites"
    assert speaker_name("Someone") == "Someone"


def test_fold_ignores_case_and_accents() -> None:
    assert fold("Chocó") == "choco"
    assert matches_query("In Colombia’s province of Chocó", "CHOCO colombia")
    assert not matches_query("Kachin", "choco")
    assert matches_query("anything", "   ")


def test_filter_by_region_layer_speaker_and_text(atlas: Atlas) -> None:
    assert [p.id for p in filter_passages(atlas, region="kachin")] == ["p11", "p36"]
    assert [p.id for p in filter_passages(atlas, region="choco")] == ["p29"]
    assert [p.id for p in filter_passages(atlas, layer="actors")] == ["p46"]
    assert [p.id for p in filter_passages(atlas, region="kachin", layer="harms")] == ["p36"]
    doi_ra = filter_passages(atlas, speaker="Doi Ra")
    assert doi_ra and all(p.speaker == "Doi Ra" for p in doi_ra)
    assert "p11" in {p.id for p in doi_ra}
    assert [p.id for p in filter_passages(atlas, query="personhood")] == ["p29"]
    assert [p.id for p in filter_passages(atlas, query="atrato river", speaker="Gisselle")] == ["p29"]
    assert filter_passages(atlas, query="zzzz-not-there") == ()
    assert len(filter_passages(atlas)) == len(atlas.seed.passages)


def test_search_finds_feature_names(atlas: Atlas) -> None:
    # "onerror" occurs in no passage, only in the hostile feature's name, which cites p29.
    assert "onerror" not in atlas.seed.text
    assert [p.id for p in filter_passages(atlas, query="onerror")] == ["p29"]


def test_passage_regions_and_layers(atlas: Atlas) -> None:
    assert passage_regions(atlas, "p36") == ("kachin",)
    assert passage_layers(atlas, "p29") == ("rivers", "harms", "responses")
    assert passage_regions(atlas, "p1") == ()


def test_scope_features_count_in_passage_regions_and_name_their_scope(atlas: Atlas) -> None:
    andes = dataclasses.replace(atlas.feature("mdd-catholic-church"), id="andes-church", region="andes")
    with_scope = dataclasses.replace(atlas, features=(*atlas.features, andes))
    assert passage_regions(with_scope, "p46") == ("madre-de-dios", "andes")
    html = passage_html(with_scope, with_scope.passage("p46"))
    assert "· The Andean countries</span>" in html


def test_merge_spans() -> None:
    assert merge_spans([(5, 8), (0, 2), (1, 3), (8, 9), (20, 30)], 25) == [(0, 3), (5, 9), (20, 25)]
    assert merge_spans([(4, 4), (-3, -1)], 10) == []


def test_highlight_escapes_and_marks() -> None:
    text = "a <b> & `x` ${y} end"
    html = highlight_html(text, [(2, 5)])
    assert html == "a <mark>&lt;b&gt;</mark> &amp; &#x60;x&#x60; &#x24;&#x7b;y&#x7d; end"
    assert highlight_html(text, []) == escape_text(text)


def test_passage_html_marks_quotes_and_links_features(atlas: Atlas) -> None:
    passage = atlas.passage("p29")
    html = passage_html(atlas, passage)
    assert html.startswith('<article id="p29" class="veta-passage veta-passage-mapped">')
    assert "<mark>The Atrato is one of the few rivers in the world that has gained personhood rights</mark>" in html
    assert 'href="./choco?feature=atrato-river"' in html
    assert "Partly left off the map" in html  # p29 is both cited and listed as unmapped
    target = passage_html(atlas, passage, target=True)
    assert 'class="veta-passage veta-passage-target veta-passage-mapped"' in target


def test_unmapped_passage_shows_reason(atlas: Atlas) -> None:
    html = passage_html(atlas, atlas.passage("p1"))
    assert "Not on the map:</b> Test reason for p1." in html
    assert "<mark>" not in html and "<a " not in html


def test_hostile_feature_name_is_literal_text(atlas: Atlas) -> None:
    html = passage_html(atlas, atlas.passage("p29"))
    assert escape_text(HOSTILE_NAME) in html
    assert "<img" not in html and "${" not in html and "`" not in html
    assert f'href="./choco?feature={HOSTILE_ID}"' in html


def test_feature_href_quotes_the_id(atlas: Atlas) -> None:
    assert feature_href(atlas.feature("kachin-floods")) == "./kachin?feature=kachin-floods"


def test_sections_group_passages_under_headings(atlas: Atlas) -> None:
    passages = [atlas.passage(pid) for pid in ("p1", "p2", "p15", "p36")]
    fragments = sections_html(atlas, passages, target_id="p15")
    assert len(fragments) == 3
    assert fragments[0].startswith('<h3 class="veta-section" id="s1">Way of life or exploitation?</h3>')
    assert fragments[1].startswith('<h3 class="veta-section" id="s2">')
    plain = sections_html(atlas, passages[:1], anchors=False)
    assert plain[0].startswith('<h3 class="veta-section">Way of life')
    assert 'id="p15" class="veta-passage veta-passage-target"' in fragments[1]
    assert sum(f.count("veta-passage-target") for f in fragments) == 1
    assert sections_html(atlas, []) == []


def test_toc_links_the_sections_shown(atlas: Atlas) -> None:
    anchors = section_anchors(atlas.seed)
    assert list(anchors.values()) == [f"s{i}" for i in range(1, 7)]
    toc = toc_html(atlas.seed, [atlas.passage("p36"), atlas.passage("p37"), atlas.passage("p1")])
    assert toc == (
        '<nav class="veta-toc"><b>Sections:</b> <a href="#s4">Livelihood or destructive cycle?</a>'
        ' · <a href="#s1">Way of life or exploitation?</a></nav>'
    )
    assert "&amp;" in toc_html(atlas.seed, atlas.seed.passages)  # "Local communities & movement solidarity"
    assert toc_html(atlas.seed, []) == ""


def test_every_passage_has_one_anchor(atlas: Atlas) -> None:
    html = "".join(sections_html(atlas, atlas.seed.passages))
    ids = re.findall(r'<article id="(p\d+)"', html)
    assert ids == [p.id for p in atlas.seed.passages]


def test_standfirst_is_verbatim(atlas: Atlas) -> None:
    html = standfirst_html(atlas.seed)
    standfirst = atlas.seed.blocks_of("standfirst")[0].text
    assert f"“{escape_text(standfirst)}”" in html


def test_scroll_script_only_takes_veta_ids() -> None:
    assert '"p12"' in scroll_to_script("p12")
    for bad in ('p1"; alert(1); "', "P12", "", "p1 p2", "x" * 100):
        with pytest.raises(ValueError):
            scroll_to_script(bad)
