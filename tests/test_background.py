"""veta.background: segments of own words and background, their reading, checks and rendering."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tests.test_tours import FIXTURE_ATLAS, GOOD
from veta.background import (
    Segment,
    SegmentError,
    background_html,
    background_text,
    plain_text,
    read_segments,
)
from veta.glossary import glossed_html, read_glossary
from veta.handout import handout_html
from veta.problems import display_path
from veta.tours import load_tours

RULING = "Colombia's Constitutional Court ruled on the Atrato in 2016."
SOURCE = "Colombian Constitutional Court, judgment T-622 of 2016; not in the interview"
SEGMENTS = [{"text": "The interview speaks of a lawsuit."}, {"background": RULING, "source": SOURCE}]


def test_a_string_is_one_segment_of_own_words() -> None:
    assert read_segments("  Our words. ") == (Segment("Our words."),)
    assert not read_segments("x")[0].background


def test_segments_read_in_order_and_join_with_spaces() -> None:
    segments = read_segments([*SEGMENTS, {"text": "."}])
    assert segments == (Segment("The interview speaks of a lawsuit."), Segment(RULING, SOURCE), Segment("."))
    assert plain_text(segments) == f"The interview speaks of a lawsuit. {RULING}."
    assert background_text(segments) == (
        f"The interview speaks of a lawsuit. [Background: {RULING} (source: {SOURCE})]."
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty"),
        (None, "empty"),
        ([], "empty"),
        (3, "expected text or a list of segments"),
        ([{"background": RULING}], "background segment 1 names no source (expected a non-empty 'source')"),
        ([{"text": "a"}, {"background": RULING, "source": " "}], "background segment 2 names no source"),
        ([{"background": " ", "source": SOURCE}], "background segment 1 has empty text"),
        ([{"text": ""}], "segment 1 has empty text"),
        ([{"text": "a", "source": SOURCE}], "segment 1 must be"),
        (["plain"], "segment 1 must be"),
    ],
)
def test_malformed_segments_say_why(raw: object, message: str) -> None:
    with pytest.raises(SegmentError) as error:
        read_segments(raw)
    assert message in str(error.value)


def test_background_html_marks_background_visibly_with_its_source() -> None:
    html = background_html(read_segments(SEGMENTS))
    assert html.startswith('The interview speaks of a lawsuit. <span class="veta-background"')
    assert 'title="Background, not from the interview. Source: Colombian Constitutional Court' in html
    assert '<span class="veta-background-label">Background:</span> Colombia&#x27;s Constitutional Court' in html
    assert f'<span class="veta-background-source"> (source: {SOURCE})</span></span>' in html


def test_background_html_escapes_everything() -> None:
    hostile = "<script>alert(1)</script> ${x} `y`"
    html = background_html((Segment(hostile), Segment(hostile, hostile)))
    assert "<script" not in html and "${" not in html and "`" not in html
    assert html.count("&lt;script&gt;") == 5  # own text, background text, title, data-source, visible source


def _tour_with(tmp_path: Path, change) -> tuple:
    tour = copy.deepcopy(GOOD)
    change(tour)
    (tmp_path / "test-tour.json").write_text(json.dumps(tour, ensure_ascii=False), encoding="utf-8")
    return load_tours(tmp_path, FIXTURE_ATLAS)


def test_tour_texts_may_carry_background(tmp_path: Path) -> None:
    def change(tour: dict) -> None:
        tour["summary"] = SEGMENTS
        tour["steps"][0]["question"] = [{"text": "Who brought the lawsuit?"}]
        tour["steps"][0]["points"][1] = SEGMENTS

    (tour,), problems = _tour_with(tmp_path, change)
    assert problems == []
    assert tour.summary == f"The interview speaks of a lawsuit. {RULING}"
    assert tour.summary_parts == read_segments(SEGMENTS)
    step = tour.step(1)
    assert step.question == "Who brought the lawsuit?"
    assert step.points_parts[1] == read_segments(SEGMENTS) and step.points_parts[0] == (Segment(step.points[0]),)
    page = handout_html(FIXTURE_ATLAS, tour)
    assert page.count('<span class="veta-background-label">Background:</span>') == 2  # summary, teacher's point
    assert ".veta-background {" in page  # its look comes with the page


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("summary", "summary: background segment 2 names no source"),
        ("question", "question: background segment 2 names no source"),
        ("points", "discussion point: background segment 2 names no source"),
    ],
)
def test_a_tour_background_segment_must_name_a_source(tmp_path: Path, field: str, message: str) -> None:
    unsourced = [SEGMENTS[0], {"background": RULING}]

    def change(tour: dict) -> None:
        if field == "summary":
            tour["summary"] = unsourced
        elif field == "question":
            tour["steps"][2]["question"] = unsourced
        else:
            tour["steps"][2]["points"][0] = unsourced

    tours, problems = _tour_with(tmp_path, change)
    assert tours == ()
    where = "test-tour" if field == "summary" else "test-tour step 3"
    assert [str(p) for p in problems] == [
        f"{display_path(tmp_path / 'test-tour.json')}: {where}: {message} (expected a non-empty 'source')"
    ]


def test_quote_marks_are_refused_in_background_too(tmp_path: Path) -> None:
    def change(tour: dict) -> None:
        tour["steps"][0]["points"][0] = [{"background": "The so-called “ruling”.", "source": SOURCE}]

    _, problems = _tour_with(tmp_path, change)
    assert [p.message for p in problems] == [
        "discussion point contains quote marks; it must be our own words (quotes go in evidence)"
    ]


def test_glossary_explanations_may_carry_background(tmp_path: Path) -> None:
    from tests.test_glossary import GOOD as TERM
    from tests.test_glossary import SEED

    path = tmp_path / "glossary.json"
    term = {**TERM, "explanation": [{"text": "Friends of those in power."}, {"background": "A usage.", "source": "X"}]}
    path.write_text(json.dumps([term]), encoding="utf-8")
    glossary, problems = read_glossary(SEED, path)
    assert problems == []
    cronies = glossary.term("cronies")
    assert cronies.explanation == "Friends of those in power. A usage."
    assert "[Background: A usage. (source: X)]" in glossed_html("the cronies", glossary)
    term["explanation"][1] = {"background": "A usage."}
    path.write_text(json.dumps([term]), encoding="utf-8")
    _, problems = read_glossary(SEED, path)
    assert [str(p) for p in problems] == [
        f"{display_path(path)}: cronies: explanation: background segment 2 names no source "
        "(expected a non-empty 'source')"
    ]
