"""Cached data for the teaching pages: tours, the glossary, handouts and export files, once per atlas and language.

Tours and the glossary are localized for the run's language (`veta.translate`); handouts and export files are
written in it (`veta.handout`, `veta.exports` speak the current language), so every cache key names the language.
A changed content catalogue needs no stamp here: `ui.data.get_atlas` then gives a new localized atlas (a new key).
A download built on click runs outside the script's run, where the language is not set: `in_language` binds it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from veta.exports import export_bytes
from veta.glossary import Glossary, read_glossary
from veta.handout import handout_html
from veta.i18n import _, current_language, localized_link, use_language
from veta.model import Atlas
from veta.tours import TOURS_DIR, Tour, load_tours
from veta.translate import localize_glossary, localize_tour

T = TypeVar("T")


@st.cache_resource(show_spinner=False, max_entries=16)
def _cached_tours(_atlas: Atlas, atlas_id: int, language: str) -> tuple[Tour, ...]:
    return tuple(localize_tour(tour, language) for tour in load_tours(TOURS_DIR, _atlas)[0])


@st.cache_resource(show_spinner=False, max_entries=16)
def _cached_glossary(_atlas: Atlas, atlas_id: int, language: str) -> Glossary:
    return localize_glossary(read_glossary(_atlas.seed)[0], language)


def get_tours(atlas: Atlas) -> tuple[Tour, ...]:
    """The tours that are valid against this atlas (invalid ones are left out; the validator reports them), in the
    run's language."""
    language = current_language()
    return _cached_tours(atlas, id(atlas), language)


def get_glossary(atlas: Atlas) -> Glossary:
    """The glossary's valid terms with their occurrences (invalid terms are left out; the validator reports them),
    explained in the run's language."""
    language = current_language()
    return _cached_glossary(atlas, id(atlas), language)


@st.cache_data(show_spinner=False, max_entries=32)
def _cached_handout(_atlas: Atlas, atlas_id: int, tour_id: str, language: str) -> str:
    with use_language(language):
        tour = next(t for t in get_tours(_atlas) if t.id == tour_id)
        return handout_html(_atlas, tour, get_glossary(_atlas))


def get_handout(atlas: Atlas, tour: Tour) -> str:
    """A tour's printable handout (standalone HTML), in the run's language."""
    language = current_language()
    with st.spinner(_("Preparing the handout…")):
        return _cached_handout(atlas, id(atlas), tour.id, language)


@st.cache_data(show_spinner=False, max_entries=32)
def _cached_export(_atlas: Atlas, atlas_id: int, fmt: str, region_id: str | None, language: str) -> bytes:
    with use_language(language):
        return export_bytes(_atlas, fmt, region_id)


def get_export(atlas: Atlas, fmt: str, region_id: str | None = None) -> bytes:
    """The features (all or one region's) as the bytes of an export file (see veta.exports.EXPORT_FORMATS), in the
    run's language."""
    with st.spinner(_("Preparing the files…")):
        return _cached_export(atlas, id(atlas), fmt, region_id, current_language())


def in_language(build: Callable[[], T]) -> Callable[[], T]:
    """`build` bound to the run's language, for a download made on click (Streamlit calls it off the script)."""
    language = current_language()

    def built() -> T:
        with use_language(language):
            return build()

    return built


def keep_language(link: str) -> str:
    """A link to another page with the run's language kept (`localized_link`), once even if it already has it."""
    return link if "lang=" in link else localized_link(link)
