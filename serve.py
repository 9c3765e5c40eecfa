"""Veta's server, what `make run` starts: `streamlit run serve.py` serves app.py through `st.App`.

app.py is the Streamlit app (page config, pages, sidebar). This file only adds `ui.internals`' middleware, which
writes the server's address into each page so that Streamlit's frontend connects at once, and the script that
preloads the map the page's address showed last; at start it prepares the maps of `/` and the region pages.
Both are optional shortcuts (docs/decisions/0001-map-display-paths.md): `streamlit run app.py`, or
`VETA_INTERNALS=0`, runs the same app on public APIs alone.
"""

import streamlit as st

from ui.internals import middleware, prepare_maps_at_start

app = st.App("app.py", middleware=middleware(), lifespan=prepare_maps_at_start)
