"""The validator: one defect per fixture, each with its own message naming the file and the feature id."""

import json
import subprocess
import sys

import pytest

from tests.datasets import QUOTE, edit_feature, make_dataset, write_geojson
from veta.__main__ import main
from veta.paths import PROJECT_DIR
from veta.problems import display_path


def run(geodata, seeds, capsys):
    code = main(["validate", "--geodata", str(geodata), "--seeds", str(seeds)])
    lines = capsys.readouterr().out.strip().splitlines()
    return code, lines


@pytest.fixture
def dataset(tmp_path):
    return make_dataset(tmp_path)


def only_problem(code, lines):
    """The one problem line; the validator must have failed with a single problem and a summary."""
    assert code == 1, lines
    assert len(lines) == 2, lines
    assert lines[-1].startswith("1 problem(s)")
    return lines[0]


def test_minimal_dataset_passes(dataset, capsys):
    code, lines = run(*dataset, capsys)
    assert code == 0, lines
    assert lines[-1].startswith("OK: 2 features")


@pytest.mark.parametrize(
    ("layer", "feature_id", "changes", "expected"),
    [
        ("minerals", "kachin-jade", {"evidence": [{"exact": "Jade is mined by robots."}]}, "quote not found verbatim"),
        ("minerals", "kachin-jade", {"evidence": [{"exact": "artisanal mining"}]}, "occurs"),
        ("minerals", "kachin-jade", {"evidence": []}, "no evidence"),
        ("minerals", "kachin-jade", {"region": "atlantis"}, "unknown region 'atlantis'"),
        ("minerals", "kachin-jade", {"precision": "exact"}, "bad precision 'exact'"),
        ("minerals", "kachin-jade", {"placement_note": None}, "missing placement note"),
        ("minerals", "kachin-jade", {"placement_note": "  "}, "missing placement note"),
        ("minerals", "kachin-jade", {"kind": "diamonds"}, "unknown kind 'diamonds'"),
        ("minerals", "kachin-jade", {"summary": "Jade, “the green gold”."}, "summary contains quote marks"),
        ("minerals", "kachin-jade", {"geometry_source": "google-maps"}, "unknown geometry_source 'google-maps'"),
        ("minerals", "kachin-jade", {"id": "Kachin Jade"}, "lowercase slug"),
        (
            "minerals",
            "kachin-jade",
            {"geometry": {"type": "Polygon", "coordinates": [[[97, 25], [98, 26], [98, 25], [97, 26], [97, 25]]]}},
            "invalid geometry: Self-intersection",
        ),
        ("minerals", "kachin-jade", {"geometry": {"type": "Point", "coordinates": "97,25"}}, "invalid geometry"),
        ("minerals", "kachin-jade", {"geometry": None}, "has no geometry"),
        ("minerals", "kachin-jade", {"geometry": {"type": "Point", "coordinates": [250, 25]}}, "outside lon/lat"),
        (
            "minerals",
            "kachin-jade",
            {"geometry": {"type": "Point", "coordinates": [-76.6, 5.7]}},
            "outside its region kachin",
        ),
        ("rivers", "choco-atrato", {"id": "kachin-jade"}, "duplicate id"),
    ],
)
def test_each_feature_defect_is_named_with_file_and_id(dataset, capsys, layer, feature_id, changes, expected):
    geodata, seeds = dataset
    edit_feature(geodata, layer, feature_id, **changes)
    line = only_problem(*run(geodata, seeds, capsys))
    reported_id = changes.get("id", feature_id)
    # exactly "<the file as the user would type it>: <the feature id>: <what is wrong>"
    assert line.startswith(f"{display_path(geodata / f'{layer}.geojson')}: {reported_id}: "), line
    assert expected in line, line


def test_malformed_json_names_the_file_and_where(dataset, capsys):
    geodata, seeds = dataset
    (geodata / "harms.geojson").write_text('{"type": "FeatureCollection", "features": [', "utf-8")
    line = only_problem(*run(geodata, seeds, capsys))
    assert "harms.geojson: -: not valid JSON" in line and "line 1" in line


def test_not_geojson_is_reported(dataset, capsys):
    geodata, seeds = dataset
    (geodata / "actors.geojson").write_text("[1, 2, 3]", "utf-8")
    line = only_problem(*run(geodata, seeds, capsys))
    assert "actors.geojson: -: not a GeoJSON FeatureCollection" in line


