"""The source extracts in `geodata/sources/`: their resource names, files and readers."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

ADMIN1 = "naturalearth-admin1"
ADMIN0 = "naturalearth-admin0"
NE_RIVERS = "naturalearth-rivers"
GSHHG_RIVERS = "gshhg-wdbii-rivers"
GEONAMES_PLACES = "geonames-places"
NE_PLACES = "naturalearth-places"
MIMU_PLACES = "mimu-places"
NE_ANDES = "naturalearth-andes-countries"

SOURCE_FILES: dict[str, str] = {
    ADMIN1: "admin1_naturalearth.geojson",
    ADMIN0: "admin0_naturalearth.geojson",
    NE_RIVERS: "rivers_naturalearth.geojson",
    GSHHG_RIVERS: "rivers_gshhg_wdbii.geojson",
    GEONAMES_PLACES: "places_geonames.geojson",
    NE_PLACES: "places_naturalearth.geojson",
    MIMU_PLACES: "places_mimu_myanmar-geography-json.geojson",
    NE_ANDES: "countries_andes_naturalearth_50m.geojson",
}
"""Resource name → file name under `sources/`, in data package order."""

PLACE_RESOURCES: tuple[str, ...] = (GEONAMES_PLACES, MIMU_PLACES, NE_PLACES)
"""Gazetteers in lookup order for `{"place": …}` anchors."""

RIVER_RESOURCES: tuple[str, ...] = (GSHHG_RIVERS, NE_RIVERS)
"""River sources in lookup order: GSHHG/WDBII first when both have a river."""

FOCUS_ADM1: dict[str, str] = {"choco": "COL-1415", "madre-de-dios": "PER-572", "kachin": "MMR-3296"}
"""Veta region id → Natural Earth `adm1_code` of its admin-1 unit."""

ANDES_COUNTRIES: tuple[str, ...] = ("Colombia", "Peru", "Ecuador", "Bolivia")
"""The Andean countries the interview speaks of as a whole, by their Natural Earth names."""

FOCUS_NAME_TO_ID: dict[str, str] = {"Chocó": "choco", "Madre de Dios": "madre-de-dios", "Kachin": "kachin"}
"""The extracts' `focus_region` names → Veta region ids."""


@dataclass(frozen=True)
class SourceFeature:
    """One feature of a source extract."""

    properties: dict[str, Any]
    geometry: BaseGeometry


def sources_dir(geodata_dir: Path) -> Path:
    """The folder holding the source extracts."""
    return geodata_dir / "sources"


def source_path(geodata_dir: Path, resource: str) -> Path:
    """The file of a source resource."""
    return sources_dir(geodata_dir) / SOURCE_FILES[resource]


def read_source(geodata_dir: Path, resource: str) -> list[SourceFeature]:
    """Read one source extract as a list of features, in file order."""
    path = source_path(geodata_dir, resource)
    data = json.loads(path.read_text(encoding="utf-8"))
    return [SourceFeature(dict(f["properties"]), shape(f["geometry"])) for f in data["features"]]


def read_all_sources(geodata_dir: Path) -> dict[str, list[SourceFeature]]:
    """Read every source extract, keyed by resource name."""
    return {name: read_source(geodata_dir, name) for name in SOURCE_FILES}
