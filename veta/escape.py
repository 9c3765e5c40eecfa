"""The escaping functions: `escape_text` for text that reaches HTML or JavaScript, `escape_markdown` for text
that Streamlit renders as Markdown.

folium does not escape: `Popup` inserts raw HTML, `Tooltip` text lands inside a JavaScript template
literal (where a backtick ends the string and `${…}` runs code). Every data-derived string that reaches
a page goes through `escape_text` exactly once.
"""

from __future__ import annotations

_REPLACEMENTS = {
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
_PAIRS = tuple(_REPLACEMENTS.items())
"""In this order: `&` first, and no replacement contains a character replaced after it, so each character is
encoded exactly once (the same result as `str.translate`, which is ~100× slower on a whole passage)."""


def escape_text(text: object) -> str:
    """Escape text for HTML element content, HTML attributes and JavaScript template literals alike.

    Besides the HTML specials it encodes backtick, dollar, braces and backslash as character references,
    which browsers show as the literal characters but which cannot end or interpolate a JS template string.
    """
    text = str(text)
    for special, reference in _PAIRS:
        if special in text:
            text = text.replace(special, reference)
    return text


_MARKDOWN_SPECIALS = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
"""Every ASCII punctuation character: CommonMark lets each be backslash-escaped, and shows it literally then."""


def escape_markdown(text: object) -> str:
    """Text that Streamlit's Markdown (st.markdown, st.caption, widget and button labels) shows literally.

    Every ASCII punctuation character is backslash-escaped, so nothing in the text is Markdown syntax: no image
    fetched from elsewhere (`![t](http://…)`), link, emphasis, code, HTML, entity, math (`$…$`) or Streamlit
    directive (`:red[…]`, `:material/…:`). Line breaks become spaces, so the text cannot start a new block.
    Data strings shown by Streamlit as Markdown go through this function once; `escape_text` is for HTML.
    """
    flat = " ".join(str(text).splitlines())
    return "".join(f"\\{ch}" if ch in _MARKDOWN_SPECIALS else ch for ch in flat)
