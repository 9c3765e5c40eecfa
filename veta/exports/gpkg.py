"""GeoPackage for QGIS and other GIS: one layer per map layer, the regions, and a table of every quote.

Each map layer's features carry every Feature field, `quotes` (each verbatim quote with speaker and passage),
`passage_ids`, `speakers` and `licence`. A layer mixing points and lines (a harm along a river, a harm in a
town) has geometry type GEOMETRY; QGIS lists its point and line parts as sub-layers. The `quotes` table (no
geometry) has one row per feature–quote pair with the quote's offsets into the seed text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import geopandas as gpd
import pyogrio

from veta.exports.common import CRS, credit_text, features_frame, quotes_frame, select_features
from veta.layers import LAYERS
from veta.model import Atlas

REGIONS_LAYER = "regions"
QUOTES_TABLE = "quotes"


def regions_frame(atlas: Atlas, region_id: str | None) -> gpd.GeoDataFrame:
    """The regions (all, or the one exported) as polygons with id, name and country."""
    regions = [r for r in atlas.regions if region_id is None or r.id == region_id]
    rows = [{"id": r.id, "name": r.name, "country": r.country, "area_km2": r.area_km2} for r in regions]
    return gpd.GeoDataFrame(
        rows, columns=["id", "name", "country", "area_km2"], geometry=[r.geometry for r in regions], crs=CRS
    )


def write_gpkg(atlas: Atlas, path: Path, region_id: str | None = None) -> list[str]:
    """Write the GeoPackage to `path` (replaced if it exists); return its layer names in order."""
    features = select_features(atlas, region_id)
    path.unlink(missing_ok=True)
    options = {"DESCRIPTION": credit_text()}
    # GeoPackage 1.2: GDAL writes 1.4 by default, which Debian 12's GDAL 3.6 and older QGIS warn about
    dataset = {"VERSION": "1.2"}
    written: list[str] = []
    regions = regions_frame(atlas, region_id)
    if len(regions):
        regions.to_file(
            path, layer=REGIONS_LAYER, driver="GPKG", engine="pyogrio", layer_options=options, dataset_options=dataset
        )
        written.append(REGIONS_LAYER)
    for layer in LAYERS:
        in_layer = tuple(f for f in features if f.layer == layer)
        if not in_layer:
            continue
        frame = features_frame(atlas, in_layer)
        kinds = set(frame.geom_type.dropna())  # a worldwide statement's geometry is null
        geometry_type = next(iter(kinds)) if len(kinds) == 1 else "Unknown"
        frame.to_file(
            path,
            layer=layer,
            driver="GPKG",
            engine="pyogrio",
            geometry_type=geometry_type,
            layer_options=options,
            dataset_options=None if written else dataset,
            mode="a" if written else "w",
        )
        written.append(layer)
    table = quotes_frame(atlas, features)
    pyogrio.write_dataframe(
        table,
        path,
        layer=QUOTES_TABLE,
        driver="GPKG",
        layer_options=options,
        dataset_options=None if written else dataset,
        append=bool(written),
    )
    written.append(QUOTES_TABLE)
    return written


def gpkg_bytes(atlas: Atlas, region_id: str | None = None) -> bytes:
    """The GeoPackage as bytes (written to a temporary file: SQLite needs one)."""
    with tempfile.TemporaryDirectory(prefix="veta-gpkg-") as folder:
        path = Path(folder) / "veta.gpkg"
        write_gpkg(atlas, path, region_id)
        return path.read_bytes()
