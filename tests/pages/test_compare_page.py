"""AppTests of the compare page: regions from the address, maps at one scale, matrix, chart, bad `regions`."""

from __future__ import annotations

import json
import re

import pyarrow as pa
import pytest

from tests.pages.conftest import (
    BAD_VALUES,
    RunPage,
    assert_echo_escaped,
    folium_maps,
    html_bodies,
    no_exception,
)
from ui.compare_view import MAP_HEIGHT, PAGE_WIDTH
from veta.atlas import load_atlas
from veta.compare import comparable_views
from veta.escape import escape_text
from veta.layers import REGION_IDS

REAL = load_atlas()
PAGE = "pages/compare.py"


def scripts(at) -> list[str]:  # noqa: ANN001
    return [json.loads(el.proto.json_args)["script"] for el in folium_maps(at)]


def test_default_compares_choco_and_kachin_at_one_scale(run_page: RunPage) -> None:
    at = run_page(PAGE)
    no_exception(at)
    assert not at.warning
    assert at.title[0].value == "Compare regions"
    assert at.query_params["regions"] == "choco,kachin"  # the address shows the choice
    maps = scripts(at)
    assert len(maps) == 2
    views = comparable_views(REAL, ("choco", "kachin"), PAGE_WIDTH // 2, MAP_HEIGHT)
    for script, region_id in zip(maps, ("choco", "kachin"), strict=True):
        lat, lng = views[region_id].center
        assert f"center: [{lat}, {lng}]" in script
        assert f'"zoom": {views[region_id].zoom}' in script and '"zoomSnap": 0' in script
        assert "fitBounds" not in script
    assert "All maps at one scale" in " ".join(c.value for c in at.caption)
    assert at.multiselect(key="compare-regions").value == ["choco", "kachin"]


def test_three_regions_matrix_chart_and_what_only_one_has(run_page: RunPage) -> None:
    at = run_page(PAGE, {"regions": "choco,madre-de-dios,kachin"})
    no_exception(at)
    assert not at.warning
    assert len(folium_maps(at)) == 3
    bodies = html_bodies(at)
    for feature_id in ("choco-atrato-lawsuit", "mdd-high-commissioner", "kachin-cronies"):
        feature = REAL.feature(feature_id)
        assert f'href="./{feature.region}?feature={feature.id}"' in bodies
        assert f">{escape_text(feature.name)}</a>" in bodies
    assert "Responses: by the state" in bodies and "Responses: by communities and civil society" in bodies
    # what only Kachin has: its own section, headed with the region's name, listing its jade
    kachin = re.search(r'<div class="veta-unique" data-region="kachin">(.*?)</div>', bodies)
    assert kachin, "no section for what only Kachin has"
    assert kachin[1].startswith(f"<h4>Only in {escape_text(REAL.region('kachin').name)}</h4><ul><li>"), kachin[1][:80]
    assert "<b>jade</b>" in kachin[1]
    assert "rare earths" in bodies
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert spec["encoding"]["column"]["field"] == "region_name" and spec["encoding"]["detail"]["field"] == "kind"
    table = pa.ipc.open_stream(charts[0].proto.data.data).read_all()  # the chart's data, as Streamlit sends it
    assert sum(table.column("count").to_pylist()) == sum(len(REAL.features_in(r)) for r in REGION_IDS)
    assert set(table.column("region").to_pylist()) == {"choco", "madre-de-dios", "kachin"}


def test_changing_the_regions_updates_the_address_and_the_maps(run_page: RunPage) -> None:
    at = run_page(PAGE)
    at.multiselect(key="compare-regions").set_value(["madre-de-dios", "kachin"]).run()
    no_exception(at)
    assert at.query_params["regions"] == "madre-de-dios,kachin"
    maps = scripts(at)
    views = comparable_views(REAL, ("madre-de-dios", "kachin"), PAGE_WIDTH // 2, MAP_HEIGHT)
    assert len(maps) == 2
    assert f'"zoom": {views["madre-de-dios"].zoom}' in maps[0]
    # one region only: the page says so and keeps the last comparison
    at.multiselect(key="compare-regions").set_value(["kachin"]).run()
    no_exception(at)
    assert any("at least two" in i.value for i in at.info)
    assert len(folium_maps(at)) == 2
    assert at.query_params["regions"] == "madre-de-dios,kachin"


def test_layer_toggles_apply_to_every_map(run_page: RunPage) -> None:
    at = run_page(PAGE)
    at.button_group(key="compare-layers").set_value(["rivers"]).run()
    no_exception(at)
    maps = scripts(at)
    assert len(maps) == 2
    for script in maps:
        assert "veta-layer-rivers" in script
        assert "veta-layer-harms" not in script and "veta-layer-actors" not in script


@pytest.mark.parametrize("kind", BAD_VALUES)
def test_bad_regions_give_a_notice_and_the_default_pair(run_page: RunPage, kind: str) -> None:
    value = BAD_VALUES[kind]
    at = run_page(PAGE, {"regions": value})
    no_exception(at)
    assert at.warning, "no friendly message"
    assert len(folium_maps(at)) == 2
    assert at.multiselect(key="compare-regions").value == ["choco", "kachin"]
    assert_echo_escaped(at, value if isinstance(value, str) else value[0])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("choco,choco,kachin", ["choco", "kachin"]),
        ("kachin", ["choco", "kachin"]),
        ("choco,atlantis,madre-de-dios", ["choco", "madre-de-dios"]),
    ],
)
def test_partly_usable_regions(run_page: RunPage, value: str, expected: list[str]) -> None:
    at = run_page(PAGE, {"regions": value})
    no_exception(at)
    assert at.warning
    assert at.multiselect(key="compare-regions").value == expected
    assert at.query_params["regions"] == ",".join(expected)  # the address is corrected


def test_hostile_feature_text_stays_text(run_fixture_page: RunPage) -> None:
    at = run_fixture_page(PAGE, {"regions": "choco,kachin"})
    no_exception(at)
    bodies = html_bodies(at)
    assert "<img src=x" not in bodies and "<script>alert" not in bodies
    assert escape_text("<img src=x onerror=alert(1)>") in bodies
