"""The baseline of bench/page_ready.py: an empty Streamlit page, served by its own `streamlit run`.

Same Streamlit, same config (`.streamlit/config.toml`, run from the project folder), same browser: the time it
takes to show this page is what any Streamlit page costs before Veta adds anything.
"""

import streamlit as st

st.set_page_config(page_title="Baseline", layout="wide")
st.title("Baseline")
