"""The printed maps (handouts: one per tour step, `veta.maps.svg_render`), measured in Chromium: every town's and
country's name readable, not under a number, a ring, a point's symbol or another name, and not cut by the picture's
edge."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.support import BOXES_JS
from veta.atlas import load_atlas
from veta.handout import step_svg
from veta.tours import TOURS_DIR, load_tours

PRINTED_NAMES_JS = """() => {""" + BOXES_JS + """
    return [...document.querySelectorAll('svg.veta-svg-map')].map((svg) => {
        const frame = svg.getBoundingClientRect();
        const hit = (a, b) => overlapBy(a, b, 0.5);
        const marks = [...svg.querySelectorAll('.veta-svg-label circle, .veta-svg-point')].map(box);
        const rings = [...svg.querySelectorAll(':scope > circle[fill="none"]')].map(box);
        const names = [...svg.querySelectorAll('.veta-svg-place text, text.veta-svg-country')]
            .map((el) => ({text: el.textContent, box: box(el)}));
        const texts = (list) => list.map((name) => name.text);
        return {
            map: svg.getAttribute('aria-label'),
            names: names.length,
            covered: texts(names.filter((name) => [...marks, ...rings].some((m) => hit(name.box, m)))),
            crossing: texts(names.filter((name, i) => names.some((other, j) => i !== j && hit(name.box, other.box)))),
            cut: texts(names.filter((name) => name.box.left < frame.left || name.box.right > frame.right
                || name.box.top < frame.top || name.box.bottom > frame.bottom)),
        };
    });
}"""
"""Per printed map: the names that a number, a ring, a point's symbol or another name covers, or that the edge cuts."""


@pytest.fixture(scope="module")
def step_maps() -> str:
    atlas = load_atlas()
    tours, problems = load_tours(TOURS_DIR, atlas)
    assert not problems
    return "".join(f"<div>{step_svg(atlas, step)}</div>" for tour in tours for step in tour.steps)


def test_every_printed_step_map_keeps_its_names_readable(page: Page, step_maps: str) -> None:
    """The numbers of the ringed features lay over town names (Tanai, Tadó, Puerto Maldonado), and the two Puertos
    of Madre de Dios ran into each other."""
    page.set_content(f"<!doctype html><html><body>{step_maps}</body></html>")
    seen = page.evaluate(PRINTED_NAMES_JS)
    assert len(seen) >= 30 and sum(m["names"] for m in seen) > 100
    assert [m for m in seen if m["covered"]] == []
    assert [m for m in seen if m["crossing"]] == []
    assert [m for m in seen if m["cut"]] == []
