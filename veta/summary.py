"""Tables and highlights that summarise the atlas: counts per region and layer, one key quote per region."""

from __future__ import annotations

from dataclasses import dataclass

from veta.evidence import Evidence, EvidenceError, resolve_quote
from veta.i18n import format_number
from veta.layers import LAYERS, layer_label
from veta.model import Atlas

KEY_QUOTES: dict[str, str] = {
    "choco": "The Atrato is one of the few rivers in the world that has gained personhood rights",
    "madre-de-dios": (
        "many have ambitions to develop aquatic based livelihoods, where ponds could contribute to "
        "revitalization of their food security"
    ),
    "kachin": "Kachin people are tired of this mining.",
}
"""The quote the overview shows for each region: exact substrings of the seed, chosen by the editors."""


@dataclass(frozen=True)
class KeyQuote:
    """A region's key quote, located in the interview."""

    evidence: Evidence
    speaker: str  # the seed's speaker key


def layer_counts(atlas: Atlas) -> list[dict[str, object]]:
    """One row per region: its name and the number of features in each layer."""
    return [
        {"region": region.name} | {layer: len(atlas.features_in(region.id, layer)) for layer in LAYERS}
        for region in atlas.regions
    ]


def region_layer_counts(atlas: Atlas, region_id: str) -> dict[str, int]:
    """The number of features of each layer in one region, in layer order."""
    return {layer: len(atlas.features_in(region_id, layer)) for layer in LAYERS}


def key_quote(atlas: Atlas, region_id: str) -> KeyQuote | None:
    """The region's key quote: the editors' choice if it is in the seed, else its first feature's first quote."""
    chosen = KEY_QUOTES.get(region_id)
    evidence: Evidence | None = None
    if chosen:
        try:
            evidence = resolve_quote(atlas.seed, chosen)
        except EvidenceError:
            evidence = None
    if evidence is None:
        features = atlas.features_in(region_id)
        if not features:
            return None
        evidence = features[0].evidence[0]
    return KeyQuote(evidence=evidence, speaker=atlas.passage(evidence.passage_id).speaker)


def counts_line(counts: dict[str, int]) -> str:
    """Layer counts as one line of text in the current language: `Minerals 3 · Rivers 2 · …` (no plural to get
    wrong)."""
    return " · ".join(f"{layer_label(layer)} {format_number(count)}" for layer, count in counts.items())


def region_speakers(atlas: Atlas, region_id: str) -> dict[str, int]:
    """How many of a region's quotes each speaker says, most quoted first (seed speaker keys)."""
    counts: dict[str, int] = {}
    for feature in atlas.features_in(region_id):
        for evidence in feature.evidence:
            speaker = atlas.passage(evidence.passage_id).speaker
            counts[speaker] = counts.get(speaker, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1]))
