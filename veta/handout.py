"""Teaching with tours: a step's passages, its map, and a printable handout.

Pure functions (no Streamlit). A step's passages are shown verbatim, each quote marked inside its passage and
the glossary's terms explained where they occur. The step map is the region map (`veta.maps.build_region_map`)
opened at the step's view with its features ringed. The handout is one standalone HTML page, printable, with a
small static SVG map per step (no JavaScript, no network), the quotes with their speakers, the questions, and
the TNI credit and licence. Every data-derived string that reaches HTML goes through `escape_text`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import folium
import shapely
from branca.element import MacroElement
from folium.template import Template
from shapely.geometry.base import BaseGeometry

from veta.background import background_html, text_marks_css
from veta.credits import GEODATA_CREDIT_TEXT, INTERVIEW_URL, LICENCE_URL
from veta.escape import escape_text
from veta.evidence import Evidence
from veta.glossary import Glossary, GlossaryTerm, annotate_terms, glossed_html, term_layer
from veta.maps import PASSAGE_URL, build_region_map, context_polygons, fit_bounds_first
from veta.model import Atlas, Feature
from veta.quotes import Layer, editorial_layer, layered_html
from veta.reader import LAYER_LABELS, merge_spans, speaker_name
from veta.symbology import LAYER_COLOURS, SELECTED_COLOUR
from veta.tours import Bounds, Tour, TourStep, view_bounds

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HIGHLIGHT_CLASS = "veta-tour-highlight"
"""CSS class of the rings drawn around a step's features on its map."""
SVG_WIDTH = 360
SVG_HEIGHT = 240
NO_GLOSSARY = Glossary(())


# ------------------------------------------------------------------------------------------- passages


def marked_glossed_html(text: str, spans: Iterable[tuple[int, int]], glossary: Glossary = NO_GLOSSARY) -> str:
    """`text` escaped, each span (offsets into `text`) in `<mark>`, TNI's editorial insertions marked, and glossary
    terms in `<abbr>` everywhere."""
    marks = Layer([(start, end, "<mark>") for start, end in merge_spans(spans, len(text))], "</mark>")
    return layered_html(text, [marks, editorial_layer(text), term_layer(text, glossary)])


def evidence_by_passage(evidence: Sequence[Evidence]) -> list[tuple[str, tuple[Evidence, ...]]]:
    """Quotes grouped by passage, in order of first appearance."""
    groups: dict[str, list[Evidence]] = {}
    for item in evidence:
        groups.setdefault(item.passage_id, []).append(item)
    return [(pid, tuple(items)) for pid, items in groups.items()]


def passage_with_quotes_html(atlas: Atlas, evidence: Sequence[Evidence], glossary: Glossary = NO_GLOSSARY) -> str:
    """One passage verbatim in quote marks with its speaker, the quotes from it marked, glossary terms explained.

    All `evidence` items must come from the same passage.
    """
    passage = atlas.passage(evidence[0].passage_id)
    body = passage.body
    offset = passage.end - len(body)  # where the body starts in the seed
    spans = [(e.start - offset, e.end - offset) for e in evidence]
    return (
        f'<blockquote class="veta-tour-passage" data-passage="{escape_text(passage.id)}">'
        f'<p class="veta-tour-text">“{marked_glossed_html(body, spans, glossary)}”</p>'
        f"<footer>— {escape_text(speaker_name(passage.speaker))}, passage {passage.number} "
        f'<span class="veta-meta">({escape_text(passage.section)})</span></footer></blockquote>'
    )


def step_passages_html(atlas: Atlas, step: TourStep, glossary: Glossary = NO_GLOSSARY) -> list[str]:
    """The passages a step quotes, each as `passage_with_quotes_html`, in order."""
    return [passage_with_quotes_html(atlas, group, glossary) for _, group in evidence_by_passage(step.evidence)]


def terms_in_evidence(evidence: Iterable[Evidence], glossary: Glossary) -> tuple[GlossaryTerm, ...]:
    """The glossary terms that occur inside these quotes, in glossary order."""
    found = {term.id for e in evidence for _, _, term in annotate_terms(e.exact, glossary)}
    return tuple(t for t in glossary.terms if t.id in found)


