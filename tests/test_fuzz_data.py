"""Fuzzing the data files: whatever one mutation does to a shipped file, the validator and the loader answer with
problems (or pass), never with an exception (issue #16, item 2).

Hypothesis picks one of the JSON files `python -m veta validate` reads (the layers, regions, context, unmapped
passages, both data packages, the tours, the glossary), a place inside it, and a mutation: a value of another type,
a key dropped, a value nested deeper, a huge string, a huge number, a list multiplied. The run is derandomized
(the same examples every run, in CI too) and bounded: `MAX_EXAMPLES` examples, ~0.1 s each.
"""

from __future__ import annotations

import io
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile import copy_geodata
from veta.atlas import read_atlas
from veta.glossary import GLOSSARY_PATH
from veta.problems import Problem
from veta.tours import TOURS_DIR, load_tours
from veta.validate import run_validate

MAX_EXAMPLES = int(os.environ.get("VETA_FUZZ_EXAMPLES", "50"))
"""Examples per run (~0.2 s each); set VETA_FUZZ_EXAMPLES to explore more, VETA_FUZZ_RANDOM=1 for new ones."""
FILES = (
    "geodata/minerals.geojson",
    "geodata/rivers.geojson",
    "geodata/actors.geojson",
    "geodata/harms.geojson",
    "geodata/responses.geojson",
    "geodata/regions.geojson",
    "geodata/context.geojson",
    "geodata/unmapped.json",
    "geodata/datapackage.json",
    "seeds/datapackage.json",
    "tours/kachin-mining-and-war.json",
    "tours/water-and-mercury.json",
    "glossary/glossary.json",
)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),  # JSON has no NaN; json.dumps would write it anyway
    st.text(max_size=20),
    st.sampled_from(["", " ", "kachin", "p12", "kachin-jade", "Point", "Feature", "FeatureCollection", "sha256:0"]),
    st.builds(lambda n: "x" * n, st.sampled_from([5_000, 20_000])),
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    copy_geodata(root / "geodata")
    shutil.copytree(TOURS_DIR, root / "tours")
    shutil.copytree(GLOSSARY_PATH.parent, root / "glossary")
    return root


def _children(node: object) -> list[tuple[object, object]]:
    if isinstance(node, dict):
        return list(node.items())
    if isinstance(node, list):
        return list(enumerate(node))
    return []


def mutate(data: st.DataObject, document: object) -> object:
    """One mutation at a place Hypothesis walks to from the top of `document` (changed in place where it can)."""
    parent, key, node = None, None, document
    while _children(node) and data.draw(st.integers(0, 4), label="depth") > 0:
        parent, (key, node) = node, data.draw(st.sampled_from(_children(node)), label="child")
    how = data.draw(
        st.sampled_from(["replace", "drop", "nest", "wrap", "huge-string", "multiply", "swap-type"]), label="how"
    )
    if how == "replace":
        new = data.draw(JSON_VALUES, label="value")
    elif how == "drop" and parent is not None:
        del parent[key]
        return document
    elif how == "nest":
        new = node
        for _ in range(data.draw(st.sampled_from([1, 3, 40]), label="levels")):
            new = [new]
    elif how == "wrap":
        new = {"value": node}
    elif how == "huge-string":
        new = "é" * 50_000
    elif how == "multiply" and isinstance(node, list):
        new = node * data.draw(st.sampled_from([2, 600]), label="times")
    else:  # swap-type, or a drop/multiply that does not apply here
        new = {str: [node], list: {"0": node}, dict: list(node.values()) if isinstance(node, dict) else node}.get(
            type(node), str(node)
        )
    if parent is None:
        return new
    parent[key] = new
    return document


def validate(root: Path) -> tuple[int, str]:
    out = io.StringIO()
    code = run_validate(
        root / "geodata",
        root / "seeds",
        out,
        tours_dir=root / "tours",
        glossary_path=root / "glossary" / "glossary.json",
    )
    return code, out.getvalue()


@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=not os.environ.get("VETA_FUZZ_RANDOM"),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_a_mutated_data_file_gives_problems_never_an_exception(pristine: Path, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(FILES), label="file")
    path = pristine / name
    original = path.read_bytes()
    try:
        path.write_text(json.dumps(mutate(data, json.loads(original)), ensure_ascii=False), "utf-8")
        code, printed = validate(pristine)  # must not raise
        assert code in (0, 1)
        lines = printed.splitlines()
        assert lines and (lines[-1].startswith("OK: ") if code == 0 else "problem(s) in" in lines[-1]), lines[-3:]
        atlas, problems = read_atlas(pristine / "geodata", pristine / "seeds")  # what the app's pages load
        assert (atlas is None) == bool(problems)
        assert all(isinstance(p, Problem) and p.file and p.message for p in problems)
        if os.environ.get("VETA_FUZZ_STRICT"):  # exploring: did a check, not the safety net, find every problem?
            assert "unexpected content" not in printed, printed
        if atlas is not None:
            load_tours(pristine / "tours", atlas)  # what the tour page loads
    finally:
        path.write_bytes(original)
