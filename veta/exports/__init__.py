"""Veta's data exports, for the tools people already use: GeoJSON, CSV (spreadsheets), GeoPackage (QGIS),
KML (Google Earth) and W3C Web Annotations (Hypothesis, Recogito). One module per format; this one picks.

Every export covers the whole atlas or one region, writes every Feature field (new fields come along without
code changes) and carries the interview's credit and licence; quotes are verbatim. In another language than
English (`lang`), Veta's own texts (feature names, summaries, notes; the KML balloons' labels) are translated
(`veta.translate.localize_atlas`, `veta.i18n`); the quotes, column names and ids stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from veta.exports.annotations import annotations_text
from veta.exports.common import LANGUAGES, ExportError, check_language
from veta.exports.geojson import geojson_text
from veta.exports.gpkg import gpkg_bytes
from veta.exports.kml import kml_text
from veta.exports.table import csv_text
from veta.i18n import N_, current_language, use_language
from veta.model import Atlas


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name on the command line, file extension, media type, label and use."""

    name: str
    extension: str
    media_type: str
    label: str
    purpose: str
    """Label and purpose are English msgids (marked `N_`): show them with `_()`."""


EXPORT_FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("geojson", "geojson", "application/geo+json", N_("GeoJSON"),
                     N_("web maps and code: every field, each quote with its offsets, the credit")),
        ExportFormat("csv", "csv", "text/csv", N_("CSV"),
                     N_("spreadsheets (Excel, LibreOffice): one row per feature and quote, geometry as WKT")),
        ExportFormat("gpkg", "gpkg", "application/geopackage+sqlite3", N_("GeoPackage"),
                     N_("QGIS and other GIS: a layer per map layer, the regions, a table of quotes")),
        ExportFormat("kml", "kml", "application/vnd.google-earth.kml+xml", N_("KML"),
                     N_("Google Earth: the map's colours, the quotes in each placemark")),
        ExportFormat("annotations", "jsonld", "application/ld+json", N_("Web Annotations"),
                     N_("annotation tools (Hypothesis, Recogito): each quote anchored in the interview")),
    )
}  # fmt: skip
"""Every export format, in the order the Downloads page shows them."""
FORMATS: tuple[str, ...] = tuple(EXPORT_FORMATS)


def export_bytes(atlas: Atlas, fmt: str, region_id: str | None = None, lang: str | None = None) -> bytes:
    """The export in `fmt` as the bytes of its file, in `lang` (default: the current language).

    ExportError for an unknown format or language; KeyError for a region the atlas does not have.
    """
    lang = check_language(lang or current_language())
    if fmt == "gpkg":
        with use_language(lang):
            return gpkg_bytes(_localized(atlas, lang), region_id)
    return export_text(atlas, fmt, region_id, lang).encode("utf-8")


def _localized(atlas: Atlas, lang: str) -> Atlas:
    from veta.translate import localize_atlas  # noqa: PLC0415 (veta.translate imports the model, tours, glossary)

    return localize_atlas(atlas, lang)


def export_text(atlas: Atlas, fmt: str, region_id: str | None = None, lang: str | None = None) -> str:
    """A text export (every format but gpkg) as text, in `lang` (default: the current language); the CSV starts
    with its byte-order mark."""
    lang = check_language(lang or current_language())
    writers = {"geojson": geojson_text, "csv": csv_text, "kml": kml_text, "annotations": annotations_text}
    if fmt not in writers:
        raise ExportError(f"unknown export format {fmt!r} (expected one of {', '.join(w for w in writers)})")
    with use_language(lang):
        return writers[fmt](_localized(atlas, lang), region_id)


def export_filename(fmt: str, region_id: str | None = None) -> str:
    """The file name the Downloads page offers: veta-features[-REGION].EXT."""
    suffix = f"-{region_id}" if region_id else ""
    return f"veta-features{suffix}.{EXPORT_FORMATS[fmt].extension}"


__all__ = [
    "EXPORT_FORMATS",
    "FORMATS",
    "LANGUAGES",
    "ExportError",
    "ExportFormat",
    "export_bytes",
    "export_filename",
    "export_text",
]
