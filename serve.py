"""Veta's server, what `make run` starts: `streamlit run serve.py` serves app.py through `st.App`.

app.py is the Streamlit app (page config, pages, sidebar). This file only adds `ui.server`'s middleware, which
writes the server's address into each page so that Streamlit's frontend connects at once instead of first
probing the page's own address (~0.1 s on every page opened by its address), and the maps' script with the map to
preload; at start it prepares the maps of `/` and the region pages (`ui.server`). `streamlit run app.py` runs
the same app without these shortcuts.
"""

import streamlit as st

from ui.server import middleware, prepare_maps_at_start

app = st.App("app.py", middleware=middleware(), lifespan=prepare_maps_at_start)
