"""Loading and checking Veta's data: the seed, the geodata package and every feature's evidence.

`read_atlas` collects every problem instead of stopping at the first, so that the validator and the app's
error page can show them all; `load_atlas` raises `DataError` when there is any.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO, TypeVar

import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from veta.datafile import (
    MAX_FEATURES_PER_FILE,
    MAX_ID_CHARS,
    MAX_TEXT_CHARS,
    DataFileError,
    read_json_file,
)
from veta.evidence import Evidence, EvidenceError, resolve_selector
from veta.layers import AREA_IDS, LAYER_KINDS, PRECISIONS, REGION_IDS, SCOPE_IDS
from veta.model import Atlas, Feature, Region, Resource, UnmappedPassage
from veta.paths import GEODATA_DIR, SEED_FILENAME, SEEDS_DIR
from veta.problems import NO_FEATURE, DataError, Problem, display_path, shown
from veta.seed import Seed, SeedError, load_seed, sha256_of

NEAR_REGION_DEGREES = 0.5
"""How far (≈55 km) a feature may lie outside its region's polygon: border towns, rivers that leave it."""
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
T = TypeVar("T")
QUOTE_MARKS = ('"', "“", "”", "«", "»")
REQUIRED_TEXT = ("name", "kind", "summary", "placement_note", "geometry_source")
FEATURE_GEOMETRIES = ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
SCOPE_KINDS: dict[str, str] = {"andes": "countries", "world": "world"}
"""Each scope's `Region.kind`: the Andean countries are drawn from country outlines; worldwide has no geometry."""


class _Reader:
    """Collects problems while turning files into domain objects."""

    def __init__(self, geodata_dir: Path, seeds_dir: Path) -> None:
        self.geodata_dir = geodata_dir
        self.seeds_dir = seeds_dir
        self.problems: list[Problem] = []

    def problem(self, path: Path, feature_id: str, message: str) -> None:
        self.problems.append(Problem(display_path(path), feature_id or NO_FEATURE, message))

    def read_json(self, path: Path) -> Any | None:
        """The parsed file, or None after reporting why it could not be read (`veta.datafile`'s limits)."""
        try:
            return read_json_file(path)
        except FileNotFoundError:
            self.problem(path, NO_FEATURE, "file is missing")
        except DataFileError as error:
            self.problem(path, NO_FEATURE, str(error))
        return None

    def unexpected(self, path: Path, error: Exception) -> None:
        """Report an error no check foresaw while reading `path`, as a problem with that file (never a traceback)."""
        self.problem(path, NO_FEATURE, f"unexpected content, cannot be read ({type(error).__name__}: {error})")

    def read_features(self, path: Path) -> Iterator[tuple[str, dict, dict]]:
        """Yield (feature id, properties, geometry) of each feature of a GeoJSON FeatureCollection."""
        data = self.read_json(path)
        if data is None:
            return
        if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
            self.problem(path, NO_FEATURE, 'not a GeoJSON FeatureCollection (expected "type": "FeatureCollection")')
            return
        features = data.get("features")
        if not isinstance(features, list):
            self.problem(path, NO_FEATURE, "FeatureCollection has no 'features' list")
            return
        if len(features) > MAX_FEATURES_PER_FILE:
            self.problem(path, NO_FEATURE, f"too many features: {len(features)} (at most {MAX_FEATURES_PER_FILE})")
            return
        for index, item in enumerate(features):
            if not isinstance(item, dict) or item.get("type") != "Feature":
                self.problem(path, f"#{index}", "not a GeoJSON Feature")
                continue
            props = item.get("properties")
            if not isinstance(props, dict):
                self.problem(path, f"#{index}", "feature has no 'properties' object")
                continue
            feature_id = props.get("id")
            if not isinstance(feature_id, str) or not feature_id:
                self.problem(path, f"#{index}", "feature has no 'id' property")
                continue
            if len(feature_id) > MAX_ID_CHARS:
                self.problem(path, f"#{index}", f"id too long: {len(feature_id)} characters (at most {MAX_ID_CHARS})")
                continue
            too_long = [key for key, value in props.items() if isinstance(value, str) and len(value) > MAX_TEXT_CHARS]
            if too_long:
                self.problem(
                    path, feature_id, f"text too long in {', '.join(too_long)} (at most {MAX_TEXT_CHARS} characters)"
                )
                continue
            yield feature_id, props, item.get("geometry")

    def geometry(self, path: Path, feature_id: str, raw: object, allowed: tuple[str, ...]) -> BaseGeometry | None:
        """A valid shapely geometry of an allowed type, or None after reporting what is wrong."""
        if not isinstance(raw, dict):
            self.problem(path, feature_id, "feature has no geometry")
            return None
        try:
            geom = shape(raw)
        except Exception as error:  # shapely raises several types for malformed GeoJSON
            self.problem(path, feature_id, f"invalid geometry: cannot be read ({error})")
            return None
        if geom.geom_type not in allowed:
            self.problem(path, feature_id, f"invalid geometry: {geom.geom_type}, expected one of {', '.join(allowed)}")
            return None
        if geom.is_empty:
            self.problem(path, feature_id, "invalid geometry: empty")
            return None
        if not geom.is_valid:
            self.problem(path, feature_id, f"invalid geometry: {shapely.is_valid_reason(geom)}")
            return None
        minx, miny, maxx, maxy = geom.bounds
        if minx < -180 or maxx > 180 or miny < -90 or maxy > 90:
            self.problem(path, feature_id, "invalid geometry: coordinates outside lon/lat range (expected EPSG:4326)")
            return None
        return geom


