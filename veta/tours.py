"""Guided tours: short sequences of map views, each anchored in verbatim quotes of the interview.

A tour is a JSON file `tours/<id>.json` (see `tours/README.md`). Loading resolves every quote with
`veta.evidence.resolve_selector` and checks every feature and region id against the atlas; problems are
collected, not raised, and reported as `FILE: TOUR-ID step N: what is wrong`, like the geodata validator.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry import box
from shapely.geometry.base import BaseGeometry

from veta.background import Segment, SegmentError, Segments, plain_text, read_segments
from veta.datafile import MAX_TEXT_CHARS, DataFileError, longest_text, read_json_file
from veta.evidence import Evidence, EvidenceError, passage_ids_of, resolve_selector
from veta.i18n import _, format_number
from veta.layers import REGION_IDS
from veta.model import Atlas
from veta.params import ID_MAX_CHARS, Notice
from veta.paths import PROJECT_DIR
from veta.problems import NO_FEATURE, Problem, display_path, shown
from veta.seed import Seed

TOURS_DIR: Path = PROJECT_DIR / "tours"
"""Where the shipped tours live."""
MIN_STEPS = 6
MAX_STEPS = 10
MIN_EVIDENCE = 1
MAX_EVIDENCE = 3
MIN_POINTS = 2
MAX_POINTS = 4
QUOTE_MARKS: tuple[str, ...] = ('"', "“", "”", "‘", "’", "«", "»")
"""Marks that would make our own words look like a quote (write apostrophes as ')."""
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
Bounds = tuple[tuple[float, float], tuple[float, float]]
"""((south, west), (north, east)) in degrees, as Leaflet's fitBounds takes them."""


@dataclass(frozen=True)
class TourView:
    """Where the map goes for a step: a region, optionally zoomed to one feature or to bounds."""

    region: str
    feature: str | None = None
    bounds: Bounds | None = None


@dataclass(frozen=True)
class TourStep:
    """One stop of a tour: quotes to read, features to highlight, a question to discuss."""

    number: int  # 1-based
    title: str
    evidence: tuple[Evidence, ...]
    features: tuple[str, ...]
    view: TourView
    question: str
    points: tuple[str, ...]
    question_segments: Segments = ()
    """The question as segments (own words and background, `veta.background`); empty when given as plain text."""
    point_segments: tuple[Segments, ...] = ()
    """Each discussion point as segments; empty when given as plain text."""

    @property
    def question_parts(self) -> Segments:
        """The question's segments (one segment of own words when it was given as plain text)."""
        return self.question_segments or (Segment(self.question),)

    @property
    def points_parts(self) -> tuple[Segments, ...]:
        """Each discussion point's segments (one segment of own words each when given as plain text)."""
        return self.point_segments or tuple((Segment(p),) for p in self.points)

    @property
    def passage_ids(self) -> tuple[str, ...]:
        """The passages this step quotes, in order, without repeats."""
        return passage_ids_of(self.evidence)


@dataclass(frozen=True)
class Tour:
    """A guided tour through one or more regions."""

    id: str
    title: str
    summary: str
    regions: tuple[str, ...]
    steps: tuple[TourStep, ...]
    path: str = ""
    summary_segments: Segments = ()
    """The summary as segments (own words and background); empty when given as plain text."""

    @property
    def summary_parts(self) -> Segments:
        """The summary's segments (one segment of own words when it was given as plain text)."""
        return self.summary_segments or (Segment(self.summary),)

    @property
    def feature_ids(self) -> tuple[str, ...]:
        """Every feature the tour highlights, in order of first appearance."""
        return tuple(dict.fromkeys(f for step in self.steps for f in step.features))

    def step(self, number: int) -> TourStep:
        """The step with this 1-based number; IndexError if there is none."""
        if not 1 <= number <= len(self.steps):
            raise IndexError(f"tour {self.id} has steps 1 to {len(self.steps)}, not {number}")
        return self.steps[number - 1]


def _text(value: object) -> str | None:
    """The stripped text, or None when the value is not a non-empty string."""
    return value.strip() if isinstance(value, str) and value.strip() else None


class _TourReader:
    """Reads one tour file, collecting problems."""

    def __init__(
        self,
        path: Path,
        seed: Seed,
        feature_regions: dict[str, str],
        region_ids: tuple[str, ...],
        region_shapes: dict[str, BaseGeometry],
    ) -> None:
        self.path = path
        self.region_shapes = region_shapes
        self.file = display_path(path)
        self.seed = seed
        self.feature_regions = feature_regions
        self.region_ids = region_ids
        self.problems: list[Problem] = []
        self.tour_id = path.stem

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.file, where, message))

    def own_words(self, where: str, name: str, value: object) -> Segments | None:
        """A required text in our own words, as segments (`veta.background`): non-empty, free of quote marks,
        each background segment naming its source."""
        try:
            segments = read_segments(value)
        except SegmentError as error:
            self.problem(where, f"empty {name}" if str(error) == "empty" else f"{name}: {error}")
            return None
        if any(mark in segment.text for segment in segments for mark in QUOTE_MARKS):
            self.problem(where, f"{name} contains quote marks; it must be our own words (quotes go in evidence)")
            return None
        return segments

    def read(self) -> Tour | None:
        try:
            data = read_json_file(self.path)
        except (OSError, DataFileError) as error:
            self.problem(NO_FEATURE, str(error) if isinstance(error, DataFileError) else f"cannot read file ({error})")
            return None
        if not isinstance(data, dict):
            self.problem(NO_FEATURE, "a tour must be a JSON object")
            return None
        if longest_text(data) > MAX_TEXT_CHARS:
            self.problem(NO_FEATURE, f"text too long (at most {MAX_TEXT_CHARS} characters in one value)")
            return None
        ok = True
        tour_id = data.get("id")
        if not isinstance(tour_id, str) or not _SLUG.match(tour_id):
            self.problem(NO_FEATURE, f"tour id {shown(tour_id)} must be a lowercase slug")
            return None
        self.tour_id = tour_id
        if tour_id != self.path.stem:
            self.problem(tour_id, f"tour id must match the file name ({self.path.stem})")
            ok = False
        title = _text(data.get("title"))
        if title is None:
            self.problem(tour_id, "empty title")
            ok = False
        summary = self.own_words(tour_id, "summary", data.get("summary"))
        ok = ok and summary is not None
        regions = self.regions(data.get("regions"))
        ok = ok and regions is not None
        raw_steps = data.get("steps")
        if not isinstance(raw_steps, list):
            self.problem(tour_id, "no steps (expected a list)")
            return None
        if not MIN_STEPS <= len(raw_steps) <= MAX_STEPS:
            self.problem(tour_id, f"{len(raw_steps)} steps; a tour has {MIN_STEPS} to {MAX_STEPS}")
            ok = False
        steps = [self.step(number, raw, regions or ()) for number, raw in enumerate(raw_steps, start=1)]
        if not ok or any(s is None for s in steps) or title is None or summary is None or regions is None:
            return None
        return Tour(
            tour_id,
            title,
            plain_text(summary),
            regions,
            tuple(s for s in steps if s is not None),
            self.file,
            summary_segments=summary,
        )

    def regions(self, raw: object) -> tuple[str, ...] | None:
        if not isinstance(raw, list) or not raw:
            self.problem(self.tour_id, "no regions (expected a list of region ids)")
            return None
        unknown = [r for r in raw if r not in self.region_ids]
        if unknown:
            self.problem(
                self.tour_id, f"unknown region {shown(unknown[0])} (expected one of {', '.join(self.region_ids)})"
            )
            return None
        return tuple(dict.fromkeys(raw))

    def step(self, number: int, raw: object, regions: tuple[str, ...]) -> TourStep | None:
        where = f"{self.tour_id} step {number}"
        if not isinstance(raw, dict):
            self.problem(where, "a step must be a JSON object")
            return None
        before = len(self.problems)
        title = _text(raw.get("title"))
        if title is None:
            self.problem(where, "empty title")
        evidence = self.evidence(where, raw.get("evidence"))
        view = self.view(where, raw.get("view"), regions)
        features = self.features(where, raw.get("features"), view)
        question = self.own_words(where, "question", raw.get("question"))
        points = self.points(where, raw.get("points"))
        if len(self.problems) > before or None in (title, evidence, features, view, question, points):
            return None
        assert title and evidence and features is not None and view and question and points
        return TourStep(
            number,
            title,
            evidence,
            features,
            view,
            plain_text(question),
            tuple(plain_text(p) for p in points),
            question_segments=question,
            point_segments=points,
        )

    def evidence(self, where: str, raw: object) -> tuple[Evidence, ...] | None:
        if not isinstance(raw, list) or not MIN_EVIDENCE <= len(raw) <= MAX_EVIDENCE:
            count = len(raw) if isinstance(raw, list) else 0
            self.problem(where, f"{count} quotes; a step has {MIN_EVIDENCE} to {MAX_EVIDENCE} (list 'evidence')")
            return None
        resolved: list[Evidence] = []
        for item in raw:
            try:
                resolved.append(resolve_selector(self.seed, item))
            except EvidenceError as error:
                self.problem(where, str(error))
        return tuple(resolved) if len(resolved) == len(raw) else None

    def features(self, where: str, raw: object, view: TourView | None) -> tuple[str, ...] | None:
        if not isinstance(raw, list) or not raw or not all(isinstance(f, str) for f in raw):
            self.problem(where, "no features (expected a list of at least one feature id)")
            return None
        ok = True
        for feature_id in raw:
            region = self.feature_regions.get(feature_id)
            if region is None:
                self.problem(where, f"unknown feature {shown(feature_id)}")
                ok = False
            elif view is not None and region != view.region:
                self.problem(
                    where, f"feature {shown(feature_id)} is in {region}, not in the step's view region {view.region}"
                )
                ok = False
        if ok and view is not None and view.feature is not None and view.feature not in raw:
            self.problem(where, f"view feature {shown(view.feature)} is not one of the step's features")
            ok = False
        return tuple(dict.fromkeys(raw)) if ok else None

    def view(self, where: str, raw: object, regions: tuple[str, ...]) -> TourView | None:
        if not isinstance(raw, dict):
            self.problem(where, 'no view (expected {"region": id} with optional "feature" or "bounds")')
            return None
        region = raw.get("region")
        if region not in self.region_ids:
            self.problem(
                where, f"unknown region {shown(region)} in view (expected one of {', '.join(self.region_ids)})"
            )
            return None
        if regions and region not in regions:
            self.problem(where, f"view region {shown(region)} is not one of the tour's regions")
            return None
        feature = raw.get("feature")
        bounds = raw.get("bounds")
        if feature is not None and bounds is not None:
            self.problem(where, "view has both a feature and bounds; give one")
            return None
        if feature is not None:
            if not isinstance(feature, str) or self.feature_regions.get(feature) is None:
                self.problem(where, f"unknown feature {shown(feature)} in view")
                return None
            if self.feature_regions[feature] != region:
                self.problem(where, f"view feature {shown(feature)} is not in the view region {region}")
                return None
            return TourView(region, feature=feature)
        if bounds is not None:
            parsed = _bounds(bounds)
            if parsed is None:
                self.problem(where, "bad view bounds (expected [[south, west], [north, east]] in degrees)")
                return None
            (south, west), (north, east) = parsed
            shape = self.region_shapes.get(region)
            if shape is not None and not box(west, south, east, north).intersects(shape):
                self.problem(where, f"view bounds do not overlap the view region {region}")
                return None
            return TourView(region, bounds=parsed)
        return TourView(region)

    def points(self, where: str, raw: object) -> tuple[Segments, ...] | None:
        if not isinstance(raw, list) or not MIN_POINTS <= len(raw) <= MAX_POINTS:
            count = len(raw) if isinstance(raw, list) else 0
            self.problem(where, f"{count} discussion points; a step has {MIN_POINTS} to {MAX_POINTS}")
            return None
        points = [self.own_words(where, "discussion point", p) for p in raw]
        return None if None in points else tuple(p for p in points if p)