# ------------------------------------------------------------------------------------------- the step map


class _HighlightCss(MacroElement):
    """Dims every feature but the step's (ids are slugs, checked before they get here)."""

    _template = Template("""{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}""")

    def __init__(self, css: str) -> None:
        super().__init__()
        self._name = "VetaTourCss"
        self.css = css


def highlight_css(feature_ids: Iterable[str]) -> str:
    """CSS that fades other features and keeps these (slug ids only) fully visible."""
    ids = [f for f in feature_ids if _SLUG.match(f)]
    keep = ", ".join(f".veta-feature.veta-fid-{f}" for f in ids)
    rules = f".veta-feature {{ opacity: 0.4; }} .{HIGHLIGHT_CLASS} {{ pointer-events: none; }}"
    return rules + (f" {keep} {{ opacity: 1; }}" if keep else "")


def _latlngs(coords: Iterable[Sequence[float]]) -> list[list[float]]:
    return [[round(y, 4), round(x, 4)] for x, y, *_ in coords]


def _parts(geom: BaseGeometry) -> list[BaseGeometry]:
    return list(getattr(geom, "geoms", [geom]))


def _ring(feature: Feature) -> list[folium.MacroElement]:
    """Highlight shapes for one feature: a ring round each point, a halo along lines and outlines."""
    classes = f"{HIGHLIGHT_CLASS} veta-tour-fid-{feature.id}"
    shapes: list[folium.MacroElement] = []
    simple = shapely.simplify(feature.geometry, 0.002, preserve_topology=True)
    for part in _parts(simple):
        if part.is_empty:
            continue
        if part.geom_type == "Point":
            shapes.append(
                folium.CircleMarker(
                    [round(part.y, 4), round(part.x, 4)],
                    radius=22,
                    color=SELECTED_COLOUR,
                    weight=3,
                    fill=False,
                    interactive=False,
                    class_name=classes,
                )
            )
        elif part.geom_type == "LineString":
            shapes.append(
                folium.PolyLine(
                    _latlngs(part.coords),
                    color=SELECTED_COLOUR,
                    weight=12,
                    opacity=0.3,
                    interactive=False,
                    class_name=classes,
                )
            )
        elif part.geom_type == "Polygon":
            shapes.append(
                folium.Polygon(
                    _latlngs(part.exterior.coords),
                    color=SELECTED_COLOUR,
                    weight=4,
                    fill=False,
                    interactive=False,
                    class_name=classes,
                )
            )
    return shapes


def fit_to(m: folium.Map, bounds: Bounds) -> folium.Map:
    """Replace the map's initial view by these ((south, west), (north, east)) bounds; returns the map.

    Call it on a map that has not been rendered yet (rendering keeps a copy of each element's script).
    """
    (south, west), (north, east) = bounds
    fit_bounds_first(m, [[south, west], [north, east]])
    return m


def highlight_features(m: folium.Map, atlas: Atlas, feature_ids: Sequence[str]) -> folium.Map:
    """Ring these features on the map and fade the others; unknown ids are skipped. Returns the map."""
    group = folium.FeatureGroup(name="Tour step", control=False)
    for feature_id in feature_ids:
        try:
            feature = atlas.feature(feature_id)
        except KeyError:
            continue
        for shape in _ring(feature):
            shape.add_to(group)
    group.add_to(m)
    m.add_child(_HighlightCss(highlight_css(feature_ids)))
    return m


def build_step_map(atlas: Atlas, step: TourStep, *, passage_url: str = PASSAGE_URL) -> folium.Map:
    """The map of a tour step: its region's map, moved to the step's view, its features ringed; `passage_url`
    as in `build_region_map`."""
    m = build_region_map(atlas, step.view.region, passage_url=passage_url)
    highlight_features(m, atlas, step.features)
    return fit_to(m, view_bounds(atlas, step.view))


# ------------------------------------------------------------------------------------------- static SVG map


def _merc(lat: float) -> float:
    lat = max(-85.0, min(85.0, lat))
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


