"""GeoPackage, KML, GeoJSON and CSV exports, read back by real clients: pyogrio/geopandas and ogrinfo."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest

from tests.exports.conftest import HOSTILE, ogrinfo
from veta.__main__ import main
from veta.exports import FORMATS, ExportError, export_bytes, export_filename
from veta.exports.common import property_names
from veta.exports.kml import kml_colour, style_id
from veta.exports.table import BOM, CSV_COLUMNS, FORMULA_STARTS
from veta.i18n import LANGUAGES
from veta.layers import LAYERS, REGION_IDS, SCOPE_IDS
from veta.model import Atlas
from veta.symbology import LAYER_COLOURS

SCOPES = [None, "kachin", "andes", "world"]
"""Everything, one focus region, and the two scopes: the Andean countries (their outline) and worldwide (no
geometry: null in GeoJSON and GeoPackage, an empty wkt cell in CSV, a Placemark without geometry in KML)."""
GPKG_FIELDS = {"name", "kind", "region", "precision", "placement_note", "summary", "caveat", "quotes"}


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _write(tmp_path: Path, atlas: Atlas, fmt: str, region: str | None) -> Path:
    path = tmp_path / export_filename(fmt, region)
    path.write_bytes(export_bytes(atlas, fmt, region))
    return path


def _expected(atlas: Atlas, region: str | None, layer: str | None = None) -> list:
    return [f for f in atlas.features if region in (None, f.region) and layer in (None, f.layer)]


@pytest.mark.parametrize("region", SCOPES)
def test_gpkg_reads_back_layer_by_layer_with_verbatim_quotes(tmp_path: Path, real_atlas: Atlas, region) -> None:
    path = _write(tmp_path, real_atlas, "gpkg", region)
    layers = [name for name, _ in pyogrio.list_layers(path)]
    present = [layer for layer in LAYERS if _expected(real_atlas, region, layer)]
    areas = [name for name, ids in (("regions", REGION_IDS), ("scopes", SCOPE_IDS)) if region is None or region in ids]
    assert layers == [*areas, *present, "quotes"]
    for layer in present:
        frame = gpd.read_file(path, layer=layer, engine="pyogrio")
        expected = _expected(real_atlas, region, layer)
        assert list(frame["id"]) == [f.id for f in expected]
        assert set(frame.columns) >= GPKG_FIELDS and set(property_names()) <= set(frame.columns)
        assert frame.crs.to_epsg() == 4326
        for row, feature in zip(frame.itertuples(), expected, strict=True):
            if feature.geometry is None:  # a worldwide statement: written and read back as a null geometry
                assert row.geometry is None
            else:
                assert row.geometry.equals_exact(feature.geometry, 1e-9)
            assert all(f"“{e.exact}”" in row.quotes for e in feature.evidence)
    quotes = pyogrio.read_dataframe(path, layer="quotes")
    assert len(quotes) == sum(len(f.evidence) for f in _expected(real_atlas, region))
    text = real_atlas.seed.text
    assert all(text[r.start : r.end] == r.quote for r in quotes.itertuples())
    if "regions" in areas:
        regions = gpd.read_file(path, layer="regions", engine="pyogrio")
        assert list(regions["id"]) == [r.id for r in real_atlas.regions if region in (None, r.id)]
    if "scopes" in areas:
        scopes = gpd.read_file(path, layer="scopes", engine="pyogrio")
        expected_scopes = [s for s in real_atlas.scopes if region in (None, s.id)]
        assert list(scopes["id"]) == [s.id for s in expected_scopes]
        for row, scope in zip(scopes.itertuples(), expected_scopes, strict=True):
            assert row.name == scope.name and row.countries == scope.country
            # the Andean countries' outline; worldwide, a row whose geometry is null
            assert row.geometry is None if scope.geometry is None else row.geometry.equals_exact(scope.geometry, 1e-9)
    if region in SCOPE_IDS:  # every statement of a scope: the Andean outline, or no geometry worldwide
        assert all(f.region == region and f.precision == "region" for f in _expected(real_atlas, region))


def test_gpkg_of_the_worldwide_scope_opens_with_ogrinfo(tmp_path: Path, real_atlas: Atlas) -> None:
    """A layer of null-geometry rows (the worldwide statements) is a readable GeoPackage layer for GDAL."""
    path = _write(tmp_path, real_atlas, "gpkg", "world")
    out = ogrinfo("-so", "-al", str(path))
    assert "Warning" not in out and "ERROR" not in out
    for layer in LAYERS:
        count = len(_expected(real_atlas, "world", layer))
        if count:
            assert f"Layer name: {layer}\n" in out and f"Feature Count: {count}\n" in out
    assert "Layer name: scopes\n" in out and "countries: String" in out
    feature = real_atlas.features_in("world")[0]
    rows = ogrinfo("-q", str(path), "-sql", f"SELECT id, name FROM {feature.layer} WHERE id = '{feature.id}'")
    assert f"name (String) = {feature.name}" in rows
    assert "POINT" not in rows and "POLYGON" not in rows  # no geometry for a worldwide statement


def test_gpkg_opens_with_ogrinfo(tmp_path: Path, real_atlas: Atlas) -> None:
    path = _write(tmp_path, real_atlas, "gpkg", None)
    out = ogrinfo("-so", "-al", str(path))
    for layer in LAYERS:
        count = len(_expected(real_atlas, None, layer))
        assert f"Layer name: {layer}\n" in out and f"Feature Count: {count}\n" in out
    assert "summary: String" in out and "placement_note: String" in out
    assert "Warning" not in out  # GeoPackage 1.2: no "partially supported" warning from Debian's GDAL
    first = real_atlas.features[0].evidence[0]
    row = ogrinfo("-q", str(path), "-sql", f"SELECT quote FROM quotes WHERE start = {first.start}")
    assert f"quote (String) = {first.exact}" in row


@pytest.mark.parametrize("region", SCOPES)
def test_kml_reads_back_with_quotes_licence_and_styles(tmp_path: Path, real_atlas: Atlas, region) -> None:
    path = _write(tmp_path, real_atlas, "kml", region)
    text = path.read_text(encoding="utf-8")
    present = [layer for layer in LAYERS if _expected(real_atlas, region, layer)]
    assert [name for name, _ in pyogrio.list_layers(path)] == present
    for layer in present:
        frame = gpd.read_file(path, layer=layer, engine="pyogrio")
        expected = _expected(real_atlas, region, layer)
        assert list(frame["id"]) == [f.id for f in expected]
        for row, feature in zip(frame.itertuples(), expected, strict=True):
            assert row.Name == feature.name
            # a worldwide statement is a Placemark without geometry; every other one has its place (or outline)
            assert (row.geometry is None) == (feature.geometry is None)
            passage = real_atlas.passage(feature.evidence[0].passage_id)
            assert "CC BY-NC-ND 3.0" in row.description and passage.speaker in row.description
    # the quotes reach the balloon verbatim (HTML-escaped once, as XML text)
    first = _expected(real_atlas, region)[0]
    assert "“" + first.evidence[0].exact.replace("&", "&amp;amp;").replace("'", "&amp;#x27;") in text
    assert text.count("<styleUrl>") == len(_expected(real_atlas, region))
    colour = kml_colour(LAYER_COLOURS[first.layer], 1.0)
    assert f'<Style id="{style_id(first.layer, "site")}">' in text and colour in text
    assert f"<styleUrl>#{style_id(first.layer, first.precision)}</styleUrl>" in text


def test_kml_opens_with_ogrinfo(tmp_path: Path, real_atlas: Atlas) -> None:
    path = _write(tmp_path, real_atlas, "kml", "choco")
    out = ogrinfo("-so", "-al", str(path))
    for layer in LAYERS:
        count = len(_expected(real_atlas, "choco", layer))
        if count:
            assert f"Layer name: {layer}\n" in out and f"Feature Count: {count}\n" in out


def test_kml_balloon_escapes_hostile_markup(tmp_path: Path, hostile_atlas: Atlas) -> None:
    path = _write(tmp_path, hostile_atlas, "kml", None)
    frame = gpd.read_file(path, layer=hostile_atlas.features[0].layer, engine="pyogrio")
    description = frame["description"].iloc[0]
    assert "<script>" not in description and "&lt;script&gt;" in description


@pytest.mark.parametrize("region", SCOPES)
def test_geojson_and_csv_read_back_with_pyogrio(tmp_path: Path, real_atlas: Atlas, region) -> None:
    expected = _expected(real_atlas, region)
    frame = gpd.read_file(_write(tmp_path, real_atlas, "geojson", region), engine="pyogrio")
    assert list(frame["id"]) == [f.id for f in expected]
    for g, feature in zip(frame.geometry, expected, strict=True):  # null geometry read back as None
        assert g is None if feature.geometry is None else g.equals_exact(feature.geometry, 1e-6)
    csv_path = _write(tmp_path, real_atlas, "csv", region)
    rows = pyogrio.read_dataframe(csv_path, GEOM_POSSIBLE_NAMES="wkt", KEEP_GEOM_COLUMNS="NO")
    assert list(rows.columns[:-1]) == [c for c in CSV_COLUMNS if c != "wkt"]  # the BOM is not in the first name
    assert len(rows) == sum(len(f.evidence) for f in expected)
    text = real_atlas.seed.text
    assert all(q in text for q in rows["quote"])
    by_id = {f.id: f for f in expected}
    for g, i in zip(rows.geometry, rows["feature_id"], strict=True):
        # a worldwide statement has no place: an empty wkt cell, read back as no geometry
        assert g is None if by_id[i].geometry is None else g.equals_exact(by_id[i].geometry, 1e-6)


def test_csv_has_a_bom_and_no_formula_cell_even_for_hostile_content(tmp_path: Path, hostile_atlas: Atlas) -> None:
    data = export_bytes(hostile_atlas, "csv")
    assert data.startswith(BOM.encode("utf-8")) and "Chocó".encode() in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    first = next(r for r in rows if r["feature_id"] == hostile_atlas.features[0].id)
    for key, value in HOSTILE.items():
        assert first[key] == "'" + value, key  # neutralised, otherwise kept
    # every cell but a plain number (lon, lat: a negative number is a number, not a formula)
    assert not [(k, v) for row in rows for k, v in row.items() if v.startswith(FORMULA_STARTS) and not _number(v)]
    # and GDAL's CSV reader sees the same number of rows and no formula-looking cell
    frame = pyogrio.read_dataframe(_write(tmp_path, hostile_atlas, "csv", None), read_geometry=False)
    assert len(frame) == len(rows)
    assert not [c for col in frame.columns for c in frame[col] if isinstance(c, str) and c.startswith(FORMULA_STARTS) and not _number(c)]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_on_the_command_line_for_all_and_one_region(tmp_path: Path, fmt: str) -> None:
    for region in SCOPES:
        out = tmp_path / export_filename(fmt, region)
        args = ["export", "--format", fmt, "--out", str(out), "--lang", "en"]
        assert main(args + (["--region", region] if region else [])) == 0
        assert out.stat().st_size > 1000


def test_other_languages_are_refused_clearly(real_atlas: Atlas, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(ExportError, match="unknown language 'fr'"):
        export_bytes(real_atlas, "csv", lang="fr")
    assert main(["export", "--format", "kml", "--lang", "fr"]) == 2
    assert f"unknown language 'fr' (available: {', '.join(LANGUAGES)})" in capsys.readouterr().err
    assert main(["export", "--format", "gpkg"]) == 2
    assert "give --out FILE" in capsys.readouterr().err


def test_geojson_and_csv_open_with_ogrinfo(tmp_path: Path, real_atlas: Atlas) -> None:
    pairs = sum(len(f.evidence) for f in real_atlas.features)
    out = ogrinfo("-so", "-al", str(_write(tmp_path, real_atlas, "geojson", None)))
    assert f"Feature Count: {len(real_atlas.features)}\n" in out
    csv_path = _write(tmp_path, real_atlas, "csv", None)
    out = ogrinfo("-so", "-al", "-oo", "GEOM_POSSIBLE_NAMES=wkt", str(csv_path))
    assert f"Feature Count: {pairs}\n" in out and "feature_id: String" in out  # the BOM is not in the name


def test_gpkg_keeps_hostile_text_exactly(tmp_path: Path, hostile_atlas: Atlas) -> None:
    feature = hostile_atlas.features[0]
    frame = gpd.read_file(_write(tmp_path, hostile_atlas, "gpkg", None), layer=feature.layer, engine="pyogrio")
    row = frame[frame["id"] == feature.id].iloc[0]
    assert {key: row[key] for key in HOSTILE} == HOSTILE  # a GIS file is data, not a spreadsheet: no apostrophes
