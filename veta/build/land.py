"""Land and place names for the offline basemap (`context.geojson`): nothing that is land is drawn as water.

Two kinds of land, both Natural Earth countries (via world-atlas): `role: "world"`, every country at 1:110m, for
the overview and the locators; `role: "near"`, the countries at 1:50m around the focus regions (each region's box
grown by NEAR_MARGIN_DEGREES), for the region maps beyond their detailed 1:10m context. Places (`level: "place"`)
are the gazetteers' towns around each region (those the interview and the placement notes name), one per town.
Self-contained: the pipeline appends these features to the context it already builds.
"""

from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from veta.build.features import feature
from veta.build.sources import PLACE_RESOURCES, WORLD_50M, WORLD_110M, SourceFeature

NEAR_MARGIN_DEGREES = 15.0
"""How far around each focus region the 1:50m land is kept (region maps cannot be panned farther)."""
NEAR_TOLERANCE = 0.02
"""Simplification of the 1:50m land (degrees, ≈2 km), shared borders kept."""
WORLD_TOLERANCE = 0.1
PLACE_MARGIN_DEGREES = 3.0
"""Places within this distance of a focus region's box are labelled on its map."""
SAME_TOWN_DEGREES = 0.02
"""Two gazetteer points closer than this are one town (the first gazetteer's name is kept)."""
SAME_NAME_DEGREES = 0.2
"""Two gazetteer points of one name (letters only, any case: Putao, Puta-O) this close are one town."""


def _valid(geom: BaseGeometry) -> BaseGeometry:
    return geom if geom.is_valid else shapely.make_valid(geom)


def _polygons(geom: BaseGeometry) -> BaseGeometry:
    """Only the polygonal parts of a geometry (clipping can leave lines and points on a box's edge), without
    any part that wraps the antimeridian (Fiji, Chukotka and Antarctica as shipped: drawn, they band the world)."""
    parts = [
        part
        for g in getattr(geom, "geoms", [geom])
        if g.geom_type in ("Polygon", "MultiPolygon")
        for part in getattr(g, "geoms", [g])
        if part.bounds[2] - part.bounds[0] < 180
    ]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _simplified(geoms: list[BaseGeometry], tolerance: float) -> list[BaseGeometry]:
    try:  # shared borders stay shared
        return list(shapely.coverage_simplify(geoms, tolerance))
    except Exception:  # not a clean coverage: each on its own
        return [shapely.simplify(g, tolerance, preserve_topology=True) for g in geoms]


def _land(props: dict[str, Any], geom: BaseGeometry, role: str, source: str) -> dict[str, Any]:
    name = props["name"]
    return feature(
        {"name": name, "country": name, "level": "land", "role": role, "geometry_source": source},
        shapely.set_precision(geom, 0.001 if role == "near" else 0.01),
    )


def _grown(geom: BaseGeometry, degrees: float) -> BaseGeometry:
    west, south, east, north = geom.bounds
    return box(west - degrees, max(-90.0, south - degrees), east + degrees, min(90.0, north + degrees))


def land_features(sources: dict[str, list[SourceFeature]], regions: dict[str, BaseGeometry]) -> list[dict[str, Any]]:
    """World land (1:110m) and the land around the focus regions (1:50m), as context features."""
    out: list[dict[str, Any]] = []
    world = [(c.properties, _polygons(_valid(c.geometry))) for c in sources[WORLD_110M]]
    world = [(p, g) for p, g in world if not g.is_empty]
    for (props, _), geom in zip(world, _simplified([g for _, g in world], WORLD_TOLERANCE), strict=True):
        if not geom.is_empty:
            out.append(_land(props, geom, "world", WORLD_110M))
    area = shapely.union_all([_grown(g, NEAR_MARGIN_DEGREES) for g in regions.values()])
    near = []
    for country in sources[WORLD_50M]:
        geom = _valid(country.geometry)
        if geom.intersects(area):
            clipped = _polygons(geom.intersection(area))
            if not clipped.is_empty:
                near.append((country.properties, clipped))
    for (props, _), geom in zip(near, _simplified([g for _, g in near], NEAR_TOLERANCE), strict=True):
        if not geom.is_empty:
            out.append(_land(props, geom, "near", WORLD_50M))
    return out


def _letters(name: str) -> str:
    return "".join(c for c in name.casefold() if c.isalpha())


def place_features(sources: dict[str, list[SourceFeature]], regions: dict[str, BaseGeometry]) -> list[dict[str, Any]]:
    """The gazetteers' towns around each focus region, one point per town, for the maps' labels."""
    out: list[dict[str, Any]] = []
    kept: list[tuple[str, BaseGeometry]] = []
    for region_id, region in regions.items():
        around = _grown(region, PLACE_MARGIN_DEGREES)
        for resource in PLACE_RESOURCES:
            for place in sources[resource]:
                point, key = place.geometry, _letters(place.properties["name"])
                if not around.contains(point) or any(
                    point.distance(k) < SAME_TOWN_DEGREES or (name == key and point.distance(k) < SAME_NAME_DEGREES)
                    for name, k in kept
                ):
                    continue
                kept.append((key, point))
                props = {
                    "name": place.properties["name"],
                    "country": place.properties.get("country_code") or place.properties.get("adm0_a3") or "",
                    "level": "place",
                    "role": "town",
                    "region": region_id,
                    "geometry_source": resource,
                }
                out.append(feature(props, shapely.set_precision(point, 0.0001)))
    return out
