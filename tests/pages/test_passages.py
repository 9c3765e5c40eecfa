"""AppTests of the reader: every passage, marked quotes, feature links, ?passage= targets, filters."""

from __future__ import annotations

import re

import pytest

from tests.pages.atlas_fixture import HOSTILE_ID, HOSTILE_NAME
from tests.pages.conftest import BAD_VALUES, RunPage, assert_echo_escaped, footer, html_bodies, no_exception
from veta.atlas import load_atlas
from veta.escape import escape_text
from veta.quotes import quote_html

REAL = load_atlas()


def _article_ids(at) -> list[str]:  # noqa: ANN001
    return re.findall(r'<article id="(p\d+)"', html_bodies(at))


def test_reader_shows_every_passage_in_order(run_page: RunPage) -> None:
    at = run_page("pages/passages.py")
    no_exception(at)
    assert at.title[0].value == "Read the interview"
    assert _article_ids(at) == [p.id for p in REAL.seed.passages]
    bodies = html_bodies(at)
    for number, section in enumerate(dict.fromkeys(p.section for p in REAL.seed.passages), start=1):
        assert f'<h3 class="veta-section" id="s{number}">{escape_text(section)}</h3>' in bodies
        assert f'<a href="#s{number}">{escape_text(section)}</a>' in bodies
    feature = REAL.features[0]
    assert f'href="./{feature.region}?feature={feature.id}"' in bodies
    marked = re.findall(r"<mark>(.*?)</mark>", bodies)
    for evidence in feature.evidence:
        assert any(quote_html(evidence.exact) in m for m in marked)
    standfirst = REAL.seed.blocks_of("standfirst")[0].text
    assert f"“{quote_html(standfirst)}”" in bodies
    unmapped = REAL.unmapped[0]
    assert escape_text(unmapped.reason) in bodies
    assert "veta-passage-target" not in bodies
    assert "CC BY-NC-ND 3.0" in footer(at)
    assert "Transnational Institute" in at.caption[0].value  # the credit at the top, too


def test_passage_link_highlights_and_scrolls(run_page: RunPage) -> None:
    at = run_page("pages/passages.py", {"passage": "p12"})
    no_exception(at)
    assert not at.warning
    bodies = html_bodies(at)
    assert bodies.count("veta-passage-target") == 1
    assert re.search(r'<article id="p12" class="veta-passage veta-passage-target', bodies)
    scripts = [el for el in at.html if el.proto.unsafe_allow_javascript]
    assert len(scripts) == 1 and 'var id = "p12"' in scripts[0].proto.body


def test_filters_narrow_the_passages(run_page: RunPage) -> None:
    at = run_page("pages/passages.py")
    at.selectbox(key="reader-region").set_value("kachin").run()
    no_exception(at)
    kachin = [p.id for p in REAL.seed.passages if any(f.region == "kachin" for f in REAL.features_citing(p.id))]
    assert _article_ids(at) == kachin
    at.selectbox(key="reader-speaker").set_value("Gisselle").run()
    assert _article_ids(at) == [pid for pid in kachin if REAL.passage(pid).speaker == "Gisselle"]
    at.selectbox(key="reader-region").set_value(None)
    at.selectbox(key="reader-speaker").set_value(None).run()
    at.text_input(key="reader-query").set_value("personhood").run()
    assert _article_ids(at) == [p.id for p in REAL.seed.passages if "personhood" in p.text.lower()]
    at.text_input(key="reader-query").set_value("zzzz-nothing").run()
    assert any("No passage matches" in el.value for el in at.info)


def test_target_outside_filters_is_still_shown(run_page: RunPage) -> None:
    at = run_page("pages/passages.py", {"passage": "p1"})
    at.selectbox(key="reader-layer").set_value("minerals").run()
    no_exception(at)
    assert any("outside these filters" in el.value for el in at.info)
    assert _article_ids(at).count("p1") == 1
    assert len(re.findall(r'id="s1"', html_bodies(at))) <= 1  # the extra copy of a section has no anchor
    assert 'id="p1" class="veta-passage veta-passage-target' in html_bodies(at)


@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_bad_passage_params_give_a_friendly_page(run_page: RunPage, case: str) -> None:
    value = BAD_VALUES[case]
    at = run_page("pages/passages.py", {"passage": value})
    no_exception(at)
    assert at.warning
    assert len(_article_ids(at)) == len(REAL.seed.passages)
    assert_echo_escaped(at, value if isinstance(value, str) else value[0])


def test_reader_escapes_feature_names(run_fixture_page: RunPage) -> None:
    at = run_fixture_page("pages/passages.py", {"passage": "p29"})
    no_exception(at)
    bodies = html_bodies(at)
    assert escape_text(HOSTILE_NAME) in bodies and "<img" not in bodies
    assert f'href="./choco?feature={HOSTILE_ID}"' in bodies
