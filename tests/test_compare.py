"""Unit tests for veta.compare: the regions parameter, one scale for all maps, the matrix, what only one has."""

from __future__ import annotations

import dataclasses
import math
import re

import pytest

from tests.hostile import RAW_PIECES, hostile_atlas
from veta.atlas import load_atlas
from veta.compare import (
    DEFAULT_REGIONS,
    RESPONSE_GROUPS,
    build_compare_map,
    build_compare_spec,
    comparable_views,
    comparison_matrix,
    context_scopes,
    kind_counts,
    matrix_html,
    metres_per_pixel_at,
    noted_scopes,
    parse_layers,
    regions_param,
    resolve_regions_param,
    response_group,
    scale_caption,
    scope_notes_html,
    unique_kinds,
    unique_kinds_html,
    zoom_for,
)
from veta.escape import escape_text
from veta.layers import LAYER_KINDS, LAYERS, REGION_IDS
from veta.maps import build_region_map, build_region_spec, map_html, render_folium, set_view
from veta.quotes import quote_html
from veta.reader import speaker_name

ATLAS = load_atlas()


# ------------------------------------------------------------------------------------------ the parameter


def test_no_parameter_gives_the_default_pair_without_notice() -> None:
    choice = resolve_regions_param(ATLAS, [])
    assert choice.regions == DEFAULT_REGIONS == ("choco", "kachin")
    assert choice.notice is None


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["choco,kachin"], ("choco", "kachin")),
        (["kachin,choco"], ("kachin", "choco")),  # the user's order is kept
        (["choco,madre-de-dios,kachin"], ("choco", "madre-de-dios", "kachin")),
        (["choco", "madre-de-dios"], ("choco", "madre-de-dios")),  # repeated parameter, one id each
        ([" choco , kachin "], ("choco", "kachin")),
    ],
)
def test_good_values_are_used_as_given(values: list[str], expected: tuple[str, ...]) -> None:
    choice = resolve_regions_param(ATLAS, values)
    assert choice.regions == expected
    assert choice.notice is None


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["choco,atlantis,kachin"], ("choco", "kachin")),  # unknown dropped, two remain
        (["choco,choco,kachin"], ("choco", "kachin")),  # duplicate shown once
        (["choco,choco"], ("choco", "kachin")),  # duplicates leave one: a second is added
        (["kachin"], ("choco", "kachin")),  # one region: paired with the default's other
        (["madre-de-dios"], ("choco", "madre-de-dios")),
        (["atlantis"], DEFAULT_REGIONS),
        ([""], DEFAULT_REGIONS),
        ([",,,"], DEFAULT_REGIONS),
        (["x" * 10_240], DEFAULT_REGIONS),
        (["Chocó,缅甸,😀"], DEFAULT_REGIONS),
        (['<b>bold</b><img src=x onerror=alert(1)>"`${x}`'], DEFAULT_REGIONS),
        (["CHOCO,KACHIN"], DEFAULT_REGIONS),  # ids are case-sensitive, as in every other address
    ],
)
def test_bad_values_give_a_notice_and_a_sensible_pair(values: list[str], expected: tuple[str, ...]) -> None:
    choice = resolve_regions_param(ATLAS, values)
    assert choice.regions == expected
    assert choice.notice is not None and choice.notice.message
    assert 2 <= len(choice.regions) <= 3 and len(set(choice.regions)) == len(choice.regions)


def test_long_values_are_not_parsed_and_echo_is_the_raw_value() -> None:
    value = "choco," * 2000
    choice = resolve_regions_param(ATLAS, [value])
    assert choice.regions == DEFAULT_REGIONS
    assert "too long" in choice.notice.message
    assert choice.notice.value == value  # the UI shortens and escapes it once


def test_regions_param_is_the_canonical_comma_form() -> None:
    assert regions_param(("choco", "kachin")) == "choco,kachin"
    assert resolve_regions_param(ATLAS, [regions_param(("kachin", "madre-de-dios"))]).regions == (
        "kachin",
        "madre-de-dios",
    )


def test_parse_layers() -> None:
    assert parse_layers([]) == LAYERS
    assert parse_layers(["harms,rivers"]) == ("rivers", "harms")
    assert parse_layers(["nonsense"]) == LAYERS


# ------------------------------------------------------------------------------------------ one scale


