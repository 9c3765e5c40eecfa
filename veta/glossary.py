"""The glossary: the interview's own terms, explained in our words, found where they occur.

`glossary/glossary.json` lists each term with the exact `forms` it takes in the seed (matched case-sensitively
as whole words) and an explanation in our own words. The passages a term occurs in are computed from the seed,
never typed. `glossed_html` wraps the terms inside a quote in `<abbr title="…">` so pages can explain them
where they occur; every piece of text goes through `veta.escape.escape_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from veta.background import Segment, SegmentError, Segments, background_text, plain_text, read_segments
from veta.datafile import MAX_TEXT_CHARS, DataFileError, longest_text, read_json_file
from veta.escape import escape_text
from veta.paths import PROJECT_DIR
from veta.problems import NO_FEATURE, DataError, Problem, display_path, shown
from veta.quotes import Layer, editorial_layer, layered_html
from veta.seed import Seed

GLOSSARY_PATH: Path = PROJECT_DIR / "glossary" / "glossary.json"
"""Where the shipped glossary lives."""
QUOTE_MARKS: tuple[str, ...] = ('"', "“", "”", "‘", "’", "«", "»")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Occurrence:
    """One place a glossary term occurs in the seed."""

    passage_id: str
    form: str
    start: int  # offsets in the seed text
    end: int


@dataclass(frozen=True)
class GlossaryTerm:
    """A term of the interview with our explanation and where it occurs."""

    id: str
    term: str  # the headword shown in the glossary
    forms: tuple[str, ...]  # exact spellings in the seed, matched case-sensitively as whole words
    explanation: str
    also_spelled: tuple[str, ...] = ()
    occurrences: tuple[Occurrence, ...] = ()
    explanation_segments: Segments = ()
    """The explanation as segments (own words and background, `veta.background`); empty when plain text."""

    @property
    def explanation_parts(self) -> Segments:
        """The explanation's segments (one segment of own words when it was given as plain text)."""
        return self.explanation_segments or (Segment(self.explanation),)

    @property
    def passage_ids(self) -> tuple[str, ...]:
        """The passages the term occurs in, in order, without repeats."""
        return tuple(dict.fromkeys(o.passage_id for o in self.occurrences))


@dataclass(frozen=True)
class Glossary:
    """All glossary terms, and a matcher that finds any of their forms in a text."""

    terms: tuple[GlossaryTerm, ...]

    def term(self, term_id: str) -> GlossaryTerm:
        """The term with this id; KeyError if unknown."""
        for term in self.terms:
            if term.id == term_id:
                return term
        raise KeyError(term_id)

    def terms_in(self, passage_id: str) -> tuple[GlossaryTerm, ...]:
        """The terms that occur in this passage, in glossary order."""
        return tuple(t for t in self.terms if passage_id in t.passage_ids)

    def annotate_terms(self, text: str) -> list[tuple[int, int, GlossaryTerm]]:
        """Non-overlapping (start, end, term) spans of every glossary form in `text`, longest match first."""
        return annotate_terms(text, self)


def _pattern(forms: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """A regex matching any form as a whole word, longest forms first."""
    ordered = sorted(set(forms), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(f) for f in ordered) + r")(?!\w)")


def annotate_terms(text: str, glossary: Glossary) -> list[tuple[int, int, GlossaryTerm]]:
    """Non-overlapping (start, end, term) spans where glossary forms occur in `text`, in order."""
    by_form = {form: term for term in glossary.terms for form in term.forms}
    if not by_form:
        return []
    return [(m.start(), m.end(), by_form[m.group(0)]) for m in _pattern(tuple(by_form)).finditer(text)]


def term_layer(text: str, glossary: Glossary) -> Layer:
    """The glossary terms of `text` as a `veta.quotes` layer of `<abbr class="veta-term" title="…">` spans."""
    return Layer(
        [
            (
                start,
                end,
                f'<abbr class="veta-term" data-term="{escape_text(term.id)}" '
                f'title="{escape_text(background_text(term.explanation_parts))}">',
            )
            for start, end, term in annotate_terms(text, glossary)
        ],
        "</abbr>",
    )


def glossed_html(text: str, glossary: Glossary) -> str:
    """`text` escaped for HTML, TNI's editorial insertions marked (`veta.quotes`), and each glossary term wrapped
    in `<abbr class="veta-term" title="…">`."""
    return layered_html(text, [editorial_layer(text), term_layer(text, glossary)])


