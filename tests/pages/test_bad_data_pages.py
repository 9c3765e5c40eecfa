"""Broken or missing data: every page shows the error page naming the file and the problem, and no map.

The app reads the folders named by VETA_GEODATA / VETA_SEEDS; each test points them at a temporary copy of the
real data with one defect. The error page must name the file and what is wrong, say how to get the full list
(`python -m veta validate`), draw no map, table or passage, and let no exception escape.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.feature_list_html import feature_list_elements
from tests.hostile import (
    HOSTILE_KIND,
    KIND_FEATURE,
    copy_geodata,
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


DEFECTS: dict[str, Callable[[Path], tuple[Path, Path, str, str]]] = {
    "broken-json": broken_json,
    "missing-file": missing_file,
    "missing-seed": missing_seed,
    "hostile-kind": hostile_kind,
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


@pytest.mark.parametrize("page", page_files())
def test_every_page_shows_the_error_page(page: str, broken_env: tuple[str, str]) -> None:
    file, problem = broken_env
    at = run_page(page)
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
