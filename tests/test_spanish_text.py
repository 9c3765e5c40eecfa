"""The package's renderers in Spanish (`?lang=es`): interface words in Spanish, the interview's words byte-exact in
English inside `lang="en"` elements with the "original quote" note outside them, links that keep the language,
notices in Spanish, and the English output unchanged.

The atlas here is the English one (content translation is `veta.translate`'s and is tested with it), so the
interface text is checked with the content's own strings taken out (`interface_text`).
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po

from tests.i18n_support import english_leaks, text_outside_english
from veta import cite, compare, credits, feature_list, panels, params, reader, scopes, summary, symbology, tours
from veta.atlas import load_atlas
from veta.background import Segment, background_html, background_text
from veta.escape import escape_text
from veta.i18n import catalogue_path, format_number, use_language
from veta.layers import KIND_LABELS, LAYER_KINDS, LAYERS, PRECISIONS, kind_label, layer_label
from veta.model import Atlas
from veta.precision import precision_label, precision_meaning, precision_word
from veta.quotes import quote_html

MARKER = "Cita original en inglés"
ACCESSED = dt.date(2026, 3, 5)


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas()


def _content_strings(atlas: Atlas) -> list[str]:
    """Every content text the atlas shows (translated by `veta.translate`, not by the interface catalogues)."""
    texts: list[str] = []
    for feature in atlas.features:
        texts += [feature.name, feature.summary, feature.placement_note, feature.caveat, feature.inferred_source]
        texts.append(feature.named_place)
    for area in (*atlas.regions, *atlas.scopes):
        texts += [area.name, area.country, *area.country.split(",")]
    for resource in atlas.resources:
        texts += [resource.title, *resource.sources, *resource.licenses]
    texts += [atlas.unmapped_reason(p.id) or "" for p in atlas.seed.passages]
    return sorted({" ".join(t.split()) for t in texts if t and t.strip()}, key=len, reverse=True)


def interface_text(html: str, atlas: Atlas) -> str:
    """The text of `html` outside `lang="en"` elements, without the atlas's content strings."""
    text = text_outside_english(html)
    for content in _content_strings(atlas):
        text = text.replace(content, " ")
    return " ".join(text.split())


