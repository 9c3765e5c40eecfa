"""The atlas pages in Spanish (`?lang=es`): the overview, each region page with a feature selected, the reader and
the data error page show no English interface text outside the interview's own words (`lang="en"`), a Spanish
title, the exact English quotes, and keep `lang=es` in the address and in every link they make. Switching
language in the sidebar keeps the page, the selection and the other query parameters.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

import pytest
import streamlit
from streamlit.testing.v1 import AppTest

from tests.hostile import copy_geodata, run_page
from tests.i18n_support import english_leaks, text_outside_english
from ui.language import WIDGET_KEY
from ui.links import REGION_PAGES, REGION_TAB_TITLES, REGION_TITLES
from veta.atlas import read_atlas
from veta.i18n import use_language
from veta.paths import GEODATA_DIR, SEEDS_DIR

ERROR_TITLE_ES = "Veta no puede mostrar el atlas: los datos tienen problemas"


@pytest.fixture(scope="module")
def atlas():  # noqa: ANN201 - the shipped atlas, in English (ids and quotes are the same in every language)
    found, problems = read_atlas(GEODATA_DIR, SEEDS_DIR)
    assert found is not None, problems
    return found


@pytest.fixture
def tab_titles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The browser tab titles the run sets (`st.set_page_config(page_title=…)`), in order."""
    titles: list[str] = []
    original = streamlit.set_page_config

    def recording(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the same signature as Streamlit's
        if kwargs.get("page_title"):
            titles.append(kwargs["page_title"])
        return original(*args, **kwargs)

    monkeypatch.setattr(streamlit, "set_page_config", recording)
    return titles


def page_texts(at: AppTest) -> str:
    """Every text the run shows, as one HTML-ish string: Markdown and HTML bodies, titles, headers, captions,
    notices, buttons and their help, labels, options and placeholders of widgets, link labels, the feature list."""
    parts: list[str] = []
    for kind in ("markdown", "title", "header", "subheader", "caption", "info", "warning", "error", "success"):
        parts += [str(el.value) for el in at.get(kind)]
    parts += [el.proto.body for el in at.get("html") if not el.proto.body.lstrip().startswith("<style>")]
    for kind in ("button", "toggle", "text_input", "selectbox", "button_group"):
        for el in at.get(kind):
            parts += [el.proto.label, getattr(el.proto, "help", ""), getattr(el.proto, "placeholder", "")]
    parts += [opt for el in at.selectbox for opt in el.options]
    parts += [el.proto.label for el in at.get("page_link")]
    for el in at.get("bidi_component"):
        data = json.loads(el.proto.json or "null")
        if isinstance(data, dict):
            parts += [value for key, value in data.items() if isinstance(value, str) and key != "src"]
    return "\n".join(part for part in parts if part)


def shown_text(at: AppTest) -> str:
    """The text of the run's `st.html` bodies, tags removed, entities decoded, whitespace collapsed."""
    bodies = " ".join(el.proto.body for el in at.get("html"))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", bodies)).split())


@cache
def assert_spanish(at: AppTest) -> None:
    """No exception, and no English catalogue text outside `lang="en"` elements."""
    assert not at.exception, at.exception
    leaks = english_leaks(text_outside_english(page_texts(at)))
    assert leaks == [], leaks


def assert_links_keep_spanish(at: AppTest) -> None:
    """`lang=es` stays in the address and in every page link of the page."""
    assert at.query_params.get("lang") == "es", dict(at.query_params)
    links = [(el.proto.label, el.proto.query_string) for el in at.get("page_link")]
    assert links, "the page has no link to check"
    assert all("lang=es" in query.split("&") for _label, query in links), links


def test_the_overview_in_spanish(tab_titles: list[str]) -> None:
    at = run_page("pages/home.py", {"lang": "es"})
    assert_spanish(at)
    assert at.title[0].value == "Veta — un atlas de la minería artesanal ligado a las fuentes"
    assert tab_titles[-1] == "Panorama · Veta"
    assert [el.value for el in at.subheader] == ["Chocó, Colombia", "Madre de Dios, Perú", "Estado Kachin, Myanmar"]
    assert_links_keep_spanish(at)


@pytest.mark.parametrize("region_id", sorted(REGION_PAGES))
def test_a_region_page_in_spanish_with_a_feature_selected(region_id: str, atlas, tab_titles: list[str]) -> None:  # noqa: ANN001
    feature = atlas.features_in(region_id)[0]
    at = run_page(REGION_PAGES[region_id], {"feature": feature.id, "lang": "es"})
    assert_spanish(at)
    with use_language("es"):
        from ui.links import region_tab_title, region_title

        assert at.title[0].value == region_title(region_id) != REGION_TITLES[region_id] or region_id == "choco"
        assert tab_titles[-1] == f"{region_tab_title(region_id)} · Veta"
    assert at.get("toggle")[0].proto.label == "Modo proyector"
    assert at.subheader[-1].value == "Todos los elementos de esta región"
    shown = shown_text(at)
    for evidence in feature.evidence:  # the interview's words, exactly, in English
        assert " ".join(evidence.exact.split()) in shown, evidence.exact
    share = [el.value for el in at.code if el.value.startswith(("/", "http"))]  # not the citation's code block
    assert share and all(link.endswith(f"?feature={feature.id}&lang=es") for link in share), share
    assert_links_keep_spanish(at)
    assert at.query_params.get("feature") == feature.id


def test_a_region_page_in_english_without_lang_is_as_before(atlas, tab_titles: list[str]) -> None:  # noqa: ANN001
    feature = atlas.features_in("kachin")[0]
    at = run_page("pages/kachin.py", {"feature": feature.id})
    assert not at.exception, at.exception
    assert at.title[0].value == "Kachin State, Myanmar" and tab_titles[-1] == f"{REGION_TAB_TITLES['kachin']} · Veta"
    assert "lang" not in at.query_params
    assert all("lang=" not in el.proto.query_string for el in at.get("page_link"))
    assert all("lang=" not in el.value for el in at.code)


def test_the_reader_in_spanish(atlas, tab_titles: list[str]) -> None:  # noqa: ANN001
    passage = atlas.seed.passages[3]
    at = run_page("pages/passages.py", {"passage": passage.id, "lang": "es"})
    assert_spanish(at)
    assert at.title[0].value == "Leer la entrevista" and tab_titles[-1] == "La entrevista · Veta"
    assert [el.proto.label for el in at.selectbox][:3] == ["Región", "Capa", "Hablante"]
    assert any("Cita original en inglés" in el.value for el in at.info), "the reader does not say it is English"
    assert " ".join(passage.text.split()) in shown_text(at), "the passage is not shown verbatim"
    assert at.query_params.get("lang") == "es"


def test_from_a_region_page_to_the_reader_and_back_in_spanish(atlas) -> None:  # noqa: ANN001
    """The evidence panel's link to the reader carries `lang=es`; the reader keeps it; its way back does too."""
    feature = atlas.features_in("madre-de-dios")[0]
    at = run_page(REGION_PAGES["madre-de-dios"], {"feature": feature.id, "lang": "es"})
    (to_reader,) = [el for el in at.get("page_link") if el.proto.page.endswith("passages")][:1]
    query = dict(part.split("=", 1) for part in to_reader.proto.query_string.split("&"))
    assert query["lang"] == "es" and query["passage"] == feature.passage_ids[0]
    reader = run_page("pages/passages.py", query)
    assert_spanish(reader)
    assert reader.query_params.get("lang") == "es"
    # and back: the reader's links to the features that cite the passage keep `lang=es`
    bodies = " ".join(el.proto.body for el in reader.get("html"))
    internal = [html.unescape(h) for h in re.findall(r'href="([^"#][^"]*)"', bodies) if not h.startswith("http")]
    assert internal and all("lang=es" in h.partition("?")[2].split("&") for h in internal), internal
    back_link = f"./madre-de-dios?feature={feature.id}&lang=es"
    assert back_link in internal, internal
    back = run_page(REGION_PAGES["madre-de-dios"], {"feature": feature.id, "lang": "es"})
    assert_spanish(back)
    assert back.query_params.get("lang") == "es" and back.query_params.get("feature") == feature.id
    assert back.subheader[-1].value == "Todos los elementos de esta región"
    # and the session remembers Spanish for a page reached without `lang` (Streamlit's navigation drops it)
    reader.switch_page(REGION_PAGES["madre-de-dios"])
    reader.query_params.clear()
    again = reader.run()
    assert not again.exception, again.exception
    assert again.query_params.get("lang") == "es"


def test_the_sidebar_switch_keeps_page_feature_and_other_parameters(atlas) -> None:  # noqa: ANN001
    feature = atlas.features_in("choco")[0]
    at = run_page(REGION_PAGES["choco"], {"feature": feature.id, "lang": "es", "projector": "1"})
    assert at.get("toggle")[0].proto.label == "Modo proyector"
    (switch,) = [el for el in at.button_group if el.key == WIDGET_KEY]
    at = switch.set_value("en").run()
    assert not at.exception, at.exception
    assert at.query_params.get("lang") == "en"
    assert at.query_params.get("feature") == feature.id and at.query_params.get("projector") == "1"
    assert at.title[0].value == REGION_TITLES["choco"] and at.get("toggle")[0].proto.label == "Projector mode"
    (switch,) = [el for el in at.button_group if el.key == WIDGET_KEY]
    at = switch.set_value("es").run()
    assert at.query_params.get("lang") == "es" and at.query_params.get("feature") == feature.id
    assert at.get("toggle")[0].proto.label == "Modo proyector"


def test_the_data_error_page_in_spanish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    geodata = copy_geodata(tmp_path / "geodata")
    (geodata / "minerals.geojson").write_text('{"type": "FeatureCollection", "features": [', "utf-8")
    monkeypatch.setenv("VETA_GEODATA", str(geodata))
    at = run_page("pages/kachin.py", {"lang": "es"})
    assert_spanish(at)
    assert [t.value for t in at.title] == [ERROR_TITLE_ES]
    assert at.error[0].value.startswith("Se encontr")
    listing = "\n".join(m.value for m in at.markdown if m.proto.allow_html)
    assert "minerals.geojson</code>" in listing and '<span lang="en">not valid JSON' in listing  # for maintainers
    assert any("python -m veta validate" in el.value and "Ejecute" in el.value for el in at.info)
    assert at.query_params.get("lang") == "es"


def test_the_maps_links_keep_spanish(atlas) -> None:  # noqa: ANN001
    """The region map's links to the reader and the overview map's links to the regions carry `lang=es`."""
    from tests.hostile import map_file_text, shown_maps

    at = run_page(REGION_PAGES["kachin"], {"lang": "es"})
    (region_map,) = shown_maps(at)
    assert region_map.title.startswith("Mapa de ")
    text = map_file_text(region_map)
    assert "/passages?passage=" in text and re.findall(r"/passages\?passage=[^\"'\s]*", text)
    assert all("lang=es" in link for link in re.findall(r"/passages\?passage=[^\"'\s]*", text))
    overview = run_page("pages/home.py", {"lang": "es"})
    (overview_map,) = shown_maps(overview)
    assert overview_map.title == "Mapa de las tres regiones"
    assert "?lang=es" in map_file_text(overview_map)


def test_a_feature_of_another_region_is_offered_in_spanish(atlas) -> None:  # noqa: ANN001
    feature = atlas.features_in("choco")[0]
    at = run_page(REGION_PAGES["kachin"], {"feature": feature.id, "lang": "es"})
    assert_spanish(at)
    links = [(el.proto.label, el.proto.query_string) for el in at.get("page_link")]
    assert ("Abrirlo en el mapa de Chocó, Colombia", f"feature={feature.id}&lang=es") in links, links
    scope_feature = atlas.features_in("andes")[0]
    at = run_page(REGION_PAGES["kachin"], {"feature": scope_feature.id, "lang": "es"})
    links = [(el.proto.label, el.proto.query_string) for el in at.get("page_link")]
    assert ("Abrirlo en el panorama (Los países andinos)", f"feature={scope_feature.id}&lang=es") in links, links


def test_a_statement_of_the_overview_in_spanish(atlas) -> None:  # noqa: ANN001
    feature = atlas.features_in("andes")[0]
    at = run_page("pages/home.py", {"feature": feature.id, "lang": "es"})
    assert_spanish(at)
    share = [el.value for el in at.code if el.value.startswith(("/", "http"))]
    assert share == [f"/?feature={feature.id}&lang=es"], share
    assert any(el.value.startswith("Enlace a esta afirmación") for el in at.caption)
    assert all(el.proto.help == "Leer sus palabras exactas en la entrevista" for el in at.button if el.proto.help)
    assert_links_keep_spanish(at)


def test_an_unknown_feature_is_answered_in_spanish() -> None:
    at = run_page(REGION_PAGES["choco"], {"feature": "no-such-feature", "lang": "es"})
    assert_spanish(at)
    assert any(el.proto.body.startswith('<p class="veta-echo">Usted pidió: <code>') for el in at.get("html"))


def test_a_cached_function_with_a_spinner_in_each_language_has_one_cache() -> None:
    """`ui.data.cached_with_spinner`: the spinner speaks the run's language, and the languages share one cache
    (the atlas is read once, not once per language)."""
    from ui.data import cached_with_spinner
    from veta.i18n import N_

    calls: list[int] = []

    @cached_with_spinner(N_("Drawing the map…"), max_entries=4)
    def square(n: int) -> int:
        calls.append(n)
        return n * n

    square.clear()
    assert square(3) == 9
    with use_language("es"):
        assert square(3) == 9
    assert calls == [3]
    square.clear()
