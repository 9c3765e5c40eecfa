"""The content specs in geodata/content/ and geodata/unmapped.json: evidence, coverage and placement rules.

These read only the project's own files (the seed, the content specs, veta's vocabularies).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from veta.layers import AREA_IDS, LAYER_KINDS, PRECISIONS, REGION_IDS
from veta.seed import load_seed

ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = ROOT / "geodata" / "content"
UNMAPPED_PATH = ROOT / "geodata" / "unmapped.json"
SEED = load_seed(ROOT / "seeds")
TEXT = SEED.text

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QUOTE_MARKS = ('"', "“", "”", "‘", "’", "«", "»")
ANCHOR_FORMS = (
    {"place"},
    {"place", "source"},
    {"river"},
    {"river", "source"},
    {"river", "near"},
    {"river", "near", "source"},
    {"region"},
)
SPEC_KEYS = {
    "id",
    "region",
    "name",
    "kind",
    "summary",
    "evidence",
    "precision",
    "placement_note",
    "named_place",
    "inferred_source",
    "caveat",
    "anchor",
}
REQUIRED_KEYS = SPEC_KEYS - {"caveat", "named_place", "inferred_source"}


def load_layer(layer: str) -> list[dict]:
    return json.loads((CONTENT_DIR / f"{layer}.json").read_text(encoding="utf-8"))


LAYERS = {layer: load_layer(layer) for layer in LAYER_KINDS}
FEATURES = [(layer, spec) for layer, specs in LAYERS.items() for spec in specs]
FEATURE_IDS = [spec["id"] for _, spec in FEATURES]


class QuoteError(ValueError):
    pass


def locate(exact: str, prefix: str = "", suffix: str = "") -> str:
    """The id of the one passage that holds this quote; QuoteError if missing, ambiguous or spanning lines."""
    if not exact:
        raise QuoteError("empty quote")
    starts = []
    start = TEXT.find(exact)
    while start != -1:
        end = start + len(exact)
        if TEXT[max(0, start - len(prefix)) : start] == prefix and TEXT[end : end + len(suffix)] == suffix:
            starts.append(start)
        start = TEXT.find(exact, start + 1)
    if not starts:
        raise QuoteError(f"not verbatim in the seed: {exact[:60]!r}")
    if len(starts) > 1:
        raise QuoteError(f"occurs {len(starts)} times, needs a prefix/suffix: {exact[:60]!r}")
    start, end = starts[0], starts[0] + len(exact)
    for passage in SEED.passages:
        if passage.start <= start and end <= passage.end:
            return passage.id
    raise QuoteError(f"not inside one passage of the interview: {exact[:60]!r}")


def cited_passages() -> set[str]:
    return {
        locate(ev["exact"], ev.get("prefix", ""), ev.get("suffix", ""))
        for _, spec in FEATURES
        for ev in spec["evidence"]
    }


# ----------------------------------------------------------------- the checker itself can fail


def test_locate_rejects_missing_ambiguous_and_non_passage_quotes():
    with pytest.raises(QuoteError, match="not verbatim"):
        locate("The Atrato is a river of gold.")
    with pytest.raises(QuoteError, match="occurs"):
        locate("Doi Ra")  # speaker prefix, occurs many times
    with pytest.raises(QuoteError, match="not inside one passage"):
        locate("Way of life or exploitation?")  # a heading
    with pytest.raises(QuoteError, match="not verbatim"):
        locate("In Colombia they are called barriqueras", prefix="wrong")
    # straight and curly apostrophes are different characters
    with pytest.raises(QuoteError, match="not verbatim"):
        locate("So, in Colombia's province of Chocó")
    assert locate("So, in Colombia’s province of Chocó") == "p29"


# ----------------------------------------------------------------- files


@pytest.mark.parametrize("layer", list(LAYER_KINDS))
def test_content_file_is_a_list_written_as_utf8_with_indent_2(layer):
    raw = (CONTENT_DIR / f"{layer}.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert isinstance(data, list) and data, f"{layer}.json must be a non-empty JSON list"
    assert raw == json.dumps(data, ensure_ascii=False, indent=2) + "\n", (
        f"{layer}.json is not ensure_ascii=False, indent 2"
    )


# ----------------------------------------------------------------- every feature


@pytest.mark.parametrize(("layer", "spec"), FEATURES, ids=FEATURE_IDS)
def test_feature_spec_follows_the_contract(layer, spec):
    assert set(spec) >= REQUIRED_KEYS, f"missing {sorted(REQUIRED_KEYS - set(spec))}"
    assert set(spec) <= SPEC_KEYS, f"unexpected keys {sorted(set(spec) - SPEC_KEYS)} (geometry is the build's job)"
    assert SLUG.match(spec["id"])
    assert spec["region"] in AREA_IDS
    assert spec["kind"] in LAYER_KINDS[layer]
    assert spec["precision"] in PRECISIONS
    for key in ("name", "summary", "placement_note"):
        assert isinstance(spec[key], str) and spec[key].strip(), key
    assert "caveat" not in spec or (isinstance(spec["caveat"], str) and spec["caveat"].strip())
    assert not any(mark in spec["summary"] for mark in QUOTE_MARKS), "summary must be our own words, no quote marks"
    assert spec["summary"].rstrip().endswith("."), "summary is one sentence"
    assert spec["summary"].count(". ") == 0, "summary is one sentence"


@pytest.mark.parametrize(("layer", "spec"), FEATURES, ids=FEATURE_IDS)
def test_every_quote_is_verbatim_and_unambiguous(layer, spec):
    assert isinstance(spec["evidence"], list) and len(spec["evidence"]) >= 1
    for ev in spec["evidence"]:
        assert set(ev) <= {"exact", "prefix", "suffix"}
        locate(ev["exact"], ev.get("prefix", ""), ev.get("suffix", ""))
    exacts = [ev["exact"] for ev in spec["evidence"]]
    assert len(exacts) == len(set(exacts)), "the same quote twice"


@pytest.mark.parametrize(("layer", "spec"), FEATURES, ids=FEATURE_IDS)
def test_anchor_form_matches_precision_and_region(layer, spec):
    anchor = spec["anchor"]
    assert set(anchor) in ANCHOR_FORMS, f"unknown anchor form {anchor}"
    for value in anchor.values():
        assert isinstance(value, str) and value.strip()
    if "region" in anchor:
        assert anchor["region"] == spec["region"]
        assert spec["precision"] == "region", "a region-wide point can only have precision 'region'"
    else:
        assert spec["precision"] != "region", "precision 'region' goes with a region anchor"
    if spec["precision"] == "site":
        assert set(anchor) in ({"river"}, {"river", "source"}, {"place"}, {"place", "source"})
    if layer == "rivers":
        assert set(anchor) in ({"river"}, {"river", "source"}), "a river feature is a whole river line"


@pytest.mark.parametrize(("layer", "spec"), FEATURES, ids=FEATURE_IDS)
def test_placements_say_where_from(layer, spec):
    if spec["precision"] in ("approximate", "inferred"):
        note = spec["placement_note"]
        assert any(src in note for src in ("GeoNames", "MIMU", "Natural Earth", "GSHHG")), note
    if spec["precision"] == "inferred":
        source = spec["inferred_source"]
        assert any(src in source for src in ("GeoNames", "MIMU", "Natural Earth", "GSHHG")), source
        assert "outside knowledge" in source, source


@pytest.mark.parametrize(("layer", "spec"), FEATURES, ids=FEATURE_IDS)
def test_named_places_are_the_interviews_words(layer, spec):
    """site and approximate name their place in the words of a cited passage; the others claim no named place."""
    if spec["precision"] in ("site", "approximate"):
        named = spec["named_place"]
        cited = {locate(ev["exact"], ev.get("prefix", ""), ev.get("suffix", "")) for ev in spec["evidence"]}
        assert any(named in SEED.passage(pid).text for pid in cited), (named, sorted(cited))
        assert "inferred_source" not in spec
    else:
        assert "named_place" not in spec
    if spec["precision"] != "inferred":
        assert "inferred_source" not in spec


def test_invented_sites_are_not_used_as_anchors():
    for _, spec in FEATURES:
        names = " ".join(str(v) for v in spec["anchor"].values())
        for invented in ("La Pampa", "Laiza", "Tambopata", "Uru"):
            assert invented not in names, f"{spec['id']} anchors to {invented}, which is not in the data"


# ----------------------------------------------------------------- the whole set


def test_ids_are_unique_across_layers():
    duplicates = sorted({i for i in FEATURE_IDS if FEATURE_IDS.count(i) > 1})
    assert not duplicates


def test_ids_are_prefixed_by_their_region():
    prefixes = {"choco": "choco-", "madre-de-dios": "mdd-", "kachin": "kachin-", "andes": "andes-", "world": "world-"}
    for _, spec in FEATURES:
        assert spec["id"].startswith(prefixes[spec["region"]]), spec["id"]


@pytest.mark.parametrize("region", REGION_IDS)
@pytest.mark.parametrize("layer", ["minerals", "rivers", "actors", "harms", "responses"])
def test_every_region_has_every_layer(region, layer):
    assert any(spec["region"] == region for spec in LAYERS[layer])


def test_feature_count_is_in_the_planned_range():
    focus = [spec for _, spec in FEATURES if spec["region"] in REGION_IDS]
    scopes = [spec for _, spec in FEATURES if spec["region"] not in REGION_IDS]
    assert 60 <= len(focus) <= 90
    assert 20 <= len(scopes) <= 45, "the Andes-wide and worldwide statements of the interview"


@pytest.mark.parametrize("river", ["Atrato", "San Juan"])
def test_choco_rivers_are_river_features_with_river_anchors(river):
    matches = [s for s in LAYERS["rivers"] if s["anchor"] == {"river": river}]
    assert len(matches) == 1
    assert matches[0]["region"] == "choco" and matches[0]["precision"] == "site"


def test_san_juan_contradiction_keeps_both_readings():
    san_juan = next(s for s in LAYERS["rivers"] if s["anchor"] == {"river": "San Juan"})
    cited = {locate(ev["exact"], ev.get("prefix", ""), ev.get("suffix", "")) for ev in san_juan["evidence"]}
    assert {"p30", "p33"} <= cited
    assert "Atrato" in san_juan.get("caveat", "")


def test_kachin_minerals_cover_all_four_named():
    kinds = {s["kind"] for s in LAYERS["minerals"] if s["region"] == "kachin"}
    assert {"jade", "amber", "gold", "rare-earths"} <= kinds


# ----------------------------------------------------------------- unmapped passages


UNMAPPED = json.loads(UNMAPPED_PATH.read_text(encoding="utf-8"))
PASSAGE_IDS = [p.id for p in SEED.passages]


def test_unmapped_items_are_known_passages_with_reasons():
    assert isinstance(UNMAPPED, list)
    listed = [item["passage"] for item in UNMAPPED]
    assert len(listed) == len(set(listed)), "a passage listed twice"
    for item in UNMAPPED:
        assert set(item) == {"passage", "reason"}
        assert item["passage"] in PASSAGE_IDS
        assert isinstance(item["reason"], str) and item["reason"].strip()


def test_passages_cited_or_unmapped_cover_the_whole_interview():
    covered = cited_passages() | {item["passage"] for item in UNMAPPED}
    missing = [pid for pid in PASSAGE_IDS if pid not in covered]
    assert not missing, f"neither cited nor listed as unmapped: {missing}"


def test_passages_listed_as_unmapped_but_cited_say_they_are_partial():
    cited = cited_passages()
    for item in UNMAPPED:
        if item["passage"] in cited:
            assert item["reason"].startswith("Partly mapped"), item["passage"]


def test_every_katie_question_is_unmapped_not_cited():
    cited = cited_passages()
    for passage in SEED.passages:
        if passage.speaker == "Katie":
            assert passage.id not in cited, f"{passage.id} is the interviewer's; it carries no regional claim"


# ----------------------------------------------------------------- issue 14: honest places, the whole interview


SPEAKER_NAMES = {"Gisselle": "Gisselle Benites", "Doi Ra": "Doi Ra"}


@pytest.mark.parametrize(
    "feature_id",
    [
        "kachin-jade",
        "kachin-amber",
        "kachin-rare-earths",
        "kachin-ayeyarwady",
        "kachin-nmai",
        "kachin-mali-hka",
        "mdd-alluvial-gold",
        "mdd-inambari-river",
        "mdd-madre-de-dios-river",
        "choco-platinum",
    ],
)
def test_places_the_interview_does_not_name_are_inferred(feature_id):
    spec = next(spec for _, spec in FEATURES if spec["id"] == feature_id)
    assert spec["precision"] == "inferred"
    assert "outside knowledge, not in the interview" in spec["inferred_source"]


def test_a_claim_resting_on_a_probable_slip_is_not_a_site():
    spec = next(spec for _, spec in FEATURES if spec["id"] == "choco-san-juan-artisanal-claim")
    assert spec["precision"] != "site"
    assert "slip" in spec["caveat"]


@pytest.mark.parametrize(("layer", "spec"), FEATURES, ids=FEATURE_IDS)
def test_figures_in_summaries_are_attributed(layer, spec):
    """A number in Veta's summary is someone's figure: the speaker's, or TNI's editorial insertion."""
    if re.search(r"\d", spec["summary"]):
        assert any(name in spec["summary"] for name in ("Gisselle Benites", "Doi Ra", "TNI")), spec["summary"]


@pytest.mark.parametrize(
    ("layer", "spec"),
    [(layer, spec) for layer, spec in FEATURES if spec["region"] in ("andes", "world")],
    ids=[spec["id"] for _, spec in FEATURES if spec["region"] in ("andes", "world")],
)
def test_andes_and_world_statements_name_their_speaker(layer, spec):
    speakers = {
        SEED.passage(locate(ev["exact"], ev.get("prefix", ""), ev.get("suffix", ""))).speaker
        for ev in spec["evidence"]
    }
    assert len(speakers) == 1, f"one speaker per scope statement, got {speakers}"
    assert SPEAKER_NAMES[speakers.pop()] in spec["summary"]


def test_every_passage_of_the_two_speakers_is_cited():
    cited = cited_passages()
    missing = [p.id for p in SEED.passages if p.speaker != "Katie" and p.id not in cited]
    assert not missing, f"passages of Gisselle Benites or Doi Ra that no feature cites: {missing}"


def test_unmapped_keeps_only_what_has_no_place():
    """Only the interviewer's introductions, questions and thanks are left unmapped."""
    for item in UNMAPPED:
        assert SEED.passage(item["passage"]).speaker == "Katie", item


@pytest.mark.parametrize(("passage_id", "sentence"), [
    ("p11", "In Kachin state, in Myanmar, we have different kinds of mining."),
    ("p40", "Maybe artisanal used to be a good alternative livelihood"),
    ("p41", "The wealth creation from mining is huge, and the agricultural sector is struggling."),
    ("p60", "Regarding land redistribution, land restitution, for production and social reproduction"),
])
def test_sentences_once_left_out_are_cited(passage_id, sentence):
    assert sentence in SEED.passage(passage_id).text
    quotes = [ev["exact"] for _, spec in FEATURES for ev in spec["evidence"]]
    assert any(sentence in quote for quote in quotes), sentence
