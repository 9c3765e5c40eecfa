"""The print renderer: a `MapSpec` drawn as one static SVG (no script, no external file; it prints as is).

Web Mercator like the screen map, fitted to the spec's view and padded to the picture's shape. Draws the basemap,
outlines, every drawn feature with its precision's symbol (faded when the map rings some features), the ringed
features numbered in their order, and the names of towns and countries, placed clear of the symbols, the numbers
and each other (`veta.maps.label_layout`).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from veta.escape import escape_text
from veta.i18n import _
from veta.maps.label_layout import Box, Name, around, place_names
from veta.maps.spec import Bounds, MapSpec
from veta.symbology import (
    BORDER_COLOUR,
    FOCUS_FILL,
    LAND_COLOUR,
    LINE_DASHES,
    MARKER_STYLES,
    OUTLINE_COLOUR,
    SCOPE_COLOUR,
    WATER_COLOUR,
)


def _merc(lat: float) -> float:
    lat = max(-85.0, min(85.0, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _unmerc(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(math.radians(y))) - math.pi / 2)


class Projection:
    """Lon/lat → SVG pixels for a view, padded to the picture's aspect ratio (Web Mercator, like the screen)."""

    def __init__(self, view: Bounds, width: int, height: int) -> None:
        (south, west), (north, east) = view
        x0, x1, y0, y1 = west, east, _merc(south), _merc(north)
        self.scale = min(width / max(x1 - x0, 1e-9), height / max(y1 - y0, 1e-9))
        self.cx, self.cy = (x0 + x1) / 2, (y0 + y1) / 2
        self.width, self.height = width, height
        half_w, half_h = width / self.scale / 2, height / self.scale / 2
        self.box = (self.cx - half_w, _unmerc(self.cy - half_h), self.cx + half_w, _unmerc(self.cy + half_h))
        """(west, south, east, north) shown."""

    def xy(self, lng: float, lat: float) -> tuple[float, float]:
        x = (lng - self.cx) * self.scale + self.width / 2
        y = self.height / 2 - (_merc(lat) - self.cy) * self.scale
        return round(x, 1), round(y, 1)

    def inside(self, lng: float, lat: float) -> bool:
        west, south, east, north = self.box
        return west <= lng <= east and south <= lat <= north

    def path(self, geom: BaseGeometry) -> str:
        """SVG path data of a polygon or line geometry."""
        commands: list[str] = []
        for part in getattr(geom, "geoms", [geom]):
            if part.geom_type in ("MultiPolygon", "MultiLineString", "GeometryCollection"):
                commands.append(self.path(part))
                continue
            if part.geom_type not in ("Polygon", "LineString") or part.is_empty:
                continue
            rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
            for ring in rings:
                points = [self.xy(x, y) for x, y, *_ in ring.coords]
                if len(points) < 2:
                    continue
                closed = "Z" if part.geom_type == "Polygon" else ""
                commands.append("M" + " L".join(f"{x},{y}" for x, y in points) + closed)
        return " ".join(c for c in commands if c)


def _clipped(projection: Projection, geometry: dict[str, Any]) -> BaseGeometry:
    geom = shape(geometry)
    shown = box(*projection.box)
    if not geom.intersects(shown):
        return shapely.Point()
    clipped = shapely.clip_by_rect(geom, *projection.box)
    tolerance = (projection.box[2] - projection.box[0]) / projection.width / 2
    return shapely.simplify(clipped, tolerance, preserve_topology=True) if not clipped.is_empty else clipped


def _faded(properties: dict[str, Any], ringed: set[str]) -> bool:
    """Whether a feature is drawn faded: the map rings some features, and not this one."""
    return bool(ringed) and properties["id"] not in ringed


def _symbol_scale(faded: bool) -> float:
    """A point symbol's size against the screen's: smaller when faded (the map rings other features)."""
    return 0.55 if faded else 0.8


def point_symbol(x: float, y: float, precision: str, colour: str, *, faded: bool = False) -> str:
    """A point's symbol at (x, y): site a solid dot, approximate a dot in a halo, inferred a dashed ring with "?"."""
    style = MARKER_STYLES.get(precision, MARKER_STYLES["site"])
    scale = _symbol_scale(faded)
    opacity = "0.4" if faded else "1"
    parts = [f'<g class="veta-svg-point veta-svg-{precision}" opacity="{opacity}">']
    if style.halo:
        parts.append(f'<circle cx="{x}" cy="{y}" r="{style.halo * scale:.1f}" fill="{colour}" fill-opacity="0.3"/>')
    if precision == "inferred":
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="{style.radius * scale:.1f}" fill="#fff" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="{style.dash}"/>'
        )
        if not faded:
            parts.append(
                f'<text x="{x}" y="{y + 3.5}" font-size="10" font-family="sans-serif" text-anchor="middle" '
                f'font-weight="700" fill="{colour}">?</text>'
            )
    else:
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="{style.radius * scale:.1f}" fill="{colour}" stroke="#1b1b1b" '
            f'stroke-width="{1.5 if precision == "site" else 1}"/>'
        )
    parts.append("</g>")
    return "".join(parts)


