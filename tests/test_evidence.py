import pytest

from veta.evidence import EvidenceError, find_occurrences, resolve_quote, resolve_selector
from veta.seed import load_seed

SEED = load_seed()


def test_found_quote_resolves_to_its_passage_and_offsets():
    exact = "The Atrato is one of the few rivers in the world that has gained personhood rights"
    evidence = resolve_quote(SEED, exact)
    passage = SEED.passage(evidence.passage_id)
    assert passage.line == 38
    assert SEED.text[evidence.start : evidence.end] == exact
    assert passage.start <= evidence.start < evidence.end <= passage.end


def test_missing_quote_is_an_error():
    with pytest.raises(EvidenceError, match="not found verbatim"):
        resolve_quote(SEED, "The Atrato is one of the many rivers")


def test_straight_apostrophe_is_not_the_curly_one():
    with pytest.raises(EvidenceError, match="not found verbatim"):
        resolve_quote(SEED, "However, women's participation is often undercounted.")


def test_ambiguous_quote_is_an_error_until_prefix_or_suffix_settles_it():
    exact = "artisanal mining"
    assert len(find_occurrences(SEED.text, exact)) > 1
    with pytest.raises(EvidenceError, match="occurs .* times"):
        resolve_quote(SEED, exact)
    settled = resolve_quote(SEED, exact, prefix="Previously ", suffix=" meant")
    assert SEED.passage(settled.passage_id).speaker == "Doi Ra"


def test_wrong_prefix_is_reported_as_such():
    with pytest.raises(EvidenceError, match="not with the given prefix"):
        resolve_quote(SEED, "personhood rights", prefix="no such prefix ")


def test_quote_outside_the_interview_proper_is_an_error():
    with pytest.raises(EvidenceError, match="not inside one passage"):
        resolve_quote(SEED, "Illustration by Fourate Chahal El Rekaby")
    with pytest.raises(EvidenceError, match="not inside one passage"):
        resolve_quote(SEED, "taking on state functions, acting like a state.\nBut because")


@pytest.mark.parametrize("selector", [None, "text", {}, {"exact": ""}, {"exact": 3}])
def test_malformed_selectors_are_errors(selector):
    with pytest.raises(EvidenceError):
        resolve_selector(SEED, selector)
