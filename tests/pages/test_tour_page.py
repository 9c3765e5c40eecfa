"""AppTests of the guided-tour page: the list, EVERY step of every tour, navigation, projector mode, bad values."""

from __future__ import annotations

import html
import json
import re

import pytest

from tests.map_text import map_config
from tests.pages.conftest import (
    BAD_VALUES,
    RunPage,
    assert_echo_escaped,
    html_bodies,
    map_elements,
    map_script,
    no_exception,
    send_trigger,
)
from ui.map_display import COMPONENT_NAME
from ui.projector import PROJECTOR_TYPE_CSS as PROJECTOR_CSS
from veta.atlas import load_atlas
from veta.background import background_html
from veta.handout import handout_filename
from veta.reader import speaker_name
from veta.tours import TOURS_DIR, Tour, TourStep, load_tours

REAL = load_atlas()
TOURS = load_tours(TOURS_DIR, REAL)[0]
PAGE = "pages/tour.py"
TAGS = re.compile(r"<[^>]+>")


def visible(at) -> str:  # noqa: ANN001
    """The text of the page's HTML blocks, tags dropped and references decoded."""
    return html.unescape(TAGS.sub("", html_bodies(at)))


def styles(at) -> str:  # noqa: ANN001
    """Every stylesheet the page adds with `st.html`."""
    return "\n".join(el.proto.body for el in at.get("html") if el.proto.body.lstrip().startswith("<style>"))


def progress_text(at) -> str:  # noqa: ANN001
    return at.get("progress")[0].proto.text


def test_without_a_tour_the_page_lists_every_tour(run_page: RunPage) -> None:
    at = run_page(PAGE)
    no_exception(at)
    assert not at.warning
    assert at.title[0].value == "Guided tours"
    bodies = html_bodies(at)
    assert re.findall(r'data-tour="([a-z0-9-]+)"', bodies) == [t.id for t in TOURS]
    text = visible(at)
    for tour in TOURS:  # the summary as written, background (not from the interview) marked with its source
        assert tour.title in text and background_html(tour.summary_parts) in bodies
    assert any(s.background for t in TOURS for s in t.summary_parts) and 'class="veta-background"' in bodies
    links = {el.proto.query_string for el in at.get("page_link") if el.proto.page == "tour"}
    assert {f"tour={t.id}&step=1" for t in TOURS} <= links
    handouts = [b for b in at.get("download_button") if b.proto.label == "Printable handout"]
    assert len(handouts) == len(TOURS)


def check_step(at, tour: Tour, step: TourStep) -> None:  # noqa: ANN001
    """The page shows this step: progress, title, every passage verbatim with its quote marked, map, question."""
    no_exception(at)
    assert not at.warning
    assert progress_text(at) == f"Step {step.number} of {len(tour.steps)}"
    text = visible(at)
    assert tour.title in text and step.title in text and background_html(step.question_parts) in html_bodies(at)
    marked = [html.unescape(TAGS.sub("", m)) for m in re.findall(r"<mark>(.*?)</mark>", html_bodies(at))]
    for evidence in step.evidence:
        passage = REAL.passage(evidence.passage_id)
        assert f"“{passage.body}”" in text  # the passage, verbatim, in quote marks
        assert any(evidence.exact in m for m in marked), evidence.exact  # the quote highlighted in it
        assert f"— {speaker_name(passage.speaker)}, passage {passage.number}" in text
    assert len(map_elements(at)) == 1  # a map file (ui.map_display.show_step_map)
    script = map_script(at)
    assert map_config(script)["ringed"] == list(step.features)  # ringed on the map, the others faded
    for feature_id in step.features:
        ringed_on_map = f"veta-tour-fid-{feature_id}" in script
        assert ringed_on_map == (REAL.feature(feature_id).precision != "region")  # statements: their button
    expander = at.expander[0]
    assert "Suggested points" in expander.label
    points = " ".join(el.proto.body for el in expander.get("html"))
    assert all(background_html(p) in points for p in step.points_parts)
    assert at.button(key="tour-prev-top").disabled == (step.number == 1)
    assert at.button(key="tour-next-top").disabled == (step.number == len(tour.steps))


@pytest.mark.parametrize("tour", TOURS, ids=lambda t: t.id)
def test_every_step_renders_with_its_quotes_map_and_question(run_page: RunPage, tour: Tour) -> None:
    """Open each tour's first step from its address, then walk every step with the Next button."""
    at = run_page(PAGE, {"tour": tour.id, "step": "1"})
    for step in tour.steps:
        check_step(at, tour, step)
        assert at.query_params["step"] == str(step.number)
        if step.number < len(tour.steps):
            at.button(key="tour-next-top").click().run()


@pytest.mark.parametrize("tour", TOURS, ids=lambda t: t.id)
def test_the_last_step_opens_from_its_address(run_page: RunPage, tour: Tour) -> None:
    at = run_page(PAGE, {"tour": tour.id, "step": str(len(tour.steps))})
    check_step(at, tour, tour.steps[-1])


