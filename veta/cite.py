"""How to cite the interview and Veta's dataset, in APA 7 and BibTeX.

The interview's web page gives no publication date, so its citations say `n.d.` (no date) rather than
invent one; APA 7 then asks for the date you retrieved the page, which callers may pass.
"""

from __future__ import annotations

import datetime as dt

from veta import __version__
from veta.credits import INTERVIEW_URL, LICENCE_URL

PUBLISHER = "Transnational Institute"
TITLE = "Artisanal and Informal Mining"
TITLE_SENTENCE_CASE = "Artisanal and informal mining"
SERIES = "Digging Deeper: Conversations on Mining and Just Transitions"
SPEAKERS: tuple[str, ...] = ("Gisselle Benites", "Doi Ra")
INTERVIEWER = "Katie"
LICENCE = "CC BY-NC-ND 3.0"
NO_DATE = "n.d."
NO_DATE_NOTE = "The page gives no publication date, so the citation says n.d. (no date)."
DATASET_TITLE = "Veta: An evidence-linked atlas of artisanal and small-scale mining"
DATASET_AUTHOR = "Veta contributors"


def _italic(text: str, markdown: bool) -> str:
    return f"*{text}*" if markdown else text


def _retrieved(retrieved: dt.date | None) -> str:
    if retrieved is None:
        return ""
    return f"Retrieved {retrieved.strftime('%B')} {retrieved.day}, {retrieved.year}, from "


def interview_apa(markdown: bool = False, retrieved: dt.date | None = None) -> str:
    """APA 7 reference for the interview (group author TNI, n.d.), with its licence.

    `markdown=True` italicises the title; `retrieved` adds APA's retrieval date for undated pages.
    """
    return (
        f"{PUBLISHER}. ({NO_DATE}). {_italic(TITLE_SENTENCE_CASE, markdown)} "
        f"[Interview with {SPEAKERS[0]} and {SPEAKERS[1]}, conducted by {INTERVIEWER}]. {SERIES}. "
        f"{_retrieved(retrieved)}{INTERVIEW_URL} (Licence: {LICENCE}, {LICENCE_URL})"
    )


def interview_bibtex(key: str = "tni_artisanal_informal_mining") -> str:
    """BibTeX @misc entry for the interview; year n.d., because the page gives no date."""
    return (
        f"@misc{{{key},\n"
        f"  author       = {{{{{PUBLISHER}}}}},\n"
        f"  title        = {{{{{TITLE}}}}},\n"
        f"  howpublished = {{{SERIES}}},\n"
        f"  year         = {{{NO_DATE}}},\n"
        f"  url          = {{{INTERVIEW_URL}}},\n"
        f"  note         = {{Interview with {SPEAKERS[0]} and {SPEAKERS[1]}, conducted by {INTERVIEWER}. "
        f"{NO_DATE_NOTE} Licence: {LICENCE} ({LICENCE_URL})}}\n"
        "}"
    )


def dataset_apa(markdown: bool = False, version: str = __version__) -> str:
    """APA 7 reference for Veta's dataset (version from `veta.__version__`), naming its source and licence."""
    return (
        f"{DATASET_AUTHOR}. ({NO_DATE}). {_italic(DATASET_TITLE, markdown)} (Version {version}) [Data set]. "
        f"Quotes from {PUBLISHER}, {TITLE}, {SERIES}, {INTERVIEW_URL} (Licence: {LICENCE}, {LICENCE_URL})"
    )


def dataset_bibtex(key: str = "veta_atlas", version: str = __version__) -> str:
    """BibTeX @misc entry for Veta's dataset."""
    return (
        f"@misc{{{key},\n"
        f"  author       = {{{{{DATASET_AUTHOR}}}}},\n"
        f"  title        = {{{{{DATASET_TITLE}}}}},\n"
        f"  version      = {{{version}}},\n"
        f"  year         = {{{NO_DATE}}},\n"
        f"  howpublished = {{Data set}},\n"
        f"  note         = {{Features and quotes from {PUBLISHER}, {TITLE}, {SERIES}, {INTERVIEW_URL}. "
        f"Quotes licensed {LICENCE} ({LICENCE_URL})}}\n"
        "}"
    )
