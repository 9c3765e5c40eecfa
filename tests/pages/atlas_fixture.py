"""A small, valid geodata folder for tests: three box regions, a few features, one full of hostile text.

Built in a temporary folder; the real seed is used as is. `HOSTILE` strings must show as literal text
everywhere Veta renders them.
"""

from __future__ import annotations

import json
from pathlib import Path

from veta.seed import load_seed

HOSTILE_NAME = "<img src=x onerror=alert(1)> **bold** [x](javascript:alert(1)) ${evil} `tick` & done"
HOSTILE_SUMMARY = "<script>alert('summary')</script> {braces} \\ back & more"
HOSTILE_NOTE = "</div><b>not bold</b> <mark>fake</mark>"
HOSTILE_CAVEAT = "'single' <i>not italic</i> $HOME"
HOSTILE_ID = "hostile-harm"

BOXES = {
    "choco": ("Chocó", "Colombia", (-77.9, 4.0, -76.0, 8.9)),
    "madre-de-dios": ("Madre de Dios", "Peru", (-72.5, -13.5, -68.6, -9.8)),
    "kachin": ("Kachin State", "Myanmar", (96.0, 23.5, 98.8, 28.5)),
}


def _box(minx: float, miny: float, maxx: float, maxy: float) -> dict:
    return {
        "type": "Polygon",
        "coordinates": [[[minx, miny], [maxx, miny], [maxx, maxy], [minx, maxy], [minx, miny]]],
    }


def _point(lon: float, lat: float) -> dict:
    return {"type": "Point", "coordinates": [lon, lat]}


def _feature(
    fid: str, region: str, name: str, kind: str, quotes: list[str], geometry: dict | None, **extra: str
) -> dict:
    props = {
        "id": fid,
        "region": region,
        "name": name,
        "kind": kind,
        "summary": extra.get("summary", f"Test summary of {name}."),
        "evidence": [{"exact": q} for q in quotes],
        "precision": extra.get("precision", "approximate"),
        "placement_note": extra.get("placement_note", "Placed in the test box."),
        "geometry_source": "test-shapes",
    }
    for key in ("named_place", "inferred_source", "caveat"):
        if key in extra:
            props[key] = extra[key]
    return {"type": "Feature", "properties": props, "geometry": geometry}


LAYER_FEATURES: dict[str, list[dict]] = {
    "minerals": [
        _feature(
            "kachin-jade",
            "kachin",
            "Jade, amber, gold and rare earths",
            "jade",
            ["We have jade, amber, gold and rare earth minerals mining, all in the same landscape."],
            None,
            precision="region",
        ),
    ],
    "rivers": [
        _feature(
            "atrato-river",
            "choco",
            "Atrato River",
            "river",
            ["The Atrato is one of the few rivers in the world that has gained personhood rights"],
            {"type": "LineString", "coordinates": [[-76.9, 5.6], [-77.0, 6.5], [-76.9, 8.0]]},
            precision="site",
            named_place="Atrato",
        ),
    ],
    "actors": [
        _feature(
            "mdd-catholic-church",
            "madre-de-dios",
            "Catholic church of Madre de Dios",
            "church",
            ["the local Catholic church went to the Peruvian Congress"],
            _point(-69.19, -12.59),
            named_place="Madre de Dios",
        ),
    ],
    "harms": [
        _feature(
            "kachin-floods",
            "kachin",
            "Floods and landslides",
            "flood",
            ["every rainy season in Kachin state, there are huge floods", "Landslides occur in big mines."],
            _point(97.4, 25.4),
            precision="inferred",
            inferred_source="A test point; outside knowledge, not the interview.",
            caveat="The interview does not say which rivers flood.",
        ),
        _feature(
            HOSTILE_ID,
            "choco",
            HOSTILE_NAME,
            "pollution",
            ["demanding the remediation of this river from mercury pollution"],
            _point(-76.7, 6.0),
            named_place="Atrato",
            summary=HOSTILE_SUMMARY,
            placement_note=HOSTILE_NOTE,
            caveat=HOSTILE_CAVEAT,
        ),
    ],
    "responses": [
        _feature(
            "atrato-lawsuit",
            "choco",
            "Lawsuit for the Atrato",
            "lawsuit",
            ["Local communities presented a lawsuit before the Colombian government to claim rights"],
            _point(-76.65, 5.69),
            named_place="Atrato",
        ),
    ],
}

ANDES_BOX = _box(-81.0, -23.0, -57.5, 12.5)
"""The test's Andean scope: a box around Colombia, Ecuador, Peru and Bolivia."""

CITED = {"p11", "p29", "p46", "p36"}


def build_fixture(target: Path) -> Path:
    """Write the fixture geodata folder into `target` (created) and return it."""
    target.mkdir(parents=True, exist_ok=True)
    regions = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"id": rid, "name": name, "country": country}, "geometry": _box(*bbox)}
            for rid, (name, country, bbox) in BOXES.items()
        ],
    }
    (target / "regions.geojson").write_text(json.dumps(regions), encoding="utf-8")
    scopes = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"id": "andes", "name": "The Andean countries"}, "geometry": ANDES_BOX},
            {"type": "Feature", "properties": {"id": "world", "name": "Worldwide"}, "geometry": None},
        ],
    }
    (target / "scopes.geojson").write_text(json.dumps(scopes), encoding="utf-8")
    for layer, features in LAYER_FEATURES.items():
        (target / f"{layer}.geojson").write_text(
            json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
        )
    (target / "context.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": []}))
    seed = load_seed()
    unmapped = [{"passage": p.id, "reason": f"Test reason for {p.id}."} for p in seed.passages if p.id not in CITED]
    unmapped.append({"passage": "p29", "reason": "Partly about the San Juan, which the test map leaves off."})
    (target / "unmapped.json").write_text(json.dumps(unmapped), encoding="utf-8")
    resources = [
        {
            "name": "test-shapes",
            "path": "regions.geojson",
            "title": "Test boxes <b>not bold</b>",
            "licenses": [{"name": "CC0-1.0"}],
            "sources": [{"title": "Drawn for the tests"}],
        }
    ]
    (target / "datapackage.json").write_text(json.dumps({"name": "veta-test", "resources": resources}))
    return target
