"""Unit tests for veta.handout: passages with marked quotes and glossed terms, step maps, SVG maps, handouts."""

from __future__ import annotations

import dataclasses
import html
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import veta.maps
from tests.hostile import RAW_PIECES, hostile_atlas
from veta.atlas import load_atlas
from veta.background import background_text
from veta.credits import INTERVIEW_URL, LICENCE_URL
from veta.escape import escape_text
from veta.glossary import Glossary, load_glossary
from veta.handout import (
    HIGHLIGHT_CLASS,
    build_step_map,
    handout_filename,
    handout_html,
    marked_glossed_html,
    passage_with_quotes_html,
    step_passages_html,
    step_svg,
    terms_in_evidence,
    tours_visiting,
)
from veta.maps import build_step_spec, map_html
from veta.maps.describe import STEP_MIN_SPAN
from veta.maps.geo import km_across
from veta.reader import speaker_name
from veta.tours import TOURS_DIR, Tour, TourStep, load_tours, view_bounds

ATLAS = load_atlas()
TOURS, TOUR_PROBLEMS = load_tours(TOURS_DIR, ATLAS)
GLOSSARY = load_glossary(ATLAS.seed)
STEPS = [(tour, step) for tour in TOURS for step in tour.steps]
TAGS = re.compile(r"<[^>]+>")


def text_of(fragment: str) -> str:
    """The visible text of an HTML fragment: tags dropped, character references decoded."""
    return html.unescape(TAGS.sub("", fragment))


def step_id(item: tuple[Tour, TourStep]) -> str:
    return f"{item[0].id}-{item[1].number}"


def test_the_shipped_tours_load() -> None:
    assert not TOUR_PROBLEMS
    assert len(TOURS) >= 6 and len(STEPS) >= 40


def test_marked_glossed_html_marks_spans_and_explains_terms() -> None:
    text = "In Colombia they are called barriqueras <b>, & more"
    out = marked_glossed_html(text, [(0, 11)], GLOSSARY)
    assert out.startswith("<mark>In Colombia</mark>")
    assert '<abbr class="veta-term" data-term="barriqueras"' in out
    assert "&lt;b&gt;, &amp; more" in out and "<b>" not in out
    assert text_of(out) == text
    assert marked_glossed_html(text, []) == escape_text(text)  # no glossary, no spans: just escaped


@pytest.mark.parametrize("item", STEPS, ids=step_id)
def test_every_step_shows_its_passages_verbatim_with_quotes_marked(item: tuple[Tour, TourStep]) -> None:
    _, step = item
    fragments = step_passages_html(ATLAS, step, GLOSSARY)
    assert len(fragments) == len(step.passage_ids)
    for fragment, passage_id in zip(fragments, step.passage_ids, strict=True):
        passage = ATLAS.passage(passage_id)
        shown = re.search(r'<p class="veta-tour-text">(.*?)</p>', fragment).group(1)
        assert text_of(shown) == f"“{passage.body}”"  # the whole passage, verbatim, in quote marks
        assert passage.body in ATLAS.seed.text
        marked = [text_of(m) for m in re.findall(r"<mark>(.*?)</mark>", shown)]
        for evidence in step.evidence:
            if evidence.passage_id == passage_id:
                assert any(evidence.exact in m for m in marked), evidence.exact
        assert f"— {escape_text(speaker_name(passage.speaker))}, passage {passage.number}" in fragment


def test_glossary_terms_are_explained_inside_quotes() -> None:
    step = next(s for _, s in STEPS if "barriqueras" in " ".join(e.exact for e in s.evidence))
    fragment = "".join(step_passages_html(ATLAS, step, GLOSSARY))
    term = GLOSSARY.term("barriqueras")
    assert f'title="{escape_text(background_text(term.explanation_parts))}">barriqueras</abbr>' in fragment
    assert term in terms_in_evidence(step.evidence, GLOSSARY)


def test_passage_html_escapes_hostile_glossary_text() -> None:
    step = STEPS[0][1]
    hostile = Glossary(
        tuple(dataclasses.replace(t, explanation=t.explanation + " " + " ".join(RAW_PIECES)) for t in GLOSSARY.terms)
    )
    fragment = passage_with_quotes_html(ATLAS, step.evidence[:1], hostile)
    for piece in RAW_PIECES:
        assert piece not in fragment


@pytest.mark.parametrize("item", STEPS, ids=step_id)
def test_step_map_rings_the_steps_features_and_fits_its_view(item: tuple[Tour, TourStep]) -> None:
    _, step = item
    spec = build_step_spec(ATLAS, step)
    page = map_html(build_step_map(ATLAS, step))
    config = json.loads(re.search(r"VetaMap\.init\(map_v\d+, (\{.*\})\);", page).group(1))
    assert config["ringed"] == list(step.features)  # kept bright while the rest fade (veta-map.css)
    for feature_id in step.features:
        feature = ATLAS.feature(feature_id)
        rings = len(re.findall(rf"veta-tour-fid-{re.escape(feature_id)}(?![\w-])", page))
        if feature.precision == "region":  # a statement: its button is ringed, no ring on the map
            assert rings == 0 and any(s["id"] == feature_id for s in config["statements"])
        else:
            assert rings == 1, feature_id  # one style entry per ringed feature, applied to each of its parts
    (south, west), (north, east) = spec.view
    (fit,) = re.finditer(r"VetaMap\.fit\(map_v\d+, ", page)  # the map's own fit (kept on resize)
    assert page[fit.end() :].startswith(f"[[{south}, {west}], [{north}, {east}]]")
    script = page[page.index("L.map(") : fit.start()]
    assert "L.geoJson(" not in script, "the fit must come before the layers"
    # the view shows the stated view and every ringed (drawn) feature with its context
    stated = view_bounds(ATLAS, step.view)
    assert south <= stated[0][0] and west <= stated[0][1] and north >= stated[1][0] and east >= stated[1][1]
    assert north - south >= STEP_MIN_SPAN - 1e-6 and east - west >= STEP_MIN_SPAN - 1e-6


