"""The precision vocabulary: what each precision class claims about place, defined once.

Every surface that names a precision (legend, evidence panel, popup, feature list, About page, exports, README,
`docs/data-model.md`) takes its words from here.
"""

from __future__ import annotations

from dataclasses import dataclass

from veta.layers import PRECISIONS


@dataclass(frozen=True)
class PrecisionClass:
    """One precision class: its id, its short label, and what it means for a reader."""

    id: str
    label: str
    meaning: str


PRECISION_CLASSES: dict[str, PrecisionClass] = {
    c.id: c
    for c in (
        PrecisionClass(
            "site",
            "Site: named in the interview",
            "A cited passage names this place, and the map shows that place.",
        ),
        PrecisionClass(
            "approximate",
            "Approximate: near a named place",
            "A cited passage names a place or river; the map shows a point near it or a stretch of it.",
        ),
        PrecisionClass(
            "inferred",
            "Inferred: placed by Veta",
            "The interview names no place below the region; Veta placed this from outside knowledge (source given). "
            "The interview does not say where.",
        ),
        PrecisionClass(
            "region",
            "Region-wide: the whole region",
            "The statement is about the region (or scope) as a whole; the map outlines the region, not a place in it.",
        ),
    )
}
"""Each precision class by id, in the order of `veta.layers.PRECISIONS` (most to least precise place)."""

if tuple(PRECISION_CLASSES) != PRECISIONS:  # pragma: no cover - a programming error, caught on import
    raise RuntimeError("veta.precision.PRECISION_CLASSES must list exactly veta.layers.PRECISIONS, in order")


def precision_label(precision_id: str) -> str:
    """The short label of a precision class, e.g. "Inferred: placed by Veta"; KeyError if unknown."""
    return PRECISION_CLASSES[precision_id].label


def precision_meaning(precision_id: str) -> str:
    """What a precision class means, in one or two sentences for readers; KeyError if unknown."""
    return PRECISION_CLASSES[precision_id].meaning
