"""How Veta's maps look: layer colours (Okabe–Ito, colour-blind safe), one symbol per precision class, legend.

Both renderers (folium for the screen, SVG for print) draw from these definitions. Nothing here is data-derived
except through `escape_text`; the HTML and SVG below are fixed templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from veta.escape import escape_text
from veta.i18n import N_, _
from veta.layers import LAYER_LABELS, LAYERS, PRECISIONS, layer_label
from veta.precision import PRECISION_CLASSES, precision_label, precision_meaning

LAYER_COLOURS: dict[str, str] = {
    "minerals": "#E69F00",  # Okabe–Ito orange
    "rivers": "#0072B2",  # blue
    "actors": "#009E73",  # bluish green
    "harms": "#D55E00",  # vermillion
    "responses": "#CC79A7",  # reddish purple
}
"""One Okabe–Ito colour per thematic layer (the palette stays distinct for the common colour-vision deficiencies)."""

__all__ = ["LAYER_LABELS"]  # defined once in `veta.layers`; English, shown with `veta.layers.layer_label`

PRECISION_ORDER: tuple[str, ...] = ("site", "approximate", "inferred", "region")
"""Every precision class the maps can draw, most certain first (`veta.layers.PRECISIONS` is what the data uses)."""

PRECISION_LABELS: dict[str, str] = {p: PRECISION_CLASSES[p].label for p in PRECISION_ORDER}
"""The legend's and popup's words for each precision: `veta.precision`'s labels, nothing else, in English (the
catalogue's msgids: show them with `_(PRECISION_LABELS[p])` or `veta.precision.precision_label`)."""

LEGEND_MORE = N_("Lines, areas and what each class means")
"""The legend's button that shows its details (dash patterns of lines and areas, each precision's meaning)."""

WATER_COLOUR = "#cfe2ee"
LAND_COLOUR = "#f4f1e8"
FOCUS_FILL = "#fffdf6"
BORDER_COLOUR = "#8d8778"
OUTLINE_COLOUR = "#222222"
SELECTED_COLOUR = "#000000"
SCOPE_COLOUR = "#6b4500"
LABEL_COLOUR = "#2b2b2b"

assert set(LAYER_COLOURS) == set(LAYERS) and set(PRECISIONS) <= set(PRECISION_ORDER)


@dataclass(frozen=True)
class MarkerStyle:
    """How a point feature of one precision is drawn: an SVG symbol inside a square icon."""

    size: int  # icon width and height in pixels
    radius: float  # the symbol's core circle
    fill_opacity: float
    stroke_width: float
    dash: str  # SVG stroke-dasharray of the core circle, "" for solid
    halo: float  # radius of a translucent halo around the core, 0 for none
    mark: str  # a character written in the symbol ("?" for inferred), "" for none
    z_offset: int  # Leaflet zIndexOffset: precise markers above vague ones


MARKER_STYLES: dict[str, MarkerStyle] = {
    "site": MarkerStyle(
        size=22, radius=7.5, fill_opacity=1.0, stroke_width=2.0, dash="", halo=0, mark="", z_offset=1000
    ),
    "approximate": MarkerStyle(
        size=30, radius=6.5, fill_opacity=0.9, stroke_width=1.5, dash="", halo=13.0, mark="", z_offset=500
    ),
    "inferred": MarkerStyle(
        size=28, radius=10.5, fill_opacity=0.12, stroke_width=2.5, dash="3 3", halo=0, mark="?", z_offset=0
    ),
    "region": MarkerStyle(
        size=50, radius=22.0, fill_opacity=0.08, stroke_width=2.5, dash="2 6", halo=0, mark="", z_offset=-1000
    ),
}
"""site = solid filled dot; approximate = a smaller dot in a translucent halo (near a named place); inferred =
a hollow dashed ring with "?" (placed by Veta, not said); region = never a point (kept for the legend's swatch)."""

LINE_DASHES: dict[str, str | None] = {"site": None, "approximate": "10 7", "inferred": "2 7", "region": "6 4"}
"""Dash pattern of lines and polygon outlines per precision (solid / dashed / dotted / the region's outline)."""

LINE_OPACITY: dict[str, float] = {"site": 0.95, "approximate": 0.85, "inferred": 0.7, "region": 0.6}

FAN_OUT_PIXELS = 15.0
"""Markers that share a place are spread on a small spiral, this many pixels apart, so none hides another."""


