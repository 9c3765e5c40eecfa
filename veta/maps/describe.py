"""Map descriptions built from the atlas: one `MapSpec` per map Veta shows.

Pure functions (no folium, no Streamlit). Every data-derived string that reaches HTML goes through
`escape_text` once, here; the renderers insert the escaped HTML as is.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import shapely
from babel import Locale
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

from veta.escape import escape_text
from veta.i18n import DEFAULT_LANGUAGE, _, current_language, format_number, localized_link, ngettext
from veta.layers import LAYERS, SCOPE_IDS, kind_label, layer_label
from veta.maps.geo import bounds_of, clip, expand, geojson_geometry, margin, union_bounds
from veta.maps.spec import Bounds, ContextArea, Highlight, Label, MapLayer, MapSpec, Statement
from veta.model import Atlas, Feature, Region
from veta.precision import precision_label
from veta.quotes import original_marker_html, quote_html
from veta.symbology import (
    FAN_OUT_PIXELS,
    LAYER_COLOURS,
    MARKER_STYLES,
    PRECISION_ORDER,
)
from veta.tours import TourStep, view_bounds

PASSAGE_URL = "/passages?passage={passage_id}"
"""Where a popup's passage links lead (the passage reader page); `{passage_id}` is replaced."""
REGION_URL = "/{region_id}"
"""Where the overview's region links lead (the region pages)."""
PACK_PASSAGE_URL = "passages.html#{passage_id}"
"""Where popup links lead inside the offline pack."""

OUTLINE_TOLERANCE = 0.001
"""Douglas–Peucker tolerance (degrees, ≈100 m) for the region outline and feature lines."""
CONTEXT_TOLERANCE = 0.004
"""Tolerance for the neighbouring units and countries near a region."""
LAND_TOLERANCE = 0.03
"""Tolerance for land far from the region (countries of the world)."""
OVERVIEW_TOLERANCE = 0.8
"""coverage_simplify tolerance (≈ the square root of the areas removed, degrees) of the overview's land."""
OVERVIEW_BOUNDS: Bounds = ((-58.0, -180.0), (84.0, 180.0))
"""The world drawn on the overview (no Antarctica)."""
CONTEXT_MARGIN_DEGREES = 3.0
"""How far around the region the detailed basemap (admin-1 units, 1:10m countries) is drawn."""
LAND_MARGIN_DEGREES = 8.0
"""How far around the region land is drawn at all; the user cannot pan farther (`max_bounds`)."""
PAN_MARGIN_DEGREES = 7.0
SAME_PLACE_DEGREES = 0.02
"""Points closer than this (≈2 km) count as one place and are spread on a spiral."""
CONTEXT_SPAN: dict[str, float] = {"site": 0.35, "approximate": 0.9, "inferred": 1.8, "region": 0.0}
"""The smallest view (degrees each way) a selected feature is shown in: a vaguer place is never shown closer
than what its precision supports (an approximate point at ~10 km would look exact)."""
STEP_MIN_SPAN = 1.2
"""A tour step's map shows at least this many degrees each way (≈130 km), with every ringed feature."""
POPUP_MAX_HEIGHT = 340


# --------------------------------------------------------------------------------------------- languages


def in_english(html: str, tag: str = "span") -> str:
    """The interview's words (escaped HTML) as they are in English; in another language, inside an element marked
    `lang="en"`, so that readers, screen readers and tests tell them from the interface around them."""
    if current_language() == DEFAULT_LANGUAGE:
        return html
    return f'<{tag} lang="en">{html}</{tag}>'


def original_mark(prefix: str = " ", suffix: str = "") -> str:
    """`veta.quotes.original_marker_html` ("Original quote in English", escaped HTML) with `prefix`/`suffix`
    around it when Veta does not speak English; "" in English."""
    marker = original_marker_html()
    return f"{prefix}{marker}{suffix}" if marker else ""


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def html_format(template: str, **pieces: str) -> str:
    """A translated message with `{name}` placeholders as HTML: its own text escaped, each placeholder replaced by
    the (already escaped) HTML piece of that name."""
    parts = _PLACEHOLDER.split(template)
    out = []
    for index, part in enumerate(parts):
        out.append(pieces[part] if index % 2 else escape_text(part))
    return "".join(out)


