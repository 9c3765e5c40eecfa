"""Hostile text through every veta HTML builder: it must come out as literal text, never as markup or code.

The atlas is the real one with hostile name, summary, placement note, caveat and kind (built with
`dataclasses.replace`, so even a kind the validator would reject is tried). HTML fragments are parsed the way a
browser reads them (character references decoded); folium's JavaScript template literals are read the way
JavaScript reads them (no `${…}` may remain, and no backtick may end one early).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.hostile import (
    HOSTILE,
    HOSTILE_CAVEAT,
    HOSTILE_FEATURE,
    HOSTILE_KIND,
    HOSTILE_NAME,
    HOSTILE_NOTE,
    HOSTILE_REGION_SUFFIX,
    KIND_FEATURE,
    LONG_FEATURE,
    LONG_NAME,
    PIECES,
    RAW_PIECES,
    TEMPLATE,
    hostile_atlas,
)
from tests.map_text import map_features, map_legend
from veta.atlas import load_atlas
from veta.compare import build_compare_map, comparable_views, comparison_matrix, matrix_html, unique_kinds_html
from veta.export_html import index_html, passages_html, region_page_html
from veta.feature_list import feature_list_data, search_text
from veta.handout import build_step_map, handout_html, step_svg
from veta.maps import build_overview_map, build_region_map, map_html, popup_html
from veta.model import Atlas
from veta.panels import (
    evidence_panel_html,
    feature_header_html,
    feature_rows,
    provenance_html,
)
from veta.reader import kind_label, matches_query, passage_html, sections_html
from veta.tours import TOURS_DIR, Tour, load_tours


class Parsed(HTMLParser):
    """An HTML fragment as a browser would read it: its element tags and its text (references decoded)."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.parts: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def assert_literal(fragment: str, *expected: str) -> Parsed:
    """The fragment has no injected element or handler, and shows each expected string literally."""
    parsed = Parsed(fragment)
    assert "script" not in parsed.tags, "a <script> element was injected"
    assert "img" not in parsed.tags, "an <img> element was injected"
    assert not [name for name, _ in parsed.attrs if name.startswith("on")], "an event handler attribute was injected"
    for piece in RAW_PIECES:
        assert piece not in fragment, f"{piece!r} reached the HTML unescaped"
    for text in expected:
        assert text in parsed.text, f"not shown literally: {text[:80]!r}"
    return parsed


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return hostile_atlas(load_atlas())


def test_the_hostile_atlas_carries_every_hostile_field(atlas: Atlas) -> None:
    feature = atlas.feature(HOSTILE_FEATURE)
    assert feature.name == HOSTILE_NAME and feature.kind == HOSTILE_KIND
    assert feature.placement_note == HOSTILE_NOTE and len(feature.placement_note) == 5000
    assert all(piece in feature.summary for piece in PIECES) and len(feature.summary) == 5000
    assert len(atlas.feature(LONG_FEATURE).name) == 5000
    assert atlas.feature(KIND_FEATURE).kind == HOSTILE_KIND


def test_evidence_panel_shows_hostile_fields_literally(atlas: Atlas) -> None:
    feature = atlas.feature(HOSTILE_FEATURE)
    assert_literal(feature_header_html(atlas, feature), HOSTILE_NAME, feature.summary, kind_label(HOSTILE_KIND))
    assert_literal(provenance_html(atlas, feature), HOSTILE_NOTE, HOSTILE_CAVEAT)
    assert_literal(evidence_panel_html(atlas, feature), HOSTILE_NAME, HOSTILE_NOTE, feature.evidence[0].exact)
    assert_literal(evidence_panel_html(atlas, atlas.feature(LONG_FEATURE)), LONG_NAME)


