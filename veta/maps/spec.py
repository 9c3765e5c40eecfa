"""A map described as pure data: what to draw, where to look, what to ring, what to label.

`veta.maps.describe` builds a `MapSpec` from the atlas for every map Veta shows (region, overview, compare, tour
step, handout, pack); `veta.maps.folium_render` draws it on screen and `veta.maps.svg_render` for print. A spec
holds no folium object and no colour decision beyond what symbology gives each feature's properties, so both
renderers draw the same map. GeoJSON coordinates are [lng, lat]; bounds are `Bounds` ((south, west), (north, east)),
as Leaflet's fitBounds takes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Bounds = tuple[tuple[float, float], tuple[float, float]]
"""((south, west), (north, east)) in degrees."""

GeoJSON = dict[str, Any]


@dataclass(frozen=True)
class MapLayer:
    """One thematic layer: a GeoJSON FeatureCollection whose features' properties carry what a renderer needs.

    Every feature's properties: `id` (the Veta feature id), `name` and `kind` (escaped), `layer`, `precision`, `colour`,
    `tooltip` (escaped HTML, with the id hidden in it), `popup` (escaped HTML), `classes` (CSS classes),
    `view` (the feature's context view as Bounds: a selection never zooms in closer), and for points
    `size` (its symbol's size in pixels, `veta.symbology.MARKER_STYLES`) and `offset` ([dx, dy] pixels, spread
    out from others at the same place). A MultiPoint is split into one Point feature per point (GeoJSON `id`
    `<feature id>#<n>`), so that each can be spread from the others at its place.
    """

    id: str
    label: str
    colour: str
    points: GeoJSON
    shapes: GeoJSON  # lines and polygons

    @property
    def feature_ids(self) -> tuple[str, ...]:
        """The Veta feature ids drawn in this layer, in order, without repeats."""
        ids = [f["properties"]["id"] for f in (*self.points["features"], *self.shapes["features"])]
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class ContextArea:
    """A polygon of the basemap: `role` is "land" (a country far from the focus), "country", "admin1" (a
    neighbouring unit), "focus" (the region's outline) or "scope" (the Andean countries' outline)."""

    role: str
    name: str
    geometry: GeoJSON
    id: str = ""
    label_at: tuple[float, float] | None = None  # (lat, lng) inside the area, where its popup opens


@dataclass(frozen=True)
class Label:
    """A name written on the map: a place from the gazetteers, a country, a region."""

    text: str
    lng: float
    lat: float
    kind: str = "place"  # "place", "country" or "region"


@dataclass(frozen=True)
class Highlight:
    """A feature ringed on the map (a tour step's), numbered in the order the step lists them."""

    feature_id: str
    number: int
    geometry: GeoJSON | None


@dataclass(frozen=True)
class Statement:
    """A region-wide (or Andes-wide, or worldwide) statement: not drawn as a point but listed beside the map.

    `scope` is the focus region's or scope's id; choosing the statement outlines `outline_id`'s area (empty for
    worldwide: no geometry).
    """

    id: str
    name: str  # escaped HTML, like every text below
    layer: str
    kind: str
    colour: str
    scope: str
    popup: str
    tooltip: str


@dataclass(frozen=True)
class MapSpec:
    """Everything a renderer needs to draw one map.

    `view`: where it opens (fitted); or `center`+`zoom` when the map must open at an exact scale (compare).
    `max_bounds`: how far the user may pan (None: anywhere). `selected`: the feature selected at load.
    `statements_title`: the heading of the list of statements (e.g. "Across the region").
    """

    map_id: str
    title: str
    view: Bounds
    layers: tuple[MapLayer, ...] = ()
    context: tuple[ContextArea, ...] = ()
    labels: tuple[Label, ...] = ()
    highlights: tuple[Highlight, ...] = ()
    statements: tuple[Statement, ...] = ()
    statements_title: str = "Across the region"
    scope_names: tuple[tuple[str, str], ...] = ()
    """(scope id, name) of the areas the statements are about, for headings when the list mixes them."""
    regions: tuple[GeoJSON, ...] = ()
    """The focus regions drawn as clickable areas (the overview): GeoJSON features with id, name, tooltip, popup."""
    selected: str | None = None
    center: tuple[float, float] | None = None
    zoom: float | None = None
    max_bounds: Bounds | None = None
    legend_layers: tuple[str, ...] = ()
    legend_precisions: tuple[str, ...] = ()
    locator: MapSpec | None = None

    @property
    def feature_ids(self) -> tuple[str, ...]:
        """Every feature id drawn or listed on the map."""
        drawn = [i for layer in self.layers for i in layer.feature_ids]
        return tuple(dict.fromkeys([*drawn, *(s.id for s in self.statements)]))

    def area(self, role: str) -> tuple[ContextArea, ...]:
        """The context areas of one role."""
        return tuple(a for a in self.context if a.role == role)
