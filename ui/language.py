"""The language of a run: from the address (`?lang=es`), else the session's last choice, else the browser's
preferred language, else English. Kept in the address (so a shared link opens in the same language) and chosen
in the sidebar; switching keeps the page and its other query parameters (selection, tour step)."""

from __future__ import annotations

import streamlit as st

from veta.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGE_NAMES,
    LANGUAGES,
    _,
    choose_language,
    document_language_script,
    set_language,
)

_MARKED = "veta-document-language"
SESSION_KEY = "veta-language"
"""The session's language, for pages reached without `lang` in the address (Streamlit's navigation drops it)."""
WIDGET_KEY = "veta-language-choice"


def _accept_language() -> str | None:
    try:
        return st.context.headers.get("Accept-Language")
    except Exception:  # noqa: BLE001 - no request headers (a test run, a bare script run): no preference
        return None


def apply_language() -> str:
    """Choose this run's language, set it for everything the run draws, and keep it in the address."""
    values = st.query_params.get_all("lang")
    remembered = st.session_state.get(SESSION_KEY)
    language = choose_language([*values, *([remembered] if remembered else [])], _accept_language())
    set_language(language)
    st.session_state[SESSION_KEY] = language
    if (language != DEFAULT_LANGUAGE or values) and values != [language]:
        st.query_params["lang"] = language
    return language


def _switch() -> None:
    chosen = st.session_state.get(WIDGET_KEY)
    if chosen in LANGUAGES:
        st.session_state[SESSION_KEY] = chosen
        st.query_params["lang"] = chosen


def draw_language_choice(language: str) -> None:
    """The language switch in the sidebar (each language named in itself); the page's `<html lang>` set to the
    language once the session has spoken another than English."""
    st.session_state[WIDGET_KEY] = language
    with st.sidebar:
        if language != DEFAULT_LANGUAGE or st.session_state.get(_MARKED):
            st.session_state[_MARKED] = True
            st.html(document_language_script(language), unsafe_allow_javascript=True)
        st.segmented_control(
            _("Language"),
            LANGUAGES,
            format_func=lambda code: LANGUAGE_NAMES[code],
            key=WIDGET_KEY,
            on_change=_switch,
        )
