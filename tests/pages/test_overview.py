"""AppTests of the overview page: world map, introduction, speakers, per-region counts, key quotes, links."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.conftest import (
    APP,
    BAD_VALUES,
    RunPage,
    click_map,
    footer,
    html_bodies,
    map_elements,
    no_exception,
    page_links,
)
from ui.links import REGION_TITLES
from veta.atlas import load_atlas
from veta.escape import escape_text
from veta.quotes import quote_html
from veta.reader import speaker_name
from veta.summary import key_quote

REAL = load_atlas()


def test_overview_shows_regions_quotes_and_links(run_page: RunPage) -> None:
    at = run_page("pages/home.py")
    no_exception(at)
    assert at.title[0].value.startswith("Veta")
    assert len(map_elements(at)) == 1
    assert [el.value for el in at.subheader] == list(REGION_TITLES.values())
    bodies = html_bodies(at)
    links = page_links(at)
    for region in REAL.regions:
        quote = key_quote(REAL, region.id)
        assert quote is not None and quote.evidence.exact in REAL.seed.text
        speaker = speaker_name(REAL.passage(quote.evidence.passage_id).speaker)
        assert f"<p>“{quote_html(quote.evidence.exact)}”</p><footer>— {escape_text(speaker)}," in bodies
        assert ("This quote in the interview", "passages", f"passage={quote.evidence.passage_id}") in links
        assert ("Explore the map", region.id, "") in links
    text = "\n".join(el.value for el in at.markdown)
    for name in ("Katie", "Gisselle Benites", "Doi Ra"):
        assert f"**{name}**" in text
    counts = [el.value for el in at.caption if "Minerals" in el.value]
    assert len(counts) == 3
    assert f"Harms {len(REAL.features_in('kachin', 'harms'))} · Responses" in counts[2]
    assert "CC BY-NC-ND 3.0" in footer(at)


def test_app_root_draws_sidebar_credit_and_overview() -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    no_exception(at)
    assert at.title[0].value.startswith("Veta")
    sidebar = "\n".join(el.proto.body for el in at.sidebar.get("html"))
    assert "Transnational Institute" in sidebar and "CC BY-NC-ND 3.0" in sidebar


def test_overview_map_click_opens_the_region(run_page: RunPage, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_page("pages/home.py")
    (element,) = map_elements(at)
    click_map(at, monkeypatch, "kachin")
    no_exception(at)
    assert at.title[0].value == REGION_TITLES["kachin"]


@pytest.mark.parametrize("case", ["markup", "long", "repeated"])
def test_overview_ignores_stray_params(run_page: RunPage, case: str) -> None:
    at = run_page("pages/home.py", {"feature": BAD_VALUES[case], "passage": BAD_VALUES[case]})
    no_exception(at)
    assert at.title[0].value.startswith("Veta")
    assert "<b>bold</b>" not in html_bodies(at)
