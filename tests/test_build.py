"""Tests of `python -m veta.build`: determinism, areas, rivers, shared borders, anchors, the data package."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import shapely
from pyproj import Geod
from shapely.geometry import Point, box, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from veta.build import OUTPUT_FILES, build_geodata, stale_files
from veta.build.cli import main
from veta.build.geometry import ADMIN_TOLERANCE
from veta.layers import LAYERS
from veta.paths import GEODATA_DIR, PROJECT_DIR

GEOD = Geod(ellps="WGS84")
GAP_WIDTH = 0.005
"""Gaps narrower than this (degrees) count as slivers. The source has a real inlet just over 0.005° wide
between Chocó and Antioquia in the Atrato delta."""
OFFICIAL_KM2 = {"choco": 46_530, "madre-de-dios": 85_300, "kachin": 89_040}
RESOURCE_NAMES = {
    "naturalearth-admin1",
    "naturalearth-admin0",
    "naturalearth-rivers",
    "gshhg-wdbii-rivers",
    "geonames-places",
    "naturalearth-places",
    "mimu-places",
    "naturalearth-andes-countries",
    "naturalearth-countries-110m",
    "naturalearth-countries-50m-near",
    "regions",
    "scopes",
    "context",
    *LAYERS,
    "unmapped",
}


# --- helpers -------------------------------------------------------------------------------------------------


def features(path: Path) -> list[dict[str, Any]]:
    """The features of a GeoJSON file."""
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def geodesic_km(a: Point, b: Point) -> float:
    """Distance in km on the WGS84 ellipsoid."""
    return GEOD.inv(a.x, a.y, b.x, b.y)[2] / 1000


def km_to(geom: BaseGeometry, point: Point) -> float:
    """Geodesic distance in km from a point to the nearest point of a geometry."""
    nearest = nearest_points(geom, point)[0]
    return geodesic_km(nearest, point)


def source_point(geodata: Path, file: str, name: str) -> Point:
    """A gazetteer point, read straight from a source extract."""
    for f in features(geodata / "sources" / file):
        if f["properties"]["name"] == name:
            return shape(f["geometry"])
    raise KeyError(name)


def spec(feature_id: str, anchor: dict[str, Any], region: str = "choco") -> dict[str, Any]:
    """A content feature spec (every contract property but geometry) with an anchor."""
    return {
        "anchor": anchor,  # deliberately first: the build must write properties in contract order
        "id": feature_id,
        "region": region,
        "name": f"Test {feature_id}",
        "kind": "river",
        "summary": "A test feature.",
        "evidence": [{"exact": "Atrato"}],
        "precision": "approximate",
        "placement_note": "Test placement.",
    }


@pytest.fixture
def tmp_geodata(tmp_path: Path) -> Path:
    """A geodata folder with the shipped sources and no content."""
    geodata = tmp_path / "geodata"
    shutil.copytree(GEODATA_DIR / "sources", geodata / "sources")
    (geodata / "content").mkdir()
    return geodata


def write_content(geodata: Path, layer: str, specs: list[dict[str, Any]]) -> None:
    """Write a content file (only ever inside a test's tmp folder)."""
    (geodata / "content" / f"{layer}.json").write_text(json.dumps(specs, ensure_ascii=False), encoding="utf-8")


def run(geodata: Path, *extra: str) -> tuple[int, str, str]:
    """Run the build's command line in-process; return exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = main(["--geodata", str(geodata), *extra], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# --- determinism and --check ---------------------------------------------------------------------------------


def test_build_is_deterministic() -> None:
    first = build_geodata(GEODATA_DIR).files
    second = build_geodata(GEODATA_DIR).files
    assert set(first) == set(OUTPUT_FILES)
    assert first == second


def test_shipped_geodata_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "veta.build", "--check"], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_check_fails_when_a_file_differs(tmp_geodata: Path) -> None:
    assert run(tmp_geodata)[0] == 0
    assert run(tmp_geodata, "--check")[0] == 0
    regions = tmp_geodata / "regions.geojson"
    regions.write_bytes(regions.read_bytes().replace(b"Kachin", b"Kachim"))
    code, _, err = run(tmp_geodata, "--check")
    assert code == 1
    assert "regions.geojson" in err
    assert stale_files(tmp_geodata, build_geodata(tmp_geodata).files) == ["regions.geojson"]


def test_missing_content_gives_empty_layers_and_a_note(tmp_geodata: Path) -> None:
    code, _, err = run(tmp_geodata)
    assert code == 0
    for layer in LAYERS:
        assert features(tmp_geodata / f"{layer}.geojson") == []
        assert f"{layer}.json not found" in err


# --- regions, context, rivers --------------------------------------------------------------------------------


def shipped_regions() -> dict[str, BaseGeometry]:
    return {f["properties"]["id"]: shape(f["geometry"]) for f in features(GEODATA_DIR / "regions.geojson")}


@pytest.mark.parametrize("region_id", sorted(OFFICIAL_KM2))
def test_region_area_within_five_percent_of_official(region_id: str) -> None:
    geom = shipped_regions()[region_id]
    geodesic_area = abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6  # independent of the build's LAEA
    assert abs(geodesic_area / OFFICIAL_KM2[region_id] - 1) < 0.05
    stated = {f["properties"]["id"]: f["properties"] for f in features(GEODATA_DIR / "regions.geojson")}
    assert stated[region_id]["area_km2"] == pytest.approx(geodesic_area, rel=0.002)
    assert stated[region_id]["official_area_km2"] == OFFICIAL_KM2[region_id]


def test_regions_and_context_are_valid_and_small() -> None:
    regions = features(GEODATA_DIR / "regions.geojson")
    context = features(GEODATA_DIR / "context.geojson")
    assert [f["properties"]["id"] for f in regions] == ["choco", "madre-de-dios", "kachin"]
    assert sorted({f["properties"]["level"] for f in context}) == ["admin0", "admin1", "land", "place"]
    assert sum(f["properties"]["level"] == "admin0" for f in context) == 8
    for f in regions + context:
        geom = shape(f["geometry"])
        assert geom.is_valid, f["properties"]["name"]
        assert shapely.get_coordinates(geom).round(5).tolist() == shapely.get_coordinates(geom).tolist()
    sources = (GEODATA_DIR / "sources" / "admin1_naturalearth.geojson").stat().st_size
    assert (GEODATA_DIR / "regions.geojson").stat().st_size < sources / 4


def test_land_everywhere_around_the_regions() -> None:
    """Nothing that is land is water: landlocked Kachin and Madre de Dios are surrounded by land within reach of
    their maps (Bangladesh, Laos, Thailand; Brazil, Bolivia), and the world's land is there for the overview."""
    context = features(GEODATA_DIR / "context.geojson")
    near = {f["properties"]["name"]: shape(f["geometry"]) for f in context if f["properties"].get("role") == "near"}
    world = {f["properties"]["name"]: shape(f["geometry"]) for f in context if f["properties"].get("role") == "world"}
    assert len(world) > 150 and {"Australia", "Nigeria", "Canada"} <= set(world)
    assert {"Bangladesh", "Laos", "Thailand", "Bhutan", "Brazil", "Bolivia", "Ecuador", "Venezuela"} <= set(near)
    regions = {f["properties"]["id"]: shape(f["geometry"]) for f in features(GEODATA_DIR / "regions.geojson")}
    land = shapely.union_all(list(near.values()))
    for region_id in ("kachin", "madre-de-dios"):  # landlocked: everything within 2 degrees of them is land
        around = regions[region_id].buffer(2.0)
        assert around.difference(land).area < 0.001 * around.area, region_id
    west, south, east, north = regions["kachin"].bounds
    assert land.contains(box(west - 10, south - 10, west - 9, south - 9)) is False  # the Bay of Bengal stays sea
    for geom in (*near.values(), *world.values()):
        assert geom.is_valid and geom.bounds[2] - geom.bounds[0] < 360


def test_place_labels_are_the_gazetteers_towns_once_each() -> None:
    places = [f for f in features(GEODATA_DIR / "context.geojson") if f["properties"]["level"] == "place"]
    names = [f["properties"]["name"] for f in places]
    expected = {"Quibdó", "Istmina", "Tadó", "Nóvita", "Condoto", "Puerto Maldonado", "Mazuko", "Huepetuhe"}
    assert expected | {"Hpakant", "Myitkyina", "Bhamo", "Putao"} <= set(names)
    assert len(names) == len(set(names)) and "Puta-O" not in names  # one label per town (Putao = Puta-O)
    assert all(f["properties"]["region"] in ("choco", "madre-de-dios", "kachin") for f in places)


def admin1_shapes() -> dict[str, BaseGeometry]:
    """Focus regions and neighbouring admin-1 units as shipped, by name."""
    shapes = {f["properties"]["name"]: shape(f["geometry"]) for f in features(GEODATA_DIR / "regions.geojson")}
    for f in features(GEODATA_DIR / "context.geojson"):
        if f["properties"]["level"] == "admin1":
            shapes[f["properties"]["name"]] = shape(f["geometry"])
    return shapes


def test_choco_and_antioquia_still_share_their_border() -> None:
    shapes = admin1_shapes()
    choco, antioquia = shapes["Chocó"], shapes["Antioquia"]
    shared = choco.intersection(antioquia)
    assert shared.geom_type in ("LineString", "MultiLineString")
    assert shared.length > 2.0  # degrees: several hundred km of common border
    assert choco.intersection(antioquia).area == 0


def test_admin1_coverage_has_no_gaps_or_overlaps() -> None:
    shapes = list(admin1_shapes().values())
    assert len(shapes) == 20
    assert shapely.coverage_is_valid(shapes, gap_width=GAP_WIDTH)


def test_gap_check_would_catch_plain_simplification() -> None:
    """The coverage test above can fail: simplifying each source unit on its own opens gaps it detects."""
    source = [shape(f["geometry"]) for f in features(GEODATA_DIR / "sources" / "admin1_naturalearth.geojson")]
    cleaned = shapely.coverage_clean(source)
    assert shapely.coverage_is_valid(cleaned, gap_width=GAP_WIDTH)
    assert not shapely.coverage_is_valid(shapely.simplify(cleaned, ADMIN_TOLERANCE), gap_width=GAP_WIDTH)


def test_countries_form_a_coverage() -> None:
    countries = [
        shape(f["geometry"]) for f in features(GEODATA_DIR / "context.geojson") if f["properties"]["level"] == "admin0"
    ]
    assert shapely.coverage_is_valid(countries, gap_width=GAP_WIDTH)


@pytest.fixture(scope="module")
def river_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build of a rivers layer with the San Juan and the Atrato."""
    geodata = tmp_path_factory.mktemp("rivers") / "geodata"
    shutil.copytree(GEODATA_DIR / "sources", geodata / "sources")
    (geodata / "content").mkdir()
    write_content(geodata, "rivers", [spec("san-juan", {"river": "San Juan"}), spec("atrato", {"river": "Atrato"})])
    assert run(geodata)[0] == 0
    return geodata


def river_lines(geodata: Path) -> dict[str, BaseGeometry]:
    return {f["id"]: shape(f["geometry"]) for f in features(geodata / "rivers.geojson")}


def test_san_juan_is_a_real_line_past_istmina_to_the_pacific(river_build: Path) -> None:
    san_juan = river_lines(river_build)["san-juan"]
    assert san_juan.geom_type == "LineString"
    assert len(san_juan.coords) > 50
    istmina = source_point(river_build, "places_geonames.geojson", "Istmina")
    assert km_to(san_juan, istmina) < 2
    colombia = next(
        shape(f["geometry"]) for f in features(GEODATA_DIR / "context.geojson") if f["properties"]["name"] == "Colombia"
    )
    mouth = Point(san_juan.coords[-1])
    assert km_to(colombia.boundary, mouth) < 5
    source = Point(san_juan.coords[0])
    assert km_to(colombia.boundary, source) > 50  # the other end is inland


def test_atrato_is_a_real_line_past_quibdo(river_build: Path) -> None:
    atrato = river_lines(river_build)["atrato"]
    assert atrato.geom_type == "LineString"
    assert GEOD.geometry_length(atrato) / 1000 > 300
    quibdo = source_point(river_build, "places_geonames.geojson", "Quibdó")
    assert km_to(atrato, quibdo) < 3
    props = next(f["properties"] for f in features(river_build / "rivers.geojson") if f["id"] == "atrato")
    assert props["geometry_source"] == "gshhg-wdbii-rivers"


# --- anchors ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def anchored(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every anchor form, built from a tiny content folder; features by id, plus the geodata folder."""
    geodata = tmp_path_factory.mktemp("anchors") / "geodata"
    shutil.copytree(GEODATA_DIR / "sources", geodata / "sources")
    (geodata / "content").mkdir()
    write_content(
        geodata,
        "minerals",
        [
            spec("quibdo", {"place": "Quibdó"}) | {"named_place": "Quibdó"},
            spec("quibdo-ne", {"place": "Quibdo", "source": "naturalearth-places"}),
            spec("hpakant", {"place": "Hpakant"}, "kachin") | {"inferred_source": "MIMU town list; outside knowledge."},
            spec("laberinto", {"place": "Laberinto"}, "madre-de-dios"),
            spec("kachin-1", {"region": "kachin"}, "kachin"),
            spec("kachin-2", {"region": "kachin"}, "kachin"),
            spec("andes-wide", {"region": "andes"}, "andes"),
            spec("world-wide", {"region": "world"}, "world"),
        ],
    )
    write_content(
        geodata,
        "rivers",
        [
            spec("irrawaddy", {"river": "Irrawaddy"}, "kachin"),
            spec("atrato-ne", {"river": "Atrato", "source": "naturalearth-rivers"}),
            spec("atrato-at-quibdo", {"river": "Atrato", "near": "Quibdó"}),
        ],
    )
    write_content(geodata, "harms", [spec(f"kachin-{i}", {"region": "kachin"}, "kachin") for i in range(3, 9)])
    code, _, err = run(geodata)
    assert code == 0, err
    built = {f["id"]: f for layer in LAYERS for f in features(geodata / f"{layer}.geojson")}
    built["_geodata"] = {"path": geodata}
    return built


def test_place_anchor_is_the_gazetteer_point(anchored: dict[str, dict[str, Any]]) -> None:
    geodata = anchored["_geodata"]["path"]
    quibdo = anchored["quibdo"]
    assert quibdo["properties"]["geometry_source"] == "geonames-places"
    rounding = 1e-5  # the build rounds to 5 decimals, the sources have 6
    assert shape(quibdo["geometry"]).distance(source_point(geodata, "places_geonames.geojson", "Quibdó")) < rounding
    quibdo_ne = anchored["quibdo-ne"]
    assert quibdo_ne["properties"]["geometry_source"] == "naturalearth-places"
    assert (
        shape(quibdo_ne["geometry"]).distance(source_point(geodata, "places_naturalearth.geojson", "Quibdó")) < rounding
    )
    hpakant = anchored["hpakant"]
    assert hpakant["properties"]["geometry_source"] == "mimu-places"  # not in GeoNames: the next gazetteer
    assert (
        shape(hpakant["geometry"]).distance(
            source_point(geodata, "places_mimu_myanmar-geography-json.geojson", "Hpakant")
        )
        < rounding
    )
    laberinto = source_point(geodata, "places_geonames.geojson", "Puerto Rosario de Laberinto")
    assert shape(anchored["laberinto"]["geometry"]).distance(laberinto) < rounding


def test_river_anchor_is_the_line_and_prefers_gshhg(anchored: dict[str, dict[str, Any]]) -> None:
    irrawaddy = anchored["irrawaddy"]
    assert irrawaddy["geometry"]["type"] == "LineString"
    assert irrawaddy["properties"]["geometry_source"] == "naturalearth-rivers"  # only Natural Earth has it
    assert anchored["atrato-ne"]["properties"]["geometry_source"] == "naturalearth-rivers"
    assert anchored["atrato-at-quibdo"]["properties"]["geometry_source"] == "gshhg-wdbii-rivers"


def test_near_anchor_is_the_nearest_point_on_the_river(anchored: dict[str, dict[str, Any]], river_build: Path) -> None:
    point = shape(anchored["atrato-at-quibdo"]["geometry"])
    atrato = river_lines(river_build)["atrato"]
    quibdo = source_point(river_build, "places_geonames.geojson", "Quibdó")
    assert point.geom_type == "Point"
    assert atrato.distance(point) < 1e-4
    assert point.distance(quibdo) == pytest.approx(atrato.distance(quibdo), abs=1e-4)


def test_region_anchors_have_no_geometry_of_their_own(anchored: dict[str, dict[str, Any]]) -> None:
    # a region-wide statement is about the whole region: the shipped feature has "geometry": null and the
    # atlas gives it the region's outline (no point inside the region that would read as a site)
    for i in range(1, 9):
        assert anchored[f"kachin-{i}"]["geometry"] is None
        assert anchored[f"kachin-{i}"]["properties"]["geometry_source"] == "naturalearth-admin1"
    assert anchored["andes-wide"]["geometry"] is None
    assert anchored["andes-wide"]["properties"]["geometry_source"] == "naturalearth-andes-countries"
    assert anchored["world-wide"]["geometry"] is None
    assert anchored["world-wide"]["properties"]["geometry_source"] == "scopes"


def test_named_place_and_inferred_source_pass_through(anchored: dict[str, dict[str, Any]]) -> None:
    assert anchored["quibdo"]["properties"]["named_place"] == "Quibdó"
    assert anchored["hpakant"]["properties"]["inferred_source"] == "MIMU town list; outside knowledge."


def test_scopes_are_the_andean_countries_and_the_world() -> None:
    scopes = {f["properties"]["id"]: f for f in features(GEODATA_DIR / "scopes.geojson")}
    assert list(scopes) == ["andes", "world"]
    assert scopes["world"]["geometry"] is None
    assert scopes["andes"]["properties"]["countries"] == ["Colombia", "Peru", "Ecuador", "Bolivia"]
    andes = shape(scopes["andes"]["geometry"])
    assert andes.is_valid and andes.geom_type in ("Polygon", "MultiPolygon")
    source = [
        shape(f["geometry"]) for f in features(GEODATA_DIR / "sources" / "countries_andes_naturalearth_50m.geojson")
    ]
    whole = shapely.union_all(source)
    assert abs(andes.area / whole.area - 1) < 0.005  # simplified, not reshaped
    assert andes.symmetric_difference(whole).area / whole.area < 0.01
    # the focus regions of Colombia and Peru lie inside; Kachin (Myanmar) does not
    regions = shipped_regions()
    for region_id in ("choco", "madre-de-dios"):  # different scales (1:10m, 1:50m): a sliver may differ at the coast
        assert andes.intersection(regions[region_id]).area / regions[region_id].area > 0.98, region_id
    assert not andes.intersects(regions["kachin"])
    assert (GEODATA_DIR / "scopes.geojson").stat().st_size < 30_000


def test_built_feature_properties_are_in_contract_order(anchored: dict[str, dict[str, Any]]) -> None:
    feature = anchored["quibdo"]
    assert feature["id"] == "quibdo"
    assert list(feature["properties"]) == [
        "id",
        "region",
        "name",
        "kind",
        "summary",
        "evidence",
        "precision",
        "placement_note",
        "named_place",
        "geometry_source",
        "anchor",
    ]
    assert feature["properties"]["anchor"] == {"place": "Quibdó"}


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        ({"place": "Laiza"}, "unknown place 'Laiza'"),
        ({"place": "Quibdó", "source": "mimu-places"}, "unknown place 'Quibdó' in mimu-places"),
        ({"river": "Tambopata"}, "unknown river 'Tambopata'"),
        ({"river": "Atrato", "near": "La Pampa"}, "unknown place 'La Pampa'"),
        ({"region": "antioquia"}, "unknown region 'antioquia'"),
        ({"town": "Quibdó"}, "unknown anchor form"),
    ],
)
def test_bad_anchor_names_file_and_feature(tmp_geodata: Path, anchor: dict[str, str], expected: str) -> None:
    write_content(tmp_geodata, "harms", [spec("fine", {"place": "Quibdó"}), spec("broken-feature", anchor)])
    code, _, err = run(tmp_geodata)
    assert code == 1
    line = next(line for line in err.splitlines() if "broken-feature" in line)
    assert str(Path("content") / "harms.json") in line
    assert expected in line
    assert "fine" not in err
    assert not (tmp_geodata / "harms.geojson").exists()  # nothing written on error


