"""Pure functions that build Veta's folium maps: a region map per focus region and the three-region overview.

Every data-derived string goes through `escape_text` once. Maps are deterministic: element ids are renumbered
after building, so the same atlas gives byte-identical HTML (a cached map is reused; outputs can be compared).
Geometry is simplified and rounded so that a region's map stays well under 250 KB.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import folium
import shapely
from branca.element import Element, MacroElement
from folium.map import FitBounds
from folium.template import Template
from folium.utilities import JsCode
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from veta.credits import GEODATA_CREDIT_TEXT
from veta.escape import escape_text
from veta.layers import LAYERS
from veta.model import Atlas, Feature, Region
from veta.quotes import quote_html
from veta.symbology import (
    BORDER_COLOUR,
    FAN_OUT_PIXELS,
    FOCUS_FILL,
    LAND_COLOUR,
    LAYER_COLOURS,
    LAYER_LABELS,
    LEGEND_CSS,
    LINE_DASHES,
    LINE_OPACITY,
    MARKER_STYLES,
    OUTLINE_COLOUR,
    PRECISION_LABELS,
    SELECTED_COLOUR,
    legend_html,
    marker_svg,
)

PASSAGE_URL = "/passages?passage={passage_id}"
"""Where a popup's passage links lead (the passage reader page); `{passage_id}` is replaced."""
REGION_URL = "/{region_id}"
"""Where the overview's region links lead (the region pages)."""

MAX_REGION_MAP_BYTES = 250_000
"""Budget for one region's map (the HTML/JS the browser receives)."""
COORD_DECIMALS = 4
"""Coordinates are rounded to 4 decimals (≈11 m), far below what a region-scale map shows."""
OUTLINE_TOLERANCE = 0.001
"""Douglas–Peucker tolerance (degrees, ≈100 m) for the region outline and feature lines."""
CONTEXT_TOLERANCE = 0.004
"""Tolerance for the neighbouring units and countries of the basemap (shared borders kept shared)."""
OVERVIEW_TOLERANCE = 0.03
CONTEXT_MARGIN_DEGREES = 3.0
"""How far around the region the basemap is drawn."""
SAME_PLACE_DEGREES = 0.02
"""Points closer than this (≈2 km) count as one place and are spread on a spiral."""
BASEMAP_PANE = "vetaBasemap"
POPUP_PAN_TOP_LEFT = (10, 80)
"""Leaflet pans an open popup at least this far (x, y pixels) from the map's top left corner: below the zoom
buttons and the layer button, so that neither covers the popup or its close button on a narrow map."""
POPUP_MAP_MARGIN = 70
"""Pixels a popup's content leaves of its map's width: the popup's own padding and border (~47 px) and the
room Leaflet keeps on either side when it pans the popup into view."""
POPUP_MAX_HEIGHT = 340
"""Popups taller than this scroll, so that one fits above its marker on a 620-pixel map."""
INTERVIEW_CREDIT_SHORT = (
    "Quotes: “Artisanal and Informal Mining”, Digging Deeper, © Transnational Institute (TNI), CC BY-NC-ND 3.0"
)
"""The interview credit inside the map (no URL: the map must not contain any; the page credits link it)."""
NARROW_MAP_PIXELS = 720
"""Below this map width the legend starts folded and the layer list collapses to its button."""
TOOLTIP_ID = re.compile(r"\[veta:([a-z0-9]+(?:-[a-z0-9]+)*)\]")
"""The feature id hidden in every tooltip, as the map reports it back on click."""

