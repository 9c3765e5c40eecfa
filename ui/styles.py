"""Veta's page styles: one small stylesheet for passages, quotes, the evidence panel and notices."""

from __future__ import annotations

import streamlit as st

from ui.internals import internal_page_css
from veta.background import text_marks_css

CSS = (
    """
<style>
.veta-quote { margin: 0.6rem 0 0.2rem 0; padding: 0.4rem 0.9rem; border-left: 0.3rem solid #8a5a00;
  background: #fbf6ec; color: #1f1f1f; font-size: 1.05rem; }
.veta-quote p { margin: 0 0 0.3rem 0; }
.veta-quote footer { font-size: 0.9rem; color: #4a4a4a; }
.veta-meta { color: #5a5a5a; font-size: 0.9rem; }
.veta-panel-head h3 { margin: 0 0 0.2rem 0; padding: 0; overflow-wrap: anywhere; }
.veta-panel-head p { margin: 0.1rem 0 0.4rem 0; }
.veta-context { margin: 0.2rem 0 0.8rem 0; font-size: 0.95rem; }
.veta-context summary { cursor: pointer; color: #5a4000; }
.veta-provenance dt { font-weight: 600; margin-top: 0.4rem; }
.veta-provenance dd { margin-left: 0; }
.veta-caveat { background: #fff4d6; color: #1f1f1f; padding: 0.4rem 0.6rem; border-radius: 0.3rem; }
mark { background: #ffe08a; color: #1f1f1f; padding: 0 0.1em; }
.veta-passage { padding: 0.5rem 0.8rem; margin: 0.4rem 0; border-radius: 0.4rem; overflow-wrap: anywhere;
  scroll-margin-top: 4rem; }
.veta-passage-mapped { border-left: 0.3rem solid #8a5a00; background: #fffdf8; color: #1f1f1f; }
.veta-passage-target { outline: 0.2rem solid #d08a00; background: #fff1c9; color: #1f1f1f; }
.veta-passage-head { font-size: 0.9rem; color: #4a4a4a; }
.veta-passage-number { font-variant-numeric: tabular-nums; margin-right: 0.4rem; }
.veta-speaker { font-weight: 700; color: #222; }
.veta-passage-text { margin: 0.2rem 0; font-size: 1.02rem; line-height: 1.55; }
.veta-mapped-as ul { margin: 0.2rem 0 0 0; }
.veta-unmapped { color: #4a4a4a; font-size: 0.92rem; margin: 0.2rem 0 0 0; }
.veta-section { margin-top: 1.2rem; scroll-margin-top: 4rem; }
.veta-passage, .veta-section, .veta-standfirst { max-width: 56rem; }
.veta-echo { font-size: 0.9rem; color: #4a4a4a; overflow-wrap: anywhere; }
.veta-standfirst { font-size: 1.1rem; line-height: 1.5; }
.veta-toc { font-size: 0.92rem; line-height: 1.7; max-width: 56rem; }
.veta-table-wrap { overflow-x: auto; }
.veta-resources { width: 100%; border-collapse: collapse; font-size: 0.92rem; }
.veta-resources th { text-align: left; border-bottom: 2px solid #c9c2b0; padding: 0.3rem 0.5rem; }
.veta-resources td { vertical-align: top; border-bottom: 1px solid #e6e0d2; padding: 0.3rem 0.5rem; }
.veta-resources td:first-child { min-width: 10rem; }
.veta-resources code { font-size: 0.8rem; white-space: nowrap; }
.veta-footer { font-size: 0.85rem; color: #4a4a4a; margin-top: 1rem; }
.veta-footer hr { margin: 0 0 0.8rem 0; border: none; border-top: 1px solid rgba(49, 51, 63, 0.2); }
.veta-side-note p { margin: 0 0 0.6rem 0; }
.veta-side-note .veta-meta { font-size: 0.85rem; }
.veta-side-note a, .veta-footer a { color: #0054a3; }
"""
    + text_marks_css()
    + "</style>\n"
)


SITE_NAME = "Veta"


def set_page_title(name: str, *, projector: bool = False) -> None:
    """The browser tab's title for this page (`<name> · Veta`); in projector mode the sidebar starts collapsed."""
    st.set_page_config(page_title=f"{name} · {SITE_NAME}", initial_sidebar_state="collapsed" if projector else None)


def apply_styles() -> None:
    """Add Veta's stylesheet to the page (call once per run, before content)."""
    st.html(CSS + internal_page_css())