def page_link(url: str) -> str:
    """A link from a map to a page, keeping the language: an app page gets `lang=…` (`localized_link`); a file of
    the offline pack (`passages.html#p3`) is already in the pack's one language and stays as it is."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    return url if path.endswith(".html") else localized_link(url)


@cache
def _territory_codes() -> dict[str, str]:
    """Babel's English country names (and the basemap's short forms) → territory codes."""
    codes = {name: code for code, name in Locale.parse(DEFAULT_LANGUAGE).territories.items() if code.isalpha()}
    codes.update({"United States of America": "US", "Dem. Rep. Congo": "CD", "Central African Rep.": "CF"})
    return codes


@cache
def _country_in(name: str, language: str) -> str:
    code = _territory_codes().get(name)
    if code is None:
        return name
    return Locale.parse(language).territories.get(code, name)


def country_name(name: str) -> str:
    """A basemap country's English name (Natural Earth's) in the current language, by its territory code in the
    Unicode CLDR (Babel): "Brazil" → "Brasil"; a name CLDR does not know stays as it is."""
    language = current_language()
    return name if language == DEFAULT_LANGUAGE else _country_in(name, language)


# --------------------------------------------------------------------------------------------- popups


def tooltip_html(name: str, feature_id: str) -> str:
    """Hover text: the name, with the id hidden in it (`veta.maps.feature_id_from_tooltip` reads it back)."""
    return f'{escape_text(name)}<span class="veta-fid" style="display:none">[veta:{escape_text(feature_id)}]</span>'


def popup_html(atlas: Atlas, feature: Feature, passage_url: str = PASSAGE_URL) -> str:
    """A feature's popup: name, layer/kind, every quote verbatim with speaker and passage, precision, note, links."""
    parts = [
        f'<div class="veta-popup" data-feature="{escape_text(feature.id)}">',
        f"<b>{escape_text(feature.name)}</b>",
        f'<div class="veta-meta">{escape_text(layer_label(feature.layer))} · {escape_text(kind_text(feature.kind))}</div>',
    ]
    first = feature.passage_ids[0]
    read, new_tab = _("Read the passage in the reader ↗"), _("(opens a new tab)")
    parts.append(
        f'<div><a href="{escape_text(page_link(passage_url.format(passage_id=first)))}" target="_blank" '
        f'rel="noopener">{escape_text(read)}</a> <span class="veta-meta">{escape_text(new_tab)}</span></div>'
    )
    for evidence in feature.evidence:
        passage = atlas.passage(evidence.passage_id)
        url = page_link(passage_url.format(passage_id=evidence.passage_id))
        number = escape_text(_("passage {number}").format(number=passage.number))
        parts.append(
            f"<blockquote>{in_english(f'“{quote_html(evidence.exact)}”')}<br>"
            f'<span class="veta-meta">{original_mark(prefix="", suffix=" ")}— {escape_text(passage.speaker)}, '
            f'<a href="{escape_text(url)}" target="_blank" rel="noopener">{number}</a>'
            "</span></blockquote>"
        )
    placement = _("Placement:")
    parts.append(
        f'<div class="veta-meta veta-placement"><b>{escape_text(placement)}</b> '
        f"{escape_text(precision_label(feature.precision))}. {escape_text(feature.placement_note)}</div>"
    )
    if feature.precision == "inferred":
        source = getattr(feature, "inferred_source", "")
        unsaid, placed_from = _("The interview does not say where."), _("Placed from: {source}")
        parts.append(
            f'<div class="veta-meta veta-inferred"><b>{escape_text(unsaid)}</b>'
            + (f" {escape_text(placed_from.format(source=source))}" if source else "")
            + "</div>"
        )
    if feature.caveat:
        caveat = _("Caveat:")
        parts.append(f'<div class="veta-meta"><b>{escape_text(caveat)}</b> {escape_text(feature.caveat)}</div>')
    parts.append("</div>")
    return "".join(parts)


