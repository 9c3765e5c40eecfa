"""Guided tours: a list of tours, or one step of a tour (`?tour=<id>&step=<n>`, `&projector=1`)."""

import streamlit as st

from ui.data import get_atlas
from ui.notices import show_notice
from ui.projector import projector_requested
from ui.sidebar import draw_footer
from ui.styles import apply_styles, set_page_title
from ui.teach_data import get_glossary, get_tours
from ui.tour_view import TOUR_PAGE, apply_tour_styles, draw_handout_button, draw_step, draw_tour_list, projector_switch
from veta.escape import escape_text
from veta.i18n import _, format_number, language_query
from veta.tours import resolve_tour_params

atlas = get_atlas()
tours = get_tours(atlas)
choice = resolve_tour_params(tours, st.query_params.get_all("tour"), st.query_params.get_all("step"))
if choice.tour is None:
    set_page_title(_("Guided tours"))
else:
    set_page_title(
        _("{tour} · step {step}").format(tour=choice.tour.title, step=format_number(choice.step)),
        projector=projector_requested(),
    )
apply_styles()

if choice.tour is None:
    apply_tour_styles(projector=False)
    st.title(_("Guided tours"))
    show_notice(choice.notice)
    st.markdown(
        _(
            "Short walks through the maps for a class: each step reads a passage of the interview, moves the map "
            "and asks a question. Use ← and → to move between steps; every step has its own address to share."
        )
    )
    draw_tour_list(atlas, tours, get_glossary(atlas))
else:
    tour = choice.tour
    title, toggle = st.columns([2, 1], vertical_alignment="bottom")  # the toggle's label whole on a projector
    with toggle:
        projector = projector_switch()
    apply_tour_styles(projector)
    with title:
        st.html(f'<h1 class="veta-tour-title">{escape_text(tour.title)}</h1>')
    show_notice(choice.notice)
    if choice.notice is not None and "step" in st.query_params:
        st.query_params["step"] = str(choice.step)
    draw_step(atlas, tour, choice.step, get_glossary(atlas), projector=projector)
    links = st.columns(2)
    with links[0]:
        draw_handout_button(atlas, tour)
    with links[1]:
        st.page_link(TOUR_PAGE, label=_("All tours"), icon=":material/list:", query_params={**language_query()})
draw_footer()
