"""veta.precision: one definition of the precision classes, and every surface using its words only."""

from __future__ import annotations

import re

import pytest

from veta.layers import PRECISIONS
from veta.paths import PROJECT_DIR
from veta.precision import PRECISION_CLASSES, PrecisionClass, precision_label, precision_meaning
from veta.symbology import PRECISION_LABELS, legend_html

DESIGN = {
    "site": ("Site: named in the interview", "A cited passage names this place, and the map shows that place."),
    "approximate": (
        "Approximate: near a named place",
        "A cited passage names a place or river; the map shows a point near it or a stretch of it.",
    ),
    "inferred": (
        "Inferred: placed by Veta",
        "The interview names no place below the region; Veta placed this from outside knowledge (source given). "
        "The interview does not say where.",
    ),
    "region": (
        "Region-wide: the whole region",
        "The statement is about the region (or scope) as a whole; the map outlines the region, not a place in it.",
    ),
}
"""The agreed wording (issue 14), copied here so that a change to veta.precision is a deliberate one."""

OLD_WORDINGS = ("Approximate —", "near here", "somewhere in the region", "fanned out", "best reading of it")
"""The earlier, contradicting definitions: none may come back."""


def test_the_classes_are_the_agreed_ones_in_order() -> None:
    assert tuple(PRECISION_CLASSES) == PRECISIONS == ("site", "approximate", "inferred", "region")
    for precision, (label, meaning) in DESIGN.items():
        assert PRECISION_CLASSES[precision] == PrecisionClass(precision, label, meaning)
        assert precision_label(precision) == label and precision_meaning(precision) == meaning
    with pytest.raises(KeyError):
        precision_label("exact")


def test_legend_and_popup_labels_are_veta_precisions() -> None:
    assert {p: DESIGN[p][0] for p in PRECISIONS} == PRECISION_LABELS
    legend = legend_html("Kachin")
    for label, _ in DESIGN.values():
        assert label in legend


@pytest.mark.parametrize("doc", ["README.md", "docs/data-model.md"])
def test_docs_quote_every_definition_verbatim(doc: str) -> None:
    text = (PROJECT_DIR / doc).read_text("utf-8")
    for label, meaning in DESIGN.values():
        assert label in text and meaning in text, (doc, label)


def test_no_second_wording_anywhere() -> None:
    files = [
        path
        for pattern in ("veta/**/*.py", "ui/**/*.py", "ui/*.js", "pages/*.py", "docs/*.md", "*.md", "veta/**/*.js")
        for path in PROJECT_DIR.glob(pattern)
    ]
    assert files
    for path in files:
        text = path.read_text("utf-8")
        for old in OLD_WORDINGS:
            assert old not in text, f"{path.relative_to(PROJECT_DIR)} still says {old!r}"
    # no other module defines a precision wording of its own
    for path in PROJECT_DIR.glob("veta/**/*.py"):
        if path.name != "precision.py":
            assert not re.search(r'"(Site|Approximate|Inferred|Region-wide):', path.read_text("utf-8")), path
