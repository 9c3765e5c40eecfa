"""KML for Google Earth: a folder per map layer, each placemark's description showing the verbatim quotes with
speaker and passage and the licence line, styled in the map's layer colours and precision symbols.

Written with ElementTree rather than GDAL: GDAL's LIBKML writer puts no styles on a data frame's features and
wrote broken XML (an unescaped CDATA end) for text containing `]]>`. The tests read every KML back with
pyogrio and ogrinfo. Every Feature field is written as ExtendedData. What KML allows of the map's
precision encoding: site = a filled dot, approximate = a ring, region = a large faint ring; lines solid and
opaque for sites, thinner and fainter as precision drops (KML lines have no dashes).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import shapely
from shapely.geometry.base import BaseGeometry

from veta.escape import escape_text
from veta.exports.common import LICENCE_LINE, feature_properties, plain, quotes_of, select_features
from veta.i18n import _
from veta.layers import LAYERS, PRECISIONS, layer_label
from veta.maps.describe import in_english, kind_text, original_mark
from veta.model import Atlas, Feature
from veta.symbology import LAYER_COLOURS, LINE_OPACITY, PRECISION_LABELS

KML_NS = "http://www.opengis.net/kml/2.2"
ICONS = "http://maps.google.com/mapfiles/kml/shapes/"
ICON_STYLE: dict[str, tuple[str, float, float]] = {
    "site": ("placemark_circle.png", 1.0, 1.0),
    "approximate": ("donut.png", 1.2, 1.0),
    "region": ("donut.png", 2.0, 0.5),
}
"""precision → (Google Earth icon, scale, opacity)."""
OTHER_ICON: tuple[str, float, float] = ("open-diamond.png", 1.2, 1.0)
"""The icon of a precision the map adds later (such as `inferred`) until it gets its own: never a site's dot."""
LINE_WIDTH: dict[str, float] = {"site": 4.0, "approximate": 3.0, "region": 2.0}
FILL_OPACITY = 0.2
COORDINATE_DECIMALS = 6
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _k(tag: str) -> str:
    return f"{{{KML_NS}}}{tag}"


def xml_safe(text: str) -> str:
    """Text without the control characters XML 1.0 cannot hold (tab, newline and carriage return stay)."""
    return _CONTROL.sub("\ufffd", text)


def style_id(layer: str, precision: str) -> str:
    """The id of the shared style of one layer and precision."""
    return f"{layer}-{precision}"


def kml_colour(hex_colour: str, opacity: float) -> str:
    """`#RRGGBB` and an opacity as KML's aabbggrr."""
    red, green, blue = hex_colour[1:3], hex_colour[3:5], hex_colour[5:7]
    return f"{round(opacity * 255):02x}{blue}{green}{red}".lower()


def description_html(atlas: Atlas, feature: Feature) -> str:
    """The balloon: layer, kind and precision, Veta's summary, placement note, caveat, every quote, licence."""
    label = _(PRECISION_LABELS[feature.precision]) if feature.precision in PRECISION_LABELS else feature.precision
    own, placement = _("(Veta's summary)"), _("Placement:")
    layer = layer_label(feature.layer)
    parts = [
        f"<p><b>{escape_text(layer)}</b> · {escape_text(kind_text(feature.kind))} · {escape_text(label)}</p>",
        f"<p>{escape_text(feature.summary)} <i>{escape_text(own)}</i></p>",
        f"<p><b>{escape_text(placement)}</b> {escape_text(feature.placement_note)}</p>",
    ]
    if feature.caveat:
        caveat = _("Caveat:")
        parts.append(f"<p><b>{escape_text(caveat)}</b> {escape_text(feature.caveat)}</p>")
    for quote in quotes_of(atlas, feature):
        section = f" ({in_english(escape_text(quote.section))})" if quote.section else ""
        passage = escape_text(_("passage {number}").format(number=quote.passage_id))
        parts.append(
            f"<blockquote>{in_english(f'“{escape_text(quote.exact)}”')}<br>{original_mark(prefix='', suffix=' ')}"
            f"— {escape_text(quote.speaker)}, {passage}{section}</blockquote>"
        )
    parts.append(f"<p><small>{escape_text(LICENCE_LINE)}</small></p>")
    return "".join(parts)


def _coordinates(coords) -> str:
    return " ".join(f"{round(x, COORDINATE_DECIMALS)},{round(y, COORDINATE_DECIMALS)}" for x, y, *_ in coords)