BADGE_RADIUS, RING_RADIUS = 8, 10
"""Pixels: a numbered badge's circle, and the ring around a ringed point."""
BADGE_OFFSET = 9
"""Pixels right of and above its feature that a numbered badge's centre sits."""


def _badge_at(x: float, y: float, placed: list[tuple[float, float]]) -> tuple[float, float]:
    """Where a numbered badge next to (x, y) goes: moved right of any badge already at that place."""
    while any(abs(x - px) < 17 and abs(y - py) < 17 for px, py in placed):
        x += 18
    placed.append((x, y))
    return x, y


def _badge(cx: float, cy: float, number: int) -> str:
    return (
        f'<g class="veta-svg-label"><circle cx="{cx}" cy="{cy}" r="{BADGE_RADIUS}" fill="#fff" stroke="#000" '
        f'stroke-width="1.2"/><text x="{cx}" y="{cy + 3.5}" font-size="10" font-family="sans-serif" '
        f'text-anchor="middle" font-weight="700">{number}</text></g>'
    )


def _areas(spec: MapSpec, projection: Projection) -> list[str]:
    out = []
    for area in spec.context:
        data = projection.path(_clipped(projection, area.geometry))
        if not data:
            continue
        if area.role == "focus":
            out.append(
                f'<path class="veta-svg-focus" d="{data}" fill="{FOCUS_FILL}" fill-opacity="0.7" '
                f'stroke="{OUTLINE_COLOUR}" stroke-width="1.6"/>'
            )
        elif area.role == "scope":
            out.append(
                f'<path class="veta-svg-scope" d="{data}" fill="{SCOPE_COLOUR}" fill-opacity="0.08" '
                f'stroke="{SCOPE_COLOUR}" stroke-width="1.4" stroke-dasharray="{LINE_DASHES["region"]}"/>'
            )
        else:
            dash = ' stroke-dasharray="3 2"' if area.role == "admin1" else ""
            out.append(
                f'<path class="veta-svg-{area.role}" d="{data}" fill="{LAND_COLOUR}" stroke="{BORDER_COLOUR}" '
                f'stroke-width="0.8"{dash}/>'
            )
    return out


def _features(spec: MapSpec, projection: Projection, ringed: set[str]) -> list[str]:
    out = []
    for layer in spec.layers:
        for feature in layer.shapes["features"]:
            p = feature["properties"]
            data = projection.path(_clipped(projection, feature["geometry"]))
            if not data:
                continue
            faded = _faded(p, ringed)
            dash = LINE_DASHES[p["precision"]]
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            is_line = feature["geometry"]["type"] in ("LineString", "MultiLineString")
            out.append(
                f'<path class="veta-svg-feature" d="{data}" fill="{"none" if is_line else p["colour"]}" '
                f'fill-opacity="0.15" stroke="{p["colour"]}" stroke-width="{2 if faded else 3.5}" '
                f'stroke-opacity="{0.35 if faded else 1}" stroke-linejoin="round"{dash_attr}/>'
            )
    for x, y, p in _points(spec, projection):
        out.append(point_symbol(x, y, p["precision"], p["colour"], faded=_faded(p, ringed)))
    return out


def _points(spec: MapSpec, projection: Projection) -> Iterator[tuple[float, float, dict[str, Any]]]:
    """(x, y, properties) of every point feature in the picture."""
    for layer in spec.layers:
        for feature in layer.points["features"]:
            lng, lat = feature["geometry"]["coordinates"][:2]
            if projection.inside(lng, lat):
                yield (*projection.xy(lng, lat), feature["properties"])


@dataclass(frozen=True)
class _Badge:
    """A ringed feature's number: its badge's centre, and the ringed point's place if the feature is a point."""

    cx: float
    cy: float
    number: int
    ring: tuple[float, float] | None


def _badge_places(spec: MapSpec, projection: Projection) -> list[_Badge]:
    """The ringed features' numbered badges: a region-wide statement's at the region's label point."""
    out: list[_Badge] = []
    placed: list[tuple[float, float]] = []
    focus = next((a for a in spec.context if a.role == "focus"), None)
    for highlight in spec.highlights:
        if highlight.geometry is None:  # a region-wide statement: numbered at the region's label point
            if focus is None or focus.label_at is None:
                continue
            x, y = projection.xy(focus.label_at[1], focus.label_at[0])
            bx, by = _badge_at(x, y, placed)
            out.append(_Badge(bx + BADGE_OFFSET, by - BADGE_OFFSET, highlight.number, None))
            continue
        clipped = _clipped(projection, highlight.geometry)
        if clipped.is_empty:
            continue
        point = clipped if clipped.geom_type == "Point" else clipped.representative_point()
        x, y = projection.xy(point.x, point.y)
        ring = (x, y) if highlight.geometry["type"] in ("Point", "MultiPoint") else None
        bx, by = _badge_at(x, y, placed)
        out.append(_Badge(bx + BADGE_OFFSET, by - BADGE_OFFSET, highlight.number, ring))
    return out


