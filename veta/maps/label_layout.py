"""Where the names go on a map drawn for print (`veta.maps.svg_render`): each town's name beside its dot, clear of
the markers, badges and other names where it can be; a country's name near its point, or left out rather than
covered. The screen map places its names the same way in the browser (`placeLabels` in veta-map.js), with the
browser's own measures of the text.

Boxes are (left, top, right, bottom) in the picture's pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]

TOWN_SIDES: tuple[tuple[str, tuple[float, float], tuple[float, float]], ...] = (
    ("right", (0, 4), (-0.5, 0)),
    ("left", (-1, -4), (-0.5, 0)),
    ("above-right", (0, 2), (-1, -1)),
    ("below-right", (0, 2), (0, 1)),
    ("above", (-0.5, 0), (-1, -3)),
    ("below", (-0.5, 0), (0, 3)),
    ("above-left", (-1, -2), (-1, -1)),
    ("below-left", (-1, -2), (0, 1)),
)
"""Where a town's name may go around its dot, in order of preference: the name's top left corner from the dot,
x and y each as (name widths or heights, pixels)."""
TOWN_DISTANCES = (0.0, 6.0, 12.0)
"""Pixels further out for each try of all the sides (clear of a marker on the dot)."""
COUNTRY_SHIFT = 24.0
"""Pixels a country's name may move from its point."""
NAME_GAP = 2.0
"""Pixels kept between two names."""
CUT_WEIGHT = 4.0
"""How much worse a name's part cut off by the picture's edge is than a part covered (lost, not harder to read)."""


@dataclass(frozen=True)
class Name:
    """A name to place: its text's width and height (pixels), its point, and whether it is a town (with a dot
    on the point) or a country (centred on it)."""

    text: str
    x: float
    y: float
    width: float
    height: float
    town: bool = True


def around(x: float, y: float, half: float) -> Box:
    """The square box reaching `half` pixels from (x, y) each way."""
    return (x - half, y - half, x + half, y + half)


def overlap(a: Box, b: Box) -> float:
    """The area two boxes share."""
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _cost(box: Box, frame: Box, taken: Sequence[Box]) -> float:
    """How much of box the picture's edge cuts off (CUT_WEIGHT times), plus how much of what is taken it covers."""
    area = (box[2] - box[0]) * (box[3] - box[1])
    return CUT_WEIGHT * (area - overlap(box, frame)) + sum(overlap(box, other) for other in taken)


def _least(candidates: Sequence[Box], frame: Box, taken: Sequence[Box]) -> tuple[Box, float]:
    """The first candidate that covers nothing and is not cut, else the one that is least so."""
    best: tuple[Box, float] | None = None
    for box in candidates:
        cost = _cost(box, frame, taken)
        if best is None or cost < best[1]:
            best = (box, cost)
        if cost == 0:
            break
    assert best is not None
    return best


def _town_candidates(name: Name) -> list[Box]:
    out = []
    for far in TOWN_DISTANCES:
        for _side, (wx, px), (hy, py) in TOWN_SIDES:
            dx = px + (far if px > 0 else -far if px < 0 else 0)
            dy = py + (far if py > 0 else -far if py < 0 else 0)
            left, top = name.x + wx * name.width + dx, name.y + hy * name.height + dy
            out.append((left, top, left + name.width, top + name.height))
    return out


def _country_candidates(name: Name) -> list[Box]:
    out = [_centred(name, name.x, name.y)]
    step = 4.0
    while step <= COUNTRY_SHIFT:
        for ux, uy in ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1)):
            out.append(_centred(name, name.x + ux * step, name.y + uy * step))
        step += 4.0
    return out


def _centred(name: Name, cx: float, cy: float) -> Box:
    return (cx - name.width / 2, cy - name.height / 2, cx + name.width / 2, cy + name.height / 2)


def _padded(box: Box) -> Box:
    return (box[0] - NAME_GAP, box[1] - NAME_GAP, box[2] + NAME_GAP, box[3] + NAME_GAP)


def place_names(names: Sequence[Name], width: float, height: float, obstacles: Sequence[Box] = ()) -> list[Box | None]:
    """Each name's box, in the order given, or None for a country that cannot be placed clear (left out).

    Towns first, those with the fewest free places first; each keeps its dot free of the other names. A town
    whose name has no free place gets the place where it covers least: the interview names it."""
    frame: Box = (0.0, 0.0, width, height)
    dots = {i: around(n.x, n.y, 2.5) for i, n in enumerate(names) if n.town}
    taken: list[Box] = [*obstacles, *dots.values()]
    placed: list[Box | None] = [None] * len(names)
    candidates = {i: _town_candidates(names[i]) for i in dots}

    def around_town(i: int) -> list[Box]:  # what is taken, the town's own dot aside
        return [b for b in taken if b is not dots[i]]

    def free(i: int) -> int:
        others = around_town(i)
        return sum(1 for box in candidates[i] if _cost(box, frame, others) == 0)

    for i in sorted(dots, key=free):
        box, _cost_left = _least(candidates[i], frame, around_town(i))
        placed[i] = box
        taken.append(_padded(box))
    for i, name in enumerate(names):
        if name.town:
            continue
        box, cost = _least(_country_candidates(name), frame, taken)
        if cost == 0:
            placed[i] = box
            taken.append(_padded(box))
    return placed