def find_term_occurrences(seed: Seed, forms: tuple[str, ...]) -> tuple[Occurrence, ...]:
    """Every whole-word occurrence of any of `forms` inside the seed's passages."""
    pattern = _pattern(forms)
    found: list[Occurrence] = []
    for passage in seed.passages:
        for match in pattern.finditer(passage.text):
            found.append(
                Occurrence(passage.id, match.group(0), passage.start + match.start(), passage.start + match.end())
            )
    return tuple(found)


def read_glossary(seed: Seed, path: Path = GLOSSARY_PATH) -> tuple[Glossary, list[Problem]]:
    """The glossary's valid terms with their occurrences in the seed, and every problem found."""
    file = display_path(path)
    try:
        data = read_json_file(Path(path))
    except DataFileError as error:
        return Glossary(()), [Problem(file, NO_FEATURE, str(error))]
    except OSError as error:
        return Glossary(()), [Problem(file, NO_FEATURE, f"cannot read file ({error})")]
    if not isinstance(data, list):
        return Glossary(()), [Problem(file, NO_FEATURE, "expected a list of terms")]
    if longest_text(data) > MAX_TEXT_CHARS:
        return Glossary(()), [Problem(file, NO_FEATURE, f"text too long (at most {MAX_TEXT_CHARS} characters)")]
    try:
        return _read_terms(seed, file, data)
    except Exception as error:  # noqa: BLE001 - the safety net: anything unforeseen is this file's problem
        message = f"unexpected content, cannot be read ({type(error).__name__}: {error})"
        return Glossary(()), [Problem(file, NO_FEATURE, message)]


def _read_terms(seed: Seed, file: str, data: list) -> tuple[Glossary, list[Problem]]:
    problems: list[Problem] = []
    terms: list[GlossaryTerm] = []
    owner: dict[str, str] = {}
    for index, item in enumerate(data):
        term_id = item.get("id") if isinstance(item, dict) else None
        where = term_id if isinstance(term_id, str) and term_id else f"#{index}"
        if not isinstance(item, dict) or not isinstance(term_id, str) or not _SLUG.match(term_id):
            problems.append(Problem(file, where, "term needs an 'id' that is a lowercase slug"))
            continue
        before = len(problems)
        if any(t.id == term_id for t in terms):
            problems.append(Problem(file, where, "duplicate term id"))
        headword = item.get("term")
        if not isinstance(headword, str) or not headword.strip():
            problems.append(Problem(file, where, "empty term"))
        explanation: Segments = ()
        try:
            explanation = read_segments(item.get("explanation"))
        except SegmentError as error:
            problems.append(
                Problem(file, where, "empty explanation" if str(error) == "empty" else f"explanation: {error}")
            )
        if any(mark in segment.text for segment in explanation for mark in QUOTE_MARKS):
            problems.append(Problem(file, where, "explanation contains quote marks; it must be our own words"))
        forms = item.get("forms")
        if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f.strip() for f in forms):
            problems.append(
                Problem(file, where, "no forms (expected a list of the term's exact spellings in the seed)")
            )
            forms = []
        also = item.get("also_spelled", [])
        if not isinstance(also, list) or not all(isinstance(a, str) for a in also):
            problems.append(Problem(file, where, "also_spelled must be a list of strings"))
            also = []
        occurrences = find_term_occurrences(seed, tuple(forms)) if forms else ()
        found = {o.form for o in occurrences}
        for form in forms:
            if form in owner:
                problems.append(Problem(file, where, f"form {shown(form)} also belongs to term {owner[form]}"))
            elif form not in found and not find_term_occurrences(seed, (form,)):
                problems.append(Problem(file, where, f"form {shown(form)} does not occur as a word in any passage"))
            owner.setdefault(form, term_id)
        if len(problems) > before:
            continue
        terms.append(
            GlossaryTerm(
                id=term_id,
                term=headword.strip(),
                forms=tuple(forms),
                explanation=plain_text(explanation),
                also_spelled=tuple(also),
                occurrences=occurrences,
                explanation_segments=explanation,
            )
        )
    return Glossary(tuple(terms)), problems


def load_glossary(seed: Seed, path: Path = GLOSSARY_PATH) -> Glossary:
    """The glossary; raises DataError listing every problem if the file is not right."""

    glossary, problems = read_glossary(seed, path)
    if problems:
        raise DataError(problems)
    return glossary


def validate_glossary(seed: Seed, path: Path = GLOSSARY_PATH) -> list[Problem]:
    """Every problem in the glossary file, for `python -m veta validate`."""
    return read_glossary(seed, path)[1]
