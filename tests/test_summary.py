"""Tests for veta.summary: counts per region and layer, and each region's key quote."""

from __future__ import annotations

import pytest

from tests.pages.atlas_fixture import build_fixture
from veta.atlas import load_atlas
from veta.evidence import resolve_quote
from veta.layers import LAYERS, REGION_IDS
from veta.model import Atlas
from veta.seed import load_seed
from veta.summary import KEY_QUOTES, counts_line, key_quote, layer_counts, region_layer_counts, region_speakers


@pytest.fixture(scope="module")
def atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    return load_atlas(build_fixture(tmp_path_factory.mktemp("geodata")))


def test_key_quotes_are_exact_and_in_one_passage() -> None:
    seed = load_seed()
    assert set(KEY_QUOTES) == set(REGION_IDS)
    for quote in KEY_QUOTES.values():
        evidence = resolve_quote(seed, quote)  # raises if not verbatim or ambiguous
        assert seed.text[evidence.start : evidence.end] == quote


def test_key_quote_has_its_speaker(atlas: Atlas) -> None:
    kachin = key_quote(atlas, "kachin")
    assert kachin is not None and kachin.speaker == "Doi Ra" and kachin.evidence.passage_id == "p37"
    choco = key_quote(atlas, "choco")
    assert choco is not None and choco.speaker == "Gisselle"


def test_key_quote_falls_back_to_a_feature(atlas: Atlas, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(KEY_QUOTES, "kachin", "words that are not in the interview")
    fallback = key_quote(atlas, "kachin")
    assert fallback is not None and fallback.evidence == atlas.features_in("kachin")[0].evidence[0]


def test_counts(atlas: Atlas) -> None:
    assert region_layer_counts(atlas, "kachin") == {
        "minerals": 1,
        "rivers": 0,
        "actors": 0,
        "harms": 1,
        "responses": 0,
    }
    rows = layer_counts(atlas)
    assert [r["region"] for r in rows] == ["Chocó", "Madre de Dios", "Kachin State"]
    assert sum(int(r[layer]) for r in rows for layer in LAYERS) == len(atlas.features)


def test_counts_line() -> None:
    assert counts_line({"minerals": 1, "rivers": 0}) == "Minerals 1 · Rivers 0"


def test_region_speakers(atlas: Atlas) -> None:
    assert region_speakers(atlas, "kachin") == {"Doi Ra": 3}
    assert region_speakers(atlas, "choco") == {"Gisselle": 3}
