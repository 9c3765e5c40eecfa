"""Bad data of every shape gives problems naming the file, never a traceback (issue #16, item 2).

Each case breaks one file of a full copy of the shipped data the way the issue found it crashing the validator
(a value of the wrong type, a file nested 200,000 levels deep, a file or a list too large) and checks that
`python -m veta validate` exits 1 and prints a problem naming that file and, where there is one, the feature.
The property-based test of the same promise is tests/test_fuzz_data.py.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hostile import copy_geodata
from veta.atlas import read_atlas
from veta.datafile import (
    MAX_FEATURES_PER_FILE,
    MAX_FILE_BYTES,
    MAX_ID_CHARS,
    MAX_NESTING,
    MAX_TEXT_CHARS,
    DataFileError,
    longest_text,
    nesting_depth,
    read_json_file,
)
from veta.glossary import GLOSSARY_PATH
from veta.paths import SEEDS_DIR
from veta.tours import TOURS_DIR
from veta.validate import run_validate

DEEP = "[" * 200_000 + "]" * 200_000


def _edit(path: Path, change: Callable[[object], object]) -> None:
    path.write_text(json.dumps(change(json.loads(path.read_text("utf-8"))), ensure_ascii=False), "utf-8")


def _first_feature(prop: str, value: object) -> Callable[[object], object]:
    def change(data: dict) -> dict:
        data["features"][0]["properties"][prop] = value
        return data

    return change


def _every_resource(key: str, value: object) -> Callable[[object], object]:
    def change(data: dict) -> dict:
        for resource in data["resources"]:
            resource[key] = value
        return data

    return change


def _tour_view_feature(data: dict) -> dict:
    data["steps"][0]["view"]["feature"] = ["kachin-jade"]
    return data


# (name, file relative to the copy's root, how to break it, words of the problem, feature id named or None)
CASES: list[tuple[str, str, Callable[[Path], None], str, str | None]] = [
    ("context-a-list", "geodata/context.geojson", lambda p: p.write_text("[1, 2, 3]"), "FeatureCollection", None),
    (
        "context-features-5",
        "geodata/context.geojson",
        lambda p: _edit(p, lambda d: {**d, "features": 5}),
        "no 'features' list",
        None,
    ),
    (
        "context-properties-5",
        "geodata/context.geojson",
        lambda p: _edit(p, lambda d: {**d, "features": [{**d["features"][0], "properties": 5}]}),
        "no 'properties' object",
        "#0",
    ),
    (
        "context-bad-geometry",
        "geodata/context.geojson",
        lambda p: _edit(p, lambda d: {**d, "features": [{**d["features"][0], "geometry": {"type": "Polygon"}}]}),
        "invalid geometry",
        "#0",
    ),
    (
        "context-point-not-a-place",  # a point is only a town's label (level "place"), never a country or a unit
        "geodata/context.geojson",
        lambda p: _edit(
            p, lambda d: {**d, "features": [{**d["features"][0], "geometry": {"type": "Point", "coordinates": [1, 2]}}]}
        ),
        "expected one of Polygon, MultiPolygon",
        "#0",
    ),
    (
        "region-a-list",
        "geodata/minerals.geojson",
        lambda p: _edit(p, _first_feature("region", ["kachin"])),
        "unknown region",
        "",
    ),
    (
        "region-an-object",
        "geodata/minerals.geojson",
        lambda p: _edit(p, _first_feature("region", {"a": 1})),
        "unknown region",
        "",
    ),
    (
        "precision-a-list",
        "geodata/harms.geojson",
        lambda p: _edit(p, _first_feature("precision", ["site"])),
        "bad precision",
        "",
    ),
    (
        "unmapped-passage-a-list",
        "geodata/unmapped.json",
        lambda p: _edit(p, lambda d: [{**d[0], "passage": ["p1"]}, *d[1:]]),
        "unknown passage id",
        "#0",
    ),
    (
        "seed-hash-null",
        "seeds/datapackage.json",
        lambda p: _edit(p, _every_resource("hash", None)),
        "no sha256 hash",
        None,
    ),
    (
        "seed-hash-12",
        "seeds/datapackage.json",
        lambda p: _edit(p, _every_resource("hash", 12)),
        "hash must be text",
        None,
    ),
    (
        "seed-resources-5",
        "seeds/datapackage.json",
        lambda p: _edit(p, lambda d: {**d, "resources": 5}),
        "expected a 'resources' list",
        None,
    ),
    ("licenses-5", "geodata/datapackage.json", lambda p: _edit(p, _every_resource("licenses", 5)), "no licence", None),
    ("sources-7", "geodata/datapackage.json", lambda p: _edit(p, _every_resource("sources", 7)), "no source", None),
    *[
        (f"deep-{name.replace('/', '-')}", name, lambda p: p.write_text(DEEP), "nested too deeply", None)
        for name in (
            "geodata/minerals.geojson",
            "geodata/context.geojson",
            "geodata/unmapped.json",
            "geodata/datapackage.json",
            "seeds/datapackage.json",
        )
    ],
    (
        "too-large",
        "geodata/rivers.geojson",
        lambda p: p.write_text(p.read_text("utf-8") + " " * MAX_FILE_BYTES),
        "file too large",
        None,
    ),
    (
        "too-many-features",
        "geodata/actors.geojson",
        lambda p: _edit(
            p, lambda d: {**d, "features": d["features"] * (MAX_FEATURES_PER_FILE // len(d["features"]) + 1)}
        ),
        "too many features",
        None,
    ),
    (
        "id-too-long",
        "geodata/minerals.geojson",
        lambda p: _edit(p, _first_feature("id", "a" * (MAX_ID_CHARS + 1))),
        "id too long",
        "#0",
    ),
    (
        "text-too-long",
        "geodata/minerals.geojson",
        lambda p: _edit(p, _first_feature("caveat", "x" * (MAX_TEXT_CHARS + 1))),
        "text too long in caveat",
        "",
    ),
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A full copy of the shipped data (geodata with its sources, seeds, tours, glossary), made once."""
    root = tmp_path_factory.mktemp("pristine")
    copy_geodata(root / "geodata")
    shutil.copytree(TOURS_DIR, root / "tours")
    shutil.copytree(GLOSSARY_PATH.parent, root / "glossary")
    return root


