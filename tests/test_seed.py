import json

from veta.paths import SEEDS_DIR
from veta.seed import load_seed, sha256_of

SEED = load_seed()


def test_seed_is_byte_for_byte_the_received_file():
    meta = json.loads((SEEDS_DIR / "datapackage.json").read_text("utf-8"))
    recorded = meta["resources"][0]["hash"].removeprefix("sha256:")
    assert recorded == "21c9105b5fee692ae36a67b020022a6db4ace860206841b325b2a19b4de95f9f"
    assert sha256_of(SEED.path) == recorded
    assert meta["resources"][0]["bytes"] == SEED.path.stat().st_size


def test_one_passage_per_paragraph_of_the_interview_in_order():
    assert len(SEED.passages) == 61
    assert [p.id for p in SEED.passages] == [f"p{n}" for n in range(1, 62)]
    assert SEED.passages[0].text.startswith("Katie: In our research for this series")
    assert SEED.passages[-1].text.startswith("Katie: Thank you so much both")
    lines = [p.line for p in SEED.passages]
    assert lines == sorted(lines)


def test_spans_point_at_the_passage_text():
    for passage in SEED.passages:
        assert SEED.text[passage.start : passage.end] == passage.text


def test_speakers_from_prefix_and_continuation():
    by_line = {p.line: p for p in SEED.passages}
    assert by_line[10].speaker == "Gisselle" and by_line[10].speaks_first
    assert by_line[11].speaker == "Gisselle" and not by_line[11].speaks_first  # "However, women’s participation…"
    assert by_line[17].speaker == "Doi Ra"
    assert by_line[8].speaker == "Katie"
    assert by_line[64].speaker == "Doi Ra"  # "Anna Tsing's book…" continues Doi Ra
    assert by_line[10].body.startswith("My research concerns")
    assert {p.speaker for p in SEED.passages} == {"Katie", "Gisselle", "Doi Ra"}


def test_front_matter_headings_and_trailer_are_typed():
    kinds = {b.line: b.kind for b in SEED.blocks}
    assert kinds[1] == "title"
    assert kinds[2] == "label"
    assert kinds[3] == "standfirst"
    assert kinds[5] == "credit"
    assert [b.text for b in SEED.blocks_of("heading")] == [
        "Way of life or exploitation?",
        "Understanding artisanal or small-scale mining",
        "Artisanal mining and its potential",
        "Livelihood or destructive cycle?",
        "Power imbalances",
        "Local communities & movement solidarity",
    ]
    assert all(kinds[line] == "trailer" for line in range(75, 93) if line in kinds)
    assert not any("Publication date" in p.text for p in SEED.passages)


def test_sections_come_from_the_heading_above():
    assert SEED.passages[0].section == "Way of life or exploitation?"
    by_line = {p.line: p for p in SEED.passages}
    assert by_line[47].section == "Livelihood or destructive cycle?"
    assert by_line[74].section == "Local communities & movement solidarity"
