"""The build itself: from `geodata/sources/` and `geodata/content/` to the bytes of every shipped file."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from veta.build.anchors import PLACE_ALIASES, RIVER_ALIASES, NamedGeometries, Resolver
from veta.build.features import (
    context_feature,
    feature,
    layer_features,
    read_specs,
    region_feature,
)
from veta.build.geometry import detail_zone, simplify_coverage, simplify_coverage_two_zones, simplify_line
from veta.build.land import land_features, place_features
from veta.build.package import datapackage
from veta.build.scopes import scope_features
from veta.build.sources import (
    ADMIN0,
    ADMIN1,
    FOCUS_ADM1,
    NE_ANDES,
    PLACE_RESOURCES,
    RIVER_RESOURCES,
    SourceFeature,
    read_all_sources,
    source_path,
)
from veta.files import replace_atomically
from veta.layers import LAYERS, REGION_IDS
from veta.problems import Problem, display_path

OUTPUT_FILES: tuple[str, ...] = (
    "regions.geojson",
    "scopes.geojson",
    "context.geojson",
    *(f"{layer}.geojson" for layer in LAYERS),
    "datapackage.json",
)
"""Every file the build writes, relative to the geodata folder."""


class BuildError(Exception):
    """The content cannot be built; `errors` lists every problem (file: feature id: message)."""

    def __init__(self, errors: list[Problem]):
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class BuildResult:
    """What a build would write, and notes for the user (such as missing content files)."""

    files: dict[str, bytes]
    notes: list[str] = field(default_factory=list)


def feature_collection(features: list[dict[str, Any]]) -> bytes:
    """GeoJSON bytes: compact, one feature per line, UTF-8, stable."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    body = "\n" + ",\n".join(lines) + "\n" if lines else ""
    return ('{"type":"FeatureCollection","features":[' + body + "]}\n").encode("utf-8")


def _admin1(sources: dict[str, list[SourceFeature]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict]:
    """Region features, neighbour context features, and the shipped region polygons by id."""
    units = sources[ADMIN1]
    simplified = simplify_coverage([u.geometry for u in units])
    by_code = {u.properties["adm1_code"]: (u, g) for u, g in zip(units, simplified, strict=True)}
    polygons = {rid: by_code[FOCUS_ADM1[rid]][1] for rid in REGION_IDS}
    regions = [region_feature(rid, *by_code[FOCUS_ADM1[rid]]) for rid in REGION_IDS]
    focus_codes = set(FOCUS_ADM1.values())
    neighbours = [
        context_feature(u, g, "admin1")
        for u, g in zip(units, simplified, strict=True)
        if u.properties["adm1_code"] not in focus_codes
    ]
    return regions, neighbours, polygons


def _countries(sources: dict[str, list[SourceFeature]]) -> list[dict[str, Any]]:
    """Country features: fine near the focus regions, coarse far from them."""
    focus_codes = set(FOCUS_ADM1.values())
    zone = detail_zone([u.geometry for u in sources[ADMIN1] if u.properties["adm1_code"] in focus_codes])
    countries = sources[ADMIN0]
    simplified = simplify_coverage_two_zones([c.geometry for c in countries], zone)
    return [context_feature(c, g, "admin0") for c, g in zip(countries, simplified, strict=True)]


def _scopes(sources: dict[str, list[SourceFeature]]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Scope features (the Andean countries' outline; worldwide with no geometry) and each scope's source."""
    scopes = scope_features(sources[NE_ANDES])
    built = [feature(props, geom, props["id"]) for props, geom in scopes]
    return built, {props["id"]: props["geometry_source"] for props, _ in scopes}


def _resolver(sources: dict[str, list[SourceFeature]], areas: dict[str, str]) -> Resolver:
    places = NamedGeometries.build(
        "place", [(r, f.properties["name"], f.geometry) for r in PLACE_RESOURCES for f in sources[r]], PLACE_ALIASES
    )
    rivers = NamedGeometries.build(
        "river",
        [(r, f.properties["name"], simplify_line(f.geometry)) for r in RIVER_RESOURCES for f in sources[r]],
        RIVER_ALIASES,
    )
    return Resolver(places, rivers, areas)


def _layers(
    geodata_dir: Path, resolver: Resolver, notes: list[str]
) -> tuple[dict[str, bytes], dict[str, list[str]], list[Problem]]:
    """Every thematic layer's bytes, the resources its geometries use, and all content errors."""
    files: dict[str, bytes] = {}
    used: dict[str, list[str]] = {}
    errors: list[Problem] = []
    for layer in LAYERS:
        path = geodata_dir / "content" / f"{layer}.json"
        specs, read_errors = read_specs(path)
        errors += read_errors
        if specs is None and not read_errors:
            notes.append(f"{display_path(path)} not found: writing an empty {layer}.geojson")
        features, layer_errors = layer_features(specs or [], resolver, display_path(path))
        errors += layer_errors
        files[f"{layer}.geojson"] = feature_collection(features)
        used[layer] = sorted({f["properties"]["geometry_source"] for f in features})
    return files, used, errors


def build_geodata(geodata_dir: Path) -> BuildResult:
    """Build every output file in memory; BuildError if a source extract is missing, unreadable or empty, or
    if any content feature cannot be placed (each problem names the file and the feature)."""
    sources, source_problems = read_all_sources(geodata_dir)
    if source_problems:
        raise BuildError(source_problems)
    regions, neighbours, polygons = _admin1(sources)
    scopes, scope_sources = _scopes(sources)
    notes: list[str] = []
    files = {
        "regions.geojson": feature_collection(regions),
        "scopes.geojson": feature_collection(scopes),
        "context.geojson": feature_collection(
            _countries(sources) + neighbours + land_features(sources, polygons) + place_features(sources, polygons)
        ),
    }
    areas = {rid: ADMIN1 for rid in REGION_IDS} | scope_sources
    layer_files, used, errors = _layers(geodata_dir, _resolver(sources, areas), notes)
    if errors:
        raise BuildError(errors)
    files.update(layer_files)
    source_bytes = {name: source_path(geodata_dir, name).read_bytes() for name in sources}
    package = datapackage(source_bytes, files, used)
    files["datapackage.json"] = (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return BuildResult(files, notes)


def write_files(geodata_dir: Path, files: dict[str, bytes]) -> list[str]:
    """Write the files that changed, each atomically (a server starting mid-build reads the old file or the new one,
    never half of one); return their names."""
    changed = stale_files(geodata_dir, files)
    for name in changed:
        replace_atomically(geodata_dir / name, lambda path, content=files[name]: path.write_bytes(content))
    return changed


def stale_files(geodata_dir: Path, files: dict[str, bytes]) -> list[str]:
    """The files whose content on disk differs from (or is missing for) what the build would write."""
    stale = []
    for name, content in files.items():
        path = geodata_dir / name
        if not path.exists() or path.read_bytes() != content:
            stale.append(name)
    return stale
