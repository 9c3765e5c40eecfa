"""`geodata/scopes.geojson`: the scopes beyond the focus regions — the Andean countries and worldwide."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from veta.build.geometry import FAR_TOLERANCE, finish_polygon, polygonal_part
from veta.build.sources import ANDES_COUNTRIES, NE_ANDES, SourceFeature

ANDES_TOLERANCE = FAR_TOLERANCE
"""Douglas–Peucker tolerance in degrees for the Andean outline (≈2 km: it is drawn at country zoom or smaller)."""

SCOPES_RESOURCE = "scopes"
"""The data package resource of `scopes.geojson`; the worldwide scope's features name it as their source."""


def andes_outline(countries: Sequence[SourceFeature], tolerance: float = ANDES_TOLERANCE) -> BaseGeometry:
    """The union of the Andean countries' outlines (repaired, simplified, rounded); ValueError if one is missing."""
    by_name = {c.properties.get("name"): c.geometry for c in countries}
    missing = [name for name in ANDES_COUNTRIES if name not in by_name]
    if missing:
        raise ValueError(f"{NE_ANDES} lacks {', '.join(missing)}")
    union = shapely.union_all([shapely.make_valid(by_name[name]) for name in ANDES_COUNTRIES])
    simplified = shapely.simplify(polygonal_part(union), tolerance, preserve_topology=True)
    return finish_polygon(simplified)


def scope_features(countries: Sequence[SourceFeature]) -> list[tuple[dict[str, Any], BaseGeometry | None]]:
    """(properties, geometry) of each scope, in `veta.layers.SCOPE_IDS` order; worldwide has no geometry."""
    return [
        (
            {
                "id": "andes",
                "name": "The Andean countries",
                "countries": list(ANDES_COUNTRIES),
                "geometry_source": NE_ANDES,
            },
            andes_outline(countries),
        ),
        ({"id": "world", "name": "Worldwide", "countries": [], "geometry_source": SCOPES_RESOURCE}, None),
    ]