def test_content_may_not_set_geometry_source(tmp_geodata: Path) -> None:
    bad = spec("sets-source", {"place": "Quibdó"}) | {"geometry_source": "geonames-places"}
    write_content(tmp_geodata, "actors", [bad])
    code, _, err = run(tmp_geodata)
    assert code == 1
    assert "actors.json: sets-source: geometry_source is set by the build" in err


# --- the data package ----------------------------------------------------------------------------------------------


def datapackage() -> dict[str, Any]:
    return json.loads((GEODATA_DIR / "datapackage.json").read_text(encoding="utf-8"))


def test_datapackage_lists_the_agreed_resources() -> None:
    package = datapackage()
    assert package["profile"] == "data-package"
    names = [r["name"] for r in package["resources"]]
    assert len(names) == len(set(names))
    assert set(names) == RESOURCE_NAMES
    for resource in package["resources"]:
        for key in ("path", "format", "mediatype", "title", "description", "sources", "licenses"):
            assert resource.get(key), (resource["name"], key)
        assert all(lic.get("name") and (lic.get("path") or lic.get("url")) for lic in resource["licenses"])
        if resource["format"] == "geojson":
            assert resource["schema"]["fields"], resource["name"]


def test_datapackage_files_exist_and_match() -> None:
    for resource in datapackage()["resources"]:
        path = GEODATA_DIR / resource["path"]
        if resource["name"] == "unmapped" and not path.exists():
            pytest.skip("unmapped.json is authored with the content and does not exist yet")
        assert path.exists(), resource["path"]
        if "bytes" in resource:
            assert path.stat().st_size == resource["bytes"], resource["path"]