def kind_text(kind: str) -> str:
    """A feature's kind as the popup shows it: the kind itself in English (as always), its words otherwise."""
    return kind if current_language() == DEFAULT_LANGUAGE else kind_label(kind)


# --------------------------------------------------------------------------------------------- features


def _parts(geom: BaseGeometry) -> list[BaseGeometry]:
    return list(getattr(geom, "geoms", [geom]))


def _is_point(feature: Feature) -> bool:
    return feature.geometry is not None and feature.geometry.geom_type in ("Point", "MultiPoint")


def is_statement(feature: Feature) -> bool:
    """Whether a feature is a region-wide (or scope-wide) statement, listed beside the map, not drawn as a place."""
    return feature.precision == "region" or feature.region in SCOPE_IDS or feature.geometry is None


def context_view(feature: Feature) -> Bounds:
    """The closest view a feature is shown in when selected: its extent, at least CONTEXT_SPAN of its precision."""
    return expand(bounds_of(feature.geometry), pad=0.08, min_span=CONTEXT_SPAN.get(feature.precision, 0.35))


def feature_classes(feature: Feature, selected: bool = False) -> str:
    """The CSS classes of a feature's marker or path."""
    classes = f"veta-feature veta-fid-{feature.id} veta-layer-{feature.layer} veta-precision-{feature.precision}"
    return classes + (" veta-selected" if selected else "")


def fan_out(features: Sequence[Feature]) -> dict[tuple[str, int], tuple[float, float]]:
    """Pixel offsets (dx, dy) per (feature id, point index) so that points at one place don't hide each other.

    Points within SAME_PLACE_DEGREES of each other form a group; its members, ordered by layer then id, sit on a
    golden-angle spiral around the true place (the first stays on it).
    """
    points: list[tuple[int, str, int, float, float]] = []
    for feature in features:
        if _is_point(feature):
            for index, point in enumerate(_parts(feature.geometry)):
                points.append((LAYERS.index(feature.layer), feature.id, index, round(point.y, 4), round(point.x, 4)))
    points.sort()
    groups: list[list[tuple[int, str, int, float, float]]] = []
    for point in points:
        for group in groups:
            if abs(group[0][3] - point[3]) < SAME_PLACE_DEGREES and abs(group[0][4] - point[4]) < SAME_PLACE_DEGREES:
                group.append(point)
                break
        else:
            groups.append([point])
    offsets: dict[tuple[str, int], tuple[float, float]] = {}
    for group in groups:
        for k, (_layer_index, feature_id, index, _lat, _lng) in enumerate(group):
            if k == 0:
                offsets[(feature_id, index)] = (0.0, 0.0)
                continue
            angle = math.radians(137.508 * k)
            radius = FAN_OUT_PIXELS * math.sqrt(k)
            offsets[(feature_id, index)] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
    return offsets


def _properties(atlas: Atlas, feature: Feature, passage_url: str, selected: bool) -> dict[str, Any]:
    (south, west), (north, east) = context_view(feature)
    return {
        "id": feature.id,
        "name": escape_text(feature.name),
        "layer": feature.layer,
        "kind": escape_text(feature.kind),
        "precision": feature.precision,
        "colour": LAYER_COLOURS[feature.layer],
        "tooltip": tooltip_html(feature.name, feature.id),
        "popup": popup_html(atlas, feature, passage_url),
        "classes": feature_classes(feature, selected),
        "view": [[south, west], [north, east]],
    }


