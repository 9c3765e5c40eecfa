"""The precision rules and region-wide geometry: each rule broken once in the small fixture dataset.

Each test asserts the exact problem line: the file as the validator prints it, the feature id, and the words.
"""

from __future__ import annotations

import json

import pytest

from tests.datasets import QUOTE, RIVER_QUOTE, edit_feature, make_dataset, write_geojson
from veta.__main__ import main
from veta.atlas import read_atlas
from veta.problems import display_path
from veta.seed import load_seed


def run(geodata, seeds, capsys):
    code = main(["validate", "--geodata", str(geodata), "--seeds", str(seeds)])
    return code, capsys.readouterr().out.strip().splitlines()


def only_problem(code, lines):
    assert code == 1, lines
    assert len(lines) == 2 and lines[-1].startswith("1 problem(s)"), lines
    return lines[0]


@pytest.fixture
def dataset(tmp_path):
    return make_dataset(tmp_path)


def passage_of(seeds, quote: str) -> str:
    seed = load_seed(seeds)
    return seed.passage_at(seed.text.index(quote)).id


def region_feature(feature_id: str, region: str, geometry: dict | None = None) -> dict:
    """A region-wide feature quoting the mineral fixture's passage (so coverage is unchanged)."""
    return {
        "type": "Feature",
        "properties": {
            "id": feature_id,
            "region": region,
            "name": f"Region-wide {feature_id}",
            "kind": "pollution",
            "summary": "A statement about the whole area in our own words.",
            "evidence": [{"exact": QUOTE}],
            "precision": "region",
            "placement_note": "The passage speaks of the area as a whole.",
            "geometry_source": "regions",
        },
        "geometry": geometry,
    }


def test_site_whose_named_place_is_not_in_its_passage(dataset, capsys):
    geodata, seeds = dataset
    edit_feature(geodata, "rivers", "choco-atrato", named_place="Quibdó")
    line = only_problem(*run(geodata, seeds, capsys))
    pid = passage_of(seeds, RIVER_QUOTE)
    assert line == (
        f"{display_path(geodata / 'rivers.geojson')}: choco-atrato: "
        f"named place 'Quibdó' does not occur in its cited passages {pid}"
    )


def test_approximate_named_place_must_be_verbatim_in_a_cited_passage(dataset, capsys):
    geodata, seeds = dataset
    edit_feature(geodata, "minerals", "kachin-jade", precision="approximate", named_place="Hpakant")
    line = only_problem(*run(geodata, seeds, capsys))
    pid = passage_of(seeds, QUOTE)
    assert line == (
        f"{display_path(geodata / 'minerals.geojson')}: kachin-jade: "
        f"named place 'Hpakant' does not occur in its cited passages {pid}"
    )


def test_named_place_found_in_the_whole_passage_not_only_the_quote(dataset, capsys):
    geodata, seeds = dataset
    seed = load_seed(seeds)
    passage = seed.passage_at(seed.text.index(QUOTE))
    assert "Kachin" in passage.text and "Kachin" not in QUOTE  # the fixture's premise
    edit_feature(geodata, "minerals", "kachin-jade", precision="approximate", named_place="Kachin")
    code, lines = run(geodata, seeds, capsys)
    assert code == 0, lines


def test_site_without_named_place(dataset, capsys):
    geodata, seeds = dataset
    edit_feature(geodata, "rivers", "choco-atrato", named_place=None)
    line = only_problem(*run(geodata, seeds, capsys))
    assert line == (
        f"{display_path(geodata / 'rivers.geojson')}: choco-atrato: missing named place (property 'named_place'): "
        "precision 'site' needs the words by which the interview names the place "
        "(or use precision 'inferred' with an inferred_source)"
    )


def test_inferred_without_a_source(dataset, capsys):
    geodata, seeds = dataset
    edit_feature(geodata, "minerals", "kachin-jade", inferred_source=None)
    line = only_problem(*run(geodata, seeds, capsys))
    assert line == (
        f"{display_path(geodata / 'minerals.geojson')}: kachin-jade: missing inferred source "
        "(property 'inferred_source'): an inferred feature names the outside source of its placement and why"
    )
    edit_feature(geodata, "minerals", "kachin-jade", inferred_source="   ")
    assert only_problem(*run(geodata, seeds, capsys)) == line


