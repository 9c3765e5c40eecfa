"""How to cite the interview, Veta's dataset, one passage and one feature: APA 7, BibTeX, RIS and CSL-JSON.

The interview's web page gives no publication date, so its citations say `n.d.` (no date) rather than
invent one; APA 7 then asks for the date you retrieved the page, which callers may pass.

The human-readable words of a citation (descriptions, notes, "Retrieved …", dates) are in the current language;
titles stay as published (English), and the formats' own syntax (BibTeX fields, RIS tags, CSL-JSON keys, ISO
dates) is the same in every language.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from veta import __version__
from veta.credits import INTERVIEW_URL, LICENCE_URL
from veta.i18n import DEFAULT_LANGUAGE, N_, _, current_language, format_day
from veta.layers import layer_label
from veta.model import Atlas, Feature
from veta.precision import precision_word
from veta.reader import feature_href, speaker_name

PUBLISHER = "Transnational Institute"
TITLE = "Artisanal and Informal Mining"
TITLE_SENTENCE_CASE = "Artisanal and informal mining"
SERIES = "Digging Deeper: Conversations on Mining and Just Transitions"
SPEAKERS: tuple[str, ...] = ("Gisselle Benites", "Doi Ra")
INTERVIEWER = "Katie"
LICENCE = "CC BY-NC-ND 3.0"
NO_DATE = N_("n.d.")
"""APA's "no date", in English (cited in the current language)."""
NO_DATE_NOTE = N_("The page gives no publication date, so the citation says n.d. (no date).")
DATASET_TITLE = "Veta: An evidence-linked atlas of artisanal and small-scale mining"
DATASET_AUTHOR = N_("Veta contributors")
"""Veta's group author, in English (cited in the current language)."""


def _italic(text: str, markdown: bool) -> str:
    return f"*{text}*" if markdown else text


def _interview_description() -> str:
    return _("Interview with {first} and {second}, conducted by {interviewer}").format(
        first=SPEAKERS[0], second=SPEAKERS[1], interviewer=INTERVIEWER
    )


def _licence_sentence() -> str:
    return _("Licence: {licence} ({url})").format(licence=LICENCE, url=LICENCE_URL)


def _licence_brackets() -> str:
    return _("(Licence: {licence}, {url})").format(licence=LICENCE, url=LICENCE_URL)


def _quotes_licensed() -> str:
    return _("Quotes licensed {licence} ({url})").format(licence=LICENCE, url=LICENCE_URL)


def _version_words(version: str) -> str:
    return _("Version {version}").format(version=version)


def _retrieved_from(url: str, retrieved: dt.date | None) -> str:
    if retrieved is None:
        return url
    return _("Retrieved {date}, from {url}").format(date=_date_words(retrieved), url=url)


def interview_apa(markdown: bool = False, retrieved: dt.date | None = None) -> str:
    """APA 7 reference for the interview (group author TNI, n.d.), with its licence.

    `markdown=True` italicises the title; `retrieved` adds APA's retrieval date for undated pages.
    """
    return (
        f"{PUBLISHER}. ({_(NO_DATE)}). {_italic(TITLE_SENTENCE_CASE, markdown)} "
        f"[{_interview_description()}]. {SERIES}. "
        f"{_retrieved_from(INTERVIEW_URL, retrieved)} {_licence_brackets()}"
    )


def interview_bibtex(key: str = "tni_artisanal_informal_mining") -> str:
    """BibTeX @misc entry for the interview; year n.d., because the page gives no date."""
    return (
        f"@misc{{{key},\n"
        f"  author       = {{{{{PUBLISHER}}}}},\n"
        f"  title        = {{{{{TITLE}}}}},\n"
        f"  howpublished = {{{SERIES}}},\n"
        f"  year         = {{{_(NO_DATE)}}},\n"
        f"  url          = {{{INTERVIEW_URL}}},\n"
        f"  note         = {{{_interview_description()}. {_(NO_DATE_NOTE)} {_licence_sentence()}}}\n"
        "}"
    )


