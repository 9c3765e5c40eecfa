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
