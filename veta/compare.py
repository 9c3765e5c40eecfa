"""Comparing regions: which regions to show, maps at one scale, the comparison matrix, what only one region has.

Pure functions (no Streamlit). The `regions` query parameter may hold anything; `resolve_regions_param` turns it
into two or three known regions and a notice. Maps of compared regions share one ground scale (metres per
pixel at each region's centre), computed so that the largest region fits; Leaflet's fractional zoom makes the
scale exact rather than rounded to a zoom level. Every data-derived string in HTML goes through `escape_text`.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import folium
from pyproj import Proj, Transformer

from veta import maps
from veta.escape import escape_text
from veta.i18n import N_, _, format_number, ngettext
from veta.layers import LAYER_KINDS, LAYERS, REGION_IDS, kind_label, layer_label
from veta.maps import PASSAGE_URL, MapSpec
from veta.model import Atlas, Feature
from veta.params import ID_MAX_CHARS, Notice
from veta.quotes import english_marks, original_marker_html, quote_html
from veta.reader import feature_href, speaker_name
from veta.scopes import scope_countries, scope_heading, scopes_of_region

DEFAULT_REGIONS: tuple[str, str] = ("choco", "kachin")
"""The pair shown when the address names no usable regions."""
MIN_REGIONS = 2
MAX_REGIONS = 3
PARAM_MAX_CHARS = 200
"""A `regions` value longer than this is not parsed at all."""
WEB_MERCATOR = "EPSG:3857"
"""The CRS Leaflet draws in; the common scale is computed in it with pyproj."""
MAX_LATITUDE = 85.0
TILE_PIXELS = 256
MIN_ZOOM = 1.0
MAX_ZOOM = 18.0
VIEW_PADDING = 0.06
"""Fraction of the largest region's extent left free around it."""

RESPONSE_GROUPS: dict[str, tuple[str, ...]] = {
    "state": ("ban", "enforcement", "formalisation", "legal-category"),
    "community": ("lawsuit", "rights-claim", "advocacy", "alternative-livelihood", "remediation", "land-reform"),
    "governance": ("governance", "carbon-market"),
}
"""Responses split by who acts, read from their kind: the state's own measures, those communities and civil
society take or demand, and governance and market schemes whose actor varies (an armed group, communities,
carbon buyers)."""
RESPONSE_GROUP_LABELS: dict[str, str] = {
    "state": N_("Responses: by the state"),
    "community": N_("Responses: by communities and civil society"),
    "governance": N_("Responses: governance and markets"),
}
"""The matrix's row label of each group of responses, in English (shown in the current language)."""


@dataclass(frozen=True)
class RegionChoice:
    """The regions a compare page shows, and a notice when the address asked for something else."""

    regions: tuple[str, ...]
    notice: Notice | None = None


@dataclass(frozen=True)
class MapView:
    """Where a compare map opens: its centre, a (fractional) zoom, and the ground scale that gives."""

    center: tuple[float, float]  # (lat, lng)
    zoom: float
    metres_per_pixel: float


@dataclass(frozen=True)
class MatrixRow:
    """One row of the comparison matrix: a layer (or a group of responses) and each region's features in it."""

    key: str
    label: str  # in the language of the run that built the row
    cells: tuple[tuple[str, tuple[Feature, ...]], ...]  # (region id, features)
    context: tuple[tuple[str, tuple[Feature, ...]], ...] = ()
    """(scope id, statements): a scope's statements shown beside the regions it covers (`context_scopes`)."""


