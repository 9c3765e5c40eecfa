"""The server keeps maps only for canonical addresses (issue #16, item 1): junk addresses leave no state.

A map page remembers the map its address showed (`ui.internals.REMEMBERED_MAPS`), which the next load of that
address preloads. The table used to be keyed by the whole query: one client opening /kachin 520 times with a
100,000-emoji parameter grew the server by 750 MB, and flushed the maps of / and the region pages. Now a region
map is one file for every selection, and the only keys are page paths (and, for the tour page, a tour and step
that exist), made by the pages from validated values.
"""

from __future__ import annotations

import pytest

import ui.internals
import ui.map_display
from tests.hostile import run_page
from ui.internals import MAX_REMEMBERED, RememberedMaps, canonical_key

JUNK: list[dict[str, str | list[str]]] = [
    {"q": "😀" * 10_000},
    {"q": "😀" * 10_000 + "x"},
    {"feature": "😀" * 10_000},
    {"feature": "no-such-feature"},
    {"feature": "choco-atrato"},  # a feature, but of another region: the map shows no selection
    {"feature": ["kachin-jade", "kachin-amber"]},
    {"feature": "kachin-jade", "utm_source": "x" * 5_000},
    {"embed": "true", "q": "1"},
]


@pytest.fixture
def remembered(monkeypatch: pytest.MonkeyPatch) -> RememberedMaps:
    table = RememberedMaps()
    monkeypatch.setattr(ui.internals, "REMEMBERED_MAPS", table)
    monkeypatch.setattr(ui.map_display, "REMEMBERED_MAPS", table)
    return table


def test_junk_addresses_leave_the_table_unchanged(remembered: RememberedMaps) -> None:
    run_page("pages/kachin.py")
    assert len(remembered) == 1 and remembered.lookup(canonical_key("/kachin")) is not None
    before = (len(remembered), remembered.size_chars())
    for params in JUNK:
        at = run_page("pages/kachin.py", params)
        assert not at.exception, (params, at.exception)
        assert (len(remembered), remembered.size_chars()) == before, params


def test_a_selection_is_remembered_under_the_pages_own_address(remembered: RememberedMaps) -> None:
    run_page("pages/kachin.py", {"feature": "kachin-jade", "embed": "true"})
    assert len(remembered) == 1
    found = remembered.lookup(canonical_key("/kachin"))
    assert found is not None and "kachin-jade" in found.ids


def test_a_tour_step_is_remembered_only_for_a_tour_and_step_that_exist(remembered: RememberedMaps) -> None:
    run_page("pages/tour.py", {"tour": "water-and-mercury", "step": "2"})
    run_page("pages/tour.py", {"tour": "no-such-tour", "step": "2"})
    run_page("pages/tour.py", {"tour": "water-and-mercury", "step": "999"})  # shown as its last step
    keys = {canonical_key("/tour", {"tour": "water-and-mercury", "step": "2"})}
    assert {k for k in keys if remembered.lookup(k) is not None} == keys
    assert len(remembered) <= 2


def test_every_canonical_address_fits_so_visitors_cannot_flush_the_preloaded_maps() -> None:
    """Keys are the pages and the tours' steps: all of them fit in the table, so no sequence of visits can push out
    the maps of / and the region pages (the issue's run flushed them)."""
    from veta.atlas import load_atlas
    from veta.tours import TOURS_DIR, load_tours

    atlas = load_atlas()
    tours = load_tours(TOURS_DIR, atlas)[0]
    canonical = 1 + len(atlas.regions) + sum(len(t.steps) for t in tours)
    assert canonical <= MAX_REMEMBERED // 2, canonical  # and room to spare


def test_a_spanish_page_remembers_its_map_under_its_language(remembered: RememberedMaps) -> None:
    """The map's labels are in the page's language: /kachin?lang=es preloads the Spanish map, /kachin the English;
    a made-up `lang` names no new key."""
    assert canonical_key("/kachin", {"lang": "es", "feature": "kachin-jade"}) == "/kachin?lang=es"
    assert canonical_key("/kachin", {"lang": "en"}) == canonical_key("/kachin", {"lang": "😀" * 50}) == "/kachin"
    assert canonical_key("/tour", {"tour": "water-and-mercury", "step": "2", "lang": "es"}) == (
        "/tour?tour=water-and-mercury&step=2&lang=es"
    )
    run_page("pages/kachin.py")
    run_page("pages/kachin.py", {"lang": "es", "feature": "kachin-jade"})
    run_page("pages/kachin.py", {"lang": "xx"})
    english, spanish = remembered.lookup("/kachin"), remembered.lookup("/kachin?lang=es")
    assert len(remembered) == 2 and english is not None and spanish is not None
    assert english.src != spanish.src and spanish.title.startswith("Mapa de ")