def test_feature_table_rows_are_the_plain_text(atlas: Atlas) -> None:
    feature = atlas.feature(HOSTILE_FEATURE)
    rows = feature_rows(atlas, atlas.features_in(feature.region), feature.id)
    row = next(r for r in rows if r["id"] == feature.id)
    assert row["name"] == HOSTILE_NAME
    assert row["kind"] == kind_label(HOSTILE_KIND)
    assert next(r for r in feature_rows(atlas, [atlas.feature(LONG_FEATURE)]))["name"] == LONG_NAME
    # searching for the hostile text finds the feature (and nothing is interpreted on the way)
    found = {f.id for f in atlas.features if matches_query(search_text(f), TEMPLATE)}
    assert found == {HOSTILE_FEATURE, LONG_FEATURE, KIND_FEATURE}
    assert {f.id for f in atlas.features if f.kind == HOSTILE_KIND} == {HOSTILE_FEATURE, KIND_FEATURE}


def test_feature_list_shows_hostile_fields_literally(atlas: Atlas) -> None:
    feature = atlas.feature(HOSTILE_FEATURE)
    data = feature_list_data(atlas, feature.region, feature.id)
    table = assert_literal(data["table"], HOSTILE_NAME, kind_label(HOSTILE_KIND), feature.evidence[0].exact)
    assert ("data-search", search_text(feature)) in table.attrs and ("data-kind", HOSTILE_KIND) in table.attrs
    assert_literal(data["controls"], kind_label(HOSTILE_KIND))
    assert_literal(feature_list_data(atlas, "choco", None)["table"], LONG_NAME)


def test_reader_lists_citing_features_literally(atlas: Atlas) -> None:
    for feature_id, name in ((HOSTILE_FEATURE, HOSTILE_NAME), (KIND_FEATURE, None), (LONG_FEATURE, LONG_NAME)):
        feature = atlas.feature(feature_id)
        passage = atlas.passage(feature.passage_ids[0])
        expected = [kind_label(feature.kind)] + ([name] if name else [])
        parsed = assert_literal(passage_html(atlas, passage, target=True), *expected)
        assert "a" in parsed.tags
        assert_literal("".join(sections_html(atlas, [passage], passage.id)), *expected)


TEMPLATE_LITERAL = re.compile(r"`([^`]*)`")


def tooltips_of(document: str) -> list[str]:
    """The tooltips' HTML of a rendered map (they travel as the features' data)."""
    return [p["tooltip"] for p in map_features(document) if p.get("tooltip")]


def popups_of(document: str) -> list[str]:
    """The popups' HTML of a rendered map."""
    return [p["popup"] for p in map_features(document) if p.get("popup")]


@pytest.fixture(scope="module")
def map_documents(atlas: Atlas) -> dict[str, str]:
    """The rendered region maps (hostile feature selected, so its popup opens) of the hostile atlas."""
    return {
        region.id: map_html(
            build_region_map(
                atlas,
                region.id,
                selected_feature_id=HOSTILE_FEATURE if region.id == "kachin" else None,
            )
        )
        for region in atlas.regions
    }


def test_map_javascript_has_no_interpolation_or_broken_literal(map_documents: dict[str, str]) -> None:
    for region_id, document in map_documents.items():
        for piece in RAW_PIECES:
            assert piece not in document, f"{region_id}: {piece!r} reached the map's HTML/JS unescaped"
        for literal in TEMPLATE_LITERAL.findall(document):
            assert "${" not in literal, f"{region_id}: a template literal would interpolate: {literal[:120]!r}"
        assert document.count("<script") == document.count("</script>")


def test_tooltips_and_popups_show_hostile_text_literally(atlas: Atlas, map_documents: dict[str, str]) -> None:
    kachin = map_documents["kachin"]
    tooltips = [Parsed(t).text for t in tooltips_of(kachin)]
    popups = popups_of(kachin)
    assert tooltips and popups
    assert any(text.strip().startswith(HOSTILE_NAME) for text in tooltips), "hostile name not in any tooltip"
    hostile_popups = [p for p in popups if f'data-feature="{HOSTILE_FEATURE}"' in p]
    assert hostile_popups, "the hostile feature has no popup"
    for popup in hostile_popups:
        assert_literal(popup, HOSTILE_NAME, HOSTILE_NOTE, HOSTILE_CAVEAT, HOSTILE_KIND)
    choco = map_documents["choco"]
    assert any(Parsed(t).text.strip().startswith(LONG_NAME) for t in tooltips_of(choco))
    mdd = map_documents["madre-de-dios"]
    assert any(HOSTILE_KIND in Parsed(p).text for p in popups_of(mdd)), "hostile kind not shown in a popup"


