"""`geodata/datapackage.json`: a Frictionless Data Package describing every file Veta ships."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from veta.build.sources import (
    ADMIN0,
    ADMIN1,
    GEONAMES_PLACES,
    GSHHG_RIVERS,
    MIMU_PLACES,
    NE_ANDES,
    NE_PLACES,
    NE_RIVERS,
    PLACE_RESOURCES,
    SOURCE_FILES,
    WORLD_50M,
    WORLD_110M,
)
from veta.layers import AREA_IDS, LAYER_KINDS, PRECISIONS, REGION_IDS, SCOPE_IDS

INTERVIEW_URL = "https://www.tni.org/en/article/artisanal-and-informal-mining"
SEED_PACKAGE = "seeds/datapackage.json"
"""The interview text is a resource of its own package (the project's `seeds/`), not of this one: the Data
Package spec forbids resource paths outside the package folder (`../`), so this package cites it as a source."""
UNMAPPED_PATH = "unmapped.json"

LICENSES: dict[str, dict[str, str]] = {
    "public-domain": {
        "name": "public-domain",
        "title": "Public domain (Natural Earth terms of use); credit appreciated, not required",
        "path": "https://www.naturalearthdata.com/about/terms-of-use/",
    },
    "CC-BY-4.0": {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0; credit 'GeoNames (geonames.org), CC BY 4.0'",
        "path": "https://creativecommons.org/licenses/by/4.0/",
    },
    "LGPL-3.0-or-later": {
        "name": "LGPL-3.0-or-later",
        "title": "GNU Lesser General Public License v3.0 or later (GSHHG; WDBII itself is public domain)",
        "path": "https://www.gnu.org/licenses/lgpl-3.0.html",
    },
    "MIT-mimu": {
        "name": "MIT",
        "title": "MIT License of kyawthura-gg/myanmar-geography-json; data from MIMU, whose terms were not checked",
        "path": "https://opensource.org/license/mit",
    },
    "ISC-world-atlas": {
        "name": "ISC",
        "title": "ISC License of world-atlas 2.0.2 (the TopoJSON packaging; the Natural Earth data is public domain)",
        "path": "https://opensource.org/license/isc-license-txt",
    },
    "MIT-veta": {
        "name": "MIT",
        "title": "MIT License (Veta's own text: summaries, placement notes, reasons)",
        "path": "https://opensource.org/license/mit",
    },
    "CC-BY-NC-ND-3.0": {
        "name": "CC-BY-NC-ND-3.0",
        "title": "Creative Commons Attribution-NonCommercial-NoDerivs 3.0 (the interview, © TNI)",
        "path": "https://creativecommons.org/licenses/by-nc-nd/3.0/",
    },
}

_NE = {"title": "Natural Earth", "path": "https://www.naturalearthdata.com/"}
_NE_VIA_WORLD_ATLAS = [_NE, {"title": "world-atlas 2.0.2 (npm)", "path": "https://github.com/topojson/world-atlas"}]
"""Natural Earth countries as packaged by the npm world-atlas (the Andean, 1:110m and 1:50m extracts)."""
_INTERVIEW_SOURCE = {
    "title": "Artisanal and Informal Mining, Digging Deeper, Transnational Institute (TNI)",
    "path": INTERVIEW_URL,
}

SOURCE_META: dict[str, dict[str, Any]] = {
    ADMIN1: {
        "title": "Admin-1 units: 3 focus regions and 17 neighbours (Natural Earth 10m)",
        "description": "Polygons rebuilt from Natural Earth 10m admin-1 boundary lines cut into 10m admin-0 "
        "countries, named from admin-1 label points; neighbours clipped to each region's box + 1°.",
        "sources": [_NE],
        "licenses": ["public-domain"],
    },
    ADMIN0: {
        "title": "Countries (Natural Earth 10m admin-0 v5.1.1)",
        "description": "Colombia, Peru, Myanmar whole; Panama, Bolivia, Brazil, India, China clipped to the boxes.",
        "sources": [_NE],
        "licenses": ["public-domain"],
    },
    NE_RIVERS: {
        "title": "Rivers (Natural Earth 10m rivers and lake centerlines)",
        "description": "Atrato, Madre de Dios, Ayeyarwady (Irrawaddy), Nmai, Chindwin.",
        "sources": [_NE],
        "licenses": ["public-domain"],
    },
    GSHHG_RIVERS: {
        "title": "Rivers (GSHHG 2.3.7 full-resolution WDBII river lines)",
        "description": "San Juan, Atrato, Madre de Dios, Inambari, Mali Hka, traced through the unnamed WDBII "
        "network between known places. Roughly 1:3M; expect errors of a few km.",
        "sources": [{"title": "GSHHG 2.3.7 (Wessel & Smith)", "path": "https://www.soest.hawaii.edu/pwessel/gshhg/"}],
        "licenses": ["LGPL-3.0-or-later"],
    },
    GEONAMES_PLACES: {
        "title": "Town points (GeoNames)",
        "description": "12 towns in the three regions. Attribution required: GeoNames (geonames.org), CC BY 4.0.",
        "sources": [{"title": "GeoNames", "path": "https://www.geonames.org/"}],
        "licenses": ["CC-BY-4.0"],
    },
    NE_PLACES: {
        "title": "Town points (Natural Earth 10m populated places)",
        "description": "Quibdó, Myitkyina, Puerto Maldonado.",
        "sources": [_NE],
        "licenses": ["public-domain"],
    },
    MIMU_PLACES: {
        "title": "Kachin town points (MIMU town list via myanmar-geography-json)",
        "description": "7 towns with MIMU p-codes. Credit MIMU; MIMU's own terms of use were not checked.",
        "sources": [
            {
                "title": "kyawthura-gg/myanmar-geography-json",
                "path": "https://github.com/kyawthura-gg/myanmar-geography-json",
            },
            {"title": "Myanmar Information Management Unit (MIMU)", "path": "https://themimu.info/"},
        ],
        "licenses": ["MIT-mimu"],
    },
    NE_ANDES: {
        "title": "Countries: Colombia, Peru, Ecuador, Bolivia (Natural Earth 1:50m admin-0 via world-atlas 2.0.2)",
        "description": "The four Andean countries the interview speaks of as a whole, copied unchanged from the "
        "world countries file countries_naturalearth_50m.geojson (npm world-atlas 2.0.2, converted from TopoJSON).",
        "sources": _NE_VIA_WORLD_ATLAS,
        "licenses": ["public-domain", "ISC-world-atlas"],
    },
    WORLD_110M: {
        "title": "Countries of the world (Natural Earth 1:110m admin-0 via world-atlas 2.0.2)",
        "description": "Every country, copied unchanged from the shared extract (npm world-atlas 2.0.2, converted "
        "from TopoJSON): land under the overview and the locator maps.",
        "sources": _NE_VIA_WORLD_ATLAS,
        "licenses": ["public-domain", "ISC-world-atlas"],
    },
    WORLD_50M: {
        "title": "Countries around the focus regions (Natural Earth 1:50m admin-0 via world-atlas 2.0.2)",
        "description": "The features of the world countries file countries_naturalearth_50m.geojson that meet a "
        "focus region's bounding box grown by 16 degrees, unchanged (those that wrap the antimeridian left out): "
        "land under the region maps beyond their detailed context.",
        "sources": _NE_VIA_WORLD_ATLAS,
        "licenses": ["public-domain", "ISC-world-atlas"],
    },
}

SCOPES_PATH = "scopes.geojson"

LAYER_TITLES: dict[str, str] = {
    "minerals": "Minerals and mining sites",
    "rivers": "Rivers",
    "actors": "Actors",
    "harms": "Harms",
    "responses": "Responses",
}


def _field(name: str, type_: str, description: str, **constraints: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name, "type": type_, "description": description}
    if constraints:
        out["constraints"] = constraints
    return out


def layer_fields(layer: str) -> list[dict[str, Any]]:
    """The properties of a thematic layer's features."""
    return [
        _field("id", "string", "Unique slug across all layers", required=True, unique=True, pattern="^[a-z0-9-]+$"),
        _field("region", "string", "Focus region or scope id", required=True, enum=list(AREA_IDS)),
        _field("name", "string", "Short name shown on hover", required=True),
        _field("kind", "string", "Kind, from the layer's vocabulary", required=True, enum=list(LAYER_KINDS[layer])),
        _field("summary", "string", "One sentence in Veta's own words", required=True),
        _field(
            "evidence", "array", "W3C TextQuoteSelectors {exact, prefix?, suffix?} into the interview", required=True
        ),
        _field(
            "precision",
            "string",
            "How precisely the geometry places the text (defined in docs/data-model.md and veta/precision.py)",
            required=True,
            enum=list(PRECISIONS),
        ),
        _field("placement_note", "string", "What the text says about place, where it was put and why", required=True),
        _field("named_place", "string", "site, approximate: the words by which a cited passage names the place"),
        _field("inferred_source", "string", "inferred: the outside source of the placement, and why"),
        _field("caveat", "string", "Ambiguity or contradiction in the text: both readings"),
        _field("geometry_source", "string", "Resource the geometry derives from (set by the build)", required=True),
        _field("anchor", "object", "Where the content file asked the build to put the feature", required=True),
    ]


REGION_FIELDS: list[dict[str, Any]] = [
    _field("id", "string", "Region id", required=True, enum=list(REGION_IDS)),
    _field("name", "string", "Region name", required=True),
    _field("country", "string", "Country", required=True),
    _field("adm1_code", "string", "Natural Earth admin-1 code"),
    _field("area_km2", "integer", "Area of the shipped (simplified) polygon, Lambert azimuthal equal-area"),
    _field("official_area_km2", "integer", "Officially published area"),
    _field("area_error_pct", "number", "area_km2 against official_area_km2, in percent"),
    _field("geometry_source", "string", "Resource the geometry derives from"),
]

SCOPE_FIELDS: list[dict[str, Any]] = [
    _field("id", "string", "Scope id", required=True, enum=list(SCOPE_IDS)),
    _field("name", "string", "Scope name", required=True),
    _field("countries", "array", "The countries the scope covers (none for worldwide)"),
    _field("geometry_source", "string", "Resource the geometry derives from (worldwide: none, geometry null)"),
]

CONTEXT_FIELDS: list[dict[str, Any]] = [
    _field("name", "string", "Unit or country name", required=True),
    _field("country", "string", "Country", required=True),
    _field(
        "level",
        "string",
        "admin0 (country), admin1, land (a country of the world, coarse) or place (a town, for labels)",
        required=True,
        enum=["admin0", "admin1", "land", "place"],
    ),
    _field(
        "role",
        "string",
        "neighbour, focus_country or neighbour_country; land: world (1:110m) or near (1:50m); place: town",
        required=True,
    ),
    _field("region", "string", "The focus region it is context for", enum=list(REGION_IDS)),
    _field("clipped", "boolean", "True when cut to the region's context box"),
    _field("geometry_source", "string", "Resource the geometry derives from"),
]

UNMAPPED_FIELDS: list[dict[str, Any]] = [
    _field("passage", "string", "Passage id (p1, p2, …)", required=True),
    _field("reason", "string", "Why no feature maps it", required=True),
]


def _json_type(values: Sequence[Any]) -> str:
    types = {type(v) for v in values if v is not None}
    if types == {bool}:
        return "boolean"
    if types == {int}:
        return "integer"
    if types and types <= {int, float}:
        return "number"
    if types == {list}:
        return "array"
    if types == {dict}:
        return "object"
    return "string"


def inferred_fields(geojson: bytes) -> list[dict[str, Any]]:
    """Schema fields of a source extract: its property names in first-seen order, types from the values."""
    features = json.loads(geojson)["features"]
    names = list(dict.fromkeys(key for f in features for key in f["properties"]))
    return [{"name": n, "type": _json_type([f["properties"].get(n) for f in features])} for n in names]


def file_facts(content: bytes) -> dict[str, Any]:
    """`bytes` and `hash` of a file's content."""
    return {"bytes": len(content), "hash": "sha256:" + hashlib.sha256(content).hexdigest()}


def _geojson_resource(name: str, path: str, title: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "path": path,
        "profile": "data-resource",
        "title": title,
        "description": description,
        "format": "geojson",
        "mediatype": "application/geo+json",
        "encoding": "utf-8",
    }


def source_resource(name: str, content: bytes) -> dict[str, Any]:
    """A source extract as a resource."""
    meta = SOURCE_META[name]
    res = _geojson_resource(name, f"sources/{SOURCE_FILES[name]}", meta["title"], meta["description"])
    res.update(file_facts(content))
    res["sources"] = meta["sources"]
    res["licenses"] = [LICENSES[key] for key in meta["licenses"]]
    res["schema"] = {"fields": inferred_fields(content)}
    return res


def _derived_sources(resources: Sequence[str]) -> list[dict[str, str]]:
    """Sources entries of the resources a file derives from (a source extract, or the built scopes file)."""
    return [
        {"title": f"{r} ({SOURCE_FILES[r]})", "path": f"sources/{SOURCE_FILES[r]}"}
        if r in SOURCE_FILES
        else {"title": f"{r} ({SCOPES_PATH})", "path": SCOPES_PATH}
        for r in resources
    ]


def _licenses_of(resources: Sequence[str]) -> list[dict[str, str]]:
    keys = dict.fromkeys(key for r in resources if r in SOURCE_META for key in SOURCE_META[r]["licenses"])
    return [LICENSES[key] for key in keys]


def regions_resource(content: bytes) -> dict[str, Any]:
    """The focus regions."""
    res = _geojson_resource(
        "regions",
        "regions.geojson",
        "Focus regions: Chocó, Madre de Dios, Kachin",
        "The three focus admin-1 polygons, simplified with shared borders kept, rounded to 5 decimals; "
        "area_km2 measured on the shipped polygon.",
    )
    res.update(file_facts(content))
    res["sources"] = _derived_sources([ADMIN1])
    res["licenses"] = _licenses_of([ADMIN1])
    res["schema"] = {"fields": REGION_FIELDS}
    return res


def scopes_resource(content: bytes) -> dict[str, Any]:
    """The scopes beyond the focus regions: the Andean countries' outline and worldwide (no geometry)."""
    res = _geojson_resource(
        "scopes",
        SCOPES_PATH,
        "Scopes: the Andean countries and worldwide",
        "andes: the union of Colombia, Peru, Ecuador and Bolivia (Natural Earth 1:50m), simplified, rounded to "
        "5 decimals; world: no geometry (null). Region-wide statements about a scope take its outline.",
    )
    res.update(file_facts(content))
    res["sources"] = _derived_sources([NE_ANDES])
    res["licenses"] = _licenses_of([NE_ANDES])
    res["schema"] = {"fields": SCOPE_FIELDS}
    return res


def context_resource(content: bytes) -> dict[str, Any]:
    """The offline basemap context."""
    res = _geojson_resource(
        "context",
        "context.geojson",
        "Basemap context: countries, neighbouring admin-1 units, land and town names",
        "Countries (level admin0, drawn first) and the admin-1 units bordering each focus region (level admin1); "
        "land everywhere else (level land: the world at 1:110m, role world; 1:50m around the focus regions, role "
        "near); the gazetteers' towns around each focus region, one point per town (level place), for labels.",
    )
    res.update(file_facts(content))
    used = [ADMIN1, ADMIN0, WORLD_110M, WORLD_50M, *PLACE_RESOURCES]
    res["sources"] = _derived_sources(used)
    res["licenses"] = _licenses_of(used)
    res["schema"] = {"fields": CONTEXT_FIELDS}
    return res


def layer_resource(layer: str, content: bytes, used: Sequence[str]) -> dict[str, Any]:
    """A thematic layer; its sources and licences are those its features' geometries actually use."""
    res = _geojson_resource(
        layer,
        f"{layer}.geojson",
        LAYER_TITLES.get(layer, layer.title()),
        f"Built from content/{layer}.json by python -m veta.build: each feature's text is Veta's own, its "
        "evidence quotes the interview, its geometry comes from the resource named in geometry_source.",
    )
    res.update(file_facts(content))
    res["sources"] = [{"title": f"Veta content ({layer})", "path": f"content/{layer}.json"}]
    res["sources"] += _derived_sources(used) + [_INTERVIEW_SOURCE]
    res["licenses"] = [LICENSES["CC-BY-NC-ND-3.0"], LICENSES["MIT-veta"], *_licenses_of(used)]
    res["schema"] = {"fields": layer_fields(layer)}
    return res


def unmapped_resource() -> dict[str, Any]:
    """The passages no feature maps (authored by hand)."""
    return {
        "name": "unmapped",
        "path": UNMAPPED_PATH,
        "profile": "data-resource",
        "title": "Unmapped passages",
        "description": "Passages of the interview that no feature cites, each with the reason.",
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
        "sources": [{"title": "Veta content (unmapped passages)", "path": UNMAPPED_PATH}, _INTERVIEW_SOURCE],
        "licenses": [LICENSES["MIT-veta"]],
        "schema": {"fields": UNMAPPED_FIELDS},
    }


def datapackage(
    sources: Mapping[str, bytes], outputs: Mapping[str, bytes], used_by_layer: Mapping[str, Sequence[str]]
) -> dict[str, Any]:
    """The whole descriptor, resources in a fixed order."""
    resources = [source_resource(name, sources[name]) for name in SOURCE_FILES]
    resources.append(regions_resource(outputs["regions.geojson"]))
    resources.append(scopes_resource(outputs[SCOPES_PATH]))
    resources.append(context_resource(outputs["context.geojson"]))
    for layer in LAYER_KINDS:
        resources.append(layer_resource(layer, outputs[f"{layer}.geojson"], used_by_layer.get(layer, ())))
    resources.append(unmapped_resource())
    return {
        "profile": "data-package",
        "name": "veta-geodata",
        "title": "Veta geodata",
        "description": "The maps of Veta: one interview on artisanal and informal mining (TNI) placed onto Chocó "
        "(Colombia), Madre de Dios (Peru) and Kachin (Myanmar). Every geometry is derived from sources/ by "
        "python -m veta.build; see README.md for attribution. The interview text the evidence quotes is the "
        f"companion package {SEED_PACKAGE} in the Veta project (CC BY-NC-ND 3.0, © TNI).",
        "sources": [_INTERVIEW_SOURCE],
        "licenses": [LICENSES["CC-BY-NC-ND-3.0"], LICENSES["MIT-veta"], LICENSES["public-domain"]],
        "keywords": ["artisanal mining", "Chocó", "Madre de Dios", "Kachin", "geojson"],
        "resources": resources,
    }
