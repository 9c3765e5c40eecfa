"""AppTests of the Andean and worldwide statements: listed on the overview, each selectable by a button and by
its address (`/?feature=<id>`) with its evidence, linked from the reader and from a region page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.hostile import RAW_PIECES, copy_geodata, raw_pieces_in
from tests.hostile import run_page as hostile_run_page
from tests.pages.conftest import RunPage, html_bodies, no_exception, page_links
from veta.atlas import load_atlas
from veta.escape import escape_markdown, escape_text
from veta.quotes import quote_html
from veta.reader import feature_href
from veta.scopes import SCOPE_HEADINGS, scope_intro, statement_meta

REAL = load_atlas()
HOME = "pages/home.py"
HOSTILE_WORDS = " ".join(RAW_PIECES)
IMAGE = "![t](http://tracker.invalid/t.png)"
ANDEAN = "andes-women-miners"
WORLDWIDE = "world-asm-workforce"


def _statement_buttons(at) -> dict[str, object]:
    return {b.key.removeprefix("statement-"): b for b in at.button if (b.key or "").startswith("statement-")}


def _shows_evidence_of(at, feature_id: str) -> bool:
    feature = REAL.feature(feature_id)
    bodies = html_bodies(at)
    return all(f"<p>“{quote_html(e.exact)}”</p>" in bodies for e in feature.evidence)  # verbatim, in the panel


def test_overview_lists_every_andean_and_worldwide_statement(run_page: RunPage) -> None:
    at = run_page(HOME)
    no_exception(at)
    assert [h.value for h in at.header if h.value in SCOPE_HEADINGS.values()] == [
        "Across the Andean countries",
        "Worldwide",
    ]
    captions = [c.value for c in at.caption]
    for scope in REAL.scopes:
        assert scope_intro(REAL, scope) in captions
    buttons = _statement_buttons(at)
    scoped = [*REAL.features_in("andes"), *REAL.features_in("world")]
    assert len(scoped) == 31 and list(buttons) == [f.id for f in scoped]  # each once, Andes first, in file order
    bodies = html_bodies(at)
    for feature in scoped:
        assert buttons[feature.id].label == escape_markdown(feature.name)
        # kind, precision and speaker, and the summary with its figures attributed to the speaker, as in the data
        assert escape_text(statement_meta(REAL, feature)) in bodies and escape_text(feature.summary) in bodies
    assert "Gisselle Benites estimates" in bodies or "Gisselle Benites says" in bodies
    assert not any(_shows_evidence_of(at, f.id) for f in scoped)  # nothing selected yet
    assert all(b.proto.type == "secondary" for b in buttons.values())


def test_the_address_selects_a_statement_and_shows_its_evidence(run_page: RunPage) -> None:
    for feature_id in (ANDEAN, WORLDWIDE):
        feature = REAL.feature(feature_id)
        assert feature_href(feature) == f"./?feature={feature_id}"
        at = run_page(HOME, {"feature": feature_id})
        no_exception(at)
        assert not at.warning, [w.value for w in at.warning]
        buttons = _statement_buttons(at)
        assert [k for k, b in buttons.items() if b.proto.type == "primary"] == [feature_id]
        assert _shows_evidence_of(at, feature_id)
        links = page_links(at)
        for passage_id in feature.passage_ids:
            number = REAL.passage(passage_id).number
            assert (f"Read ¶ {number} in the interview", "passages", f"passage={passage_id}") in links
        assert f"/?feature={feature_id}" in [c.value for c in at.code]  # the link to share
        assert "veta-statement-selected" in "".join(el.proto.body for el in at.html)  # brought into view
        shown = re.findall(r'<div class="veta-statement" data-feature="([^"]+)"', html_bodies(at))
        assert feature_id not in shown and len(shown) == 30  # the selected one's summary is in its panel


def test_a_statement_button_selects_it(run_page: RunPage) -> None:
    at = run_page(HOME)
    _statement_buttons(at)[WORLDWIDE].click().run()
    no_exception(at)
    assert at.query_params["feature"] == WORLDWIDE
    assert _shows_evidence_of(at, WORLDWIDE) and not _shows_evidence_of(at, ANDEAN)
    _statement_buttons(at)[ANDEAN].click().run()
    assert at.query_params["feature"] == ANDEAN
    assert _shows_evidence_of(at, ANDEAN) and not _shows_evidence_of(at, WORLDWIDE)


def test_a_region_feature_on_the_overview_links_to_its_region(run_page: RunPage) -> None:
    at = run_page(HOME, {"feature": "kachin-jade"})
    no_exception(at)
    assert at.warning and "belongs to a region" in at.warning[0].value
    assert ("Open it on the Kachin State, Myanmar map", "kachin", "feature=kachin-jade") in page_links(at)


def test_a_statement_on_a_region_page_links_to_the_overview(run_page: RunPage) -> None:
    at = run_page("pages/kachin.py", {"feature": WORLDWIDE})
    no_exception(at)
    assert at.warning
    # the overview is the app's default page: its page name is empty (the address `/?feature=<id>`)
    assert ("Open it on the overview (Worldwide)", "", f"feature={WORLDWIDE}") in page_links(at)


def test_the_reader_filters_by_scope_and_links_its_statements(run_page: RunPage) -> None:
    at = run_page("pages/passages.py")
    region = at.selectbox(key="reader-region")
    assert region.options[-2:] == ["The Andean countries", "Worldwide"]
    for scope in ("andes", "world"):
        at.selectbox(key="reader-region").set_value(scope).run()
        no_exception(at)
        cited = {pid for f in REAL.features_in(scope) for pid in f.passage_ids}
        bodies = html_bodies(at)
        shown = {pid for pid in (p.id for p in REAL.seed.passages) if f'<article id="{pid}"' in bodies}
        assert shown == cited
        for feature in REAL.features_in(scope):
            assert f'<a href="./?feature={feature.id}">{escape_text(feature.name)}</a>' in bodies


@pytest.fixture(scope="module")
def hostile_statement_geodata(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the data whose first worldwide statement has markup and Markdown in its name and summary."""
    geodata = copy_geodata(tmp_path_factory.mktemp("hostile-scope") / "geodata")
    feature = REAL.features_in("world")[0]
    path = geodata / f"{feature.layer}.geojson"
    data = json.loads(path.read_text("utf-8"))
    for item in data["features"]:
        if item["properties"]["id"] == feature.id:
            item["properties"]["name"] = f"{HOSTILE_WORDS} {IMAGE} **bold**"
            item["properties"]["summary"] = f"Summary {HOSTILE_WORDS}"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return geodata


def test_hostile_statement_text_is_shown_as_text(
    hostile_statement_geodata: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VETA_GEODATA", str(hostile_statement_geodata))
    feature = REAL.features_in("world")[0]
    for params in ({}, {"feature": feature.id}):
        at = hostile_run_page(HOME, params)
        no_exception(at)
        assert raw_pieces_in(at) == []
        label = _statement_buttons(at)[feature.id].label
        assert label == escape_markdown(f"{HOSTILE_WORDS} {IMAGE} **bold**")  # a button label is Markdown
    assert escape_text(f"Summary {HOSTILE_WORDS}") in html_bodies(at)
