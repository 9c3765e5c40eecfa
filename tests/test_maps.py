"""The map builders on the shipped data: offline, complete, escaped, deterministic, small; and the map view."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import folium
import pytest
from shapely.geometry import Point, shape

import veta.maps
from tests.map_text import decoded, map_config, map_features, map_legend
from veta.assets import configure_folium_offline
from veta.atlas import load_atlas
from veta.escape import escape_text
from veta.layers import LAYERS, REGION_IDS
from veta.maps import (
    MAX_REGION_MAP_BYTES,
    ONLINE_TILES,
    build_overview_map,
    build_overview_spec,
    build_region_map,
    build_region_spec,
    feature_id_from_tooltip,
    iter_feature_ids,
    map_html,
    popup_html,
)
from veta.maps.describe import CONTEXT_SPAN, is_statement
from veta.model import Atlas, Feature
from veta.quotes import quote_html
from veta.symbology import LINE_DASHES, MARKER_STYLES, PRECISION_LABELS, PRECISION_ORDER, marker_svg

URL = re.compile(r"https?://[^\s\"'<>\\)]+", re.IGNORECASE)
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>`${1+1}` \"double\" 'single' \\ }"


@pytest.fixture(scope="module", autouse=True)
def offline_folium() -> Iterator[None]:
    js, css = list(folium.Map.default_js), list(folium.Map.default_css)
    configure_folium_offline()
    yield
    folium.Map.default_js, folium.Map.default_css = js, css


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas()


@pytest.fixture(scope="module")
def region_html(atlas: Atlas) -> dict[str, str]:
    return {region_id: map_html(build_region_map(atlas, region_id)) for region_id in REGION_IDS}


def with_feature(atlas: Atlas, feature: Feature) -> Atlas:
    """A copy of the atlas with one feature replaced (same id)."""
    return dataclasses.replace(atlas, features=tuple(feature if f.id == feature.id else f for f in atlas.features))


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_region_map_has_no_url_at_all_offline(region_html: dict[str, str], region_id: str) -> None:
    assert URL.findall(region_html[region_id]) == []


def test_online_tiles_are_opt_in_base_layers_that_are_not_shown(atlas: Atlas) -> None:
    html = map_html(build_region_map(atlas, "madre-de-dios", online_tiles=True))
    hosts = {urlsplit(u).hostname for u in URL.findall(html)}
    assert hosts == {"tile.openstreetmap.org", "www.openstreetmap.org", "server.arcgisonline.com"}
    for name, url, _ in ONLINE_TILES:
        assert url in html and escape_text(name) in html
        tile_var = re.search(r"var (tile_layer_\w+) = L\.tileLayer\(\s*" + re.escape(f'"{url}"'), html)
        assert tile_var, name
        assert f"{tile_var.group(1)}.addTo(" not in html, f"{name} is shown by default"
        assert not re.search(re.escape(f'"{url}"') + r"[^;]*\)\s*\.addTo\(", html), f"{name} is shown by default"
    assert "Offline basemap" in html


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_region_map_has_every_feature_and_every_quote(
    atlas: Atlas, region_html: dict[str, str], region_id: str
) -> None:
    html = decoded(region_html[region_id])
    features = atlas.features_in(region_id)
    assert features, f"no features in {region_id}"
    assert set(iter_feature_ids(html)) == {f.id for f in features}  # drawn, or listed across the region
    for feature in features:
        assert f'data-feature="{feature.id}"' in html
        for evidence in feature.evidence:
            assert f"“{quote_html(evidence.exact)}”" in html, (feature.id, evidence.exact[:40])
            assert f"/passages?passage={evidence.passage_id}" in html


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_region_map_is_small(region_html: dict[str, str], region_id: str) -> None:
    size = len(region_html[region_id].encode("utf-8"))
    assert size < MAX_REGION_MAP_BYTES, f"{region_id}: {size} bytes"


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_same_input_same_html(atlas: Atlas, region_html: dict[str, str], region_id: str) -> None:
    assert map_html(build_region_map(atlas, region_id)) == region_html[region_id]


def test_overview_is_deterministic_offline_and_links_each_region(atlas: Atlas) -> None:
    html = map_html(build_overview_map(atlas))
    assert html == map_html(build_overview_map(atlas))
    assert URL.findall(html) == []
    html = decoded(html)
    for region in atlas.regions:
        assert f'href="/{region.id}"' in html
        assert f"[veta:{region.id}]" in html
        count = len(atlas.features_in(region.id))
        assert f"{count} features" in html


def test_hostile_text_is_escaped_everywhere(atlas: Atlas) -> None:
    victim = atlas.features_in("kachin")[0]
    hostile = dataclasses.replace(victim, name=HOSTILE, placement_note=HOSTILE, caveat=HOSTILE, kind=HOSTILE)
    html = map_html(build_region_map(with_feature(atlas, hostile), "kachin", selected_feature_id=victim.id))
    for raw in ("<script>alert", "<img src=x", "`${1+1}`", "${", "onerror=alert(1)>"):
        assert raw not in html, raw
    # what the map's script inserts as HTML (popups, tooltips, names) is escaped once, by escape_text
    assert escape_text(HOSTILE) in decoded(html)
    for raw in ("<script>alert", "<img src=x", "onerror=alert(1)>"):
        assert raw not in decoded(html), raw
    # the id still comes back from the tooltip of the hostile feature
    (tooltip,) = {p["tooltip"] for p in map_features(html) if p.get("id") == victim.id}
    assert tooltip.startswith(escape_text(HOSTILE)) and feature_id_from_tooltip(tooltip) == victim.id


def test_popup_quotes_verbatim_with_speaker_passage_and_reader_link(atlas: Atlas) -> None:
    feature = (
        next(f for f in atlas.features if len(f.evidence) > 1)
        if any(len(f.evidence) > 1 for f in atlas.features)
        else atlas.features[0]
    )
    html = popup_html(atlas, feature)
    for evidence in feature.evidence:
        passage = atlas.passage(evidence.passage_id)
        assert f"“{quote_html(evidence.exact)}”" in html
        assert escape_text(passage.speaker) in html
        assert f'href="/passages?passage={passage.id}" target="_blank"' in html
    assert escape_text(feature.placement_note) in html
    assert escape_text(feature.kind) in html


def test_precisions_look_different() -> None:
    """Each precision class has its own point symbol: site solid, approximate in a halo, inferred a dashed ring
    with "?" (visibly less certain); region-wide statements are never points (an outline, listed beside the map)."""
    svgs = {p: marker_svg("minerals", p) for p in ("site", "approximate", "inferred")}
    assert len(set(svgs.values())) == 3
    assert (
        MARKER_STYLES["site"].fill_opacity > 0.9 and not MARKER_STYLES["site"].dash and not MARKER_STYLES["site"].halo
    )
    assert MARKER_STYLES["approximate"].halo > MARKER_STYLES["approximate"].radius
    assert 'class="veta-halo' in svgs["approximate"] and "veta-halo" not in svgs["site"]
    assert MARKER_STYLES["inferred"].dash and MARKER_STYLES["inferred"].mark == "?" and ">?</text>" in svgs["inferred"]
    assert MARKER_STYLES["inferred"].fill_opacity < 0.3
    assert len({LINE_DASHES[p] for p in PRECISION_ORDER}) == 4
    assert len({PRECISION_LABELS[p] for p in PRECISION_ORDER}) == 4


def test_precision_classes_are_on_the_map(atlas: Atlas, region_html: dict[str, str]) -> None:
    for region_id, html in region_html.items():
        features = atlas.features_in(region_id)
        for precision in {f.precision for f in features if not is_statement(f)}:
            assert f"veta-precision-{precision}" in html
        assert "veta-precision-region" not in html, "a region-wide statement is drawn as a place"
        config = map_config(html)
        assert {s["id"] for s in config["statements"]} == {f.id for f in features if is_statement(f)}
        for precision in {f.precision for f in features}:
            assert escape_text(PRECISION_LABELS[precision]) in map_legend(html)["html"]  # one entry per class
    for label in PRECISION_LABELS.values():  # the legend names every class in veta.precision's words
        assert escape_text(label) in map_legend(region_html["kachin"])["html"]


def test_no_statement_is_drawn_as_a_point(atlas: Atlas) -> None:
    for region in atlas.regions:
        spec = build_region_spec(atlas, region.id)
        drawn = {p["properties"]["id"] for layer in spec.layers for p in layer.points["features"]}
        drawn |= {p["properties"]["id"] for layer in spec.layers for p in layer.shapes["features"]}
        listed = {s.id for s in spec.statements}
        assert not drawn & listed
        assert all(atlas.feature(i).precision == "region" for i in listed)
        assert drawn | listed == {f.id for f in atlas.features_in(region.id)}


def test_a_selection_never_zooms_closer_than_its_context(atlas: Atlas) -> None:
    for feature in atlas.features:
        if is_statement(feature):
            continue
        spec = build_region_spec(atlas, feature.region, selected_feature_id=feature.id)
        (south, west), (north, east) = spec.view
        assert spec.selected == feature.id
        span = CONTEXT_SPAN[feature.precision]
        assert north - south >= span - 1e-9 and east - west >= span - 1e-9, feature.id
        minx, miny, maxx, maxy = feature.geometry.bounds
        assert south <= miny and maxy <= north and west <= minx and maxx <= east, feature.id
        properties = [p for layer in spec.layers for p in (*layer.points["features"], *layer.shapes["features"])]
        views = {tuple(map(tuple, p["properties"]["view"])) for p in properties if p["properties"]["id"] == feature.id}
        assert views == {spec.view}  # the map script zooms to the same context view


def test_each_layer_is_its_own_toggleable_group(atlas: Atlas, region_html: dict[str, str]) -> None:
    html = region_html["kachin"]
    for layer in LAYERS:
        count = len([f for f in atlas.features_in("kachin", layer) if not is_statement(f)])
        assert re.search(rf"{layer.capitalize()} \({count}\)", html), layer
    assert "L.control.layers" in html


def test_layers_argument_limits_the_layers(atlas: Atlas) -> None:
    html = map_html(build_region_map(atlas, "kachin", layers=["rivers"]))
    assert set(iter_feature_ids(decoded(html))) == {f.id for f in atlas.features_in("kachin", "rivers")}
    assert "Minerals (" not in html


def test_selected_feature_is_highlighted_fitted_and_opened(atlas: Atlas) -> None:
    feature = next(f for f in atlas.features_in("choco") if f.geometry.geom_type == "Point" and not is_statement(f))
    html = map_html(build_region_map(atlas, "choco", selected_feature_id=feature.id))
    selected = [p for p in map_features(html) if "veta-selected" in p.get("classes", "")]
    assert {p["id"] for p in selected} == {feature.id}
    assert map_config(html)["selected"] == feature.id  # veta-map.js opens its popup once the map is drawn
    bounds = re.search(r"VetaMap\.fit\(map_v\d+, \[\[([-\d.]+), ([-\d.]+)\], \[([-\d.]+), ([-\d.]+)\]\]", html)
    assert bounds
    south, west, north, east = map(float, bounds.groups())
    assert south < feature.geometry.y < north and west < feature.geometry.x < east
    region_south, region_north = atlas.region("choco").geometry.bounds[1::2]
    assert north - south <= CONTEXT_SPAN[feature.precision] * 1.2 < region_north - region_south, "not fitted to it"
    plain = map_html(build_region_map(atlas, "choco"))
    assert "veta-selected" not in plain and map_config(plain)["selected"] is None


INITIAL_FIT = re.compile(r"VetaMap\.fit\(map_v\d+, ")
"""The map's own fit (veta-map.js fits again only when the frame is resized before the user acts)."""


