"""veta.tours: the shipped tours against the real atlas, and each validator defect on a fixture tour."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from shapely.geometry import LineString, Point, box

from veta.atlas import load_atlas
from veta.evidence import resolve_quote
from veta.layers import REGION_IDS
from veta.model import Atlas, Feature, Region
from veta.seed import load_seed
from veta.tours import (
    MAX_STEPS,
    MIN_STEPS,
    QUOTE_MARKS,
    TOURS_DIR,
    Tour,
    TourChoice,
    TourView,
    load_tours,
    resolve_tour_params,
    tour_query,
    tours_for_region,
    validate_tours,
    view_bounds,
)

SEED = load_seed()
TOUR_FILES = sorted(TOURS_DIR.glob("*.json"))


# --- the shipped tours, on the real data ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_atlas() -> Atlas:
    return load_atlas()


@pytest.fixture(scope="module")
def shipped(real_atlas: Atlas) -> tuple[Tour, ...]:
    tours, problems = load_tours(TOURS_DIR, real_atlas)
    assert [str(p) for p in problems] == []
    return tours


def test_every_tour_file_loads(shipped: tuple[Tour, ...]) -> None:
    assert len(TOUR_FILES) >= 5
    assert {t.id for t in shipped} == {p.stem for p in TOUR_FILES}


def test_validate_tours_is_clean_on_shipped_data(real_atlas: Atlas) -> None:
    assert validate_tours(real_atlas) == []


def test_one_tour_per_region_and_two_across(shipped: tuple[Tour, ...]) -> None:
    for region in REGION_IDS:
        assert any(t.regions == (region,) for t in shipped), f"no single-region tour for {region}"
    assert sum(len(t.regions) > 1 for t in shipped) >= 2


@pytest.mark.parametrize("path", TOUR_FILES, ids=lambda p: p.stem)
def test_tour_file_quotes_are_verbatim_and_features_exist(path: Path, real_atlas: Atlas) -> None:
    """Checked again from the raw JSON, independently of veta.tours."""
    data = json.loads(path.read_text(encoding="utf-8"))
    feature_ids = {f.id for f in real_atlas.features}
    assert MIN_STEPS <= len(data["steps"]) <= MAX_STEPS
    for number, step in enumerate(data["steps"], start=1):
        assert 1 <= len(step["evidence"]) <= 3, number
        for selector in step["evidence"]:
            needle = selector.get("prefix", "") + selector["exact"] + selector.get("suffix", "")
            assert SEED.text.count(needle) == 1, (number, selector["exact"])
        assert step["features"] and set(step["features"]) <= feature_ids, number
        assert step["view"]["region"] in data["regions"]
        assert step["question"].strip() and 2 <= len(step["points"]) <= 4
        for text in [step["question"], *step["points"]]:
            assert not any(mark in text for mark in QUOTE_MARKS), (number, text)


def test_steps_resolve_to_passages_with_speakers(shipped: tuple[Tour, ...], real_atlas: Atlas) -> None:
    for tour in shipped:
        for step in tour.steps:
            for evidence in step.evidence:
                passage = real_atlas.passage(evidence.passage_id)
                assert SEED.text[evidence.start : evidence.end] == evidence.exact
                assert passage.start <= evidence.start and evidence.end <= passage.end
                assert passage.speaker in ("Katie", "Gisselle", "Doi Ra")
            for feature_id in step.features:
                assert real_atlas.feature(feature_id).region == step.view.region


# --- defects, on a fixture atlas and a fixture tour -------------------------------------------------------------

Q1 = "We have jade, amber, gold and rare earth minerals mining, all in the same landscape."
Q2 = "The Atrato is one of the few rivers in the world that has gained personhood rights"
ACROSS = SEED.text[SEED.passage("p11").end - 20 : SEED.passage("p12").start + 20]


def _feature(feature_id: str, region: str, quote: str, geometry) -> Feature:
    return Feature(
        id=feature_id,
        layer="minerals",
        region=region,
        name=feature_id,
        kind="gold",
        summary="Test.",
        evidence=(resolve_quote(SEED, quote),),
        precision="approximate",
        placement_note="Test.",
        geometry_source="test",
        geometry=geometry,
    )


FIXTURE_ATLAS = Atlas(
    seed=SEED,
    regions=(
        Region("choco", "Chocó", "Colombia", box(-77.9, 4.0, -76.0, 8.7)),
        Region("madre-de-dios", "Madre de Dios", "Peru", box(-72.4, -13.4, -68.7, -10.0)),
        Region("kachin", "Kachin", "Myanmar", box(95.8, 23.6, 98.8, 28.5)),
    ),
    features=(
        _feature("kachin-jade", "kachin", Q1, Point(96.1, 25.6)),
        _feature("kachin-gold", "kachin", Q1, Point(97.4, 25.4)),
        _feature("choco-atrato", "choco", Q2, LineString([(-76.65, 5.69), (-76.9, 8.0)])),
    ),
)


def _step(n: int) -> dict:
    return {
        "title": f"Stop {n}",
        "evidence": [{"exact": Q1}],
        "features": ["kachin-jade", "kachin-gold"],
        "view": {"region": "kachin", "feature": "kachin-jade"},
        "question": "What do these minerals have in common?",
        "points": ["They lie in one landscape.", "They need different amounts of capital."],
    }


GOOD = {
    "id": "test-tour",
    "title": "A test tour",
    "summary": "A tour in our own words.",
    "regions": ["kachin", "choco"],
    "steps": [_step(n) for n in range(1, 7)],
}


def _load(tmp_path: Path, tour: dict, name: str = "test-tour.json") -> tuple[tuple[Tour, ...], list]:
    (tmp_path / name).write_text(json.dumps(tour, ensure_ascii=False), encoding="utf-8")
    return load_tours(tmp_path, FIXTURE_ATLAS)


def test_fixture_tour_is_valid(tmp_path: Path) -> None:
    tours, problems = _load(tmp_path, GOOD)
    assert problems == []
    (tour,) = tours
    assert tour.id == "test-tour" and tour.regions == ("kachin", "choco") and len(tour.steps) == 6
    step = tour.step(1)
    assert step.number == 1 and step.features == ("kachin-jade", "kachin-gold")
    assert step.view.feature == "kachin-jade" and step.passage_ids == ("p11",)
    assert step.evidence[0].exact == Q1 and step.points[0] == "They lie in one landscape."
    with pytest.raises(IndexError):
        tour.step(7)


def _broken(change) -> dict:
    tour = copy.deepcopy(GOOD)
    change(tour)
    return tour


DEFECTS = {
    "missing quote": (
        lambda t: t["steps"][2]["evidence"].__setitem__(0, {"exact": "jade, amber and silver"}),
        "test-tour step 3",
        "quote not found verbatim in the seed",
    ),
    "ambiguous quote": (
        lambda t: t["steps"][1]["evidence"].append({"exact": "high commissioner"}),
        "test-tour step 2",
        "occurs 2 times",
    ),
    "quote across passages": (
        lambda t: t["steps"][0]["evidence"].__setitem__(0, {"exact": ACROSS}),
        "test-tour step 1",
        "is not inside one passage",
    ),
    "too many quotes": (
        lambda t: t["steps"][0].__setitem__("evidence", [{"exact": Q1}] * 4),
        "test-tour step 1",
        "4 quotes; a step has 1 to 3",
    ),
    "unknown feature": (
        lambda t: t["steps"][4]["features"].append("kachin-silver"),
        "test-tour step 5",
        "unknown feature 'kachin-silver'",
    ),
    "feature outside the view region": (
        lambda t: t["steps"][3]["features"].append("choco-atrato"),
        "test-tour step 4",
        "not in the step's view region kachin",
    ),
    "no features": (lambda t: t["steps"][0].__setitem__("features", []), "test-tour step 1", "no features"),
    "unknown region": (
        lambda t: t.__setitem__("regions", ["kachin", "antioquia"]),
        "test-tour",
        "unknown region 'antioquia'",
    ),
    "unknown view region": (
        lambda t: t["steps"][5]["view"].__setitem__("region", "atlantis"),
        "test-tour step 6",
        "unknown region 'atlantis' in view",
    ),
    "view region not in the tour": (
        lambda t: t.__setitem__("regions", ["choco"]),
        "test-tour step 1",
        "view region 'kachin' is not one of the tour's regions",
    ),
    "unknown view feature": (
        lambda t: t["steps"][1]["view"].__setitem__("feature", "nowhere"),
        "test-tour step 2",
        "unknown feature 'nowhere' in view",
    ),
    "view feature not highlighted": (
        lambda t: t["steps"][1].__setitem__("features", ["kachin-gold"]),
        "test-tour step 2",
        "view feature 'kachin-jade' is not one of the step's features",
    ),
    "bad bounds": (
        lambda t: t["steps"][2].__setitem__("view", {"region": "kachin", "bounds": [[28, 95], [24, 99]]}),
        "test-tour step 3",
        "bad view bounds",
    ),
    "bounds off the region": (
        lambda t: t["steps"][2].__setitem__("view", {"region": "kachin", "bounds": [[0, 0], [1, 1]]}),
        "test-tour step 3",
        "view bounds do not overlap the view region kachin",
    ),
    "feature and bounds": (
        lambda t: t["steps"][2]["view"].__setitem__("bounds", [[24, 95], [28, 99]]),
        "test-tour step 3",
        "both a feature and bounds",
    ),
    "too few steps": (lambda t: t.__setitem__("steps", t["steps"][:5]), "test-tour", "5 steps; a tour has 6 to 10"),
    "too many steps": (
        lambda t: t.__setitem__("steps", [_step(n) for n in range(11)]),
        "test-tour",
        "11 steps; a tour has 6 to 10",
    ),
    "empty question": (lambda t: t["steps"][3].__setitem__("question", "  "), "test-tour step 4", "empty question"),
    "quoted question": (
        lambda t: t["steps"][3].__setitem__("question", "Why do they say “big capital”?"),
        "test-tour step 4",
        "question contains quote marks",
    ),
    "quoted point": (
        lambda t: t["steps"][0]["points"].__setitem__(1, "As Doi Ra says, ‘big machines’."),
        "test-tour step 1",
        "discussion point contains quote marks",
    ),
    "one point": (lambda t: t["steps"][0].__setitem__("points", ["Only one."]), "test-tour step 1", "1 discussion"),
    "empty step title": (lambda t: t["steps"][5].__setitem__("title", ""), "test-tour step 6", "empty title"),
    "empty summary": (lambda t: t.__setitem__("summary", ""), "test-tour", "empty summary"),
    "id differs from file name": (
        lambda t: t.__setitem__("id", "other-tour"),
        "other-tour",
        "must match the file name (test-tour)",
    ),
}


@pytest.mark.parametrize("name", DEFECTS)
def test_each_defect_is_reported_with_file_and_step(tmp_path: Path, name: str) -> None:
    change, where, message = DEFECTS[name]
    tours, problems = _load(tmp_path, _broken(change))
    assert tours == ()
    assert problems, name
    assert all(p.file.endswith("test-tour.json") for p in problems)
    matching = [p for p in problems if p.feature_id == where and message in p.message]
    assert matching, [str(p) for p in problems]
    assert str(matching[0]).startswith(f"{matching[0].file}: {where}: ")


def test_prefix_settles_an_ambiguous_quote(tmp_path: Path) -> None:
    tour = _broken(lambda t: t["steps"][1]["evidence"].append({"exact": "high commissioner", "suffix": " bombed"}))
    tours, problems = _load(tmp_path, tour)
    assert problems == []
    assert tours[0].step(2).passage_ids == ("p11", "p46")


def test_bad_json_and_duplicate_ids(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "test-tour.json").write_text(json.dumps(GOOD), encoding="utf-8")
    tours, problems = load_tours(tmp_path, FIXTURE_ATLAS)
    assert [t.id for t in tours] == ["test-tour"]
    assert len(problems) == 1 and problems[0].file.endswith("broken.json") and "not valid JSON" in problems[0].message


def test_validate_tours_lists_every_problem(tmp_path: Path) -> None:
    tour = _broken(lambda t: (t["steps"][0]["features"].append("ghost"), t["steps"][1].__setitem__("question", "")))
    (tmp_path / "test-tour.json").write_text(json.dumps(tour), encoding="utf-8")
    problems = validate_tours(FIXTURE_ATLAS, tmp_path)
    assert {p.feature_id for p in problems} == {"test-tour step 1", "test-tour step 2"}


def test_bounds_inside_the_region_are_kept(tmp_path: Path) -> None:
    tour = _broken(lambda t: t["steps"][2].__setitem__("view", {"region": "kachin", "bounds": [[25, 96], [26, 97.5]]}))
    tours, problems = _load(tmp_path, tour)
    assert problems == []
    assert tours[0].step(3).view == TourView("kachin", bounds=((25.0, 96.0), (26.0, 97.5)))


def test_view_bounds() -> None:
    (south, west), (north, east) = view_bounds(FIXTURE_ATLAS, TourView("kachin"), pad=0)
    assert (south, west, north, east) == pytest.approx((23.6, 95.8, 28.5, 98.8))
    # a point feature gets a minimum span around it, not a zero-size box
    (south, west), (north, east) = view_bounds(FIXTURE_ATLAS, TourView("kachin", feature="kachin-jade"), pad=0)
    assert (south, west, north, east) == pytest.approx((25.5, 96.0, 25.7, 96.2))
    (south, west), (north, east) = view_bounds(
        FIXTURE_ATLAS, TourView("kachin", bounds=((25.0, 96.0), (26.0, 97.0))), pad=0.1
    )
    assert (south, west, north, east) == pytest.approx((24.9, 95.9, 26.1, 97.1))


def test_tour_helpers(shipped: tuple[Tour, ...]) -> None:
    for region in REGION_IDS:
        visiting = tours_for_region(shipped, region)
        assert visiting and visiting[0].regions == (region,)
        assert all(region in t.regions for t in visiting)
    tour = shipped[0]
    assert set(tour.feature_ids) == {f for s in tour.steps for f in s.features}


def test_resolve_tour_params(tmp_path: Path) -> None:
    (tour,) = _load(tmp_path, {**GOOD, "id": "t"}, "t.json")[0]
    assert resolve_tour_params([tour], [], []) == TourChoice()
    assert resolve_tour_params([tour], ["t"], []) == TourChoice(tour, 1)
    assert resolve_tour_params([tour], ["t"], ["4"]) == TourChoice(tour, 4)
    bad_step = resolve_tour_params([tour], ["t"], ["7"])
    assert bad_step.tour is tour and bad_step.step == 1 and "steps 1 to 6" in bad_step.notice.message
    assert resolve_tour_params([tour], ["t"], ["-1"]).step == 1
    arabic_indic_three = resolve_tour_params([tour], ["t"], ["\u0663"])
    assert arabic_indic_three.step == 1 and arabic_indic_three.notice is not None
    assert resolve_tour_params([tour], ["t"], ["<b>2</b>"]).notice.value == "<b>2</b>"  # echoed raw; UI escapes
    unknown = resolve_tour_params([tour], ["nope"], ["2"])
    assert unknown.tour is None and unknown.notice.value == "nope"
    assert resolve_tour_params([tour], [" "], []).notice is not None
    assert resolve_tour_params([tour], ["x" * 500], []).tour is None
    several = resolve_tour_params([tour], ["t", "u"], ["2"])
    assert several.tour is tour and several.step == 2 and "2 different tours" in several.notice.message
    assert tour_query(tour, 3) == {"tour": "t", "step": "3"}
