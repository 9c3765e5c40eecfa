"""The sidebar and footer every page shares: what Veta is and the source credit with its licence."""

from __future__ import annotations

import streamlit as st

from veta.credits import GEODATA_CREDIT_TEXT, INTERVIEW_CREDIT_MARKDOWN
from veta.model import Atlas


def draw_sidebar(atlas: Atlas | None = None) -> None:
    """Draw the shared sidebar (under the page navigation)."""
    with st.sidebar:
        st.markdown("**Veta** — every feature on these maps links to the exact words it comes from.")
        if atlas is not None:
            st.caption(
                f"{len(atlas.features)} features · {len(atlas.seed.passages)} passages · {len(atlas.regions)} regions"
            )
        st.caption(INTERVIEW_CREDIT_MARKDOWN)


def draw_footer() -> None:
    """The credit line at the foot of every page (the sidebar is hidden on phones)."""
    st.divider()
    st.caption(INTERVIEW_CREDIT_MARKDOWN + f"  \nMap data: {GEODATA_CREDIT_TEXT}.")