def _fit_before_layers(html: str) -> None:
    """The map's only fit comes before the first layer is added, so Leaflet draws the layers once."""
    script = html[html.index("L.map(") :]
    (fit,) = INITIAL_FIT.finditer(script)
    assert re.search(r"L\.geoJson\(", script[fit.start() :]), "no layer is added after the fit"
    assert not re.search(r"L\.(geoJson|polygon|polyline|marker)\(", script[: fit.start()])
    assert not re.search(r"feature_group_v\d+\.addTo\(", script[: fit.start()])
    assert "fitBounds" not in html, "a second fit"


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_region_map_is_fitted_before_its_layers_are_drawn(atlas: Atlas, region_id: str) -> None:
    _fit_before_layers(map_html(build_region_map(atlas, region_id, online_tiles=True)))
    feature = atlas.features_in(region_id)[0]
    _fit_before_layers(map_html(build_region_map(atlas, region_id, selected_feature_id=feature.id)))


def test_overview_map_is_fitted_before_its_layers_are_drawn(atlas: Atlas) -> None:
    _fit_before_layers(map_html(build_overview_map(atlas)))


def test_markers_at_one_place_are_fanned_out(atlas: Atlas) -> None:
    points = [f for f in atlas.features_in("kachin") if f.geometry.geom_type == "Point" and not is_statement(f)]
    base, others = points[0], points[1:4]
    moved = [dataclasses.replace(f, geometry=Point(base.geometry.x, base.geometry.y)) for f in others]
    crowded = atlas
    for feature in moved:
        crowded = with_feature(crowded, feature)
    html = map_html(build_region_map(crowded, "kachin"))
    styles = [json.loads(m) for m in re.findall(r'return (\{"className": "veta-marker .*\});\n', html)]
    fid = re.compile(r"veta-fid-([a-z0-9-]+) ")
    anchors = {fid.search(style["className"]).group(1): tuple(style["iconAnchor"]) for style in styles}
    offsets = set()
    for feature in [base, *moved]:
        half = MARKER_STYLES[feature.precision].size / 2
        x, y = anchors[feature.id]
        offsets.add((half - x, half - y))  # the offset from the place
    assert len(offsets) == 4, "markers at the same place sit on top of each other"
    assert (0.0, 0.0) in offsets, "the first marker left its true place"