def _layer(
    atlas: Atlas,
    layer: str,
    features: Sequence[Feature],
    offsets: dict[tuple[str, int], tuple[float, float]],
    passage_url: str,
    selected: str | None,
) -> MapLayer:
    points: list[dict[str, Any]] = []
    shapes: list[dict[str, Any]] = []
    for feature in features:
        props = _properties(atlas, feature, passage_url, feature.id == selected)
        if _is_point(feature):
            style = MARKER_STYLES[feature.precision]
            for index, point in enumerate(_parts(feature.geometry)):
                points.append(
                    {
                        "type": "Feature",
                        "id": f"{feature.id}#{index}",
                        "properties": {
                            **props,
                            "size": style.size,
                            "offset": list(offsets.get((feature.id, index), (0.0, 0.0))),
                            "z": style.z_offset,
                        },
                        "geometry": geojson_geometry(point),
                    }
                )
        else:
            geometry = geojson_geometry(feature.geometry, OUTLINE_TOLERANCE)
            if geometry["type"] in ("LineString", "MultiLineString"):
                coords = geometry["coordinates"]
                lines = coords if geometry["type"] == "MultiLineString" else [coords]
                ends = [line[0] for line in lines] + [line[-1] for line in lines]
                props["popup_at"] = max(ends, key=lambda c: c[1])[::-1]  # the line's northern end, as [lat, lng]
            shapes.append({"type": "Feature", "id": feature.id, "properties": props, "geometry": geometry})
    count = len(features)
    return MapLayer(
        id=layer,
        label=f"{layer_label(layer)} ({format_number(count)})",
        colour=LAYER_COLOURS[layer],
        points={"type": "FeatureCollection", "features": points},
        shapes={"type": "FeatureCollection", "features": shapes},
    )


def statement(atlas: Atlas, feature: Feature, passage_url: str = PASSAGE_URL) -> Statement:
    """A region-wide feature as a statement listed beside the map."""
    return Statement(
        id=feature.id,
        name=escape_text(feature.name),
        layer=feature.layer,
        kind=escape_text(feature.kind),
        colour=LAYER_COLOURS[feature.layer],
        scope=feature.region,
        popup=popup_html(atlas, feature, passage_url),
        tooltip=tooltip_html(feature.name, feature.id),
    )


# --------------------------------------------------------------------------------------------- basemap


def _context_items(atlas: Atlas) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(properties, geometry) of each feature of the shipped basemap (context.geojson)."""
    items = []
    for item in (atlas.context or {}).get("features") or []:
        if isinstance(item, dict) and isinstance(item.get("geometry"), dict):
            items.append((item.get("properties") or {}, item["geometry"]))
    return items


def _land(atlas: Atlas, role: str) -> list[tuple[dict[str, Any], BaseGeometry]]:
    """Land polygons of one role ("world": 1:110m everywhere; "near": 1:50m around the regions)."""
    return [(p, g) for p, g in _shapes(atlas, "land") if p.get("role", "world") == role]


def _level(props: dict[str, Any]) -> str:
    level = str(props.get("level", "")).lower()
    return {"admin0": "country", "admin1": "admin1", "land": "land", "place": "place"}.get(level, "country")


def _shapes(atlas: Atlas, level: str) -> list[tuple[dict[str, Any], BaseGeometry]]:
    found = []
    for props, geometry in _context_items(atlas):
        if _level(props) != level:
            continue
        try:
            geom = shape(geometry)
        except Exception:  # a broken basemap feature only costs basemap detail, never the map
            continue
        if not geom.is_empty:
            found.append((props, geom))
    return found


def _areas(
    items: Iterable[tuple[dict[str, Any], BaseGeometry]],
    role: str,
    bounds: Bounds | None,
    tolerance: float,
    decimals: int | None = None,
) -> list[ContextArea]:
    kept: list[tuple[str, BaseGeometry]] = []
    for props, geom in items:
        part = clip(geom, bounds) if bounds is not None else geom
        if part.is_empty or part.geom_type not in ("Polygon", "MultiPolygon", "GeometryCollection"):
            continue
        kept.append((str(props.get("name", "")), part))
    if not kept:
        return []
    try:  # shared borders stay shared
        simplified = list(shapely.coverage_simplify([g for _, g in kept], tolerance))
    except Exception:  # not a clean coverage: simplify each on its own
        simplified = [shapely.simplify(g, tolerance, preserve_topology=True) for _, g in kept]
    return [
        ContextArea(role=role, name=name, geometry=geojson_geometry(geom, 0, decimals or (2 if role == "land" else 3)))
        for (name, _), geom in zip(kept, simplified, strict=True)
        if not geom.is_empty
    ]


def basemap(atlas: Atlas, region: Region) -> list[ContextArea]:
    """Land around a region (countries of the world, coarse), its countries and admin-1 neighbours (fine), and the
    region's own outline, so that nothing that is land is drawn as water within reach of the map."""
    region_box = bounds_of(region.geometry)
    near = margin(region_box, CONTEXT_MARGIN_DEGREES)
    far = margin(region_box, LAND_MARGIN_DEGREES)
    countries = _shapes(atlas, "country")
    land = _land(atlas, "near") or _land(atlas, "world")
    areas = _areas(land, "land", far, LAND_TOLERANCE)
    areas += _areas(countries, "country", near, CONTEXT_TOLERANCE)
    areas += _areas(_shapes(atlas, "admin1"), "admin1", near, CONTEXT_TOLERANCE)
    areas.append(
        ContextArea(
            role="focus",
            name=region.name,
            id=region.id,
            geometry=geojson_geometry(region.geometry, OUTLINE_TOLERANCE),
            label_at=_inside(region.geometry),
        )
    )
    return areas


