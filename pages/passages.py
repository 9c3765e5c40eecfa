"""The reader: the whole interview, passage by passage, each mapped passage linked to its features."""

import streamlit as st

from ui.cite_view import draw_cite_passage
from ui.data import get_atlas
from ui.links import REGION_TITLES, SCOPE_TITLES, area_title
from ui.notices import show_notice
from ui.sidebar import draw_footer
from ui.styles import apply_styles, set_page_title
from veta.credits import interview_credit_markdown
from veta.i18n import DEFAULT_LANGUAGE, _, current_language, format_number, pgettext
from veta.layers import LAYERS
from veta.params import resolve_passage_param
from veta.reader import (
    LAYER_LABELS,
    SPEAKER_INFO,
    filter_passages,
    scroll_to_script,
    sections_html,
    standfirst_html,
    toc_html,
)

set_page_title(_("The interview"))
atlas = get_atlas()
apply_styles()
st.title(_("Read the interview"))
st.markdown(
    _(
        "**Artisanal and Informal Mining** — *Digging Deeper: Conversations on Mining and Just Transitions* "
        "(Transnational Institute). Passages quoted on the maps are marked, with their quoted words highlighted; "
        "each lists the features that cite it."
    )
)
if current_language() != DEFAULT_LANGUAGE:  # said once for the whole reader: every passage is the original
    st.info(
        _("Original quote in English")
        + " — "
        + _(
            "the interview is shown as published. Its licence (CC BY-NC-ND 3.0) allows no translation: the "
            "headings, filters and notes around it are Veta's."
        ),
        icon=":material/translate:",
    )
st.html(standfirst_html(atlas.seed))
st.caption(interview_credit_markdown())

choice = resolve_passage_param(atlas, st.query_params.get_all("passage"))
show_notice(choice.notice)
target = choice.passage

columns = st.columns(4)
region = columns[0].selectbox(
    _("Region"),
    [None, *REGION_TITLES, *SCOPE_TITLES],
    format_func=lambda r: area_title(r) if r else _("All regions"),
    key="reader-region",
)
layer = columns[1].selectbox(
    _("Layer"),
    [None, *LAYERS],
    format_func=lambda x: _(LAYER_LABELS[x]) if x in LAYER_LABELS else _("All layers"),
    key="reader-layer",
)
speaker = columns[2].selectbox(
    _("Speaker"),
    [None, *SPEAKER_INFO],
    format_func=lambda s: SPEAKER_INFO[s].name if s else _("All speakers"),
    key="reader-speaker",
)
query = columns[3].text_input(
    _("Search the interview"),
    key="reader-query",
    placeholder=pgettext("reader search: the interview is in English", "e.g. mercury, jade, women"),
)

shown = filter_passages(atlas, region=region, layer=layer, speaker=speaker, query=query)
mapped = sum(1 for p in shown if atlas.features_citing(p.id))
st.caption(
    _("Showing {shown} of {total} passages · {mapped} of them on the map").format(
        shown=format_number(len(shown)), total=format_number(len(atlas.seed.passages)), mapped=format_number(mapped)
    )
)
draw_cite_passage(atlas, shown, target)
if target is not None and target not in shown:
    st.info(
        _("The passage you followed a link to (¶ {number}) is outside these filters; here it is.").format(
            number=format_number(target.number)
        )
    )
    for fragment in sections_html(atlas, [target], target.id, anchors=False):
        st.html(fragment)
if not shown:
    st.info(_("No passage matches these filters."))
else:
    st.html(toc_html(atlas.seed, shown))
for fragment in sections_html(atlas, shown, target.id if target else None):
    st.html(fragment)
if target is not None:
    st.html(scroll_to_script(target.id), unsafe_allow_javascript=True)
draw_footer()
