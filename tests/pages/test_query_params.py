"""Any address, a normal page: every query parameter on every page, with values no link of Veta's would carry.

Each page runs inside the whole app (`app.py` with `st.navigation`, `AppTest.switch_page`). For each kind of bad
value, every parameter any page reads is set to it at once, so each page meets its own parameters and everyone
else's. No exception may escape, the page keeps its normal title, a page that reads the parameter says
(in a warning) that it could not use it, and the value it echoes is escaped.
"""

from __future__ import annotations

import pytest

from tests.hostile import IMG, SCRIPT, TEMPLATE, page_files, raw_pieces_in, run_page
from veta.atlas import load_atlas
from veta.escape import escape_text
from veta.layers import REGION_IDS

PARAMETERS: tuple[str, ...] = (
    "feature",  # region pages
    "passage",  # the reader
    "region",
    "layer",
    "speaker",
    "q",
    "regions",  # compare
    "tour",  # tours
    "step",
    "projector",
    "utm_source",  # a parameter no page knows
)
"""Every parameter a page of Veta reads (or may read), and one none does."""

OWN_PARAMETERS: dict[str, tuple[str, ...]] = {
    **{f"pages/{region_id}.py": ("feature",) for region_id in REGION_IDS},
    **{f"pages/{region_id.replace('-', '_')}.py": ("feature",) for region_id in REGION_IDS},
    "pages/passages.py": ("passage",),
    "pages/compare.py": ("regions",),
    "pages/tour.py": ("tour", "step"),
}
"""Parameters a page resolves to something, and so must answer with a notice when it cannot."""


def test_the_parameter_table_names_real_pages() -> None:
    pages = set(page_files())
    named = {page for page in OWN_PARAMETERS if page in pages}
    assert len(named) >= 4 + (1 if "pages/compare.py" in pages else 0), (named, pages)
    assert all(
        any(page.endswith(f"/{r}.py") or page.endswith(f"/{r.replace('-', '_')}.py") for page in named)
        for r in REGION_IDS
    )


BAD_VALUES: dict[str, str | list[str]] = {
    "empty": "",
    "repeated": ["no-such-thing", "<b>another</b>", "no-such-thing"],
    "over-long": "x" * 10_240,
    "unknown-non-ascii-markup": f"Chocó ✓ 漢字 😀 \u202eevil\u202c \u0000 {SCRIPT}{IMG}{TEMPLATE}`\"'",
}
"""Values no link of Veta's carries; the last is an unknown id, non-ASCII and full of markup at once."""


@pytest.fixture(scope="module")
def normal_titles() -> dict[str, str]:
    """Each page's title without any parameter."""
    titles = {}
    for page in page_files():
        at = run_page(page)
        assert not at.exception, f"{page} fails even without parameters: {at.exception}"
        titles[page] = at.title[0].value
    return titles


@pytest.mark.parametrize("value_kind", BAD_VALUES)
@pytest.mark.parametrize("page_file", page_files())
def test_every_parameter_with_a_bad_value_gives_the_normal_page(
    page_file: str, value_kind: str, normal_titles: dict[str, str]
) -> None:
    value = BAD_VALUES[value_kind]
    at = run_page(page_file, {name: value for name in PARAMETERS})
    assert not at.exception, f"{page_file} ?…={value_kind}: {at.exception}"
    assert at.title and at.title[0].value == normal_titles[page_file], "not the normal page"
    assert not raw_pieces_in(at), raw_pieces_in(at)
    if OWN_PARAMETERS.get(page_file):
        warnings = " ".join(w.value for w in at.warning)
        assert warnings, f"{page_file} ignored a bad {OWN_PARAMETERS[page_file]} without a word"


def test_markup_in_a_parameter_is_echoed_as_text() -> None:
    at = run_page("pages/kachin.py", {"feature": f"{TEMPLATE}{SCRIPT}"})
    echo = [h.proto.body for h in at.get("html") if "You asked for" in h.proto.body]
    assert echo, "the bad value is not repeated back"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in echo[0]
    assert "&#x24;&#x7b;1+1&#x7d;" in echo[0]


def test_a_feature_of_another_region_points_to_its_page() -> None:
    at = run_page("pages/choco.py", {"feature": "kachin-jade"})
    assert not at.exception
    assert any("another region" in w.value for w in at.warning)


def test_a_good_parameter_still_works_next_to_bad_ones() -> None:
    at = run_page("pages/kachin.py", {"feature": "kachin-jade", "passage": "p999", "tour": SCRIPT})
    assert not at.exception
    assert not at.warning
    name = escape_text(load_atlas().feature("kachin-jade").name)
    assert any(f'class="veta-feature-name">{name}<' in h.proto.body for h in at.get("html")), "not selected"
