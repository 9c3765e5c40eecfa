"""Tests for veta.escape: the one escaping function for HTML and JavaScript."""

from __future__ import annotations

import html

import pytest

from veta.escape import escape_text

SPECIALS = "&<>\"'`${}\\"
EXPECTED = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#x27;",
    "`": "&#x60;",
    "$": "&#x24;",
    "{": "&#x7b;",
    "}": "&#x7d;",
    "\\": "&#x5c;",
}


def _one_by_one(text: str) -> str:
    """The reference: every character on its own."""
    return "".join(EXPECTED.get(ch, ch) for ch in text)


@pytest.mark.parametrize("special", list(SPECIALS))
def test_each_special_character_becomes_its_reference(special: str) -> None:
    assert escape_text(special) == EXPECTED[special]
    assert escape_text(f"a{special}b{special}") == f"a{EXPECTED[special]}b{EXPECTED[special]}"


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "`${1+1}` and ${document.cookie}",
        "&amp; is already an entity: it is escaped again, as text",
        "Chocó — São Paulo — ß — 日本 — \u202e — \x00",
        SPECIALS * 3,
        "",
        "x" * 20_000 + SPECIALS,
    ],
)
def test_matches_escaping_each_character_once(text: str) -> None:
    escaped = escape_text(text)
    assert escaped == _one_by_one(text)
    assert not set(escaped) & set(SPECIALS.replace("&", ""))
    assert html.unescape(escaped) == text


def test_every_character_of_the_first_planes_is_escaped_alone() -> None:
    text = "".join(chr(point) for point in range(0x3000) if not 0xD800 <= point <= 0xDFFF)
    assert escape_text(text) == _one_by_one(text)


def test_non_strings_are_escaped_as_their_text() -> None:
    assert escape_text(42) == "42"
    assert escape_text(None) == "None"


def test_the_credits_html_says_the_same_as_the_markdown() -> None:
    import re

    from veta.credits import INTERVIEW_CREDIT_MARKDOWN, INTERVIEW_URL, LICENCE_URL, interview_credit_html

    html = interview_credit_html()
    text = re.sub(r"<[^>]+>", "", html)
    markdown_text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", INTERVIEW_CREDIT_MARKDOWN).replace("*", "")
    assert text == markdown_text
    assert f'href="{INTERVIEW_URL}"' in html and f'href="{LICENCE_URL}"' in html


# ------------------------------------------------------------------------------------------------ escape_markdown

IMAGE = "![t](http://tracker.invalid/t.png)"


def test_escape_markdown_escapes_every_ascii_punctuation_character_once() -> None:
    import string

    from veta.escape import escape_markdown

    assert escape_markdown(string.punctuation) == "".join(f"\\{ch}" for ch in string.punctuation)
    assert escape_markdown("Chocó 2 Ríos") == "Chocó 2 Ríos"  # letters, digits, spaces, non-ASCII: as they are
    assert escape_markdown(IMAGE) == r"\!\[t\]\(http\:\/\/tracker\.invalid\/t\.png\)"
    assert escape_markdown(12) == "12"


@pytest.mark.parametrize("text", ["a\n\n# b", "a\r\nb", "a\rb", "a\u2028b", "a\n"])
def test_escape_markdown_keeps_the_text_on_one_line(text: str) -> None:
    from veta.escape import escape_markdown

    escaped = escape_markdown(text)
    assert not any(ch in escaped for ch in "\n\r\u2028") and escaped.startswith("a")


def test_escape_markdown_renders_as_the_literal_text() -> None:
    """Checked with a CommonMark renderer: the escaped text renders as exactly the original, as text."""
    markdown_it = pytest.importorskip("markdown_it")
    from veta.escape import escape_markdown

    hostile = f"{IMAGE} **b** _i_ `c` <b>x</b> &amp; [l](javascript:x) :red[x] $x$ # h"
    rendered = markdown_it.MarkdownIt("commonmark").renderInline(escape_markdown(hostile))
    assert html.unescape(rendered) == hostile
    assert "<img" not in rendered and "<a" not in rendered and "<strong" not in rendered and "<b>" not in rendered
