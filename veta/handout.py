"""Teaching with tours: a step's passages, its map, and a printable handout.

Pure functions (no Streamlit). A step's passages are shown verbatim, each quote marked inside its passage and
the glossary's terms explained where they occur. The step map is the step's map description
(`veta.maps.build_step_spec`), drawn on screen with folium and in the handout as static SVG. The handout is one
standalone HTML page, printable, with a small static SVG map per step (no JavaScript, no network), the quotes with their speakers, the questions, and
the TNI credit and licence. Every data-derived string that reaches HTML goes through `escape_text`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import folium

from veta.background import background_html, text_marks_css
from veta.credits import GEODATA_CREDIT_TEXT, INTERVIEW_URL, LICENCE_URL
from veta.escape import escape_text
from veta.evidence import Evidence
from veta.glossary import Glossary, GlossaryTerm, annotate_terms, glossed_html, term_layer
from veta.i18n import _, current_language, format_number, ngettext
from veta.layers import layer_label
from veta.maps import PASSAGE_URL, build_step_spec, render_folium, render_svg
from veta.maps.describe import html_format, in_english, original_mark
from veta.model import Atlas
from veta.quotes import Layer, editorial_layer, layered_html
from veta.reader import merge_spans, speaker_name
from veta.tours import Tour, TourStep

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
        f'<p class="veta-tour-text">{in_english(f"“{marked_glossed_html(body, spans, glossary)}”")}</p>'
        f"<footer>{original_mark(prefix='', suffix=' ')}— {escape_text(speaker_name(passage.speaker))}, "
        f"{_passage_number(passage.number)} "
        f'<span class="veta-meta">({in_english(escape_text(passage.section))})</span></footer></blockquote>'
    )


def _passage_number(number: int) -> str:
    """ "passage 12" in the current language, escaped."""
    return escape_text(_("passage {number}").format(number=number))


def step_passages_html(atlas: Atlas, step: TourStep, glossary: Glossary = NO_GLOSSARY) -> list[str]:
    """The passages a step quotes, each as `passage_with_quotes_html`, in order."""
    return [passage_with_quotes_html(atlas, group, glossary) for _, group in evidence_by_passage(step.evidence)]


def terms_in_evidence(evidence: Iterable[Evidence], glossary: Glossary) -> tuple[GlossaryTerm, ...]:
    """The glossary terms that occur inside these quotes, in glossary order."""
    found = {term.id for e in evidence for _, _, term in annotate_terms(e.exact, glossary)}
    return tuple(t for t in glossary.terms if t.id in found)


# ------------------------------------------------------------------------------------------- the step map


def build_step_map(atlas: Atlas, step: TourStep, *, passage_url: str = PASSAGE_URL) -> folium.Map:
    """The map of a tour step on screen: `veta.maps.build_step_spec` drawn by `render_folium` (its region's map
    at the step's view, every ringed feature in view with its context, the others faded)."""
    return render_folium(build_step_spec(atlas, step, passage_url=passage_url))


def step_svg(atlas: Atlas, step: TourStep, width: int = SVG_WIDTH, height: int = SVG_HEIGHT) -> str:
    """A small static map of a step for print: the same description drawn by `render_svg` (basemap, outline,
    the region's features, the step's ringed ones numbered in the order of its feature list)."""
    spec = build_step_spec(atlas, step)
    return render_svg(spec, width, height, title=_("Map of {title} for this step").format(title=spec.title))


def _known(atlas: Atlas, feature_id: str) -> bool:
    try:
        atlas.feature(feature_id)
    except KeyError:
        return False
    return True


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
    quotes = html_format(
        _(
            "Quotes: {title}, {series}, © Transnational Institute (TNI), {link}, licensed {licence}. "
            "Quotes are reproduced verbatim."
        ),
        title=in_english("“Artisanal and Informal Mining”"),
        series=in_english("<i>Digging Deeper: Conversations on Mining and Just Transitions</i>"),
        link=f'<a href="{escape_text(INTERVIEW_URL)}">{escape_text(INTERVIEW_URL)}</a>',
        licence=f'<a href="{escape_text(LICENCE_URL)}">CC BY-NC-ND 3.0</a>',
    )
    map_data = escape_text(_("Map data: {credit}.").format(credit=_(GEODATA_CREDIT_TEXT)))
    made = escape_text(_("Made with Veta, an evidence-linked atlas of artisanal and small-scale mining."))
    return f'<footer class="credit"><p>{quotes}</p><p>{map_data}</p><p>{made}</p></footer>'


def handout_filename(tour: Tour) -> str:
    """The file name of a tour's handout, e.g. `handout-water-and-mercury.html`."""
    return f"handout-{tour.id}.html"


def _step_html(atlas: Atlas, step: TourStep, glossary: Glossary) -> str:
    names = {r.id: r.name for r in atlas.regions}
    whole_region = escape_text(_("; about the whole region: numbered inside its outline"))
    keyed = "".join(
        f"<li>{escape_text(atlas.feature(f).name)} "
        f'<span class="meta">({escape_text(layer_label(atlas.feature(f).layer).lower())}'
        + (whole_region if atlas.feature(f).precision == "region" else "")
        + ")</span></li>"
        for f in step.features
        if _known(atlas, f)
    )
    quotes = "".join(
        f"<blockquote><p>{in_english(f'“{glossed_html(e.exact, glossary)}”')}</p><footer>"
        f"{original_mark(prefix='', suffix=' ')}— "
        f"{escape_text(speaker_name(atlas.passage(e.passage_id).speaker))}, "
        f"{_passage_number(atlas.passage(e.passage_id).number)}</footer></blockquote>"
        for e in step.evidence
    )
    heading = _("Step {number}: {title}").format(number=step.number, title=step.title)
    notes = _("Space for notes")
    caption = _("{region}. Numbered on the map:").format(region=names.get(step.view.region, step.view.region))
    return (
        f'<section class="step" id="step-{step.number}"><h2>{escape_text(heading)}</h2>'
        f'<div class="step-body"><figure class="step-map">{step_svg(atlas, step)}'
        f"<figcaption>{escape_text(caption)}"
        f"<ol>{keyed}</ol></figcaption></figure>"
        f'<div class="step-text">{quotes}<p class="question">{background_html(step.question_parts)}</p>'
        f'<div class="notes" aria-label="{escape_text(notes)}"></div></div></div></section>'
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
        items = "".join(
            f"<dt>{in_english(escape_text(t.term))}</dt><dd>{background_html(t.explanation_parts)}</dd>" for t in terms
        )
        words = escape_text(_("Words from the interview"))
        glossary_part = f'<section class="glossary"><h2>{words}</h2><dl>{items}</dl></section>'
    teacher = ""
    if teacher_notes:
        items = "".join(
            f"<li><b>{escape_text(s.title)}</b>: {background_html(s.question_parts)}<ul>"
            + "".join(f"<li>{background_html(p)}</li>" for p in s.points_parts)
            + "</ul></li>"
            for s in tour.steps
        )
        points = escape_text(_("For the teacher: suggested points"))
        teacher = f'<section class="teacher"><h2>{points}</h2><ol>{items}</ol></section>'
    title = _("{title} — Veta handout").format(title=tour.title)
    meta = ngettext(
        "Veta guided tour · {regions} · {count} step", "Veta guided tour · {regions} · {count} steps", len(tour.steps)
    ).format(regions=regions, count=format_number(len(tour.steps)))
    return (
        f'<!DOCTYPE html><html lang="{escape_text(current_language())}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape_text(title)}</title><style>{HANDOUT_CSS}</style></head><body>"
        f'<header><p class="meta">{escape_text(meta)}</p>'
        f'<h1>{escape_text(tour.title)}</h1><p class="summary">{background_html(tour.summary_parts)}</p></header>'
        f"{steps}{glossary_part}{teacher}{credit_html()}</body></html>"
    )


def tours_visiting(tours: Sequence[Tour], region_id: str | None) -> tuple[Tour, ...]:
    """All tours, or those whose regions include `region_id`."""
    return tuple(t for t in tours if region_id is None or region_id in t.regions)
