"""Broken or missing data: every page shows the error page naming the file and the problem, and no map.

The app reads the folders named by VETA_GEODATA / VETA_SEEDS; each test points them at a temporary copy of the
real data with one defect. The error page must name the file and what is wrong, say how to get the full list
(`python -m veta validate`), draw no map, table or passage, and let no exception escape.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.feature_list_html import feature_list_elements
from tests.hostile import (
    HOSTILE_KIND,
    KIND_FEATURE,
    copy_geodata,
    edit_properties,
    hostile_kind_copy,
    page_files,
    raw_pieces_in,
    run_page,
)
from veta.atlas import read_atlas
from veta.escape import escape_text
from veta.paths import SEED_FILENAME, SEEDS_DIR

ERROR_TITLE = "Veta cannot show the atlas: the data has problems"


def broken_json(root: Path) -> tuple[Path, Path, str, str]:
    geodata = copy_geodata(root / "geodata")
    (geodata / "minerals.geojson").write_text('{"type": "FeatureCollection", "features": [', "utf-8")
    return geodata, SEEDS_DIR, "minerals.geojson", "not valid JSON"


def missing_file(root: Path) -> tuple[Path, Path, str, str]:
    geodata = copy_geodata(root / "geodata")
    (geodata / "rivers.geojson").unlink()
    return geodata, SEEDS_DIR, "rivers.geojson", "file is missing"


def missing_seed(root: Path) -> tuple[Path, Path, str, str]:
    geodata = copy_geodata(root / "geodata")
    (root / "seeds" / SEED_FILENAME).unlink()
    return geodata, root / "seeds", SEED_FILENAME, "cannot read the seed"


def hostile_kind(root: Path) -> tuple[Path, Path, str, str]:
    return hostile_kind_copy(root / "geodata"), SEEDS_DIR, "minerals.geojson", f"unknown kind {HOSTILE_KIND!r}"


def context_not_a_collection(root: Path) -> tuple[Path, Path, str, str]:
    """context.geojson was not checked at all: this crashed /, the region pages, /compare and /downloads."""
    geodata = copy_geodata(root / "geodata")
    (geodata / "context.geojson").write_text("[1, 2, 3]", "utf-8")
    return geodata, SEEDS_DIR, "context.geojson", "not a GeoJSON FeatureCollection"


def context_properties_not_an_object(root: Path) -> tuple[Path, Path, str, str]:
    geodata = copy_geodata(root / "geodata")
    path = geodata / "context.geojson"
    data = json.loads(path.read_text("utf-8"))
    data["features"][0]["properties"] = 5
    path.write_text(json.dumps(data), "utf-8")
    return geodata, SEEDS_DIR, "context.geojson", "feature has no 'properties' object"


def region_a_list(root: Path) -> tuple[Path, Path, str, str]:
    """A feature whose region is a list made every page an uncaught exception."""
    geodata = copy_geodata(root / "geodata")
    edit_properties(geodata, {KIND_FEATURE: {"region": ["kachin"]}})
    return geodata, SEEDS_DIR, "minerals.geojson", "unknown region ['kachin']"


def nested_too_deeply(root: Path) -> tuple[Path, Path, str, str]:
    geodata = copy_geodata(root / "geodata")
    (geodata / "unmapped.json").write_text("[" * 200_000 + "]" * 200_000, "utf-8")
    return geodata, SEEDS_DIR, "unmapped.json", "JSON nested too deeply"


DEFECTS: dict[str, Callable[[Path], tuple[Path, Path, str, str]]] = {
    "broken-json": broken_json,
    "missing-file": missing_file,
    "missing-seed": missing_seed,
    "hostile-kind": hostile_kind,
    "context-not-a-collection": context_not_a_collection,
    "context-properties-not-an-object": context_properties_not_an_object,
    "region-a-list": region_a_list,
    "nested-too-deeply": nested_too_deeply,
}


@pytest.fixture(scope="module", params=list(DEFECTS))
def broken(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str, str]:
    """(geodata, seeds, the file that is wrong, words of the problem) for one defect."""
    return DEFECTS[request.param](tmp_path_factory.mktemp(request.param))


@pytest.fixture
def broken_env(broken: tuple[Path, Path, str, str], monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    geodata, seeds, file, problem = broken
    monkeypatch.setenv("VETA_GEODATA", str(geodata))
    monkeypatch.setenv("VETA_SEEDS", str(seeds))
    return file, problem


def test_the_defects_are_real(broken: tuple[Path, Path, str, str]) -> None:
    geodata, seeds, file, problem = broken
    atlas, problems = read_atlas(geodata, seeds)
    assert atlas is None
    assert any(p.file.endswith(file) and problem in p.message for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize("page_file", page_files())
def test_every_page_shows_the_error_page(page_file: str, broken_env: tuple[str, str]) -> None:
    file, problem = broken_env
    at = run_page(page_file)
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == [ERROR_TITLE]
    listing = "\n".join(m.value for m in at.markdown if m.proto.allow_html)
    assert f"{escape_text(file)}</code>" in listing, f"the page does not name {file}"
    assert escape_text(problem) in listing, f"the page does not say {problem!r}"
    assert any("python -m veta validate" in i.value for i in at.info), "no hint to run the validator"
    assert not at.get("component_instance"), "a map was drawn from broken data"
    assert not at.get("arrow_data_frame") and not at.dataframe, "a table was drawn from broken data"
    assert not feature_list_elements(at), "a feature list was drawn from broken data"
    assert not [h for h in at.get("html") if "veta-passage" in h.proto.body], "passages were drawn"
    assert not raw_pieces_in(at), raw_pieces_in(at)


def test_the_hostile_kind_names_its_feature(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VETA_GEODATA", str(hostile_kind_copy(tmp_path / "geodata")))
    at = run_page("pages/home.py")
    listing = "\n".join(m.value for m in at.markdown if m.proto.allow_html)
    assert f"<b>{KIND_FEATURE}</b>" in listing
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing and "<script>" not in listing


def test_the_error_page_goes_once_the_files_are_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failed load is not cached: fix the file, reload, and the page shows the atlas, without a restart."""
    geodata = copy_geodata(tmp_path / "geodata")
    good = (geodata / "minerals.geojson").read_bytes()
    (geodata / "minerals.geojson").write_text('{"type": "FeatureCollection", "features": [', "utf-8")
    monkeypatch.setenv("VETA_GEODATA", str(geodata))
    at = run_page("pages/kachin.py")
    assert [t.value for t in at.title] == [ERROR_TITLE]
    (geodata / "minerals.geojson").write_bytes(good)
    at = run_page("pages/kachin.py")
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["Kachin State, Myanmar"]


def test_an_atlas_read_again_when_its_files_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A good load is cached while the files are unchanged, and read again once one of them changes."""
    from ui.data import checked_atlas

    geodata = copy_geodata(tmp_path / "geodata")
    monkeypatch.setenv("VETA_GEODATA", str(geodata))
    first = checked_atlas()
    assert first is not None and checked_atlas() is first
    edit_properties(geodata, {KIND_FEATURE: {"name": "Renamed in place"}})
    second = checked_atlas()
    assert second is not None and second is not first
    assert second.feature(KIND_FEATURE).name == "Renamed in place"
