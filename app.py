"""Veta's entry point: page config, the pages, the shared sidebar."""

import streamlit as st

from ui.data import get_atlas
from ui.sidebar import draw_sidebar

st.set_page_config(page_title="Veta — atlas of artisanal mining", page_icon="⛏", layout="wide")
atlas = get_atlas()
pages = [
    st.Page("pages/home.py", title="Overview", icon="🗺", default=True),
]
draw_sidebar(atlas)
st.navigation(pages).run()