def test_datapackage_licences() -> None:
    licences = {r["name"]: {lic["name"] for lic in r["licenses"]} for r in datapackage()["resources"]}
    assert licences["geonames-places"] == {"CC-BY-4.0"}
    assert licences["gshhg-wdbii-rivers"] == {"LGPL-3.0-or-later"}
    assert licences["mimu-places"] == {"MIT"}
    assert licences["naturalearth-admin1"] == {"public-domain"}
    # the interview is a resource of seeds/datapackage.json; this package cites it (no path outside the package)
    package = datapackage()
    assert "CC-BY-NC-ND-3.0" in {lic["name"] for lic in package["licenses"]}
    assert "https://www.tni.org/en/article/artisanal-and-informal-mining" in {s["path"] for s in package["sources"]}
    assert not [r["path"] for r in package["resources"] if r["path"].startswith(("..", "/"))]


def test_licence_files_are_shipped() -> None:
    for name in ("naturalearth", "geonames", "gshhg-LGPL-3", "myanmar-geography-json-MIT"):
        assert (GEODATA_DIR / "sources" / f"LICENSE-{name}.txt").stat().st_size > 0


def test_the_build_replaces_each_file_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server starting mid-build must never read half a file: each output is written beside its target and renamed
    into place, so at the moment of the rename the target still holds the old bytes, and no temporary file is left."""
    import veta.files
    from veta.build.pipeline import write_files

    (tmp_path / "minerals.geojson").write_bytes(b"old")
    real_replace = veta.files.os.replace
    renamed: list[str] = []

    def checking_replace(source: str, target: str) -> None:
        target_path = Path(target)
        assert not target_path.exists() or target_path.read_bytes() == b"old", "the target was written in place"
        assert Path(source).read_bytes() == b"new " + target_path.name.encode()
        renamed.append(target_path.name)
        real_replace(source, target)

    monkeypatch.setattr(veta.files.os, "replace", checking_replace)
    changed = write_files(tmp_path, {"minerals.geojson": b"new minerals.geojson", "rivers.geojson": b"new rivers.geojson"})
    assert sorted(changed) == sorted(renamed) == ["minerals.geojson", "rivers.geojson"]
    assert (tmp_path / "minerals.geojson").read_bytes() == b"new minerals.geojson"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["minerals.geojson", "rivers.geojson"]