def dataset_apa(markdown: bool = False, version: str = __version__) -> str:
    """APA 7 reference for Veta's dataset (version from `veta.__version__`), naming its source and licence."""
    version_words = _version_words(version)
    data_set = _("Data set")
    quotes = _("Quotes from {publisher}, {title}, {series}, {url}").format(
        publisher=PUBLISHER, title=TITLE, series=SERIES, url=INTERVIEW_URL
    )
    return (
        f"{_(DATASET_AUTHOR)}. ({_(NO_DATE)}). {_italic(DATASET_TITLE, markdown)} ({version_words}) [{data_set}]. "
        f"{quotes} {_licence_brackets()}"
    )


def _dataset_note() -> str:
    features = _("Features and quotes from {publisher}, {title}, {series}, {url}.").format(
        publisher=PUBLISHER, title=TITLE, series=SERIES, url=INTERVIEW_URL
    )
    return f"{features} {_quotes_licensed()}"


def dataset_bibtex(key: str = "veta_atlas", version: str = __version__) -> str:
    """BibTeX @misc entry for Veta's dataset."""
    data_set = _("Data set")
    return (
        f"@misc{{{key},\n"
        f"  author       = {{{{{_(DATASET_AUTHOR)}}}}},\n"
        f"  title        = {{{{{DATASET_TITLE}}}}},\n"
        f"  version      = {{{version}}},\n"
        f"  year         = {{{_(NO_DATE)}}},\n"
        f"  howpublished = {{{data_set}}},\n"
        f"  note         = {{{_dataset_note()}}}\n"
        "}"
    )


# ----------------------------------------------------------------------------------------------- importable
# Citations for the interview, Veta, one passage and one feature, in APA 7, BibTeX, RIS and CSL-JSON, each with
# the date the reader accessed it. RIS and CSL-JSON import into Zotero, Mendeley, EndNote and citeproc tools.