ONLINE_TILES: tuple[tuple[str, str, str], ...] = (
    (
        "OpenStreetMap (online)",
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
    (
        "Esri World Imagery (online)",
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "Tiles &copy; Esri — Source: Esri, Maxar, Earthstar Geographics, and the GIS User Community",
    ),
)
"""Opt-in online base layers (name, URL template, attribution); never added unless asked for."""


# ---------------------------------------------------------------------------------------------- geometry


def _round(value: float) -> float:
    return round(value, COORD_DECIMALS)


def _latlngs(coords: Iterable[Sequence[float]]) -> list[list[float]]:
    return [[_round(y), _round(x)] for x, y, *_ in coords]


def _polygon_latlngs(geom: BaseGeometry) -> list[list[list[list[float]]]]:
    """Leaflet multi-polygon locations: a list of polygons, each a list of rings of [lat, lng]."""
    polygons = getattr(geom, "geoms", [geom])
    return [
        [_latlngs(p.exterior.coords), *(_latlngs(r.coords) for r in p.interiors)]
        for p in polygons
        if p.geom_type == "Polygon" and not p.is_empty
    ]


def _line_latlngs(geom: BaseGeometry) -> list[list[list[float]]]:
    """Leaflet multi-polyline locations: a list of lines of [lat, lng]."""
    lines = getattr(geom, "geoms", [geom])
    return [_latlngs(line.coords) for line in lines if line.geom_type == "LineString" and not line.is_empty]


def _points(geom: BaseGeometry) -> list[tuple[float, float]]:
    """(lat, lng) of each point of a Point or MultiPoint."""
    return [(_round(p.y), _round(p.x)) for p in getattr(geom, "geoms", [geom])]


def _polygon(locations: list, **options: Any) -> folium.Polygon:
    """A folium Polygon for multi-polygon locations (which folium's validator does not accept, but Leaflet does)."""
    polygon = folium.Polygon(locations[0][0] if locations else [[0.0, 0.0]], **options)
    polygon.locations = locations
    return polygon


def _simplify(geom: BaseGeometry, tolerance: float) -> BaseGeometry:
    simple = shapely.simplify(geom, tolerance, preserve_topology=True)
    return simple if not simple.is_empty else geom


def _bounds_latlng(bounds: tuple[float, float, float, float], pad: float = 0.0) -> list[list[float]]:
    minx, miny, maxx, maxy = bounds
    return [[miny - pad, minx - pad], [maxy + pad, maxx + pad]]


def _context_level(props: dict) -> str:
    """ "country" or "admin1" for a feature of context.geojson, from whatever property names it."""
    for key in ("level", "kind", "type", "layer", "role", "admin_level", "category"):
        value = str(props.get(key, "")).lower()
        if value in {"country", "countries", "admin0", "admin-0", "admin_0", "0"}:
            return "country"
        if value in {"admin1", "admin-1", "admin_1", "1", "neighbour", "neighbor", "focus", "state", "province"}:
            return "admin1"
    return "admin1" if any(k in props for k in ("adm1_code", "focus_region", "admin1")) else "country"


def context_polygons(atlas: Atlas, clip: tuple[float, float, float, float] | None) -> list[tuple[str, BaseGeometry]]:
    """(level, simplified geometry) of the basemap's polygons — countries first — clipped to a box if given."""
    found: list[tuple[str, BaseGeometry]] = []
    for item in (atlas.context or {}).get("features") or []:
        if not isinstance(item, dict) or not isinstance(item.get("geometry"), dict):
            continue
        try:
            geom = shape(item["geometry"])
        except Exception:  # a broken context feature only costs basemap detail, never the map
            continue
        if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
            continue
        if clip is not None:
            if not geom.intersects(box(*clip)):
                continue
            geom = shapely.clip_by_rect(geom, *clip)
            if geom.is_empty:
                continue
        found.append((_context_level(item.get("properties") or {}), geom))
    if not found:
        return []
    tolerance = CONTEXT_TOLERANCE if clip is not None else OVERVIEW_TOLERANCE
    result: list[tuple[str, BaseGeometry]] = []
    for level in ("country", "admin1"):
        geoms = [g for lv, g in found if lv == level]
        if not geoms:
            continue
        try:
            simplified = list(shapely.coverage_simplify(geoms, tolerance))
        except Exception:  # not a clean coverage: simplify each on its own
            simplified = [_simplify(g, tolerance) for g in geoms]
        result.extend((level, g) for g in simplified if not g.is_empty)
    return result


# ---------------------------------------------------------------------------------------------- elements


class _Css(MacroElement):
    """A <style> block in the page header."""

    _template = Template(
        """{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}"""  # fixed CSS only
    )

    def __init__(self, css: str) -> None:
        super().__init__()
        self._name = "VetaCss"
        self.css = css


class _Legend(MacroElement):
    """The legend as a Leaflet control (its HTML is passed as a JSON string)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function () {
            var div = L.DomUtil.create('div', 'veta-legend-control');
            div.innerHTML = {{ this.html|tojson }};
            if ({{ this._parent.get_name() }}.getSize().x < {{ this.collapse_below|tojson }}) {
                div.querySelector('details').open = false;  // a phone-sized map: legend folded, a tap opens it
            }
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, html: str, position: str = "bottomleft", collapse_below: int = NARROW_MAP_PIXELS) -> None:
        super().__init__()
        self._name = "VetaLegend"
        self.html = html
        self.position = position
        self.collapse_below = collapse_below


class _Attribution(MacroElement):
    """Adds the data credit to the map's attribution control (text passed as a JSON string)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "VetaAttribution"
        self.text = text


class _OpenPopup(MacroElement):
    """Opens one element's popup once everything is on the map (a popup cannot open before its layer is)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        {{ this.target.get_name() }}.openPopup();
        {% endmacro %}"""
    )

    def __init__(self, target: MacroElement) -> None:
        super().__init__()
        self._name = "VetaOpenPopup"
        self.target = target


