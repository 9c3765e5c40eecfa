"""The feature table: the keyboard-friendly twin of the map, as a light Streamlit components v2 element.

No `st.dataframe`, `st.multiselect` or `st.text_input`: their JavaScript (over 1 MB for the data grid) would
delay the map. The HTML is built and escaped in `veta/feature_list.py`; `ui/feature_list.js` filters and
searches in the browser (no rerun) and sends a trigger, `pick`, when a name's button is pressed.

`isolate_styles=False`: the list is part of the page, not in a shadow root, so it inherits the page's font and
Veta's stylesheet, and browser tests and page-wide checks see it like any other HTML. Its own rules
(`ui/feature_list.css`) are all scoped under `.veta-feature-list`, so they touch nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import streamlit as st

from veta.feature_list import FeatureListData, feature_list_data
from veta.i18n import N_, _
from veta.model import Atlas

COMPONENT_NAME = "veta.feature_list"
PICKED_STATUS = N_("Showing “{name}” on the map and in the panel above.")
"""The status line `ui/feature_list.js` shows at once when a name is picked (`{name}`: the feature's name)."""
_HERE = Path(__file__).parent

_feature_list = st.components.v2.component(
    COMPONENT_NAME,
    html='<div class="veta-feature-list"></div>',
    css=(_HERE / "feature_list.css").read_text("utf-8"),
    js=(_HERE / "feature_list.js").read_text("utf-8"),
    isolate_styles=False,
)


@st.cache_resource(max_entries=256, show_spinner=False)
def _list_data(_atlas: Atlas, atlas_id: int, region_id: str, selected_id: str | None) -> FeatureListData:
    # Building the escaped rows and their folded search text was ~40% of a region page's server time per run;
    # the list depends only on the atlas, the region and the selection. Never mutated by its users.
    return feature_list_data(_atlas, region_id, selected_id)


def draw_feature_table(
    atlas: Atlas, region_id: str, selected_id: str | None, on_pick: Callable[[str], None] | None = None
) -> str | None:
    """Draw the filterable list of a region's features; return the id of a feature the user just picked.

    `on_pick(feature id)` runs before the page's script when a name is picked (a selection written there is one
    rerun and one history entry)."""
    key = f"feature-list-{region_id}"  # one key per region: new data keeps the element, and its filters
    ids = {f.id for f in atlas.features_in(region_id)}

    def picked() -> None:
        value = st.session_state.get(key)
        found = getattr(value, "pick", None) if value is not None else None
        if found is None and isinstance(value, dict):
            found = value.get("pick")
        if on_pick is not None and isinstance(found, str) and found in ids:
            on_pick(found)

    data = {**_list_data(atlas, id(atlas), region_id, selected_id), "picked": _(PICKED_STATUS)}
    result = _feature_list(data=data, key=key, on_pick_change=picked)
    found = getattr(result, "pick", None)
    if isinstance(found, str) and found != selected_id and found in ids:
        return found
    return None
