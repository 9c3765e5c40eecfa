"""Downloads and citation: the features for GIS, spreadsheets, Google Earth and annotation tools, tour handouts,
the offline pack, how to cite."""

import streamlit as st

from ui.data import get_atlas
from ui.downloads_view import draw_citations, draw_data_downloads, draw_handouts, draw_offline_pack
from ui.sidebar import draw_footer
from ui.styles import apply_styles, set_page_title
from veta.i18n import _

set_page_title(_("Downloads and citation"))
atlas = get_atlas()
apply_styles()
st.title(_("Downloads and citation"))
st.markdown(
    _(
        "Take Veta's data into QGIS, Google Earth, a spreadsheet or an annotation tool, print a tour for class, "
        "or cite the interview and the dataset. Every file carries the interview's credit and licence "
        "(CC BY-NC-ND 3.0): quotes are verbatim and must stay so."
    )
)
st.header(_("Features: GIS, spreadsheet, Google Earth, annotations"))
draw_data_downloads(atlas)
st.header(_("Tour handouts"))
draw_handouts(atlas)
st.header(_("Offline classroom pack"))
draw_offline_pack(atlas)
st.header(_("How to cite"))
draw_citations()
draw_footer()
