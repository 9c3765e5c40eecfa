"""AppTests of the teaching pages in Spanish (`?lang=es`): About, Compare, a tour step, the tour list, Glossary,
Downloads. No English interface text outside the interview's quotes (`lang="en"`), Spanish tab titles, the licence
rule explained on About in both languages, links and the language switch keeping the tour and its step."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from unittest import mock

import pytest
import streamlit
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from tests.i18n_support import english_leaks, text_outside_english
from tests.pages.conftest import APP, TIMEOUT, html_bodies, no_exception
from ui.language import WIDGET_KEY
from ui.teach_data import in_language, keep_language
from veta.atlas import load_atlas
from veta.glossary import load_glossary
from veta.i18n import _, catalogue_path, current_language, use_language
from veta.tours import TOURS_DIR, load_tours
from veta.translate import localize_tour


def _about_licence_paragraph() -> str:
    """The About page's English paragraph on why quotes stay in English (from the catalogue: a page is a script)."""
    with catalogue_path("es", "ui").open("rb") as handle:
        (english,) = [
            m.id
            for m in read_po(handle)
            if isinstance(m.id, str) and m.id.startswith("**Why the quotes are always in English.**")
        ]
    return english


REAL = load_atlas()
QUOTES_STAY_ENGLISH = _about_licence_paragraph()
TOURS = load_tours(TOURS_DIR, REAL)[0]
GLOSSARY = load_glossary(REAL.seed)
TOUR = "kachin-mining-and-war"
SITE = " · Veta"
TEXT_ELEMENTS = {"title", "markdown", "header", "subheader", "caption", "info", "warning", "error", "success"}
SKIPPED = {"code", "event", "root", "main"}
"""Code blocks hold commands and citations (the interview's own title), not interface text."""


def spanish(english: str) -> str:
    """An interface message in Spanish, as the page shows it."""
    with use_language("es"):
        return _(english)


def _texts(node, out: list[str]) -> None:  # noqa: ANN001 - an AppTest node of any kind
    kind = getattr(node, "type", "")
    proto = getattr(node, "proto", None)
    if kind == "html":
        if not proto.body.lstrip().startswith("<style>"):
            out.append(proto.body)
    elif kind in TEXT_ELEMENTS:
        out.append(str(node.value))
    elif kind not in SKIPPED and proto is not None:
        for field in ("label", "text", "placeholder", "help"):
            value = getattr(proto, field, None)
            if isinstance(value, str) and value:
                out.append(value)
        out.extend(str(option) for option in getattr(proto, "options", ()))
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            _texts(child, out)


def page_text(at: AppTest) -> str:
    """Every text a visitor reads on the page (sidebar included): elements, labels, options, help, HTML."""
    out: list[str] = []
    _texts(at._tree, out)
    return "\n".join(out)


class SpanishRun:
    """A page run at `?lang=es`, with the browser tab's title it set."""

    def __init__(self, page: str, params: dict[str, str] | None = None, lang: str = "es") -> None:
        self.titles: list[str] = []
        real = streamlit.set_page_config

        def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - streamlit's signature
            if kwargs.get("page_title"):
                self.titles.append(kwargs["page_title"])
            return real(*args, **kwargs)

        self.at = AppTest.from_file(APP, default_timeout=TIMEOUT)
        for name, value in {**(params or {}), "lang": lang}.items():
            self.at.query_params[name] = value
        self.at.switch_page(page)
        with mock.patch.object(streamlit, "set_page_config", spy):
            self.at.run()

    @property
    def tab_title(self) -> str:
        """The page's own tab title (the last one set: app.py sets "Veta" before the page sets its own)."""
        return self.titles[-1]


@pytest.fixture
def run_spanish(monkeypatch: pytest.MonkeyPatch) -> Iterator[type[SpanishRun]]:
    monkeypatch.delenv("VETA_GEODATA", raising=False)
    yield SpanishRun


PAGES = {
    "about": ("pages/about.py", {}, "About, sources and licences", "About Veta: sources, licences and method"),
    "compare": ("pages/compare.py", {}, "Compare regions", "Compare regions"),
    "tours": ("pages/tour.py", {}, "Guided tours", "Guided tours"),
    "glossary": ("pages/glossary.py", {}, "Glossary", "Glossary"),
    "downloads": ("pages/downloads.py", {}, "Downloads and citation", "Downloads and citation"),
}


@pytest.mark.parametrize("name", PAGES)
def test_teaching_pages_speak_spanish(run_spanish: type[SpanishRun], name: str) -> None:
    page, params, tab, title = PAGES[name]
    run = run_spanish(page, params)
    at = run.at
    no_exception(at)
    assert spanish(tab) != tab and run.tab_title == spanish(tab) + SITE
    assert at.title[0].value == spanish(title)
    assert english_leaks(text_outside_english(page_text(at))) == []
    assert at.query_params["lang"] == "es"