def _badge_boxes(badges: list[_Badge]) -> list[Box]:
    boxes = [around(badge.cx, badge.cy, BADGE_RADIUS + 1) for badge in badges]
    return boxes + [around(*badge.ring, RING_RADIUS + 1) for badge in badges if badge.ring]


def _badges(badges: list[_Badge]) -> list[str]:
    out: list[str] = []
    for badge in badges:
        if badge.ring:
            rx, ry = badge.ring
            out.append(f'<circle cx="{rx}" cy="{ry}" r="{RING_RADIUS}" fill="none" stroke="#000" stroke-width="2"/>')
        out.append(_badge(badge.cx, badge.cy, badge.number))
    return out


def _symbol_boxes(spec: MapSpec, projection: Projection, ringed: set[str]) -> list[Box]:
    """Where the points' symbols are (their halo included)."""
    boxes: list[Box] = []
    for x, y, p in _points(spec, projection):
        style = MARKER_STYLES.get(p["precision"], MARKER_STYLES["site"])
        boxes.append(around(x, y, max(style.radius, style.halo or 0) * _symbol_scale(_faded(p, ringed)) + 1))
    return boxes


TOWN_FONT, COUNTRY_FONT = 9, 8
"""Font sizes (pixels) of a town's and a country's name."""
TOWN_EM, COUNTRY_EM = 0.62, 0.85
"""A name's width per letter, in font sizes: generous (a country's capitals include their letter spacing), so that a
name placed clear stays clear in another sans-serif font (Chromium's measures 0.46–0.63 and 0.66–0.84)."""


def _labels(spec: MapSpec, projection: Projection, obstacles: list[Box]) -> list[str]:
    """Towns (a dot and the name beside it) and countries, the names placed clear of the obstacles
    (`veta.maps.label_layout`); a country whose name cannot be placed clear is left out."""
    shown = [label for label in spec.labels if projection.inside(label.lng, label.lat)]
    names = []
    for label in shown:
        x, y = projection.xy(label.lng, label.lat)
        if label.kind == "place":
            names.append(Name(label.text, x, y, len(label.text) * TOWN_EM * TOWN_FONT, TOWN_FONT * 1.15))
        else:
            width = len(label.text) * COUNTRY_EM * COUNTRY_FONT
            names.append(Name(label.text, x, y, width, COUNTRY_FONT * 1.15, town=False))
    places = place_names(names, projection.width, projection.height, obstacles)
    out = []
    for label, name, placed in zip(shown, names, places, strict=True):
        if placed is None:
            continue
        left, top = round(placed[0], 1), round(placed[1], 1)
        if name.town:
            out.append(
                f'<g class="veta-svg-place"><circle cx="{name.x}" cy="{name.y}" r="2" fill="#2b2b2b"/>'
                f'<text x="{left}" y="{round(top + 0.9 * TOWN_FONT, 1)}" font-size="{TOWN_FONT}" '
                f'font-family="sans-serif" fill="#2b2b2b" stroke="#fff" stroke-width="2.5" '
                f'paint-order="stroke">{escape_text(label.text)}</text></g>'
            )
        else:
            out.append(
                f'<text class="veta-svg-country" x="{round((placed[0] + placed[2]) / 2, 1)}" '
                f'y="{round(top + 0.9 * COUNTRY_FONT, 1)}" font-size="{COUNTRY_FONT}" font-family="sans-serif" '
                f'text-anchor="middle" fill="#6b6558" letter-spacing="1">{escape_text(label.text.upper())}</text>'
            )
    return out


def render_svg(spec: MapSpec, width: int = 360, height: int = 240, *, title: str | None = None) -> str:
    """The map as one static SVG element, `width` × `height` pixels."""
    projection = Projection(spec.view, width, height)
    ringed = {h.feature_id for h in spec.highlights}
    badges = _badge_places(spec, projection)
    label = title or _("Map of {title}").format(title=spec.title)
    parts = [
        f'<svg class="veta-svg-map" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape_text(label)}">',
        f'<rect width="{width}" height="{height}" fill="{WATER_COLOUR}"/>',
        *_areas(spec, projection),
        *_features(spec, projection, ringed),
        *_labels(spec, projection, [*_symbol_boxes(spec, projection, ringed), *_badge_boxes(badges)]),
        *_badges(badges),
        "</svg>",
    ]
    return "".join(parts)