@pytest.fixture
def data(pristine: Path, tmp_path: Path) -> Path:
    """A fresh copy of the pristine data (the sources are linked, not copied: no case breaks them)."""
    root = tmp_path / "data"
    root.mkdir()
    for name in ("seeds", "tours", "glossary"):
        shutil.copytree(pristine / name, root / name)
    (root / "geodata").mkdir()
    for item in (pristine / "geodata").iterdir():
        if item.is_file():
            shutil.copy(item, root / "geodata" / item.name)
        else:
            (root / "geodata" / item.name).symlink_to(item)
    return root


def validate(root: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run_validate(
        root / "geodata",
        root / "seeds",
        out,
        tours_dir=root / "tours",
        glossary_path=root / "glossary" / "glossary.json",
    )
    return code, out.getvalue().splitlines()


def test_the_copy_is_valid(data: Path) -> None:
    code, lines = validate(data)
    assert code == 0, lines


@pytest.mark.parametrize(("file", "breaks", "words", "feature"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_data_is_a_problem_naming_the_file(
    data: Path, file: str, breaks: Callable[[Path], None], words: str, feature: str | None
) -> None:
    path = data / file
    breaks(path)
    code, lines = validate(data)  # raises on the old code for most cases
    assert code == 1, lines
    named = [line for line in lines if line.startswith(f"{path}: ") or line.startswith(f"{file}: ")]
    ours = [line for line in named if words in line]
    assert ours, lines[:10]
    if feature is not None:
        expected = feature or json.loads(path.read_text("utf-8"))["features"][0]["properties"]["id"]
        assert any(line.split(": ")[1] == expected for line in ours), ours
    assert not any("unexpected content" in line for line in lines), lines  # a check, not the safety net, found it
    assert read_atlas(data / "geodata", data / "seeds")[0] is None


def test_a_tour_step_whose_view_feature_is_a_list(data: Path) -> None:
    path = data / "tours" / "kachin-mining-and-war.json"
    _edit(path, _tour_view_feature)
    code, lines = validate(data)
    assert code == 1, lines
    assert any(
        "kachin-mining-and-war.json: kachin-mining-and-war step 1: unknown feature ['kachin-jade']" in line
        for line in lines
    ), lines


@pytest.mark.parametrize("name", ["kachin-mining-and-war.json", "../glossary/glossary.json"])
def test_a_tour_or_the_glossary_nested_200000_levels_deep(data: Path, name: str) -> None:
    path = data / "tours" / name
    path.write_text(DEEP)
    code, lines = validate(data)
    assert code == 1 and any(path.name in line and "nested too deeply" in line for line in lines), lines


def test_the_safety_net_names_the_file(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An error no check foresees while one file is read becomes a problem with that file."""
    import veta.atlas

    def broken(*args: object) -> None:
        raise ZeroDivisionError("unforeseen")

    monkeypatch.setattr(veta.atlas, "_read_unmapped", broken)
    atlas, problems = read_atlas(data / "geodata", data / "seeds")
    assert atlas is None
    assert [(Path(p.file).name, p.message) for p in problems] == [
        ("unmapped.json", "unexpected content, cannot be read (ZeroDivisionError: unforeseen)")
    ]


def test_the_command_line_prints_problems_not_a_traceback(data: Path) -> None:
    import subprocess
    import sys

    (data / "geodata" / "context.geojson").write_text(DEEP)
    result = subprocess.run(
        [sys.executable, "-m", "veta", "validate", "--geodata", str(data / "geodata"), "--seeds", str(data / "seeds")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
        timeout=60,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "context.geojson: -: JSON nested too deeply" in result.stdout


def test_read_json_file_limits(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"a": [[[1]]]}))
    assert read_json_file(path) == {"a": [[[1]]]}
    path.write_text("[" * (MAX_NESTING + 1) + "]" * (MAX_NESTING + 1))
    with pytest.raises(DataFileError, match="nested too deeply"):
        read_json_file(path)
    path.write_text("[" * MAX_NESTING + "]" * MAX_NESTING)
    assert nesting_depth(read_json_file(path)) == MAX_NESTING
    path.write_text("1" * 5000)  # more digits than Python converts to an int
    with pytest.raises(DataFileError, match="not valid JSON"):
        read_json_file(path)
    path.write_text("[]   ")
    with pytest.raises(DataFileError, match="file too large: 5 bytes"):
        read_json_file(path, max_bytes=4)
    path.write_bytes(b'["\xff"]')
    with pytest.raises(DataFileError, match="cannot read file"):
        read_json_file(path)
    with pytest.raises(FileNotFoundError):
        read_json_file(tmp_path / "missing.json")


def test_longest_text_counts_keys_and_nested_values() -> None:
    assert longest_text({"abc": [["x" * 7]], "y": 5}) == 7
    assert longest_text({"k" * 9: 1}) == 9
    assert longest_text(12) == 0


def test_the_shipped_data_is_well_inside_the_limits() -> None:
    """The limits leave room: the shipped files are far smaller than the limits."""
    from veta.paths import GEODATA_DIR

    for path in [
        *GEODATA_DIR.glob("*.json*"),
        *TOURS_DIR.glob("*.json"),
        GLOSSARY_PATH,
        SEEDS_DIR / "datapackage.json",
    ]:
        data = read_json_file(path)
        assert path.stat().st_size < MAX_FILE_BYTES / 10
        assert nesting_depth(data) <= MAX_NESTING // 2, path
        assert longest_text(data) < MAX_TEXT_CHARS / 5 or path.name == "datapackage.json", path
