"""The screen renderer: a `MapSpec` drawn as a folium map.

Every layer is a `folium.GeoJson` styled by a Python style function (points are `folium.Marker`s with a
`DivIcon` whose per-feature options the style function gives, as folium's GeoJson `marker` documents). The map's
behaviour lives in `veta/maps/static/veta-map.js` and its styles in `veta-map.css`, installed next to Leaflet by
`veta.assets` and loaded as files (`veta.assets.offline_js`); the map's own script only calls
`VetaMap.legend`, `VetaMap.fit`, `VetaMap.onEachFeature`/`onEachArea` and `VetaMap.init` with JSON data. No
folium, branca or Leaflet private state is touched: `map_html` renames folium's random element ids in the
rendered text, so the same spec always gives the same HTML (a map file's name is a hash of its content).
"""

from __future__ import annotations

import re
from typing import Any

import folium
from folium.template import Template
from folium.utilities import JsCode

from veta.credits import GEODATA_CREDIT_TEXT
from veta.escape import escape_text
from veta.i18n import DEFAULT_LANGUAGE, N_, _, current_language
from veta.maps.spec import Bounds, MapSpec
from veta.symbology import (
    BORDER_COLOUR,
    FOCUS_FILL,
    LAND_COLOUR,
    LAYER_COLOURS,
    LINE_DASHES,
    LINE_OPACITY,
    OUTLINE_COLOUR,
    SCOPE_COLOUR,
    SELECTED_COLOUR,
    legend_html,
    marker_svg,
)

