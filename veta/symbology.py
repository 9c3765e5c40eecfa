"""How Veta's maps look: layer colours (Okabe–Ito, colour-blind safe), precision encodings, marker icons, legend.

Nothing here is data-derived except through `escape_text`; the HTML and SVG below are fixed templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from veta.escape import escape_text
from veta.layers import LAYERS, PRECISIONS
from veta.precision import precision_label
from veta.quotes import EDITORIAL_CSS

LAYER_COLOURS: dict[str, str] = {
    "minerals": "#E69F00",  # Okabe–Ito orange
    "rivers": "#0072B2",  # blue
    "actors": "#009E73",  # bluish green
    "harms": "#D55E00",  # vermillion
    "responses": "#CC79A7",  # reddish purple
}
"""One Okabe–Ito colour per thematic layer (the palette stays distinct for the common colour-vision deficiencies)."""

LAYER_LABELS: dict[str, str] = {
    "minerals": "Minerals",
    "rivers": "Rivers",
    "actors": "Actors",
    "harms": "Harms",
    "responses": "Responses",
}

PRECISION_LABELS: dict[str, str] = {p: precision_label(p) for p in PRECISIONS}
"""The legend's and popup's words for each precision: `veta.precision`'s labels, nothing else."""

WATER_COLOUR = "#cfe2ee"
LAND_COLOUR = "#f4f1e8"
FOCUS_FILL = "#fffdf6"
BORDER_COLOUR = "#8d8778"
OUTLINE_COLOUR = "#222222"
SELECTED_COLOUR = "#000000"

assert set(LAYER_COLOURS) == set(LAYERS) and set(PRECISION_LABELS) == set(PRECISIONS)


@dataclass(frozen=True)
class MarkerStyle:
    """How a point feature of one precision is drawn: an SVG circle inside a square icon."""

    size: int  # icon width and height in pixels
    radius: float
    fill_opacity: float
    stroke_width: float
    dash: str  # SVG stroke-dasharray, "" for solid
    z_offset: int  # Leaflet zIndexOffset: precise markers above vague ones


MARKER_STYLES: dict[str, MarkerStyle] = {
    "site": MarkerStyle(size=22, radius=7.5, fill_opacity=1.0, stroke_width=2.0, dash="", z_offset=1000),
    "approximate": MarkerStyle(size=28, radius=10.0, fill_opacity=0.18, stroke_width=3.5, dash="5 3", z_offset=0),
    "inferred": MarkerStyle(size=28, radius=9.0, fill_opacity=0.0, stroke_width=2.5, dash="1 3", z_offset=-500),
    "region": MarkerStyle(size=50, radius=22.0, fill_opacity=0.08, stroke_width=2.5, dash="2 6", z_offset=-1000),
}
"""site = solid filled dot; approximate = faint dashed ring; inferred = empty dotted ring; region = large faint circle."""

LINE_DASHES: dict[str, str | None] = {"site": None, "approximate": "10 7", "inferred": "3 5", "region": "2 8"}
"""Dash pattern of lines and polygon outlines per precision (solid / dashed / dotted)."""

LINE_OPACITY: dict[str, float] = {"site": 0.95, "approximate": 0.85, "inferred": 0.75, "region": 0.6}

FAN_OUT_PIXELS = 15.0
"""Markers that share a place are spread on a small spiral, this many pixels apart, so none hides another."""


def marker_svg(layer: str, precision: str, *, selected: bool = False) -> str:
    """The inline SVG of a point marker (fixed template: colour and shape only)."""
    style = MARKER_STYLES[precision]
    colour = LAYER_COLOURS[layer]
    half = style.size / 2
    stroke = colour if precision != "site" else "#1b1b1b"
    halo = ""
    if selected:
        halo = (
            f'<circle cx="{half}" cy="{half}" r="{min(style.radius + 5, half - 1)}" fill="none" '
            f'stroke="{SELECTED_COLOUR}" stroke-width="3"/>'
        )
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    # what catches the pointer: the whole dot or ring; for a region-wide circle only its rim and a centre dot,
    # so that its large faint disc never blocks the markers under it
    centre = ""
    circle_class = "veta-hit"
    if precision == "region":
        circle_class = "veta-rim"
        centre = f'<circle class="veta-hit" cx="{half}" cy="{half}" r="4" fill="{colour}" stroke="#1b1b1b" stroke-width="1"/>'
    return (
        f'<svg width="{style.size}" height="{style.size}" viewBox="0 0 {style.size} {style.size}" aria-hidden="true">'
        f"{halo}"
        f'<circle class="{circle_class}" cx="{half}" cy="{half}" r="{style.radius}" fill="{colour}" '
        f'fill-opacity="{style.fill_opacity}" stroke="{stroke}" stroke-width="{style.stroke_width}"{dash}/>'
        f"{centre}</svg>"
    )


