"""Small datasets for validator tests: a minimal valid copy of Veta's data that each test breaks once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from veta.layers import LAYERS
from veta.paths import GEODATA_DIR, SEEDS_DIR
from veta.seed import load_seed

QUOTE = "We have jade, amber, gold and rare earth minerals mining, all in the same landscape."
RIVER_QUOTE = "The Atrato is one of the few rivers in the world that has gained personhood rights"


def _feature(feature_id: str, region: str, kind: str, quote: str, geometry: dict, **extra: object) -> dict:
    props = {
        "id": feature_id,
        "region": region,
        "name": f"Test feature {feature_id}",
        "kind": kind,
        "summary": "A test feature in our own words.",
        "evidence": [{"exact": quote}],
        "precision": "inferred",
        "placement_note": "Placed at Myitkyina for the test, from GeoNames.",
        "inferred_source": "GeoNames town point; outside knowledge chosen for the test, not said in the interview.",
        "geometry_source": "geonames-places",
    }
    props.update(extra)
    props = {key: value for key, value in props.items() if value is not None}
    return {"type": "Feature", "properties": props, "geometry": geometry}


def write_geojson(path: Path, features: list[dict]) -> None:
    """Write a FeatureCollection."""
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), "utf-8")


def make_dataset(root: Path) -> tuple[Path, Path]:
    """Write a minimal valid dataset (an inferred mineral, a site river) under root; return (geodata_dir, seeds_dir).

    Regions are the shipped real polygons; everything else is small and made here.
    """
    geodata = root / "geodata"
    seeds = root / "seeds"
    geodata.mkdir(parents=True)
    shutil.copytree(SEEDS_DIR, seeds)
    shutil.copy(GEODATA_DIR / "regions.geojson", geodata / "regions.geojson")
    shutil.copy(GEODATA_DIR / "scopes.geojson", geodata / "scopes.geojson")
    write_geojson(geodata / "context.geojson", [])
    write_geojson(
        geodata / "minerals.geojson",
        [_feature("kachin-jade", "kachin", "jade", QUOTE, {"type": "Point", "coordinates": [97.39, 25.38]})],
    )
    write_geojson(
        geodata / "rivers.geojson",
        [
            _feature(
                "choco-atrato",
                "choco",
                "river",
                RIVER_QUOTE,
                {"type": "LineString", "coordinates": [[-76.65, 5.69], [-76.9, 8.0]]},
                precision="site",
                named_place="Atrato",
                inferred_source=None,
                geometry_source="gshhg-wdbii-rivers",
            )
        ],
    )
    for layer in LAYERS:
        if not (geodata / f"{layer}.geojson").exists():
            write_geojson(geodata / f"{layer}.geojson", [])
    seed = load_seed(seeds)
    cited = {seed.passage_at(seed.text.index(q)).id for q in (QUOTE, RIVER_QUOTE)}
    unmapped = [
        {"passage": p.id, "reason": "Not mapped in this test dataset."} for p in seed.passages if p.id not in cited
    ]
    (geodata / "unmapped.json").write_text(json.dumps(unmapped), "utf-8")
    resources = [
        {"name": name, "path": path, "licenses": [{"name": "test"}], "sources": [{"title": "test"}]}
        for name, path in [
            ("regions", "regions.geojson"),
            ("context", "context.geojson"),
            ("scopes", "scopes.geojson"),
            ("unmapped", "unmapped.json"),
            ("geonames-places", "regions.geojson"),
            ("gshhg-wdbii-rivers", "regions.geojson"),
        ]
        + [(layer, f"{layer}.geojson") for layer in LAYERS]
    ]
    (geodata / "datapackage.json").write_text(json.dumps({"resources": resources}), "utf-8")
    return geodata, seeds


def edit_feature(geodata: Path, layer: str, feature_id: str, **changes: object) -> None:
    """Change (or with value None, delete) properties of one feature; key 'geometry' replaces its geometry."""
    path = geodata / f"{layer}.geojson"
    data = json.loads(path.read_text("utf-8"))
    for feature in data["features"]:
        if feature["properties"]["id"] == feature_id:
            for key, value in changes.items():
                target = feature if key == "geometry" else feature["properties"]
                if value is None:
                    target.pop(key, None)
                else:
                    target[key] = value
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
