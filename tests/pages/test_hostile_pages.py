"""Hostile text in the data reaches every page only escaped (in the feature list's HTML too).

VETA_GEODATA points at a copy of the real data whose features carry `<script>`, `<img onerror>`, a backtick,
`${1+1}`, both kinds of quote marks and 5,000-character texts in name, summary, placement note and caveat.
The copy still validates, so every page draws; nothing hostile may reach its HTML or JavaScript unescaped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.feature_list_html import Parsed, feature_list_data, feature_list_names
from tests.hostile import (
    HOSTILE,
    HOSTILE_FEATURE,
    HOSTILE_NAME,
    HOSTILE_NOTE,
    HOSTILE_SUMMARY,
    LONG_FEATURE,
    LONG_NAME,
    TEMPLATE,
    hostile_copy,
    markup_of,
    page_files,
    raw_pieces_in,
    run_page,
)
from tests.map_text import decoded
from tests.pages.conftest import map_script
from veta.atlas import read_atlas
from veta.escape import escape_text
from veta.paths import SEEDS_DIR
from veta.reader import matches_query


@pytest.fixture(scope="module")
def hostile_geodata(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_copy(tmp_path_factory.mktemp("hostile") / "geodata")


@pytest.fixture(autouse=True)
def hostile_env(hostile_geodata: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VETA_GEODATA", str(hostile_geodata))


def everything(at: AppTest) -> str:
    return "\n".join(markup_of(at))


def table_names(at: AppTest) -> list[str]:
    """The names in the page's feature list, as a browser shows them (character references decoded)."""
    return feature_list_names(at)


def test_the_hostile_copy_validates(hostile_geodata: Path) -> None:
    atlas, problems = read_atlas(hostile_geodata, SEEDS_DIR)
    assert problems == [] and atlas is not None
    assert atlas.feature(HOSTILE_FEATURE).name == HOSTILE_NAME


@pytest.mark.parametrize("page_file", page_files())
def test_no_page_lets_hostile_text_through(page_file: str) -> None:
    at = run_page(page_file)
    assert not at.exception, at.exception
    assert at.title and at.title[0].value != "Veta cannot show the atlas: the data has problems"
    assert not raw_pieces_in(at), raw_pieces_in(at)


def test_region_page_with_the_hostile_feature_selected() -> None:
    at = run_page("pages/kachin.py", {"feature": HOSTILE_FEATURE})
    assert not at.exception, at.exception
    assert not raw_pieces_in(at), raw_pieces_in(at)
    markup = everything(at)
    # evidence panel (st.html) and map (tooltip + popup in the component's script): escaped exactly once
    for text in (HOSTILE_NAME, HOSTILE_SUMMARY, HOSTILE_NOTE):
        assert escape_text(text) in markup, f"not shown: {text[:40]!r}"
        assert escape_text(escape_text(text)) not in markup, f"escaped twice: {text[:40]!r}"
    script = decoded(map_script(at))  # the map's data as its script reads it (JSON strings decoded)
    assert script.count(escape_text(HOSTILE_NAME)) >= 2, "hostile name missing from the map's tooltip or popup"
    # the feature list shows the name literally: escaped exactly once in its HTML
    assert HOSTILE_NAME in table_names(at)
    table = feature_list_data(at)["table"]
    assert escape_text(HOSTILE_NAME) in table and escape_text(escape_text(HOSTILE_NAME)) not in table


def test_long_name_on_the_map_and_in_the_table() -> None:
    at = run_page("pages/choco.py", {"feature": LONG_FEATURE})
    assert not at.exception, at.exception
    assert LONG_NAME in table_names(at)
    assert escape_text(LONG_NAME) in everything(at)


def test_searching_the_table_for_hostile_text() -> None:
    """The list searches in the browser (tests/browser/test_hostile_browser.py types it); here, the search text
    the page gives each row finds the hostile feature, and only it, for the hostile query."""
    at = run_page("pages/kachin.py")
    assert not at.exception, at.exception
    rows = Parsed(feature_list_data(at)["table"]).rows
    for query in (TEMPLATE, HOSTILE):
        found = [row["cells"][1] for row in rows if matches_query(row["attrs"]["data-search"], query)]
        assert found == [HOSTILE_NAME], query


def test_reader_lists_the_hostile_feature_escaped() -> None:
    at = run_page("pages/passages.py")
    assert not at.exception, at.exception
    assert f">{escape_text(HOSTILE_NAME)}</a>" in everything(at)
    at.text_input(key="reader-query").input(HOSTILE).run()
    assert not at.exception, at.exception
    assert not raw_pieces_in(at), raw_pieces_in(at)