def test_no_step_zooms_in_to_a_few_km() -> None:
    """kachin-mining-and-war steps 6 and 8 zoomed to ~5 km around one ring; every step now shows its context."""
    tour = next(t for t in TOURS if t.id == "kachin-mining-and-war")
    for number in (6, 8):
        step = tour.step(number)
        (south, west), (north, east) = build_step_spec(ATLAS, step).view
        assert km_across(((south, west), (north, east))) > 100, number
        for feature_id in step.features:
            feature = ATLAS.feature(feature_id)
            if feature.precision != "region":
                fx0, fy0, fx1, fy1 = feature.geometry.bounds
                assert south <= fy0 and fy1 <= north and west <= fx0 and fx1 <= east, feature_id


def test_ringed_ids_travel_as_data_and_the_fading_is_static_css() -> None:
    """The step's ids reach the map as JSON (never as CSS or script text); the fading rules are a static file."""
    ids = ("choco-gold", "x} body {color:red", "<script>alert(1)</script>")
    step = dataclasses.replace(STEPS[0][1], features=ids)
    page = map_html(build_step_map(ATLAS, step))
    config = json.loads(re.search(r"VetaMap\.init\(map_v\d+, (\{.*\})\);", page).group(1))
    assert config["ringed"] == ["choco-gold"]  # unknown ids are dropped; the rest could only ever be data
    assert "body {color:red" not in page and "<script>alert" not in page
    css = (Path(veta.maps.__file__).parent / "static" / "veta-map.css").read_text(encoding="utf-8")
    assert ".veta-has-ringed .veta-feature:not(.veta-ringed)" in css and f".{HIGHLIGHT_CLASS}" in css


@pytest.mark.parametrize("item", STEPS[:: max(1, len(STEPS) // 12)], ids=step_id)
def test_step_svg_is_static_well_formed_and_numbers_the_features(item: tuple[Tour, TourStep]) -> None:
    _, step = item
    svg = step_svg(ATLAS, step)
    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag == "svg"
    assert "<script" not in svg and "http" not in svg and "href" not in svg
    badges = [t.text for g in root.iter("g") if g.get("class") == "veta-svg-label" for t in g.iter("text")]
    assert badges, "no numbered feature"
    assert set(badges) <= {str(n) for n in range(1, len(step.features) + 1)}
    assert any(p.get("class") == "veta-svg-focus" for p in root.iter("path")), "no region outline"


@pytest.mark.parametrize("tour", TOURS, ids=lambda t: t.id)
def test_handout_has_every_quote_question_and_the_credit(tour: Tour) -> None:
    page = handout_html(ATLAS, tour, GLOSSARY)
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "<script" not in page.lower()
    visible = text_of(page)
    for step in tour.steps:
        assert f"Step {step.number}: {step.title}" in visible
        for evidence in step.evidence:
            passage = ATLAS.passage(evidence.passage_id)
            assert f"“{evidence.exact}”— {speaker_name(passage.speaker)}, passage {passage.number}" in visible
        for segments in (step.question_parts, *step.points_parts):  # the points are in the teacher's notes
            for segment in segments:
                assert segment.text in visible
                if segment.background:  # marked, with its source in print
                    assert f"Background: {segment.text} (source: {segment.source})" in visible
    assert page.count("<svg") == len(tour.steps)
    assert "Transnational Institute" in visible and "CC BY-NC-ND 3.0" in visible
    urls = set(re.findall(r"https?://[^\"'<>\s]+", page))
    assert urls == {INTERVIEW_URL, LICENCE_URL}, urls


def test_handout_without_teacher_notes_leaves_the_points_out() -> None:
    tour = TOURS[0]
    page = handout_html(ATLAS, tour, GLOSSARY, teacher_notes=False)
    assert tour.steps[0].points[0] not in text_of(page)
    assert handout_filename(tour) == f"handout-{tour.id}.html"


def test_handout_escapes_hostile_feature_text() -> None:
    hostile = hostile_atlas(ATLAS)
    tour = next(t for t in TOURS if any("kachin-jade" in s.features for s in t.steps))
    page = handout_html(hostile, tour, GLOSSARY)
    for piece in RAW_PIECES:
        assert piece not in page
    assert escape_text(hostile.feature("kachin-jade").name) in page


def test_tours_visiting() -> None:
    assert tours_visiting(TOURS, None) == TOURS
    kachin = tours_visiting(TOURS, "kachin")
    assert kachin and all("kachin" in t.regions for t in kachin)
    assert len(kachin) < len(TOURS)