def _bounds(raw: Any) -> Bounds | None:
    """((south, west), (north, east)) from [[s, w], [n, e]], or None when malformed."""
    try:
        (south, west), (north, east) = raw
        values = [float(v) for v in (south, west, north, east)]
    except (TypeError, ValueError, OverflowError):
        return None
    if any(isinstance(v, bool) for v in (south, west, north, east)):
        return None
    south, west, north, east = values
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        return None
    return (south, west), (north, east)


MIN_VIEW_DEGREES = 0.2
"""The smallest span a view's bounds get, so that zooming to a point feature does not zoom in to street level."""


def view_bounds(atlas: Atlas, view: TourView, pad: float = 0.05) -> Bounds:
    """Where the map should go for a view: its bounds, its feature's or its region's, padded by a fraction."""
    if view.bounds is not None:
        (south, west), (north, east) = view.bounds
    else:
        geometry = atlas.feature(view.feature).geometry if view.feature else atlas.region(view.region).geometry
        west, south, east, north = geometry.bounds
    dy = max(north - south, MIN_VIEW_DEGREES) * (1 + 2 * pad)
    dx = max(east - west, MIN_VIEW_DEGREES) * (1 + 2 * pad)
    cy, cx = (south + north) / 2, (west + east) / 2
    return (
        (max(-90.0, cy - dy / 2), max(-180.0, cx - dx / 2)),
        (min(90.0, cy + dy / 2), min(180.0, cx + dx / 2)),
    )


