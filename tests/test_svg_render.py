"""The print renderer: a map description drawn as one static SVG (the handout's maps)."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest

from veta.atlas import load_atlas
from veta.escape import escape_text
from veta.maps import build_region_spec, build_step_spec, render_svg
from veta.maps.describe import is_statement
from veta.maps.spec import Label
from veta.maps.svg_render import Projection, point_symbol
from veta.model import Atlas
from veta.tours import TOURS_DIR, load_tours


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas()


def classes(root: ET.Element) -> list[str]:
    return [el.get("class", "") for el in root.iter()]


def test_each_precision_has_its_own_printed_symbol() -> None:
    symbols = {p: point_symbol(10, 10, p, "#E69F00") for p in ("site", "approximate", "inferred")}
    assert len(set(symbols.values())) == 3
    assert "?" in symbols["inferred"] and "stroke-dasharray" in symbols["inferred"]
    assert symbols["approximate"].count("<circle") == 2 and symbols["site"].count("<circle") == 1  # the halo


@pytest.mark.parametrize("region_id", ["choco", "madre-de-dios", "kachin"])
def test_region_svg_is_static_and_draws_what_the_screen_draws(atlas: Atlas, region_id: str) -> None:
    spec = build_region_spec(atlas, region_id)
    svg = render_svg(spec, 480, 360)
    root = ET.fromstring(svg)  # well-formed
    assert "<script" not in svg and "http" not in svg and "href" not in svg
    found = classes(root)
    assert found.count("veta-svg-focus") == 1
    assert "veta-svg-land" in found, "land around the region is missing"
    points = [f for f in atlas.features_in(region_id) if not is_statement(f) and f.geometry.geom_type == "Point"]
    drawn = [c for c in found if c.startswith("veta-svg-point")]
    assert len(drawn) == len(points)  # every drawn point, and no region-wide statement as a point
    for feature in points:
        assert f"veta-svg-point veta-svg-{feature.precision}" in found
    places = [t.text for g in root.iter("g") if g.get("class") == "veta-svg-place" for t in g.iter("text")]
    assert places and set(places) <= {label.text for label in spec.labels}


def test_projection_keeps_the_view_inside_the_picture() -> None:
    projection = Projection(((0.0, 10.0), (2.0, 14.0)), 400, 200)
    for lng, lat in ((10.0, 0.0), (14.0, 2.0), (12.0, 1.0)):
        x, y = projection.xy(lng, lat)
        assert 0 <= x <= 400 and 0 <= y <= 200
    west, south, east, north = projection.box
    assert west <= 10.0 and east >= 14.0 and south <= 0.0 and north >= 2.0


def test_step_svg_numbers_statements_inside_the_region(atlas: Atlas) -> None:
    tours, _ = load_tours(TOURS_DIR, atlas)
    step = next(s for t in tours for s in t.steps if any(atlas.feature(f).precision == "region" for f in s.features))
    svg = render_svg(build_step_spec(atlas, step))
    root = ET.fromstring(svg)
    badges = [t.text for g in root.iter("g") if g.get("class") == "veta-svg-label" for t in g.iter("text")]
    assert sorted(badges, key=int) == [str(n) for n in range(1, len(step.features) + 1)]


def test_label_text_is_escaped(atlas: Atlas) -> None:
    hostile = "<script>alert(1)</script> & Tadó"
    spec = build_region_spec(atlas, "choco")
    (south, west), (north, east) = spec.view
    spec = dataclasses.replace(spec, labels=(Label(hostile, (west + east) / 2, (south + north) / 2),))
    svg = render_svg(spec)
    assert escape_text(hostile) in svg and "<script>" not in svg
    ET.fromstring(svg)
