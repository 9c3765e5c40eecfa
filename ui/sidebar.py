"""The sidebar and footer every page shares: what Veta is and the source credit with its licence.

Each is one `st.html` element: Streamlit renders those after the page's first paint (the element is loaded
lazily), so the credits do not hold up the page's title and map (see docs/performance.md).
"""

from __future__ import annotations

import streamlit as st

from veta.credits import geodata_credit_text, interview_credit_html
from veta.escape import escape_text
from veta.i18n import _, format_number, ngettext
from veta.model import Atlas


def sidebar_html(atlas: Atlas | None = None) -> str:
    """What Veta is, what the atlas holds, and the interview's credit with its licence."""
    counts = ""
    if atlas is not None:
        parts = (
            ngettext("{n} feature", "{n} features", len(atlas.features)),
            ngettext("{n} passage", "{n} passages", len(atlas.seed.passages)),
            ngettext("{n} region", "{n} regions", len(atlas.regions)),
        )
        numbers = (len(atlas.features), len(atlas.seed.passages), len(atlas.regions))
        line = " · ".join(part.format(n=format_number(n)) for part, n in zip(parts, numbers, strict=True))
        counts = f'<p class="veta-meta">{escape_text(line)}</p>'
    note = escape_text(_("every feature on these maps links to the exact words it comes from."))
    return (
        f'<div class="veta-side-note"><p><strong>Veta</strong> — {note}</p>{counts}'
        f'<p class="veta-meta">{interview_credit_html()}</p></div>'
    )


def footer_html() -> str:
    """The credit line at the foot of a page: the interview and the map data."""
    map_data = escape_text(_("Map data:"))
    return (
        f'<footer class="veta-footer"><hr>{interview_credit_html()}<br>'
        f"{map_data} {escape_text(geodata_credit_text())}.</footer>"
    )


def draw_sidebar(atlas: Atlas | None = None) -> None:
    """Draw the shared sidebar (under the page navigation)."""
    with st.sidebar:
        st.html(sidebar_html(atlas))


def draw_footer() -> None:
    """The credit line at the foot of every page (the sidebar is hidden on phones)."""
    st.html(footer_html())