def _split(values: Sequence[str]) -> list[str]:
    """Every comma-separated item of every value, stripped, empty items dropped."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def resolve_regions_param(atlas: Atlas, values: Sequence[str]) -> RegionChoice:
    """The regions to compare for the `regions` values in the address (`?regions=choco,kachin`).

    Unknown ids and repeats are dropped with a notice; with fewer than two usable regions the page falls back to
    a sensible pair (the one region given plus another, or the default pair).
    """
    known = tuple(r.id for r in atlas.regions) or REGION_IDS
    default = tuple(r for r in DEFAULT_REGIONS if r in known) or known[:MIN_REGIONS]
    if not values:
        return RegionChoice(default)
    joined = ",".join(values)
    if len(joined) > PARAM_MAX_CHARS:
        message = _("The regions in the address are too long to be Veta's; showing:")
        return RegionChoice(default, Notice(message, joined))
    items = _split(values)
    if not items:
        message = _("The address asks to compare regions but names none; showing the default.")
        return RegionChoice(default, Notice(message))
    chosen = list(dict.fromkeys(i for i in items if i in known))
    unknown = [i for i in items if i not in known]
    problems: list[str] = []
    if unknown:
        problems.append(ngettext("unknown region left out", "unknown regions left out", len(unknown)))
    if len(chosen) < len(items) - len(unknown):
        problems.append(_("repeated regions shown once"))
    if len(chosen) < MIN_REGIONS:
        if chosen:
            other = next(r for r in (*default, *known) if r not in chosen)
            chosen = sorted([chosen[0], other], key=known.index)
            problems.append(_("a comparison needs two regions, so one was added"))
        else:
            chosen = list(default)
            problems.append(_("no known region given, so the default pair is shown"))
    chosen = chosen[:MAX_REGIONS]
    valid = ", ".join(known)
    message = _("Some of the regions in the address could not be used ({problems}). Known regions: {valid}.").format(
        problems="; ".join(problems), valid=valid
    )
    return RegionChoice(tuple(chosen), Notice(message, joined) if problems else None)


def regions_param(regions: Iterable[str]) -> str:
    """The canonical `regions` query value, e.g. `choco,kachin`."""
    return ",".join(regions)


# ------------------------------------------------------------------------------------------------ scale


@functools.cache
def _web_mercator() -> tuple[Transformer, Proj]:
    """Longitude/latitude → Web Mercator (EPSG:3857, the CRS Leaflet draws in), and its projection for scale factors."""
    return Transformer.from_crs("EPSG:4326", WEB_MERCATOR, always_xy=True), Proj(WEB_MERCATOR)


def _scale_factor(lat: float, lng: float = 0.0) -> float:
    """How much EPSG:3857 stretches ground distances along the parallel at this latitude (1/cos φ)."""
    lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))
    return float(_web_mercator()[1].get_factors(lng, lat).parallel_scale)


def _world_width() -> float:
    """Width in projected metres of the whole world in EPSG:3857 (what 256 pixels cover at zoom 0)."""
    transformer = _web_mercator()[0]
    west, _north = transformer.transform(-180.0, 0.0)
    east, _south = transformer.transform(180.0, 0.0)
    return float(east - west)


def _fit_metres_per_pixel(bounds: tuple[float, float, float, float], width: int, height: int) -> float:
    """Ground metres per pixel (at the box's centre) at which the box just fits into width × height pixels."""
    west, south, east, north = bounds
    south, north = max(-MAX_LATITUDE, south), min(MAX_LATITUDE, north)
    (x0, x1), (y0, y1) = _web_mercator()[0].transform([west, east], [south, north])
    x_span = (x1 - x0) * (1 + 2 * VIEW_PADDING)
    y_span = (y1 - y0) * (1 + 2 * VIEW_PADDING)
    projected_per_pixel = max(x_span / width, y_span / height)
    return projected_per_pixel / _scale_factor((south + north) / 2, (west + east) / 2)


def zoom_for(metres_per_pixel: float, lat: float) -> float:
    """The (fractional) Web Mercator zoom that gives this ground scale at this latitude."""
    ground_world = _world_width() / _scale_factor(lat)
    return max(MIN_ZOOM, min(MAX_ZOOM, math.log2(ground_world / (TILE_PIXELS * metres_per_pixel))))


def metres_per_pixel_at(zoom: float, lat: float) -> float:
    """The ground scale of a Web Mercator map at this zoom and latitude."""
    return _world_width() / _scale_factor(lat) / (TILE_PIXELS * 2**zoom)


def comparable_views(atlas: Atlas, region_ids: Sequence[str], width: int, height: int) -> dict[str, MapView]:
    """One view per region, all at the same ground scale, chosen so that the largest region fits the map."""
    scale = max(_fit_metres_per_pixel(atlas.region(r).geometry.bounds, width, height) for r in region_ids)
    views: dict[str, MapView] = {}
    for region_id in region_ids:
        west, south, east, north = atlas.region(region_id).geometry.bounds
        lat, lng = (south + north) / 2, (west + east) / 2
        zoom = round(zoom_for(scale, lat), 3)
        views[region_id] = MapView((round(lat, 4), round(lng, 4)), zoom, metres_per_pixel_at(zoom, lat))
    return views


def build_compare_spec(
    atlas: Atlas,
    region_id: str,
    view: MapView,
    layers: Iterable[str] | None = None,
    *,
    passage_url: str = PASSAGE_URL,
) -> MapSpec:
    """The description of a compared region's map: as on its page, showing only `layers`, opened at the
    shared-scale view (exact centre and fractional zoom)."""
    return maps.build_compare_spec(atlas, region_id, view.center, view.zoom, layers, passage_url=passage_url)


def build_compare_map(
    atlas: Atlas,
    region_id: str,
    view: MapView,
    layers: Iterable[str] | None = None,
    *,
    passage_url: str = PASSAGE_URL,
) -> folium.Map:
    """A compared region's map drawn for the screen (`build_compare_spec` through `render_folium`)."""
    return maps.render_folium(build_compare_spec(atlas, region_id, view, layers, passage_url=passage_url))


# ------------------------------------------------------------------------------------------------ matrix


def response_group(kind: str) -> str:
    """Which group of responses (state, community, governance) a response kind belongs to."""
    for group, kinds in RESPONSE_GROUPS.items():
        if kind in kinds:
            return group
    return "governance"


def context_scopes(atlas: Atlas, region_ids: Sequence[str]) -> tuple[str, ...]:
    """The scopes shown as a context column of the matrix: a scope of countries (the Andean countries) that two
    or more of the compared regions lie in, so that its statements bear on each side of the comparison."""
    covering = [{s.id for s in scopes_of_region(atlas, r) if scope_countries(s)} for r in region_ids]
    return tuple(s.id for s in atlas.scopes if sum(s.id in c for c in covering) >= MIN_REGIONS)


def noted_scopes(atlas: Atlas, region_ids: Sequence[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The scopes listed under the matrix rather than as a column, each with the compared regions it bears on:
    worldwide (on all of them), and the Andean countries when only one compared region lies in them."""
    columns = context_scopes(atlas, region_ids)
    notes = []
    for scope in atlas.scopes:
        covered = tuple(r for r in region_ids if scope in scopes_of_region(atlas, r))
        if scope.id not in columns and covered and atlas.features_in(scope.id):
            notes.append((scope.id, covered))
    return tuple(notes)


def _layer_cells(
    atlas: Atlas, area_ids: Sequence[str], layer: str, group: str | None = None
) -> tuple[tuple[str, tuple[Feature, ...]], ...]:
    """Each region's (or scope's) features of a layer, and for responses of one group."""
    return tuple(
        (a, tuple(f for f in atlas.features_in(a, layer) if group is None or response_group(f.kind) == group))
        for a in area_ids
    )


def comparison_matrix(atlas: Atlas, region_ids: Sequence[str]) -> tuple[MatrixRow, ...]:
    """Rows minerals, rivers, actors, harms, then responses by group; one cell of features per region, and one
    per context scope (`context_scopes`: the Andean countries when two Andean regions are compared)."""
    context = context_scopes(atlas, region_ids)
    rows: list[MatrixRow] = []
    for layer in LAYERS:
        if layer != "responses":
            cells = _layer_cells(atlas, region_ids, layer)
            rows.append(MatrixRow(layer, layer_label(layer), cells, _layer_cells(atlas, context, layer)))
            continue
        for group, label in RESPONSE_GROUP_LABELS.items():
            cells = _layer_cells(atlas, region_ids, layer, group)
            extra = _layer_cells(atlas, context, layer, group)
            rows.append(MatrixRow(f"responses-{group}", _(label), cells, extra))
    return tuple(rows)


def _cell_html(atlas: Atlas, features: tuple[Feature, ...], css_class: str = "") -> str:
    if not features:
        none = escape_text(_("— none in the interview"))
        return f'<td{css_class}><span class="veta-meta">{none}</span></td>'
    items = []
    marks = english_marks("span")
    marker = original_marker_html()
    for feature in features:
        evidence = feature.evidence[0]
        passage = atlas.passage(evidence.passage_id)
        source = _("— {speaker}, passage {number}").format(speaker=speaker_name(passage.speaker), number=passage.number)
        items.append(
            f'<li><details data-feature="{escape_text(feature.id)}"><summary>'
            f'<a href="{escape_text(feature_href(feature))}" target="_self" title="{escape_text(feature.summary)}">'
            f'{escape_text(feature.name)}</a> <span class="veta-meta">{escape_text(kind_label(feature.kind))}</span>'
            f"</summary><blockquote{marks.block}>{marks.open}“{quote_html(evidence.exact)}”{marks.close}<br>"
            '<span class="veta-meta">'
            f"{escape_text(source)}{' ' + marker if marker else ''}</span></blockquote></details></li>"
        )
    return f"<td{css_class}><ul>{''.join(items)}</ul></td>"


CONTEXT_CLASS = ' class="veta-compare-context"'
"""The matrix's context columns (a scope beside the regions it covers) look different from the regions'."""


def matrix_html(atlas: Atlas, rows: Sequence[MatrixRow]) -> str:
    """The comparison matrix as an escaped HTML table: each feature links to its evidence on its region page (a
    scope's statement to the overview) and unfolds to its first quote, verbatim, with its speaker. A context
    column (the Andean countries as a whole) follows the regions, headed as context."""
    if not rows:
        return ""
    names = {r.id: r.name for r in atlas.regions}
    head = "".join(f'<th scope="col">{escape_text(names.get(r, r))}</th>' for r, _features in rows[0].cells)
    context_note = escape_text(_("(context: said of the countries as a whole)"))
    layer_word = escape_text(_("Layer"))
    head += "".join(
        f'<th scope="col"{CONTEXT_CLASS}>{escape_text(scope_heading(s))} '
        f'<span class="veta-meta">{context_note}</span></th>'
        for s, _features in rows[0].context
    )
    body = "".join(
        f'<tr data-row="{escape_text(row.key)}"><th scope="row">{escape_text(row.label)}</th>'
        + "".join(_cell_html(atlas, features) for _region, features in row.cells)
        + "".join(_cell_html(atlas, features, CONTEXT_CLASS) for _scope, features in row.context)
        + "</tr>"
        for row in rows
    )
    return (
        f'<table class="veta-compare-matrix"><thead><tr><th scope="col">{layer_word}</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def scope_notes_html(atlas: Atlas, region_ids: Sequence[str]) -> str:
    """The scopes not shown as a matrix column (`noted_scopes`), as escaped HTML: for each, which compared
    regions it bears on and its statements, each linked to its evidence on the overview ("" if none)."""
    names = {r.id: r.name for r in atlas.regions}
    parts = []
    for scope_id, covered in noted_scopes(atlas, region_ids):
        regions = ", ".join(names.get(r, r) for r in covered)
        links = " · ".join(
            f'<a href="{escape_text(feature_href(f))}" target="_self" title="{escape_text(f.summary)}">'
            f"{escape_text(f.name)}</a>"
            for f in atlas.features_in(scope_id)
        )
        bears_on = escape_text(_("(bears on {regions})").format(regions=regions))
        parts.append(
            f'<p class="veta-scope-note" data-scope="{escape_text(scope_id)}"><b>{escape_text(scope_heading(scope_id))}'
            f'</b> <span class="veta-meta">{bears_on}</span>: {links}</p>'
        )
    return f'<div class="veta-scope-notes">{"".join(parts)}</div>' if parts else ""


def kind_counts(atlas: Atlas, region_ids: Sequence[str]) -> list[dict[str, object]]:
    """Rows (region, region_name, layer, layer_label, kind, count) of features per layer and kind, for a chart."""
    names = {r.id: r.name for r in atlas.regions}
    rows: list[dict[str, object]] = []
    for region_id in region_ids:
        for layer in LAYERS:
            counts: dict[str, int] = {}
            for feature in atlas.features_in(region_id, layer):
                counts[feature.kind] = counts.get(feature.kind, 0) + 1
            for kind in LAYER_KINDS[layer]:
                if counts.get(kind):
                    rows.append(
                        {
                            "region": region_id,
                            "region_name": names.get(region_id, region_id),
                            "layer": layer,
                            "layer_label": layer_label(layer),
                            "kind": kind_label(kind),
                            "count": counts[kind],
                        }
                    )
    return rows


def unique_kinds(atlas: Atlas, region_ids: Sequence[str]) -> dict[str, tuple[tuple[str, str], ...]]:
    """For each region, the (layer, kind) pairs found in it and in none of the other compared regions."""
    present = {r: {(f.layer, f.kind) for f in atlas.features_in(r)} for r in region_ids}
    order = [(layer, kind) for layer in LAYERS for kind in LAYER_KINDS[layer]]
    result: dict[str, tuple[tuple[str, str], ...]] = {}
    for region_id in region_ids:
        others = set().union(*(present[o] for o in region_ids if o != region_id))
        result[region_id] = tuple(p for p in order if p in present[region_id] and p not in others)
    return result


def features_of_kind(atlas: Atlas, region_id: str, layer: str, kind: str) -> tuple[Feature, ...]:
    """A region's features of one layer and kind."""
    return tuple(f for f in atlas.features_in(region_id, layer) if f.kind == kind)


def unique_kinds_html(atlas: Atlas, region_ids: Sequence[str]) -> str:
    """What each compared region has that the others lack, as escaped HTML with links to the features."""
    names = {r.id: r.name for r in atlas.regions}
    parts: list[str] = []
    for region_id, pairs in unique_kinds(atlas, region_ids).items():
        if not pairs:
            nothing = escape_text(_("Nothing that the other regions lack."))
            items = f'<li class="veta-meta">{nothing}</li>'
        else:
            items = "".join(
                f"<li><b>{escape_text(kind_label(kind))}</b> "
                f'<span class="veta-meta">({escape_text(layer_label(layer).lower())})</span>: '
                + ", ".join(
                    f'<a href="{escape_text(feature_href(f))}" target="_self">{escape_text(f.name)}</a>'
                    for f in features_of_kind(atlas, region_id, layer, kind)
                )
                + "</li>"
                for layer, kind in pairs
            )
        heading = escape_text(_("Only in {region}").format(region=names.get(region_id, region_id)))
        parts.append(
            f'<div class="veta-unique" data-region="{escape_text(region_id)}"><h4>{heading}</h4><ul>{items}</ul></div>'
        )
    return f'<div class="veta-unique-grid">{"".join(parts)}</div>'


def scale_caption(views: dict[str, MapView], pixels: int = 100) -> str:
    """A plain-text line saying the shared scale, e.g. `All maps: 100 pixels ≈ 52 km`, in the current language."""
    if not views:
        return ""
    km = sum(v.metres_per_pixel for v in views.values()) / len(views) * pixels / 1000
    return _("All maps at one scale: {pixels} pixels ≈ {km} km (at each region's centre).").format(
        pixels=format_number(pixels), km=format_number(km, 0)
    )


def parse_layers(values: Sequence[str]) -> tuple[str, ...]:
    """Known layer names among `values`, in layer order (all layers when none is known)."""
    wanted = {v for value in values for v in value.split(",") if len(v) <= ID_MAX_CHARS}
    chosen = tuple(layer for layer in LAYERS if layer in wanted)
    return chosen or LAYERS
