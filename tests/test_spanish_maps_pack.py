"""Maps, handouts, the offline pack and the exports in Spanish: Veta's own words translated, the interview's words
exact and in English, inside elements marked `lang="en"` and marked as the original; English output unchanged."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from tests.i18n_support import english_leaks, text_outside_english
from tests.map_text import decoded, map_config, map_features, map_legend
from veta.__main__ import main
from veta.atlas import load_atlas
from veta.export_html import INDEX, PASSAGES, SCOPES, region_filename
from veta.exports import export_text
from veta.glossary import load_glossary
from veta.handout import handout_filename, handout_html
from veta.i18n import _, use_language
from veta.layers import REGION_IDS
from veta.maps import build_overview_map, build_region_map, build_region_spec, map_html, popup_html
from veta.model import Atlas
from veta.paths import GEODATA_DIR, SEEDS_DIR
from veta.quotes import ORIGINAL_MARKER, quote_html
from veta.tours import TOURS_DIR, load_tours
from veta.translate import localize_atlas, localize_glossary, localize_tour

ATLAS = load_atlas()
TOURS = load_tours(TOURS_DIR, ATLAS)[0]
GLOSSARY = load_glossary(ATLAS.seed)
with use_language("es"):
    MARK = _(ORIGINAL_MARKER)
    """The note beside the interview's words in Spanish ("Cita original en inglés")."""


