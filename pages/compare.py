"""Compare regions: two or three regions side by side at one scale, a matrix, a chart, what only one has."""

import streamlit as st

from ui.compare_view import (
    apply_compare_styles,
    draw_chart,
    draw_compare_maps,
    draw_matrix,
    draw_unique,
    layer_picker,
    region_picker,
)
from ui.data import get_atlas
from ui.notices import show_notice
from ui.sidebar import draw_footer
from ui.styles import apply_styles, set_page_title
from veta.compare import resolve_regions_param
from veta.i18n import _

set_page_title(_("Compare regions"))
atlas = get_atlas()
apply_styles()
apply_compare_styles()
st.title(_("Compare regions"))
st.markdown(
    _(
        "Put two or three regions side by side: the same layers, at the same scale. The table lists what the "
        "interview says about each; every entry links to its exact words."
    )
)

choice = resolve_regions_param(atlas, st.query_params.get_all("regions"))
show_notice(choice.notice)
# one above the other: side by side, a 1024-pixel projector hid the second region and the last layer
regions = region_picker(atlas, choice.regions)
layers = layer_picker()

draw_compare_maps(atlas, regions, layers)

st.header(_("Side by side"))
draw_matrix(atlas, regions)

st.header(_("How much the interview says, by layer and kind"))
draw_chart(atlas, regions)

st.header(_("What one region has that the others lack"))
draw_unique(atlas, regions)
draw_footer()
