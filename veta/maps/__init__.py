"""Veta's maps: a pure description of each map (`describe`, `spec`), drawn by one renderer per medium —
folium/Leaflet for the screen (`folium_render`) and SVG for print (`svg_render`).

The names below are the package's public API. `build_region_map` and `build_overview_map` describe and render in
one call (what the app's pages and the pack use).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import folium

from veta.maps.describe import (
    PACK_PASSAGE_URL,
    PASSAGE_URL,
    REGION_URL,
    build_compare_spec,
    build_overview_spec,
    build_pack_spec,
    build_region_spec,
    build_step_spec,
    popup_html,
    region_summary,
    set_view,
)
from veta.maps.folium_render import ONLINE_TILES, credit_html, map_html, render_folium, stable_ids
from veta.maps.spec import MapSpec
from veta.maps.svg_render import render_svg
from veta.model import Atlas

MAX_REGION_MAP_BYTES = 250_000
"""Budget for one region's map (the HTML/JS the browser receives)."""
TOOLTIP_ID = re.compile(r"\[veta:([a-z0-9]+(?:-[a-z0-9]+)*)\]")
"""The feature id hidden in every tooltip, as a clicked map object reports it back (streamlit-folium)."""


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
    """The map of one focus region (`build_region_spec` drawn by `render_folium`)."""
    spec = build_region_spec(
        atlas, region_id, layers=layers, selected_feature_id=selected_feature_id, passage_url=passage_url
    )
    return render_folium(spec, online_tiles=online_tiles, report_clicks=report_clicks)


def build_overview_map(atlas: Atlas, *, region_url: str = REGION_URL, report_clicks: bool = False) -> folium.Map:
    """The world with the three focus regions and the Andes- and world-wide statements (`build_overview_spec`)."""
    return render_folium(build_overview_spec(atlas, region_url=region_url), report_clicks=report_clicks)


def feature_id_from_tooltip(text: str | None) -> str | None:
    """The feature id a clicked map object reports through its tooltip text, if any."""
    match = TOOLTIP_ID.search(text or "")
    return match.group(1) if match else None


def iter_feature_ids(html: str) -> Iterator[str]:
    """The feature ids whose hidden tooltip markers occur in a rendered map, in order (repeats included)."""
    for match in TOOLTIP_ID.finditer(html):
        yield match.group(1)


__all__ = [
    "MAX_REGION_MAP_BYTES",
    "ONLINE_TILES",
    "PACK_PASSAGE_URL",
    "PASSAGE_URL",
    "REGION_URL",
    "TOOLTIP_ID",
    "MapSpec",
    "build_compare_spec",
    "build_overview_map",
    "build_overview_spec",
    "build_pack_spec",
    "build_region_map",
    "build_region_spec",
    "build_step_spec",
    "credit_html",
    "feature_id_from_tooltip",
    "iter_feature_ids",
    "map_html",
    "popup_html",
    "region_summary",
    "render_folium",
    "render_svg",
    "set_view",
    "stable_ids",
]