def _swatch_line(colour: str, dash: str | None) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<svg width="30" height="14" aria-hidden="true"><line x1="2" y1="7" x2="28" y2="7" stroke="{colour}" '
        f'stroke-width="4" stroke-linecap="round"{dash_attr}/></svg>'
    )


def _swatch_marker(precision: str) -> str:
    style = MARKER_STYLES[precision]
    # a scaled-down copy of the marker in neutral grey, so the legend explains the shape, not the colour
    scale = min(1.0, 26 / style.size)
    size = round(style.size * scale)
    half = size / 2
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    centre = f'<circle cx="{half}" cy="{half}" r="2.5" fill="#555"/>' if precision == "region" else ""
    return (
        f'<svg width="{size}" height="{size}" aria-hidden="true"><circle cx="{half}" cy="{half}" '
        f'r="{style.radius * scale:.1f}" fill="#555" fill-opacity="{style.fill_opacity}" stroke="#333" '
        f'stroke-width="{style.stroke_width * scale:.1f}"{dash}/>{centre}</svg>'
    )


LEGEND_CSS = (
    f"""
.leaflet-container {{ background: {WATER_COLOUR}; font: 14px/1.35 system-ui, -apple-system, "Segoe UI", sans-serif; }}
.veta-legend {{ background: rgba(255,255,255,0.94); color: #1b1b1b; padding: 6px 10px; border-radius: 6px;
  box-shadow: 0 1px 4px rgba(0,0,0,0.35); max-width: 17rem; font-size: 14px; line-height: 1.35; }}
.veta-legend summary {{ font-weight: 600; cursor: pointer; }}
.veta-legend ul {{ list-style: none; margin: 4px 0; padding: 0; }}
.veta-legend li {{ display: flex; align-items: center; gap: 6px; margin: 2px 0; }}
.veta-legend .veta-chip {{ display: inline-block; width: 14px; height: 14px; border-radius: 50%;
  border: 1px solid #1b1b1b; flex: none; }}
.veta-legend .veta-sym {{ width: 30px; display: inline-flex; justify-content: center; flex: none; }}
.veta-legend p {{ margin: 4px 0 0; font-size: 12px; color: #333; }}
.leaflet-control-attribution {{ max-width: 70%; font-size: 11px; }}
.veta-credit summary {{ cursor: pointer; }}
.veta-marker {{ background: none; border: none; }}
.leaflet-marker-icon.veta-marker.leaflet-interactive, .veta-marker svg {{ pointer-events: none; }}
.veta-marker svg {{ display: block; overflow: visible; }}
.veta-marker .veta-hit {{ pointer-events: visiblePainted; cursor: pointer; }}
.veta-marker .veta-rim {{ pointer-events: stroke; cursor: pointer; }}
.leaflet-marker-icon.veta-marker:focus-visible {{ outline: 3px solid #000; outline-offset: 2px; border-radius: 50%; }}
.veta-popup blockquote {{ margin: 6px 0; padding-left: 8px; border-left: 3px solid #999; }}
.veta-popup .veta-meta {{ color: #444; font-size: 12px; }}
.veta-region-label {{ background: none; border: none; box-shadow: none; font-weight: 700; color: #222;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; font-size: 15px; }}
.veta-region-marker .veta-region-label {{ pointer-events: auto; cursor: pointer; }}
.leaflet-tooltip.veta-graticule-label {{ background: none; border: none; box-shadow: none; color: #56606a;
  font-size: 12px; padding: 0 4px; }}
.leaflet-tooltip.veta-graticule-label::before {{ display: none; }}
@media (max-width: 600px) {{ .veta-legend {{ max-width: 12rem; font-size: 13px; }} }}
"""
    + EDITORIAL_CSS
)
"""Styles of the map page: water-coloured background, legend, markers, popups (fixed text)."""


def legend_html(title: str, layers: tuple[str, ...] = LAYERS) -> str:
    """The legend: layer colours, the three precision encodings (markers and lines), and how to read the map."""
    layer_items = "".join(
        f'<li><span class="veta-chip" style="background:{LAYER_COLOURS[layer]}"></span>{LAYER_LABELS[layer]}</li>'
        for layer in layers
    )
    precision_items = "".join(
        f'<li><span class="veta-sym">{_swatch_marker(p)}</span><span class="veta-sym">'
        f"{_swatch_line('#444', LINE_DASHES[p])}</span>{escape_text(PRECISION_LABELS[p])}</li>"
        for p in PRECISIONS
    )
    return (
        f'<details class="veta-legend" open><summary>{escape_text(title)}</summary>'
        f'<ul class="veta-legend-layers">{layer_items}</ul>'
        f'<ul class="veta-legend-precision">{precision_items}</ul>'
        "<p>Click a feature for its quotes.</p></details>"
    )
