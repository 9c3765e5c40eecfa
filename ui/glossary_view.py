"""The glossary page's pieces: one entry per term, with links to the passages where it occurs."""

from __future__ import annotations

import streamlit as st

from ui.teach_data import keep_language
from veta.background import background_html
from veta.escape import escape_text
from veta.glossary import Glossary, GlossaryTerm
from veta.i18n import _, format_number, ngettext
from veta.model import Atlas
from veta.reader import matches_query, passage_href, speaker_name

CSS = """
<style>
.veta-term-entry { padding: 0.5rem 0.8rem; margin: 0.4rem 0; border-left: 0.3rem solid #8a5a00;
  background: #fffdf8; scroll-margin-top: 4rem; }
.veta-term-entry h3 { margin: 0; padding: 0; }
.veta-term-entry p { margin: 0.25rem 0; }
.veta-term-where a { margin-right: 0.6rem; white-space: nowrap; }
</style>
"""


def term_html(atlas: Atlas, term: GlossaryTerm) -> str:
    """One glossary entry: the term, other spellings, our explanation, and links to the passages it occurs in."""
    spellings = _("(also spelled {spellings})").format(spellings=", ".join(term.also_spelled))
    also = f' <span class="veta-meta">{escape_text(spellings)}</span>' if term.also_spelled else ""
    links = " ".join(
        f'<a href="{escape_text(keep_language(passage_href(pid)))}" target="_self">'
        f"¶ {escape_text(format_number(atlas.passage(pid).number))} "
        f"({escape_text(speaker_name(atlas.passage(pid).speaker))})</a>"
        for pid in term.passage_ids
    )
    # the forms are the interview's own words: English, marked as such
    forms = ", ".join(f'<i lang="en">{escape_text(f)}</i>' for f in term.forms)
    before, _placeholder, after = _("In the interview as {forms}:").partition("{forms}")
    where = f"{escape_text(before)}{forms}{escape_text(after)}"
    return (
        f'<div class="veta-term-entry" id="term-{escape_text(term.id)}"><h3><span lang="en">{escape_text(term.term)}</span>{also}</h3>'
        f"<p>{background_html(term.explanation_parts)}</p>"
        f'<p class="veta-term-where veta-meta">{where} {links or "—"}</p></div>'
    )


def filter_terms(glossary: Glossary, query: str) -> tuple[GlossaryTerm, ...]:
    """The terms whose headword, spellings or explanation match the query (all when it is empty)."""
    if not query.strip():
        return glossary.terms
    return tuple(
        t for t in glossary.terms if matches_query(" ".join([t.term, *t.forms, *t.also_spelled, t.explanation]), query)
    )


def draw_glossary(atlas: Atlas, glossary: Glossary) -> None:
    """A search box and the matching entries, alphabetically."""
    st.html(CSS)
    query = st.text_input(_("Search the glossary"), key="glossary-query", placeholder=_("e.g. mercury, jade, women"))
    terms = sorted(filter_terms(glossary, query), key=lambda t: t.term.casefold())
    st.caption(
        ngettext("{shown} of {count} term", "{shown} of {count} terms", len(glossary.terms)).format(
            shown=format_number(len(terms)), count=format_number(len(glossary.terms))
        )
    )
    if not terms:
        st.info(_("No term matches this search."))
        return
    st.html("".join(term_html(atlas, t) for t in terms))