def test_missing_file_is_reported(dataset, capsys):
    geodata, seeds = dataset
    (geodata / "responses.geojson").unlink()
    code, lines = run(geodata, seeds, capsys)
    assert code == 1
    assert any("responses.geojson: -: file is missing" in line for line in lines), lines
    assert any("datapackage.json: responses: resource file responses.geojson does not exist" in line for line in lines)


def test_resource_without_licence_or_source(dataset, capsys):
    geodata, seeds = dataset
    package = json.loads((geodata / "datapackage.json").read_text("utf-8"))
    package["resources"][0].pop("licenses")
    package["resources"][1].pop("sources")
    (geodata / "datapackage.json").write_text(json.dumps(package), "utf-8")
    code, lines = run(geodata, seeds, capsys)
    assert code == 1
    assert "datapackage.json: regions: resource names no licence" in "\n".join(lines)
    assert "datapackage.json: context: resource names no source" in "\n".join(lines)


def test_unknown_and_missing_region_polygons(dataset, capsys):
    geodata, seeds = dataset
    data = json.loads((geodata / "regions.geojson").read_text("utf-8"))
    data["features"][0]["properties"]["id"] = "narnia"
    (geodata / "regions.geojson").write_text(json.dumps(data), "utf-8")
    code, lines = run(geodata, seeds, capsys)
    text = "\n".join(lines)
    assert code == 1
    assert "regions.geojson: narnia: unknown region id" in text
    assert "regions.geojson: choco: region is missing" in text


def test_passage_neither_cited_nor_listed(dataset, capsys):
    geodata, seeds = dataset
    unmapped = json.loads((geodata / "unmapped.json").read_text("utf-8"))
    dropped = unmapped.pop(3)
    (geodata / "unmapped.json").write_text(json.dumps(unmapped), "utf-8")
    line = only_problem(*run(geodata, seeds, capsys))
    assert f"unmapped.json: {dropped['passage']}: passage is neither cited" in line


def test_changed_seed_is_caught(dataset, capsys):
    geodata, seeds = dataset
    path = seeds / "artisanal-and-informal-mining.txt"
    path.write_text(path.read_text("utf-8").replace("’", "'"), "utf-8")
    code, lines = run(geodata, seeds, capsys)
    assert code == 1
    assert any("artisanal-and-informal-mining.txt: -: seed text changed" in line for line in lines), lines


def test_empty_layer_is_fine_but_empty_features_list_is_required(dataset, capsys):
    geodata, seeds = dataset
    write_geojson(geodata / "harms.geojson", [])
    assert run(geodata, seeds, capsys)[0] == 0
    (geodata / "harms.geojson").write_text('{"type": "FeatureCollection"}', "utf-8")
    line = only_problem(*run(geodata, seeds, capsys))
    assert "harms.geojson: -: FeatureCollection has no 'features' list" in line


def test_quote_is_verbatim_in_fixture():
    assert QUOTE in (PROJECT_DIR / "seeds" / "artisanal-and-informal-mining.txt").read_text("utf-8")


def test_shipped_data_validates_without_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "veta", "validate"], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("OK: ")


def test_bad_data_cli_exits_1_without_traceback(dataset):
    geodata, seeds = dataset
    (geodata / "minerals.geojson").write_text("not json", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "veta", "validate", "--geodata", str(geodata), "--seeds", str(seeds)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert "minerals.geojson: -: not valid JSON" in result.stdout


def test_shipped_tours_are_checked_and_a_broken_tour_is_named(tmp_path, capsys):
    from veta.paths import GEODATA_DIR, SEEDS_DIR
    from veta.tours import TOURS_DIR

    tours = tmp_path / "tours"
    tours.mkdir()
    tour_file = sorted(TOURS_DIR.glob("*.json"))[0]
    data = json.loads(tour_file.read_text("utf-8"))
    data["steps"][0]["features"] = ["no-such-feature"]
    (tours / tour_file.name).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    code = main(["validate", "--geodata", str(GEODATA_DIR), "--seeds", str(SEEDS_DIR), "--tours", str(tours)])
    out = capsys.readouterr().out
    assert code == 1
    assert tour_file.name in out and "no-such-feature" in out, out
    assert main(["validate"]) == 0
    assert "glossary and tours checked" in capsys.readouterr().out


# Defect kinds the validator knows that the cases above do not reach (issue #6: one fixture per defect kind).


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": None}, "missing name (property 'name')"),
        ({"kind": ""}, "missing kind (property 'kind')"),
        ({"summary": 7}, "missing summary (property 'summary')"),
        ({"geometry_source": None}, "missing geometry source (property 'geometry_source')"),
        ({"caveat": ["not", "text"]}, "caveat must be text"),
        ({"evidence": ["a bare string"]}, "each evidence item must be an object"),
        ({"evidence": [{"prefix": "x"}]}, "evidence item has no 'exact' quote"),
        ({"evidence": [{"exact": QUOTE, "prefix": "nonsense "}]}, "not with the given prefix/suffix"),
        ({"evidence": [{"exact": "Illustration by Fourate Chahal El Rekaby"}]}, "not inside one passage"),
        ({"geometry": {"type": "Point", "coordinates": []}}, "invalid geometry: empty"),
    ],
)
def test_more_feature_defects_are_named_with_file_and_id(dataset, capsys, changes, expected):
    geodata, seeds = dataset
    edit_feature(geodata, "minerals", "kachin-jade", **changes)
    line = only_problem(*run(geodata, seeds, capsys))
    assert "minerals.geojson: kachin-jade: " in line and expected in line, line


