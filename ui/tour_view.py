"""The guided-tour page's widgets: the list of tours, a step (passages, map, question), navigation, projector mode.

The address is the source of truth: `?tour=<id>&step=<n>` (and `&projector=1`), so every step can be shared.
← and → step the tour through the step map's element (`ui.map_display.show_step_map`), also while the map has
focus; the buttons carry no Streamlit shortcut, whose key hint made them read "Next → →".
"""

from __future__ import annotations

import streamlit as st

from ui.map_display import show_step_map
from ui.projector import apply_projector_styles, projector_toggle
from ui.teach_data import get_handout, in_language, keep_language
from veta.background import background_html
from veta.escape import escape_text
from veta.glossary import Glossary
from veta.handout import handout_filename, handout_html, step_passages_html, terms_in_evidence
from veta.i18n import N_, _, format_number, language_query, ngettext
from veta.model import Atlas
from veta.reader import feature_href
from veta.tours import Tour, TourStep

TOUR_PAGE = "pages/tour.py"
PROJECTOR_TEXT_PIXELS = 520
"""In projector mode the step's text scrolls inside a box this high, beside the map: both on one screen."""
PROJECTOR_HELP = N_("Large type, no sidebar: each step's text beside its map on one screen. Kept in the address.")

TOUR_CSS = """
<style>
.veta-tour-passage { margin: 0.5rem 0; padding: 0.4rem 0.9rem; border-left: 0.3rem solid #8a5a00;
  background: #fffdf8; }
.veta-tour-text { font-size: 1.08rem; line-height: 1.55; margin: 0 0 0.3rem 0; }
.veta-tour-passage footer { font-size: 0.9rem; color: #4a4a4a; }
.veta-tour-question { font-size: 1.15rem; font-weight: 700; margin: 0.8rem 0 0.3rem 0; }
abbr.veta-term { text-decoration: underline dotted; cursor: help; }
.veta-tour-features ul { margin: 0.2rem 0; padding-left: 1.2rem; }
.veta-tour-card h3 { margin: 0 0 0.2rem 0; padding: 0; }
.veta-tour-card p { margin: 0.2rem 0; }
h1.veta-tour-title { font-size: 2.4rem; font-weight: 700; margin: 0; padding: 0.5rem 0 0 0; }
h2.veta-tour-step-title { font-size: 1.6rem; font-weight: 600; margin: 0.4rem 0 0 0; padding: 0; }
</style>
"""


def apply_tour_styles(projector: bool) -> None:
    """The tour styles, and the projector's when it is on (fixed text only)."""
    st.html(TOUR_CSS)
    apply_projector_styles(projector)


def draw_tour_list(atlas: Atlas, tours: tuple[Tour, ...], glossary: Glossary) -> None:
    """Every tour with its summary, regions and length, a link to its first step and its printable handout."""
    names = {r.id: r.name for r in atlas.regions}
    if not tours:
        st.info(_("No guided tour is available right now."))
        return
    for tour in tours:
        with st.container(border=True):
            regions = ", ".join(names.get(r, r) for r in tour.regions)
            steps = ngettext("{count} step", "{count} steps", len(tour.steps)).format(
                count=format_number(len(tour.steps))
            )
            st.html(
                f'<div class="veta-tour-card" data-tour="{escape_text(tour.id)}"><h3>{escape_text(tour.title)}</h3>'
                f'<p class="veta-meta">{escape_text(regions)} · {escape_text(steps)}</p>'
                f"<p>{background_html(tour.summary_parts)}</p></div>"
            )
            start, handout = st.columns(2, vertical_alignment="center")
            start.page_link(
                TOUR_PAGE,
                label=_("Start this tour"),
                icon=":material/play_arrow:",
                query_params={"tour": tour.id, "step": "1", **language_query()},
            )
            handout.download_button(
                _("Printable handout"),
                data=in_language(lambda tour=tour: handout_html(atlas, tour, glossary)),  # built on click
                file_name=handout_filename(tour),
                mime="text/html",
                icon=":material/print:",
                key=f"list-handout-{tour.id}",
            )


def _go(step: int) -> None:
    st.query_params["step"] = str(step)


