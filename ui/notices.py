"""Friendly notices for query parameters that cannot be used; the offending value is echoed escaped."""

from __future__ import annotations

import streamlit as st

from veta.escape import escape_text
from veta.i18n import _
from veta.params import Notice, shorten


def show_notice(notice: Notice | None) -> None:
    """Show a notice as a warning, with the value it is about (shortened, escaped) under it."""
    if notice is None:
        return
    st.warning(notice.message, icon=":material/explore:")
    if notice.value:
        asked = escape_text(_("You asked for:"))
        st.html(f'<p class="veta-echo">{asked} <code>{escape_text(shorten(notice.value))}</code></p>')
