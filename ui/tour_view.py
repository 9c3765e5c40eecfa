"""The guided-tour page's widgets: the list of tours, a step (passages, map, question), navigation, projector mode.

The address is the source of truth: `?tour=<id>&step=<n>` (and `&projector=1`), so every step can be shared.
The previous/next buttons answer the arrow keys through Streamlit's own button shortcuts.
"""

from __future__ import annotations

import copy
import functools

import folium
import streamlit as st
from streamlit_folium import st_folium

from ui.map_view import app_url, ensure_offline_assets
from ui.teach_data import get_handout
from veta.background import background_html
from veta.escape import escape_text
from veta.glossary import Glossary
from veta.handout import build_step_map, handout_filename, handout_html, step_passages_html, terms_in_evidence
from veta.maps import PASSAGE_URL
from veta.model import Atlas
from veta.reader import feature_href
from veta.tours import Tour, TourStep

TOUR_PAGE = "pages/tour.py"
MAP_HEIGHT = 520
PROJECTOR_MAP_HEIGHT = 680
PROJECTOR_KEY = "tour-projector"
_PROJECTOR_SYNCED = "tour-projector-address"
TRUE_VALUES = {"1", "true", "yes", "on"}

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
PROJECTOR_CSS = """
<style>
section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"] {
  display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { max-width: 100% !important;
  padding: 1rem 2.5rem !important; }
h1 { font-size: 3rem !important; }
.veta-tour-text { font-size: 1.9rem !important; line-height: 1.5 !important; }
.veta-tour-passage footer { font-size: 1.3rem !important; }
.veta-tour-question { font-size: 2.1rem !important; }
h1.veta-tour-title { font-size: 3.2rem !important; } h2.veta-tour-step-title { font-size: 2.5rem !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.45rem; }
[data-testid="stCaptionContainer"], .veta-tour-features { font-size: 1.2rem !important; }
</style>
"""
"""Projector mode: sidebar hidden, large type, full-width map (fixed text)."""


def apply_tour_styles(projector: bool) -> None:
    """The tour styles, and the projector styles when it is on (fixed text only)."""
    st.html(TOUR_CSS + (PROJECTOR_CSS if projector else ""))


def _set_projector() -> None:
    on = bool(st.session_state.get(PROJECTOR_KEY))
    if on:
        st.query_params["projector"] = "1"
    elif "projector" in st.query_params:
        del st.query_params["projector"]
    st.session_state[_PROJECTOR_SYNCED] = on


def projector_toggle() -> bool:
    """A toggle for projector mode, kept in the address as `?projector=1`; returns whether it is on."""
    wanted = st.query_params.get("projector", "").strip().lower() in TRUE_VALUES
    if st.session_state.get(_PROJECTOR_SYNCED) != wanted:
        st.session_state[PROJECTOR_KEY] = wanted
        st.session_state[_PROJECTOR_SYNCED] = wanted
    return st.toggle(
        "Projector mode",
        key=PROJECTOR_KEY,
        on_change=_set_projector,
        help="Large type, no sidebar, full-width map: for showing a tour on a projector. Kept in the address.",
    )


def draw_tour_list(atlas: Atlas, tours: tuple[Tour, ...], glossary: Glossary) -> None:
    """Every tour with its summary, regions and length, a link to its first step and its printable handout."""
    names = {r.id: r.name for r in atlas.regions}
    if not tours:
        st.info("No guided tour is available right now.")
        return
    for tour in tours:
        with st.container(border=True):
            regions = ", ".join(names.get(r, r) for r in tour.regions)
            st.html(
                f'<div class="veta-tour-card" data-tour="{escape_text(tour.id)}"><h3>{escape_text(tour.title)}</h3>'
                f'<p class="veta-meta">{escape_text(regions)} · {len(tour.steps)} steps</p>'
                f"<p>{background_html(tour.summary_parts)}</p></div>"
            )
            start, handout = st.columns(2, vertical_alignment="center")
            start.page_link(
                TOUR_PAGE,
                label="Start this tour",
                icon=":material/play_arrow:",
                query_params={"tour": tour.id, "step": "1"},
            )
            handout.download_button(
                "Printable handout",
                data=functools.partial(handout_html, atlas, tour, glossary),  # built on click
                file_name=handout_filename(tour),
                mime="text/html",
                icon=":material/print:",
                key=f"list-handout-{tour.id}",
            )