def test_popup_builder_alone(atlas: Atlas) -> None:
    assert_literal(popup_html(atlas, atlas.feature(HOSTILE_FEATURE)), HOSTILE_NAME, HOSTILE_NOTE, HOSTILE)


# ---------------------------------------------------------------------------------------------- compare, tours, pack


def test_compare_matrix_and_unique_kinds_show_hostile_text_literally(atlas: Atlas) -> None:
    regions = [r.id for r in atlas.regions]
    matrix = matrix_html(atlas, comparison_matrix(atlas, regions))
    parsed = assert_literal(matrix, HOSTILE_NAME, LONG_NAME, kind_label(HOSTILE_KIND))
    titles = [value for name, value in parsed.attrs if name == "title"]
    assert atlas.feature(HOSTILE_FEATURE).summary in titles, "the summary in the link's title is not literal"
    # unique kinds follow the controlled vocabulary (an unknown kind is never listed); platinum is Chocó's only
    assert_literal(unique_kinds_html(atlas, regions), LONG_NAME)


def test_compare_map_keeps_hostile_text_out_of_code(atlas: Atlas) -> None:
    views = comparable_views(atlas, ["kachin", "choco"], 600, 500)
    document = map_html(build_compare_map(atlas, "kachin", views["kachin"]))
    for piece in RAW_PIECES:
        assert piece not in document
    assert any(Parsed(t).text.strip().startswith(HOSTILE_NAME) for t in tooltips_of(document))


@pytest.fixture(scope="module")
def hostile_tour(atlas: Atlas) -> Tour:
    tours, _ = load_tours(TOURS_DIR, atlas)
    return next(t for t in tours if any(HOSTILE_FEATURE in s.features for s in t.steps))


def test_tour_handout_and_step_map_show_hostile_text_literally(atlas: Atlas, hostile_tour: Tour) -> None:
    handout = handout_html(atlas, hostile_tour)
    parsed = assert_literal(handout, HOSTILE_NAME)
    assert "style" in parsed.tags  # a whole page, parsed as such
    step = next(s for s in hostile_tour.steps if HOSTILE_FEATURE in s.features)
    for piece in RAW_PIECES:
        assert piece not in step_svg(atlas, step)
        assert piece not in map_html(build_step_map(atlas, step))


def test_exported_pack_pages_show_hostile_text_literally(atlas: Atlas, hostile_tour: Tour) -> None:
    assert_literal(passages_html(atlas), HOSTILE_NAME, LONG_NAME, kind_label(HOSTILE_KIND))
    assert_literal(index_html(atlas, [r.id for r in atlas.regions], [hostile_tour]))
    for region_id, feature_id, text in (
        ("kachin", HOSTILE_FEATURE, HOSTILE_NOTE),
        ("madre-de-dios", KIND_FEATURE, HOSTILE_KIND),
    ):
        document = region_page_html(atlas, region_id)
        for piece in RAW_PIECES:
            assert piece not in document, f"{region_id}: {piece!r} reached the pack page unescaped"
        for literal in TEMPLATE_LITERAL.findall(document):
            assert "${" not in literal
        popups = [p for p in popups_of(document) if f'data-feature="{feature_id}"' in p]
        assert popups and all(text in Parsed(p).text for p in popups)


def test_hostile_region_names_stay_text(atlas: Atlas, map_documents: dict[str, str]) -> None:
    kachin = atlas.region("kachin")
    assert kachin.name.endswith(HOSTILE_REGION_SUFFIX)
    overview = map_html(build_overview_map(atlas))
    for document in (overview, *map_documents.values(), index_html(atlas, ["kachin"], [])):
        for piece in RAW_PIECES:
            assert piece not in document
    assert any(kachin.name in Parsed(p).text for p in popups_of(overview)), "region popup not literal"
    matrix = matrix_html(atlas, comparison_matrix(atlas, ["kachin", "choco"]))
    assert_literal(matrix, kachin.name)
    legend = map_legend(map_documents["kachin"])["html"]
    assert legend and kachin.name in Parsed(legend).text, "legend title not literal"