def _inside(geom: BaseGeometry) -> tuple[float, float]:
    """(lat, lng) of a point well inside an area."""
    largest = max(_parts(geom), key=lambda g: g.area)
    point = polylabel(largest, 0.01) if largest.geom_type == "Polygon" else geom.representative_point()
    return round(point.y, 4), round(point.x, 4)


def place_labels(atlas: Atlas, bounds: Bounds) -> list[Label]:
    """The gazetteer's places (the towns the interview and the placement notes name) inside bounds."""
    (south, west), (north, east) = bounds
    labels = []
    for props, geom in _shapes(atlas, "place"):
        point = geom.representative_point()
        if south <= point.y <= north and west <= point.x <= east:
            labels.append(Label(str(props.get("label") or props.get("name")), round(point.x, 4), round(point.y, 4)))
    return labels


def country_labels(areas: Iterable[ContextArea], exclude: Iterable[str] = ()) -> list[Label]:
    """One label per country, at a point inside the part drawn: a neighbour drawn both as wide land and in detail
    (`country`, near the region) is named once, inside the detailed part, which the opening view shows."""
    skip = set(exclude)
    chosen: dict[str, tuple[ContextArea, BaseGeometry]] = {}
    for area in areas:
        if area.role not in ("country", "land") or not area.name:
            continue
        if area.name in skip or country_name(area.name) in skip:  # the region's country, in either language
            continue
        geom = shape(area.geometry)
        if geom.is_empty or geom.area < 0.5:
            continue
        held = chosen.get(area.name)
        rank = (area.role == "country", geom.area)
        if held is None or rank > (held[0].role == "country", held[1].area):
            chosen[area.name] = (area, geom)
    labels = []
    for area, geom in chosen.values():
        point = (
            polylabel(max(_parts(geom), key=lambda g: g.area), 0.05) if geom.is_valid else geom.representative_point()
        )
        labels.append(Label(country_name(area.name), round(point.x, 3), round(point.y, 3), "country"))
    return labels


# --------------------------------------------------------------------------------------------- maps


def region_view(region: Region, drawn: Iterable[Feature] = ()) -> Bounds:
    """A region map's opening view: the region and the whole of every feature drawn on it (a river may run on
    beyond the region), with a little room around them."""
    boxes = [bounds_of(region.geometry), *(bounds_of(f.geometry) for f in drawn if f.geometry is not None)]
    return expand(union_bounds(boxes), pad=0.05)


def locator_spec(atlas: Atlas, region: Region) -> MapSpec:
    """A small locator: the region on its part of the world."""
    box = margin(bounds_of(region.geometry), 22.0)
    land = _land(atlas, "world") or _shapes(atlas, "country")
    areas = _areas(land, "land", box, 0.3, 2)
    areas.append(
        ContextArea(role="focus", name=region.name, id=region.id, geometry=geojson_geometry(region.geometry, 0.05, 2))
    )
    title = _("Where {region} is").format(region=region.name)
    return MapSpec(map_id=f"locator-{region.id}", title=title, view=box, context=tuple(areas))