class _PopupsFitMap(MacroElement):
    """Narrows a popup wider than its map (a phone, a projector's narrow column) so that it fits, instead of
    running over the map's edge; a popup opened again on a wider map gets its own width back. Popups are
    panned into view below the map's top controls (POPUP_PAN_TOP_LEFT)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        L.Popup.mergeOptions({autoPanPaddingTopLeft: [{{ this.pan_top_left[0] }}, {{ this.pan_top_left[1] }}]});
        {{ this._parent.get_name() }}.on("popupopen", function (event) {
            var popup = event.popup;
            if (popup.vetaMaxWidth === undefined) popup.vetaMaxWidth = popup.options.maxWidth;
            var width = Math.min(popup.vetaMaxWidth, Math.max({{ this.min_width }}, this.getSize().x - {{ this.margin }}));
            if (width !== popup.options.maxWidth) {
                popup.options.maxWidth = width;
                popup.update();
            }
        });
        {% endmacro %}"""
    )

    def __init__(
        self, margin: int = POPUP_MAP_MARGIN, min_width: int = 120, pan_top_left: tuple[int, int] = POPUP_PAN_TOP_LEFT
    ) -> None:
        super().__init__()
        self._name = "VetaPopupsFitMap"
        self.margin = int(margin)
        self.min_width = int(min_width)
        self.pan_top_left = (int(pan_top_left[0]), int(pan_top_left[1]))


class _KeepFit(MacroElement):
    """Keeps the map fitted to `bounds` when its frame changes size, until the user moves the map.

    A map can be drawn before it is shown (a page preloads it at a guessed width, `ui/map_frames.js`), and a
    window can be resized: the map keeps its centre, and is fitted again if the bounds need another zoom; an open
    popup (a deep-linked selection) is opened again so that it is narrowed and panned into the new view. Any
    pointer, click, wheel or key on the map counts as moving it: after that a resize changes nothing (a popup
    the user opened is never opened again under the pointer). `window.vetaFitToFrame()` lets the page ask for
    that at once when it shows the frame. After each fit the map's container says at what size it was fitted
    (`data-veta-fitted="<width>x<height>"`), so that a test or a benchmark can tell a map fitted to its frame.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function (map, bounds) {
            var container = map.getContainer();
            var touched = false;
            function touch() { touched = true; }
            ["pointerdown", "click", "wheel", "keydown", "touchstart"].forEach(function (type) {
                container.addEventListener(type, touch, {passive: true});
            });
            function fitted() {
                var size = map.getSize();
                container.dataset.vetaFitted = size.x + "x" + size.y;
            }
            map.on("resize", function () {
                if (touched) return;
                // Resizing keeps the map's centre; a new zoom redraws every layer, so only when it must change.
                if (map.getBoundsZoom(bounds) !== map.getZoom()) map.fitBounds(bounds, {animate: false});
                var popup = map._popup;
                if (popup && map.hasLayer(popup)) {
                    map.closePopup(popup);
                    map.openPopup(popup);
                }
                fitted();
            });
            window.vetaFitToFrame = function () { map.invalidateSize(false); };
            fitted();
        })({{ this._parent.get_name() }}, {{ this.bounds|tojson }});
        {% endmacro %}"""
    )

    def __init__(self, bounds: list[list[float]]) -> None:
        super().__init__()
        self._name = "VetaKeepFit"
        self.bounds = bounds