def test_next_and_previous_change_the_step_in_the_address(run_page: RunPage) -> None:
    tour = TOURS[0]
    at = run_page(PAGE, {"tour": tour.id, "step": "1"})
    at.button(key="tour-next-top").click().run()
    no_exception(at)
    assert at.query_params["step"] == "2" and at.query_params["tour"] == tour.id
    assert progress_text(at) == f"Step 2 of {len(tour.steps)}"
    assert background_html(tour.step(2).question_parts) in html_bodies(at)
    at.button(key="tour-next-bottom").click().run()
    assert at.query_params["step"] == "3"
    at.button(key="tour-prev-top").click().run()
    assert at.query_params["step"] == "2"


def test_arrow_keys_step_the_tour_through_the_maps_element(run_page: RunPage) -> None:
    """← and → are answered by the map's element (also while the map has focus: tests/browser), which sends the
    action as its `key` trigger; the buttons carry no Streamlit shortcut (whose hint doubled "Next → →")."""
    tour = TOURS[0]
    at = run_page(PAGE, {"tour": tour.id, "step": "2"})
    (element,) = [e for e in at.get("bidi_component") if e.proto.component_name == COMPONENT_NAME]
    assert json.loads(element.proto.json)["keys"] == {"ArrowLeft": "prev", "ArrowRight": "next"}
    assert not at.button(key="tour-next-top").proto.shortcut and at.button(key="tour-next-top").label == "Next →"
    send_trigger(at, COMPONENT_NAME, "key", "next")
    no_exception(at)
    assert at.query_params["step"] == "3" and progress_text(at) == f"Step 3 of {len(tour.steps)}"
    send_trigger(at, COMPONENT_NAME, "key", "prev")
    assert at.query_params["step"] == "2"


def test_projector_mode_from_the_address_and_the_toggle(run_page: RunPage) -> None:
    tour = TOURS[0]
    at = run_page(PAGE, {"tour": tour.id, "step": "1", "projector": "1"})
    no_exception(at)
    assert at.toggle(key="projector-mode").value is True
    assert PROJECTOR_CSS.strip() in styles(at)
    at.toggle(key="projector-mode").set_value(False).run()
    no_exception(at)
    assert "projector" not in at.query_params
    assert PROJECTOR_CSS.strip() not in styles(at)
    at.toggle(key="projector-mode").set_value(True).run()
    assert at.query_params["projector"] == "1"
    plain = run_page(PAGE, {"tour": tour.id, "step": "1"})
    assert plain.toggle(key="projector-mode").value is False
    assert PROJECTOR_CSS.strip() not in styles(plain)


def test_each_tour_offers_its_handout(run_page: RunPage) -> None:
    tour = TOURS[-1]
    at = run_page(PAGE, {"tour": tour.id, "step": "1"})
    buttons = at.get("download_button")
    assert len(buttons) == 1
    assert "handout" in buttons[0].proto.label.lower()
    assert buttons[0].proto.url and handout_filename(tour) not in ("",)


@pytest.mark.parametrize("kind", BAD_VALUES)
def test_bad_tour_values_show_the_list_with_a_notice(run_page: RunPage, kind: str) -> None:
    value = BAD_VALUES[kind]
    at = run_page(PAGE, {"tour": value, "step": value})
    no_exception(at)
    assert at.warning, "no friendly message"
    assert at.title[0].value == "Guided tours"
    assert len(re.findall(r'data-tour="', html_bodies(at))) == len(TOURS)
    assert_echo_escaped(at, value if isinstance(value, str) else value[0])


@pytest.mark.parametrize("kind", BAD_VALUES)
def test_bad_step_values_open_the_tour_at_step_one(run_page: RunPage, kind: str) -> None:
    tour = TOURS[0]
    value = BAD_VALUES[kind]
    at = run_page(PAGE, {"tour": tour.id, "step": value})
    no_exception(at)
    assert progress_text(at) == f"Step 1 of {len(tour.steps)}"
    if kind != "empty":
        assert at.warning, "no friendly message"
    assert_echo_escaped(at, value if isinstance(value, str) else value[0])


@pytest.mark.parametrize("step", ["0", "-1", "99", "1.5", "1e3", "0x2"])
def test_out_of_range_steps(run_page: RunPage, step: str) -> None:
    tour = TOURS[0]
    at = run_page(PAGE, {"tour": tour.id, "step": step})
    no_exception(at)
    assert at.warning
    assert progress_text(at) == f"Step 1 of {len(tour.steps)}"
    assert at.query_params["step"] == "1"  # the address is corrected


def test_without_valid_tours_the_page_says_so(run_fixture_page: RunPage) -> None:
    """On data where no shipped tour is valid (the small test atlas), the page explains instead of failing."""
    at = run_fixture_page(PAGE, {"tour": TOURS[0].id, "step": "2"})
    no_exception(at)
    assert at.title[0].value == "Guided tours"
    assert at.warning  # the tour named in the address does not exist here
    assert any("No guided tour" in i.value for i in at.info)
