"""The Web Annotation export: JSON-LD shape, one annotation per feature–quote pair, selectors checked against
the seed text (every exact at its TextPositionSelector offsets, prefix and suffix around it)."""

from __future__ import annotations

import json

import pytest

from veta.credits import INTERVIEW_URL
from veta.exports import export_bytes
from veta.model import Atlas


def _selectors(annotation: dict) -> tuple[dict, dict]:
    by_type = {s["type"]: s for s in annotation["target"]["selector"]}
    return by_type["TextQuoteSelector"], by_type["TextPositionSelector"]


@pytest.mark.parametrize("region", [None, "madre-de-dios"])
def test_every_quote_is_at_its_position_in_the_seed(real_atlas: Atlas, region: str | None) -> None:
    data = json.loads(export_bytes(real_atlas, "annotations", region))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld" and data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    features = [f for f in real_atlas.features if region in (None, f.region)]
    assert data["total"] == len(items) == sum(len(f.evidence) for f in features)
    assert len({a["id"] for a in items}) == len(items)
    text = real_atlas.seed.text
    pairs = []
    for annotation in items:
        assert annotation["type"] == "Annotation" and annotation["target"]["source"] == INTERVIEW_URL
        quote, position = _selectors(annotation)
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[:start].endswith(quote["prefix"]) and text[end:].startswith(quote["suffix"])
        assert 0 < len(quote["prefix"]) <= 32 and len(quote["suffix"]) <= 32
        feature_id = next(b["value"] for b in annotation["body"] if b["purpose"] == "identifying")
        pairs.append((feature_id, quote["exact"]))
        feature = real_atlas.feature(feature_id)
        values = {b["value"] for b in annotation["body"]}
        assert {feature.name, feature.layer, feature.summary} <= values
    assert pairs == [(f.id, e.exact) for f in features for e in f.evidence]
    assert real_atlas.seed.sha256 in data["summary"] and "CC BY-NC-ND 3.0" in data["summary"]