class _Projection:
    """Lon/lat → SVG pixels for a box, padded to the picture's aspect ratio (Web Mercator, like the app)."""

    def __init__(self, bounds: Bounds, width: int, height: int) -> None:
        (south, west), (north, east) = bounds
        x0, x1, y0, y1 = west, east, _merc(south), _merc(north)
        scale = min(width / (x1 - x0), height / (y1 - y0))
        self.scale = scale
        self.cx, self.cy = (x0 + x1) / 2, (y0 + y1) / 2
        self.width, self.height = width, height
        half_w, half_h = width / scale / 2, height / scale / 2
        inv = math.degrees(2 * math.atan(math.exp(math.radians(self.cy - half_h))) - math.pi / 2)
        top = math.degrees(2 * math.atan(math.exp(math.radians(self.cy + half_h))) - math.pi / 2)
        self.box = (self.cx - half_w, inv, self.cx + half_w, top)  # (west, south, east, north) shown

    def xy(self, lng: float, lat: float) -> tuple[float, float]:
        x = (lng - self.cx) * self.scale + self.width / 2
        y = self.height / 2 - (_merc(lat) - self.cy) * self.scale
        return round(x, 1), round(y, 1)

    def path(self, geom: BaseGeometry) -> str:
        """SVG path data of a polygon or line geometry."""
        commands: list[str] = []
        for part in _parts(geom):
            rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
            for ring in rings:
                points = [self.xy(x, y) for x, y, *_ in ring.coords]
                if len(points) < 2:
                    continue
                closed = "Z" if part.geom_type == "Polygon" else ""
                commands.append("M" + " L".join(f"{x},{y}" for x, y in points) + closed)
        return " ".join(commands)


def _clip(geom: BaseGeometry, shown: tuple[float, float, float, float], tolerance: float) -> BaseGeometry:
    clipped = shapely.clip_by_rect(geom, *shown)
    return shapely.simplify(clipped, tolerance, preserve_topology=True) if not clipped.is_empty else clipped


def step_svg(atlas: Atlas, step: TourStep, width: int = SVG_WIDTH, height: int = SVG_HEIGHT) -> str:
    """A small static map of a step: basemap, region outline, rivers, the region's features, the step's ringed
    and numbered in the order of its feature list. No script, no external file: it prints as is."""
    projection = _Projection(view_bounds(atlas, step.view, pad=0.15), width, height)
    shown = projection.box
    tolerance = (shown[2] - shown[0]) / width
    region = atlas.region(step.view.region)
    parts = [
        f'<svg class="veta-svg-map" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Map of {escape_text(region.name)} for this step">',
        f'<rect width="{width}" height="{height}" fill="#cfe2ee"/>',
    ]
    for level, geom in context_polygons(atlas, shown):
        data = projection.path(_clip(geom, shown, tolerance))
        if data:
            dash = "" if level == "country" else ' stroke-dasharray="3 2"'
            parts.append(f'<path d="{data}" fill="#f4f1e8" stroke="#8d8778" stroke-width="0.8"{dash}/>')
    outline = projection.path(_clip(region.geometry, shown, tolerance))
    if outline:
        parts.append(f'<path d="{outline}" fill="#fffdf6" fill-opacity="0.7" stroke="#222" stroke-width="1.6"/>')
    ringed = [f for f in step.features if _known(atlas, f)]
    for feature in atlas.features_in(region.id):
        if feature.id in ringed:
            continue
        parts.append(_svg_feature(projection, feature, shown, tolerance, faded=True))
    placed: list[tuple[float, float]] = []
    for number, feature_id in enumerate(ringed, start=1):
        feature = atlas.feature(feature_id)
        parts.append(_svg_feature(projection, feature, shown, tolerance, number=number, placed=placed))
    parts.append("</svg>")
    return "".join(p for p in parts if p)


def _known(atlas: Atlas, feature_id: str) -> bool:
    try:
        atlas.feature(feature_id)
    except KeyError:
        return False
    return True