def _list_of(value: object) -> list:
    """`value` if it is a list, else an empty one (the check that follows reports what is missing)."""
    return value if isinstance(value, list) else []


def _read_resources(reader: _Reader) -> tuple[Resource, ...]:
    path = reader.geodata_dir / "datapackage.json"
    data = reader.read_json(path)
    if data is None:
        return ()
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list):
        reader.problem(path, NO_FEATURE, "not a data package: expected a 'resources' list")
        return ()
    resources: list[Resource] = []
    for index, item in enumerate(data["resources"]):
        name = item.get("name") if isinstance(item, dict) else None
        if not isinstance(name, str) or not name:
            reader.problem(path, f"resource #{index}", "resource has no name")
            continue
        res_path = item.get("path")
        if not isinstance(res_path, str) or not res_path:
            reader.problem(path, name, "resource has no path")
            continue
        if len(name) > MAX_ID_CHARS or len(res_path) > MAX_ID_CHARS:
            reader.problem(path, f"resource #{index}", f"resource name or path too long (at most {MAX_ID_CHARS})")
            continue
        if not (reader.geodata_dir / res_path).exists():
            reader.problem(path, name, f"resource file {res_path} does not exist")
        licenses = tuple(
            str(lic.get("name") or lic.get("title"))
            for lic in _list_of(item.get("licenses"))
            if isinstance(lic, dict) and (lic.get("name") or lic.get("title"))
        )
        if not licenses:
            reader.problem(path, name, "resource names no licence (expected 'licenses' with a name)")
        sources = tuple(
            str(src.get("title") or src.get("path") or src.get("url"))
            for src in _list_of(item.get("sources"))
            if isinstance(src, dict) and (src.get("title") or src.get("path") or src.get("url"))
        )
        if not sources:
            reader.problem(path, name, "resource names no source (expected 'sources' with a title)")
        resources.append(Resource(name, res_path, str(item.get("title") or name), licenses, sources))
    return tuple(resources)


def _check_seed_hash(reader: _Reader, seed: Seed) -> None:
    meta_path = reader.seeds_dir / "datapackage.json"
    meta = reader.read_json(meta_path)
    if meta is None:
        return
    if not isinstance(meta, dict) or not isinstance(meta.get("resources"), list):
        reader.problem(meta_path, NO_FEATURE, "not a data package: expected a 'resources' list")
        return
    expected = None
    for item in meta["resources"]:
        if isinstance(item, dict) and item.get("path") == SEED_FILENAME:
            recorded = item.get("hash")
            if recorded is not None and not isinstance(recorded, str):
                reader.problem(
                    meta_path, SEED_FILENAME, f"the seed's hash must be text ('sha256:…'), not {shown(recorded)}"
                )
                return
            expected = (recorded or "").removeprefix("sha256:")
    if not expected:
        reader.problem(meta_path, SEED_FILENAME, "no sha256 hash recorded for the seed")
    elif expected != sha256_of(seed.path):
        reader.problem(seed.path, NO_FEATURE, f"seed text changed: SHA-256 {seed.sha256}, expected {expected}")


