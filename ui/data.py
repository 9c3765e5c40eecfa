"""Loading the atlas once per server, at the UI edge, and the error page when the data is wrong."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from ui.internals import leave_legacy_pages_mode
from veta.atlas import read_atlas
from veta.escape import escape_text
from veta.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    LOCALE_DIR,
    N_,
    _,
    current_language,
    format_number,
    ngettext,
    use_language,
)
from veta.model import Atlas
from veta.paths import GEODATA_DIR, SEEDS_DIR
from veta.problems import NO_FEATURE, Problem, display_path
from veta.translate import localize_atlas

_Result = TypeVar("_Result")


def cached_with_spinner(
    message: str, **cache_options: Any
) -> Callable[[Callable[..., _Result]], Callable[..., _Result]]:
    """`st.cache_resource` whose spinner (`message`, marked with `N_`) speaks the run's language.

    A cache decorator's spinner text is fixed when the decorator runs, at import: this makes one decorated
    function per language (sharing one cache: Streamlit keys it by the function's code) and calls the one of the
    run's language. Whatever the function returns in words must still depend on its arguments (an atlas is one
    object per language).

    Not `with st.spinner(...)` around the call: that starts a timer thread and sends a message to clear the
    spinner on every call, cache hits included (every rerun of every map page); a cache's own spinner runs only
    on a miss."""

    def decorate(function: Callable[..., _Result]) -> Callable[..., _Result]:
        by_language = {}
        for language in LANGUAGES:
            with use_language(language):
                by_language[language] = st.cache_resource(show_spinner=_(message), **cache_options)(function)

        @functools.wraps(function)
        def call(*args: Any, **kwargs: Any) -> _Result:
            return by_language.get(current_language(), by_language[DEFAULT_LANGUAGE])(*args, **kwargs)

        call.clear = by_language[DEFAULT_LANGUAGE].clear  # type: ignore[attr-defined] - one cache for all
        return call

    return decorate


def content_stamp(language: str) -> tuple[tuple[str, int, int], ...]:
    """The stamp of a language's content catalogues (`locale/<lang>/content/`): the localized atlas is made again
    when one changes, without a restart."""
    return data_stamp(LOCALE_DIR / language / "content")


def data_dirs() -> tuple[Path, Path]:
    """The geodata and seeds folders: the shipped ones, or those named by VETA_GEODATA / VETA_SEEDS."""
    return (
        Path(os.environ.get("VETA_GEODATA", GEODATA_DIR)),
        Path(os.environ.get("VETA_SEEDS", SEEDS_DIR)),
    )


def data_stamp(*folders: Path) -> tuple[tuple[str, int, int], ...]:
    """(path, modification time in ns, size) of every file directly in `folders`: the atlas is read again when
    any of them changes (a file fixed, added or removed), without a restart."""
    stamp: list[tuple[str, int, int]] = []
    for folder in folders:
        try:
            entries = sorted(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            try:
                info = entry.stat()
            except OSError:
                continue
            if entry.is_file():
                stamp.append((str(entry), info.st_mtime_ns, info.st_size))
    return tuple(stamp)


class _DataProblems(Exception):
    """Raised out of the cached loader so that Streamlit does not cache a failed load (it never caches errors)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in the data")
        self.problems = problems


@cached_with_spinner(N_("Loading the interview and the maps…"), max_entries=8)
def _cached_atlas(geodata_dir: str, seeds_dir: str, stamp: tuple[tuple[str, int, int], ...]) -> Atlas:
    try:
        atlas, problems = read_atlas(Path(geodata_dir), Path(seeds_dir))
    except Exception as error:  # noqa: BLE001 - the last safety net: a visitor sees the error page, not a traceback
        atlas, problems = (
            None,
            [Problem(display_path(Path(geodata_dir)), NO_FEATURE, f"the data cannot be read ({type(error).__name__})")],
        )
    if atlas is None:
        raise _DataProblems(problems)
    return atlas


@st.cache_resource(show_spinner=False, max_entries=16)
def _localized_atlas(_atlas: Atlas, atlas_id: int, language: str, stamp: tuple[tuple[str, int, int], ...]) -> Atlas:
    return localize_atlas(_atlas, language)


def _atlas_or_problems() -> tuple[Atlas | None, list[Problem]]:
    """The checked atlas in the run's language (cached while its files and catalogues are unchanged), or None and
    the problems (never cached)."""
    geodata_dir, seeds_dir = data_dirs()
    language = current_language()
    try:
        atlas = _cached_atlas(str(geodata_dir), str(seeds_dir), data_stamp(geodata_dir, seeds_dir))
    except _DataProblems as failed:
        return None, failed.problems
    if language == DEFAULT_LANGUAGE:
        return atlas, []
    return _localized_atlas(atlas, id(atlas), language, content_stamp(language)), []


def checked_atlas() -> Atlas | None:
    """The checked atlas, or None if the data has problems (outside a page's run: no error page)."""
    return _atlas_or_problems()[0]


def get_atlas() -> Atlas:
    """The checked atlas; if the data has problems, show the error page and stop the script."""
    if leave_legacy_pages_mode():  # ui.internals: a first deep link runs app.py, not the page alone
        st.rerun()
    atlas, problems = _atlas_or_problems()
    if atlas is None:
        show_data_error_page(problems)
        st.stop()
    return atlas


def _one_line(text: str) -> str:
    """A problem's text without line breaks: in the error page's HTML (st.markdown), a blank line would end the
    HTML block and let the rest be read as Markdown."""
    return " ".join(str(text).splitlines())


def show_data_error_page(problems: list[Problem]) -> None:
    """A clear page naming each broken file and problem, instead of a broken map. The framing is in the run's
    language; each problem names its file and feature, and says what is wrong in English, for the maintainer
    (`lang="en"`)."""
    st.title(_("Veta cannot show the atlas: the data has problems"))
    found = ngettext(
        "{count} problem(s) were found in Veta's data files.",
        "{count} problem(s) were found in Veta's data files.",
        len(problems),
    ).format(count=format_number(len(problems)))
    st.error(found + " " + _("No map is shown until they are fixed, so that nothing half-checked reaches you."))
    rows = "".join(
        f"<li><code>{escape_text(_one_line(p.file))}</code> — <b>{escape_text(_one_line(p.feature_id))}</b>: "
        f'<span lang="en">{escape_text(_one_line(p.message))}</span></li>'
        for p in problems[:200]
    )
    st.markdown(f"<ul>{rows}</ul>", unsafe_allow_html=True)
    if len(problems) > 200:
        st.caption(_("…and {count} more.").format(count=format_number(len(problems) - 200)))
    st.info(_("Run `python -m veta validate` in the project folder for the full list, fix the files, then reload."))
