"""GeoJSON (RFC 7946): every feature with all its fields, resolved evidence and the credit as foreign members."""

from __future__ import annotations

import json
from typing import Any

import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from veta.credits import INTERVIEW_URL, LICENCE_URL
from veta.exports.common import LICENCE_NAME, credit_text, feature_properties, quotes_of, select_features
from veta.model import Atlas, Feature

COORDINATE_DECIMALS = 6
"""RFC 7946 §11.2: six decimals (about 10 cm) is more than enough."""


def _round(value: Any) -> Any:
    """Coordinates rounded to COORDINATE_DECIMALS, nested lists kept."""
    if isinstance(value, (list, tuple)):
        return [_round(v) for v in value]
    return round(float(value), COORDINATE_DECIMALS)


def geometry_json(geom: BaseGeometry | None) -> dict | None:
    """RFC 7946 geometry: polygons with counterclockwise exterior rings, rounded coordinates.

    A worldwide statement has no place: its geometry is None, written as GeoJSON's `"geometry": null`.
    """
    if geom is None:
        return None
    oriented = shapely.orient_polygons(geom, exterior_cw=False)
    raw = mapping(oriented)
    if raw["type"] == "GeometryCollection":
        return {"type": raw["type"], "geometries": [geometry_json(shape(g)) for g in raw["geometries"]]}
    return {"type": raw["type"], "coordinates": _round(raw["coordinates"])}


def _evidence(atlas: Atlas, feature: Feature) -> list[dict]:
    items = []
    for quote in quotes_of(atlas, feature):
        item: dict[str, Any] = {"exact": quote.exact}
        if quote.prefix:
            item["prefix"] = quote.prefix
        if quote.suffix:
            item["suffix"] = quote.suffix
        item.update(
            passage_id=quote.passage_id, speaker=quote.speaker, section=quote.section, start=quote.start, end=quote.end
        )
        items.append(item)
    return items


def credit() -> dict[str, Any]:
    """The credit members shared by the JSON exports."""
    return {
        "attribution": credit_text(),
        "license": {"quotes": LICENCE_NAME, "quotes_url": LICENCE_URL, "source": INTERVIEW_URL},
    }


def features_geojson(atlas: Atlas, region_id: str | None = None) -> dict:
    """The features (all, or one region's) as an RFC 7946 FeatureCollection with resolved evidence.

    Each feature's properties hold every field of the feature, then `evidence`, `passage_ids` and `speakers`.
    """
    features = select_features(atlas, region_id)
    out = []
    for feature in features:
        evidence = _evidence(atlas, feature)
        properties = feature_properties(feature)
        properties.update(
            evidence=evidence,
            passage_ids=list(feature.passage_ids),
            speakers=list(dict.fromkeys(e["speaker"] for e in evidence)),
        )
        out.append(
            {"type": "Feature", "id": feature.id, "geometry": geometry_json(feature.geometry), "properties": properties}
        )
    used = {f.geometry_source for f in features}
    sources = [
        {"name": r.name, "title": r.title, "licenses": list(r.licenses), "sources": list(r.sources)}
        for r in atlas.resources
        if r.name in used
    ]
    collection: dict[str, Any] = {"type": "FeatureCollection", **credit(), "sources": sources, "features": out}
    placed = [f.geometry for f in features if f.geometry is not None]
    if placed:
        bounds = shapely.GeometryCollection(placed).bounds
        collection["bbox"] = _round(list(bounds))
    return collection


def geojson_text(atlas: Atlas, region_id: str | None = None) -> str:
    """The GeoJSON export as text (UTF-8 characters kept, not \\u-escaped)."""
    return json.dumps(features_geojson(atlas, region_id), ensure_ascii=False, indent=1, default=str) + "\n"
