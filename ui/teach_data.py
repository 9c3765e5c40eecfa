"""Cached data for the teaching pages: tours, the glossary, handouts and export files, once per atlas."""

from __future__ import annotations

import streamlit as st

from veta.exports import export_bytes
from veta.glossary import Glossary, read_glossary
from veta.handout import handout_html
from veta.model import Atlas
from veta.tours import TOURS_DIR, Tour, load_tours


@st.cache_resource(show_spinner=False)
def _cached_tours(_atlas: Atlas, atlas_id: int) -> tuple[Tour, ...]:
    return load_tours(TOURS_DIR, _atlas)[0]


@st.cache_resource(show_spinner=False)
def _cached_glossary(_atlas: Atlas, atlas_id: int) -> Glossary:
    return read_glossary(_atlas.seed)[0]


def get_tours(atlas: Atlas) -> tuple[Tour, ...]:
    """The tours that are valid against this atlas (invalid ones are left out; the validator reports them)."""
    return _cached_tours(atlas, id(atlas))


def get_glossary(atlas: Atlas) -> Glossary:
    """The glossary's valid terms with their occurrences (invalid terms are left out; the validator reports them)."""
    return _cached_glossary(atlas, id(atlas))


@st.cache_data(show_spinner="Preparing the handout…", max_entries=32)
def _cached_handout(_atlas: Atlas, atlas_id: int, tour_id: str) -> str:
    tour = next(t for t in get_tours(_atlas) if t.id == tour_id)
    return handout_html(_atlas, tour, get_glossary(_atlas))


def get_handout(atlas: Atlas, tour: Tour) -> str:
    """A tour's printable handout (standalone HTML)."""
    return _cached_handout(atlas, id(atlas), tour.id)


@st.cache_data(show_spinner="Preparing the files…", max_entries=32)
def _cached_export(_atlas: Atlas, atlas_id: int, fmt: str, region_id: str | None) -> bytes:
    return export_bytes(_atlas, fmt, region_id)


def get_export(atlas: Atlas, fmt: str, region_id: str | None = None) -> bytes:
    """The features (all or one region's) as the bytes of an export file (see veta.exports.EXPORT_FORMATS)."""
    return _cached_export(atlas, id(atlas), fmt, region_id)
