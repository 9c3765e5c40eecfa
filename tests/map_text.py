"""Reading a rendered map document as its script sees it: the JSON the map's data travels in, decoded."""

from __future__ import annotations

import json
import re

JSON_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def decoded(html: str) -> str:
    """The document with every JSON string literal replaced by its decoded value.

    folium embeds GeoJSON and Veta's map data with Jinja's `tojson`, which writes `<`, `>`, `&`, `'` and every
    non-ASCII character as `\\uXXXX` escapes: the popups' HTML reaches the browser intact only after JSON parsing.
    Only for searching the text (the result is not a valid document).
    """

    def value(match: re.Match[str]) -> str:
        try:
            text = json.loads(match.group(0))
        except ValueError:
            return match.group(0)
        return text if isinstance(text, str) else match.group(0)

    return JSON_STRING.sub(value, html)


GEOJSON_ADD = re.compile(r"\bgeo_json_v\d+_add\((\{.*?\})\);\n", re.S)
INIT = re.compile(r"VetaMap\.init\(\w+, (\{.*?\})\);\n", re.S)
LEGEND = re.compile(r"VetaMap\.legend\(\w+, (\{.*?\})\);\n", re.S)


def map_config(html: str) -> dict:
    """The data the map's script hands to `VetaMap.init` (legend, statements, selection…)."""
    found = INIT.search(html)
    assert found, "the map does not call VetaMap.init"
    return json.loads(found.group(1))


def map_legend(html: str) -> dict:
    """The data the map's script hands to `VetaMap.legend` (its HTML, the window width below which it folds)."""
    found = LEGEND.search(html)
    assert found, "the map does not call VetaMap.legend"
    return json.loads(found.group(1))


def map_features(html: str) -> list[dict]:
    """The properties of every GeoJSON feature the map draws, then of every statement listed beside it."""
    features = [f["properties"] for data in GEOJSON_ADD.findall(html) for f in json.loads(data)["features"]]
    return features + list(map_config(html)["statements"])
