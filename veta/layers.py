"""Thematic layers and their controlled vocabularies, and the words that name them (in the current language)."""

from __future__ import annotations

from veta.i18n import N_, _

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

LAYER_LABELS: dict[str, str] = {
    "minerals": N_("Minerals"),
    "rivers": N_("Rivers"),
    "actors": N_("Actors"),
    "harms": N_("Harms"),
    "responses": N_("Responses"),
}
"""Display names of the thematic layers, in English (the catalogue's msgids): show them with `layer_label`."""

KIND_LABELS: dict[str, str] = {
    "gold": N_("gold"),
    "platinum": N_("platinum"),
    "jade": N_("jade"),
    "amber": N_("amber"),
    "rare-earths": N_("rare earths"),
    "mining-waste": N_("mining waste"),
    "river": N_("river"),
    "indigenous-community": N_("indigenous community"),
    "black-community": N_("black community"),
    "women-miners": N_("women miners"),
    "artisanal-miners": N_("artisanal miners"),
    "peasant-households": N_("peasant households"),
    "armed-group": N_("armed group"),
    "military": N_("military"),
    "state": N_("state"),
    "local-government": N_("local government"),
    "church": N_("church"),
    "company": N_("company"),
    "traders": N_("traders"),
    "migrants": N_("migrants"),
    "foreign-business": N_("foreign business"),
    "international-organisation": N_("international organisation"),
    "local-community": N_("local community"),
    "pollution": N_("pollution"),
    "unsafe-practice": N_("unsafe practice"),
    "flood": N_("flood"),
    "landslide": N_("landslide"),
    "chemicals": N_("chemicals"),
    "violence": N_("violence"),
    "land-loss": N_("land loss"),
    "social-harm": N_("social harm"),
    "landscape-destruction": N_("landscape destruction"),
    "labour-exploitation": N_("labour exploitation"),
    "conflict": N_("conflict"),
    "corruption": N_("corruption"),
    "invisibility": N_("invisibility"),
    "extractive-pressure": N_("extractive pressure"),
    "supply-chain-opacity": N_("supply chain opacity"),
    "lawsuit": N_("lawsuit"),
    "rights-claim": N_("rights claim"),
    "ban": N_("ban"),
    "enforcement": N_("enforcement"),
    "alternative-livelihood": N_("alternative livelihood"),
    "remediation": N_("remediation"),
    "formalisation": N_("formalisation"),
    "advocacy": N_("advocacy"),
    "land-reform": N_("land reform"),
    "governance": N_("governance"),
    "carbon-market": N_("carbon market"),
    "legal-category": N_("legal category"),
}
"""Each kind as words, in English (the id with spaces for hyphens): show them with `kind_label`."""


def layer_label(layer: str) -> str:
    """A thematic layer's display name in the current language (`Minerals`, `Minerales`); the id if unknown."""
    label = LAYER_LABELS.get(layer)
    return _(label) if label else layer


def kind_label(kind: str) -> str:
    """A controlled-vocabulary kind as words in the current language: `rare-earths` → `rare earths`
    (`tierras raras`); an unknown kind with hyphens as spaces."""
    label = KIND_LABELS.get(kind)
    return _(label) if label else kind.replace("-", " ")