def _read_regions(reader: _Reader) -> tuple[Region, ...]:
    path = reader.geodata_dir / "regions.geojson"
    regions: list[Region] = []
    for region_id, props, raw in reader.read_features(path):
        if region_id not in REGION_IDS:
            reader.problem(path, region_id, f"unknown region id (expected one of {', '.join(REGION_IDS)})")
            continue
        if any(r.id == region_id for r in regions):
            reader.problem(path, region_id, "duplicate region id")
            continue
        geom = reader.geometry(path, region_id, raw, ("Polygon", "MultiPolygon"))
        if geom is None:
            continue
        regions.append(
            Region(
                id=region_id,
                name=str(props.get("name") or region_id),
                country=str(props.get("country") or ""),
                geometry=geom,
                area_km2=props.get("area_km2"),
                official_area_km2=props.get("official_area_km2"),
            )
        )
    if regions or not reader.problems:
        for missing in sorted(set(REGION_IDS) - {r.id for r in regions}):
            reader.problem(path, missing, "region is missing")
    order = {rid: i for i, rid in enumerate(REGION_IDS)}
    return tuple(sorted(regions, key=lambda r: order[r.id]))


def _read_scopes(reader: _Reader) -> tuple[Region, ...]:
    """The scopes of `scopes.geojson`: the Andean countries (a polygon) and worldwide (geometry null)."""
    path = reader.geodata_dir / "scopes.geojson"
    scopes: list[Region] = []
    seen: set[str] = set()
    before = len(reader.problems)
    for scope_id, props, raw in reader.read_features(path):
        seen.add(scope_id)
        if scope_id not in SCOPE_IDS:
            reader.problem(path, scope_id, f"unknown scope id (expected one of {', '.join(SCOPE_IDS)})")
            continue
        if any(s.id == scope_id for s in scopes):
            reader.problem(path, scope_id, "duplicate scope id")
            continue
        kind = SCOPE_KINDS[scope_id]
        geom: BaseGeometry | None = None
        if kind == "world":
            if raw is not None:
                reader.problem(path, scope_id, 'the worldwide scope has no geometry (expected "geometry": null)')
                continue
        else:
            geom = reader.geometry(path, scope_id, raw, ("Polygon", "MultiPolygon"))
            if geom is None:
                continue
        countries = props.get("countries") or []
        country = ", ".join(str(c) for c in countries) if isinstance(countries, list) else str(countries)
        scopes.append(Region(scope_id, str(props.get("name") or scope_id), country, geom, kind=kind))
    unreadable = any(p.feature_id == NO_FEATURE for p in reader.problems[before:])
    if not unreadable:
        for missing in sorted(set(SCOPE_IDS) - seen):
            reader.problem(path, missing, "scope is missing")
    order = {sid: i for i, sid in enumerate(SCOPE_IDS)}
    return tuple(sorted(scopes, key=lambda s: order[s.id]))


def _check_place_claim(
    reader: _Reader,
    path: Path,
    feature_id: str,
    props: dict,
    precision: object,
    evidence: tuple[Evidence, ...] | None,
    seed: Seed | None,
) -> bool:
    """The precision rules of `veta.precision`: False after reporting a claim about place the data does not back.

    A site or approximate feature names the place in the interview's words (`named_place`), found verbatim in one
    of its cited passages; an inferred feature names its outside source (`inferred_source`).
    """
    if precision in ("site", "approximate"):
        named = props.get("named_place")
        if not isinstance(named, str) or not named.strip():
            reader.problem(
                path,
                feature_id,
                f"missing named place (property 'named_place'): precision {precision!r} needs the words by which "
                "the interview names the place (or use precision 'inferred' with an inferred_source)",
            )
            return False
        if evidence is None or seed is None:
            return True  # the evidence's own problems are reported already
        passage_ids = list(dict.fromkeys(e.passage_id for e in evidence))
        if not any(named in seed.passage(pid).text for pid in passage_ids):
            reader.problem(
                path,
                feature_id,
                f"named place {named!r} does not occur in its cited passages {', '.join(passage_ids)}",
            )
            return False
    elif precision == "inferred":
        source = props.get("inferred_source")
        if not isinstance(source, str) or not source.strip():
            reader.problem(
                path,
                feature_id,
                "missing inferred source (property 'inferred_source'): an inferred feature names the outside "
                "source of its placement and why",
            )
            return False
    return True


