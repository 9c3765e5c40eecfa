"""veta.cite: APA 7 and BibTeX for the interview and for Veta's dataset."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from veta import __version__, cite
from veta.credits import INTERVIEW_URL, LICENCE_URL

ALL = {
    "interview APA": cite.interview_apa(),
    "interview APA markdown": cite.interview_apa(markdown=True),
    "interview BibTeX": cite.interview_bibtex(),
    "dataset APA": cite.dataset_apa(),
    "dataset BibTeX": cite.dataset_bibtex(),
}


@pytest.mark.parametrize("name", ALL)
def test_every_citation_names_the_url_and_licence(name: str) -> None:
    text = ALL[name]
    assert INTERVIEW_URL in text
    assert "CC BY-NC-ND 3.0" in text and LICENCE_URL in text
    assert "Transnational Institute" in text


def test_interview_apa_uses_no_date_and_names_speakers() -> None:
    text = cite.interview_apa()
    assert text.startswith("Transnational Institute. (n.d.). Artisanal and informal mining [Interview with ")
    assert "Gisselle Benites and Doi Ra, conducted by Katie" in text
    assert "Digging Deeper: Conversations on Mining and Just Transitions" in text
    assert not re.search(r"\b(19|20)\d\d\b", text)  # no invented year
    assert "*Artisanal and informal mining*" in cite.interview_apa(markdown=True)


def test_interview_apa_retrieval_date() -> None:
    text = cite.interview_apa(retrieved=dt.date(2026, 3, 5))
    assert f"Retrieved March 5, 2026, from {INTERVIEW_URL}" in text


def _fields(bibtex: str) -> dict[str, str]:
    return dict(re.findall(r"^\s+(\w+)\s+= \{(.*)\},?$", bibtex, flags=re.MULTILINE))


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_interview_bibtex() -> None:
    text = cite.interview_bibtex()
    assert text.startswith("@misc{tni_artisanal_informal_mining,\n") and text.endswith("\n}")
    assert _balanced(text)
    fields = _fields(text)
    assert fields["author"] == "{Transnational Institute}" and fields["title"] == "{Artisanal and Informal Mining}"
    assert fields["year"] == "n.d." and fields["url"] == INTERVIEW_URL
    assert "no publication date" in fields["note"] and "Gisselle Benites and Doi Ra" in fields["note"]


def test_dataset_citations_carry_the_version() -> None:
    assert f"(Version {__version__}) [Data set]" in cite.dataset_apa()
    fields = _fields(cite.dataset_bibtex())
    assert fields["version"] == __version__
    assert _balanced(cite.dataset_bibtex())
    assert "(Version 9.9.9)" in cite.dataset_apa(version="9.9.9")


# --- passages and features, in every format ------------------------------------------------------------------

ACCESSED = dt.date(2026, 3, 5)


@pytest.fixture(scope="module")
def atlas():
    from veta.atlas import load_atlas

    return load_atlas()


def _works(atlas) -> dict[str, cite.Work]:
    feature = atlas.features[0]
    return {
        "interview": cite.interview_work(),
        "dataset": cite.dataset_work(),
        "passage": cite.passage_work(atlas, "p12"),
        "feature": cite.feature_work(atlas, feature.id, cite.feature_address("http://localhost:8501/", feature)),
    }


@pytest.mark.parametrize("kind", ["interview", "dataset", "passage", "feature"])
@pytest.mark.parametrize("fmt", cite.CITATION_FORMATS)
def test_every_work_in_every_format_has_access_date_licence_and_source(atlas, kind: str, fmt: str) -> None:
    work = _works(atlas)[kind]
    text = cite.citation(work, fmt, ACCESSED)
    assert LICENCE_URL in text and INTERVIEW_URL in text
    assert {"apa": "March 5, 2026", "bibtex": "2026-03-05", "ris": "2026/03/05", "csl-json": "2026"}[fmt] in text
    if work.url:
        assert work.url in text
    assert not re.search(r"\b(19|20)\d\d\b", text.replace("2026", ""))  # no invented publication year


def test_passage_and_feature_say_which_one(atlas) -> None:
    works = _works(atlas)
    feature = atlas.features[0]
    apa = cite.citation(works["passage"], "apa", ACCESSED)
    assert "para. 12" in apa and cite.speaker_name(atlas.passage("p12").speaker) in apa
    address = f"http://localhost:8501/{feature.region}?feature={feature.id}"
    assert works["feature"].url == address
    feature_apa = cite.citation(works["feature"], "apa", ACCESSED)
    assert feature_apa.startswith(f"Veta contributors. (n.d.). {feature.name} [Map feature: {feature.layer}, ")
    assert f"In {cite.DATASET_TITLE} (Version {__version__})" in feature_apa and address in feature_apa


def test_ris_and_csl_json_are_well_formed(atlas) -> None:
    import json

    for work in _works(atlas).values():
        lines = cite.citation(work, "ris", ACCESSED).splitlines()
        assert lines[0].startswith("TY  - ") and lines[-1] == "ER  - "
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines)
        assert "Y2  - 2026/03/05" in lines
        (item,) = json.loads(cite.citation(work, "csl-json", ACCESSED))
        assert item["id"] == work.key and item["accessed"] == {"date-parts": [[2026, 3, 5]]}
        assert item["type"] in {"interview", "dataset"} and "issued" not in item
        bib = cite.citation(work, "bibtex", ACCESSED)
        assert _balanced(bib) and _fields(bib)["urldate"] == "2026-03-05"


def test_hostile_feature_text_cannot_break_bibtex_or_ris(atlas) -> None:
    import dataclasses

    from veta.model import Atlas

    hostile = dataclasses.replace(atlas.features[0], name="Evil } @misc{x,\nTY  - JOUR\\")
    other = Atlas(atlas.seed, atlas.regions, (hostile,), resources=atlas.resources)
    work = cite.feature_work(other, hostile.id, "http://x/")
    assert _balanced(cite.citation(work, "bibtex", ACCESSED))
    ris = cite.citation(work, "ris", ACCESSED).splitlines()
    assert [line[:2] for line in ris].count("TY") == 1


def test_unknown_format_and_file_names(atlas) -> None:
    with pytest.raises(ValueError, match="unknown citation format"):
        cite.citation(cite.interview_work(), "mla")
    assert cite.citation_filename(cite.passage_work(atlas, "p12"), "ris") == "tni_artisanal_informal_mining_p12.ris"
