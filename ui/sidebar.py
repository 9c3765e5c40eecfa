"""The sidebar every page shares: what Veta is and the source credit."""

from __future__ import annotations

import streamlit as st

from veta.credits import INTERVIEW_CREDIT_MARKDOWN
from veta.model import Atlas


def draw_sidebar(atlas: Atlas) -> None:
    """Draw the shared sidebar."""
    with st.sidebar:
        st.markdown("**Veta** — every feature on these maps links to the words it comes from.")
        st.caption(INTERVIEW_CREDIT_MARKDOWN)
