"""Pure geometry steps of the build: simplify, round, validate, measure, spread, serialise.

Simplification and measurement go through geopandas (GeoSeries.simplify_coverage, .simplify, .to_crs): areas
and lengths are measured in projected CRSs centred on the geometry, never in degrees. `coverage_clean` has no
geopandas wrapper yet and is called on shapely directly.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS
from shapely.geometry import Point, mapping
from shapely.geometry.base import BaseGeometry

WGS84 = "EPSG:4326"

DECIMALS = 5
"""Coordinates are rounded to 5 decimals (about 1 m)."""

ADMIN_TOLERANCE = 0.005
"""Coverage (Visvalingam–Whyatt) tolerance in degrees for admin-1 units and countries near the regions."""

FAR_TOLERANCE = 0.02
"""Coverage tolerance in degrees for country outlines outside the detail zone (seen only at country zoom)."""

DETAIL_MARGIN = 2.0
"""The detail zone is each focus region's bounding box grown by this many degrees."""

RIVER_TOLERANCE = 0.002
"""Douglas–Peucker tolerance in degrees for river lines."""

SPREAD_STEP = 0.25
"""Spacing in degrees of the spiral that spreads region-wide points."""

SPREAD_INSET = 0.05
"""Region-wide points keep at least this many degrees inside the region outline."""

_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))
_MAX_SPIRAL_STEPS = 10_000


def round_geometry(geom: BaseGeometry, decimals: int = DECIMALS) -> BaseGeometry:
    """Round every coordinate."""
    return shapely.transform(geom, lambda xy: np.round(xy, decimals))


def polygonal_part(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygons of a geometry (drops points and lines left by overlay or make_valid)."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polygons = [part for part in shapely.get_parts(geom) if part.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(polygons) if polygons else shapely.Polygon()


def finish_polygon(geom: BaseGeometry) -> BaseGeometry:
    """Round, repair only if rounding broke validity, and orient exteriors counter-clockwise (RFC 7946)."""
    rounded = round_geometry(geom)
    if not rounded.is_valid:
        rounded = round_geometry(polygonal_part(shapely.make_valid(rounded)))
    return shapely.orient_polygons(rounded, exterior_cw=False)


def simplify_coverage(geoms: Sequence[BaseGeometry], tolerance: float = ADMIN_TOLERANCE) -> list[BaseGeometry]:
    """Clean a polygon coverage, simplify it so shared borders stay shared, then finish each polygon."""
    cleaned = gpd.GeoSeries(shapely.coverage_clean(list(geoms)), crs=WGS84)
    return [finish_polygon(g) for g in cleaned.simplify_coverage(tolerance)]


def simplify_coverage_two_zones(
    geoms: Sequence[BaseGeometry],
    zone: BaseGeometry,
    near: float = ADMIN_TOLERANCE,
    far: float = FAR_TOLERANCE,
) -> list[BaseGeometry]:
    """Simplify a coverage finely inside `zone` and coarsely outside it, keeping shared borders shared.

    Each polygon is cut at the zone outline; the pieces form one coverage, simplified twice (nodes, and the
    straight cut edges between them, come out the same both times); each polygon is then reassembled from its
    inside pieces of the fine run and its outside pieces of the coarse run.
    """
    pieces: list[BaseGeometry] = []
    owners: list[tuple[int, bool]] = []
    for index, geom in enumerate(geoms):
        for inside, part in ((True, geom.intersection(zone)), (False, geom.difference(zone))):
            part = polygonal_part(part)
            if not part.is_empty:
                pieces.append(part)
                owners.append((index, inside))
    cleaned = gpd.GeoSeries(shapely.coverage_clean(pieces), crs=WGS84)
    fine = list(cleaned.simplify_coverage(near))
    coarse = list(cleaned.simplify_coverage(far))
    result: list[BaseGeometry] = []
    for index in range(len(geoms)):
        parts = [fine[i] if inside else coarse[i] for i, (owner, inside) in enumerate(owners) if owner == index]
        result.append(finish_polygon(shapely.union_all(parts)))
    return result


def detail_zone(regions: Sequence[BaseGeometry], margin: float = DETAIL_MARGIN) -> BaseGeometry:
    """The union of the regions' bounding boxes grown by `margin` degrees."""
    boxes = [shapely.box(*g.bounds).buffer(margin, join_style="mitre") for g in regions]
    return shapely.union_all(boxes)


def simplify_line(geom: BaseGeometry, tolerance: float = RIVER_TOLERANCE) -> BaseGeometry:
    """Douglas–Peucker simplify a line, then round it."""
    simplified = gpd.GeoSeries([geom], crs=WGS84).simplify(tolerance, preserve_topology=True).iloc[0]
    return round_geometry(simplified)


def equal_area_crs(geom: BaseGeometry) -> CRS:
    """A Lambert azimuthal equal-area CRS centred on the geometry (metres)."""
    centre = geom.centroid
    return CRS.from_proj4(f"+proj=laea +lat_0={centre.y:.4f} +lon_0={centre.x:.4f} +datum=WGS84 +units=m +no_defs")


def area_km2(geom: BaseGeometry) -> float:
    """Area in km², measured with geopandas in a Lambert azimuthal equal-area projection centred on the geometry."""
    return float(gpd.GeoSeries([geom], crs=WGS84).to_crs(equal_area_crs(geom)).area.iloc[0]) / 1e6


def length_km(geom: BaseGeometry) -> float:
    """Length in km, measured with geopandas in an azimuthal equidistant projection centred on the geometry."""
    centre = geom.centroid
    aeqd = CRS.from_proj4(f"+proj=aeqd +lat_0={centre.y:.4f} +lon_0={centre.x:.4f} +datum=WGS84 +units=m +no_defs")
    return float(gpd.GeoSeries([geom], crs=WGS84).to_crs(aeqd).length.iloc[0]) / 1000


def point_on_line_near(line: BaseGeometry, place: Point) -> Point:
    """The point of `line` nearest to `place`, rounded."""
    return round_geometry(line.interpolate(line.project(place)))


def spread_points(polygon: BaseGeometry, step: float = SPREAD_STEP, inset: float = SPREAD_INSET) -> Iterator[Point]:
    """Endless, deterministic points inside `polygon`, spiralling out from its representative point.

    A Vogel (sunflower) spiral: the j-th candidate lies step·√j degrees from the centre at j golden angles;
    candidates not at least `inset` degrees inside the polygon are skipped. Points already handed out never
    move when more are asked for.
    """
    inner = polygon.buffer(-inset)
    if inner.is_empty:
        inner = polygon
    shapely.prepare(inner)
    centre = polygon.representative_point()
    for j in range(_MAX_SPIRAL_STEPS):
        radius, angle = step * math.sqrt(j), j * _GOLDEN_ANGLE
        x = round(centre.x + radius * math.sin(angle), DECIMALS)
        y = round(centre.y + radius * math.cos(angle), DECIMALS)
        candidate = Point(x, y)
        if inner.contains(candidate):
            yield candidate
    raise ValueError("no room left in the polygon for another region-wide point")


def _round_nested(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        if value and isinstance(value[0], (int, float)):
            return [round(float(v), DECIMALS) for v in value]
        return [_round_nested(v) for v in value]
    return value


def geometry_json(geom: BaseGeometry) -> dict[str, Any]:
    """A GeoJSON geometry object with coordinates as lists of rounded floats."""
    raw = mapping(geom)
    return {"type": raw["type"], "coordinates": _round_nested(raw["coordinates"])}