class _ReportClicks(MacroElement):
    """Tells the page around the map which feature was clicked: a `{type: "veta:feature", id, map}` message
    (`map`: the map file's path, so that the page knows which of its maps it came from).

    Every layer with a tooltip carries its feature (or region) id in it (see `_tooltip`); a click on such a
    layer posts that id to the parent window, same origin only. Added last, so that a popup opened while the
    map is built (a deep-linked selection) reports nothing. A map opened on its own (no parent) posts nothing.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
        (function (map) {
            if (window.parent === window) return;
            var pattern = new RegExp({{ this.pattern|tojson }});
            function bind(layer) {
                var tooltip = layer.getTooltip && layer.getTooltip();
                var content = tooltip && tooltip.getContent();
                var found = typeof content === "string" && content.match(pattern);
                if (found && !layer._vetaReports) {
                    layer._vetaReports = true;
                    layer.on("click", function () {
                        window.parent.postMessage(
                            {type: "veta:feature", id: found[1], map: window.location.pathname},
                            window.location.origin
                        );
                    });
                }
            }
            map.eachLayer(bind);
        })({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "VetaReportClicks"
        self.pattern = TOOLTIP_ID.pattern


def credit_html() -> str:
    """The map's data credit: a short line that unfolds to the full sources and licences."""
    return (
        '<details class="veta-credit"><summary>Data: Natural Earth, GSHHG, GeoNames, MIMU · Interview © TNI '
        f"(CC BY-NC-ND 3.0)</summary>{escape_text(GEODATA_CREDIT_TEXT)}. "
        f"{escape_text(INTERVIEW_CREDIT_SHORT)}</details>"
    )


def _tooltip(name: str, feature_id: str) -> folium.Tooltip:
    """Hover text: the name, with the id hidden in it so that a click can be traced back to the feature."""
    return folium.Tooltip(
        f'{escape_text(name)}<span class="veta-fid" style="display:none">[veta:{escape_text(feature_id)}]</span>',
        sticky=False,
    )


def feature_id_from_tooltip(text: str | None) -> str | None:
    """The feature id a clicked map object reports through its tooltip text, if any."""
    match = TOOLTIP_ID.search(text or "")
    return match.group(1) if match else None


def popup_html(atlas: Atlas, feature: Feature, passage_url: str = PASSAGE_URL) -> str:
    """A feature's popup: name, layer/kind, every quote verbatim with speaker and passage, precision, note, links."""
    parts = [
        f'<div class="veta-popup" data-feature="{escape_text(feature.id)}">',
        f"<b>{escape_text(feature.name)}</b>",
        f'<div class="veta-meta">{escape_text(LAYER_LABELS[feature.layer])} · {escape_text(feature.kind)}</div>',
    ]
    first = feature.passage_ids[0]
    parts.append(
        f'<div><a href="{escape_text(passage_url.format(passage_id=first))}" target="_blank" rel="noopener">'
        'Read the passage in the reader ↗</a> <span class="veta-meta">(opens a new tab)</span></div>'
    )
    for evidence in feature.evidence:
        passage = atlas.passage(evidence.passage_id)
        url = passage_url.format(passage_id=evidence.passage_id)
        parts.append(
            f"<blockquote>“{quote_html(evidence.exact)}”<br>"
            f'<span class="veta-meta">— {escape_text(passage.speaker)}, '
            f'<a href="{escape_text(url)}" target="_blank" rel="noopener">passage {escape_text(passage.number)}</a>'
            "</span></blockquote>"
        )
    parts.append(
        f'<div class="veta-meta"><b>Placement:</b> {escape_text(PRECISION_LABELS[feature.precision])}. '
        f"{escape_text(feature.placement_note)}</div>"
    )
    if feature.caveat:
        parts.append(f'<div class="veta-meta"><b>Caveat:</b> {escape_text(feature.caveat)}</div>')
    parts.append("</div>")
    return "".join(parts)


