"""What every export shares: which features, their properties (every Feature field, generically), the quotes
with speaker and passage, the credit, and the languages Veta writes them in."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

import geopandas as gpd

from veta.credits import GEODATA_CREDIT_TEXT, INTERVIEW_CREDIT_TEXT, INTERVIEW_URL, LICENCE_URL
from veta.i18n import LANGUAGES
from veta.model import Atlas, Feature

LICENCE_NAME = "CC BY-NC-ND 3.0"
CRS = "EPSG:4326"
NOT_PROPERTIES: frozenset[str] = frozenset({"geometry", "evidence"})
"""Feature fields written as geometry or as quotes rather than as plain properties."""
LICENCE_LINE = f"Quotes © Transnational Institute (TNI), {LICENCE_NAME} ({LICENCE_URL}), verbatim — {INTERVIEW_URL}"


class ExportError(ValueError):
    """An export that cannot be written as asked (unknown region, language or format); the message says why."""


@dataclass(frozen=True)
class Quote:
    """One quote of a feature, resolved: the verbatim words, where they are in the seed, who says them."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    passage_id: str
    speaker: str
    section: str


def check_language(lang: str) -> str:
    """`lang` if Veta can export in it (`veta.i18n.LANGUAGES`); ExportError naming them otherwise."""
    if lang not in LANGUAGES:
        raise ExportError(f"unknown language {lang!r} (available: {', '.join(LANGUAGES)})")
    return lang


def select_features(atlas: Atlas, region_id: str | None) -> tuple[Feature, ...]:
    """All features, or one region's; KeyError for a region the atlas does not have."""
    if region_id is None:
        return atlas.features
    atlas.region(region_id)
    return tuple(f for f in atlas.features if f.region == region_id)


def property_names() -> tuple[str, ...]:
    """Every Feature field that is written as a property, in declaration order (new fields come along)."""
    return tuple(f.name for f in dataclasses.fields(Feature) if f.name not in NOT_PROPERTIES)


def plain(value: Any) -> Any:
    """A value a flat table can hold: scalars as they are, tuples, lists and mappings as JSON text."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, tuple):
        value = list(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def feature_properties(feature: Feature) -> dict[str, Any]:
    """The feature's fields (all but geometry and evidence), by name."""
    return {name: getattr(feature, name) for name in property_names()}


def quotes_of(atlas: Atlas, feature: Feature) -> list[Quote]:
    """The feature's quotes with speaker and passage, in evidence order."""
    out = []
    for evidence in feature.evidence:
        passage = atlas.passage(evidence.passage_id)
        out.append(
            Quote(
                evidence.exact,
                evidence.prefix,
                evidence.suffix,
                evidence.start,
                evidence.end,
                evidence.passage_id,
                passage.speaker,
                passage.section,
            )
        )
    return out


def quote_line(quote: Quote) -> str:
    """A quote as one line of text: “words” — speaker, passage id (section)."""
    section = f" ({quote.section})" if quote.section else ""
    return f"“{quote.exact}” — {quote.speaker}, passage {quote.passage_id}{section}"


def credit_text() -> str:
    """The credit line of every export: the interview's and the geometries'."""
    return f"Quotes: {INTERVIEW_CREDIT_TEXT}. Geometries: {GEODATA_CREDIT_TEXT}."


def features_frame(atlas: Atlas, features: tuple[Feature, ...]) -> gpd.GeoDataFrame:
    """One row per feature: every property (flattened), the quotes as text, passage ids, speakers; WGS84."""
    rows = []
    for feature in features:
        quotes = quotes_of(atlas, feature)
        row = {name: plain(value) for name, value in feature_properties(feature).items()}
        row["quotes"] = "\n\n".join(quote_line(q) for q in quotes)
        row["passage_ids"] = " ".join(feature.passage_ids)
        row["speakers"] = ", ".join(dict.fromkeys(q.speaker for q in quotes))
        row["licence"] = LICENCE_LINE
        rows.append(row)
    columns = [*property_names(), "quotes", "passage_ids", "speakers", "licence"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry=[f.geometry for f in features], crs=CRS)


def quotes_frame(atlas: Atlas, features: tuple[Feature, ...]) -> gpd.GeoDataFrame:
    """One row per feature–quote pair (no geometry column): the verbatim quote, its offsets, speaker, passage."""
    rows = []
    for feature in features:
        for quote in quotes_of(atlas, feature):
            rows.append(
                {
                    "feature_id": feature.id,
                    "layer": feature.layer,
                    "region": feature.region,
                    "quote": quote.exact,
                    "prefix": quote.prefix,
                    "suffix": quote.suffix,
                    "start": quote.start,
                    "end": quote.end,
                    "passage_id": quote.passage_id,
                    "speaker": quote.speaker,
                    "section": quote.section,
                    "source_url": INTERVIEW_URL,
                    "licence": LICENCE_NAME,
                }
            )
    return gpd.GeoDataFrame(rows, columns=list(QUOTE_COLUMNS))


QUOTE_COLUMNS: tuple[str, ...] = (
    "feature_id",
    "layer",
    "region",
    "quote",
    "prefix",
    "suffix",
    "start",
    "end",
    "passage_id",
    "speaker",
    "section",
    "source_url",
    "licence",
)