def test_feature_id_from_tooltip() -> None:
    assert feature_id_from_tooltip("Jade mines[veta:kachin-jade]") == "kachin-jade"
    assert feature_id_from_tooltip("no id here") is None
    assert feature_id_from_tooltip(None) is None


def test_click_reporting_only_when_asked(atlas: Atlas) -> None:
    """Only the app's maps post clicks to their page; the pack's and the handouts' maps stay self-contained."""
    plain = map_html(build_region_map(atlas, "choco"))
    reporting = map_html(build_region_map(atlas, "choco", report_clicks=True))
    assert map_config(plain)["report"] is False and map_config(reporting)["report"] is True
    assert map_config(map_html(build_overview_map(atlas, report_clicks=True)))["report"] is True
    assert "postMessage" not in plain and "postMessage" not in reporting  # the code lives in veta-map.js
    script = (Path(veta.maps.__file__).parent / "static" / "veta-map.js").read_text(encoding="utf-8")
    # posted to the same origin only, only from inside a frame; messages accepted from the parent, same origin
    assert "postMessage(message, global.location.origin)" in script and "global.parent === global" in script
    assert "event.origin !== global.location.origin || event.source !== global.parent" in script


def test_the_map_script_only_calls_veta_map(atlas: Atlas, region_html: dict[str, str]) -> None:
    """No JavaScript of Veta's in Python strings: the map's own script calls VetaMap with JSON data, and the
    GeoJSON layers name VetaMap's functions; everything else is folium's."""
    calls = set(re.findall(r"\bVetaMap\.(\w+)", region_html["kachin"]))
    assert calls == {"legend", "fit", "init", "onEachFeature", "onEachArea"}
    for html in region_html.values():
        for style in re.findall(r"<style>(.*?)</style>", html, re.S):
            assert "veta" not in style, "Veta's styles belong in veta-map.css"
        assert "_popup" not in html and "moveBefore" not in html


