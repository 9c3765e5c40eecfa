"""Glossary: the interview's own terms, explained in our words, with the passages where they occur."""

import streamlit as st

from ui.data import get_atlas
from ui.glossary_view import draw_glossary
from ui.sidebar import draw_footer
from ui.styles import apply_styles, set_page_title
from ui.teach_data import get_glossary
from veta.i18n import _

set_page_title(_("Glossary"))
atlas = get_atlas()
apply_styles()
st.title(_("Glossary"))
st.markdown(
    _(
        "Words the speakers use that may be new: local names for miners and practices, places, institutions. "
        "The explanations are ours; follow a passage number to read the word where it is said. In guided tours "
        "these words are underlined with dots inside the quotes: hover them for the explanation."
    )
)
draw_glossary(atlas, get_glossary(atlas))
draw_footer()