def _drawn_geometry(feature: Feature) -> BaseGeometry:
    """Where a feature is drawn: a region-wide one at its region's representative point, all of them together."""
    if feature.precision == "region" and feature.geometry is not None:
        return feature.geometry.representative_point()
    return feature.geometry


def _fan_out(features: Sequence[Feature]) -> dict[tuple[str, int], tuple[float, float]]:
    """Pixel offsets (dx, dy) per (feature id, point index) so that points at one place don't hide each other.

    Points within SAME_PLACE_DEGREES of each other form a group; its members, ordered by layer then id, sit on a
    golden-angle spiral around the true place (the first stays on it).
    """
    points: list[tuple[int, str, int, float, float]] = []
    for feature in features:
        drawn = _drawn_geometry(feature)
        if drawn.geom_type in ("Point", "MultiPoint"):
            for index, (lat, lng) in enumerate(_points(drawn)):
                points.append((LAYERS.index(feature.layer), feature.id, index, lat, lng))
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
        for k, (_, feature_id, index, _, _) in enumerate(group):
            if k == 0:
                offsets[(feature_id, index)] = (0.0, 0.0)
                continue
            angle = math.radians(137.508 * k)
            radius = FAN_OUT_PIXELS * math.sqrt(k)
            offsets[(feature_id, index)] = (round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1))
    return offsets


def _feature_classes(feature: Feature, selected: bool) -> str:
    classes = f"veta-feature veta-fid-{feature.id} veta-layer-{feature.layer} veta-precision-{feature.precision}"
    return classes + (" veta-selected" if selected else "")


def _add_feature(
    group: folium.FeatureGroup,
    atlas: Atlas,
    feature: Feature,
    offsets: dict[tuple[str, int], tuple[float, float]],
    *,
    selected: bool,
    passage_url: str,
) -> MacroElement:
    """Draw one feature (markers, lines or polygons) into its layer group, with tooltip and popup.

    Returns the (first) element drawn, whose popup opens when the feature is selected.
    """
    colour = LAYER_COLOURS[feature.layer]
    html = popup_html(atlas, feature, passage_url)
    geom = _drawn_geometry(feature)
    kind = geom.geom_type
    classes = _feature_classes(feature, selected)

    def popup() -> folium.Popup:
        # lazy: the popup's HTML is parsed on first click, not while the map loads (the selected one opens at once)
        return folium.Popup(html, max_width=380, max_height=POPUP_MAX_HEIGHT, lazy=not selected)

    if kind in ("Point", "MultiPoint"):
        style = MARKER_STYLES[feature.precision]
        first: MacroElement | None = None
        for index, (lat, lng) in enumerate(_points(geom)):
            dx, dy = offsets.get((feature.id, index), (0.0, 0.0))
            half = style.size / 2
            icon = folium.DivIcon(
                html=marker_svg(feature.layer, feature.precision, selected=selected),
                icon_size=(style.size, style.size),
                icon_anchor=(round(half - dx, 1), round(half - dy, 1)),
                class_name=f"veta-marker {classes}",
            )
            marker = folium.Marker(
                [lat, lng],
                icon=icon,
                z_index_offset=style.z_offset + (5000 if selected else 0),
                riseOnHover=True,
            )
            marker.add_child(_tooltip(feature.name, feature.id))
            marker.add_child(popup())
            marker.add_to(group)
            first = first or marker
        assert first is not None
        return first
    weight = 6 if selected else 4
    dash = LINE_DASHES[feature.precision]
    opacity = LINE_OPACITY[feature.precision]
    stroke = SELECTED_COLOUR if selected else colour
    if kind in ("LineString", "MultiLineString"):
        lines = _line_latlngs(_simplify(geom, OUTLINE_TOLERANCE))
        if selected:  # a dark halo under the selected line
            folium.PolyLine(lines, color=SELECTED_COLOUR, weight=weight + 4, opacity=0.5, interactive=False).add_to(
                group
            )
        if feature.layer == "rivers":
            element: folium.MacroElement = folium.PolyLine(
                lines, color=colour, weight=weight, opacity=opacity, dash_array=dash, class_name=classes
            )
        else:  # a broad translucent band, so the river it follows stays visible beneath it
            element = folium.PolyLine(
                lines, color=colour, weight=weight + 6, opacity=opacity * 0.5, dash_array=dash, class_name=classes
            )
    else:
        element = _polygon(
            _polygon_latlngs(_simplify(geom, OUTLINE_TOLERANCE)),
            color=stroke,
            weight=3 if selected else 2,
            opacity=opacity,
            dash_array=dash,
            fill=True,
            fill_color=colour,
            fill_opacity=0.22 if feature.precision != "region" else 0.1,
            class_name=classes,
        )
    element.add_child(_tooltip(feature.name, feature.id))
    element.add_child(popup())
    element.add_to(group)
    return element


