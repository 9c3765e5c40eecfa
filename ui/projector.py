"""Projector mode (`?projector=1`), for tours and region pages: the page's text and its map on one screen.

A toggle keeps the mode in the address. The mode hides the sidebar (the public way: the page starts with it
collapsed; with `ui.internals` also the header) and sets large type; each page lays out its text beside its map
at the screen's height (`ui.map_display.PROJECTOR_HEIGHT`), so a 1024 × 768 projector shows both unscrolled.
"""

from __future__ import annotations

import streamlit as st

from ui.internals import internal_projector_css
from veta.i18n import _

PROJECTOR_KEY = "projector-mode"
_SYNCED = "projector-mode-address"
TRUE_VALUES = {"1", "true", "yes", "on"}
PROJECTOR_TYPE_CSS = """
<style>
.veta-tour-text { font-size: 1.45rem !important; line-height: 1.45 !important; }
.veta-tour-passage footer { font-size: 1.1rem !important; }
.veta-tour-question { font-size: 1.6rem !important; }
h1.veta-tour-title { font-size: 2.2rem !important; } h2.veta-tour-step-title { font-size: 1.8rem !important; }
.veta-tour-features { font-size: 1.15rem !important; }
.veta-quote { font-size: 1.3rem !important; }
</style>
"""
"""Projector type sizes (fixed text, our own classes only)."""


def projector_requested() -> bool:
    """Whether the address asks for projector mode."""
    return st.query_params.get("projector", "").strip().lower() in TRUE_VALUES


def _set_projector() -> None:
    on = bool(st.session_state.get(PROJECTOR_KEY))
    if on:
        st.query_params["projector"] = "1"
    elif "projector" in st.query_params:
        del st.query_params["projector"]
    st.session_state[_SYNCED] = on


def projector_toggle(help_text: str) -> bool:
    """A toggle for projector mode, kept in the address as `?projector=1`; returns whether it is on."""
    wanted = projector_requested()
    if st.session_state.get(_SYNCED) != wanted:
        st.session_state[PROJECTOR_KEY] = wanted
        st.session_state[_SYNCED] = wanted
    return st.toggle(_("Projector mode"), key=PROJECTOR_KEY, on_change=_set_projector, help=help_text)


def apply_projector_styles(projector: bool) -> None:
    """The projector's styles when it is on (fixed text only)."""
    if projector:
        st.html(internal_projector_css() + PROJECTOR_TYPE_CSS)