def _mercator_y(lat: float) -> float:
    """Web Mercator y (radians) of a latitude: the spherical formula, an oracle independent of pyproj."""
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _pixel_extent(bounds: tuple[float, float, float, float], zoom: float) -> tuple[float, float]:
    """Width and height in pixels of a lon/lat box on a Web Mercator map at this zoom."""
    west, south, east, north = bounds
    world = 256 * 2**zoom
    return (east - west) / 360 * world, (_mercator_y(north) - _mercator_y(south)) / (2 * math.pi) * world


@pytest.mark.parametrize("regions", [("choco", "kachin"), ("choco", "madre-de-dios", "kachin")])
@pytest.mark.parametrize(("width", "height"), [(480, 480), (320, 480), (600, 400)])
def test_views_share_one_ground_scale_and_the_largest_region_fits(
    regions: tuple[str, ...], width: int, height: int
) -> None:
    views = comparable_views(ATLAS, regions, width, height)
    assert set(views) == set(regions)
    scales = [v.metres_per_pixel for v in views.values()]
    assert max(scales) / min(scales) < 1.002, scales  # same km per pixel at every region's centre
    tight = 0.0
    for region_id, view in views.items():
        bounds = ATLAS.region(region_id).geometry.bounds
        w, h = _pixel_extent(bounds, view.zoom)
        assert w <= width and h <= height, f"{region_id} does not fit: {w:.0f}×{h:.0f} in {width}×{height}"
        tight = max(tight, max(w / width, h / height))
        lat = (bounds[1] + bounds[3]) / 2
        assert view.center == (round(lat, 4), round((bounds[0] + bounds[2]) / 2, 4))
    assert tight > 0.8, "the largest region should nearly fill its map"


def test_zoom_and_scale_are_inverse() -> None:
    for lat in (-12.0, 6.0, 26.0):
        assert metres_per_pixel_at(zoom_for(1000.0, lat), lat) == pytest.approx(1000.0)
    assert metres_per_pixel_at(0, 0) == pytest.approx(156543.03, rel=1e-6)  # the Web Mercator constant


def test_compare_map_opens_at_the_view_with_fractional_zoom() -> None:
    views = comparable_views(ATLAS, ("choco", "kachin"), 480, 480)
    spec = build_compare_spec(ATLAS, "kachin", views["kachin"])
    assert spec.center == views["kachin"].center and spec.zoom == views["kachin"].zoom
    html = map_html(build_compare_map(ATLAS, "kachin", views["kachin"]))
    assert "fitBounds" not in html and "VetaMap.fit(" not in html  # opened at the exact view, not fitted
    assert f'"zoom": {views["kachin"].zoom}' in html
    assert '"zoomSnap": 0' in html
    lat, lng = views["kachin"].center
    assert f"center: [{lat}, {lng}]" in html


def test_compare_map_draws_only_the_chosen_layers() -> None:
    views = comparable_views(ATLAS, ("choco", "kachin"), 480, 480)
    spec = build_compare_spec(ATLAS, "choco", views["choco"], ("rivers",))
    assert [layer.id for layer in spec.layers] == ["rivers"]
    assert {s.layer for s in spec.statements} <= {"rivers"}
    html = map_html(build_compare_map(ATLAS, "choco", views["choco"], ("rivers",)))
    assert "veta-layer-rivers" in html
    for layer in ("minerals", "actors", "harms", "responses"):
        assert f"veta-layer-{layer}" not in html
    everything = map_html(build_compare_map(ATLAS, "choco", views["choco"]))
    drawn = {f.layer for f in ATLAS.features_in("choco") if f.precision != "region"}
    assert all(f"veta-layer-{layer}" in everything for layer in drawn)
    listed = {s.layer for s in build_compare_spec(ATLAS, "choco", views["choco"]).statements}
    assert all(f'"layer": "{layer}"' in everything for layer in listed)


def test_set_view_replaces_the_fit() -> None:
    assert "VetaMap.fit(" in map_html(build_region_map(ATLAS, "choco"))
    html = map_html(render_folium(set_view(build_region_spec(ATLAS, "choco"), (5.0, -76.5), 6.5)))
    assert "VetaMap.fit(" not in html and '"zoom": 6.5' in html