def _read_layer(
    reader: _Reader,
    layer: str,
    seed: Seed | None,
    regions: dict[str, Region],
    resource_names: set[str],
    seen_ids: dict[str, str],
) -> list[Feature]:
    path = reader.geodata_dir / f"{layer}.geojson"
    features: list[Feature] = []
    for feature_id, props, raw in reader.read_features(path):
        ok = True
        if not SLUG.match(feature_id):
            reader.problem(path, feature_id, "id must be a lowercase slug (letters, digits, hyphens)")
            ok = False
        if feature_id in seen_ids:
            reader.problem(path, feature_id, f"duplicate id (also in {seen_ids[feature_id]})")
            ok = False
        seen_ids.setdefault(feature_id, display_path(path))
        for key in REQUIRED_TEXT:
            value = props.get(key)
            if not isinstance(value, str) or not value.strip():
                reader.problem(path, feature_id, f"missing {key.replace('_', ' ')} (property '{key}')")
                ok = False
        region_id = props.get("region")
        if not isinstance(region_id, str) or region_id not in AREA_IDS:
            reader.problem(
                path, feature_id, f"unknown region {shown(region_id)} (expected one of {', '.join(AREA_IDS)})"
            )
            ok = False
        kind = props.get("kind")
        if isinstance(kind, str) and kind and kind not in LAYER_KINDS[layer]:
            reader.problem(
                path,
                feature_id,
                f"unknown kind {kind!r} for layer {layer} (expected one of {', '.join(LAYER_KINDS[layer])})",
            )
            ok = False
        precision = props.get("precision")
        if not isinstance(precision, str) or precision not in PRECISIONS:
            reader.problem(
                path, feature_id, f"bad precision {shown(precision)} (expected one of {', '.join(PRECISIONS)})"
            )
            ok = False
        elif region_id in SCOPE_IDS and precision != "region":
            reader.problem(
                path,
                feature_id,
                f"a feature of the scope {region_id} must be region-wide (precision 'region'), not {precision!r}",
            )
            ok = False
        summary = props.get("summary")
        if isinstance(summary, str) and any(mark in summary for mark in QUOTE_MARKS):
            reader.problem(
                path, feature_id, "summary contains quote marks; it must be our own words (quotes go in evidence)"
            )
            ok = False
        source = props.get("geometry_source")
        if isinstance(source, str) and source and resource_names and source not in resource_names:
            reader.problem(
                path,
                feature_id,
                f"unknown geometry_source {source!r} (expected a resource name in datapackage.json)",
            )
            ok = False
        caveat = props.get("caveat") or ""
        if not isinstance(caveat, str):
            reader.problem(path, feature_id, "caveat must be text")
            ok = False
        evidence = _read_evidence(reader, path, feature_id, props.get("evidence"), seed)
        if evidence is None:
            ok = False
        if not _check_place_claim(reader, path, feature_id, props, precision, evidence, seed):
            ok = False
        geom: BaseGeometry | None = None
        if precision == "region":
            # region-wide: no place of its own; it takes its region's (or scope's) outline, None worldwide
            if raw is not None:
                reader.problem(
                    path,
                    feature_id,
                    'a region-wide feature has no geometry of its own (expected "geometry": null; '
                    "it is shown with its region's outline)",
                )
                ok = False
            elif isinstance(region_id, str) and region_id in regions:
                geom = regions[region_id].geometry
        else:
            geom = reader.geometry(path, feature_id, raw, FEATURE_GEOMETRIES)
            if geom is None:
                ok = False
        area = regions.get(region_id) if region_id in REGION_IDS else None
        if precision != "region" and geom is not None and area is not None and area.geometry is not None:
            distance = area.geometry.distance(geom)
            if distance > NEAR_REGION_DEGREES:
                reader.problem(
                    path,
                    feature_id,
                    f"feature lies {distance:.2f}° outside its region {region_id} (at most {NEAR_REGION_DEGREES}° allowed)",
                )
                ok = False
        if ok and evidence is not None and region_id in regions:
            features.append(
                Feature(
                    id=feature_id,
                    layer=layer,
                    region=region_id,
                    name=props["name"],
                    kind=kind,
                    summary=summary,
                    evidence=evidence,
                    precision=precision,
                    placement_note=props["placement_note"],
                    geometry_source=source,
                    geometry=geom,
                    caveat=caveat,
                    named_place=_text(props.get("named_place")),
                    inferred_source=_text(props.get("inferred_source")),
                )
            )
    return features