def _rewrite(path, change):
    """Apply a change to a JSON file: a function edits the data in place; anything else replaces it."""
    data = json.loads(path.read_text("utf-8"))
    if callable(change):
        change(data)
    else:
        data = change
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")


@pytest.mark.parametrize(
    ("file", "change", "expected"),
    [
        ("minerals.geojson", lambda d: d["features"].append([1]), "minerals.geojson: #1: not a GeoJSON Feature"),
        (
            "minerals.geojson",
            lambda d: d["features"][0].update(properties="x"),
            "minerals.geojson: #0: feature has no 'properties' object",
        ),
        (
            "minerals.geojson",
            lambda d: d["features"][0]["properties"].pop("id"),
            "minerals.geojson: #0: feature has no 'id' property",
        ),
        (
            "regions.geojson",
            lambda d: d["features"].append(d["features"][0]),
            "regions.geojson: choco: duplicate region id",
        ),
        (
            "regions.geojson",
            lambda d: d["features"][0].update(geometry={"type": "Point", "coordinates": [-76.6, 5.7]}),
            "invalid geometry: Point, expected one of Polygon, MultiPolygon",
        ),
        ("datapackage.json", {"resources": {}}, "datapackage.json: -: not a data package"),
        (
            "datapackage.json",
            lambda d: d["resources"][0].pop("name"),
            "datapackage.json: resource #0: resource has no name",
        ),
        (
            "datapackage.json",
            lambda d: d["resources"][0].pop("path"),
            "datapackage.json: regions: resource has no path",
        ),
        ("unmapped.json", {"not": "a list"}, "unmapped.json: -: expected a list"),
        (
            "unmapped.json",
            lambda d: d.append({"passage": "p999", "reason": "x"}),
            "unmapped.json: p999: unknown passage id",
        ),
        ("unmapped.json", lambda d: d[0].pop("reason"), "missing reason"),
    ],
)
def test_more_file_defects_are_named(dataset, capsys, file, change, expected):
    geodata, seeds = dataset
    _rewrite(geodata / file, change)
    code, lines = run(geodata, seeds, capsys)
    assert code == 1
    assert any(expected in line for line in lines[:-1]), lines


def test_unreadable_file_is_reported(dataset, capsys):
    geodata, seeds = dataset
    (geodata / "rivers.geojson").write_bytes(b'{"type": "FeatureCollection", "features": []}\xff\xfe')
    line = only_problem(*run(geodata, seeds, capsys))
    assert "rivers.geojson: -: cannot read file" in line, line


def test_seed_without_recorded_hash_or_missing_seed(dataset, capsys):
    geodata, seeds = dataset
    _rewrite(seeds / "datapackage.json", lambda d: [r.pop("hash", None) for r in d["resources"]])
    code, lines = run(geodata, seeds, capsys)
    assert code == 1 and any("no sha256 hash recorded for the seed" in line for line in lines), lines
    (seeds / "artisanal-and-informal-mining.txt").unlink()
    code, lines = run(geodata, seeds, capsys)
    assert code == 1 and any("artisanal-and-informal-mining.txt: -: cannot read the seed" in line for line in lines)