CITATION_FORMATS: tuple[str, ...] = ("apa", "bibtex", "ris", "csl-json")
FORMAT_LABELS: dict[str, str] = {"apa": "APA 7", "bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}
FORMAT_FILES: dict[str, tuple[str, str]] = {
    "apa": ("txt", "text/plain"),
    "bibtex": ("bib", "application/x-bibtex"),
    "ris": ("ris", "application/x-research-info-systems"),
    "csl-json": ("json", "application/vnd.citationstyles.csl+json"),
}
"""Citation format → (file extension, media type) of its download."""
CODE_LANGUAGES: dict[str, str | None] = {"apa": None, "bibtex": "bibtex", "ris": None, "csl-json": "json"}


@dataclass(frozen=True)
class Work:
    """Something to cite: the interview, Veta's data set, a passage of the interview or a feature of Veta."""

    key: str  # BibTeX key, RIS ID, CSL id: letters, digits, underscores
    kind: str  # interview | dataset | passage | feature
    title: str
    author: str  # a group or a person, as written
    container: str  # the series or data set it belongs to ("" when none)
    publisher: str
    url: str  # "" when there is no address
    version: str = ""
    description: str = ""  # [Interview with …], [Map feature …]: APA's bracketed description
    note: str = ""


def interview_work() -> Work:
    """The interview as a whole."""
    return Work(
        "tni_artisanal_informal_mining",
        "interview",
        TITLE,
        PUBLISHER,
        SERIES,
        PUBLISHER,
        INTERVIEW_URL,
        description=_interview_description(),
        note=f"{_(NO_DATE_NOTE)} {_licence_sentence()}",
    )


def dataset_work(url: str = "", version: str = __version__) -> Work:
    """Veta's data set (the app or its exports); `url` is where the reader found it, if known."""
    return Work(
        "veta_atlas",
        "dataset",
        DATASET_TITLE,
        _(DATASET_AUTHOR),
        "",
        _(DATASET_AUTHOR),
        url,
        version=version,
        description=_("Data set"),
        note=_dataset_note(),
    )


def passage_work(atlas: Atlas, passage_id: str) -> Work:
    """One passage of the interview (its speaker, paragraph number and section); KeyError if unknown."""
    passage = atlas.passage(passage_id)
    speaker = speaker_name(passage.speaker)
    if passage.section:
        description = _("Interview; para. {number}, {speaker} speaking, section “{section}”").format(
            number=passage.number, speaker=speaker, section=passage.section
        )
    else:
        description = _("Interview; para. {number}, {speaker} speaking").format(number=passage.number, speaker=speaker)
    passage_note = _("Passage {id} of the interview as shipped with Veta.").format(id=passage.id)
    return Work(
        f"tni_artisanal_informal_mining_{_key(passage.id)}",
        "passage",
        TITLE,
        PUBLISHER,
        SERIES,
        PUBLISHER,
        INTERVIEW_URL,
        description=description,
        note=f"{passage_note} {_(NO_DATE_NOTE)} {_licence_sentence()}",
    )


def feature_work(atlas: Atlas, feature_id: str, address: str, version: str = __version__) -> Work:
    """One feature of Veta at its address (a link to it on its region page); KeyError if unknown."""
    feature = atlas.feature(feature_id)
    try:
        region = atlas.region(feature.region).name
    except KeyError:
        region = feature.region
    passages = ", ".join(feature.passage_ids)
    description = _("Map feature: {layer}, {region}; precision {precision}").format(
        layer=layer_label(feature.layer).lower(), region=region, precision=precision_word(feature.precision)
    )
    evidence = _("Feature {id}; evidence from passages {passages} of {publisher}, {title}, {url}.").format(
        id=feature.id, passages=passages, publisher=PUBLISHER, title=TITLE, url=INTERVIEW_URL
    )
    return Work(
        f"veta_{_key(feature.id)}",
        "feature",
        feature.name,
        _(DATASET_AUTHOR),
        DATASET_TITLE,
        _(DATASET_AUTHOR),
        address,
        version=version,
        description=description,
        note=f"{evidence} {_quotes_licensed()}",
    )


def feature_address(base_url: str, feature: Feature) -> str:
    """The feature's address under `base_url` (e.g. http://localhost:8501): on its region page, or on the overview
    for an Andean or worldwide statement (`veta.reader.feature_href`)."""
    return base_url.rstrip("/") + feature_href(feature).removeprefix(".")


def _key(text: str) -> str:
    return re.sub(r"\W+", "_", text, flags=re.ASCII).strip("_").lower()


def _date_words(date: dt.date) -> str:
    """A date in words: APA's `March 5, 2026` in English, the current language's own (`5 de marzo de 2026`)
    otherwise."""
    if current_language() == DEFAULT_LANGUAGE:
        return f"{date.strftime('%B')} {date.day}, {date.year}"
    return format_day(date)


def _bib(text: str) -> str:
    """Text safe inside a BibTeX field: braces and backslashes dropped, LaTeX specials escaped."""
    text = text.replace("\\", "").replace("{", "(").replace("}", ")")
    return re.sub(r"([&%$#_])", r"\\\1", text)


def citation_apa(work: Work, accessed: dt.date) -> str:
    """APA 7 reference (n.d., with the retrieval date APA asks for undated pages)."""
    version = f" ({_version_words(work.version)})" if work.version else ""
    description = f" [{work.description}]" if work.description else ""
    container = ""
    if work.kind == "feature":
        within = _("In {container}").format(container=work.container)
        container = f" {within}{version}."
        version = ""
    elif work.container:
        container = f" {work.container}."
    if work.url:
        where = " " + _retrieved_from(work.url, accessed)
    else:
        where = " " + _("Accessed {date}.").format(date=_date_words(accessed))
    title = TITLE_SENTENCE_CASE if work.title == TITLE else work.title
    licence = f" {_licence_brackets()}"
    if work.kind in ("dataset", "feature"):
        quotes = _("Quotes: {publisher}, {url}").format(publisher=PUBLISHER, url=INTERVIEW_URL)
        licence = f" {quotes} {_licence_brackets()}"
    return f"{work.author}. ({_(NO_DATE)}). {title}{version}{description}.{container}{where}{licence}"


def citation_bibtex(work: Work, accessed: dt.date) -> str:
    """BibTeX @misc entry with `urldate`."""
    fields = [("author", f"{{{_bib(work.author)}}}"), ("title", f"{{{_bib(work.title)}}}")]
    if work.container:
        fields.append(("howpublished", _bib(work.container)))
    if work.version:
        fields.append(("version", _bib(work.version)))
    fields.append(("year", _(NO_DATE)))
    if work.url:
        fields.append(("url", work.url))
    fields.append(("urldate", accessed.isoformat()))
    note = f"{work.description}. {work.note}" if work.description else work.note
    fields.append(("note", _bib(note)))
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@misc{{{work.key},\n{body}\n}}"


_RIS_TYPES = {"interview": "ELEC", "passage": "ELEC", "dataset": "DATA", "feature": "DATA"}


def citation_ris(work: Work, accessed: dt.date) -> str:
    """RIS record (Zotero, EndNote, Mendeley): one `TAG  - value` a line (line breaks in values become spaces)."""
    tags = [("TY", _RIS_TYPES[work.kind]), ("ID", work.key), ("AU", work.author), ("TI", work.title)]
    if work.container:
        tags.append(("T2", work.container))
    tags.append(("PB", work.publisher))
    if work.version:
        tags.append(("ET", work.version))
    if work.url:
        tags.append(("UR", work.url))
    tags.append(("Y2", accessed.strftime("%Y/%m/%d")))
    note = f"{work.description}. {work.note}" if work.description else work.note
    tags += [("N1", note), ("ER", "")]
    return "\n".join(f"{tag}  - {' '.join(value.split())}" for tag, value in tags) + "\n"


_CSL_TYPES = {"interview": "interview", "passage": "interview", "dataset": "dataset", "feature": "dataset"}


def citation_csl(work: Work, accessed: dt.date) -> list[dict[str, Any]]:
    """CSL-JSON (a list of one item): no `issued` date, because the interview's page gives none."""
    item: dict[str, Any] = {
        "id": work.key,
        "type": _CSL_TYPES[work.kind],
        "title": work.title,
        "author": [{"literal": work.author}],
        "publisher": work.publisher,
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        "license": f"{LICENCE} ({LICENCE_URL})",
    }
    if work.container:
        item["container-title"] = work.container
    if work.version:
        item["version"] = work.version
    if work.url:
        item["URL"] = work.url
    if work.description:
        item["genre"] = work.description
    item["note"] = work.note
    return [item]


def citation(work: Work, fmt: str, accessed: dt.date | None = None) -> str:
    """The work cited in `fmt` (apa, bibtex, ris, csl-json), accessed today unless told; ValueError otherwise."""
    accessed = accessed or dt.date.today()
    if fmt == "apa":
        return citation_apa(work, accessed)
    if fmt == "bibtex":
        return citation_bibtex(work, accessed)
    if fmt == "ris":
        return citation_ris(work, accessed)
    if fmt == "csl-json":
        return json.dumps(citation_csl(work, accessed), ensure_ascii=False, indent=2)
    raise ValueError(f"unknown citation format {fmt!r} (expected one of {', '.join(CITATION_FORMATS)})")


def citation_filename(work: Work, fmt: str) -> str:
    """The download's file name: `<key>.<ext>`."""
    return f"{work.key}.{FORMAT_FILES[fmt][0]}"