class _English(HTMLParser):
    """The text of each outermost `lang="en"` element, and whether any `lang="en"` element holds the marker."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.blocks: list[str] = []
        self.stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "img", "input", "meta", "hr"):
            return
        english = dict(attrs).get("lang") == "en"
        self.stack.append(english)
        if english:
            if self.depth == 0:
                self.blocks.append("")
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("br", "img", "input", "meta", "hr") or not self.stack:
            return
        if self.stack.pop():
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.blocks[-1] += data


def english_blocks(html: str) -> list[str]:
    """The text of each outermost `lang="en"` element of `html`."""
    parser = _English()
    parser.feed(html)
    parser.close()
    return parser.blocks


def _no_english(text: str) -> None:
    assert text, "nothing to check"
    assert english_leaks(text) == []


# ------------------------------------------------------------------------------------------------ vocabularies


def test_every_kind_has_a_label_and_english_is_the_kind_with_spaces() -> None:
    kinds = [kind for layer in LAYERS for kind in LAYER_KINDS[layer]]
    assert list(KIND_LABELS) == kinds
    assert all(kind_label(kind) == kind.replace("-", " ") for kind in kinds)
    assert kind_label("not-a-kind") == "not a kind"


def test_layer_kind_and_precision_words_in_spanish() -> None:
    with use_language("es"):
        assert [layer_label(layer) for layer in LAYERS] == ["Minerales", "Ríos", "Actores", "Daños", "Respuestas"]
        assert kind_label("rare-earths") == "tierras raras" and kind_label("gold") == "oro"
        assert [precision_word(p) for p in PRECISIONS] == ["sitio", "aproximado", "inferido", "regional"]
        assert precision_label("inferred") == "Inferido: ubicado por Veta"
        assert precision_label("site").startswith("Sitio") and precision_label("approximate").startswith("Aproximado")
        for precision in PRECISIONS:
            _no_english(precision_label(precision) + " " + precision_meaning(precision))
    assert precision_label("inferred") == "Inferred: placed by Veta" and precision_word("site") == "site"


def test_every_entry_of_the_package_catalogue_is_translated() -> None:
    with catalogue_path("es", "veta").open("rb") as handle:
        catalog = read_po(handle)
    untranslated = [
        m.id for m in catalog if m.id and (m.fuzzy or not (all(m.string) if isinstance(m.string, tuple) else m.string))
    ]
    assert untranslated == []


# ------------------------------------------------------------------------------------------------ panels


def test_evidence_panel_in_spanish_keeps_quotes_exact_and_marks_them(atlas: Atlas) -> None:
    for feature in atlas.features:
        with use_language("es"):
            html = panels.evidence_panel_html(atlas, feature)
        _no_english(interface_text(html, atlas))
        outside = text_outside_english(html)
        groups = panels.evidence_by_passage(feature)
        assert outside.count(MARKER) == len(groups)  # one note per quote block, outside lang="en"
        assert "En contexto: pasaje" in outside and "Precisión" in outside
        blocks = english_blocks(html)
        for evidence in feature.evidence:
            assert any(f"“{evidence.exact}”" in block for block in blocks), evidence.exact
            with use_language("es"):
                assert quote_html(evidence.exact) in html
        for _passage_id, group in groups:
            passage = atlas.passage(group[0].passage_id)
            assert passage.text in blocks  # the context: the whole passage, exact, in English


def test_evidence_panel_in_english_has_no_marker_and_the_same_words(atlas: Atlas) -> None:
    feature = atlas.feature("kachin-jade")
    html = panels.evidence_panel_html(atlas, feature)
    assert MARKER not in html and 'lang="es"' not in html
    assert "<summary>In context: passage 11</summary>" in html
    assert "<footer>— Doi Ra, passage 11 " in html and "<dt>Placement</dt>" in html
    assert f'data-passage="p11" lang="en"><p>“{feature.evidence[0].exact}”</p>' in html


def test_panel_quote_is_english_and_its_footer_spanish(atlas: Atlas) -> None:
    evidence = atlas.feature("kachin-jade").evidence[0]
    with use_language("es"):
        html = panels.quote_html(atlas, evidence)
    assert f'data-passage="p11"><div lang="en"><p>“{evidence.exact}”</p></div><footer>— Doi Ra, pasaje 11 ' in html
    assert f'<span class="veta-original">{MARKER}</span></footer>' in html


def test_feature_rows_and_resources_in_spanish(atlas: Atlas) -> None:
    with use_language("es"):
        rows = panels.feature_rows(atlas, atlas.features_in("kachin"))
        resources = panels.resources_html(atlas)
    assert {row["layer"] for row in rows} <= {"Minerales", "Ríos", "Actores", "Daños", "Respuestas"}
    assert {row["precision"] for row in rows} <= {"sitio", "aproximado", "inferido", "regional"}
    assert "<th>Datos</th><th>Archivo</th><th>Fuentes</th><th>Licencia</th>" in resources


# ------------------------------------------------------------------------------------------------ feature list


def test_feature_list_in_spanish(atlas: Atlas) -> None:
    for region in atlas.regions:
        total = len(atlas.features_in(region.id))
        with use_language("es"):
            data = feature_list.feature_list_data(atlas, region.id, None)
            line = feature_list.count_line(total, total)
            suffix = feature_list.count_suffix(total)
        html = data["controls"] + data["table"]
        _no_english(interface_text(html, atlas))
        assert "Todas las capas" in html and "Todos los tipos" in html and "Buscar en nombres" in html
        assert line == f"{format_number(total)}{suffix}" and line.startswith(f"{total} de {total} elementos")
        assert f'data-suffix="{suffix}"' in html
        assert "Primera cita (original en inglés)" in html  # the quote column says the quotes are the original
        for feature in atlas.features_in(region.id):  # the quote cell is marked as English, its quote exact
            assert f'<td lang="en">“{escape_text(feature.evidence[0].exact)}” — ' in html


def test_feature_list_english_is_unchanged(atlas: Atlas) -> None:
    html = feature_list.controls_html("choco", atlas.features_in("choco"))
    assert '<label for="veta-fl-choco-layer">Layer</label>' in html and "All layers" in html
    assert feature_list.count_suffix(7) == " of 7" + feature_list.COUNT_SUFFIX
    assert "<td lang" not in feature_list.rows_html(atlas, atlas.features_in("choco"), None)


# ------------------------------------------------------------------------------------------------ reader


def test_reader_in_spanish_marks_passages_once_and_keeps_them_exact(atlas: Atlas) -> None:
    passages = atlas.seed.passages
    with use_language("es"):
        fragments = reader.sections_html(atlas, passages, "p3")
        toc = reader.toc_html(atlas.seed, passages)
        standfirst = reader.standfirst_html(atlas.seed)
    html = "".join(fragments)
    assert fragments[0].startswith(f'<p class="veta-original">{MARKER}</p>')
    assert text_outside_english(html).count(MARKER) == 1  # once, at the top of the list
    blocks = english_blocks(html)
    for passage in passages:
        assert passage.text in blocks
    assert all(section in blocks for section in dict.fromkeys(p.section for p in passages))  # headings: English
    _no_english(interface_text(html + toc + standfirst, atlas))
    assert "En el mapa:" in html and "No está en el mapa:" in html and "<b>Secciones:</b>" in toc
    hrefs = re.findall(r'href="(\./[^"]*)"', html)
    assert hrefs and all(href.endswith("&amp;lang=es") for href in hrefs)
    assert MARKER in text_outside_english(standfirst) and "introducción a la entrevista" in standfirst


def test_reader_links_keep_the_language(atlas: Atlas) -> None:
    feature = atlas.feature("kachin-jade")
    assert reader.feature_href(feature) == "./kachin?feature=kachin-jade"
    assert reader.passage_href("p3") == "./passages?passage=p3"
    with use_language("es"):
        assert reader.feature_href(feature) == "./kachin?feature=kachin-jade&lang=es"
        assert reader.passage_href("p3") == "./passages?passage=p3&lang=es"
        assert reader.speaker_role("Katie") == "entrevistadora del Transnational Institute (TNI)"
        assert params.share_link(None, "kachin", "kachin-jade") == "/kachin?feature=kachin-jade&lang=es"
    assert reader.speaker_role("Katie") == reader.SPEAKER_INFO["Katie"].role


def test_reader_in_english_has_no_marker(atlas: Atlas) -> None:
    fragments = reader.sections_html(atlas, atlas.seed.passages[:3])
    assert MARKER not in "".join(fragments) and fragments[0].startswith('<h3 class="veta-section" id="s1">')
    assert "<footer>— Transnational Institute, introduction to the interview</footer>" in reader.standfirst_html(
        atlas.seed
    )


# ------------------------------------------------------------------------------------------------ notices

BAD_FEATURE_VALUES = ([""], ["a", "b"], ["x" * 300], ["nope"])


def test_address_notices_in_spanish(atlas: Atlas) -> None:
    notices = []
    for values in (*BAD_FEATURE_VALUES, ["kachin-jade"]):
        with use_language("es"):
            notices.append(params.resolve_feature_param(atlas, "choco", values).notice)
            notices.append(params.resolve_scope_feature_param(atlas, values).notice)
            notices.append(
                params.resolve_passage_param(atlas, values if values != ["kachin-jade"] else ["p999"]).notice
            )
    messages = [n.message for n in notices if n is not None]
    assert len(messages) == 15
    for message in messages:
        _no_english(message)
    two = [f.id for f in atlas.features_in("choco")[:2]]
    with use_language("es"):
        notice = params.resolve_feature_param(atlas, "choco", two).notice
        passages = params.resolve_passage_param(atlas, ["p1", "p2"]).notice
    assert (
        notice is not None and notice.message == "La dirección nombra 2 elementos distintos; Veta muestra el primero."
    )
    assert (
        passages is not None and passages.message == "La dirección nombra 2 pasajes distintos; Veta muestra el primero."
    )
    assert f"(los pasajes van de p1 a p{len(atlas.seed.passages)})." in " ".join(messages)


def test_tour_notices_in_spanish(atlas: Atlas) -> None:
    found = tours.load_tours(tours.TOURS_DIR, atlas)[0]
    tour = found[0]
    with use_language("es"):
        choices = [
            tours.resolve_tour_params(found, [" "], []),
            tours.resolve_tour_params(found, ["x" * 300], []),
            tours.resolve_tour_params(found, ["nope"], []),
            tours.resolve_tour_params(found, [tour.id, found[1].id], []),
            tours.resolve_tour_params(found, [tour.id], ["99"]),
        ]
    messages = [c.notice.message for c in choices if c.notice]
    assert len(messages) == 5
    for message in messages:
        _no_english(message)
    assert f"Este recorrido tiene los pasos 1 a {len(tour.steps)}, así que se abre en el paso 1:" in messages
    english = tours.resolve_tour_params(found, [tour.id], ["99"]).notice
    assert english is not None and english.message.startswith("This tour has steps 1 to")


# ------------------------------------------------------------------------------------------------ compare


def test_compare_in_spanish(atlas: Atlas) -> None:
    for ids in (("choco", "kachin"), ("choco", "madre-de-dios"), ("choco", "madre-de-dios", "kachin")):
        with use_language("es"):
            rows = compare.comparison_matrix(atlas, ids)
            html = compare.matrix_html(atlas, rows) + compare.scope_notes_html(atlas, ids)
            html += compare.unique_kinds_html(atlas, ids)
            counts = compare.kind_counts(atlas, ids)
        _no_english(interface_text(html, atlas))
        assert rows[0].label == "Minerales" and rows[-1].label == "Respuestas: gobernanza y mercados"
        assert {row["layer_label"] for row in counts} <= {"Minerales", "Ríos", "Actores", "Daños", "Respuestas"}
        assert '<th scope="col">Capa</th>' in html and "<h4>Solo en " in html
        blocks = english_blocks(html)
        quoted = [f for row in rows for _area, features in (*row.cells, *row.context) for f in features]
        assert quoted and text_outside_english(html).count(MARKER) == len(quoted)
        for feature in quoted:
            assert f"“{feature.evidence[0].exact}”" in " ".join(blocks)


def test_compare_notices_and_caption_in_spanish(atlas: Atlas) -> None:
    with use_language("es"):
        notices = [compare.resolve_regions_param(atlas, v).notice for v in (["x" * 300], [","], ["zzz,kachin,kachin"])]
        views = compare.comparable_views(atlas, ("choco", "kachin"), 600, 400)
        caption = compare.scale_caption(views)
    assert all(n is not None for n in notices)
    for notice in notices:
        _no_english(notice.message)  # type: ignore[union-attr]
    assert "se omitió una región desconocida" in notices[2].message  # type: ignore[union-attr]
    assert caption.startswith("Todos los mapas a la misma escala: 100 píxeles ≈ ") and caption.endswith("región).")


# ------------------------------------------------------------------------------------------------ scopes, summary


def test_scopes_and_summary_in_spanish(atlas: Atlas) -> None:
    andes = next(s for s in atlas.scopes if s.id == "andes")
    world = next(s for s in atlas.scopes if s.id == "world")
    with use_language("es"):
        intro = scopes.scope_intro(atlas, andes)
        world_intro = scopes.scope_intro(atlas, world)
        meta = scopes.statement_meta(atlas, atlas.features_in("andes")[0])
        headings = [scopes.scope_heading(s.id) for s in atlas.scopes]
        counts = summary.counts_line({"minerals": 3, "rivers": 0})
    assert intro.startswith(f"{len(atlas.features_in('andes'))} afirmaciones de la entrevista")
    assert " y " in intro and "Las cifras y los juicios son de quienes hablan." in world_intro
    assert "citando a " in meta and headings == ["En los países andinos", "En todo el mundo"]
    assert counts == "Minerales 3 · Ríos 0"
    for text in (intro, world_intro, meta):
        _no_english(interface_text(text, atlas))


# ------------------------------------------------------------------------------------------------ cite, credits


def test_citations_in_spanish_keep_titles_and_syntax(atlas: Atlas) -> None:
    feature = atlas.features[0]
    with use_language("es"):
        apa = cite.interview_apa(retrieved=ACCESSED)
        bib = cite.interview_bibtex()
        works = [
            cite.interview_work(),
            cite.dataset_work(),
            cite.passage_work(atlas, "p12"),
            cite.feature_work(atlas, feature.id, cite.feature_address("http://localhost:8501/", feature)),
        ]
        texts = {fmt: [cite.citation(w, fmt, ACCESSED) for w in works] for fmt in cite.CITATION_FORMATS}
    assert apa.startswith("Transnational Institute. (s. f.). Artisanal and informal mining [Entrevista a ")
    assert "Recuperado el 5 de marzo de 2026, de https://www.tni.org/" in apa and "(Licencia: CC BY-NC-ND 3.0" in apa
    assert "  title        = {{Artisanal and Informal Mining}},\n" in bib and "  year         = {s. f.},\n" in bib
    assert "Interview with" not in apa + bib
    assert all("5 de marzo de 2026" in text for text in texts["apa"])
    assert all(f"urldate      = {{{ACCESSED.isoformat()}}}" in text for text in texts["bibtex"])
    assert all("Y2  - 2026/03/05" in text and text.startswith("TY  - ") for text in texts["ris"])
    assert "[Elemento del mapa: " in texts["apa"][3] and "párr. 12" in texts["apa"][2]
    for text in texts["apa"]:
        _no_english(interface_text(text, atlas))
    assert cite.interview_apa(retrieved=ACCESSED).startswith("Transnational Institute. (n.d.). Artisanal")


def test_credits_in_spanish() -> None:
    with use_language("es"):
        html = credits.interview_credit_html()
        markdown = credits.interview_credit_markdown()
        text = credits.interview_credit_text()
        geodata = credits.geodata_credit_text()
    assert html.startswith("Fuente: entrevista <a href=")
    assert '"Artisanal and Informal Mining"</a>' in html and "CC BY-NC-ND 3.0</a>. Las citas se reproducen" in html
    assert markdown.startswith('Fuente: entrevista ["Artisanal and Informal Mining"](') and text.startswith(
        "Entrevista"
    )
    assert credits.LICENCE_URL in markdown and credits.INTERVIEW_URL in text and "dominio público" in geodata
    for value in (html, markdown, text, geodata):
        _no_english(text_outside_english(value))
    assert credits.interview_credit_markdown() == credits.INTERVIEW_CREDIT_MARKDOWN


# ------------------------------------------------------------------------------------------------ background, legend


def test_background_and_editorial_marks_in_spanish() -> None:
    segments = (Segment("Veta's words."), Segment("An outside fact.", "A source"))
    with use_language("es"):
        html = background_html(segments)
        text = background_text(segments)
        quote = quote_html("a [b] c")
    assert '<span class="veta-background-label">Contexto:</span>' in html
    assert 'title="Contexto (no está en la entrevista). Fuente: A source"' in html and "(fuente: A source)" in html
    assert text == "Veta's words. [Contexto: An outside fact. (fuente: A source)]"
    assert 'title="Inserción editorial de TNI">[b]</span>' in quote
    assert background_text(segments) == "Veta's words. [Background: An outside fact. (source: A source)]"


def test_legend_in_spanish() -> None:
    with use_language("es"):
        html = symbology.legend_html("Leyenda")
    assert "Minerales</li>" in html and "<span>Inferido: ubicado por Veta</span>" in html
    _no_english(text_outside_english(html))
    assert "Minerals</li>" in symbology.legend_html("Legend")
    assert symbology.PRECISION_LABELS["site"] == "Site: named in the interview"  # English msgids, for `_()`