def test_response_groups_cover_every_response_kind_once() -> None:
    grouped = [kind for kinds in RESPONSE_GROUPS.values() for kind in kinds]
    assert sorted(grouped) == sorted(LAYER_KINDS["responses"])
    assert response_group("lawsuit") == "community"
    assert response_group("ban") == "state"


@pytest.mark.parametrize("regions", [("choco", "kachin"), ("choco", "madre-de-dios", "kachin")])
def test_matrix_lists_every_feature_once_in_its_region_column(regions: tuple[str, ...]) -> None:
    rows = comparison_matrix(ATLAS, regions)
    assert [r.key for r in rows] == [
        "minerals",
        "rivers",
        "actors",
        "harms",
        "responses-state",
        "responses-community",
        "responses-governance",
    ]
    for index, region_id in enumerate(regions):
        listed = [f.id for row in rows for f in row.cells[index][1]]
        assert all(row.cells[index][0] == region_id for row in rows)
        assert sorted(listed) == sorted(f.id for f in ATLAS.features_in(region_id))
    state = {f.id for row in rows if row.key == "responses-state" for _, fs in row.cells for f in fs}
    community = {f.id for row in rows if row.key == "responses-community" for _, fs in row.cells for f in fs}
    assert "choco-atrato-lawsuit" in community
    assert ("mdd-alluvial-mining-ban" in state) == ("madre-de-dios" in regions)


def test_matrix_links_each_feature_to_its_evidence() -> None:
    html = matrix_html(ATLAS, comparison_matrix(ATLAS, REGION_IDS))
    for feature_id in ("choco-atrato-lawsuit", "mdd-high-commissioner", "kachin-cronies"):
        feature = ATLAS.feature(feature_id)
        link = f'<a href="./{feature.region}?feature={feature.id}" target="_self"'
        assert link in html
        assert f">{escape_text(feature.name)}</a>" in html
    compared = [f for f in ATLAS.features if f.region in REGION_IDS]  # not the scopes (andes, world)
    assert len(compared) == sum(len(ATLAS.features_in(r)) for r in REGION_IDS)
    for feature in compared:  # each entry unfolds to its first quote, verbatim, with its speaker
        evidence = feature.evidence[0]
        passage = ATLAS.passage(evidence.passage_id)
        quote = f'<blockquote lang="en">“{quote_html(evidence.exact)}”<br>'
        entry = html.split(f'<details data-feature="{feature.id}">', 1)[1].split("</details>", 1)[0]
        assert quote in entry and f"— {escape_text(speaker_name(passage.speaker))}, passage {passage.number}" in entry
    assert html.count("<tr data-row=") == 7
    assert html.count('<th scope="col">') == 4  # Layer and the three regions
    # Chocó and Madre de Dios are both Andean: the Andean countries follow as one context column
    assert html.count('<th scope="col" class="veta-compare-context">Across the Andean countries ') == 1
    assert html.count('<td class="veta-compare-context">') == 7
    for feature in ATLAS.features_in("andes"):  # each Andean statement once, linked to the overview
        assert html.count(f'<details data-feature="{feature.id}">') == 1
        assert f'<a href="./?feature={feature.id}" target="_self"' in html
    assert "world-" not in html  # worldwide statements are listed under the matrix, not in it


@pytest.mark.parametrize(
    ("regions", "column", "noted"),
    [
        (("choco", "kachin"), (), ("andes", "world")),
        (("choco", "madre-de-dios"), ("andes",), ("world",)),
        (("madre-de-dios", "kachin"), (), ("andes", "world")),
        (("choco", "madre-de-dios", "kachin"), ("andes",), ("world",)),
    ],
)
def test_scope_statements_are_a_context_column_or_a_note(
    regions: tuple[str, ...], column: tuple[str, ...], noted: tuple[str, ...]
) -> None:
    """The Andean statements are a column when two compared regions are Andean, else a note naming the one
    region they bear on; worldwide ones are always a note. Each scope statement shows exactly once."""
    assert context_scopes(ATLAS, regions) == column
    notes = dict(noted_scopes(ATLAS, regions))
    assert tuple(notes) == noted
    assert notes.get("world", regions) == regions
    if "andes" in notes:
        assert notes["andes"] == tuple(r for r in regions if r != "kachin")
    rows = comparison_matrix(ATLAS, regions)
    in_column = [f.id for row in rows for _, fs in row.context for f in fs]
    assert all(len(row.context) == len(column) for row in rows)
    assert sorted(in_column) == sorted(f.id for s in column for f in ATLAS.features_in(s))
    html = matrix_html(ATLAS, rows) + scope_notes_html(ATLAS, regions)
    for scope in ("andes", "world"):
        for feature in ATLAS.features_in(scope):
            assert html.count(f'href="./?feature={feature.id}"') == 1, feature.id
    for scope_id in noted:
        note = html.split(f'<p class="veta-scope-note" data-scope="{scope_id}">', 1)[1].split("</p>", 1)[0]
        names = ", ".join(ATLAS.region(r).name for r in notes[scope_id])
        assert f"(bears on {escape_text(names)})" in note
    # the region columns are unchanged: each region's features once in its own column
    for index, region_id in enumerate(regions):
        listed = [f.id for row in rows for f in row.cells[index][1]]
        assert sorted(listed) == sorted(f.id for f in ATLAS.features_in(region_id))


