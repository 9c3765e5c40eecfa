"""Overview: the three regions on one map, the interview and its speakers, a way into each region."""

import streamlit as st

from ui.data import get_atlas
from ui.evidence_panel import draw_key_quote
from ui.links import READER_PAGE, REGION_PAGES, region_title
from ui.map_display import show_overview_map
from ui.scope_view import draw_scopes
from ui.sidebar import draw_footer
from ui.styles import apply_styles, set_page_title
from veta.credits import INTERVIEW_URL
from veta.i18n import _, format_number, language_query, ngettext
from veta.reader import SPEAKER_INFO, standfirst_html
from veta.summary import counts_line, region_layer_counts

set_page_title(_("Overview"))
atlas = get_atlas()
apply_styles()
st.title(_("Veta — an evidence-linked atlas of artisanal mining"))
intro, voices = st.columns([3, 2], gap="large")
with intro:
    st.markdown(
        _(
            'One interview, three places. In ["Artisanal and Informal Mining"]({url}), from the '
            "Transnational Institute's series *Digging Deeper*, Gisselle Benites and Doi Ra talk with Katie of TNI "
            "about gold, jade, rivers, "
            "communities and armed power in **Chocó** (Colombia), **Madre de Dios** (Peru) and **Kachin State** "
            "(Myanmar). Veta puts what they say on maps: every feature links to the exact passage it quotes, "
            "and every passage back to its features."
        ).format(url=INTERVIEW_URL)
    )
    st.html(standfirst_html(atlas.seed))
with voices:
    st.markdown("**{}**".format(_("Who speaks")))
    st.markdown("\n".join(f"- **{s.name}** — {_(s.role)}" for s in SPEAKER_INFO.values()))
    st.page_link(
        READER_PAGE, label=_("Read the whole interview"), icon=":material/menu_book:", query_params=language_query()
    )
clicked_region = show_overview_map(atlas)
if clicked_region in REGION_PAGES:
    st.switch_page(REGION_PAGES[clicked_region], query_params=language_query())

st.header(_("The three regions"))
for column, region in zip(st.columns(len(atlas.regions), gap="medium"), atlas.regions, strict=True):
    with column, st.container(border=True):
        st.subheader(region_title(region.id))
        counts = region_layer_counts(atlas, region.id)
        total = sum(counts.values())
        features = ngettext("{count} features", "{count} features", total).format(count=format_number(total))
        st.caption(f"{features} — {counts_line(counts)}")
        draw_key_quote(atlas, region.id)
        st.page_link(
            REGION_PAGES[region.id], label=_("Explore the map"), icon=":material/map:", query_params=language_query()
        )
draw_scopes(atlas)
draw_footer()
