"""AppTests of the glossary page: every term with our explanation and links to the passages it occurs in."""

from __future__ import annotations

import re

from tests.pages.conftest import RunPage, footer, html_bodies, no_exception
from veta.atlas import load_atlas
from veta.background import background_html
from veta.glossary import load_glossary

REAL = load_atlas()
GLOSSARY = load_glossary(REAL.seed)
PAGE = "pages/glossary.py"


def test_every_term_is_explained_and_linked_to_its_passages(run_page: RunPage) -> None:
    at = run_page(PAGE)
    no_exception(at)
    assert at.title[0].value == "Glossary"
    bodies = html_bodies(at)
    entries = re.findall(r'<div class="veta-term-entry" id="term-([a-z0-9-]+)">', bodies)
    assert sorted(entries) == sorted(t.id for t in GLOSSARY.terms)
    for term in GLOSSARY.terms:
        entry = bodies.split(f'id="term-{term.id}">', 1)[1].split('<div class="veta-term-entry"', 1)[0]
        assert background_html(term.explanation_parts) in entry  # background marked, with its source
        linked = re.findall(r'href="\./passages\?passage=(p\d+)"', entry)
        assert linked == list(term.passage_ids), term.id
        assert linked, f"{term.id} occurs nowhere"
    assert "CC BY-NC-ND 3.0" in footer(at)


def test_search_narrows_the_terms(run_page: RunPage) -> None:
    at = run_page(PAGE)
    at.text_input(key="glossary-query").input("barequeras").run()  # an alternative spelling
    no_exception(at)
    assert re.findall(r'id="term-([a-z0-9-]+)"', html_bodies(at)) == ["barriqueras"]
    at.text_input(key="glossary-query").input("no such word anywhere").run()
    assert any("No term matches" in i.value for i in at.info)
