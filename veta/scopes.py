"""The Andean and worldwide scopes: what the interview says about the Andean countries as a whole and about
artisanal mining worldwide, as statements listed beside the maps (the overview, the offline pack, compare).

Pure functions (no Streamlit). A scope's statements are its features (`Atlas.features_in("andes")`); they are
region-wide and have no place of their own. Every data-derived string in HTML goes through `escape_text`.
"""

from __future__ import annotations

from veta.escape import escape_text
from veta.i18n import N_, _, format_number, ngettext
from veta.layers import SCOPE_IDS, kind_label, layer_label
from veta.model import Atlas, Feature, Region
from veta.precision import precision_label
from veta.reader import speaker_name

SCOPE_HEADINGS: dict[str, str] = {"andes": N_("Across the Andean countries"), "world": N_("Worldwide")}
"""The heading under which each scope's statements are listed (overview, offline pack, compare), in English;
`scope_heading` gives it in the current language."""


def scope_heading(scope_id: str) -> str:
    """The heading of a scope's statements in the current language (`Across the Andean countries`); the id
    itself if unknown."""
    heading = SCOPE_HEADINGS.get(scope_id)
    return _(heading) if heading else scope_id


def and_list(items: tuple[str, ...] | list[str], *, commas: bool = False) -> str:
    """Items joined in words, in the current language: `A and B and C`, or with `commas` `A, B and C`."""
    if not items:
        return ""
    if commas and len(items) > 2:
        items = [", ".join(items[:-1]), items[-1]]
    joined = items[0]
    for item in items[1:]:
        joined = _("{first} and {second}").format(first=joined, second=item)
    return joined


def scope_countries(scope: Region) -> tuple[str, ...]:
    """The countries a scope is made of (`Colombia`, `Peru`, …); none for the worldwide scope."""
    return tuple(c.strip() for c in scope.country.split(",") if c.strip())


def scope_intro(atlas: Atlas, scope: Region) -> str:
    """One plain-text line saying what a scope's statements are about and how many there are."""
    count = len(atlas.features_in(scope.id))
    countries = scope_countries(scope)
    if countries:
        text = ngettext(
            "{count} statement of the interview about the Andean countries as a whole ({where}), not one place in "
            "them. Figures and judgements are the speakers'.",
            "{count} statements of the interview about the Andean countries as a whole ({where}), not one place in "
            "them. Figures and judgements are the speakers'.",
            count,
        )
        return text.format(count=format_number(count), where=and_list(countries, commas=True))
    text = ngettext(
        "{count} statement of the interview about artisanal and small-scale mining worldwide, with no place on the "
        "map. Figures and judgements are the speakers'.",
        "{count} statements of the interview about artisanal and small-scale mining worldwide, with no place on the "
        "map. Figures and judgements are the speakers'.",
        count,
    )
    return text.format(count=format_number(count))


def scopes_of_region(atlas: Atlas, region_id: str) -> tuple[Region, ...]:
    """The scopes whose statements bear on a focus region: worldwide always, the Andean countries when the
    region lies in one of them (by its country)."""
    country = atlas.region(region_id).country
    return tuple(s for s in atlas.scopes if not scope_countries(s) or country in scope_countries(s))


def statement_speakers(atlas: Atlas, feature: Feature) -> tuple[str, ...]:
    """The full names of the speakers a statement quotes, in order of first quote, without repeats."""
    return tuple(dict.fromkeys(speaker_name(atlas.passage(e.passage_id).speaker) for e in feature.evidence))


def statement_meta(atlas: Atlas, feature: Feature) -> str:
    """A statement's line of plain text: layer · kind · precision · whom it quotes (in the current language)."""
    return " · ".join(
        [
            layer_label(feature.layer),
            kind_label(feature.kind),
            precision_label(feature.precision),
            _("quoting {speakers}").format(speakers=and_list(statement_speakers(atlas, feature))),
        ]
    )


def statement_html(
    atlas: Atlas, feature: Feature, *, href: str = "", element_id: str = "", with_name: bool = True
) -> str:
    """A statement as escaped HTML: its name (a link to `href` if given; left out without `with_name`, when a
    button shows it), its meta line and its summary."""
    name = escape_text(feature.name)
    if href:
        name = f'<a href="{escape_text(href)}">{name}</a>'
    id_attr = f' id="{escape_text(element_id)}"' if element_id else ""
    head = f'<p class="veta-statement-name"><b>{name}</b></p>' if with_name else ""
    return (
        f'<div class="veta-statement" data-feature="{escape_text(feature.id)}"{id_attr}>{head}'
        f'<p class="veta-meta">{escape_text(statement_meta(atlas, feature))}</p>'
        f'<p class="veta-statement-summary">{escape_text(feature.summary)}</p></div>'
    )


def is_scope(region_id: str) -> bool:
    """True for the Andean and worldwide scopes, False for a focus region."""
    return region_id in SCOPE_IDS
