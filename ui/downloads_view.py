"""The downloads page's pieces: every export format for all regions or one, handouts, the offline pack, citations."""

from __future__ import annotations

import threading

import streamlit as st

from ui.cite_view import draw_cite
from ui.teach_data import get_export, get_glossary, get_handout, get_tours, in_language
from veta.cite import dataset_apa, dataset_bibtex, dataset_work, interview_apa, interview_bibtex, interview_work
from veta.escape import escape_markdown
from veta.export_html import PACK_FOLDER, pack_zip
from veta.exports import EXPORT_FORMATS, export_filename
from veta.glossary import Glossary
from veta.handout import handout_filename
from veta.i18n import _, current_language, format_number, ngettext
from veta.model import Atlas
from veta.tours import Tour

_PACKS: dict[tuple[int, str], bytes] = {}
_PACK_LOCK = threading.Lock()


def _scope_label(atlas: Atlas, region_id: str | None) -> str:
    count = len(atlas.features) if region_id is None else len(atlas.features_in(region_id))
    features = ngettext("{count} feature", "{count} features", count).format(count=format_number(count))
    if region_id is None:
        return _("All regions and scopes · {features}").format(features=features)
    return f"{atlas.region(region_id).name} · {features}"


def draw_data_downloads(atlas: Atlas) -> None:
    """The features of all regions or of one region or scope (the Andean countries, worldwide), in every export
    format, each with what it is for."""
    region_id = st.selectbox(
        _("Features of"),
        [None, *(r.id for r in (*atlas.regions, *atlas.scopes))],
        format_func=lambda r: _scope_label(atlas, r),
        key="downloads-scope",
    )
    # three buttons a row: five in one row broke "GeoPackage" in two on a 1024-pixel projector
    formats = list(EXPORT_FORMATS.values())
    for start in range(0, len(formats), 3):
        for column, fmt in zip(st.columns(3), formats[start : start + 3], strict=False):
            with column:
                st.download_button(
                    _(fmt.label),
                    data=get_export(atlas, fmt.name, region_id),
                    file_name=export_filename(fmt.name, region_id),
                    mime=fmt.media_type,
                    icon=":material/download:",
                    key=f"download-{fmt.name}",
                    help=_(fmt.purpose),
                    width="stretch",
                )
    st.markdown("\n".join(f"- **{_(fmt.label)}** (`.{fmt.extension}`): {_(fmt.purpose)}." for fmt in formats))
    scope = f" --region {region_id}" if region_id else ""
    formats_comment = _("# formats: {formats}").format(formats=", ".join(EXPORT_FORMATS))
    st.code(
        f"python -m veta export --format gpkg{scope} --out {export_filename('gpkg', region_id)}\n{formats_comment}",
        language="bash",
        wrap_lines=True,
    )
    st.caption(
        _(
            "Every file carries the interview's credit and licence. The CSV opens in Excel as UTF-8 (it starts "
            "with a byte-order mark); a cell that would start a formula gets a leading apostrophe."
        )
    )


def draw_handouts(atlas: Atlas) -> None:
    """A printable handout (one HTML page) per guided tour."""
    tours = get_tours(atlas)
    if not tours:
        st.info(_("No guided tour is available right now."))
        return
    st.caption(
        _("Each handout is one page of HTML with a small map per step, the quotes and the questions: open, print.")
    )
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
    """The whole pack as a ZIP, built once per atlas and language (the download button calls this on click, off
    the script, in the page's language: `in_language`)."""
    key = (id(atlas), current_language())
    with _PACK_LOCK:
        if key not in _PACKS:
            _PACKS.clear()
            _PACKS[key] = pack_zip(atlas, tours=tours, glossary=glossary)
        return _PACKS[key]


def draw_offline_pack(atlas: Atlas) -> None:
    """The offline classroom pack (maps, interview, handouts, data) as a ZIP, and how to make it on the command line."""
    st.markdown(
        _(
            "For a classroom without internet: a folder to copy to a USB stick and open in any browser, with every "
            "region map (the same as here, with popups and quotes), the interview passage by passage, the tour "
            "handouts and the data. Unzip it and open `veta-pack/index.html`."
        )
    )
    tours, glossary = get_tours(atlas), get_glossary(atlas)
    st.download_button(
        _("Offline classroom pack (ZIP, about {size} MB)").format(size=format_number(0.4)),
        data=in_language(lambda: _pack_bytes(atlas, tours, glossary)),
        file_name=f"{PACK_FOLDER}.zip",
        mime="application/zip",
        icon=":material/folder_zip:",
        key="download-pack",
        help=_("Built when you click (a few seconds the first time)."),
    )
    st.markdown(_("Or, in the project folder:"))
    language = current_language()
    lang_option = f" --lang {language}" if language != "en" else ""
    one_region = _("# or one region only:")
    st.code(
        f"python -m veta export-html --out veta-pack{lang_option}\n{one_region}\n"
        f"python -m veta export-html --out veta-pack-kachin --region kachin{lang_option}",
        language="bash",
        wrap_lines=True,
    )
    st.caption(_("Then open veta-pack/index.html (the region pages also serve as the benchmark's static baseline)."))


def draw_citations() -> None:
    """APA 7 and BibTeX for the interview and for Veta's dataset, ready to copy."""
    interview, dataset = st.columns(2)
    with interview:
        st.subheader(_("The interview"))
        st.code(interview_apa(), language=None, wrap_lines=True)
        st.code(interview_bibtex(), language="bibtex", wrap_lines=True)
    with dataset:
        st.subheader(_("Veta's dataset"))
        st.code(dataset_apa(), language=None, wrap_lines=True)
        st.code(dataset_bibtex(), language="bibtex", wrap_lines=True)
    st.caption(_("The interview's page gives no publication date, so both citations say n.d. (no date)."))
    draw_cite(
        [(_("The interview"), interview_work()), (_("Veta's dataset"), dataset_work())],
        key="cite-downloads",
        label=_("RIS, CSL-JSON and more (with today's access date)"),
    )