def _text(value: object) -> str:
    """A text property's value, or "" when it is absent or not text."""
    return value if isinstance(value, str) else ""


def _read_evidence(
    reader: _Reader, path: Path, feature_id: str, raw: object, seed: Seed | None
) -> tuple[Evidence, ...] | None:
    if not isinstance(raw, list) or not raw:
        reader.problem(path, feature_id, "no evidence (expected a list of at least one quote)")
        return None
    if seed is None:
        return None
    resolved: list[Evidence] = []
    for item in raw:
        try:
            resolved.append(resolve_selector(seed, item))
        except EvidenceError as error:
            reader.problem(path, feature_id, str(error))
    return tuple(resolved) if len(resolved) == len(raw) else None


def _read_unmapped(reader: _Reader, seed: Seed | None, features: list[Feature]) -> tuple[UnmappedPassage, ...]:
    path = reader.geodata_dir / "unmapped.json"
    data = reader.read_json(path)
    if data is None:
        return ()
    if not isinstance(data, list):
        reader.problem(path, NO_FEATURE, "expected a list of {passage, reason} objects")
        return ()
    known = {p.id for p in seed.passages} if seed else set()
    items: list[UnmappedPassage] = []
    for index, item in enumerate(data):
        passage_id = item.get("passage") if isinstance(item, dict) else None
        reason = item.get("reason") if isinstance(item, dict) else None
        label = passage_id if isinstance(passage_id, str) and passage_id else f"#{index}"
        if not isinstance(passage_id, str) or (seed and passage_id not in known):
            reader.problem(path, label, "unknown passage id")
        elif not isinstance(reason, str) or not reason.strip():
            reader.problem(path, label, "missing reason")
        else:
            items.append(UnmappedPassage(passage_id, reason))
    if seed and not reader.problems:
        cited = {pid for f in features for pid in f.passage_ids}
        listed = {u.passage_id for u in items}
        for passage in seed.passages:
            if passage.id not in cited and passage.id not in listed:
                reader.problem(
                    path, passage.id, "passage is neither cited by a feature nor listed as unmapped with a reason"
                )
    return tuple(items)


