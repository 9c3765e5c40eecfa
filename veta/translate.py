"""Veta's own content in other languages: feature texts, region names, tours and glossary, from parallel catalogues.

Every text Veta writes about the interview (a feature's name, summary, placement note, caveat and outside source;
region and scope names; why a passage is unmapped; tour titles, summaries, steps, questions and points; glossary
explanations) has its Spanish in a gettext catalogue beside the others, `locale/es/content/<name>.po`, one per
English file. An entry's `msgctxt` names the item and field (`choco-gold summary`,
`choco-two-rivers step 2 point 1 part 2 background`); its `msgid` is the English it translates, so an English
edit leaves the old translation stale and the validator asks for a new one.

Never translated: the interview's words (quotes, passages, `named_place`), glossary headwords and forms,
ids. A translation must not add quote marks (nothing in Spanish is put in a speaker's mouth).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from veta.atlas import QUOTE_MARKS
from veta.background import Segment, Segments, plain_text
from veta.glossary import Glossary, GlossaryTerm
from veta.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALE_DIR
from veta.model import Atlas, Feature, Region, UnmappedPassage
from veta.problems import Problem, display_path
from veta.tours import Tour, TourStep

FEATURE_FIELDS: tuple[str, ...] = ("name", "summary", "placement_note", "caveat", "inferred_source")
"""The fields of a feature that are Veta's own words, shown to the reader."""


@dataclass(frozen=True)
class ContentText:
    """One English text of Veta's content, and where its translation is kept."""

    catalogue: str
    """The content catalogue's name: `locale/<lang>/content/<catalogue>.po`."""
    file: str
    """The English file an editor changes, e.g. `geodata/content/minerals.json`."""
    item_id: str
    field: str
    english: str

    @property
    def context(self) -> str:
        """The catalogue entry's msgctxt."""
        return f"{self.item_id} {self.field}"


def content_catalogue_path(language: str, catalogue: str, locale_dir: Path = LOCALE_DIR) -> Path:
    """Where a content catalogue lives."""
    return locale_dir / language / "content" / f"{catalogue}.po"


def _segment_texts(catalogue: str, file: str, item_id: str, field: str, segments: Segments) -> Iterator[ContentText]:
    """A field given as segments: one text per segment (and per background source)."""
    if len(segments) == 1 and not segments[0].background:
        yield ContentText(catalogue, file, item_id, field, segments[0].text)
        return
    for index, segment in enumerate(segments, start=1):
        if segment.background:
            yield ContentText(catalogue, file, item_id, f"{field} part {index} background", segment.text)
            yield ContentText(catalogue, file, item_id, f"{field} part {index} source", segment.source)
        else:
            yield ContentText(catalogue, file, item_id, f"{field} part {index}", segment.text)


def atlas_texts(atlas: Atlas) -> Iterator[ContentText]:
    """Every text of the atlas that Veta wrote: features, regions and scopes, unmapped reasons, data file titles."""
    for feature in atlas.features:
        for field in FEATURE_FIELDS:
            english = getattr(feature, field)
            if english:
                yield ContentText(
                    f"features-{feature.layer}",
                    f"geodata/content/{feature.layer}.json",
                    feature.id,
                    field,
                    english,
                )
    for region in atlas.regions:
        yield ContentText("regions", "geodata/regions.geojson", region.id, "name", region.name)
        yield ContentText("regions", "geodata/regions.geojson", region.id, "country", region.country)
    for scope in atlas.scopes:
        yield ContentText("regions", "geodata/scopes.geojson", scope.id, "name", scope.name)
        if scope.country:
            yield ContentText("regions", "geodata/scopes.geojson", scope.id, "countries", scope.country)
    for item in atlas.unmapped:
        yield ContentText("unmapped", "geodata/unmapped.json", item.passage_id, "reason", item.reason)
    for resource in atlas.resources:
        yield ContentText("resources", "geodata/datapackage.json", resource.name, "title", resource.title)


def tour_texts(tour: Tour) -> Iterator[ContentText]:
    """Every text of a tour: title, summary, and each step's title, question and points."""
    catalogue, file = f"tour-{tour.id}", f"tours/{tour.id}.json"
    yield ContentText(catalogue, file, tour.id, "title", tour.title)
    yield from _segment_texts(catalogue, file, tour.id, "summary", tour.summary_parts)
    for step in tour.steps:
        where = f"step {step.number}"
        yield ContentText(catalogue, file, tour.id, f"{where} title", step.title)
        yield from _segment_texts(catalogue, file, tour.id, f"{where} question", step.question_parts)
        for number, point in enumerate(step.points_parts, start=1):
            yield from _segment_texts(catalogue, file, tour.id, f"{where} point {number}", point)


