"""Tables that summarise the atlas (counts per region and layer)."""

from __future__ import annotations

from veta.layers import LAYERS
from veta.model import Atlas


def layer_counts(atlas: Atlas) -> list[dict[str, object]]:
    """One row per region: its name and the number of features in each layer."""
    return [
        {"region": region.name} | {layer: len(atlas.features_in(region.id, layer)) for layer in LAYERS}
        for region in atlas.regions
    ]