def tours_for_region(tours: tuple[Tour, ...], region_id: str) -> tuple[Tour, ...]:
    """The tours that visit a region, single-region tours first."""
    return tuple(sorted((t for t in tours if region_id in t.regions), key=lambda t: (len(t.regions), t.id)))


def read_tours(
    tours_dir: Path,
    seed: Seed,
    feature_regions: dict[str, str],
    region_ids: tuple[str, ...] = REGION_IDS,
    region_shapes: dict[str, BaseGeometry] | None = None,
) -> tuple[tuple[Tour, ...], list[Problem]]:
    """Read every `*.json` in `tours_dir`; return the valid tours (sorted by id) and every problem found.

    `feature_regions` maps each known feature id to its region id; `region_shapes`, if given, each region's
    geometry, which a view's bounds must overlap.
    """
    tours: list[Tour] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for path in sorted(Path(tours_dir).glob("*.json")):
        reader = _TourReader(path, seed, feature_regions, region_ids, region_shapes or {})
        try:
            tour = reader.read()
        except Exception as error:  # noqa: BLE001 - the safety net: anything unforeseen is this file's problem
            reader.problem(NO_FEATURE, f"unexpected content, cannot be read ({type(error).__name__}: {error})")
            tour = None
        problems.extend(reader.problems)
        if tour is None:
            continue
        if tour.id in seen:
            problems.append(Problem(reader.file, tour.id, f"duplicate tour id (also in {seen[tour.id]})"))
            continue
        seen[tour.id] = reader.file
        tours.append(tour)
    return tuple(sorted(tours, key=lambda t: t.id)), problems