def _go(step: int) -> None:
    st.query_params["step"] = str(step)


def draw_navigation(tour: Tour, number: int, *, where: str) -> None:
    """Previous/next buttons (← and → keys) around the progress bar."""
    count = len(tour.steps)
    # wide enough for "← Previous" and its key hint in a 1024-pixel projector's main column
    back, progress, forward = st.columns([3, 5, 3], vertical_alignment="center")
    shortcuts = where == "top"  # one pair of buttons answers the keys
    back.button(
        "← Previous",
        key=f"tour-prev-{where}",
        disabled=number <= 1,
        on_click=_go,
        args=(number - 1,),
        shortcut="Left" if shortcuts else None,
        width="stretch",
    )
    progress.progress(number / count, text=f"Step {number} of {count}")
    forward.button(
        "Next →",
        key=f"tour-next-{where}",
        disabled=number >= count,
        on_click=_go,
        args=(number + 1,),
        shortcut="Right" if shortcuts else None,
        width="stretch",
        type="primary",
    )


@st.cache_resource(max_entries=64, show_spinner="Drawing the map…")
def _cached_step_map(
    _atlas: Atlas, atlas_id: int, tour_id: str, number: int, _step: TourStep, passage_url: str
) -> folium.Map:
    return build_step_map(_atlas, _step, passage_url=passage_url)


def draw_step_map(atlas: Atlas, tour: Tour, step: TourStep, *, projector: bool) -> None:
    """The step's map: its region, moved to its view, its features ringed."""
    ensure_offline_assets()
    m = _cached_step_map(atlas, id(atlas), tour.id, step.number, step, app_url(PASSAGE_URL))
    st_folium(
        copy.deepcopy(m),
        key=f"tour-map-{tour.id}-{step.number}",
        height=PROJECTOR_MAP_HEIGHT if projector else MAP_HEIGHT,
        use_container_width=True,
        returned_objects=[],
    )


def draw_step_text(atlas: Atlas, step: TourStep, glossary: Glossary) -> None:
    """The step's passages (quotes marked, terms explained), its features, its question and suggested points."""
    for html in step_passages_html(atlas, step, glossary):
        st.html(html)
    terms = terms_in_evidence(step.evidence, glossary)
    if terms:
        st.caption("Dotted words are explained in the glossary: hover them, or open the glossary page.")
    features = "".join(
        f'<li><a href="{escape_text(feature_href(atlas.feature(f)))}" target="_self">'
        f"{escape_text(atlas.feature(f).name)}</a></li>"
        for f in step.features
    )
    st.html(
        f'<div class="veta-tour-features"><b>Ringed on the map</b> (open one for all its evidence):<ul>{features}</ul></div>'
    )
    st.html(f'<p class="veta-tour-question">{background_html(step.question_parts)}</p>')
    with st.expander("Suggested points for the discussion"):
        st.html("<ul>" + "".join(f"<li>{background_html(p)}</li>" for p in step.points_parts) + "</ul>")


def draw_step(atlas: Atlas, tour: Tour, number: int, glossary: Glossary, *, projector: bool) -> None:
    """One step of a tour: navigation, title, passages and question beside (or, projected, above) the map."""
    step = tour.step(number)
    draw_navigation(tour, number, where="top")
    st.html(f'<h2 class="veta-tour-step-title">{escape_text(step.title)}</h2>')
    if projector:
        draw_step_text(atlas, step, glossary)
        draw_step_map(atlas, tour, step, projector=True)
    else:
        text, map_column = st.columns([2, 3], gap="medium")
        with map_column:
            draw_step_map(atlas, tour, step, projector=False)
        with text:
            draw_step_text(atlas, step, glossary)
    draw_navigation(tour, number, where="bottom")


def draw_handout_button(atlas: Atlas, tour: Tour) -> None:
    """Download the tour's printable handout (one HTML page: open it and print)."""
    st.download_button(
        "Printable handout (HTML)",
        data=get_handout(atlas, tour),
        file_name=handout_filename(tour),
        mime="text/html",
        icon=":material/print:",
        key=f"handout-{tour.id}",
        help="A page with each step's quotes, a small map and the question, for printing or sharing offline.",
    )
