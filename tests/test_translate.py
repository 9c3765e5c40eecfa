"""veta.translate: content localized from parallel catalogues, and the validator naming what lacks its Spanish."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from veta.atlas import load_atlas
from veta.glossary import load_glossary
from veta.model import Atlas
from veta.tours import TOURS_DIR, load_tours
from veta.translate import (
    ContentText,
    atlas_texts,
    content_catalogue_path,
    content_texts,
    localize_atlas,
    localize_glossary,
    localize_tour,
    tour_texts,
    translation_problems,
)
from veta.validate import run_validate


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return load_atlas()


def write_catalogue(locale_dir: Path, catalogue: str, entries: dict[tuple[str, str], str]) -> Path:
    """A Spanish content catalogue with these {(msgctxt, English): Spanish} entries."""
    catalog = Catalog(locale="es", domain=catalogue)
    for (context, english), spanish in entries.items():
        catalog.add(english, spanish, context=context)
    path = content_catalogue_path("es", catalogue, locale_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    path.write_bytes(buffer.getvalue())
    return path


def test_every_feature_text_is_listed_with_its_file_and_field(atlas: Atlas) -> None:
    texts = list(atlas_texts(atlas))
    gold = [t for t in texts if t.item_id == "choco-gold"]
    assert {t.field for t in gold} == {"name", "summary", "placement_note", "caveat"}
    assert {t.file for t in gold} == {"geodata/content/minerals.json"}
    assert all(t.catalogue == "features-minerals" for t in gold)
    assert not any(t.field in {"evidence", "named_place"} for t in texts)  # the interview's words are never listed


def test_localize_atlas_changes_only_veta_s_own_words(atlas: Atlas, tmp_path: Path) -> None:
    gold = atlas.feature("choco-gold")
    write_catalogue(
        tmp_path,
        "features-minerals",
        {("choco-gold name", gold.name): "Oro en pozas mineras", ("choco-gold summary", "an old English"): "Viejo"},
    )
    write_catalogue(tmp_path, "regions", {("kachin name", atlas.region("kachin").name): "Estado Kachin"})
    spanish = localize_atlas(atlas, "es", tmp_path)
    assert spanish.feature("choco-gold").name == "Oro en pozas mineras"
    assert spanish.feature("choco-gold").summary == gold.summary  # a stale entry is not used: English shows
    assert spanish.feature("choco-gold").evidence == gold.evidence
    assert spanish.region("kachin").name == "Estado Kachin"
    assert localize_atlas(atlas, "en", tmp_path) is atlas


def test_tours_keep_their_segments_and_background_marks(atlas: Atlas, tmp_path: Path) -> None:
    tour = next(t for t in load_tours(TOURS_DIR, atlas)[0] if t.id == "choco-two-rivers")
    texts = list(tour_texts(tour))
    background = next(t for t in texts if t.field.endswith("background"))
    source = next(t for t in texts if t.field == background.field.replace("background", "source"))
    write_catalogue(
        tmp_path,
        "tour-choco-two-rivers",
        {
            (background.context, background.english): "Contexto traducido.",
            (source.context, source.english): "Fuente traducida",
            (f"{tour.id} title", tour.title): "Chocó: dos ríos, dos historias",
        },
    )
    spanish = localize_tour(tour, "es", tmp_path)
    assert spanish.title == "Chocó: dos ríos, dos historias"
    segments = [s for step in spanish.steps for point in step.points_parts for s in point] + [
        s for step in spanish.steps for s in step.question_parts
    ]
    marked = [s for s in segments if s.text == "Contexto traducido."]
    assert marked and all(s.background and s.source == "Fuente traducida" for s in marked)
    assert [len(s.points_parts) for s in spanish.steps] == [len(s.points_parts) for s in tour.steps]
    assert [s.evidence for s in spanish.steps] == [s.evidence for s in tour.steps]


def test_glossary_headwords_stay_the_interview_s(atlas: Atlas, tmp_path: Path) -> None:
    glossary = load_glossary(atlas.seed)
    term = glossary.terms[0]
    explanation = term.explanation_parts[0]
    field = "explanation" if len(term.explanation_parts) == 1 else "explanation part 1"
    write_catalogue(tmp_path, "glossary", {(f"{term.id} {field}", explanation.text): "Explicación."})
    spanish = localize_glossary(glossary, "es", tmp_path)
    assert spanish.terms[0].term == term.term and spanish.terms[0].forms == term.forms
    assert spanish.terms[0].explanation_parts[0].text == "Explicación."


def test_problems_name_the_file_the_id_and_the_field(atlas: Atlas, tmp_path: Path) -> None:
    problems = translation_problems(list(atlas_texts(atlas)), tmp_path)
    assert len(problems) == len(list(atlas_texts(atlas)))
    assert any(
        p.file == "geodata/content/minerals.json" and p.feature_id == "choco-gold" and p.message.startswith("summary:")
        for p in problems
    )
    assert all("locale/es/content/" in p.message or str(tmp_path) in p.message for p in problems)


def test_a_translation_may_not_put_words_in_quote_marks(tmp_path: Path) -> None:
    text = ContentText("glossary", "glossary/glossary.json", "term", "explanation", "Miners say it is hard.")
    write_catalogue(tmp_path, "glossary", {(text.context, text.english): "Los mineros dicen «es duro»."})
    [problem] = translation_problems([text], tmp_path)
    assert problem.feature_id == "term" and "quote marks" in problem.message
    quoted = ContentText("glossary", "glossary/glossary.json", "t2", "explanation", 'Called "barriqueras" here.')
    write_catalogue(tmp_path, "glossary", {(quoted.context, quoted.english): 'Llamadas "barriqueras" aquí.'})
    assert translation_problems([quoted], tmp_path) == []


def test_a_stale_translation_is_reported(tmp_path: Path) -> None:
    text = ContentText("regions", "geodata/regions.geojson", "kachin", "name", "Kachin State")
    write_catalogue(tmp_path, "regions", {("kachin name", "Kachin state (old)"): "Estado Kachin"})
    problems = translation_problems([text], tmp_path)
    assert [p.message.split(":")[0] for p in problems] == ["name", "kachin name"]
    assert "stale" in problems[1].message


def test_the_validator_fails_on_a_missing_spanish_text_and_names_it(atlas: Atlas, tmp_path: Path) -> None:
    from veta.paths import GEODATA_DIR, SEEDS_DIR

    texts = content_texts(atlas, load_tours(TOURS_DIR, atlas)[0], load_glossary(atlas.seed))
    entries: dict[str, dict[tuple[str, str], str]] = {}
    for text in texts:
        entries.setdefault(text.catalogue, {})[(text.context, text.english)] = "traducción"
    missing = next(t for t in texts if t.item_id == "kachin-jade" and t.field == "summary")
    del entries[missing.catalogue][(missing.context, missing.english)]
    for catalogue, items in entries.items():
        write_catalogue(tmp_path, catalogue, items)
    out = io.StringIO()
    code = run_validate(GEODATA_DIR, SEEDS_DIR, out, tours_dir=TOURS_DIR, locale_dir=tmp_path)
    lines = out.getvalue().splitlines()
    assert code == 1
    assert lines[0] == (
        f"geodata/content/{missing.file.split('/')[-1]}: kachin-jade: summary: no es translation "
        f"(add it in {content_catalogue_path('es', missing.catalogue, tmp_path)})"
    )
    assert lines[1].startswith("1 problem(s) in 1 file(s)")