def load_tours(tours_dir: Path, atlas: Atlas) -> tuple[tuple[Tour, ...], list[Problem]]:
    """The tours that are valid against this atlas, and every problem found in the tour files."""
    feature_regions = {f.id: f.region for f in atlas.features}
    region_ids = tuple(r.id for r in atlas.regions) or REGION_IDS
    shapes = {r.id: r.geometry for r in atlas.regions}
    return read_tours(tours_dir, atlas.seed, feature_regions, region_ids, shapes)


def validate_tours(atlas: Atlas, tours_dir: Path = TOURS_DIR) -> list[Problem]:
    """Every problem in the tour files, for `python -m veta validate` (empty when all tours are fine)."""
    return load_tours(tours_dir, atlas)[1]


@dataclass(frozen=True)
class TourChoice:
    """The outcome of the `tour` and `step` parameters in a shared link."""

    tour: Tour | None = None
    step: int = 1
    notice: Notice | None = None


def _first(values: Sequence[str]) -> tuple[str | None, int]:
    """The first non-empty value and how many distinct non-empty values there were."""
    distinct = list(dict.fromkeys(v.strip() for v in values if v.strip()))
    return (distinct[0] if distinct else None), len(distinct)


def resolve_tour_params(tours: Sequence[Tour], tour_values: Sequence[str], step_values: Sequence[str]) -> TourChoice:
    """Which tour and step a shared link opens; a notice (never escaped here, in the current language) when a
    value cannot be used."""
    value, count = _first(tour_values)
    if value is None:
        if tour_values:
            return TourChoice(notice=Notice(_("The address asks for a tour but gives no id, so no tour is open.")))
        return TourChoice()
    if len(value) > ID_MAX_CHARS:
        return TourChoice(notice=Notice(_("The tour id in the address is too long to be one of Veta's."), value))
    tour = next((t for t in tours if t.id == value), None)
    if tour is None:
        return TourChoice(notice=Notice(_("There is no tour with this id:"), value))
    notice = None
    if count > 1:
        message = _("The address names {count} different tours; Veta opens the first one.")
        notice = Notice(message.format(count=format_number(count)), value)
    step_value, _count = _first(step_values)
    if step_value is None:
        return TourChoice(tour, 1, notice)
    if not (step_value.isascii() and step_value.isdigit()) or not 1 <= int(step_value) <= len(tour.steps):
        message = _("This tour has steps 1 to {last}, so it opens at step 1:")
        return TourChoice(tour, 1, Notice(message.format(last=format_number(len(tour.steps))), step_value))
    return TourChoice(tour, int(step_value), notice)


def tour_query(tour: Tour, step: int = 1) -> dict[str, str]:
    """The query parameters of a link to a tour step, for `st.query_params` or `urllib.parse.urlencode`."""
    return {"tour": tour.id, "step": str(step)}
