"""Geometry for map descriptions: simplify, clip, round, GeoJSON, bounds arithmetic."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import shapely
from shapely.geometry import box, mapping
from shapely.geometry.base import BaseGeometry

from veta.maps.spec import Bounds

COORD_DECIMALS = 4
"""Coordinates are rounded to 4 decimals (≈11 m), far below what a region-scale map shows."""


def _round_coords(coords: Any, decimals: int) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), decimals)
    return [_round_coords(c, decimals) for c in coords]


def geojson_geometry(geom: BaseGeometry, tolerance: float = 0.0, decimals: int = COORD_DECIMALS) -> dict[str, Any]:
    """A GeoJSON geometry dict, simplified (topology kept) at `tolerance` degrees and rounded."""
    if tolerance > 0:
        simple = shapely.simplify(geom, tolerance, preserve_topology=True)
        geom = simple if not simple.is_empty else geom
    data = mapping(geom)
    if data["type"] == "GeometryCollection":
        return {"type": "GeometryCollection", "geometries": [geojson_geometry(g, 0, decimals) for g in geom.geoms]}
    return {"type": data["type"], "coordinates": _round_coords(data["coordinates"], decimals)}


def clip(geom: BaseGeometry, bounds: Bounds) -> BaseGeometry:
    """The part of a geometry inside bounds (empty if none)."""
    (south, west), (north, east) = bounds
    if not geom.intersects(box(west, south, east, north)):
        return shapely.Point()  # empty
    return shapely.clip_by_rect(geom, west, south, east, north)


def bounds_of(geom: BaseGeometry) -> Bounds:
    """A geometry's bounds as ((south, west), (north, east))."""
    west, south, east, north = geom.bounds
    return (south, west), (north, east)


def union_bounds(items: Iterable[Bounds]) -> Bounds | None:
    """The smallest bounds holding all of them (None for none)."""
    items = list(items)
    if not items:
        return None
    return (
        (min(b[0][0] for b in items), min(b[0][1] for b in items)),
        (max(b[1][0] for b in items), max(b[1][1] for b in items)),
    )


def expand(bounds: Bounds, *, pad: float = 0.0, min_span: float = 0.0) -> Bounds:
    """Bounds grown by a fraction of their size on each side, and to at least `min_span` degrees each way."""
    (south, west), (north, east) = bounds
    dy = max(north - south, min_span) * (1 + 2 * pad)
    dx = max(east - west, min_span) * (1 + 2 * pad)
    cy, cx = (south + north) / 2, (west + east) / 2
    return (
        (_down(max(-85.0, cy - dy / 2)), _down(max(-180.0, cx - dx / 2))),
        (_up(min(85.0, cy + dy / 2)), _up(min(180.0, cx + dx / 2))),
    )


def _down(value: float) -> float:
    """Rounded down to 4 decimals (bounds only ever grow when rounded)."""
    return math.floor(value * 10_000) / 10_000


def _up(value: float) -> float:
    return math.ceil(value * 10_000) / 10_000


def margin(bounds: Bounds, degrees: float) -> Bounds:
    """Bounds grown by a fixed number of degrees on each side."""
    (south, west), (north, east) = bounds
    return (max(-90.0, south - degrees), max(-180.0, west - degrees)), (
        min(90.0, north + degrees),
        min(180.0, east + degrees),
    )


def contains(outer: Bounds, inner: Bounds) -> bool:
    """Whether `inner` lies inside `outer`."""
    return (
        outer[0][0] <= inner[0][0]
        and outer[0][1] <= inner[0][1]
        and inner[1][0] <= outer[1][0]
        and inner[1][1] <= outer[1][1]
    )


def km_across(bounds: Bounds) -> float:
    """The width of bounds in kilometres at their middle latitude (the smaller of width and height)."""
    (south, west), (north, east) = bounds
    lat = math.radians((south + north) / 2)
    return min((east - west) * 111.32 * math.cos(lat), (north - south) * 110.57)
