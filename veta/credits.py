"""Credit lines for the interview and the geodata, shown in the app and in exports.

The constants are the English texts, each marked for translation as a whole (so `_(INTERVIEW_CREDIT_MARKDOWN)`
shows it in the current language); the functions give them in the current language. The interview's title and
series stay English in every language: they are titles.
"""

from __future__ import annotations

import re

from veta.escape import escape_text
from veta.i18n import N_, _

INTERVIEW_URL = "https://www.tni.org/en/article/artisanal-and-informal-mining"
LICENCE_URL = "https://creativecommons.org/licenses/by-nc-nd/3.0/"

INTERVIEW_CREDIT_MARKDOWN = N_(
    'Source: ["Artisanal and Informal Mining"](https://www.tni.org/en/article/artisanal-and-informal-mining), '
    "*Digging Deeper: Conversations on Mining and Just Transitions*, © Transnational Institute (TNI), "
    "[CC BY-NC-ND 3.0](https://creativecommons.org/licenses/by-nc-nd/3.0/). Quotes are reproduced verbatim."
)
INTERVIEW_CREDIT_TEXT = N_(
    '"Artisanal and Informal Mining", Digging Deeper: Conversations on Mining and Just Transitions, '
    "© Transnational Institute (TNI), CC BY-NC-ND 3.0 — https://www.tni.org/en/article/artisanal-and-informal-mining"
)
GEODATA_CREDIT_TEXT = N_(
    "Boundaries, rivers: Natural Earth (public domain); rivers: GSHHG/WDBII (LGPL-3); "
    "places: GeoNames (CC BY 4.0), MIMU via myanmar-geography-json (MIT)"
)
_PLACEHOLDER = re.compile(r"(\{[a-z]+\})")
assert INTERVIEW_URL in INTERVIEW_CREDIT_MARKDOWN and LICENCE_URL in INTERVIEW_CREDIT_MARKDOWN


def interview_credit_markdown() -> str:
    """The interview's credit as Markdown, in the current language."""
    return _(INTERVIEW_CREDIT_MARKDOWN)


def interview_credit_text() -> str:
    """The interview's credit as plain text, in the current language."""
    return _(INTERVIEW_CREDIT_TEXT)


def geodata_credit_text() -> str:
    """The map data's credit as plain text, in the current language."""
    return _(GEODATA_CREDIT_TEXT)


def interview_credit_html() -> str:
    """The interview's credit as HTML (the same words and links as `interview_credit_markdown`), escaped, in the
    current language."""
    title = f'<a href="{escape_text(INTERVIEW_URL)}" target="_blank" rel="noopener">"Artisanal and Informal Mining"</a>'
    series = "<em>Digging Deeper: Conversations on Mining and Just Transitions</em>"
    licence = f'<a href="{escape_text(LICENCE_URL)}" target="_blank" rel="noopener">CC BY-NC-ND 3.0</a>'
    template = _(
        "Source: {title}, {series}, © Transnational Institute (TNI), {licence}. Quotes are reproduced verbatim."
    )
    pieces = {"{title}": title, "{series}": series, "{licence}": licence}
    return "".join(pieces.get(part, escape_text(part)) for part in _PLACEHOLDER.split(template) if part)
