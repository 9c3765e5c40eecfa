"""The downloads page's pieces: export buttons per region, handouts, the offline pack, citations."""

from __future__ import annotations

import threading

import streamlit as st

from ui.teach_data import get_export, get_glossary, get_handout, get_tours
from veta.cite import dataset_apa, dataset_bibtex, interview_apa, interview_bibtex
from veta.escape import escape_markdown
from veta.export_html import PACK_FOLDER, pack_zip
from veta.glossary import Glossary
from veta.handout import handout_filename
from veta.model import Atlas
from veta.tours import Tour

MIME = {"geojson": "application/geo+json", "csv": "text/csv"}
_PACKS: dict[int, bytes] = {}
_PACK_LOCK = threading.Lock()


def _buttons(atlas: Atlas, region_id: str | None, stem: str) -> None:
    for fmt in ("geojson", "csv"):
        st.download_button(
            fmt.upper() if fmt == "csv" else "GeoJSON",
            data=get_export(atlas, fmt, region_id),
            file_name=f"{stem}.{fmt}",
            mime=MIME[fmt],
            icon=":material/download:",
            key=f"download-{stem}-{fmt}",
            width="stretch",
        )


def draw_data_downloads(atlas: Atlas) -> None:
    """All features, then each region's, as GeoJSON (with evidence and credit) and CSV (one row per quote)."""
    st.caption(
        "GeoJSON: one feature per thing placed, with every quote, its passage and speaker, and the credit. "
        "CSV: one row per feature and quote, with the source URL and licence in every row."
    )
    cards = [("All regions", None, "veta-features", len(atlas.features))] + [
        (region.name, region.id, f"veta-features-{region.id}", len(atlas.features_in(region.id)))
        for region in atlas.regions
    ]
    # two cards a row (an odd last card leaves a column empty): four in one row left ~95-pixel buttons on a
    # 1024-pixel projector, "GeoJSON" broken in two
    for start in range(0, len(cards), 2):
        for column, (name, region_id, stem, count) in zip(st.columns(2), cards[start : start + 2], strict=False):
            with column, st.container(border=True):
                st.markdown(f"**{escape_markdown(name)}** · {count} features")
                _buttons(atlas, region_id, stem)


def draw_handouts(atlas: Atlas) -> None:
    """A printable handout (one HTML page) per guided tour."""
    tours = get_tours(atlas)
    if not tours:
        st.info("No guided tour is available right now.")
        return
    st.caption("Each handout is one page of HTML with a small map per step, the quotes and the questions: open, print.")
    for tour in tours:
        st.download_button(
            escape_markdown(tour.title),  # a label is Markdown: the title shows as text
            data=get_handout(atlas, tour),
            file_name=handout_filename(tour),
            mime="text/html",
            icon=":material/print:",
            key=f"download-handout-{tour.id}",
        )


def _pack_bytes(atlas: Atlas, tours: tuple[Tour, ...], glossary: Glossary) -> bytes:
    """The whole pack as a ZIP, built once per atlas (the download button calls this on click, off the script)."""
    key = id(atlas)
    with _PACK_LOCK:
        if key not in _PACKS:
            _PACKS.clear()
            _PACKS[key] = pack_zip(atlas, tours=tours, glossary=glossary)
        return _PACKS[key]


def draw_offline_pack(atlas: Atlas) -> None:
    """The offline classroom pack (maps, interview, handouts, data) as a ZIP, and how to make it on the command line."""
    st.markdown(
        "For a classroom without internet: a folder to copy to a USB stick and open in any browser, with every "
        "region map (the same as here, with popups and quotes), the interview passage by passage, the tour "
        "handouts and the data. Unzip it and open `veta-pack/index.html`."
    )
    tours, glossary = get_tours(atlas), get_glossary(atlas)
    st.download_button(
        "Offline classroom pack (ZIP, about 0.4 MB)",
        data=lambda: _pack_bytes(atlas, tours, glossary),
        file_name=f"{PACK_FOLDER}.zip",
        mime="application/zip",
        icon=":material/folder_zip:",
        key="download-pack",
        help="Built when you click (a few seconds the first time).",
    )
    st.markdown("Or, in the project folder:")
    st.code(
        "python -m veta export-html --out veta-pack\n# or one region only:\npython -m veta export-html --out veta-pack-kachin --region kachin",
        language="bash",
        wrap_lines=True,
    )
    st.caption("Then open veta-pack/index.html (the region pages also serve as the benchmark's static baseline).")


def draw_citations() -> None:
    """APA 7 and BibTeX for the interview and for Veta's dataset, ready to copy."""
    interview, dataset = st.columns(2)
    with interview:
        st.subheader("The interview")
        st.code(interview_apa(), language=None, wrap_lines=True)
        st.code(interview_bibtex(), language="bibtex", wrap_lines=True)
    with dataset:
        st.subheader("Veta's dataset")
        st.code(dataset_apa(), language=None, wrap_lines=True)
        st.code(dataset_bibtex(), language="bibtex", wrap_lines=True)
    st.caption("The interview's page gives no publication date, so both citations say n.d. (no date).")