def test_a_tour_step_speaks_spanish(run_spanish: type[SpanishRun]) -> None:
    tour = next(t for t in TOURS if t.id == TOUR)
    at = (run := run_spanish("pages/tour.py", {"tour": TOUR, "step": "2"})).at
    no_exception(at)
    assert not at.warning
    title = localize_tour(tour, "es").title
    assert run.tab_title == f"{title} · paso 2{SITE}"
    assert at.get("progress")[0].proto.text == f"Paso 2 de {len(tour.steps)}"
    assert at.button(key="tour-next-top").label == "Siguiente →"
    assert at.button(key="tour-prev-top").label == "← Anterior"
    assert spanish("Suggested points for the discussion") == at.expander[0].label
    assert english_leaks(text_outside_english(page_text(at))) == []
    at.button(key="tour-next-top").click().run()  # the buttons keep the language
    no_exception(at)
    assert (at.query_params["tour"], at.query_params["step"], at.query_params["lang"]) == (TOUR, "3", "es")
    assert at.get("progress")[0].proto.text == f"Paso 3 de {len(tour.steps)}"


def test_switching_language_keeps_the_tour_and_its_step(run_spanish: type[SpanishRun]) -> None:
    tour = next(t for t in TOURS if t.id == TOUR)
    at = run_spanish("pages/tour.py", {"tour": TOUR, "step": "2"}, lang="en").at
    no_exception(at)
    assert at.get("progress")[0].proto.text == f"Step 2 of {len(tour.steps)}"
    at.segmented_control(key=WIDGET_KEY).set_value("es").run()
    no_exception(at)
    assert (at.query_params["tour"], at.query_params["step"], at.query_params["lang"]) == (TOUR, "2", "es")
    assert at.get("progress")[0].proto.text == f"Paso 2 de {len(tour.steps)}"
    at.segmented_control(key=WIDGET_KEY).set_value("en").run()
    no_exception(at)
    assert (at.query_params["tour"], at.query_params["step"], at.query_params["lang"]) == (TOUR, "2", "en")
    assert at.get("progress")[0].proto.text == f"Step 2 of {len(tour.steps)}"


def test_links_keep_the_language(run_spanish: type[SpanishRun]) -> None:
    listing = run_spanish("pages/tour.py").at
    starts = {el.proto.query_string for el in listing.get("page_link") if el.proto.page == "tour"}
    assert {f"tour={t.id}&step=1&lang=es" for t in TOURS} <= starts
    step = run_spanish("pages/tour.py", {"tour": TOUR, "step": "2"}).at
    back = [el.proto.query_string for el in step.get("page_link") if el.proto.label == spanish("All tours")]
    assert back == ["lang=es"]
    features = re.findall(r'<div class="veta-tour-features">.*?</div>', html_bodies(step), re.S)
    hrefs = [html.unescape(h) for h in re.findall(r'href="([^"]+)"', features[0])]
    assert hrefs and all(h.count("lang=es") == 1 for h in hrefs), hrefs
    glossary = run_spanish("pages/glossary.py").at
    passages = [html.unescape(h) for h in re.findall(r'href="(\./passages[^"]+)"', html_bodies(glossary))]
    assert passages and all(h.endswith("&lang=es") and h.count("lang=") == 1 for h in passages)


def test_about_explains_in_both_languages_why_quotes_stay_english(run_spanish: type[SpanishRun]) -> None:
    english = run_spanish("pages/about.py", lang="en").at
    no_exception(english)
    shown = [m.value for m in english.markdown]
    assert QUOTES_STAY_ENGLISH in shown
    assert "CC BY-NC-ND 3.0" in QUOTES_STAY_ENGLISH and "never translates" in QUOTES_STAY_ENGLISH
    es = run_spanish("pages/about.py").at
    no_exception(es)
    paragraph = spanish(QUOTES_STAY_ENGLISH)
    assert paragraph != QUOTES_STAY_ENGLISH and paragraph in [m.value for m in es.markdown]
    assert QUOTES_STAY_ENGLISH not in [m.value for m in es.markdown]
    assert "CC BY-NC-ND 3.0" in paragraph and "nunca traduce" in paragraph


def test_glossary_counts_and_downloads_numbers_in_spanish(run_spanish: type[SpanishRun]) -> None:
    at = run_spanish("pages/glossary.py").at
    count = len(GLOSSARY.terms)
    assert f"{count} de {count} términos" in [c.value for c in at.caption]
    downloads = run_spanish("pages/downloads.py").at
    options = downloads.selectbox(key="downloads-scope").options
    assert options[0] == f"Todas las regiones y ámbitos · {len(REAL.features)} elementos"
    pack = [b.proto.label for b in downloads.get("download_button") if b.proto.label.startswith("Paquete")]
    assert pack == ["Paquete para el aula sin conexión (ZIP, unos 0,4 MB)"]


def test_a_download_built_on_click_keeps_the_pages_language() -> None:
    """Streamlit calls a deferred download's function outside the script's run, where the language is unset."""
    with use_language("es"):
        build = in_language(current_language)
    assert current_language() == "en" and build() == "es"


def test_keep_language_adds_the_language_once() -> None:
    assert keep_language("./passages?passage=p3") == "./passages?passage=p3"
    with use_language("es"):
        assert keep_language("./passages?passage=p3") == "./passages?passage=p3&lang=es"
        assert keep_language("./kachin?feature=x&lang=es") == "./kachin?feature=x&lang=es"
