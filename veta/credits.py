"""Credit lines for the interview and the geodata, shown in the app and in exports."""

from __future__ import annotations

from veta.escape import escape_text

INTERVIEW_URL = "https://www.tni.org/en/article/artisanal-and-informal-mining"
LICENCE_URL = "https://creativecommons.org/licenses/by-nc-nd/3.0/"

INTERVIEW_CREDIT_MARKDOWN = (
    f'Source: ["Artisanal and Informal Mining"]({INTERVIEW_URL}), *Digging Deeper: Conversations on Mining '
    "and Just Transitions*, © Transnational Institute (TNI), "
    f"[CC BY-NC-ND 3.0]({LICENCE_URL}). Quotes are reproduced verbatim."
)
INTERVIEW_CREDIT_TEXT = (
    '"Artisanal and Informal Mining", Digging Deeper: Conversations on Mining and Just Transitions, '
    f"© Transnational Institute (TNI), CC BY-NC-ND 3.0 — {INTERVIEW_URL}"
)
GEODATA_CREDIT_TEXT = (
    "Boundaries, rivers: Natural Earth (public domain); rivers: GSHHG/WDBII (LGPL-3); "
    "places: GeoNames (CC BY 4.0), MIMU via myanmar-geography-json (MIT)"
)


def interview_credit_html() -> str:
    """The interview's credit as HTML (the same words and links as INTERVIEW_CREDIT_MARKDOWN), escaped."""
    return (
        f'Source: <a href="{escape_text(INTERVIEW_URL)}" target="_blank" rel="noopener">"Artisanal and Informal '
        'Mining"</a>, <em>Digging Deeper: Conversations on Mining and Just Transitions</em>, © Transnational '
        f'Institute (TNI), <a href="{escape_text(LICENCE_URL)}" target="_blank" rel="noopener">CC BY-NC-ND 3.0</a>. '
        "Quotes are reproduced verbatim."
    )
