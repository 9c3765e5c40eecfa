"""Veta's entry point: page config, the pages, the shared sidebar."""

import streamlit as st

from ui.data import get_atlas
from ui.language import apply_language, draw_language_choice
from ui.sidebar import draw_sidebar
from veta.i18n import _

st.set_page_config(page_title="Veta", page_icon="⛏", layout="wide")  # each page sets its own tab title
language = apply_language()
atlas = get_atlas()
pages = {
    _("Atlas"): [
        st.Page("pages/home.py", title=_("Overview"), icon=":material/map:", default=True),
        st.Page("pages/choco.py", title=_("Chocó (Colombia)"), icon=":material/location_on:", url_path="choco"),
        st.Page(
            "pages/madre-de-dios.py",
            title=_("Madre de Dios (Peru)"),
            icon=":material/location_on:",
            url_path="madre-de-dios",
        ),
        st.Page("pages/kachin.py", title=_("Kachin State (Myanmar)"), icon=":material/location_on:", url_path="kachin"),
    ],
    _("Interview"): [
        st.Page("pages/passages.py", title=_("Read the interview"), icon=":material/menu_book:", url_path="passages"),
        st.Page("pages/about.py", title=_("About, sources and licences"), icon=":material/info:", url_path="about"),
    ],
    _("Teach & compare"): [
        st.Page("pages/compare.py", title=_("Compare regions"), icon=":material/compare:", url_path="compare"),
        st.Page("pages/tour.py", title=_("Guided tours"), icon=":material/tour:", url_path="tour"),
        st.Page("pages/glossary.py", title=_("Glossary"), icon=":material/dictionary:", url_path="glossary"),
        st.Page(
            "pages/downloads.py", title=_("Downloads & citation"), icon=":material/download:", url_path="downloads"
        ),
    ],
}
draw_language_choice(language)
draw_sidebar(atlas)
page = st.navigation(pages)
page.run()
