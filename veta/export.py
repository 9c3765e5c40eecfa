"""Exports of the atlas's features: GeoJSON (RFC 7946) and CSV, for GIS tools and spreadsheets.

GeoJSON carries the credit and licence as top-level foreign members `attribution`, `license` and `sources`.
CSV starts with a plain header row (no comment lines, so spreadsheets open it) and has one row per
feature–quote pair; each row carries the interview's URL and licence in its `source_url` and `licence` columns.
Quotes are exported verbatim, as they appear in the seed.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, TextIO

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from veta.credits import GEODATA_CREDIT_TEXT, INTERVIEW_CREDIT_TEXT, INTERVIEW_URL, LICENCE_URL
from veta.model import Atlas, Feature

LICENCE_NAME = "CC BY-NC-ND 3.0"
COORDINATE_DECIMALS = 6
"""RFC 7946 §11.2: six decimals (about 10 cm) is more than enough."""
CSV_COLUMNS: tuple[str, ...] = (
    "feature_id",
    "layer",
    "region",
    "name",
    "kind",
    "precision",
    "placement_note",
    "geometry_source",
    "lon",
    "lat",
    "quote",
    "passage_id",
    "speaker",
    "section",
    "source_url",
    "licence",
)
FORMATS: tuple[str, ...] = ("geojson", "csv")


def _features(atlas: Atlas, region_id: str | None) -> tuple[Feature, ...]:
    """All features, or one region's; KeyError for an unknown region."""
    if region_id is None:
        return atlas.features
    atlas.region(region_id)
    return tuple(f for f in atlas.features if f.region == region_id)


def _round(value: Any) -> Any:
    """Coordinates rounded to COORDINATE_DECIMALS, nested lists kept."""
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    return round(float(value), COORDINATE_DECIMALS)


def _geometry(geom: BaseGeometry) -> dict:
    """RFC 7946 geometry: polygons with counterclockwise exterior rings, rounded coordinates."""
    oriented = shapely.orient_polygons(geom, exterior_cw=False)
    raw = mapping(oriented)
    if raw["type"] == "GeometryCollection":
        return {"type": raw["type"], "geometries": [_geometry(shape(g)) for g in raw["geometries"]]}
    return {"type": raw["type"], "coordinates": _round(raw["coordinates"])}


def _evidence(atlas: Atlas, feature: Feature) -> list[dict]:
    items = []
    for evidence in feature.evidence:
        passage = atlas.passage(evidence.passage_id)
        item: dict[str, Any] = {"exact": evidence.exact}
        if evidence.prefix:
            item["prefix"] = evidence.prefix
        if evidence.suffix:
            item["suffix"] = evidence.suffix
        item.update(
            passage_id=evidence.passage_id,
            speaker=passage.speaker,
            section=passage.section,
            start=evidence.start,
            end=evidence.end,
        )
        items.append(item)
    return items


def credit() -> dict[str, Any]:
    """The credit members shared by every export."""
    return {
        "attribution": f"Quotes: {INTERVIEW_CREDIT_TEXT}. Geometries: {GEODATA_CREDIT_TEXT}.",
        "license": {"quotes": LICENCE_NAME, "quotes_url": LICENCE_URL, "source": INTERVIEW_URL},
    }


def features_geojson(atlas: Atlas, region_id: str | None = None) -> dict:
    """The features (all, or one region's) as an RFC 7946 FeatureCollection with resolved evidence.

    Each feature's properties hold everything the atlas knows about it, plus `passage_ids` and `speakers`.
    """
    features = _features(atlas, region_id)
    out = []
    for feature in features:
        evidence = _evidence(atlas, feature)
        properties = {
            "id": feature.id,
            "layer": feature.layer,
            "region": feature.region,
            "name": feature.name,
            "kind": feature.kind,
            "summary": feature.summary,
            "precision": feature.precision,
            "placement_note": feature.placement_note,
            "geometry_source": feature.geometry_source,
            "caveat": feature.caveat,
            "evidence": evidence,
            "passage_ids": list(feature.passage_ids),
            "speakers": list(dict.fromkeys(e["speaker"] for e in evidence)),
        }
        out.append(
            {"type": "Feature", "id": feature.id, "geometry": _geometry(feature.geometry), "properties": properties}
        )
    used = {f.geometry_source for f in features}
    sources = [
        {"name": r.name, "title": r.title, "licenses": list(r.licenses), "sources": list(r.sources)}
        for r in atlas.resources
        if r.name in used
    ]
    collection: dict[str, Any] = {"type": "FeatureCollection", **credit(), "sources": sources, "features": out}
    if features:
        bounds = shapely.GeometryCollection([f.geometry for f in features]).bounds
        collection["bbox"] = _round(list(bounds))
    return collection


def representative_point(geom: BaseGeometry) -> tuple[float, float]:
    """(lon, lat) of a point guaranteed to lie on the geometry, rounded."""
    point = geom.representative_point()
    return round(point.x, COORDINATE_DECIMALS), round(point.y, COORDINATE_DECIMALS)


def feature_rows(atlas: Atlas, region_id: str | None = None) -> list[dict[str, Any]]:
    """One dict per feature–quote pair, keyed by CSV_COLUMNS."""
    rows = []
    for feature in _features(atlas, region_id):
        lon, lat = representative_point(feature.geometry)
        for evidence in feature.evidence:
            passage = atlas.passage(evidence.passage_id)
            rows.append(
                {
                    "feature_id": feature.id,
                    "layer": feature.layer,
                    "region": feature.region,
                    "name": feature.name,
                    "kind": feature.kind,
                    "precision": feature.precision,
                    "placement_note": feature.placement_note,
                    "geometry_source": feature.geometry_source,
                    "lon": lon,
                    "lat": lat,
                    "quote": evidence.exact,
                    "passage_id": evidence.passage_id,
                    "speaker": passage.speaker,
                    "section": passage.section,
                    "source_url": INTERVIEW_URL,
                    "licence": LICENCE_NAME,
                }
            )
    return rows


def features_csv(atlas: Atlas, region_id: str | None = None) -> str:
    """The features as CSV text: a header row, then one row per feature–quote pair (RFC 4180, CRLF)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(feature_rows(atlas, region_id))
    return buffer.getvalue()


def export_text(atlas: Atlas, fmt: str, region_id: str | None = None) -> str:
    """The export in `fmt` ('geojson' or 'csv') as text."""
    if fmt == "geojson":
        return json.dumps(features_geojson(atlas, region_id), ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        return features_csv(atlas, region_id)
    raise ValueError(f"unknown export format {fmt!r} (expected one of {', '.join(FORMATS)})")


def run_export(
    fmt: str,
    region_id: str | None,
    out_path: Path | None,
    geodata_dir: Path,
    seeds_dir: Path,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """`python -m veta export`: write the export to a file or stdout; return the exit code."""
    from veta.atlas import load_atlas_for_cli

    atlas = load_atlas_for_cli(geodata_dir, seeds_dir, stderr)
    if atlas is None:
        return 1
    text = export_text(atlas, fmt, region_id)
    if out_path is None:
        stdout.write(text)
    else:
        with open(out_path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        print(f"wrote {out_path}", file=stderr)
    return 0
