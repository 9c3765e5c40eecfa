"""veta.quotes: TNI's editorial insertions marked wherever the interview's words are shown as HTML."""

from __future__ import annotations

import html
import re

import pytest

from veta.atlas import load_atlas
from veta.glossary import load_glossary
from veta.handout import marked_glossed_html, passage_with_quotes_html
from veta.maps import popup_html
from veta.panels import evidence_panel_html, quotes_html
from veta.quotes import EDITORIAL_OPEN, Layer, editorial_spans, layered_html, quote_html
from veta.reader import highlight_html

COUP = "[Since the military coup in 2021]"
QUOTE = f"{COUP} the state has passed laws to grant mining concessions to cronies and members of the military."
MARKED = f"{EDITORIAL_OPEN}{COUP}</span>"
ATLAS = load_atlas()
TAGS = re.compile(r"<[^>]+>")


def test_the_quote_is_in_the_interview() -> None:
    assert QUOTE in ATLAS.seed.text


def test_quote_html_marks_the_insertion_and_keeps_every_word() -> None:
    out = quote_html(QUOTE)
    assert (
        out == MARKED + " the state has passed laws to grant mining concessions to cronies and members of the military."
    )
    assert 'title="Editorial insertion by TNI"' in out
    assert html.unescape(TAGS.sub("", out)) == QUOTE


def test_quote_html_escapes_inside_and_outside_brackets() -> None:
    out = quote_html("a <b> [x & <i>] `${y}`")
    assert out == "a &lt;b&gt; " + EDITORIAL_OPEN + "[x &amp; &lt;i&gt;]</span> &#x60;&#x24;&#x7b;y&#x7d;&#x60;"


@pytest.mark.parametrize("text", ["no brackets", "an [open bracket", "closed] only", "[]", "a [\n] b"])
def test_no_insertion_no_span(text: str) -> None:
    assert "veta-editorial" not in quote_html(text)


def test_every_insertion_in_the_interview_is_found() -> None:
    spans = editorial_spans(ATLAS.seed.text)
    found = [ATLAS.seed.text[s:e] for s, e in spans]
    assert COUP in found and "[in river beds]" in found
    assert len(found) == ATLAS.seed.text.count("[")


def test_layers_nest_and_split_at_outer_edges() -> None:
    text = "ab[cd]ef"
    marks = Layer([(0, 4, "<mark>")], "</mark>")  # a mark ending inside the brackets
    out = layered_html(text, [marks, Layer([(2, 6, "<i>")], "</i>")])
    assert out == "<mark>ab<i>[c</i></mark><i>d]</i>ef"


def test_the_panel_the_popup_and_the_reader_mark_it() -> None:
    feature = next(f for f in ATLAS.features if any(e.exact == QUOTE for e in f.evidence))
    evidence = next(e for e in feature.evidence if e.exact == QUOTE)
    assert MARKED in quotes_html(ATLAS, (evidence,))
    assert MARKED in evidence_panel_html(ATLAS, feature)  # the quote and its passage in context
    assert MARKED in popup_html(ATLAS, feature)
    passage = ATLAS.passage(evidence.passage_id)
    start = evidence.start - passage.start
    reader = highlight_html(passage.text, [(start, evidence.end - passage.start)])
    assert f"<mark>{MARKED} the state has passed" in reader


def test_tour_passages_and_handout_quotes_mark_it() -> None:
    glossary = load_glossary(ATLAS.seed)
    feature = next(f for f in ATLAS.features if any(e.exact == QUOTE for e in f.evidence))
    evidence = next(e for e in feature.evidence if e.exact == QUOTE)
    out = passage_with_quotes_html(ATLAS, [evidence], glossary)
    assert MARKED in out
    # glossary terms inside a marked quote still become <abbr>, and the text is unchanged
    marked = marked_glossed_html(QUOTE, [(0, len(QUOTE))], glossary)
    assert marked.startswith("<mark>" + MARKED)
    assert '<abbr class="veta-term" data-term="cronies"' in marked
    assert html.unescape(TAGS.sub("", marked)) == QUOTE
