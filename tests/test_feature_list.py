"""Tests for veta.feature_list: the region page's feature list as escaped HTML, its search text and fold rules.

The browser does the filtering (`ui/feature_list.js`); these tests pin what it is given: one row per feature
with its layer, kind and folded search text, the selected row marked, hostile text escaped exactly once, and
folding rules that reproduce `veta.reader.fold` for every code point.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from tests.feature_list_html import Parsed
from tests.hostile import (
    HOSTILE_FEATURE,
    HOSTILE_KIND,
    HOSTILE_NAME,
    KIND_FEATURE,
    LONG_FEATURE,
    LONG_NAME,
    TEMPLATE,
    hostile_atlas,
)
from tests.hostile import RAW_PIECES as HOSTILE_RAW_PIECES
from tests.pages.atlas_fixture import HOSTILE_ID, build_fixture
from tests.pages.atlas_fixture import HOSTILE_NAME as FIXTURE_HOSTILE_NAME
from veta.atlas import load_atlas
from veta.escape import escape_text
from veta.feature_list import (
    COLUMNS,
    COUNT_SUFFIX,
    NO_MATCH,
    RULES_RANGE,
    SEARCH_LABEL,
    SEARCH_PLACEHOLDER,
    controls_html,
    count_line,
    feature_list_data,
    fold_rules,
    rows_html,
    search_text,
    table_html,
)
from veta.model import Atlas, Feature
from veta.panels import SELECTED_MARK, feature_rows, kinds_in
from veta.reader import fold, kind_label, matches_query


@pytest.fixture(scope="module")
def fixture_atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    return load_atlas(build_fixture(tmp_path_factory.mktemp("geodata")))


@pytest.fixture(scope="module")
def real() -> Atlas:
    return load_atlas()


@pytest.fixture(scope="module")
def hostile() -> Atlas:
    return hostile_atlas(load_atlas())


def shown(features: tuple[Feature, ...], query: str = "", layer: str = "", kind: str = "") -> list[str]:
    """The ids the browser shows for these filters: the same test `ui/feature_list.js` runs on each row."""
    return [
        f.id
        for f in features
        if (not layer or f.layer == layer) and (not kind or f.kind == kind) and matches_query(search_text(f), query)
    ]


# ---------------------------------------------------------------------------------------------------- rows


@pytest.mark.parametrize("region_id", ["choco", "madre-de-dios", "kachin"])
def test_one_row_per_feature_with_the_cells_of_feature_rows(real: Atlas, region_id: str) -> None:
    features = real.features_in(region_id)
    parsed = Parsed(rows_html(real, features, None))
    assert [r["attrs"]["data-feature"] for r in parsed.rows] == [f.id for f in features]
    for row, cells, feature in zip(parsed.rows, feature_rows(real, features), features, strict=True):
        assert row["cells"] == [cells[key] for key, _ in COLUMNS]
        assert row["attrs"]["data-layer"] == feature.layer and row["attrs"]["data-kind"] == feature.kind
        assert row["attrs"]["data-search"] == search_text(feature)
        assert row["button"] == {"type": "button", "class": "veta-pick", "data-feature": feature.id}


def test_the_table_has_caption_headers_and_scrolls(real: Atlas) -> None:
    html = table_html(real, "choco", real.features_in("choco"), None)
    assert html.startswith('<div class="veta-table-wrap" role="region" tabindex="0" aria-label="Features of Chocó">')
    assert "<caption" in html and "<thead>" in html
    heads = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', html)
    assert heads == ['<span class="veta-visually-hidden">Selected</span>'] + [label for _, label in COLUMNS[1:]]
    assert [label for _, label in COLUMNS[1:]] == ["Name", "Layer", "Kind", "Precision", "First quote", "Passages"]


def test_the_selected_row_is_marked(real: Atlas) -> None:
    features = real.features_in("choco")
    selected = features[3].id
    parsed = Parsed(rows_html(real, features, selected))
    marks = {r["attrs"]["data-feature"]: r["cells"][0] for r in parsed.rows}
    assert marks == {f.id: SELECTED_MARK if f.id == selected else "" for f in features}
    current = [r["attrs"]["data-feature"] for r in parsed.rows if (r["button"] or {}).get("aria-current") == "true"]
    assert current == [selected]
    classes = [r["attrs"]["data-feature"] for r in parsed.rows if r["attrs"].get("class") == "veta-row-selected"]
    assert classes == [selected]
    nothing = Parsed(rows_html(real, features, None))
    assert not [r for r in nothing.rows if r["cells"][0] or "aria-current" in r["button"]]


def test_first_quote_is_verbatim_with_its_speaker(fixture_atlas: Atlas) -> None:
    parsed = Parsed(rows_html(fixture_atlas, fixture_atlas.features_in("choco"), None))
    river = next(r for r in parsed.rows if r["attrs"]["data-feature"] == "atrato-river")
    assert river["cells"][5] == (
        "“The Atrato is one of the few rivers in the world that has gained personhood rights” — Gisselle Benites"
    )
    assert river["cells"][2] == "Rivers" and river["cells"][6] == "¶ 29"


# ------------------------------------------------------------------------------------------------ controls


def test_controls_have_labelled_native_filters_and_a_live_count(real: Atlas) -> None:
    features = real.features_in("kachin")
    html = controls_html("kachin", features)
    parsed = Parsed(html)
    assert parsed.labels == ["Layer", "Kind", SEARCH_LABEL]
    assert SEARCH_LABEL == "Search names, summaries and quotes"
    assert (
        f'<input id="veta-fl-kachin-query" type="search" data-filter="query" placeholder="{SEARCH_PLACEHOLDER}"' in html
    )
    assert SEARCH_PLACEHOLDER == "e.g. mercury, river, women"
    for name in ("layer", "kind", "query"):
        assert f'<label for="veta-fl-kachin-{name}">' in html and f'id="veta-fl-kachin-{name}"' in html
    assert 'role="status" aria-live="polite"' in html
    assert count_line(len(features), len(features)) in html
    assert count_line(3, 39) == "3 of 39" + COUNT_SUFFIX
    assert COUNT_SUFFIX == " features · select a row to show it on the map and read its evidence"
    assert f'<p class="veta-list-empty" hidden>{NO_MATCH}</p>' in html
    assert NO_MATCH == "No feature matches these filters."


def test_kind_options_know_their_layers(real: Atlas) -> None:
    features = real.features_in("kachin")
    options = Parsed(controls_html("kachin", features)).options
    layers = [o["value"] for o in options if o["select"] == "layer"]
    assert layers == ["", *dict.fromkeys(f.layer for f in features)]
    kinds = {o["value"]: (o.get("data-layers") or "").split() for o in options if o["select"] == "kind"}
    assert list(kinds) == ["", *kinds_in(features)]
    for layer in dict.fromkeys(f.layer for f in features):
        # what the script offers for a layer is what kinds_in gives for it
        assert tuple(k for k, in_layers in kinds.items() if layer in in_layers) == kinds_in(features, [layer])


# ------------------------------------------------------------------------------------------------ escaping


def assert_literal(fragment: str) -> Parsed:
    """No element, handler or raw hostile piece was injected into the fragment."""
    parsed = Parsed(fragment)
    assert "script" not in parsed.tags and "img" not in parsed.tags
    assert not [name for name, _ in parsed.attrs if name.startswith("on")], "an event handler attribute was injected"
    for piece in HOSTILE_RAW_PIECES:
        assert piece not in fragment, f"{piece!r} reached the HTML unescaped"
    return parsed


def test_hostile_text_is_escaped_exactly_once(hostile: Atlas) -> None:
    feature = hostile.feature(HOSTILE_FEATURE)
    data = feature_list_data(hostile, feature.region, feature.id)
    parsed = assert_literal(data["table"])
    row = next(r for r in parsed.rows if r["attrs"]["data-feature"] == feature.id)
    assert row["cells"][1] == HOSTILE_NAME  # the button's text, literally
    assert row["cells"][3] == kind_label(HOSTILE_KIND)
    assert row["attrs"]["data-kind"] == HOSTILE_KIND
    assert row["attrs"]["data-search"] == search_text(feature)
    assert escape_text(HOSTILE_NAME) in data["table"]
    assert escape_text(escape_text(HOSTILE_NAME)) not in data["table"], "escaped twice"
    # the region name (data too) in the caption and the table's label
    assert Parsed(data["table"]).text[0].startswith(f"Features of {hostile.region(feature.region).name}")
    controls = assert_literal(data["controls"])
    assert kind_label(HOSTILE_KIND) in controls.text
    assert HOSTILE_KIND in [o["value"] for o in controls.options if o["select"] == "kind"]
    long = Parsed(feature_list_data(hostile, "choco", None)["table"])
    assert [r["cells"][1] for r in long.rows if r["attrs"]["data-feature"] == LONG_FEATURE] == [LONG_NAME]


def test_fixture_hostile_name_is_literal(fixture_atlas: Atlas) -> None:
    feature = fixture_atlas.feature(HOSTILE_ID)
    html = rows_html(fixture_atlas, fixture_atlas.features_in(feature.region), feature.id)
    parsed = Parsed(html)
    assert "img" not in parsed.tags and "${" not in html and "`" not in html
    assert next(r for r in parsed.rows if r["attrs"]["data-feature"] == HOSTILE_ID)["cells"][1] == FIXTURE_HOSTILE_NAME


# --------------------------------------------------------------------------------- searching and filtering


def test_search_text_is_folded_and_covers_every_field(real: Atlas) -> None:
    for feature in real.features:
        text = search_text(feature)
        assert text == fold(text)
        for part in (feature.name, feature.summary, kind_label(feature.kind), feature.placement_note):
            assert fold(part) in text
        for evidence in feature.evidence:
            assert fold(evidence.exact) in text
    assert "choco" in search_text(next(f for f in real.features_in("choco") if "Chocó" in f.summary))


def test_filters_by_layer_kind_and_text(fixture_atlas: Atlas) -> None:
    """What the old server-side filter did (layers, kinds, a query over name, summary, kind, note, quotes)."""
    kachin = fixture_atlas.features_in("kachin")
    assert shown(kachin, layer="harms") == ["kachin-floods"]
    assert shown(kachin, kind="jade") == ["kachin-jade"]
    assert shown(kachin, query="LANDSLIDES") == ["kachin-floods"]  # a quote's word
    assert shown(fixture_atlas.features, query="lawsuit") == ["atrato-lawsuit"]
    assert shown(kachin, layer="harms", kind="jade") == []
    assert shown(kachin) == [f.id for f in kachin]


def test_searching_for_hostile_text_finds_it_as_text(hostile: Atlas) -> None:
    assert set(shown(hostile.features, query=TEMPLATE)) == {HOSTILE_FEATURE, LONG_FEATURE, KIND_FEATURE}
    assert set(shown(hostile.features, kind=HOSTILE_KIND)) == {HOSTILE_FEATURE, KIND_FEATURE}


def _js_class(body: str) -> set[int]:
    """The code points of a character class body written as `\\u{hex}` and `\\u{hex}-\\u{hex}`."""
    points: set[int] = set()
    for start, end in re.findall(r"\\u\{([0-9a-f]+)\}(?:-\\u\{([0-9a-f]+)\})?", body):
        points.update(range(int(start, 16), int(end or start, 16) + 1))
    assert re.fullmatch(r"(\\u\{[0-9a-f]+\}(-\\u\{[0-9a-f]+\})?)+", body), "not a plain class body"
    return points


def test_fold_rules_reproduce_fold_for_every_code_point() -> None:
    """The script folds as: each character through `casefold` or lower-cased, NFKD, combining marks dropped."""
    rules = fold_rules()
    casefold: dict[str, str] = rules["casefold"]  # type: ignore[assignment]
    combining = _js_class(rules["combining"])  # type: ignore[arg-type]
    space = _js_class(rules["space"])  # type: ignore[arg-type]
    for point in range(0x110000):
        ch = chr(point)
        folded = unicodedata.normalize("NFKD", casefold.get(ch, ch.lower()))
        assert "".join(c for c in folded if ord(c) not in combining) == fold(ch), hex(point)
        assert (point in space) == ch.isspace(), hex(point)
    assert max(combining | space | {ord(c) for c in casefold}) < RULES_RANGE
    # and the whole query, words and all, the way matches_query splits it
    query = "  STRAßE\u2003ΟΔΟΣ Cho\u0301có\x1cﬁn "
    js_like = "".join(casefold.get(c, c.lower()) for c in query)
    js_like = "".join(c for c in unicodedata.normalize("NFKD", js_like) if ord(c) not in combining)
    words = [w for w in re.split("[" + "".join(map(chr, sorted(space))) + "]+", js_like) if w]
    assert words == fold(query).split() == ["strasse", "οδοσ", "choco", "fin"]


def test_the_data_is_what_the_component_gets(real: Atlas) -> None:
    data = feature_list_data(real, "kachin", "kachin-jade")
    assert set(data) == {"controls", "table", "fold"}
    assert data["fold"] is fold_rules()
    assert 'aria-current="true"' in data["table"]
