"""veta.glossary: the shipped terms occur in the seed where we say, annotation and escaped HTML, defects."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from veta.background import background_text
from veta.escape import escape_text
from veta.glossary import (
    GLOSSARY_PATH,
    QUOTE_MARKS,
    Glossary,
    GlossaryTerm,
    annotate_terms,
    glossed_html,
    load_glossary,
    read_glossary,
    validate_glossary,
)
from veta.problems import DataError
from veta.seed import load_seed

SEED = load_seed()
GLOSSARY = load_glossary(SEED)

# Read off the interview by hand: where each term of the brief occurs.
EXPECTED_PASSAGES = {
    "barriqueras": ("p5",),
    "pallaqueras": ("p5",),
    "chichiqueras": ("p5",),
    "jancheras": ("p5",),
    "zambullidero": ("p31",),
    "pinata": ("p56",),
    "petty-commodity-production": ("p22",),
    "mineral-ecologies": ("p27",),
    "rights-of-difference": ("p10",),
    "asm": ("p18", "p43", "p44", "p48"),
    "kio": ("p13", "p38", "p50"),
    "redd-plus": ("p58",),
    "cronies": ("p12",),
    "high-commissioner": ("p46",),
    "conflicted-coexistence": ("p32",),
    "crisis-of-social-reproduction": ("p14", "p60"),
}


def test_shipped_glossary_has_no_problems() -> None:
    assert validate_glossary(SEED) == []
    assert len(GLOSSARY.terms) >= 25


@pytest.mark.parametrize("term_id", EXPECTED_PASSAGES)
def test_brief_terms_occur_in_the_right_passages(term_id: str) -> None:
    assert GLOSSARY.term(term_id).passage_ids == EXPECTED_PASSAGES[term_id]


@pytest.mark.parametrize("term", GLOSSARY.terms, ids=lambda t: t.id)
def test_every_occurrence_is_the_exact_text_of_the_seed(term: GlossaryTerm) -> None:
    assert term.occurrences, term.id
    for occurrence in term.occurrences:
        assert SEED.text[occurrence.start : occurrence.end] == occurrence.form
        passage = SEED.passage(occurrence.passage_id)
        assert passage.start <= occurrence.start and occurrence.end <= passage.end
    # every passage that contains a form as a substring is listed (whole-word matches only, so at most these)
    containing = {p.id for p in SEED.passages if any(form in p.text for form in term.forms)}
    assert set(term.passage_ids) <= containing
    assert not any(mark in term.explanation for mark in QUOTE_MARKS)


def test_usual_spelling_of_barriqueras_is_noted() -> None:
    term = GLOSSARY.term("barriqueras")
    assert term.forms == ("barriqueras",) and "barequeras" in term.also_spelled
    assert "barequeras" not in SEED.text and "barequeras" in term.explanation


def test_raw_file_matches_loaded_terms() -> None:
    raw = json.loads(GLOSSARY_PATH.read_text(encoding="utf-8"))
    assert [item["id"] for item in raw] == [t.id for t in GLOSSARY.terms]


def test_annotate_terms_prefers_longest_and_whole_words() -> None:
    text = "The KIOSK sold petty commodity production; a crisis of social reproduction hit the KIO."
    spans = annotate_terms(text, GLOSSARY)
    assert [(text[s:e], t.id) for s, e, t in spans] == [
        ("petty commodity production", "petty-commodity-production"),
        ("crisis of social reproduction", "crisis-of-social-reproduction"),
        ("KIO", "kio"),
    ]
    assert annotate_terms("no terms here", GLOSSARY) == []
    assert annotate_terms("KIO", Glossary(())) == []


def test_annotate_a_real_passage() -> None:
    text = SEED.passage("p5").text
    found = [t.id for _, _, t in GLOSSARY.annotate_terms(text)]
    assert found == ["barriqueras", "pallaqueras", "chichiqueras", "jancheras"]


def test_glossed_html_escapes_everything_and_keeps_the_text() -> None:
    text = '<script>alert(`${1}`)</script> the KIO & REDD+ "market"'
    out = glossed_html(text, GLOSSARY)
    assert "<script>" not in out and "`" not in out and "${" not in out
    assert out.count('<abbr class="veta-term"') == 2
    kio = GLOSSARY.term("kio")
    # the hover text marks the explanation's background (not from the interview) with its source
    assert f'title="{escape_text(background_text(kio.explanation_parts))}"' in out
    assert "[Background: It was founded in 1961" in background_text(kio.explanation_parts)
    # dropping the tags and unescaping gives back the original text exactly
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text


def test_glossed_html_on_a_quote_with_an_apostrophe_in_a_title() -> None:
    out = glossed_html(SEED.passage("p13").text, GLOSSARY)
    assert "TNI&#x27;s" in out  # the KIO explanation's apostrophe is escaped inside the attribute
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == SEED.passage("p13").text


def test_terms_in_passage() -> None:
    ids = {t.id for t in GLOSSARY.terms_in("p46")}
    assert {"high-commissioner", "alluvial-mining"} <= ids


def _write(tmp_path: Path, items: list[dict]) -> Path:
    path = tmp_path / "glossary.json"
    path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    return path


GOOD = {"id": "cronies", "term": "cronies", "forms": ["cronies"], "explanation": "Friends of those in power."}


@pytest.mark.parametrize(
    ("items", "where", "message"),
    [
        ([{**GOOD, "forms": ["crony capitalism"]}], "cronies", "does not occur as a word in any passage"),
        ([{**GOOD, "forms": ["cronie"]}], "cronies", "does not occur as a word"),
        ([GOOD, GOOD], "cronies", "duplicate term id"),
        ([{**GOOD, "explanation": "So-called “cronies”."}], "cronies", "quote marks"),
        ([{**GOOD, "explanation": ""}], "cronies", "empty explanation"),
        ([{**GOOD, "forms": []}], "cronies", "no forms"),
        ([GOOD, {**GOOD, "id": "cronies-2"}], "cronies-2", "also belongs to term cronies"),
        ([{**GOOD, "id": "Cronies!"}], "Cronies!", "lowercase slug"),
    ],
)
def test_glossary_defects(tmp_path: Path, items: list[dict], where: str, message: str) -> None:
    glossary, problems = read_glossary(SEED, _write(tmp_path, items))
    matching = [p for p in problems if p.feature_id == where and message in p.message]
    assert matching, [str(p) for p in problems]
    assert matching[0].file.endswith("glossary.json")
    with pytest.raises(DataError):
        load_glossary(SEED, _write(tmp_path, items))


def test_valid_fixture_glossary(tmp_path: Path) -> None:
    glossary, problems = read_glossary(SEED, _write(tmp_path, [GOOD]))
    assert problems == [] and glossary.term("cronies").passage_ids == ("p12",)
