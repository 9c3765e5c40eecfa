"""The build's inputs, broken on purpose: `python -m veta.build` (and `--check`) never shows a traceback; it names
the file and the feature and writes nothing."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from veta.build.cli import main
from veta.build.sources import ADMIN1, GEONAMES_PLACES, SOURCE_FILES
from veta.paths import GEODATA_DIR, PROJECT_DIR

ADMIN1_FILE = SOURCE_FILES[ADMIN1]
PLACES_FILE = SOURCE_FILES[GEONAMES_PLACES]


@pytest.fixture
def geodata(tmp_path: Path) -> Path:
    """A geodata folder with the shipped sources and no content."""
    folder = tmp_path / "geodata"
    shutil.copytree(GEODATA_DIR / "sources", folder / "sources")
    (folder / "content").mkdir()
    return folder


def run(folder: Path, *extra: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["--geodata", str(folder), *extra], out=out, err=err)
    return code, err.getvalue()


def _both(folder: Path) -> list[tuple[int, str]]:
    """The build and the check, each with exit code and stderr; neither may have written anything."""
    results = [run(folder, "--check"), run(folder)]
    assert not (folder / "regions.geojson").exists()
    return results


def _content(folder: Path, layer: str, text: str) -> None:
    (folder / "content" / f"{layer}.json").write_text(text, encoding="utf-8")


def _spec(feature_id: str, anchor: object, **extra: object) -> dict:
    return {"id": feature_id, "region": "kachin", "name": "T", "kind": "jade", "anchor": anchor, **extra}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "source extract of naturalearth-admin1 is missing"),
        ("", "not a readable GeoJSON source extract"),
        ("this is not JSON {", "not a readable GeoJSON source extract"),
        ('{"type": "FeatureCollection", "features": []}', "source extract of naturalearth-admin1 has no features"),
    ],
    ids=["missing", "empty-file", "invalid", "no-features"],
)
def test_missing_invalid_or_empty_source_names_the_file(geodata: Path, content: str | None, expected: str) -> None:
    path = geodata / "sources" / ADMIN1_FILE
    if content is None:
        path.unlink()
    else:
        path.write_text(content, encoding="utf-8")
    for code, err in _both(geodata):
        assert code == 1
        assert f"{ADMIN1_FILE}: -: {expected}" in err, err
        assert "Traceback" not in err


def test_source_feature_without_name_or_geometry_names_the_feature(geodata: Path) -> None:
    path = geodata / "sources" / PLACES_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["properties"]["name"] = None
    data["features"][1]["geometry"] = None
    second = data["features"][1]["properties"]["name"]
    path.write_text(json.dumps(data), encoding="utf-8")
    for code, err in _both(geodata):
        assert code == 1
        assert f"{PLACES_FILE}: #0: feature has no name" in err
        assert f"{PLACES_FILE}: {second}: feature has no geometry" in err


def test_focus_region_missing_from_admin1_is_named(geodata: Path) -> None:
    path = geodata / "sources" / ADMIN1_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"] = [f for f in data["features"] if f["properties"]["adm1_code"] != "MMR-3296"]
    path.write_text(json.dumps(data), encoding="utf-8")
    code, err = run(geodata)
    assert code == 1 and f"{ADMIN1_FILE}: kachin: no admin-1 unit with adm1_code MMR-3296" in err


def test_anchor_whose_region_is_a_list(geodata: Path) -> None:
    _content(geodata, "minerals", json.dumps([_spec("k-jade", {"region": ["kachin"]})]))
    for code, err in _both(geodata):
        assert code == 1
        assert "minerals.json: k-jade: anchor" in err and "unknown region ['kachin']" in err


@pytest.mark.parametrize("anchor", [{"place": ["Hpakant"]}, {"river": {"name": "Atrato"}}, {"region": {}}, []])
def test_anchors_of_the_wrong_type_are_named(geodata: Path, anchor: object) -> None:
    _content(geodata, "minerals", json.dumps([_spec("k-odd", anchor)]))
    code, err = run(geodata)
    assert code == 1 and "minerals.json: k-odd: anchor" in err and "Traceback" not in err


def test_deeply_nested_content(geodata: Path) -> None:
    deep: object = "x"
    for _ in range(40):
        deep = [deep]
    _content(geodata, "harms", json.dumps([_spec("k-deep", {"region": "kachin"}, evidence=deep)]))
    code, err = run(geodata)
    assert code == 1 and "harms.json: k-deep: content nested more than 32 levels deep" in err
    _content(geodata, "harms", "[" * 200_000 + "]" * 200_000)
    for code, err in _both(geodata):
        assert code == 1 and "harms.json: -: JSON nested too deeply" in err


def test_no_traceback_from_the_real_command_line(geodata: Path) -> None:
    (geodata / "sources" / ADMIN1_FILE).write_text("garbage", encoding="utf-8")
    _content(geodata, "rivers", "[" * 200_000)
    for extra in ([], ["--check"]):
        done = subprocess.run(
            [sys.executable, "-m", "veta.build", "--geodata", str(geodata), *extra],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 1
        assert "Traceback" not in done.stderr and ADMIN1_FILE in done.stderr and "nothing written" in done.stderr
