"""Loading the atlas once per server, at the UI edge, and the error page when the data is wrong."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from ui.internals import leave_legacy_pages_mode
from veta.atlas import read_atlas
from veta.escape import escape_text
from veta.model import Atlas
from veta.paths import GEODATA_DIR, SEEDS_DIR
from veta.problems import Problem


def data_dirs() -> tuple[Path, Path]:
    """The geodata and seeds folders: the shipped ones, or those named by VETA_GEODATA / VETA_SEEDS."""
    return (
        Path(os.environ.get("VETA_GEODATA", GEODATA_DIR)),
        Path(os.environ.get("VETA_SEEDS", SEEDS_DIR)),
    )


@st.cache_resource(show_spinner="Loading the interview and the maps…")
def _cached_atlas(geodata_dir: str, seeds_dir: str) -> tuple[Atlas | None, list[Problem]]:
    return read_atlas(Path(geodata_dir), Path(seeds_dir))


def checked_atlas() -> Atlas | None:
    """The checked atlas, or None if the data has problems (outside a page's run: no error page)."""
    geodata_dir, seeds_dir = data_dirs()
    return _cached_atlas(str(geodata_dir), str(seeds_dir))[0]


def get_atlas() -> Atlas:
    """The checked atlas; if the data has problems, show the error page and stop the script."""
    if leave_legacy_pages_mode():  # ui.internals: a first deep link runs app.py, not the page alone
        st.rerun()
    geodata_dir, seeds_dir = data_dirs()
    atlas, problems = _cached_atlas(str(geodata_dir), str(seeds_dir))
    if atlas is None:
        show_data_error_page(problems)
        st.stop()
    return atlas


def show_data_error_page(problems: list[Problem]) -> None:
    """A clear page naming each broken file and problem, instead of a broken map."""
    st.title("Veta cannot show the atlas: the data has problems")
    st.error(
        f"{len(problems)} problem(s) were found in Veta's data files. "
        "No map is shown until they are fixed, so that nothing half-checked reaches you."
    )
    rows = "".join(
        f"<li><code>{escape_text(p.file)}</code> — <b>{escape_text(p.feature_id)}</b>: {escape_text(p.message)}</li>"
        for p in problems[:200]
    )
    st.markdown(f"<ul>{rows}</ul>", unsafe_allow_html=True)
    if len(problems) > 200:
        st.caption(f"…and {len(problems) - 200} more.")
    st.info("Run `python -m veta validate` in the project folder for the full list, fix the files, then reload.")