def build_region_spec(
    atlas: Atlas,
    region_id: str,
    *,
    layers: Iterable[str] | None = None,
    selected_feature_id: str | None = None,
    passage_url: str = PASSAGE_URL,
) -> MapSpec:
    """The map of one focus region: basemap, outline, one layer per theme, region-wide statements, labels.

    `layers` limits the thematic layers (default all). `selected_feature_id`: the feature selected at load; the
    map opens at its context view (a statement: at the region).
    """
    region = atlas.region(region_id)
    shown = tuple(layer for layer in LAYERS if layers is None or layer in set(layers))
    features = [f for f in atlas.features_in(region_id) if f.layer in shown]
    drawn = [f for f in features if not is_statement(f)]
    known = {f.id for f in features}
    selected = selected_feature_id if selected_feature_id in known else None
    offsets = fan_out(drawn)
    map_layers = tuple(
        _layer(atlas, layer, [f for f in drawn if f.layer == layer], offsets, passage_url, selected) for layer in shown
    )
    statements = tuple(statement(atlas, f, passage_url) for f in features if is_statement(f))
    context = basemap(atlas, region)
    view = region_view(region, drawn)
    chosen = next((f for f in drawn if f.id == selected), None)
    if chosen is not None:
        view = context_view(chosen)
    region_box = bounds_of(region.geometry)
    labels = [
        *country_labels((a for a in context if a.role in ("country", "land")), exclude=(region.country,)),
        *place_labels(atlas, margin(region_box, CONTEXT_MARGIN_DEGREES)),
    ]
    return MapSpec(
        map_id=region.id,
        title=f"{region.name}, {region.country}",
        view=view,
        layers=map_layers,
        context=tuple(context),
        labels=tuple(labels),
        statements=statements,
        statements_title=_("Across {region}").format(region=region.name),
        selected=selected,
        max_bounds=margin(region_box, PAN_MARGIN_DEGREES),
        legend_layers=shown,
        legend_precisions=PRECISION_ORDER,
        locator=locator_spec(atlas, region),
    )


def build_pack_spec(atlas: Atlas, region_id: str) -> MapSpec:
    """A region's map in the offline pack: as in the app, its passage links into the pack's `passages.html`."""
    return build_region_spec(atlas, region_id, passage_url=PACK_PASSAGE_URL)


def build_compare_spec(
    atlas: Atlas,
    region_id: str,
    center: tuple[float, float],
    zoom: float,
    layers: Iterable[str] | None = None,
    *,
    passage_url: str = PASSAGE_URL,
) -> MapSpec:
    """A region's map (showing only `layers`) opened at an exact centre and fractional zoom (a shared scale)."""
    spec = build_region_spec(atlas, region_id, layers=layers, passage_url=passage_url)
    return set_view(spec, center, zoom)


def set_view(spec: MapSpec, center: tuple[float, float], zoom: float) -> MapSpec:
    """The same map, opened at this centre and fractional zoom instead of fitted to its view."""
    return dataclasses.replace(spec, center=(float(center[0]), float(center[1])), zoom=float(zoom))


def step_view(atlas: Atlas, step: TourStep) -> Bounds:
    """A tour step's view: its stated view grown to show every ringed (drawn) feature in its context view, and
    never less than STEP_MIN_SPAN each way (a step never zooms to a few km around one ring)."""
    views = [view_bounds(atlas, step.view)]
    for feature_id in step.features:
        feature = _known(atlas, feature_id)
        if feature is not None and not is_statement(feature):
            views.append(context_view(feature))
    combined = union_bounds(views)
    assert combined is not None
    return expand(combined, min_span=STEP_MIN_SPAN)


def _known(atlas: Atlas, feature_id: str) -> Feature | None:
    try:
        return atlas.feature(feature_id)
    except KeyError:
        return None


def build_step_spec(atlas: Atlas, step: TourStep, *, passage_url: str = PASSAGE_URL) -> MapSpec:
    """A tour step's map: its region's map at the step's view, the step's features ringed and numbered."""
    spec = build_region_spec(atlas, step.view.region, passage_url=passage_url)
    highlights = []
    for number, feature_id in enumerate((f for f in step.features if _known(atlas, f) is not None), start=1):
        feature = atlas.feature(feature_id)
        geometry = None if is_statement(feature) else geojson_geometry(feature.geometry, 0.002)
        highlights.append(Highlight(feature_id, number, geometry))
    return dataclasses.replace(
        spec, map_id=f"{spec.map_id}-step-{step.number}", view=step_view(atlas, step), highlights=tuple(highlights)
    )


