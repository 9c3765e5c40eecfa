"""The region page's feature list: the keyboard-friendly twin of the map, as escaped HTML for a light component.

Pure (no Streamlit). The list is a `<table>` with a `<button>` on each name, a layer `<select>`, a kind `<select>`
and a search box. Filtering runs in the browser (`ui/feature_list.js`) with the semantics of
`veta.reader.matches_query`: every `<tr>` carries its layer, kind and folded search text in data attributes, and
`fold_rules` gives the script what it needs to fold a query exactly as `veta.reader.fold` does.

Every data-derived string that reaches HTML goes through `veta.escape.escape_text`, exactly once.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TypedDict

from veta.escape import escape_text
from veta.i18n import N_, _, format_number
from veta.layers import kind_label, layer_label
from veta.model import Atlas, Feature
from veta.panels import SELECTED_MARK, feature_rows, kinds_in
from veta.quotes import english_attr
from veta.reader import fold

SEARCH_LABEL = N_("Search names, summaries and quotes")
SEARCH_PLACEHOLDER = N_("e.g. mercury, river, women")
COUNT_TEMPLATE = N_("{shown} of {total} features · select a row to show it on the map and read its evidence")
"""The live count line, in English; every translation starts with `{shown}` (the script replaces the number)."""
COUNT_SUFFIX = COUNT_TEMPLATE.split("{total}", 1)[1]
"""In English, the count line is `<shown> of <total>` followed by this."""
NO_MATCH = N_("No feature matches these filters.")
COLUMNS: tuple[tuple[str, str], ...] = (
    (" ", N_("Selected")),
    ("name", N_("Name")),
    ("layer", N_("Layer")),
    ("kind", N_("Kind")),
    ("precision", N_("Precision")),
    ("quote", N_("First quote")),
    ("passages", N_("Passages")),
)
"""(key of `veta.panels.feature_rows`, column header in English), in table order; the first header is for screen
readers. Headers are shown in the current language (`_(label)`)."""


class FeatureListData(TypedDict):
    """What the component gets as `data`: two escaped HTML fragments and the folding rules."""

    controls: str
    table: str
    fold: dict[str, object]


def search_text(feature: Feature) -> str:
    """What the search box looks through, folded: name, summary, kind, placement note and every quote."""
    parts = [feature.name, feature.summary, kind_label(feature.kind), feature.placement_note]
    return fold(" ".join(parts + [e.exact for e in feature.evidence]))


def _regex_class(code_points: Iterable[int]) -> str:
    """A JavaScript `u`-flag character class body (no brackets) for these code points, as ASCII ranges."""
    ranges: list[list[int]] = []
    for point in sorted(code_points):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return "".join(f"\\u{{{a:x}}}" if a == b else f"\\u{{{a:x}}}-\\u{{{b:x}}}" for a, b in ranges)


RULES_RANGE = 0x20000
"""Code points below this are enough for `fold_rules`: no character above has a case folding, a combining class
or white space (planes 2 and up hold ideographs, tags, selectors and private use; a test checks the whole range).
"""


@functools.cache
def fold_rules() -> dict[str, object]:
    """What a browser needs to fold text as `veta.reader.fold` and split it as `str.split` does.

    `casefold`: the characters whose case folding differs from their lower case (`ß` → `ss`, `ς` → `σ`), the
    script lower-cases every other character on its own; `combining`: the characters with a nonzero canonical
    combining class (dropped after NFKD); `space`: what `str.split()` splits on. Both are character class
    bodies for a JavaScript `RegExp` with the `u` flag.
    """
    chars = [chr(point) for point in range(RULES_RANGE)]
    return {
        "casefold": {ch: ch.casefold() for ch in chars if ch.casefold() != ch.lower()},
        "combining": _regex_class(ord(ch) for ch in chars if unicodedata.combining(ch)),
        "space": _regex_class(ord(ch) for ch in chars if ch.isspace()),
    }


def count_line(shown: int, total: int) -> str:
    """The live count under the filters, in the current language."""
    return _(COUNT_TEMPLATE).format(shown=format_number(shown), total=format_number(total))


def count_suffix(total: int) -> str:
    """What follows the shown number in the count line (the script writes the number, then this)."""
    line = count_line(0, total)
    zero = format_number(0)
    return line[len(zero) :] if line.startswith(zero) else " " + line


def _options(values: Iterable[tuple[str, str, str]]) -> str:
    """`<option>`s from (value, label, extra attributes already escaped)."""
    return "".join(
        f'<option value="{escape_text(v)}"{extra}>{escape_text(label)}</option>' for v, label, extra in values
    )


def controls_html(region_id: str, features: Sequence[Feature]) -> str:
    """The filters (layer, kind, search), the live count and the no-match notice, escaped.

    Each kind option lists the layers it occurs in (`data-layers`), so the script can narrow the kinds to the
    chosen layer, as `veta.panels.kinds_in` does.
    """
    prefix = f"veta-fl-{escape_text(region_id)}"
    layers = tuple(dict.fromkeys(f.layer for f in features))
    in_layer = {layer: kinds_in(features, [layer]) for layer in layers}
    kinds = [
        (kind, kind_label(kind), f' data-layers="{escape_text(" ".join(x for x in layers if kind in in_layer[x]))}"')
        for kind in kinds_in(features)
    ]
    total = len(features)
    layer_word, kind_word, all_layers, all_kinds = _("Layer"), _("Kind"), _("All layers"), _("All kinds")
    return (
        '<div class="veta-list-filters">'
        f'<div class="veta-list-filter"><label for="{prefix}-layer">{escape_text(layer_word)}</label>'
        f'<select id="{prefix}-layer" data-filter="layer">'
        f"{_options([('', all_layers, '')] + [(x, layer_label(x), '') for x in layers])}</select></div>"
        f'<div class="veta-list-filter"><label for="{prefix}-kind">{escape_text(kind_word)}</label>'
        f'<select id="{prefix}-kind" data-filter="kind">{_options([("", all_kinds, "")] + kinds)}'
        "</select></div>"
        f'<div class="veta-list-filter veta-list-search"><label for="{prefix}-query">{escape_text(_(SEARCH_LABEL))}'
        f'</label><input id="{prefix}-query" type="search" data-filter="query"'
        f' placeholder="{escape_text(_(SEARCH_PLACEHOLDER))}" autocomplete="off" spellcheck="false"></div></div>'
        f'<div class="veta-list-status" role="status" aria-live="polite">'
        f'<p class="veta-list-count" data-suffix="{escape_text(count_suffix(total))}">'
        f"{escape_text(count_line(total, total))}</p>"
        f'<p class="veta-list-empty" hidden>{escape_text(_(NO_MATCH))}</p></div>'
    )


def rows_html(atlas: Atlas, features: Sequence[Feature], selected_id: str | None) -> str:
    """One `<tr>` per feature (cells as in `veta.panels.feature_rows`), the name a `<button>` that picks it.

    The selected row has the marker, the class `veta-row-selected` and `aria-current="true"` on its button.
    """
    out = []
    quote_lang = english_attr()
    for feature, row in zip(features, feature_rows(atlas, features, selected_id), strict=True):
        selected = feature.id == selected_id
        fid = escape_text(feature.id)
        row_class = ' class="veta-row-selected"' if selected else ""
        current = ' aria-current="true"' if selected else ""
        cells = "".join(
            f"<td{quote_lang if key == 'quote' else ''}>{escape_text(row[key])}</td>" for key, _label in COLUMNS[2:]
        )
        out.append(
            f'<tr data-feature="{fid}" data-layer="{escape_text(feature.layer)}" data-kind="{escape_text(feature.kind)}"'
            f' data-search="{escape_text(search_text(feature))}"{row_class}>'
            f'<td class="veta-list-mark">{escape_text(row[" "])}</td>'
            f'<th scope="row"><button type="button" class="veta-pick" data-feature="{fid}"'
            f"{current}>{escape_text(row['name'])}</button></th>{cells}</tr>"
        )
    return "".join(out)


def table_html(atlas: Atlas, region_id: str, features: Sequence[Feature], selected_id: str | None) -> str:
    """The whole table (caption, headers, rows) in a wrapper that scrolls sideways on narrow screens."""
    try:
        region = atlas.region(region_id).name
    except KeyError:
        region = region_id
    heads = "".join(
        f'<th scope="col" class="veta-col-{key.strip() or "mark"}">'
        + (
            f'<span class="veta-visually-hidden">{escape_text(_(label))}</span>'
            if key == " "
            else escape_text(_(label))
        )
        + "</th>"
        for key, label in COLUMNS
    )
    name = escape_text(_("Features of {region}").format(region=region))
    caption = escape_text(_("{mark} marks the selected one").format(mark=SELECTED_MARK))
    return (
        f'<div class="veta-table-wrap" role="region" tabindex="0" aria-label="{name}">'
        f'<table class="veta-list-table"><caption class="veta-visually-hidden">{name},'
        f" {caption}</caption><thead><tr>{heads}</tr></thead>"
        f"<tbody>{rows_html(atlas, features, selected_id)}</tbody></table></div>"
    )


def feature_list_data(atlas: Atlas, region_id: str, selected_id: str | None) -> FeatureListData:
    """Everything the feature-list component of a region page needs, with this feature selected."""
    features = atlas.features_in(region_id)
    return {
        "controls": controls_html(region_id, features),
        "table": table_html(atlas, region_id, features, selected_id),
        "fold": fold_rules(),
    }
