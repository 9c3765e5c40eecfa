"""Where Veta's pages live: file paths for `st.page_link`, and fixed titles for the region pages."""

from __future__ import annotations

OVERVIEW_PAGE = "pages/home.py"
READER_PAGE = "pages/passages.py"
ABOUT_PAGE = "pages/about.py"

REGION_PAGES: dict[str, str] = {
    "choco": "pages/choco.py",
    "madre-de-dios": "pages/madre-de-dios.py",
    "kachin": "pages/kachin.py",
}
"""Each region's page file; its address is `/<region id>`."""

REGION_TITLES: dict[str, str] = {
    "choco": "Chocó, Colombia",
    "madre-de-dios": "Madre de Dios, Peru",
    "kachin": "Kachin State, Myanmar",
}
"""Page titles of the three regions (fixed text: titles are rendered as Markdown)."""

REGION_TAB_TITLES: dict[str, str] = {
    "choco": "Chocó",
    "madre-de-dios": "Madre de Dios",
    "kachin": "Kachin State",
}
"""The regions' names in the browser tab (`Kachin State · Veta`)."""