def _feature_bounds(feature: Feature) -> list[list[float]]:
    """Bounds to fit the map to one feature, padded so that a point shows its surroundings."""
    pad = {"site": 0.12, "approximate": 0.25, "inferred": 0.25, "region": 0.6}[feature.precision]
    minx, miny, maxx, maxy = feature.geometry.bounds
    if feature.geometry.geom_type == "Point":  # the point in the lower part, room above it for the open popup
        return [[miny - pad * 0.35, minx - pad], [maxy + pad * 1.65, maxx + pad]]
    return _bounds_latlng(feature.geometry.bounds, pad)


def _renumber(root: Any) -> None:
    """Replace folium's random element ids by a counter, so the same map renders to the same HTML."""
    counter = 0

    def visit(element: Any) -> None:
        nonlocal counter
        for attribute in ("header", "html", "script"):  # Figure's and Popup's own sub-elements
            sub = getattr(element, attribute, None)
            if isinstance(sub, Element) and sub is not element:
                sub._id = f"v{counter:04d}"
                counter += 1
                visit(sub)
        children = list(element._children.items())
        renamed = {}
        for key, child in children:
            old_name = child.get_name()
            child._id = f"v{counter:04d}"
            counter += 1
            renamed[child.get_name() if key == old_name else key] = child
            visit(child)
        element._children.clear()
        element._children.update(renamed)

    root._id = "vroot"
    visit(root)


def _new_map(location: list[float], zoom: int, **options: Any) -> folium.Map:
    m = folium.Map(
        location=location,
        zoom_start=zoom,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        **options,
    )
    m.add_child(_Css(LEGEND_CSS))
    folium.map.CustomPane(BASEMAP_PANE, z_index=350, pointer_events=False).add_to(m)
    m.add_child(_PopupsFitMap())
    return m


def _basemap_polygon(geom: BaseGeometry, level: str, *, focus: bool = False) -> folium.Polygon:
    polygon = _polygon(
        _polygon_latlngs(geom),
        color=BORDER_COLOUR,
        weight=1.6 if level == "country" else 0.8,
        opacity=0.9,
        dash_array=None if level == "country" else "4 3",
        fill=True,
        fill_color=FOCUS_FILL if focus else LAND_COLOUR,
        fill_opacity=1.0,
        interactive=False,
        class_name=f"veta-context veta-context-{level}",
    )
    polygon.options["pane"] = BASEMAP_PANE
    return polygon


