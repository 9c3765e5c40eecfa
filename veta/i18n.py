"""Veta in English and Spanish: the language of the current run, interface messages, locale formatting.

Interface strings are marked in the code with `_()` (or `N_()` where a constant is defined and translated at
use, `ngettext()` for plurals) and live in gettext catalogues, `locale/<lang>/LC_MESSAGES/{ui,veta}.po`,
extracted and updated with Babel (`python -m veta.build.catalogues`). English is the source language: its
messages are the code's own strings. Content (feature texts, tours, glossary) is translated in
`veta.translate`, from the parallel catalogues in `locale/<lang>/content/`.

The language is held per run in a context variable, as Django and Flask-Babel do: a Streamlit run (one thread
per run) sets it once from the address, `python -m veta export-html --lang es` sets it around the export. Code
that caches text across runs must take the language as part of its key.
"""

from __future__ import annotations

import gettext as _gettext
import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as _format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from veta.paths import PROJECT_DIR

LANGUAGES: tuple[str, ...] = ("en", "es")
"""The languages Veta speaks; the first is the default and the source language of every catalogue."""
DEFAULT_LANGUAGE = LANGUAGES[0]
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}
"""Each language's name in itself, as the language choice shows it."""
LOCALE_DIR: Path = PROJECT_DIR / "locale"
INTERFACE_DOMAINS: tuple[str, ...] = ("ui", "veta")
"""The interface catalogues: `ui` for app.py, pages/ and ui/; `veta` for the package."""

_language: ContextVar[str] = ContextVar("veta_language", default=DEFAULT_LANGUAGE)


def normalise_language(value: str | None) -> str | None:
    """The language code for a value such as "es", "ES", "es-CO" or "es_PE", or None if Veta does not speak it."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-", 1)[0].lower()
    return code if code in LANGUAGES else None


def preferred_language(accept_language: str | None) -> str | None:
    """The first of Veta's languages in an HTTP `Accept-Language` header (by quality), or None."""
    if not accept_language:
        return None
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")[:32]):
        tag, _sep, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, index, tag))
    for negative_quality, _index, tag in sorted(ranked):
        code = normalise_language(tag)
        if code and negative_quality < 0:
            return code
    return None


def choose_language(values: Sequence[str], accept_language: str | None = None) -> str:
    """The language for a run: the address's `lang` (its first usable value), else the browser's preference,
    else English. An unknown `lang` falls back the same way."""
    for value in values:
        code = normalise_language(value)
        if code:
            return code
    return preferred_language(accept_language) or DEFAULT_LANGUAGE


def current_language() -> str:
    """The language of the current run (English unless set)."""
    return _language.get()


def set_language(language: str) -> None:
    """Set the language for the rest of this run (a Streamlit script run sets it first thing)."""
    _language.set(normalise_language(language) or DEFAULT_LANGUAGE)


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Speak `language` inside the block, then go back to the language before."""
    token = _language.set(normalise_language(language) or DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _language.reset(token)


def catalogue_path(language: str, domain: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Where an interface catalogue lives."""
    return locale_dir / language / "LC_MESSAGES" / f"{domain}.po"


def compile_po(path: Path) -> Translations:
    """A `.po` file compiled with Babel into gettext translations, in memory (no `.mo` file to go stale).
    Fuzzy and empty entries are left out, so they show the English."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(buffer)


@cache
def interface_translations(language: str) -> _gettext.NullTranslations:
    """The interface catalogues of a language, chained (`ui` first, then `veta`); English needs none."""
    if language == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    chain: _gettext.NullTranslations | None = None
    for domain in INTERFACE_DOMAINS:
        path = catalogue_path(language, domain)
        if not path.exists():
            continue
        translations = compile_po(path)
        if chain is None:
            chain = translations
        else:
            chain.add_fallback(translations)
    return chain or _gettext.NullTranslations()


def gettext(message: str) -> str:
    """`message` in the current language (itself, if it has no translation)."""
    language = _language.get()
    if language == DEFAULT_LANGUAGE:
        return message
    return interface_translations(language).gettext(message)


_ = gettext


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the current language."""
    language = _language.get()
    if language == DEFAULT_LANGUAGE:
        return singular if n == 1 else plural
    return interface_translations(language).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, told apart from the same English in another `context`."""
    language = _language.get()
    if language == DEFAULT_LANGUAGE:
        return message
    return interface_translations(language).pgettext(context, message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark a constant for extraction; translate it where it is shown, with `_()`."""
    return message


LOCALE_FORMATS: dict[str, str] = {"en": "en_GB", "es": "es"}
"""The CLDR locale whose number and date formats each language uses (Veta's English is British)."""


@lru_cache(maxsize=8)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(LOCALE_FORMATS.get(language, language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LANGUAGE)


def format_number(value: float, decimals: int | None = None) -> str:
    """A number as the current language writes it (1,234.5 in English, 1234,5 or 1.234,5 in Spanish)."""
    if decimals is not None:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=_locale(_language.get()))
    return format_decimal(value, locale=_locale(_language.get()))


def format_day(day: date) -> str:
    """A date as the current language writes it in prose ("2 December 2026", "2 de diciembre de 2026")."""
    return _format_date(day, format="long", locale=_locale(_language.get()))


def language_query() -> dict[str, str]:
    """The query parameter that keeps the current language in a link: {} in English, else {"lang": code}."""
    language = _language.get()
    return {} if language == DEFAULT_LANGUAGE else {"lang": language}


def localized_link(link: str) -> str:
    """A relative or absolute link with the current language kept (`./passages?passage=p3&lang=es`); unchanged in
    English. Not yet HTML-escaped. A fragment (`#…`) stays at the end."""
    language = _language.get()
    if language == DEFAULT_LANGUAGE:
        return link
    base, hash_mark, fragment = link.partition("#")
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}lang={language}{hash_mark}{fragment}"


_DOCUMENT_LANGUAGE_SCRIPT = "<script>document.documentElement.lang = %s;</script>"


def document_language_script(language: str) -> str:
    """A tiny script that sets the page's `<html lang>` (Streamlit's page says `en`), so that screen readers read
    the page in its language and the interview's quotes, marked `lang="en"`, in English. Only Veta's language
    codes are accepted."""
    if language not in LANGUAGES:
        raise ValueError(f"not one of Veta's languages: {language!r}")
    return _DOCUMENT_LANGUAGE_SCRIPT % f'"{language}"'
