"""A page that shows a stand-in map through `ui.map_display`, to test the page's side of the map messages
(DESIGN.md, "Map <-> page messages") in a real browser, whatever `veta.maps` draws.

The stand-in (`stub_map.html`, written into `static/maps/` next to this script, which Streamlit serves) does what
the contract asks of a map: it selects the feature named in its address's hash at load, answers every
`{type: "veta:select", id}` with `{type: "veta:selected", id}`, and posts `{type: "veta:feature", id, map}` when
one of its buttons is pressed. It records what it received (`window.received`) and when it was loaded
(`window.loadedAt`), so a test can tell a selection made in place from a new map.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT_DIR = HERE.parents[2]
if str(PROJECT_DIR) not in sys.path:  # `streamlit run tests/browser/contract/contract_app.py` adds only this folder
    sys.path.insert(0, str(PROJECT_DIR))

import streamlit as st  # noqa: E402

import ui.map_display  # noqa: E402
from ui.map_display import MapFile, show_map_file  # noqa: E402

IDS = ("alpha", "beta", "gamma")
ui.map_display.MAPS_DIR = HERE / "static" / "maps"
src = ui.map_display.map_url((HERE / "stub_map.html").read_text("utf-8"), "stub")  # written into static/maps


def select(feature_id: str) -> None:
    if feature_id in IDS:
        st.query_params["feature"] = feature_id


selected = st.query_params.get("feature")
st.title("Contract")
st.button("Select gamma", on_click=select, args=("gamma",))
show_map_file(
    MapFile(src=src, title="Stand-in map", height=300, messages=True, ids=frozenset(IDS)),
    key="stub-map",
    address="/",
    selected=selected if selected in IDS else None,
    on_click=select,
)
st.markdown(f"selected={selected}")