class _InsideEnglish(HTMLParser):
    """The text of each outermost `lang="en"` element, one string per element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside a lang="en" element (0: outside)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "meta", "link", "input", "hr", "wbr"):
            return
        if self.depth:
            self.depth += 1
        elif ("lang", "en") in attrs:
            self.depth = 1
            self.parts.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts[-1] += data


def english_parts(html: str) -> list[str]:
    """The text of every element marked `lang="en"` (the interview's words), in order."""
    parser = _InsideEnglish()
    parser.feed(html)
    parser.close()
    return parser.parts


def spanish_leaks(html: str) -> list[str]:
    """English catalogue texts in the parts of `html` that are not marked English."""
    return english_leaks(text_outside_english(html))


def as_markup(document: str) -> str:
    """A map document with the HTML its script carries (popups, legend, layer names, as JSON strings) decoded and
    parsed as markup, so that its `lang="en"` quotes are told apart like any other (only for searching text)."""
    return decoded(document).replace("<script", "<div").replace("</script>", "</div>")


@pytest.fixture(scope="module")
def spanish_atlas() -> Atlas:
    return localize_atlas(ATLAS, "es")


# --------------------------------------------------------------------------------------------- maps


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_a_region_map_speaks_spanish_and_quotes_in_english(spanish_atlas: Atlas, region_id: str) -> None:
    with use_language("es"):
        html = map_html(build_region_map(spanish_atlas, region_id, online_tiles=True))
    assert html.startswith('<!DOCTYPE html>\n<html lang="es">')
    config, legend = map_config(html), map_legend(html)
    assert "cómo leer el mapa" in legend["html"]
    assert "Elija una afirmación" in config["statementsHint"]
    for fragment in (legend["html"], legend["credit"], config["locator"], config["statementsTitle"]):
        assert spanish_leaks(fragment) == [], fragment
    features = [properties for properties in map_features(html) if "popup" in properties]
    assert features
    for properties in features:
        assert spanish_leaks(properties["tooltip"]) == []
        popup = properties["popup"]
        assert spanish_leaks(popup) == [], properties["id"]
        feature = spanish_atlas.feature(properties["id"])
        assert popup.count(MARK) == len(feature.evidence)
        assert "Leer el pasaje en el lector ↗" in popup and "Ubicación:" in popup
        assert english_parts(popup) == [f"“{evidence.exact}”" for evidence in feature.evidence]
    # the layer list, the place names, the online layers: every name Veta writes into the document
    assert spanish_leaks(as_markup(html)) == []
    assert "Nombres de lugares" in decoded(html) and "OpenStreetMap (en línea)" in decoded(html)


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_a_region_map_names_its_neighbours_in_spanish_and_not_its_own_country(
    spanish_atlas: Atlas, region_id: str
) -> None:
    """In Spanish the Madre de Dios map named Peru ("Perú") over the region, as the English map never does: the
    region's country was compared untranslated with its translated name."""
    english = {label.text for label in build_region_spec(ATLAS, region_id).labels if label.kind == "country"}
    with use_language("es"):
        spec = build_region_spec(spanish_atlas, region_id)
    spanish = [label.text for label in spec.labels if label.kind == "country"]
    assert spanish_atlas.region(region_id).country not in spanish
    assert len(spanish) == len(english), (english, spanish)


def test_popup_links_keep_the_language_in_the_app_but_not_in_the_pack(spanish_atlas: Atlas) -> None:
    feature = spanish_atlas.features_in("choco")[0]
    with use_language("es"):
        app = popup_html(spanish_atlas, feature)
        pack = popup_html(spanish_atlas, feature, "passages.html#{passage_id}")
    assert f'href="/passages?passage={feature.passage_ids[0]}&amp;lang=es"' in app
    assert f'href="passages.html#{feature.passage_ids[0]}"' in pack


def test_the_overview_speaks_spanish(spanish_atlas: Atlas) -> None:
    with use_language("es"):
        html = map_html(build_overview_map(spanish_atlas))
    config = map_config(html)
    assert config["statementsTitle"] == "En los Andes y en el mundo"
    for properties in map_features(html):
        assert spanish_leaks(properties.get("tooltip", "")) == [] and spanish_leaks(properties.get("popup", "")) == []
    regions = [p for p in map_features(html) if p["id"] in REGION_IDS and "popup" in p]
    assert regions and all("lang=es" in p["popup"] and "Abrir el mapa de" in p["popup"] for p in regions)


def test_english_maps_are_unchanged_by_the_language_machinery() -> None:
    html = map_html(build_region_map(ATLAS, "kachin"))
    assert html.startswith("<!DOCTYPE html>\n<html>")
    assert 'lang="' not in decoded(html) and MARK not in decoded(html)
    for properties in (p for p in map_features(html) if "popup" in p):
        assert "Read the passage in the reader ↗" in properties["popup"]
        feature = ATLAS.feature(properties["id"])
        for evidence in feature.evidence:
            assert f"<blockquote>“{quote_html(evidence.exact)}”<br>" in properties["popup"]
    assert "how to read the map" in map_legend(html)["html"]


# --------------------------------------------------------------------------------------------- handouts


@pytest.mark.parametrize("tour", TOURS, ids=lambda t: t.id)
def test_a_handout_speaks_spanish_and_quotes_in_english(spanish_atlas: Atlas, tour) -> None:  # noqa: ANN001
    with use_language("es"):
        page = handout_html(spanish_atlas, localize_tour(tour, "es"), localize_glossary(GLOSSARY, "es"))
    assert page.startswith('<!DOCTYPE html><html lang="es">')
    assert spanish_leaks(page) == []
    assert "Paso 1:" in page and "Espacio para notas" in page and "Las citas se reproducen textualmente" in page
    english = english_parts(page)
    for step in tour.steps:
        for evidence in step.evidence:
            assert f"“{evidence.exact}”" in english, evidence.exact
    assert page.count(MARK) == sum(len(step.evidence) for step in tour.steps)


def test_an_english_handout_has_no_spanish_marks() -> None:
    page = handout_html(ATLAS, TOURS[0], GLOSSARY)
    assert page.startswith('<!DOCTYPE html><html lang="en">')
    assert MARK not in page and "Step 1:" in page and ' lang="en"' not in page.split("<body>", 1)[1]


# --------------------------------------------------------------------------------------------- the pack


@pytest.fixture(scope="module")
def spanish_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Chocó pack in Spanish, written by the command line."""
    out = tmp_path_factory.mktemp("pack-es") / "veta-pack"
    args = ["export-html", "--out", str(out), "--region", "choco", "--lang", "es"]
    assert main([*args, "--geodata", str(GEODATA_DIR), "--seeds", str(SEEDS_DIR)]) == 0
    return out


@pytest.mark.parametrize("name", [INDEX, PASSAGES, SCOPES, "handout-choco-two-rivers.html"])
def test_the_pack_pages_speak_spanish(spanish_pack: Path, name: str) -> None:
    page = (spanish_pack / name).read_text(encoding="utf-8")
    assert page.startswith('<!DOCTYPE html><html lang="es">')
    assert spanish_leaks(page) == []
    assert "Inicio del paquete Veta" in page or name not in (PASSAGES, SCOPES)  # the way home


def test_the_pack_home_links_its_pages_in_spanish(spanish_pack: Path) -> None:
    page = (spanish_pack / INDEX).read_text(encoding="utf-8")
    assert "Veta — paquete para el aula sin conexión" in page
    for target in (region_filename("choco"), PASSAGES, "handout-choco-two-rivers.html", "data/features.csv"):
        assert f'href="{target}' in page and (spanish_pack / target.split("#")[0]).is_file()
    tour = next(t for t in TOURS if t.id == "choco-two-rivers")
    assert handout_filename(tour) == "handout-choco-two-rivers.html"


def test_the_pack_reader_keeps_every_passage_in_english(spanish_pack: Path) -> None:
    page = (spanish_pack / PASSAGES).read_text(encoding="utf-8")
    english = " ".join(english_parts(page))
    for passage in ATLAS.seed.passages:
        assert passage.text.split("\n")[0][:80] in english
    assert page.count(MARK) == 1  # said once, at the top
    assert "En el mapa:" in page and "pasaje por pasaje" in page


def test_the_pack_scopes_page_quotes_in_english(spanish_pack: Path) -> None:
    page = (spanish_pack / SCOPES).read_text(encoding="utf-8")
    english = english_parts(page)
    for scope in ATLAS.scopes:
        for feature in ATLAS.features_in(scope.id):
            for evidence in feature.evidence:
                assert f"“{evidence.exact}”" in english


def test_the_pack_map_page_speaks_spanish(spanish_pack: Path) -> None:
    page = (spanish_pack / region_filename("choco")).read_text(encoding="utf-8")
    assert '<html lang="es">' in page
    assert "Inicio del paquete Veta" in page and "Haga clic en un elemento" in page
    for properties in (p for p in map_features(page) if "popup" in p):
        assert spanish_leaks(properties["popup"]) == []
        assert 'href="passages.html#p' in properties["popup"]  # the pack is in one language: no lang= in links
    assert spanish_leaks(as_markup(page)) == []


def test_the_pack_refuses_an_unknown_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export-html", "--out", str(tmp_path / "p"), "--lang", "fr"])
    assert "invalid choice: 'fr'" in capsys.readouterr().err
    assert not (tmp_path / "p").exists()


# --------------------------------------------------------------------------------------------- exports


@pytest.fixture(scope="module")
def translated_atlas(tmp_path_factory: pytest.TempPathFactory) -> Atlas:
    """The atlas with one feature's name and summary translated, from a content catalogue of this test's own
    (the shipped catalogues are being translated elsewhere)."""
    feature = ATLAS.features_in("choco")[0]
    catalog = Catalog(locale="es", domain=f"features-{feature.layer}")
    catalog.add(feature.name, "Nombre en español", context=f"{feature.id} name")
    catalog.add(feature.summary, "Resumen de Veta en español.", context=f"{feature.id} summary")
    locale_dir = tmp_path_factory.mktemp("locale")
    path = locale_dir / "es" / "content" / f"features-{feature.layer}.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        write_po(handle, catalog)
    return localize_atlas(ATLAS, "es", locale_dir)


def test_csv_and_geojson_in_spanish_carry_the_translated_texts_and_the_same_quotes(translated_atlas: Atlas) -> None:
    feature = ATLAS.features_in("choco")[0]
    rows = list(csv.DictReader(io.StringIO(export_text(translated_atlas, "csv", "choco", "es").lstrip("\ufeff"))))
    english_rows = list(csv.DictReader(io.StringIO(export_text(ATLAS, "csv", "choco").lstrip("\ufeff"))))
    mine = [row for row in rows if row["feature_id"] == feature.id]
    assert mine and all(row["name"] == "Nombre en español" for row in mine)
    assert all(row["summary"] == "Resumen de Veta en español." for row in mine)
    assert [row["quote"] for row in rows] == [row["quote"] for row in english_rows]
    data = json.loads(export_text(translated_atlas, "geojson", "choco", "es"))
    first = next(f for f in data["features"] if f["id"] == feature.id)
    assert first["properties"]["name"] == "Nombre en español"
    english = json.loads(export_text(ATLAS, "geojson", "choco"))
    assert [e for f in data["features"] for e in f["properties"]["evidence"]] == [
        e for f in english["features"] for e in f["properties"]["evidence"]
    ]


def test_kml_balloons_in_spanish(translated_atlas: Atlas) -> None:
    kml = export_text(translated_atlas, "kml", "choco", "es")
    assert "Nombre en español" in kml and "Ubicación:" in kml and MARK in kml
    assert "Placement:" not in kml and "Placement:" in export_text(ATLAS, "kml", "choco")
    assert MARK not in export_text(ATLAS, "kml", "choco")


def test_the_export_command_writes_spanish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "features.kml"
    assert main(["export", "--format", "kml", "--region", "choco", "--lang", "es", "--out", str(out)]) == 0
    assert "Ubicación:" in out.read_text(encoding="utf-8")
    assert main(["export", "--format", "csv", "--lang", "de"]) == 2
    assert "unknown language 'de' (available: en, es)" in capsys.readouterr().err