def _read_context(reader: _Reader) -> dict:
    """The offline basemap (context.geojson: polygons, and town points for labels), checked like the other GeoJSON
    files; {} if it is wrong."""
    path = reader.geodata_dir / "context.geojson"
    data = reader.read_json(path)
    if data is None:
        return {}
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        reader.problem(path, NO_FEATURE, 'not a GeoJSON FeatureCollection (expected "type": "FeatureCollection")')
        return {}
    features = data.get("features")
    if not isinstance(features, list):
        reader.problem(path, NO_FEATURE, "FeatureCollection has no 'features' list")
        return {}
    if len(features) > MAX_FEATURES_PER_FILE:
        reader.problem(path, NO_FEATURE, f"too many features: {len(features)} (at most {MAX_FEATURES_PER_FILE})")
        return {}
    before = len(reader.problems)
    for index, item in enumerate(features):
        label = f"#{index}"
        if not isinstance(item, dict) or item.get("type") != "Feature":
            reader.problem(path, label, "not a GeoJSON Feature")
            continue
        props = item.get("properties")
        if not isinstance(props, dict):
            reader.problem(path, label, "feature has no 'properties' object")
            continue
        too_long = [key for key, value in props.items() if not isinstance(value, (str, int, float, bool, type(None)))]
        if too_long:
            reader.problem(path, label, f"properties must be plain values: {', '.join(map(str, too_long))}")
            continue
        if any(isinstance(value, str) and len(value) > MAX_TEXT_CHARS for value in props.values()):
            reader.problem(path, label, f"text too long (at most {MAX_TEXT_CHARS} characters)")
            continue
        # polygons (countries, admin-1 units, land) and, for the maps' labels, town points (level "place")
        allowed = ("Point",) if props.get("level") == "place" else ("Polygon", "MultiPolygon")
        reader.geometry(path, label, item.get("geometry"), allowed)
    return data if len(reader.problems) == before else {}


def _guarded(reader: _Reader, path: Path, default: T, read: Callable[..., T], *args: Any) -> T:
    """`read(reader, *args)`, or `default` after reporting anything unexpected it raised as a problem with `path`: the safety
    net under every check, so that bad data gives a problem naming its file, never a traceback."""
    try:
        return read(reader, *args)
    except Exception as error:  # noqa: BLE001 - any error while reading one file is that file's problem
        reader.unexpected(path, error)
        return default


def read_atlas(geodata_dir: Path = GEODATA_DIR, seeds_dir: Path = SEEDS_DIR) -> tuple[Atlas | None, list[Problem]]:
    """Read and check all data; return the atlas (None if anything is wrong) and every problem found."""
    reader = _Reader(Path(geodata_dir), Path(seeds_dir))
    seed: Seed | None
    try:
        seed = load_seed(reader.seeds_dir)
    except (SeedError, OSError, ValueError) as error:
        reader.problems.append(
            Problem(display_path(reader.seeds_dir / SEED_FILENAME), NO_FEATURE, str(error).split(": ", 1)[-1])
        )
        seed = None
    geodata = reader.geodata_dir
    if seed is not None:
        _guarded(reader, reader.seeds_dir / "datapackage.json", None, _check_seed_hash, seed)
    resources = _guarded(reader, geodata / "datapackage.json", (), _read_resources)
    regions = _guarded(reader, geodata / "regions.geojson", (), _read_regions)
    scopes = _guarded(reader, geodata / "scopes.geojson", (), _read_scopes)
    by_id = {r.id: r for r in (*regions, *scopes)}
    names = {r.name for r in resources}
    seen: dict[str, str] = {}
    features: list[Feature] = []
    for layer in LAYER_KINDS:
        features.extend(
            _guarded(reader, geodata / f"{layer}.geojson", [], _read_layer, layer, seed, by_id, names, seen)
        )
    unmapped = _guarded(reader, geodata / "unmapped.json", (), _read_unmapped, seed, features)
    context = _guarded(reader, geodata / "context.geojson", {}, _read_context)
    if reader.problems or seed is None:
        return None, reader.problems
    return Atlas(seed, regions, tuple(features), unmapped, resources, context, scopes), []


def load_atlas(geodata_dir: Path = GEODATA_DIR, seeds_dir: Path = SEEDS_DIR) -> Atlas:
    """The checked atlas; raises DataError listing every problem if the data is not right."""
    atlas, problems = read_atlas(geodata_dir, seeds_dir)
    if atlas is None:
        raise DataError(problems)
    return atlas


def load_atlas_for_cli(geodata_dir: Path, seeds_dir: Path, stderr: TextIO, action: str = "export") -> Atlas | None:
    """The atlas for a command-line tool, or None after printing every problem and a hint to stderr."""
    atlas, problems = read_atlas(geodata_dir, seeds_dir)
    if atlas is None:
        for problem in problems:
            print(problem, file=stderr)
        print(f"cannot {action}: {len(problems)} problem(s) in the data; run python -m veta validate", file=stderr)
    return atlas
