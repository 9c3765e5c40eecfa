"""The overview's Andean and worldwide statements: a section per scope, each statement a button, the selected
one's evidence panel right under it.

The query parameter `feature` is the source of truth for the selection, so every state has a shareable address
(`/?feature=<id>`, the address `veta.reader.feature_href` gives a scope's statement). A button writes it in its
callback; a link from elsewhere (the reader, compare, a citation) brings the page down to the statement.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui.evidence_panel import draw_evidence_panel
from ui.links import REGION_PAGES, region_title, with_language
from ui.notices import show_notice
from veta.escape import escape_markdown
from veta.i18n import _, language_query
from veta.model import Atlas
from veta.params import resolve_scope_feature_param, share_link
from veta.reader import scroll_to_script
from veta.scopes import scope_heading, scope_intro, statement_html

CSS_FILE = Path(__file__).with_name("scope_view.css")
PICKED_KEY = "scope-statement-shown"
"""Session state: the `feature` value last brought into view (or picked with a button: the page stays put)."""
SELECTED_ANCHOR = "veta-statement-selected"
NOTICE_ANCHOR = "veta-scopes-notice"


def scope_styles_css() -> str:
    """The statements' stylesheet (`ui/scope_view.css`, fixed text) as a `<style>` element."""
    return f"<style>{CSS_FILE.read_text('utf-8')}</style>"


def _pick(feature_id: str) -> None:
    """A statement's button: select it in the address (the run that follows shows its evidence)."""
    st.session_state[PICKED_KEY] = feature_id
    if st.query_params.get("feature") != feature_id:
        st.query_params["feature"] = feature_id


def draw_scopes(atlas: Atlas) -> None:
    """The sections "Across the Andean countries" and "Worldwide": every statement with its kind and summary
    (figures attributed to the speaker, as in the data); the one in the address's `feature` opens its evidence."""
    st.html(scope_styles_css())
    choice = resolve_scope_feature_param(atlas, st.query_params.get_all("feature"))
    scroll_to = ""
    if choice.notice is not None:
        st.html(f'<div id="{NOTICE_ANCHOR}" class="veta-statement-anchor"></div>')
        show_notice(choice.notice)
        scroll_to = NOTICE_ANCHOR
        elsewhere = choice.elsewhere
        if elsewhere is not None and elsewhere.region in REGION_PAGES:
            st.page_link(
                REGION_PAGES[elsewhere.region],
                label=_("Open it on the {region} map").format(region=region_title(elsewhere.region)),
                icon=":material/arrow_forward:",
                query_params={"feature": elsewhere.id, **language_query()},
            )
    selected = choice.feature
    for scope in atlas.scopes:
        features = atlas.features_in(scope.id)
        if not features:
            continue
        st.header(scope_heading(scope.id), anchor=f"scope-{scope.id}")
        st.caption(scope_intro(atlas, scope))
        for feature in features:
            chosen = selected is not None and selected.id == feature.id
            if chosen:
                st.html(f'<div id="{SELECTED_ANCHOR}" class="veta-statement-anchor"></div>')
            st.button(
                escape_markdown(feature.name),  # a label is Markdown: the name shows as text
                key=f"statement-{feature.id}",
                on_click=_pick,
                args=(feature.id,),
                type="primary" if chosen else "secondary",
                icon=":material/format_quote:",
                help=_("Read its exact words in the interview"),
            )
            if not chosen:
                st.html(statement_html(atlas, feature, with_name=False))
            else:  # the panel's head repeats the kind and the summary: shown once, in the panel
                draw_evidence_panel(atlas, feature, scope.id)
                st.caption(_("Link to this statement, to share or to put in a lesson plan:"))
                link = with_language(share_link(st.context.url, scope.id, feature.id))
                st.code(link, language=None, wrap_lines=True)
    if selected is not None:
        scroll_to = SELECTED_ANCHOR
    address = "|".join(st.query_params.get_all("feature"))
    if scroll_to and st.session_state.get(PICKED_KEY) != address:
        # followed a link here (not a button of this list): bring the statement, or the notice, into view once
        st.session_state[PICKED_KEY] = address
        st.html(scroll_to_script(scroll_to), unsafe_allow_javascript=True)
