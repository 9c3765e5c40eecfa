"""Tests for veta.model: the atlas's lookups by feature id and by cited passage."""

from __future__ import annotations

import dataclasses

import pytest

from veta.atlas import load_atlas

ATLAS = load_atlas()


def test_features_citing_matches_a_scan_of_every_feature():
    for passage in ATLAS.seed.passages:
        scanned = tuple(f for f in ATLAS.features if passage.id in f.passage_ids)
        assert ATLAS.features_citing(passage.id) == scanned


def test_features_citing_an_uncited_or_unknown_passage_is_empty():
    uncited = [p.id for p in ATLAS.seed.passages if not any(p.id in f.passage_ids for f in ATLAS.features)]
    assert uncited, "the interview has passages no feature cites (the unmapped ones)"
    assert ATLAS.features_citing(uncited[0]) == ()
    assert ATLAS.features_citing("p-none") == ()


def test_feature_by_id():
    for feature in ATLAS.features:
        assert ATLAS.feature(feature.id) is feature
    with pytest.raises(KeyError):
        ATLAS.feature("no-such-feature")


def test_a_changed_copy_has_its_own_lookups():
    first = ATLAS.features[0]
    renamed = dataclasses.replace(first, name="Renamed")
    copy = dataclasses.replace(ATLAS, features=(renamed, *ATLAS.features[1:]))
    assert copy.feature(first.id).name == "Renamed"
    assert ATLAS.feature(first.id).name == first.name
    assert renamed in copy.features_citing(first.passage_ids[0])
    only_one = dataclasses.replace(ATLAS, features=(first,))
    for passage in ATLAS.seed.passages:
        expected = (first,) if passage.id in first.passage_ids else ()
        assert only_one.features_citing(passage.id) == expected


def test_repeated_ids_resolve_to_the_first_feature():
    first = ATLAS.features[0]
    twin = dataclasses.replace(first, name="Twin")
    atlas = dataclasses.replace(ATLAS, features=(first, twin))
    assert atlas.feature(first.id) is first
