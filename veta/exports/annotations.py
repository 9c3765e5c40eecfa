"""The evidence as a W3C Web Annotation collection (JSON-LD, http://www.w3.org/ns/anno.jsonld).

One annotation per feature–quote pair. Its target is the TNI article with two selectors for the same words: a
TextQuoteSelector (`exact`, and up to 32 characters of `prefix`/`suffix` from the text around it) that tools
such as Hypothesis or Recogito re-anchor on the web page, and a TextPositionSelector whose `start`/`end` are
offsets, in Unicode characters, into the shipped seed text (`seeds/artisanal-and-informal-mining.txt`, whose
SHA-256 the collection records). Its body is the feature: id, name, layer and Veta's summary.
"""

from __future__ import annotations

import json
from typing import Any

from veta import __version__
from veta.credits import INTERVIEW_URL, LICENCE_URL
from veta.exports.common import credit_text, quotes_of, select_features
from veta.model import Atlas, Feature
from veta.seed import SEED_FILENAME

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32
"""Characters of text kept before and after each quote in its TextQuoteSelector."""
ID_BASE = "urn:veta:"


def _body(feature: Feature) -> list[dict[str, Any]]:
    return [
        {"id": f"{ID_BASE}feature:{feature.id}", "type": "TextualBody", "purpose": "identifying",
         "value": feature.id, "format": "text/plain"},
        {"type": "TextualBody", "purpose": "describing", "value": feature.name, "format": "text/plain",
         "language": "en"},
        {"type": "TextualBody", "purpose": "classifying", "value": feature.layer, "format": "text/plain"},
        {"type": "TextualBody", "purpose": "describing", "value": feature.summary, "format": "text/plain",
         "language": "en"},
    ]  # fmt: skip


def annotation(atlas: Atlas, feature: Feature, index: int) -> list[dict[str, Any]]:
    """The annotations of one feature, one per quote, numbered from `index`."""
    text = atlas.seed.text
    out = []
    for offset, quote in enumerate(quotes_of(atlas, feature)):
        out.append(
            {
                "id": f"{ID_BASE}annotation:{index + offset}",
                "type": "Annotation",
                "motivation": "linking",
                "body": _body(feature),
                "target": {
                    "source": INTERVIEW_URL,
                    "format": "text/html",
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": quote.exact,
                            "prefix": text[max(0, quote.start - CONTEXT_CHARS) : quote.start],
                            "suffix": text[quote.end : quote.end + CONTEXT_CHARS],
                        },
                        {"type": "TextPositionSelector", "start": quote.start, "end": quote.end},
                    ],
                },
                "rights": LICENCE_URL,
            }
        )
    return out


def annotation_collection(atlas: Atlas, region_id: str | None = None) -> dict[str, Any]:
    """The whole collection (all features, or one region's) in a single page."""
    items: list[dict[str, Any]] = []
    for feature in select_features(atlas, region_id):
        items += annotation(atlas, feature, len(items) + 1)
    scope = f":{region_id}" if region_id else ""
    return {
        "@context": CONTEXT,
        "id": f"{ID_BASE}annotations{scope}",
        "type": "AnnotationCollection",
        "label": "Veta: the interview's passages behind each map feature"
        + (f" ({atlas.region(region_id).name})" if region_id else ""),
        "generator": {"type": "Software", "name": f"Veta {__version__}"},
        "rights": LICENCE_URL,
        "total": len(items),
        "first": {
            "type": "AnnotationPage",
            "id": f"{ID_BASE}annotations{scope}:page1",
            "startIndex": 0,
            "items": items,
        },
        "summary": f"{credit_text()} TextPositionSelector offsets are Unicode characters into {SEED_FILENAME} "
        f"(SHA-256 {atlas.seed.sha256}), the interview as Veta ships it; TextQuoteSelector re-anchors the same "
        f"words on {INTERVIEW_URL}.",
    }


def annotations_text(atlas: Atlas, region_id: str | None = None) -> str:
    """The collection as JSON-LD text."""
    return json.dumps(annotation_collection(atlas, region_id), ensure_ascii=False, indent=1) + "\n"
