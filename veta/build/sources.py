"""The source extracts in `geodata/sources/`: their resource names, files and readers.

Extracts are read with geopandas through pyogrio (GDAL). A missing, unreadable or empty extract, a feature without
a geometry or without a property the build needs, is a `Problem` naming the file and the feature — never a
traceback.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
from pyogrio.errors import DataLayerError, DataSourceError
from shapely.geometry.base import BaseGeometry

from veta.problems import Problem, display_path

ADMIN1 = "naturalearth-admin1"
ADMIN0 = "naturalearth-admin0"
NE_RIVERS = "naturalearth-rivers"
GSHHG_RIVERS = "gshhg-wdbii-rivers"
GEONAMES_PLACES = "geonames-places"
NE_PLACES = "naturalearth-places"
MIMU_PLACES = "mimu-places"
NE_ANDES = "naturalearth-andes-countries"
WORLD_110M = "naturalearth-countries-110m"
WORLD_50M = "naturalearth-countries-50m-near"

SOURCE_FILES: dict[str, str] = {
    ADMIN1: "admin1_naturalearth.geojson",
    ADMIN0: "admin0_naturalearth.geojson",
    NE_RIVERS: "rivers_naturalearth.geojson",
    GSHHG_RIVERS: "rivers_gshhg_wdbii.geojson",
    GEONAMES_PLACES: "places_geonames.geojson",
    NE_PLACES: "places_naturalearth.geojson",
    MIMU_PLACES: "places_mimu_myanmar-geography-json.geojson",
    NE_ANDES: "countries_andes_naturalearth_50m.geojson",
    WORLD_110M: "countries_naturalearth_110m.geojson",
    WORLD_50M: "countries_near_focus_naturalearth_50m.geojson",
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

REQUIRED_PROPERTIES: dict[str, tuple[str, ...]] = {
    ADMIN1: ("name", "adm1_code", "country", "role"),
    ADMIN0: ("name", "role"),
    NE_RIVERS: ("name",),
    GSHHG_RIVERS: ("name",),
    GEONAMES_PLACES: ("name",),
    NE_PLACES: ("name",),
    MIMU_PLACES: ("name",),
    NE_ANDES: ("name",),
    WORLD_110M: ("name",),
    WORLD_50M: ("name",),
}
"""The properties the build reads from each extract's features."""

GEOMETRY_TYPES: dict[str, tuple[str, ...]] = {
    ADMIN1: ("Polygon", "MultiPolygon"),
    ADMIN0: ("Polygon", "MultiPolygon"),
    NE_RIVERS: ("LineString", "MultiLineString"),
    GSHHG_RIVERS: ("LineString", "MultiLineString"),
    GEONAMES_PLACES: ("Point",),
    NE_PLACES: ("Point",),
    MIMU_PLACES: ("Point",),
    NE_ANDES: ("Polygon", "MultiPolygon"),
    WORLD_110M: ("Polygon", "MultiPolygon"),
    WORLD_50M: ("Polygon", "MultiPolygon"),
}


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


def _native(value: Any) -> Any:
    """A property value as plain Python: missing values (NaN, NaT) as None."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # a numpy scalar
        return value.item()
    return value


def _label(properties: dict[str, Any], index: int) -> str:
    name = properties.get("name")
    return name if isinstance(name, str) and name else f"#{index}"


def read_source(geodata_dir: Path, resource: str) -> tuple[list[SourceFeature], list[Problem]]:
    """Read one source extract (in file order) with geopandas/pyogrio; problems name the file and feature."""
    path = source_path(geodata_dir, resource)
    where = display_path(path)
    if not path.is_file():
        return [], [Problem(where, "-", f"source extract of {resource} is missing")]
    try:
        frame = gpd.read_file(path, engine="pyogrio")
    except (DataSourceError, DataLayerError, OSError, ValueError) as error:
        return [], [Problem(where, "-", f"not a readable GeoJSON source extract: {' '.join(str(error).split())}")]
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        return [], [Problem(where, "-", f"expected WGS84 longitude/latitude (EPSG:4326), got {frame.crs}")]
    if len(frame) == 0:
        return [], [Problem(where, "-", f"source extract of {resource} has no features")]
    features: list[SourceFeature] = []
    problems: list[Problem] = []
    columns = [c for c in frame.columns if c != frame.geometry.name]
    for index, (row, geom) in enumerate(zip(frame[columns].to_dict("records"), frame.geometry, strict=True)):
        properties = {key: _native(value) for key, value in row.items()}
        label = _label(properties, index)
        missing = [key for key in REQUIRED_PROPERTIES[resource] if properties.get(key) in (None, "")]
        if missing:
            problems.append(Problem(where, label, f"feature has no {', '.join(missing)}"))
        elif geom is None or geom.is_empty:
            problems.append(Problem(where, label, "feature has no geometry"))
        elif geom.geom_type not in GEOMETRY_TYPES[resource]:
            expected = " or ".join(GEOMETRY_TYPES[resource])
            problems.append(Problem(where, label, f"geometry is a {geom.geom_type}, expected {expected}"))
        else:
            features.append(SourceFeature(properties, geom))
    return features, problems


def read_all_sources(geodata_dir: Path) -> tuple[dict[str, list[SourceFeature]], list[Problem]]:
    """Read every source extract, keyed by resource name, and every problem found in any of them."""
    sources: dict[str, list[SourceFeature]] = {}
    problems: list[Problem] = []
    for name in SOURCE_FILES:
        sources[name], found = read_source(geodata_dir, name)
        problems += found
    if not problems:
        codes = {f.properties["adm1_code"] for f in sources[ADMIN1]}
        for region_id, code in FOCUS_ADM1.items():
            if code not in codes:
                where = display_path(source_path(geodata_dir, ADMIN1))
                problems.append(
                    Problem(where, region_id, f"no admin-1 unit with adm1_code {code} (region {region_id})")
                )
    return sources, problems
