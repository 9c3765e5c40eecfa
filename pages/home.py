"""Overview: the three regions on one map, the interview and its speakers, a way into each region."""

import streamlit as st

from ui.data import get_atlas
from ui.evidence_panel import draw_key_quote
from ui.links import READER_PAGE, REGION_PAGES, REGION_TITLES
from ui.map_display import show_overview_map
from ui.sidebar import draw_footer
from ui.styles import apply_styles, set_page_title
from veta.credits import INTERVIEW_URL
from veta.reader import SPEAKER_INFO, standfirst_html
from veta.summary import counts_line, region_layer_counts

set_page_title("Overview")
atlas = get_atlas()
apply_styles()
st.title("Veta — an evidence-linked atlas of artisanal mining")
intro, voices = st.columns([3, 2], gap="large")
with intro:
    st.markdown(
        f'One interview, three places. In ["Artisanal and Informal Mining"]({INTERVIEW_URL}), from the '
        "Transnational Institute's series *Digging Deeper*, Gisselle Benites and Doi Ra talk with Katie of TNI "
        "about gold, jade, rivers, "
        "communities and armed power in **Chocó** (Colombia), **Madre de Dios** (Peru) and **Kachin State** "
        "(Myanmar). Veta puts what they say on maps: every feature links to the exact passage it quotes, "
        "and every passage back to its features."
    )
    st.html(standfirst_html(atlas.seed))
with voices:
    st.markdown("**Who speaks**")
    st.markdown("\n".join(f"- **{s.name}** — {s.role}" for s in SPEAKER_INFO.values()))
    st.page_link(READER_PAGE, label="Read the whole interview", icon=":material/menu_book:")
clicked_region = show_overview_map(atlas)
if clicked_region in REGION_PAGES:
    st.switch_page(REGION_PAGES[clicked_region])

st.header("The three regions")
for column, region in zip(st.columns(len(atlas.regions), gap="medium"), atlas.regions, strict=True):
    with column, st.container(border=True):
        st.subheader(REGION_TITLES[region.id])
        counts = region_layer_counts(atlas, region.id)
        st.caption(f"{sum(counts.values())} features — {counts_line(counts)}")
        draw_key_quote(atlas, region.id)
        st.page_link(REGION_PAGES[region.id], label="Explore the map", icon=":material/map:")
draw_footer()