def marker_svg(layer: str, precision: str, *, selected: bool = False, colour: str | None = None) -> str:
    """The inline SVG of a point marker (fixed template: colour and shape only).

    `colour` overrides the layer's (the legend draws shapes in grey). The element that catches the pointer is
    classed `veta-hit`.
    """
    style = MARKER_STYLES[precision]
    fill = colour or LAYER_COLOURS[layer]
    half = style.size / 2
    parts = [
        f'<svg width="{style.size}" height="{style.size}" viewBox="0 0 {style.size} {style.size}" aria-hidden="true">'
    ]
    if selected:
        ring = min(max(style.radius, style.halo) + 4, half - 1)
        parts.append(
            f'<circle class="veta-ring" cx="{half}" cy="{half}" r="{ring}" fill="none" stroke="{SELECTED_COLOUR}" '
            'stroke-width="3"/>'
        )
    if style.halo:
        parts.append(
            f'<circle class="veta-halo veta-hit" cx="{half}" cy="{half}" r="{style.halo}" fill="{fill}" '
            f'fill-opacity="0.28" stroke="{fill}" stroke-opacity="0.6" stroke-width="1"/>'
        )
    stroke = "#1b1b1b" if precision in ("site", "approximate") else fill
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    core_fill = fill if precision != "inferred" else "#ffffff"
    core_opacity = style.fill_opacity if precision != "inferred" else 0.85
    parts.append(
        f'<circle class="veta-hit" cx="{half}" cy="{half}" r="{style.radius}" fill="{core_fill}" '
        f'fill-opacity="{core_opacity}" stroke="{stroke}" stroke-width="{style.stroke_width}"{dash}/>'
    )
    if style.mark:
        parts.append(
            f'<text x="{half}" y="{half + 4.5}" text-anchor="middle" font-size="13" font-weight="700" '
            f'font-family="sans-serif" fill="{fill if colour is None else "#333"}" stroke="#1b1b1b" '
            f'stroke-width="0.3">{escape_text(style.mark)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _swatch_line(colour: str, dash: str | None) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="26" height="12" aria-hidden="true"><line x1="2" y1="6" x2="24" y2="6" stroke="{colour}" '
        f'stroke-width="3.5" stroke-linecap="round"{dash_attr}/></svg>'
    )


def _swatch_area() -> str:
    return (
        '<svg width="24" height="18" aria-hidden="true"><rect x="2" y="2" width="20" height="14" rx="2" '
        f'fill="#888" fill-opacity="0.15" stroke="{OUTLINE_COLOUR}" stroke-width="2.5" '
        f'stroke-dasharray="{LINE_DASHES["region"]}"/></svg>'
    )


def precision_swatch(precision: str) -> str:
    """The legend's symbol of a precision class, in neutral grey (the legend explains the shape, not the colour)."""
    if precision == "region":
        return _swatch_area()
    return marker_svg("minerals", precision, colour="#666666")


def legend_html(title: str, layers: tuple[str, ...] = LAYERS, precisions: tuple[str, ...] = PRECISION_ORDER) -> str:
    """The legend, compact, in the current language: layer colours and one point symbol per precision class; the
    lines' and areas' dash patterns and what each class means behind a "more" button. Its title is the button that
    folds it (`aria-expanded`; `veta-map.js` folds it on a phone)."""
    layer_items = "".join(
        f'<li><span class="veta-chip" style="background:{LAYER_COLOURS[layer]}"></span>'
        f"{escape_text(layer_label(layer))}</li>"
        for layer in layers
    )
    precision_items = "".join(
        f'<li class="veta-legend-{p}"><span class="veta-sym">{precision_swatch(p)}</span>'
        f"<span>{escape_text(precision_label(p))}</span></li>"
        for p in precisions
    )
    detail_items = "".join(
        f'<li class="veta-legend-more-{p}"><span class="veta-sym">'
        + (_swatch_line("#555", LINE_DASHES[p]) if p != "region" else _swatch_area())
        + f"</span><span>{escape_text(precision_meaning(p))}</span></li>"
        for p in precisions
    )
    return (
        '<div class="veta-legend">'
        '<button type="button" class="veta-legend-toggle" aria-expanded="true" aria-controls="veta-legend-body">'
        f"{escape_text(title)}</button>"
        '<div class="veta-legend-body" id="veta-legend-body">'
        f'<ul class="veta-legend-layers">{layer_items}</ul>'
        f'<ul class="veta-legend-precision">{precision_items}</ul>'
        '<button type="button" class="veta-legend-more" aria-expanded="false" aria-controls="veta-legend-details">'
        f"{escape_text(_(LEGEND_MORE))}</button>"
        f'<ul class="veta-legend-details" id="veta-legend-details" hidden>{detail_items}</ul></div></div>'
    )
