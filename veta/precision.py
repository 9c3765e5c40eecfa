"""The precision vocabulary: what each precision class claims about place, defined once.

Every surface that names a precision (legend, evidence panel, popup, feature list, About page, exports, README,
`docs/data-model.md`) takes its words from here. They are written in English, the catalogue's msgids;
`precision_label`, `precision_meaning`, `precision_explained` and `precision_word` give them in the current
language (`veta.i18n`).
"""

from __future__ import annotations

from dataclasses import dataclass

from veta.i18n import N_, _, pgettext
from veta.layers import PRECISIONS


@dataclass(frozen=True)
class PrecisionClass:
    """One precision class: its id, its short label, and what it means for a reader, in English (the catalogue's
    msgids). Show them with `precision_label` and `precision_meaning`, which translate at use."""

    id: str
    label: str
    meaning: str


PRECISION_CLASSES: dict[str, PrecisionClass] = {
    c.id: c
    for c in (
        PrecisionClass(
            "site",
            N_("Site: named in the interview"),
            N_("A cited passage names this place, and the map shows that place."),
        ),
        PrecisionClass(
            "approximate",
            N_("Approximate: near a named place"),
            N_("A cited passage names a place or river; the map shows a point near it or a stretch of it."),
        ),
        PrecisionClass(
            "inferred",
            N_("Inferred: placed by Veta"),
            N_(
                "The interview names no place below the region; Veta placed this from outside knowledge "
                "(source given). The interview does not say where."
            ),
        ),
        PrecisionClass(
            "region",
            N_("Region-wide: the whole region"),
            N_(
                "The statement is about the region (or scope) as a whole; the map outlines the region, "
                "not a place in it."
            ),
        ),
    )
}
"""Each precision class by id, in the order of `veta.layers.PRECISIONS` (most to least precise place)."""

if tuple(PRECISION_CLASSES) != PRECISIONS:  # pragma: no cover - a programming error, caught on import
    raise RuntimeError("veta.precision.PRECISION_CLASSES must list exactly veta.layers.PRECISIONS, in order")


def precision_label(precision_id: str) -> str:
    """The short label of a precision class in the current language, e.g. "Inferred: placed by Veta";
    KeyError if unknown."""
    return _(PRECISION_CLASSES[precision_id].label)


def precision_meaning(precision_id: str) -> str:
    """What a precision class means, in one or two sentences for readers, in the current language; KeyError if
    unknown."""
    return _(PRECISION_CLASSES[precision_id].meaning)


def precision_explained(precision_id: str) -> str:
    """A precision class's label and meaning as one text (`Site: named in the interview. A cited passage …`),
    in the current language; the id itself if unknown."""
    if precision_id not in PRECISION_CLASSES:
        return precision_id
    return f"{precision_label(precision_id)}. {precision_meaning(precision_id)}"


def precision_word(precision_id: str) -> str:
    """A precision class's one-word name in the current language, for table cells (`site`, `sitio`); the id
    itself if unknown. In English the word is the id."""
    words = {
        "site": pgettext("precision", "site"),
        "approximate": pgettext("precision", "approximate"),
        "inferred": pgettext("precision", "inferred"),
        "region": pgettext("precision", "region"),
    }
    return words.get(precision_id, precision_id)
