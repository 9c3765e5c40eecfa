"""CSV for spreadsheets: UTF-8 with a byte-order mark, one row per feature–quote pair, geometry as WKT, and
no cell a spreadsheet would run as a formula.

OWASP's CSV-injection rule: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
leading apostrophe, which spreadsheets show as text and hide. Numbers (`lon`, `lat`) stay numbers.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import shapely

from veta.credits import INTERVIEW_URL
from veta.exports.common import LICENCE_NAME, plain, property_names, quotes_of, select_features
from veta.model import Atlas

BOM = "\ufeff"
"""UTF-8 byte-order mark: Excel reads the file as UTF-8 only when it starts with one ("Chocó", not "ChocÃ³")."""
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
COORDINATE_DECIMALS = 6
WKT_DECIMALS = 6


def _columns() -> tuple[str, ...]:
    props = [name for name in property_names() if name != "id"]
    return (
        "feature_id",
        *props,
        "lon",
        "lat",
        "wkt",
        "quote",
        "passage_id",
        "speaker",
        "section",
        "source_url",
        "licence",
    )


CSV_COLUMNS: tuple[str, ...] = _columns()
"""The header: feature_id, every other Feature field, a point on the feature, its WKT, then the quote."""


def neutralise(value: Any) -> Any:
    """A text cell that could start a spreadsheet formula, prefixed with an apostrophe; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def representative_point(geom: shapely.Geometry | None) -> tuple[float, float] | tuple[str, str]:
    """(lon, lat) of a point guaranteed to lie on the geometry, rounded; empty cells for no geometry (worldwide)."""
    if geom is None:
        return "", ""
    point = geom.representative_point()
    return round(point.x, COORDINATE_DECIMALS), round(point.y, COORDINATE_DECIMALS)


def feature_rows(atlas: Atlas, region_id: str | None = None) -> list[dict[str, Any]]:
    """One dict per feature–quote pair, keyed by CSV_COLUMNS, every text cell neutralised."""
    rows = []
    for feature in select_features(atlas, region_id):
        lon, lat = representative_point(feature.geometry)
        base = {name: plain(getattr(feature, name)) for name in property_names()}
        base["feature_id"] = base.pop("id")
        wkt = "" if feature.geometry is None else shapely.to_wkt(feature.geometry, rounding_precision=WKT_DECIMALS)
        base.update(lon=lon, lat=lat, wkt=wkt)
        for quote in quotes_of(atlas, feature):
            row = dict(base)
            row.update(
                quote=quote.exact,
                passage_id=quote.passage_id,
                speaker=quote.speaker,
                section=quote.section,
                source_url=INTERVIEW_URL,
                licence=LICENCE_NAME,
            )
            rows.append({key: neutralise(row[key]) for key in CSV_COLUMNS})
    return rows


def features_csv(atlas: Atlas, region_id: str | None = None) -> str:
    """The CSV text without the byte-order mark: a header row, then one row per feature–quote pair (CRLF)."""
    rows = feature_rows(atlas, region_id)
    frame = pd.DataFrame(rows, columns=list(CSV_COLUMNS))
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\r\n")
    return buffer.getvalue()


def csv_text(atlas: Atlas, region_id: str | None = None) -> str:
    """The CSV export as it is written to a file: the byte-order mark, then `features_csv`."""
    return BOM + features_csv(atlas, region_id)


__all__ = ["BOM", "CSV_COLUMNS", "csv_text", "feature_rows", "features_csv", "neutralise"]
