"""The reference app of bench/page_ready.py, served by its own `streamlit run` from the project folder.

Two pages, same Streamlit, same config as Veta:
- `/` — an empty page (one title): what any Streamlit page costs before Veta adds anything;
- `/map?region=<id>` — only the region's map, drawn by `ui.map_display.show_region_map`: what the map itself costs,
  without the rest of Veta's region page (evidence panel, feature list).
"""

import sys
from pathlib import Path

import streamlit as st

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:  # `streamlit run bench/baseline_app.py` puts only bench/ on the path
    sys.path.insert(0, str(PROJECT_DIR))


def baseline() -> None:
    """The empty page (and one text box, for the baseline of a rerun)."""
    st.title("Baseline")
    st.text_input("Unrelated widget", key="unrelated")


def map_only() -> None:
    """One region map and nothing else."""
    from ui.data import get_atlas
    from ui.map_display import show_region_map

    show_region_map(get_atlas(), st.query_params.get("region", "kachin"), key="map-only", address="/map")
    st.text_input("Unrelated widget", key="unrelated")


# Streamlit serves the `static/` folder next to the main script: here bench/static/ (git-ignored), so the
# Leaflet/jQuery copy and the map files go there.
import ui.map_display  # noqa: E402
from veta.assets import install_offline_assets  # noqa: E402

BENCH_STATIC = Path(__file__).resolve().parent / "static"
install_offline_assets(BENCH_STATIC)
ui.map_display.MAPS_DIR = BENCH_STATIC / ui.map_display.MAPS_DIRNAME
st.set_page_config(page_title="Baseline", layout="wide")
st.navigation([st.Page(baseline, title="Baseline", default=True), st.Page(map_only, title="Map", url_path="map")]).run()
