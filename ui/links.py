"""Where Veta's pages live: file paths for `st.page_link`, and fixed titles for the region pages.

The titles are marked for translation (`N_`) and shown in the run's language with `region_title`,
`region_tab_title` and `area_title`; the dictionaries keep the English.
"""

from __future__ import annotations

from veta.i18n import N_, _, localized_link

OVERVIEW_PAGE = "pages/home.py"
READER_PAGE = "pages/passages.py"
ABOUT_PAGE = "pages/about.py"

REGION_PAGES: dict[str, str] = {
    "choco": "pages/choco.py",
    "madre-de-dios": "pages/madre-de-dios.py",
    "kachin": "pages/kachin.py",
}
"""Each region's page file; its address is `/<region id>`."""

SCOPE_TITLES: dict[str, str] = {"andes": N_("The Andean countries"), "world": N_("Worldwide")}
"""Titles of the scopes beyond the three regions (fixed text); their statements are on the overview."""


def page_of(region_id: str) -> str:
    """The page file that shows a region's features: its region page, or the overview for a scope."""
    return REGION_PAGES.get(region_id, OVERVIEW_PAGE)


def region_title(region_id: str) -> str:
    """A focus region's page title in the run's language ("Chocó, Colombia")."""
    return _(REGION_TITLES[region_id])


def region_tab_title(region_id: str) -> str:
    """A focus region's name in the browser tab, in the run's language."""
    return _(REGION_TAB_TITLES[region_id])


def area_title(region_id: str) -> str:
    """The title of a focus region or a scope in the run's language (the id itself if unknown)."""
    english = REGION_TITLES.get(region_id) or SCOPE_TITLES.get(region_id)
    return _(english) if english else region_id


REGION_TITLES: dict[str, str] = {
    "choco": N_("Chocó, Colombia"),
    "madre-de-dios": N_("Madre de Dios, Peru"),
    "kachin": N_("Kachin State, Myanmar"),
}
"""Page titles of the three regions (fixed text: titles are rendered as Markdown), in English."""

REGION_TAB_TITLES: dict[str, str] = {
    "choco": N_("Chocó"),
    "madre-de-dios": N_("Madre de Dios"),
    "kachin": N_("Kachin State"),
}
"""The regions' names in the browser tab (`Kachin State · Veta`), in English."""


def with_language(link: str) -> str:
    """A link (built by a `veta` function or by hand) that keeps the run's language: `lang=<code>` added unless
    the link already carries a `lang` (`veta.i18n.localized_link`)."""
    query = link.partition("#")[0].partition("?")[2]
    if any(part.split("=", 1)[0] == "lang" for part in query.split("&")):
        return link
    return localized_link(link)