def glossary_texts(glossary: Glossary) -> Iterator[ContentText]:
    """Every explanation of the glossary (headwords are the interview's own terms and stay as they are)."""
    for term in glossary.terms:
        yield from _segment_texts("glossary", "glossary/glossary.json", term.id, "explanation", term.explanation_parts)


@lru_cache(maxsize=64)
def _read_catalogue(path: Path, stamp: tuple[int, int]) -> dict[tuple[str, str], str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {
        (message.context or "", message.id): message.string
        for message in catalog
        if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
    }


def read_content_catalogue(path: Path) -> dict[tuple[str, str], str]:
    """A content catalogue as {(msgctxt, English): translation}, without fuzzy or empty entries; {} if missing."""
    try:
        info = path.stat()
    except OSError:
        return {}
    return _read_catalogue(path, (info.st_mtime_ns, info.st_size))


class ContentTranslator:
    """Looks up content texts in one language's catalogues; English (or a missing entry) gives the English."""

    def __init__(self, language: str, locale_dir: Path = LOCALE_DIR) -> None:
        self.language = language
        self.locale_dir = locale_dir
        self._entries: dict[str, dict[tuple[str, str], str]] = {}

    def _catalogue(self, name: str) -> dict[tuple[str, str], str]:
        """One content catalogue's entries, read (or stamped) once per translator, not once per text."""
        if name not in self._entries:
            self._entries[name] = read_content_catalogue(content_catalogue_path(self.language, name, self.locale_dir))
        return self._entries[name]

    def lookup(self, text: ContentText) -> str | None:
        """The translation of one text, or None if the catalogue has none."""
        if self.language == DEFAULT_LANGUAGE:
            return text.english
        return self._catalogue(text.catalogue).get((text.context, text.english))

    def text(self, catalogue: str, item_id: str, field: str, english: str) -> str:
        """One field in this language (its English if untranslated; the validator reports that)."""
        if not english or self.language == DEFAULT_LANGUAGE:
            return english
        found = self.lookup(ContentText(catalogue, "", item_id, field, english))
        return found if found is not None else english

    def segments(self, catalogue: str, item_id: str, field: str, segments: Segments) -> Segments:
        """A field given as segments, each segment (and background source) in this language."""
        if self.language == DEFAULT_LANGUAGE:
            return segments
        if len(segments) == 1 and not segments[0].background:
            return (Segment(self.text(catalogue, item_id, field, segments[0].text)),)
        out: list[Segment] = []
        for index, segment in enumerate(segments, start=1):
            if segment.background:
                out.append(
                    Segment(
                        self.text(catalogue, item_id, f"{field} part {index} background", segment.text),
                        self.text(catalogue, item_id, f"{field} part {index} source", segment.source),
                    )
                )
            else:
                out.append(Segment(self.text(catalogue, item_id, f"{field} part {index}", segment.text)))
        return tuple(out)


def localize_atlas(atlas: Atlas, language: str, locale_dir: Path = LOCALE_DIR) -> Atlas:
    """The atlas with Veta's own texts in `language` (the interview's words untouched); itself for English."""
    if language == DEFAULT_LANGUAGE:
        return atlas
    tr = ContentTranslator(language, locale_dir)

    def feature(f: Feature) -> Feature:
        catalogue = f"features-{f.layer}"
        changes = {field: tr.text(catalogue, f.id, field, getattr(f, field)) for field in FEATURE_FIELDS}
        return replace(f, **changes)

    def region(r: Region, field_country: str) -> Region:
        return replace(
            r,
            name=tr.text("regions", r.id, "name", r.name),
            country=tr.text("regions", r.id, field_country, r.country),
        )

    return replace(
        atlas,
        features=tuple(feature(f) for f in atlas.features),
        regions=tuple(region(r, "country") for r in atlas.regions),
        scopes=tuple(region(s, "countries") for s in atlas.scopes),
        unmapped=tuple(
            UnmappedPassage(u.passage_id, tr.text("unmapped", u.passage_id, "reason", u.reason)) for u in atlas.unmapped
        ),
        resources=tuple(replace(r, title=tr.text("resources", r.name, "title", r.title)) for r in atlas.resources),
    )


def localize_tour(tour: Tour, language: str, locale_dir: Path = LOCALE_DIR) -> Tour:
    """A tour with its titles, summary, questions and points in `language`; itself for English."""
    if language == DEFAULT_LANGUAGE:
        return tour
    tr = ContentTranslator(language, locale_dir)
    catalogue = f"tour-{tour.id}"

    def step(s: TourStep) -> TourStep:
        where = f"step {s.number}"
        question = tr.segments(catalogue, tour.id, f"{where} question", s.question_parts)
        points = tuple(
            tr.segments(catalogue, tour.id, f"{where} point {n}", p) for n, p in enumerate(s.points_parts, start=1)
        )
        return replace(
            s,
            title=tr.text(catalogue, tour.id, f"{where} title", s.title),
            question=plain_text(question),
            question_segments=question,
            points=tuple(plain_text(p) for p in points),
            point_segments=points,
        )

    summary = tr.segments(catalogue, tour.id, "summary", tour.summary_parts)
    return replace(
        tour,
        title=tr.text(catalogue, tour.id, "title", tour.title),
        summary=plain_text(summary),
        summary_segments=summary,
        steps=tuple(step(s) for s in tour.steps),
    )


def localize_glossary(glossary: Glossary, language: str, locale_dir: Path = LOCALE_DIR) -> Glossary:
    """The glossary with its explanations in `language` (headwords and forms stay the interview's)."""
    if language == DEFAULT_LANGUAGE:
        return glossary
    tr = ContentTranslator(language, locale_dir)

    def term(t: GlossaryTerm) -> GlossaryTerm:
        explanation = tr.segments("glossary", t.id, "explanation", t.explanation_parts)
        return replace(t, explanation=plain_text(explanation), explanation_segments=explanation)

    return replace(glossary, terms=tuple(term(t) for t in glossary.terms))


def content_texts(atlas: Atlas, tours: Iterable[Tour], glossary: Glossary) -> list[ContentText]:
    """Every English content text, in file order."""
    texts = list(atlas_texts(atlas))
    for tour in tours:
        texts += tour_texts(tour)
    texts += glossary_texts(glossary)
    return texts


def _quoted_spans(text: str) -> list[str]:
    """What a text puts between quote marks (any of `veta.atlas.QUOTE_MARKS`, the marks that present words as
    someone's quote)."""
    spans: list[str] = []
    start: int | None = None
    for index, char in enumerate(text):
        if char in QUOTE_MARKS:
            if start is None:
                start = index + 1
            else:
                spans.append(text[start:index])
                start = None
    if start is not None:
        spans.append(text[start:])
    return spans


def translation_problems(
    texts: Iterable[ContentText], locale_dir: Path = LOCALE_DIR, languages: Iterable[str] = LANGUAGES[1:]
) -> list[Problem]:
    """Every content text without its translation (naming the English file, the id and the field), every
    translation that quotes what its English does not, and every catalogue entry whose English is gone."""
    texts = list(texts)
    problems: list[Problem] = []
    for language in languages:
        tr = ContentTranslator(language, locale_dir)
        used: dict[str, set[tuple[str, str]]] = {}
        for text in texts:
            used.setdefault(text.catalogue, set()).add((text.context, text.english))
            where = display_path(content_catalogue_path(language, text.catalogue, locale_dir))
            found = tr.lookup(text)
            if found is None:
                problems.append(
                    Problem(text.file, text.item_id, f"{text.field}: no {language} translation (add it in {where})")
                )
            elif any(span not in text.english for span in _quoted_spans(found)):
                problems.append(
                    Problem(
                        text.file,
                        text.item_id,
                        f"{text.field}: the {language} translation puts words in quote marks that the English does "
                        f"not quote ({where}); only the interview's own English may be quoted",
                    )
                )
        for catalogue, keys in sorted(used.items()):
            path = content_catalogue_path(language, catalogue, locale_dir)
            for context, english in sorted(set(read_content_catalogue(path)) - keys):
                problems.append(
                    Problem(
                        display_path(path),
                        context.split(" ", 1)[0],
                        f"{context}: translates English that is no longer in the data (stale; the English now "
                        f"differs or the text was removed): {english[:60]!r}",
                    )
                )
    return problems
