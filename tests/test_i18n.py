"""veta.i18n: choosing the language, gettext over the catalogues, locale formats, links that keep the language."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from veta.i18n import (
    _,
    catalogue_path,
    choose_language,
    compile_po,
    current_language,
    format_day,
    format_number,
    language_query,
    localized_link,
    ngettext,
    normalise_language,
    preferred_language,
    set_language,
    use_language,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("es", "es"), ("ES", "es"), ("es-CO", "es"), ("es_PE", "es"), ("en-GB", "en"), ("fr", None), ("", None)],
)
def test_normalise_language(value: str, expected: str | None) -> None:
    assert normalise_language(value) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-CO,es;q=0.9,en;q=0.8", "es"),
        ("fr-FR,fr;q=0.9,es;q=0.5,en;q=0.6", "en"),
        ("de,fr", None),
        ("en;q=0,es;q=0.1", "es"),
        ("es;q=0", None),
        (None, None),
    ],
)
def test_preferred_language_ranks_by_quality(header: str | None, expected: str | None) -> None:
    assert preferred_language(header) == expected


def test_the_address_wins_over_the_browser_and_a_bad_value_falls_back() -> None:
    assert choose_language(["es"], "en-US") == "es"
    assert choose_language(["en"], "es-PE") == "en"
    assert choose_language(["xx"], "es-PE") == "es"
    assert choose_language(["xx", "es"], None) == "es"
    assert choose_language([], None) == "en"


def test_use_language_is_scoped_and_threads_start_in_english() -> None:
    assert current_language() == "en"
    seen: list[str] = []
    with use_language("es"):
        assert current_language() == "es"
        thread = threading.Thread(target=lambda: seen.append(current_language()))
        thread.start()
        thread.join()
    assert current_language() == "en"
    assert seen == ["en"]  # a new Streamlit run (its own thread) starts in English until it sets its language


def test_set_language_ignores_unknown_codes() -> None:
    token_language = current_language()
    with use_language("en"):
        set_language("klingon")
        assert current_language() == "en"
    assert current_language() == token_language


def test_gettext_translates_from_the_spanish_catalogue() -> None:
    translations = compile_po(catalogue_path("es", "ui"))
    translated = [m for m in translations._catalog.items() if isinstance(m[0], str) and m[0] and m[1] != m[0]]  # noqa: SLF001
    assert translated, "the ui catalogue translates nothing"
    english, spanish = translated[0]
    assert _(english) == english
    with use_language("es"):
        assert _(english) == spanish


def test_untranslated_messages_show_their_english() -> None:
    with use_language("es"):
        assert _("A message no catalogue has, 8c1f") == "A message no catalogue has, 8c1f"
        assert ngettext("{n} thing 8c1f", "{n} things 8c1f", 2) == "{n} things 8c1f"
    assert ngettext("{n} thing", "{n} things", 1) == "{n} thing"


def test_numbers_and_dates_follow_the_language() -> None:
    assert format_number(12345.5, 1) == "12,345.5"
    assert format_day(date(2026, 12, 2)) == "2 December 2026"
    with use_language("es"):
        assert format_number(12345.5, 1) in {"12.345,5", "12 345,5", "12345,5"}
        assert format_day(date(2026, 12, 2)) == "2 de diciembre de 2026"


def test_links_keep_the_language() -> None:
    assert localized_link("./passages?passage=p3") == "./passages?passage=p3"
    assert language_query() == {}
    with use_language("es"):
        assert localized_link("./passages?passage=p3") == "./passages?passage=p3&lang=es"
        assert localized_link("./kachin") == "./kachin?lang=es"
        assert localized_link("./passages?passage=p3#p3") == "./passages?passage=p3&lang=es#p3"
        assert language_query() == {"lang": "es"}


def test_the_document_language_script_takes_only_veta_s_languages() -> None:
    from veta.i18n import document_language_script

    assert document_language_script("es") == '<script>document.documentElement.lang = "es";</script>'
    with pytest.raises(ValueError):
        document_language_script('es";alert(1);"')
