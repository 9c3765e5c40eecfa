"""The reference app of bench/page_ready.py, served the way Veta is (serve.py): `st.App` with `ui.internals`'s
middleware, so its `/map` page, like Veta's pages, connects without first probing its own address."""

import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # `streamlit run bench/baseline_serve.py` puts only bench/ on the path
    sys.path.insert(0, str(PROJECT_DIR))

import streamlit as st  # noqa: E402

from ui.internals import middleware  # noqa: E402

app = st.App("baseline_app.py", middleware=middleware())