def _svg_feature(
    projection: _Projection,
    feature: Feature,
    shown: tuple[float, float, float, float],
    tolerance: float,
    *,
    faded: bool = False,
    number: int | None = None,
    placed: list[tuple[float, float]] | None = None,
) -> str:
    colour = LAYER_COLOURS[feature.layer]
    opacity = "0.35" if faded else "1"
    geom = feature.geometry
    if geom.geom_type in ("Point", "MultiPoint"):
        west, south, east, north = shown
        out: list[str] = []
        for point in _parts(geom):
            if not (west <= point.x <= east and south <= point.y <= north):
                continue
            x, y = projection.xy(point.x, point.y)
            radius = 3.5 if faded else 6
            out.append(
                f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{colour}" fill-opacity="{opacity}" '
                f'stroke="#1b1b1b" stroke-width="{0.5 if faded else 1.5}" stroke-opacity="{opacity}"/>'
            )
            if number is not None:
                out.append(_label(x, y, number, placed))
        return "".join(out)
    clipped = _clip(geom, shown, tolerance)
    data = projection.path(clipped)
    if not data:
        return ""
    width = 2 if faded else 4
    fill = "none" if geom.geom_type in ("LineString", "MultiLineString") else colour
    out = [
        f'<path d="{data}" fill="{fill}" fill-opacity="0.15" stroke="{colour}" stroke-width="{width}" '
        f'stroke-opacity="{opacity}" stroke-linejoin="round"/>'
    ]
    if number is not None and not clipped.is_empty:
        point = clipped.representative_point() if not clipped.is_empty else None
        if point is not None and not point.is_empty:
            out.append(_label(*projection.xy(point.x, point.y), number, placed))
    return "".join(out)


def _label(x: float, y: float, number: int, placed: list[tuple[float, float]] | None = None) -> str:
    """A numbered badge next to a highlighted feature, moved right of any badge already at that place."""
    if placed is not None:
        while any(abs(x - px) < 17 and abs(y - py) < 17 for px, py in placed):
            x += 18
        placed.append((x, y))
    return (
        f'<g class="veta-svg-label"><circle cx="{x + 9}" cy="{y - 9}" r="8" fill="#fff" stroke="#000" '
        f'stroke-width="1.2"/><text x="{x + 9}" y="{y - 5.5}" font-size="10" font-family="sans-serif" '
        f'text-anchor="middle" font-weight="700">{number}</text></g>'
    )


# ------------------------------------------------------------------------------------------- the handout

HANDOUT_CSS = """
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; max-width: 46rem; margin: 1.5rem auto;
  padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 0.3rem; } h2 { font-size: 1.2rem; margin: 1.4rem 0 0.4rem; }
.summary { font-size: 1.05rem; } .meta, .veta-meta { color: #444; font-size: 0.9rem; }
.step { break-inside: avoid; page-break-inside: avoid; border-top: 1px solid #bbb; padding-top: 0.4rem; }
.step-body { display: flex; gap: 1rem; align-items: flex-start; flex-wrap: wrap; }
.step-map { flex: 0 0 auto; margin: 0; } .step-map figcaption { font-size: 0.8rem; color: #333; max-width: 360px; }
.step-map ol { margin: 0.2rem 0 0 1.2rem; padding: 0; }
.step-text { flex: 1 1 18rem; }
blockquote { margin: 0.4rem 0; padding: 0.2rem 0.7rem; border-left: 3px solid #8a5a00; }
blockquote footer { font-size: 0.9rem; color: #333; }
mark { background: #ffe08a; color: inherit; } abbr { text-decoration: underline dotted; }
.question { font-weight: 700; margin: 0.6rem 0 0.2rem; }
.notes { border: 1px dashed #999; height: 4.5rem; margin-top: 0.3rem; }
.teacher { break-before: page; page-break-before: always; }
dl dt { font-weight: 700; } dl dd { margin: 0 0 0.4rem 0; }
footer.credit { margin-top: 2rem; font-size: 0.85rem; color: #333; border-top: 1px solid #bbb; padding-top: 0.4rem; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; }
  .noprint { display: none; } }
""" + text_marks_css()