def _stepper(tour: Tour):  # noqa: ANN202 - a callback
    """The callback of the map's keys: the step from the address as it is when the key is handled (a key
    pressed while the previous step's run was still drawing must move from the step the address shows)."""

    def step(action: str) -> None:
        current = st.query_params.get("step", "1")
        number = int(current) if current.isdigit() else 1
        target = number + (1 if action == "next" else -1 if action == "prev" else 0)
        if 1 <= target <= len(tour.steps) and target != number:
            _go(target)

    return step


def projector_switch() -> bool:
    """The tour's projector toggle (`?projector=1`); returns whether it is on."""
    return projector_toggle(_(PROJECTOR_HELP))


def draw_navigation(tour: Tour, number: int, *, where: str) -> None:
    """Previous/next buttons around the progress bar (← and → are answered by the step's map element,
    `ui.map_display.show_step_map`, also while the map has focus)."""
    count = len(tour.steps)
    # wide enough for "← Previous" in a 1024-pixel projector's main column
    back, progress, forward = st.columns([3, 5, 3], vertical_alignment="center")
    back.button(
        _("← Previous"),
        key=f"tour-prev-{where}",
        disabled=number <= 1,
        on_click=_go,
        args=(number - 1,),
        width="stretch",
    )
    progress.progress(
        number / count,
        text=_("Step {number} of {count}").format(number=format_number(number), count=format_number(count)),
    )
    forward.button(
        _("Next →"),
        key=f"tour-next-{where}",
        disabled=number >= count,
        on_click=_go,
        args=(number + 1,),
        width="stretch",
        type="primary",
    )


def draw_step_map(atlas: Atlas, tour: Tour, number: int, *, projector: bool) -> None:
    """The step's map: its region, moved to its view, its features ringed."""
    show_step_map(atlas, tour, number, projector=projector, on_key=_stepper(tour))


def draw_step_text(atlas: Atlas, step: TourStep, glossary: Glossary) -> None:
    """The step's passages (quotes marked, terms explained), its features, its question and suggested points."""
    for html in step_passages_html(atlas, step, glossary):
        st.html(html)
    terms = terms_in_evidence(step.evidence, glossary)
    if terms:
        st.caption(_("Dotted words are explained in the glossary: hover them, or open the glossary page."))
    features = "".join(
        f'<li><a href="{escape_text(keep_language(feature_href(atlas.feature(f))))}" target="_self">'
        f"{escape_text(atlas.feature(f).name)}</a></li>"
        for f in step.features
    )
    ringed, hint = _("Ringed on the map"), _("(open one for all its evidence):")
    heading = f"<b>{escape_text(ringed)}</b> {escape_text(hint)}"
    st.html(f'<div class="veta-tour-features">{heading}<ul>{features}</ul></div>')
    st.html(f'<p class="veta-tour-question">{background_html(step.question_parts)}</p>')
    with st.expander(_("Suggested points for the discussion")):
        st.html("<ul>" + "".join(f"<li>{background_html(p)}</li>" for p in step.points_parts) + "</ul>")


def draw_step(atlas: Atlas, tour: Tour, number: int, glossary: Glossary, *, projector: bool) -> None:
    """One step of a tour: navigation, title, passages and question beside (or, projected, above) the map."""
    step = tour.step(number)
    draw_navigation(tour, number, where="top")
    st.html(f'<h2 class="veta-tour-step-title">{escape_text(step.title)}</h2>')
    text, map_column = st.columns([2, 3], gap="medium")
    with map_column:
        draw_step_map(atlas, tour, number, projector=projector)
    with text:
        box = st.container(height=PROJECTOR_TEXT_PIXELS) if projector else st.container()
        with box:
            draw_step_text(atlas, step, glossary)
    draw_navigation(tour, number, where="bottom")


def draw_handout_button(atlas: Atlas, tour: Tour) -> None:
    """Download the tour's printable handout (one HTML page: open it and print)."""
    st.download_button(
        _("Printable handout (HTML)"),
        data=get_handout(atlas, tour),
        file_name=handout_filename(tour),
        mime="text/html",
        icon=":material/print:",
        key=f"handout-{tour.id}",
        help=_("A page with each step's quotes, a small map and the question, for printing or sharing offline."),
    )