def test_region_spec_has_land_town_names_and_a_locator(atlas: Atlas) -> None:
    """Pure description: land around the region (not sea), its neighbours, outline, towns, a locator."""
    towns = {"choco": {"Quibdó", "Istmina", "Tadó", "Nóvita", "Condoto"}, "kachin": {"Hpakant", "Myitkyina", "Bhamo"}}
    towns["madre-de-dios"] = {"Puerto Maldonado", "Mazuko", "Huepetuhe"}
    for region in atlas.regions:
        spec = build_region_spec(atlas, region.id)
        roles = {area.role for area in spec.context}
        assert {"land", "country", "admin1", "focus"} <= roles
        assert towns[region.id] <= {label.text for label in spec.labels if label.kind == "place"}
        assert spec.locator is not None and [a.id for a in spec.locator.area("focus")] == [region.id]
        assert spec.max_bounds is not None  # the user cannot pan past the land the map carries


def test_overview_spec_lists_the_scopes_statements_and_outlines_the_andes(atlas: Atlas) -> None:
    spec = build_overview_spec(atlas)
    assert len(spec.area("land")) > 100  # the world's land, not three islands in a blue world
    assert [area.id for area in spec.area("scope")] == ["andes"]
    assert {s.id for s in spec.statements} == {f.id for f in atlas.features if f.region in ("andes", "world")}
    assert [r["id"] for r in spec.regions] == [r.id for r in atlas.regions]


def test_the_map_styles_mark_editorial_insertions_as_everywhere_else() -> None:
    """Popups show TNI's [editorial insertions] (veta.quotes.quote_html) with the one style defined for them."""
    from veta.quotes import EDITORIAL_CSS

    css = (Path(veta.maps.__file__).parent / "static" / "veta-map.css").read_text(encoding="utf-8")
    assert EDITORIAL_CSS.strip() in css


def test_each_neighbour_is_named_once_inside_its_detailed_part(atlas: Atlas) -> None:
    """A neighbour drawn as wide land and in detail near the region (India and China around Kachin) was named twice;
    one name, inside the detailed part, which the opening view shows."""
    for region in atlas.regions:
        spec = build_region_spec(atlas, region.id)
        names = [label.text for label in spec.labels if label.kind == "country"]
        assert len(names) == len(set(names)), f"{region.id}: {sorted(names)}"
        for area in spec.area("country"):
            if area.name == region.country or shape(area.geometry).area < 0.5:
                continue
            label = next(label for label in spec.labels if label.kind == "country" and label.text == area.name)
            assert shape(area.geometry).contains(Point(label.lng, label.lat)), (region.id, area.name)