def credit_html() -> str:
    """The interview credit (with its licence) and the geodata credit, as escaped HTML with their links."""
    return (
        '<footer class="credit"><p>Quotes: “Artisanal and Informal Mining”, <i>Digging Deeper: Conversations on '
        f'Mining and Just Transitions</i>, © Transnational Institute (TNI), <a href="{escape_text(INTERVIEW_URL)}">'
        f"{escape_text(INTERVIEW_URL)}</a>, licensed "
        f'<a href="{escape_text(LICENCE_URL)}">CC BY-NC-ND 3.0</a>. Quotes are reproduced verbatim.</p>'
        f"<p>Map data: {escape_text(GEODATA_CREDIT_TEXT)}.</p>"
        "<p>Made with Veta, an evidence-linked atlas of artisanal and small-scale mining.</p></footer>"
    )


def handout_filename(tour: Tour) -> str:
    """The file name of a tour's handout, e.g. `handout-water-and-mercury.html`."""
    return f"handout-{tour.id}.html"


def _step_html(atlas: Atlas, step: TourStep, glossary: Glossary) -> str:
    names = {r.id: r.name for r in atlas.regions}
    keyed = "".join(
        f"<li>{escape_text(atlas.feature(f).name)} "
        f'<span class="meta">({escape_text(LAYER_LABELS[atlas.feature(f).layer].lower())})</span></li>'
        for f in step.features
        if _known(atlas, f)
    )
    quotes = "".join(
        f"<blockquote><p>“{glossed_html(e.exact, glossary)}”</p><footer>— "
        f"{escape_text(speaker_name(atlas.passage(e.passage_id).speaker))}, passage "
        f"{atlas.passage(e.passage_id).number}</footer></blockquote>"
        for e in step.evidence
    )
    return (
        f'<section class="step" id="step-{step.number}"><h2>Step {step.number}: {escape_text(step.title)}</h2>'
        f'<div class="step-body"><figure class="step-map">{step_svg(atlas, step)}'
        f"<figcaption>{escape_text(names.get(step.view.region, step.view.region))}. Numbered on the map:"
        f"<ol>{keyed}</ol></figcaption></figure>"
        f'<div class="step-text">{quotes}<p class="question">{background_html(step.question_parts)}</p>'
        '<div class="notes" aria-label="Space for notes"></div></div></div></section>'
    )


def handout_html(atlas: Atlas, tour: Tour, glossary: Glossary = NO_GLOSSARY, *, teacher_notes: bool = True) -> str:
    """A tour's printable handout: a standalone HTML page (no script, no external file) with a static map, the
    quotes with their speakers and a question per step, the terms explained, suggested points for the teacher
    (optional), and the TNI credit and licence."""
    names = {r.id: r.name for r in atlas.regions}
    regions = ", ".join(names.get(r, r) for r in tour.regions)
    steps = "".join(_step_html(atlas, step, glossary) for step in tour.steps)
    terms = terms_in_evidence((e for s in tour.steps for e in s.evidence), glossary)
    glossary_part = ""
    if terms:
        items = "".join(f"<dt>{escape_text(t.term)}</dt><dd>{background_html(t.explanation_parts)}</dd>" for t in terms)
        glossary_part = f'<section class="glossary"><h2>Words from the interview</h2><dl>{items}</dl></section>'
    teacher = ""
    if teacher_notes:
        items = "".join(
            f"<li><b>{escape_text(s.title)}</b>: {background_html(s.question_parts)}<ul>"
            + "".join(f"<li>{background_html(p)}</li>" for p in s.points_parts)
            + "</ul></li>"
            for s in tour.steps
        )
        teacher = f'<section class="teacher"><h2>For the teacher: suggested points</h2><ol>{items}</ol></section>'
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape_text(tour.title)} — Veta handout</title><style>{HANDOUT_CSS}</style></head><body>"
        f'<header><p class="meta">Veta guided tour · {escape_text(regions)} · {len(tour.steps)} steps</p>'
        f'<h1>{escape_text(tour.title)}</h1><p class="summary">{background_html(tour.summary_parts)}</p></header>'
        f"{steps}{glossary_part}{teacher}{credit_html()}</body></html>"
    )


def tours_visiting(tours: Sequence[Tour], region_id: str | None) -> tuple[Tour, ...]:
    """All tours, or those whose regions include `region_id`."""
    return tuple(t for t in tours if region_id is None or region_id in t.regions)