def test_passage_neither_cited_nor_listed(dataset, capsys):
    geodata, seeds = dataset
    unmapped = json.loads((geodata / "unmapped.json").read_text("utf-8"))
    dropped = unmapped.pop(5)
    (geodata / "unmapped.json").write_text(json.dumps(unmapped), "utf-8")
    line = only_problem(*run(geodata, seeds, capsys))
    assert line == (
        f"{display_path(geodata / 'unmapped.json')}: {dropped['passage']}: "
        "passage is neither cited by a feature nor listed as unmapped with a reason"
    )


def test_scope_feature_must_be_region_wide(dataset, capsys):
    geodata, seeds = dataset
    edit_feature(geodata, "minerals", "kachin-jade", region="andes")
    line = only_problem(*run(geodata, seeds, capsys))
    assert line == (
        f"{display_path(geodata / 'minerals.geojson')}: kachin-jade: "
        "a feature of the scope andes must be region-wide (precision 'region'), not 'inferred'"
    )


def test_region_feature_with_its_own_geometry(dataset, capsys):
    geodata, seeds = dataset
    point = {"type": "Point", "coordinates": [97.4, 25.4]}
    write_geojson(geodata / "harms.geojson", [region_feature("kachin-everywhere", "kachin", point)])
    line = only_problem(*run(geodata, seeds, capsys))
    assert line == (
        f"{display_path(geodata / 'harms.geojson')}: kachin-everywhere: a region-wide feature has no geometry of its "
        """own (expected "geometry": null; it is shown with its region's outline)"""
    )


def test_region_features_take_their_region_or_scope_geometry(dataset):
    geodata, seeds = dataset
    write_geojson(
        geodata / "harms.geojson",
        [
            region_feature("kachin-everywhere", "kachin"),
            region_feature("andes-everywhere", "andes"),
            region_feature("world-everywhere", "world"),
        ],
    )
    atlas, problems = read_atlas(geodata, seeds)
    assert problems == [] and atlas is not None
    assert atlas.feature("kachin-everywhere").geometry.equals(atlas.region("kachin").geometry)
    andes = atlas.region("andes")
    assert andes.kind == "countries" and andes.geometry.geom_type in ("Polygon", "MultiPolygon")
    assert atlas.feature("andes-everywhere").geometry.equals(andes.geometry)
    assert atlas.region("world").kind == "world" and atlas.region("world").geometry is None
    assert atlas.feature("world-everywhere").geometry is None
    assert [r.id for r in atlas.regions] == ["choco", "madre-de-dios", "kachin"]
    assert [s.id for s in atlas.scopes] == ["andes", "world"]
    assert [f.id for f in atlas.features_in("andes")] == ["andes-everywhere"]
    assert atlas.feature("choco-atrato").named_place == "Atrato"
    assert "outside knowledge" in atlas.feature("kachin-jade").inferred_source


def test_missing_scopes_file_and_a_world_with_geometry(dataset, capsys):
    geodata, seeds = dataset
    scopes = json.loads((geodata / "scopes.geojson").read_text("utf-8"))
    (geodata / "scopes.geojson").unlink()
    code, lines = run(geodata, seeds, capsys)
    assert code == 1
    assert f"{display_path(geodata / 'scopes.geojson')}: -: file is missing" in lines
    write_geojson(geodata / "scopes.geojson", [])
    code, lines = run(geodata, seeds, capsys)
    assert code == 1
    assert f"{display_path(geodata / 'scopes.geojson')}: andes: scope is missing" in lines
    assert f"{display_path(geodata / 'scopes.geojson')}: world: scope is missing" in lines
    for item in scopes["features"]:
        if item["properties"]["id"] == "world":
            item["geometry"] = {"type": "Point", "coordinates": [0, 0]}
    (geodata / "scopes.geojson").write_text(json.dumps(scopes), "utf-8")
    line = only_problem(*run(geodata, seeds, capsys))
    assert line == (
        f"{display_path(geodata / 'scopes.geojson')}: world: "
        'the worldwide scope has no geometry (expected "geometry": null)'
    )