def build_region_map(
    atlas: Atlas,
    region_id: str,
    *,
    layers: Iterable[str] | None = None,
    selected_feature_id: str | None = None,
    online_tiles: bool = False,
    passage_url: str = PASSAGE_URL,
    report_clicks: bool = False,
) -> folium.Map:
    """The map of one focus region: offline basemap, outline, one toggleable group per layer, legend, credits.

    `layers` limits which thematic layers are drawn (default all). `selected_feature_id` highlights that
    feature, fits the map to it and opens its popup. `online_tiles` adds OpenStreetMap and Esri World Imagery
    as base layers the user can switch to (the offline vector basemap stays the default). `report_clicks`
    makes a click on a feature post its id to the page the map is embedded in (`_ReportClicks`).
    """
    region = atlas.region(region_id)
    shown = tuple(layer for layer in LAYERS if layers is None or layer in set(layers))
    minx, miny, maxx, maxy = region.geometry.bounds
    m = _new_map([_round((miny + maxy) / 2), _round((minx + maxx) / 2)], 7)
    features = [f for f in atlas.features_in(region_id) if f.layer in shown]
    selected = next((f for f in features if f.id == selected_feature_id), None)
    fit_bounds_first(m, _feature_bounds(selected) if selected else _bounds_latlng(region.geometry.bounds, 0.05))

    clip = (
        minx - CONTEXT_MARGIN_DEGREES,
        miny - CONTEXT_MARGIN_DEGREES,
        maxx + CONTEXT_MARGIN_DEGREES,
        maxy + CONTEXT_MARGIN_DEGREES,
    )
    basemap = folium.FeatureGroup(name="Offline basemap", overlay=not online_tiles, control=online_tiles, show=True)
    for level, geom in context_polygons(atlas, clip):
        _basemap_polygon(geom, level).add_to(basemap)
    basemap.add_to(m)
    if online_tiles:
        for name, url, attribution in ONLINE_TILES:
            folium.TileLayer(url, name=name, attr=attribution, overlay=False, show=False, max_zoom=18).add_to(m)

    outline = folium.FeatureGroup(name="Region outline", control=False)
    _region_outline(region).add_to(outline)
    outline.add_to(m)

    selected_element: MacroElement | None = None
    offsets = _fan_out(features)
    for layer in shown:
        in_layer = [f for f in features if f.layer == layer]
        label = f'<span style="color:{LAYER_COLOURS[layer]}">●</span> {LAYER_LABELS[layer]} ({len(in_layer)})'
        group = folium.FeatureGroup(name=label, show=True)
        for feature in in_layer:
            element = _add_feature(
                group,
                atlas,
                feature,
                offsets,
                selected=feature.id == selected_feature_id,
                passage_url=passage_url,
            )
            if feature.id == selected_feature_id:
                selected_element = element
        group.add_to(m)

    control = folium.LayerControl(collapsed=False, position="topright")
    control.options["collapsed"] = JsCode(f"window.innerWidth < {NARROW_MAP_PIXELS}")
    control.add_to(m)
    m.add_child(_Legend(legend_html(f"{region.name}: how to read the map", shown)))
    m.add_child(_Attribution(credit_html()))

    if selected_element is not None:
        m.add_child(_OpenPopup(selected_element))
    if report_clicks:
        m.add_child(_ReportClicks())
    _renumber(m.get_root())
    return m


def drop_fit_bounds(m: folium.Map) -> None:
    """Remove the map's fit to bounds, if any (before it is rendered): its initial view is then its own."""
    for name, child in list(m._children.items()):
        if isinstance(child, FitBounds | _KeepFit):
            del m._children[name]


def fit_bounds_first(m: folium.Map, bounds: list[list[float]]) -> None:
    """Open the map fitted to `bounds` ([[south, west], [north, east]]), replacing any earlier fit, and keep it
    fitted when its frame changes size until the user moves it (`_KeepFit`).

    The fit's script runs right after the map is created, before any layer is added, so Leaflet draws the
    layers once, at the final view; fitted after them, it drew every layer and then redrew them all at the
    new zoom (~15 ms of a region map's 85–135 ms script, timed in Chromium). No zoom animation either: a popup
    opened while the map still zooms is panned into view for the old view, and ends up over the map's edge.
    """
    drop_fit_bounds(m)
    fit = FitBounds(bounds)
    fit.options["animate"] = False
    m.add_child(fit)
    m._children.move_to_end(fit.get_name(), last=False)
    m.add_child(_KeepFit(bounds))


def _region_outline(region: Region, tolerance: float = OUTLINE_TOLERANCE) -> folium.Polygon:
    return _polygon(
        _polygon_latlngs(_simplify(region.geometry, tolerance)),
        color=OUTLINE_COLOUR,
        weight=3,
        opacity=1.0,
        fill=True,
        fill_color=FOCUS_FILL,
        fill_opacity=0.35,
        interactive=False,
        class_name="veta-outline",
    )