def geometry_element(geom: BaseGeometry) -> ET.Element:
    """A KML geometry: Point, LineString, Polygon, or MultiGeometry of them."""
    kind = geom.geom_type
    if kind == "Point":
        element = ET.Element(_k("Point"))
        ET.SubElement(element, _k("coordinates")).text = _coordinates(geom.coords)
    elif kind in ("LineString", "LinearRing"):
        element = ET.Element(_k("LineString"))
        ET.SubElement(element, _k("coordinates")).text = _coordinates(geom.coords)
    elif kind == "Polygon":
        element = ET.Element(_k("Polygon"))
        for tag, ring in [("outerBoundaryIs", geom.exterior), *(("innerBoundaryIs", r) for r in geom.interiors)]:
            linear = ET.SubElement(ET.SubElement(element, _k(tag)), _k("LinearRing"))
            ET.SubElement(linear, _k("coordinates")).text = _coordinates(ring.coords)
    else:
        element = ET.Element(_k("MultiGeometry"))
        for part in shapely.get_parts(geom):
            element.append(geometry_element(part))
    return element


def placemark(atlas: Atlas, feature: Feature) -> ET.Element:
    """One feature: name, the balloon, its style, every field as ExtendedData, its geometry."""
    element = ET.Element(_k("Placemark"), id=feature.id)
    ET.SubElement(element, _k("name")).text = xml_safe(feature.name)
    ET.SubElement(element, _k("description")).text = xml_safe(description_html(atlas, feature))
    precision = feature.precision if feature.precision in PRECISIONS else "region"
    ET.SubElement(element, _k("styleUrl")).text = "#" + style_id(feature.layer, precision)
    data = ET.SubElement(element, _k("ExtendedData"))
    values = {name: plain(value) for name, value in feature_properties(feature).items()}
    values["passage_ids"] = " ".join(feature.passage_ids)
    for name, value in values.items():
        item = ET.SubElement(data, _k("Data"), name=name)
        ET.SubElement(item, _k("value")).text = "" if value is None else xml_safe(str(value))
    if feature.geometry is not None:  # a worldwide statement is a Placemark without geometry
        element.append(geometry_element(feature.geometry))
    return element


def _styles() -> list[ET.Element]:
    styles = []
    for layer in LAYERS:
        colour = LAYER_COLOURS.get(layer, "#555555")
        for precision in PRECISIONS:
            icon, scale, opacity = ICON_STYLE.get(precision, OTHER_ICON)
            style = ET.Element(f"{{{KML_NS}}}Style", id=style_id(layer, precision))
            icon_style = ET.SubElement(style, f"{{{KML_NS}}}IconStyle")
            ET.SubElement(icon_style, f"{{{KML_NS}}}color").text = kml_colour(colour, opacity)
            ET.SubElement(icon_style, f"{{{KML_NS}}}scale").text = f"{scale}"
            href = ET.SubElement(ET.SubElement(icon_style, f"{{{KML_NS}}}Icon"), f"{{{KML_NS}}}href")
            href.text = ICONS + icon
            line = ET.SubElement(style, f"{{{KML_NS}}}LineStyle")
            ET.SubElement(line, f"{{{KML_NS}}}color").text = kml_colour(colour, LINE_OPACITY.get(precision, 1.0))
            ET.SubElement(line, f"{{{KML_NS}}}width").text = f"{LINE_WIDTH.get(precision, 3.0)}"
            poly = ET.SubElement(style, f"{{{KML_NS}}}PolyStyle")
            ET.SubElement(poly, f"{{{KML_NS}}}color").text = kml_colour(colour, FILL_OPACITY)
            styles.append(style)
    return styles


def kml_text(atlas: Atlas, region_id: str | None = None) -> str:
    """The KML document: the shared styles, then one folder per map layer that has features."""
    ET.register_namespace("", KML_NS)
    features = select_features(atlas, region_id)
    root = ET.Element(_k("kml"))
    document = ET.SubElement(root, _k("Document"))
    scope = f" — {atlas.region(region_id).name}" if region_id else ""
    ET.SubElement(document, _k("name")).text = xml_safe(f"Veta: artisanal and informal mining{scope}")
    ET.SubElement(document, _k("description")).text = LICENCE_LINE
    document.extend(_styles())
    for layer in LAYERS:
        in_layer = [f for f in features if f.layer == layer]
        if not in_layer:
            continue
        folder = ET.SubElement(document, _k("Folder"), id=layer)
        ET.SubElement(folder, _k("name")).text = layer
        folder.extend(placemark(atlas, f) for f in in_layer)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
