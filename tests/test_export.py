"""veta.export: GeoJSON and CSV exports on a fixture atlas and on the real data, and the export CLI."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon, shape

from veta.__main__ import main
from veta.atlas import load_atlas
from veta.credits import INTERVIEW_URL
from veta.evidence import resolve_quote
from veta.export import CSV_COLUMNS, LICENCE_NAME, export_text, feature_rows, features_csv, features_geojson
from veta.model import Atlas, Feature, Region, Resource
from veta.paths import PROJECT_DIR
from veta.seed import load_seed

SEED = load_seed()
Q_JADE = "We have jade, amber, gold and rare earth minerals mining, all in the same landscape."
Q_RENT = "National governments have a rent-seeking orientation [trying to maximise the profit they make from controlling resources]"
Q_TAX = "The gold miners will just say: ‘oh, we pay tax to these people, you cannot say anymore’."
Q_ATRATO = "The Atrato is one of the few rivers in the world that has gained personhood rights"
Q_HC = "high commissioner"  # occurs twice in p46; the suffix picks the second
CLOCKWISE_SQUARE = Polygon([(96.0, 25.0), (96.0, 25.5), (96.5, 25.5), (96.5, 25.0)])


def _feature(feature_id, region, layer, evidence, geometry, **extra) -> Feature:
    return Feature(
        id=feature_id,
        layer=layer,
        region=region,
        name=extra.pop("name", feature_id.replace("-", " ").title()),
        kind=extra.pop("kind", "gold"),
        summary="A test feature, with a comma.",
        evidence=tuple(evidence),
        precision="approximate",
        placement_note='Placed "here", on purpose; with a\nnewline.',
        geometry_source="test-places",
        geometry=geometry,
        **extra,
    )


FIXTURE = Atlas(
    seed=SEED,
    regions=(
        Region("choco", "Chocó", "Colombia", shapely.box(-77.9, 4.0, -76.0, 8.7)),
        Region("kachin", "Kachin", "Myanmar", shapely.box(95.8, 23.6, 98.8, 28.5)),
    ),
    features=(
        _feature(
            "kachin-jade-field",
            "kachin",
            "minerals",
            [resolve_quote(SEED, Q_JADE), resolve_quote(SEED, Q_TAX)],
            CLOCKWISE_SQUARE,
            kind="jade",
        ),
        _feature(
            "kachin-town",
            "kachin",
            "actors",
            [resolve_quote(SEED, Q_RENT), resolve_quote(SEED, Q_HC, suffix=" bombed")],
            Point(97.3912345678, 25.3834567891),
            kind="state",
            caveat="Both readings.",
        ),
        _feature(
            "choco-atrato",
            "choco",
            "rivers",
            [resolve_quote(SEED, Q_ATRATO)],
            LineString([(-76.65, 5.69), (-76.9, 8.0)]),
            kind="river",
        ),
    ),
    resources=(
        Resource("test-places", "x.geojson", "Test places", ("CC BY 4.0",), ("GeoNames",)),
        Resource("unused", "y.geojson", "Unused", ("PD",), ("Nowhere",)),
    ),
)
PAIRS = 5


def test_csv_has_one_row_per_feature_quote_pair_and_parses_back() -> None:
    text = features_csv(FIXTURE)
    assert text.startswith(",".join(CSV_COLUMNS) + "\r\n")  # plain header first: no comment lines
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == PAIRS == sum(len(f.evidence) for f in FIXTURE.features)
    assert [(r["feature_id"], r["passage_id"]) for r in rows] == [
        ("kachin-jade-field", "p11"),
        ("kachin-jade-field", "p38"),
        ("kachin-town", "p43"),
        ("kachin-town", "p46"),
        ("choco-atrato", "p29"),
    ]
    for row in rows:
        feature = FIXTURE.feature(row["feature_id"])
        assert row["quote"] in [e.exact for e in feature.evidence]
        assert row["quote"] in SEED.text
        assert row["placement_note"] == feature.placement_note  # quotes, commas, newlines survive
        assert row["speaker"] == SEED.passage(row["passage_id"]).speaker
        assert row["section"] == SEED.passage(row["passage_id"]).section
        assert row["source_url"] == INTERVIEW_URL and row["licence"] == LICENCE_NAME
        point = Point(float(row["lon"]), float(row["lat"]))
        assert feature.geometry.distance(point) < 1e-5
    assert rows[2]["speaker"] == "Gisselle" and rows[0]["speaker"] == "Doi Ra"


def test_csv_region_filter() -> None:
    rows = list(csv.DictReader(io.StringIO(features_csv(FIXTURE, "choco"))))
    assert [r["feature_id"] for r in rows] == ["choco-atrato"]
    assert features_csv(FIXTURE, "kachin").count("\r\n") - 1 == 4
    with pytest.raises(KeyError):
        features_csv(FIXTURE, "atlantis")


def test_geojson_is_rfc7946_with_credit_and_resolved_evidence() -> None:
    data = features_geojson(FIXTURE)
    assert data["type"] == "FeatureCollection" and "crs" not in data
    assert "Transnational Institute" in data["attribution"] and "CC BY-NC-ND 3.0" in data["attribution"]
    assert data["license"]["quotes"] == "CC BY-NC-ND 3.0" and data["license"]["source"] == INTERVIEW_URL
    assert [s["name"] for s in data["sources"]] == ["test-places"]
    assert len(data["features"]) == 3
    jade, town, river = data["features"]
    assert jade["id"] == jade["properties"]["id"] == "kachin-jade-field"
    assert jade["properties"]["passage_ids"] == ["p11", "p38"] and jade["properties"]["speakers"] == ["Doi Ra"]
    assert town["properties"]["speakers"] == ["Gisselle"] and town["properties"]["caveat"] == "Both readings."
    hc = town["properties"]["evidence"][1]
    assert hc["exact"] == Q_HC and hc["suffix"] == " bombed" and hc["passage_id"] == "p46"
    assert SEED.text[hc["start"] : hc["end"]] == Q_HC
    assert town["geometry"] == {"type": "Point", "coordinates": [97.391235, 25.383457]}
    # RFC 7946 §3.1.6: exterior rings counterclockwise
    assert shapely.is_ccw(shape(jade["geometry"]).exterior) and not shapely.is_ccw(CLOCKWISE_SQUARE.exterior)
    assert shape(jade["geometry"]).equals(CLOCKWISE_SQUARE)
    assert shape(river["geometry"]).equals(FIXTURE.feature("choco-atrato").geometry)
    assert data["bbox"] == [-76.9, 5.69, 97.391235, 25.5]


def test_geojson_round_trips_through_text() -> None:
    data = features_geojson(FIXTURE, "kachin")
    text = export_text(FIXTURE, "geojson", "kachin")
    assert json.loads(text) == data
    assert "personhood" not in text and "‘oh, we pay tax" in text  # non-ASCII kept verbatim, not \u-escaped


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export_text(FIXTURE, "xlsx")


# --- real data ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_atlas() -> Atlas:
    return load_atlas()


def test_real_export_counts(real_atlas: Atlas) -> None:
    pairs = sum(len(f.evidence) for f in real_atlas.features)
    rows = list(csv.DictReader(io.StringIO(features_csv(real_atlas))))
    assert len(rows) == pairs > 0
    data = json.loads(export_text(real_atlas, "geojson"))
    assert len(data["features"]) == len(real_atlas.features)
    assert sum(len(f["properties"]["evidence"]) for f in data["features"]) == pairs
    assert any(feature["geometry"] is None for feature in data["features"])  # the worldwide statements
    for feature in data["features"]:
        original = real_atlas.feature(feature["id"])
        if original.geometry is None:
            assert feature["geometry"] is None
        else:
            assert shape(feature["geometry"]).hausdorff_distance(original.geometry) < 1e-5
        assert feature["properties"]["passage_ids"] == list(original.passage_ids)
    for region in real_atlas.regions:
        assert len(feature_rows(real_atlas, region.id)) == sum(
            len(f.evidence) for f in real_atlas.features if f.region == region.id
        )


def test_real_csv_text_cells_cannot_start_a_spreadsheet_formula(real_atlas: Atlas) -> None:
    """No text cell starts with =, +, -, @ (hostile content is neutralised: tests/exports/test_gis_exports.py)."""
    for row in feature_rows(real_atlas):
        for key, value in row.items():
            if isinstance(value, str):
                assert not value.startswith(("=", "+", "-", "@")), (row["feature_id"], key)


# --- CLI ------------------------------------------------------------------------------------------------------


def test_cli_writes_csv_file(tmp_path: Path, real_atlas: Atlas) -> None:
    out = tmp_path / "kachin.csv"
    assert main(["export", "--format", "csv", "--region", "kachin", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == sum(len(f.evidence) for f in real_atlas.features_in("kachin"))
    assert {r["region"] for r in rows} == {"kachin"}


def test_cli_geojson_to_stdout_in_a_subprocess(real_atlas: Atlas) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "veta", "export", "--format", "geojson", "--region", "choco"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert {f["properties"]["region"] for f in data["features"]} == {"choco"}
    assert len(data["features"]) == len(real_atlas.features_in("choco"))
    assert INTERVIEW_URL in data["license"]["source"]


def test_cli_rejects_unknown_region_and_broken_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # regions are checked against the atlas (content may add regions), so the message lists the known ones
    assert main(["export", "--region", "atlantis"]) == 2
    assert "unknown region 'atlantis' (known: choco, madre-de-dios, kachin)" in capsys.readouterr().err
    assert main(["export", "--geodata", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "cannot export" in err and "file is missing" in err