def test_matrix_and_unique_html_escape_hostile_text() -> None:
    hostile = hostile_atlas(ATLAS)
    html = matrix_html(hostile, comparison_matrix(hostile, REGION_IDS)) + unique_kinds_html(hostile, REGION_IDS)
    for piece in RAW_PIECES:
        assert piece not in html
    assert escape_text(hostile.feature("kachin-jade").name) in html


def test_scope_column_and_notes_escape_hostile_text() -> None:
    """A scope statement with markup in its name and summary, in the context column and in the notes."""
    andean, worldwide = ATLAS.features_in("andes")[0], ATLAS.features_in("world")[0]
    bad = " ".join(RAW_PIECES)
    hostile = dataclasses.replace(
        ATLAS,
        features=tuple(
            dataclasses.replace(f, name=f"{f.name} {bad}", summary=bad) if f in (andean, worldwide) else f
            for f in ATLAS.features
        ),
    )
    for regions in (("choco", "madre-de-dios"), ("choco", "kachin")):
        html = matrix_html(hostile, comparison_matrix(hostile, regions)) + scope_notes_html(hostile, regions)
        for piece in RAW_PIECES:
            assert piece not in html
        assert escape_text(f"{andean.name} {bad}") in html and escape_text(f"{worldwide.name} {bad}") in html


def test_kind_counts_add_up_to_the_features() -> None:
    rows = kind_counts(ATLAS, REGION_IDS)
    for region_id in REGION_IDS:
        assert sum(r["count"] for r in rows if r["region"] == region_id) == len(ATLAS.features_in(region_id))
        for layer in LAYERS:
            total = sum(r["count"] for r in rows if r["region"] == region_id and r["layer"] == layer)
            assert total == len(ATLAS.features_in(region_id, layer))


def test_unique_kinds_are_present_in_one_region_only() -> None:
    unique = unique_kinds(ATLAS, ("choco", "kachin"))
    assert ("minerals", "rare-earths") in unique["kachin"]
    assert ("responses", "lawsuit") in unique["choco"]
    present = {r: {(f.layer, f.kind) for f in ATLAS.features_in(r)} for r in REGION_IDS}
    for regions in (("choco", "kachin"), ("choco", "madre-de-dios", "kachin")):
        unique = unique_kinds(ATLAS, regions)
        for region_id, pairs in unique.items():
            others = set().union(*(present[o] for o in regions if o != region_id))
            assert set(pairs) == present[region_id] - others
    # a kind all three share (gold) is never 'only in' one of them
    assert all(("minerals", "gold") not in pairs for pairs in unique_kinds(ATLAS, REGION_IDS).values())


def test_unique_html_links_features_of_the_unique_kind() -> None:
    html = unique_kinds_html(ATLAS, ("choco", "kachin"))
    rare = [f for f in ATLAS.features_in("kachin", "minerals") if f.kind == "rare-earths"]
    assert rare and all(f'href="./kachin?feature={f.id}"' in html for f in rare)
    assert re.search(r"<h4>Only in Kachin", html)


def test_scale_caption_states_km() -> None:
    views = comparable_views(ATLAS, ("choco", "kachin"), 480, 480)
    km = views["choco"].metres_per_pixel * 100 / 1000
    assert f"100 pixels ≈ {km:.0f} km" in scale_caption(views)
    assert scale_caption({}) == ""
