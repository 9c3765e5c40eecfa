"""Veta's entry point: page config, the pages, the shared sidebar."""

import streamlit as st

from ui.data import get_atlas
from ui.language import apply_language, draw_language_choice
from ui.sidebar import draw_sidebar

st.set_page_config(page_title="Veta", page_icon="⛏", layout="wide")  # each page sets its own tab title
language = apply_language()
atlas = get_atlas()
pages = {
    "Atlas": [
        st.Page("pages/home.py", title="Overview", icon=":material/map:", default=True),
        st.Page("pages/choco.py", title="Chocó (Colombia)", icon=":material/location_on:", url_path="choco"),
        st.Page(
            "pages/madre-de-dios.py",
            title="Madre de Dios (Peru)",
            icon=":material/location_on:",
            url_path="madre-de-dios",
        ),
        st.Page("pages/kachin.py", title="Kachin State (Myanmar)", icon=":material/location_on:", url_path="kachin"),
    ],
    "Interview": [
        st.Page("pages/passages.py", title="Read the interview", icon=":material/menu_book:", url_path="passages"),
        st.Page("pages/about.py", title="About, sources and licences", icon=":material/info:", url_path="about"),
    ],
    "Teach & compare": [
        st.Page("pages/compare.py", title="Compare regions", icon=":material/compare:", url_path="compare"),
        st.Page("pages/tour.py", title="Guided tours", icon=":material/tour:", url_path="tour"),
        st.Page("pages/glossary.py", title="Glossary", icon=":material/dictionary:", url_path="glossary"),
        st.Page("pages/downloads.py", title="Downloads & citation", icon=":material/download:", url_path="downloads"),
    ],
}
draw_language_choice(language)
draw_sidebar(atlas)
page = st.navigation(pages)
page.run()
