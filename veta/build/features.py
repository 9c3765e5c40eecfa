"""Turn the build's inputs into GeoJSON features: regions, context and the thematic layers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shapely.geometry.base import BaseGeometry

from veta.build.anchors import AnchorError, Resolver
from veta.build.geometry import area_km2, geometry_json
from veta.build.sources import ADMIN0, ADMIN1, FOCUS_NAME_TO_ID, SourceFeature
from veta.problems import Problem, display_path

CONTRACT_PROPERTIES: tuple[str, ...] = (
    "id",
    "region",
    "name",
    "kind",
    "summary",
    "evidence",
    "precision",
    "placement_note",
    "named_place",
    "inferred_source",
    "caveat",
)
"""A content spec's properties, in the order they are written (`geometry_source` and `anchor` follow)."""

MAX_DEPTH = 32
"""Lists and objects in a content spec may nest this deep (evidence items are 3 levels down)."""

BUILD_PROPERTIES: tuple[str, ...] = ("geometry", "geometry_source")
"""Keys only the build may set; a content spec carrying one is an error."""


def feature(properties: dict[str, Any], geom: BaseGeometry | None, feature_id: str | None = None) -> dict[str, Any]:
    """A GeoJSON Feature (with a top-level `id` when given); `"geometry": null` when geom is None."""
    out: dict[str, Any] = {"type": "Feature"}
    if feature_id is not None:
        out["id"] = feature_id
    out["properties"] = properties
    out["geometry"] = geometry_json(geom) if geom is not None else None
    return out


def region_feature(region_id: str, source: SourceFeature, geom: BaseGeometry) -> dict[str, Any]:
    """A focus region with its measured and official areas."""
    area = round(area_km2(geom))
    official = source.properties.get("official_area_km2")
    props: dict[str, Any] = {
        "id": region_id,
        "name": source.properties["name"],
        "country": source.properties["country"],
        "adm1_code": source.properties["adm1_code"],
        "area_km2": area,
        "official_area_km2": round(official) if official else None,
        "area_error_pct": round((area / official - 1) * 100, 2) if official else None,
        "geometry_source": ADMIN1,
    }
    return feature(props, geom, region_id)


def context_feature(source: SourceFeature, geom: BaseGeometry, level: str) -> dict[str, Any]:
    """A neighbouring admin-1 unit or a country, for the offline basemap."""
    p = source.properties
    props = {
        "name": p["name"],
        "country": p.get("country", p["name"]),
        "level": level,
        "role": p["role"],
        "region": FOCUS_NAME_TO_ID.get(p.get("focus_region", ""), None),
        "clipped": bool(p.get("clipped")),
        "geometry_source": ADMIN1 if level == "admin1" else ADMIN0,
    }
    return feature(props, geom)


def nesting_depth(value: object, limit: int) -> int:
    """How deeply lists and objects nest in `value` (a scalar is 0), counted without recursion up to `limit`."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            depth += 1
            deepest = max(deepest, depth)
            if depth > limit:
                return depth
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth) for child in children)
    return deepest


def read_specs(path: Path) -> tuple[list[Any] | None, list[Problem]]:
    """A content file's list of feature specs; None (and no error) when the file does not exist."""
    if not path.exists():
        return None, []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return None, [Problem(display_path(path), "-", f"not valid JSON: {error}")]
    except RecursionError:
        return None, [Problem(display_path(path), "-", f"JSON nested too deeply (over {MAX_DEPTH} levels)")]
    except OSError as error:
        return None, [Problem(display_path(path), "-", f"cannot read: {error.strerror or error}")]
    if not isinstance(data, list):
        return None, [Problem(display_path(path), "-", "expected a JSON list of feature specs")]
    return data, []


def spec_feature(spec: object, resolver: Resolver) -> tuple[dict[str, Any] | None, str | None]:
    """One content spec as a GeoJSON Feature, or (None, error message)."""
    if not isinstance(spec, dict):
        return None, "a feature spec must be a JSON object"
    if not isinstance(spec.get("id"), str) or not spec["id"]:
        return None, "feature spec has no id"
    reserved = [key for key in BUILD_PROPERTIES if key in spec]
    if reserved:
        return None, f"{', '.join(reserved)} is set by the build, not by content (remove it; give an anchor)"
    if nesting_depth(spec, MAX_DEPTH) > MAX_DEPTH:
        return None, f"content nested more than {MAX_DEPTH} levels deep"
    if "anchor" not in spec:
        return None, "no anchor (expected place, river, river + near or region)"
    try:
        placement = resolver.resolve(spec["anchor"])
    except AnchorError as error:
        return None, f"anchor {json.dumps(spec['anchor'], ensure_ascii=False)}: {error}"
    props = {key: spec[key] for key in CONTRACT_PROPERTIES if key in spec}
    props["geometry_source"] = placement.source
    props["anchor"] = spec["anchor"]
    extras = sorted(set(spec) - set(props))
    props.update({key: spec[key] for key in extras})
    return feature(props, placement.geometry, spec["id"]), None


def layer_features(specs: Sequence[Any], resolver: Resolver, path: str) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Every spec of one content file as features, and the problems found (each names file and feature)."""
    features: list[dict[str, Any]] = []
    errors: list[Problem] = []
    for index, spec in enumerate(specs):
        built, message = spec_feature(spec, resolver)
        if built is not None:
            features.append(built)
        else:
            label = spec.get("id") if isinstance(spec, dict) and isinstance(spec.get("id"), str) else f"#{index}"
            errors.append(Problem(path, label or f"#{index}", message or "unknown problem"))
    return features, errors
