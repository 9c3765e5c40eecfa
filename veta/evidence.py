"""Evidence: quotes of the interview, resolved to their passage and character offsets.

A quote is a W3C Web Annotation TextQuoteSelector: `exact`, with optional `prefix` and `suffix`
(the characters right before and after it) to pick one occurrence when `exact` occurs more than once.
"""

from __future__ import annotations

from dataclasses import dataclass

from veta.seed import Seed


@dataclass(frozen=True)
class Evidence:
    """A verbatim quote of the seed, located in one passage."""

    exact: str
    passage_id: str
    start: int
    end: int
    prefix: str = ""
    suffix: str = ""


def passage_ids_of(evidence: tuple[Evidence, ...]) -> tuple[str, ...]:
    """The passages some evidence quotes, in order of first quotation, without repeats."""
    return tuple(dict.fromkeys(e.passage_id for e in evidence))


class EvidenceError(ValueError):
    """A quote that cannot be resolved to exactly one place in one passage."""


def find_occurrences(text: str, exact: str, prefix: str = "", suffix: str = "") -> list[int]:
    """Start offsets of every occurrence of `exact` that has `prefix` right before and `suffix` right after."""
    found: list[int] = []
    start = text.find(exact)
    while start != -1:
        end = start + len(exact)
        if text[max(0, start - len(prefix)) : start] == prefix and text[end : end + len(suffix)] == suffix:
            found.append(start)
        start = text.find(exact, start + 1)
    return found


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def resolve_quote(seed: Seed, exact: str, prefix: str = "", suffix: str = "") -> Evidence:
    """Resolve a quote to its one place in the interview; raise EvidenceError saying what is wrong."""
    if not isinstance(exact, str) or not exact.strip():
        raise EvidenceError("evidence 'exact' must be a non-empty string")
    if not isinstance(prefix, str) or not isinstance(suffix, str):
        raise EvidenceError(f"evidence prefix/suffix must be strings (quote {_short(exact)!r})")
    bare = find_occurrences(seed.text, exact)
    if not bare:
        raise EvidenceError(f"quote not found verbatim in the seed: {_short(exact)!r}")
    found = find_occurrences(seed.text, exact, prefix, suffix)
    if not found:
        raise EvidenceError(f"quote {_short(exact)!r} is in the seed but not with the given prefix/suffix")
    if len(found) > 1:
        raise EvidenceError(f"quote {_short(exact)!r} occurs {len(found)} times; add a prefix or suffix that picks one")
    start = found[0]
    end = start + len(exact)
    passage = seed.passage_at(start)
    if passage is None or end > passage.end:
        raise EvidenceError(
            f"quote {_short(exact)!r} is not inside one passage of the interview"
            " (it spans passages, or quotes the title, standfirst, a heading or the page trailer)"
        )
    return Evidence(exact=exact, passage_id=passage.id, start=start, end=end, prefix=prefix, suffix=suffix)


def resolve_selector(seed: Seed, selector: object) -> Evidence:
    """Resolve one evidence item as found in a GeoJSON property (a dict with `exact`, `prefix`, `suffix`)."""
    if not isinstance(selector, dict):
        raise EvidenceError("each evidence item must be an object with an 'exact' quote")
    if "exact" not in selector:
        raise EvidenceError("evidence item has no 'exact' quote")
    return resolve_quote(seed, selector["exact"], selector.get("prefix", "") or "", selector.get("suffix", "") or "")