def _scope_outline(atlas: Atlas) -> BaseGeometry | None:
    """The Andean countries' outline (the data model's `andes` scope), if the atlas has it."""
    for scope in getattr(atlas, "scopes", ()) or ():
        if scope.id == "andes" and scope.geometry is not None:
            return scope.geometry
    return None


def region_summary(atlas: Atlas, region_id: str) -> str:
    """A one-line plain-text count of a region's features per layer, e.g. for tooltips."""
    region = atlas.region(region_id)
    counts = ", ".join(
        f"{format_number(len(atlas.features_in(region_id, layer)))} {layer_label(layer).lower()}" for layer in LAYERS
    )
    total = len(atlas.features_in(region_id))
    return ngettext(
        "{region} ({country}): {count} feature — {counts}", "{region} ({country}): {count} features — {counts}", total
    ).format(region=region.name, country=region.country, count=format_number(total), counts=counts)


def region_popup_html(atlas: Atlas, region: Region, region_url: str = REGION_URL) -> str:
    """The overview's popup of a region: its counts and a link to its page."""
    url = page_link(region_url.format(region_id=region.id))
    link = _("Open the {region} map ↗").format(region=region.name)
    return (
        f'<div class="veta-popup" data-region="{escape_text(region.id)}"><b>{escape_text(region.name)}</b>'
        f'<div class="veta-meta">{escape_text(region_summary(atlas, region.id))}</div>'
        f'<a href="{escape_text(url)}" target="_blank" rel="noopener">{escape_text(link)}</a></div>'
    )


def build_overview_spec(atlas: Atlas, *, region_url: str = REGION_URL, passage_url: str = PASSAGE_URL) -> MapSpec:
    """The world: land, the three focus regions (each linked to its page), the Andean countries' outline, and the
    statements about the Andes and the world listed beside the map."""
    land = _land(atlas, "world") or _shapes(atlas, "country")
    areas = _areas(land, "land", OVERVIEW_BOUNDS, OVERVIEW_TOLERANCE, 2)
    andes = _scope_outline(atlas)
    if andes is not None:
        areas.append(
            ContextArea(
                role="scope",
                name=_("The Andean countries"),
                id="andes",
                geometry=geojson_geometry(andes, 0.02, 3),
                label_at=_inside(andes),
            )
        )
    regions = []
    labels = []
    for region in atlas.regions:
        point = region.geometry.representative_point()
        regions.append(
            {
                "type": "Feature",
                "id": region.id,
                "properties": {
                    "id": region.id,
                    "name": escape_text(region.name),
                    "tooltip": tooltip_html(region_summary(atlas, region.id), region.id),
                    "popup": region_popup_html(atlas, region, region_url),
                    "label_at": [round(point.y, 4), round(point.x, 4)],
                },
                "geometry": geojson_geometry(region.geometry, OVERVIEW_TOLERANCE / 2, 3),
            }
        )
    statements = tuple(
        sorted(
            (statement(atlas, f, passage_url) for f in atlas.features if f.region in SCOPE_IDS),
            key=lambda s: SCOPE_IDS.index(s.scope),
        )
    )
    scope_names = tuple((s.id, s.name) for s in getattr(atlas, "scopes", ()) or ())
    boxes = [bounds_of(r.geometry) for r in atlas.regions]
    view = margin(union_bounds(boxes), 4.0) if boxes else ((-15.0, -80.0), (30.0, 100.0))
    return MapSpec(
        map_id="overview",
        title=_("The three regions"),
        view=view,
        context=tuple(areas),
        labels=tuple(labels),
        regions=tuple(regions),
        statements=statements,
        statements_title=_("Across the Andes and the world"),
        scope_names=scope_names,
        legend_layers=(),
        legend_precisions=(),
    )