def region_summary(atlas: Atlas, region_id: str) -> str:
    """A one-line plain-text count of a region's features per layer, e.g. for tooltips."""
    region = atlas.region(region_id)
    counts = ", ".join(f"{len(atlas.features_in(region_id, layer))} {layer}" for layer in LAYERS)
    return f"{region.name} ({region.country}): {len(atlas.features_in(region_id))} features — {counts}"


def build_overview_map(atlas: Atlas, *, region_url: str = REGION_URL, report_clicks: bool = False) -> folium.Map:
    """The three focus regions' real outlines on a world view, each with its feature counts and a link to its page.

    `report_clicks`: a click on a region posts its id to the embedding page (see `build_region_map`).
    """
    m = _new_map([5.0, 10.0], 2, min_zoom=1, world_copy_jump=False)
    basemap = folium.FeatureGroup(name="Offline basemap", control=False)
    for level, geom in context_polygons(atlas, None):
        if level == "country":  # at world zoom the admin-1 borders are noise
            _basemap_polygon(geom, level).add_to(basemap)
    for latitude, label in ((0.0, "Equator"), (23.44, "Tropic of Cancer"), (-23.44, "Tropic of Capricorn")):
        line = folium.PolyLine(
            [[latitude, -180.0], [latitude, 180.0]],
            color=BORDER_COLOUR,
            weight=1,
            opacity=0.6,
            dash_array="6 6",
            interactive=False,
            class_name="veta-graticule",
        )
        line.options["pane"] = BASEMAP_PANE
        line.add_child(folium.Tooltip(label, permanent=True, direction="right", class_name="veta-graticule-label"))
        line.add_to(basemap)
    basemap.add_to(m)
    regions = folium.FeatureGroup(name="Focus regions", control=False)
    for region in atlas.regions:
        summary = region_summary(atlas, region.id)
        polygon = _polygon(
            _polygon_latlngs(_simplify(region.geometry, OVERVIEW_TOLERANCE)),
            color=OUTLINE_COLOUR,
            weight=2,
            fill=True,
            fill_color=LAYER_COLOURS["minerals"],
            fill_opacity=0.6,
            class_name=f"veta-outline veta-region-{region.id}",
        )
        polygon.add_child(_tooltip(summary, region.id))
        url = region_url.format(region_id=region.id)
        polygon.add_child(
            folium.Popup(
                f'<div class="veta-popup" data-region="{escape_text(region.id)}"><b>{escape_text(region.name)}</b>'
                f'<div class="veta-meta">{escape_text(summary)}</div>'
                f'<a href="{escape_text(url)}" target="_blank" rel="noopener">Open the {escape_text(region.name)} '
                "map ↗</a></div>",
                max_width=300,
            )
        )
        polygon.add_to(regions)
        # a marker too: at world zoom the outlines are only a few pixels wide
        centre = region.geometry.representative_point()
        marker = folium.Marker(
            [_round(centre.y), _round(centre.x)],
            icon=folium.DivIcon(
                html=(
                    f'<div style="white-space:nowrap">{marker_svg("minerals", "site")}'
                    f'<span class="veta-region-label">{escape_text(region.name)}</span></div>'
                ),
                icon_size=(160, 22),
                icon_anchor=(11, 11),
                class_name=f"veta-marker veta-region-marker veta-region-{region.id}",
            ),
        )
        marker.add_child(_tooltip(summary, region.id))
        marker.add_to(regions)
    regions.add_to(m)
    m.add_child(_Attribution(credit_html()))
    bounds = shapely.union_all([r.geometry for r in atlas.regions]).bounds if atlas.regions else (-80, -15, 100, 30)
    fit_bounds_first(m, _bounds_latlng(bounds, 4.0))
    if report_clicks:
        m.add_child(_ReportClicks())
    _renumber(m.get_root())
    return m


def map_html(m: folium.Map) -> str:
    """The map as a complete standalone HTML document."""
    return m.get_root().render()


def iter_feature_ids(html: str) -> Iterator[str]:
    """The feature ids whose hidden tooltip markers occur in a rendered map, in order."""
    for match in TOOLTIP_ID.finditer(html):
        yield match.group(1)