BASEMAP_PANE = "vetaBasemap"
LABEL_PANE = "vetaLabels"
NARROW_MAP_PIXELS = 720
"""Below this map width the layer list collapses to its button."""
FOLD_LEGEND_BELOW = 600
"""In a window narrower than this (a phone) the legend starts folded; a tap opens it. The window's width, not the
map's: a laptop's region map is as narrow as a phone's (322 px at 1024 x 768), and its legend stays open."""
FIT_ZOOM_SNAP = 0.25
"""Fitted maps zoom in quarter steps, so the room kept free beside the legend costs a little scale, not half."""
OPEN_STATEMENTS_FROM = 1024
"""From this map width the list of region-wide statements starts open."""
LOCATOR_FROM = 560
"""The locator is drawn on maps at least this wide."""
LOCATOR_SIZE = (120, 84)
INTERVIEW_CREDIT_SHORT = N_(
    "Quotes: “Artisanal and Informal Mining”, Digging Deeper, © Transnational Institute (TNI), CC BY-NC-ND 3.0"
)
"""The interview credit inside the map (no URL: the map must not contain any; the page credits link it)."""
STATEMENTS_HINT = N_("Said of the whole area, not of a place in it. Choose one to outline the area and read it.")
ONLINE_TILES: tuple[tuple[str, str, str], ...] = (
    (
        N_("OpenStreetMap (online)"),
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
    (
        N_("Esri World Imagery (online)"),
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "Tiles &copy; Esri — Source: Esri, Maxar, Earthstar Geographics, and the GIS User Community",
    ),
)
"""Opt-in online base layers (name, URL template, attribution); never added unless asked for. Names are
translated where shown."""
OFFLINE_BASEMAP = N_("Offline basemap")
PLACE_NAMES = N_("Place names")

MESSAGES: dict[str, str] = {"pick": "veta:feature", "select": "veta:select", "selected": "veta:selected"}
"""The map <-> page messages (DESIGN.md) veta-map.js speaks: it posts `pick` and `selected`, handles `select`.
Named in every map's data, so a page can tell from a map file that it selects in place."""
LANGUAGE_ATTRIBUTE = "veta_language"
"""The attribute of a drawn map that holds the language it speaks (read by `map_html`)."""
_FOLIUM_ID = re.compile(r"\b([a-z][a-z0-9_]*?)_([0-9a-f]{32})(?![0-9a-f])")


class _Call(folium.MacroElement):
    """One line of the map's script: `VetaMap.<function>(<the map>, <JSON data>);` (no other code)."""

    _template = Template(
        "{% macro script(this, kwargs) %}VetaMap.{{ this.function }}({{ this._parent.get_name() }}, "
        "{{ this.data|tojson }});{% endmacro %}"
    )

    def __init__(self, function: str, data: Any) -> None:
        super().__init__()
        self._name = "VetaCall"
        self.function = function
        self.data = data


def credit_html() -> str:
    """The map's data credit: a short line that unfolds to the full sources and licences."""
    summary = _("Data: Natural Earth, GSHHG, GeoNames, MIMU · Interview © TNI (CC BY-NC-ND 3.0)")
    interview = _(INTERVIEW_CREDIT_SHORT)
    geodata = _(GEODATA_CREDIT_TEXT)  # the credits module may mark it for translation
    return (
        f'<details class="veta-credit"><summary>{escape_text(summary)}</summary>{escape_text(geodata)}. '
        f"{escape_text(interview)}</details>"
    )


def _latlng_bounds(bounds: Bounds) -> list[list[float]]:
    (south, west), (north, east) = bounds
    return [[south, west], [north, east]]


def _centre(bounds: Bounds) -> list[float]:
    (south, west), (north, east) = bounds
    return [round((south + north) / 2, 4), round((west + east) / 2, 4)]


# --------------------------------------------------------------------------------------------- styles


def _area_style(feature: dict[str, Any]) -> dict[str, Any]:
    role = feature["properties"]["role"]
    if role == "focus":
        return {
            "color": OUTLINE_COLOUR,
            "weight": 3,
            "opacity": 1.0,
            "fill": True,
            "fillColor": FOCUS_FILL,
            "fillOpacity": 0.35,
            "className": "veta-outline",
        }
    if role == "scope":
        return {
            "color": SCOPE_COLOUR,
            "weight": 2,
            "opacity": 0.9,
            "dashArray": LINE_DASHES["region"],
            "fill": True,
            "fillColor": SCOPE_COLOUR,
            "fillOpacity": 0.08,
            "className": "veta-scope veta-outline-andes",
        }
    return {
        "color": BORDER_COLOUR,
        "weight": {"country": 1.6, "land": 1.0, "admin1": 0.8}[role],
        "opacity": 0.9,
        "dashArray": "4 3" if role == "admin1" else None,
        "fill": True,
        "fillColor": LAND_COLOUR,
        "fillOpacity": 1.0,
        "className": f"veta-context veta-context-{role}",
    }


def _shape_style(feature: dict[str, Any]) -> dict[str, Any]:
    p = feature["properties"]
    colour = p["colour"]
    dash = LINE_DASHES[p["precision"]]
    opacity = LINE_OPACITY[p["precision"]]
    selected = "veta-selected" in p["classes"].split()
    if feature["geometry"]["type"] in ("LineString", "MultiLineString"):
        if p["layer"] == "rivers":
            return {
                "color": colour,
                "weight": 6 if selected else 4,
                "opacity": opacity,
                "dashArray": dash,
                "className": p["classes"],
            }
        # a broad translucent band, so the river it follows stays visible beneath it
        return {"color": colour, "weight": 10, "opacity": opacity * 0.5, "dashArray": dash, "className": p["classes"]}
    return {
        "color": SELECTED_COLOUR if selected else colour,
        "weight": 3 if selected else 2,
        "opacity": opacity,
        "dashArray": dash,
        "fill": True,
        "fillColor": colour,
        "fillOpacity": 0.22,
        "className": p["classes"],
    }


def _point_style(feature: dict[str, Any]) -> dict[str, Any]:
    """DivIcon options of one point: its symbol, size and anchor (spread from others at the same place)."""
    p = feature["properties"]
    half = p["size"] / 2
    dx, dy = p["offset"]
    return {
        "html": marker_svg(p["layer"], p["precision"]),
        "iconSize": [p["size"], p["size"]],
        "iconAnchor": [round(half - dx, 1), round(half - dy, 1)],
        "className": f"veta-marker {p['classes']}",
    }


def _label_style(feature: dict[str, Any]) -> dict[str, Any]:
    p = feature["properties"]
    return {
        "html": f"<span>{p['text']}</span>",
        "iconSize": [0, 0],
        "className": f"veta-label veta-label-{p['kind']}",
    }


def _region_marker_style(feature: dict[str, Any]) -> dict[str, Any]:
    p = feature["properties"]
    return {
        "html": (
            f'<div style="white-space:nowrap">{marker_svg("minerals", "site")}'
            f'<span class="veta-region-label">{p["name"]}</span></div>'
        ),
        "iconSize": [160, 22],
        "iconAnchor": [11, 11],
        "className": f"veta-marker veta-region-marker veta-region-{p['id']}",
    }


def _region_area_style(feature: dict[str, Any]) -> dict[str, Any]:
    return {
        "color": OUTLINE_COLOUR,
        "weight": 2,
        "fill": True,
        "fillColor": LAYER_COLOURS["minerals"],
        "fillOpacity": 0.6,
        "className": f"veta-outline veta-region-{feature['properties']['id']}",
    }


def _ring_style(feature: dict[str, Any]) -> dict[str, Any]:
    classes = f"veta-tour-highlight veta-tour-fid-{feature['properties']['id']}"
    if feature["geometry"]["type"] in ("Point", "MultiPoint"):
        return {"radius": 22, "color": SELECTED_COLOUR, "weight": 3, "fill": False, "className": classes}
    if feature["geometry"]["type"] in ("LineString", "MultiLineString"):
        return {"color": SELECTED_COLOUR, "weight": 12, "opacity": 0.3, "className": classes}
    return {"color": SELECTED_COLOUR, "weight": 4, "fill": False, "className": classes}


# --------------------------------------------------------------------------------------------- layers


def _collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def _marker(**options: Any) -> folium.Marker:
    return folium.Marker(icon=folium.DivIcon(), **options)


def _add_basemap(m: folium.Map, spec: MapSpec, online_tiles: bool) -> None:
    basemap = folium.FeatureGroup(
        name=escape_text(_(OFFLINE_BASEMAP)), overlay=not online_tiles, control=online_tiles, show=True
    )
    areas = [
        {
            "type": "Feature",
            "id": f"area-{i}",
            "properties": {"role": a.role, "id": a.id},
            "geometry": a.geometry,
        }
        for i, a in enumerate(spec.context)
        if a.role in ("land", "country", "admin1")
    ]
    if areas:
        folium.GeoJson(
            _collection(areas), style_function=_area_style, pane=BASEMAP_PANE, interactive=False, control=False
        ).add_to(basemap)
    basemap.add_to(m)
    if online_tiles:
        for name, url, attribution in ONLINE_TILES:
            folium.TileLayer(
                url, name=escape_text(_(name)), attr=attribution, overlay=False, show=False, max_zoom=18
            ).add_to(m)


def _add_outlines(m: folium.Map, spec: MapSpec) -> None:
    outlines = []
    for i, area in enumerate(a for a in spec.context if a.role in ("focus", "scope")):
        label = list(area.label_at) if area.label_at else None
        outlines.append(
            {
                "type": "Feature",
                "id": f"outline-{i}",
                "properties": {"role": area.role, "id": area.id, "label_at": label},
                "geometry": area.geometry,
            }
        )
    if outlines:
        group = folium.FeatureGroup(name="Outline", control=False)
        folium.GeoJson(
            _collection(outlines),
            style_function=_area_style,
            interactive=False,
            on_each_feature=JsCode("VetaMap.onEachArea"),
        ).add_to(group)
        group.add_to(m)


def _add_labels(m: folium.Map, spec: MapSpec) -> None:
    if not spec.labels:
        return
    features = [
        {
            "type": "Feature",
            "id": f"label-{i}",
            "properties": {"text": escape_text(label.text), "kind": label.kind},
            "geometry": {"type": "Point", "coordinates": [label.lng, label.lat]},
        }
        for i, label in enumerate(spec.labels)
    ]
    group = folium.FeatureGroup(name=escape_text(_(PLACE_NAMES)), show=True)
    folium.GeoJson(
        _collection(features),
        style_function=_label_style,
        marker=_marker(interactive=False, keyboard=False, pane=LABEL_PANE),
    ).add_to(group)
    group.add_to(m)


def _add_layers(m: folium.Map, spec: MapSpec) -> None:
    for layer in spec.layers:
        label = f'<span style="color:{layer.colour}">●</span> {escape_text(layer.label)}'
        group = folium.FeatureGroup(name=label, show=True)
        if layer.shapes["features"]:
            folium.GeoJson(
                layer.shapes, style_function=_shape_style, on_each_feature=JsCode("VetaMap.onEachFeature")
            ).add_to(group)
        if layer.points["features"]:
            folium.GeoJson(
                layer.points,
                style_function=_point_style,
                on_each_feature=JsCode("VetaMap.onEachFeature"),
                marker=_marker(keyboard=True, riseOnHover=True),
            ).add_to(group)
        group.add_to(m)


def _add_regions(m: folium.Map, spec: MapSpec) -> None:
    if not spec.regions:
        return
    group = folium.FeatureGroup(name="Focus regions", control=False)
    folium.GeoJson(
        _collection(list(spec.regions)),
        style_function=_region_area_style,
        on_each_feature=JsCode("VetaMap.onEachFeature"),
    ).add_to(group)
    markers = [
        {
            "type": "Feature",
            "id": f"{r['id']}#marker",
            "properties": {k: r["properties"][k] for k in ("id", "name", "tooltip")},
            "geometry": {"type": "Point", "coordinates": r["properties"]["label_at"][::-1]},
        }
        for r in spec.regions
    ]
    folium.GeoJson(
        _collection(markers),
        style_function=_region_marker_style,
        on_each_feature=JsCode("VetaMap.onEachFeature"),
        marker=_marker(keyboard=True),
    ).add_to(group)
    group.add_to(m)


def _add_highlights(m: folium.Map, spec: MapSpec) -> None:
    rings = [
        {"type": "Feature", "id": f"ring-{h.number}", "properties": {"id": h.feature_id}, "geometry": h.geometry}
        for h in spec.highlights
        if h.geometry is not None
    ]
    if rings:
        group = folium.FeatureGroup(name="Tour step", control=False)
        folium.GeoJson(
            _collection(rings),
            style_function=_ring_style,
            interactive=False,
            marker=folium.CircleMarker(interactive=False),
        ).add_to(group)
        group.add_to(m)


def _has_legend(spec: MapSpec) -> bool:
    return bool(spec.legend_layers or spec.legend_precisions)


def _legend(spec: MapSpec) -> dict[str, Any] | None:
    """The data of the map's legend (`VetaMap.legend`), or None for a map without one. The credits sit under the
    legend, in its corner, so they come with it: the fit that keeps the corner free measures both."""
    if not _has_legend(spec):
        return None
    title = _("{title}: how to read the map").format(title=spec.title)
    legend = legend_html(title, spec.legend_layers, spec.legend_precisions)
    return {"html": legend, "foldBelow": FOLD_LEGEND_BELOW, "credit": credit_html()}


def _config(spec: MapSpec, report_clicks: bool) -> dict[str, Any]:
    from veta.maps.svg_render import render_svg  # noqa: PLC0415 (the locator is a small static picture)

    return {
        "credit": "" if _has_legend(spec) else credit_html(),  # else it comes with the legend
        "locator": render_svg(spec.locator, *LOCATOR_SIZE, title=spec.locator.title) if spec.locator else "",
        "locatorFrom": LOCATOR_FROM,
        "statements": [
            {
                "id": s.id,
                "name": s.name,
                "layer": s.layer,
                "colour": s.colour,
                "scope": s.scope,
                "popup": s.popup,
                "tooltip": s.tooltip,
            }
            for s in spec.statements
        ],
        "statementsTitle": escape_text(spec.statements_title),
        "scopeNames": {key: escape_text(name) for key, name in spec.scope_names},
        "statementsHint": _(STATEMENTS_HINT),
        "openStatementsFrom": OPEN_STATEMENTS_FROM,
        "selected": spec.selected,
        "ringed": [h.feature_id for h in spec.highlights],
        "report": bool(report_clicks),
        "messages": MESSAGES,
    }


def render_folium(spec: MapSpec, *, online_tiles: bool = False, report_clicks: bool = False) -> folium.Map:
    """Draw a map description with folium.

    `online_tiles` adds OpenStreetMap and Esri World Imagery as base layers the user can switch to (the offline
    basemap stays the default). `report_clicks` makes a pick in the map post its id to the embedding page.
    """
    options: dict[str, Any] = {}
    if spec.max_bounds is not None:
        (south, west), (north, east) = spec.max_bounds
        options.update(max_bounds=True, min_lat=south, max_lat=north, min_lon=west, max_lon=east)
    if spec.zoom is not None and spec.center is not None:
        options.update(zoom_snap=0, zoom_delta=0.5)
    else:
        options.update(zoom_snap=FIT_ZOOM_SNAP)
    m = folium.Map(
        location=list(spec.center) if spec.center is not None else _centre(spec.view),
        zoom_start=spec.zoom if spec.zoom is not None else 5,
        tiles=None,
        control_scale=False,  # veta-map.js adds it, bottom right (the legend is bottom left)
        min_zoom=1 if spec.map_id == "overview" else None,
        world_copy_jump=False,
        **options,
    )
    legend = _legend(spec)
    if legend is not None:  # before the fit, which keeps the room it takes free
        m.add_child(_Call("legend", legend))
    if spec.center is None:  # fitted before any layer is added: Leaflet draws the layers once
        m.add_child(_Call("fit", _latlng_bounds(spec.view)))
    folium.map.CustomPane(BASEMAP_PANE, z_index=350, pointer_events=False).add_to(m)
    folium.map.CustomPane(LABEL_PANE, z_index=450, pointer_events=False).add_to(m)
    _add_basemap(m, spec, online_tiles)
    _add_outlines(m, spec)
    _add_regions(m, spec)
    _add_highlights(m, spec)
    _add_layers(m, spec)
    _add_labels(m, spec)
    if spec.layers or online_tiles:
        folium.LayerControl(collapsed=True, position="topright").add_to(m)
    m.add_child(_Call("init", _config(spec, report_clicks)))
    setattr(m, LANGUAGE_ATTRIBUTE, current_language())
    return m


def stable_ids(html: str) -> str:
    """folium's random element ids (`map_<32 hex>`…) renamed by order of first appearance: same map, same HTML."""
    names: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        key = match.group(2)
        if key not in names:
            names[key] = f"{len(names):04d}"
        return f"{match.group(1)}_v{names[key]}"

    return _FOLIUM_ID.sub(rename, html)


def map_html(m: folium.Map) -> str:
    """The map as a complete standalone HTML document (the same map always gives the same text), in the language
    it was drawn in (`<html lang="es">`; an English map's document is left as folium writes it)."""
    return document_language(stable_ids(m.get_root().render()), getattr(m, LANGUAGE_ATTRIBUTE, DEFAULT_LANGUAGE))


def document_language(html: str, language: str) -> str:
    """A rendered folium document with its `<html>` element marked with `language` (unless English)."""
    if language == DEFAULT_LANGUAGE:
        return html
    return html.replace("<html>", f'<html lang="{escape_text(language)}">', 1)
