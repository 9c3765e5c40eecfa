"""Thematic layers and their controlled vocabularies."""

from __future__ import annotations

REGION_IDS: tuple[str, ...] = ("choco", "madre-de-dios", "kachin")
"""The three focus regions, in the order the interview introduces them."""

SCOPE_IDS: tuple[str, ...] = ("andes", "world")
"""The scopes beyond the focus regions: the Andean countries and worldwide. Their features are region-wide."""

AREA_IDS: tuple[str, ...] = REGION_IDS + SCOPE_IDS
"""Everything a feature's `region` may name: a focus region or a scope."""

PRECISIONS: tuple[str, ...] = ("site", "approximate", "inferred", "region")
"""How precisely a feature's geometry places what the text says (defined in `veta.precision`)."""

LAYER_KINDS: dict[str, tuple[str, ...]] = {
    "minerals": ("gold", "platinum", "jade", "amber", "rare-earths", "mining-waste"),
    "rivers": ("river",),
    "actors": (
        "indigenous-community",
        "black-community",
        "women-miners",
        "artisanal-miners",
        "peasant-households",
        "armed-group",
        "military",
        "state",
        "local-government",
        "church",
        "company",
        "traders",
        "migrants",
        "foreign-business",
        "international-organisation",
        "local-community",
    ),
    "harms": (
        "pollution",
        "unsafe-practice",
        "flood",
        "landslide",
        "chemicals",
        "violence",
        "land-loss",
        "social-harm",
        "landscape-destruction",
        "labour-exploitation",
        "conflict",
        "corruption",
        "invisibility",
        "extractive-pressure",
        "supply-chain-opacity",
    ),
    "responses": (
        "lawsuit",
        "rights-claim",
        "ban",
        "enforcement",
        "alternative-livelihood",
        "remediation",
        "formalisation",
        "advocacy",
        "land-reform",
        "governance",
        "carbon-market",
        "legal-category",
    ),
}
"""Each thematic layer's allowed `kind` values. A layer's file is `geodata/<layer>.geojson`."""

LAYERS: tuple[str, ...] = tuple(LAYER_KINDS)
