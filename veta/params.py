"""Reading the address's query parameters (`?feature=…`, `?passage=…`) safely: any value, a friendly answer.

Pure functions: they take the list of values a parameter has in the address (it may be repeated, empty,
very long, non-ASCII or full of markup) and return what to show, plus a notice for the reader when the
value cannot be used. Notices carry the offending value shortened, never escaped: the UI escapes it once.
Their messages are in the current language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from veta.i18n import _, format_number, language_query
from veta.layers import SCOPE_IDS
from veta.model import Atlas, Feature
from veta.reader import page_path
from veta.seed import Passage

ECHO_MAX_CHARS = 60
"""How much of a bad value a notice repeats back."""
ID_MAX_CHARS = 200
"""Ids longer than this are not looked up at all."""


@dataclass(frozen=True)
class Notice:
    """A friendly message about a query parameter that could not be used, and the value as given."""

    message: str
    value: str = ""


@dataclass(frozen=True)
class FeatureChoice:
    """The outcome of a `feature` parameter on a region page."""

    feature: Feature | None = None
    notice: Notice | None = None
    elsewhere: Feature | None = None  # a known feature that belongs to another region


@dataclass(frozen=True)
class PassageChoice:
    """The outcome of a `passage` parameter in the reader."""

    passage: Passage | None = None
    notice: Notice | None = None


def shorten(value: str, limit: int = ECHO_MAX_CHARS) -> str:
    """A value cut to `limit` characters for repeating back, control characters and line breaks as spaces."""
    flat = "".join(" " if (ch.isspace() or not ch.isprintable()) else ch for ch in value)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _single(values: Sequence[str], what: str) -> tuple[str | None, Notice | None]:
    """The one usable value of a parameter (`what` is "feature" or "passage"), or a notice when it is empty or
    given with different values."""
    cleaned = [v.strip() for v in values]
    distinct = list(dict.fromkeys(v for v in cleaned if v))
    if not values:
        return None, None
    if not distinct:
        if what == "passage":
            return None, Notice(_("The address asks for a passage but gives no id, so nothing is selected."))
        return None, Notice(_("The address asks for a feature but gives no id, so nothing is selected."))
    if len(distinct) > 1:
        count = format_number(len(distinct))
        if what == "passage":
            message = _("The address names {count} different passages; Veta shows the first one.")
        else:
            message = _("The address names {count} different features; Veta shows the first one.")
        return distinct[0], Notice(message.format(count=count), distinct[0])
    return distinct[0], None


def resolve_feature_param(atlas: Atlas, region_id: str, values: Sequence[str]) -> FeatureChoice:
    """What a region page should select for the `feature` values in its address."""
    return _resolve_feature(atlas, frozenset({region_id}), values, _("This feature is on another region's map."))


def resolve_scope_feature_param(atlas: Atlas, values: Sequence[str]) -> FeatureChoice:
    """What the overview should select for the `feature` values in its address: an Andean or worldwide
    statement (a feature of a scope, `veta.layers.SCOPE_IDS`); a focus region's feature is `elsewhere`."""
    return _resolve_feature(
        atlas,
        frozenset(SCOPE_IDS),
        values,
        _("This feature belongs to a region: it is shown on that region's map."),
    )


def _resolve_feature(atlas: Atlas, shown_here: frozenset[str], values: Sequence[str], elsewhere: str) -> FeatureChoice:
    """The feature named by `values` if its region is one of `shown_here`; else a notice (and the feature as
    `elsewhere` when it is shown on another page)."""
    value, notice = _single(values, "feature")
    if value is None:
        return FeatureChoice(notice=notice)
    if len(value) > ID_MAX_CHARS:
        return FeatureChoice(notice=Notice(_("The feature id in the address is too long to be one of Veta's."), value))
    try:
        feature = atlas.feature(value)
    except KeyError:
        return FeatureChoice(
            notice=Notice(_("There is no feature with this id, so the map is shown without a selection."), value)
        )
    if feature.region not in shown_here:
        return FeatureChoice(notice=Notice(elsewhere, value), elsewhere=feature)
    return FeatureChoice(feature=feature, notice=notice)


def resolve_passage_param(atlas: Atlas, values: Sequence[str]) -> PassageChoice:
    """Which passage the reader should bring into view for the `passage` values in its address."""
    value, notice = _single(values, "passage")
    if value is None:
        return PassageChoice(notice=notice)
    if len(value) > ID_MAX_CHARS:
        return PassageChoice(notice=Notice(_("The passage id in the address is too long to be one of Veta's."), value))
    try:
        passage = atlas.passage(value)
    except KeyError:
        count = len(atlas.seed.passages)
        return PassageChoice(
            notice=Notice(
                _("There is no passage with this id (passages run from p1 to p{count}).").format(count=count), value
            )
        )
    return PassageChoice(passage=passage, notice=notice)


def share_link(page_url: str | None, region_id: str, feature_id: str) -> str:
    """The address of a region page with one feature selected, to copy and share.

    `page_url` is the page's own URL as the browser shows it, without query (Streamlit's `st.context.url`);
    without it the link is relative (`/kachin?feature=<id>`; `/?feature=<id>` for an Andean or worldwide
    statement, shown on the overview). In a language other than English the link keeps it (`&lang=es`).
    """
    query = urlencode({"feature": feature_id, **language_query()})
    if page_url:
        return f"{page_url.split('?', 1)[0].split('#', 1)[0]}?{query}"
    return f"/{page_path(region_id)}?{query}"
