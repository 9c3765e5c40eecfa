"""Tests for veta.params: any query-parameter value gives a selection or a friendly notice."""

from __future__ import annotations

import pytest

from tests.pages.atlas_fixture import build_fixture
from veta.atlas import load_atlas
from veta.model import Atlas
from veta.params import ECHO_MAX_CHARS, resolve_feature_param, resolve_passage_param, share_link, shorten


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    return load_atlas(build_fixture(tmp_path_factory.mktemp("geodata")))


def test_no_param_no_selection_no_notice(atlas: Atlas) -> None:
    choice = resolve_feature_param(atlas, "kachin", [])
    assert choice.feature is None and choice.notice is None and choice.elsewhere is None


def test_known_feature_in_its_region(atlas: Atlas) -> None:
    choice = resolve_feature_param(atlas, "kachin", ["kachin-floods"])
    assert choice.feature is not None and choice.feature.id == "kachin-floods" and choice.notice is None
    assert resolve_feature_param(atlas, "kachin", ["  kachin-floods "]).feature is not None


def test_feature_of_another_region(atlas: Atlas) -> None:
    choice = resolve_feature_param(atlas, "choco", ["kachin-floods"])
    assert choice.feature is None and choice.elsewhere is not None and choice.elsewhere.region == "kachin"
    assert choice.notice is not None and "another region" in choice.notice.message


@pytest.mark.parametrize(
    "values",
    [["nope"], [""], ["  "], ["x" * 10_240], ["Chocó 😀 \u0000"], ['<b>x</b>"`${y}`'], ["KACHIN-FLOODS"]],
)
def test_unusable_feature_values_give_a_notice(atlas: Atlas, values: list[str]) -> None:
    choice = resolve_feature_param(atlas, "kachin", values)
    assert choice.feature is None and choice.notice is not None and choice.notice.message


def test_repeated_values_use_the_first_and_say_so(atlas: Atlas) -> None:
    choice = resolve_feature_param(atlas, "kachin", ["kachin-jade", "kachin-floods"])
    assert choice.feature is not None and choice.feature.id == "kachin-jade"
    assert choice.notice is not None and "2 different features" in choice.notice.message
    same = resolve_feature_param(atlas, "kachin", ["kachin-jade", "kachin-jade"])
    assert same.feature is not None and same.notice is None


def test_passage_param(atlas: Atlas) -> None:
    assert resolve_passage_param(atlas, ["p12"]).passage == atlas.passage("p12")
    assert resolve_passage_param(atlas, []).notice is None
    for bad in (["p0"], ["p62"], ["12"], [""], ["p" * 500], ["<script>"]):
        choice = resolve_passage_param(atlas, bad)
        assert choice.passage is None and choice.notice is not None
    missing = resolve_passage_param(atlas, ["p999"])
    assert missing.notice is not None and "p1 to p61" in missing.notice.message and missing.notice.value == "p999"


def test_shorten_flattens_and_cuts() -> None:
    assert shorten("a\nb\tc\u0000d") == "a b c d"
    long = shorten("y" * 10_000)
    assert len(long) == ECHO_MAX_CHARS and long.endswith("…")
    assert shorten("Chocó") == "Chocó"


def test_share_link() -> None:
    assert share_link("http://localhost:8501/kachin", "kachin", "kachin-jade") == (
        "http://localhost:8501/kachin?feature=kachin-jade"
    )
    assert share_link("https://example.org/veta/choco?x=1#top", "choco", "a-b") == (
        "https://example.org/veta/choco?feature=a-b"
    )
    assert share_link(None, "madre-de-dios", "mdd-gold") == "/madre-de-dios?feature=mdd-gold"
