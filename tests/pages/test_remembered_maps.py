"""The server keeps maps only for canonical addresses (issue #16, item 1): junk addresses leave no state.

The region page remembers the map its address showed (`ui.map_frames.REMEMBERED_MAPS`), which the next load of
that address preloads. The table used to be keyed by the whole query: one client opening /kachin 520 times with
a 100,000-emoji parameter grew the server by 750 MB, and flushed the maps of / and the region pages. Now only a
page path and the id of a feature the page shows are keys.
"""

from __future__ import annotations

import pytest

import ui.map_view
from tests.hostile import run_page
from ui.map_frames import RememberedMaps, address_key

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
    monkeypatch.setattr(ui.map_view, "REMEMBERED_MAPS", table)
    return table


def test_junk_addresses_leave_the_table_unchanged(remembered: RememberedMaps) -> None:
    run_page("pages/kachin.py")
    assert len(remembered) == 1 and remembered.lookup(address_key("/kachin", [])) is not None
    before = (len(remembered), remembered.size_chars())
    for params in JUNK:
        at = run_page("pages/kachin.py", params)
        assert not at.exception, (params, at.exception)
        assert (len(remembered), remembered.size_chars()) == before, params


def test_a_feature_that_exists_is_remembered_under_its_canonical_address(remembered: RememberedMaps) -> None:
    run_page("pages/kachin.py", {"feature": "kachin-jade", "embed": "true"})
    assert len(remembered) == 1
    assert remembered.lookup(address_key("/kachin", [("feature", "kachin-jade")])) is not None


def test_every_canonical_address_fits_so_visitors_cannot_flush_the_preloaded_maps() -> None:
    """Keys are a page and a feature that exists: all of them fit in the table, so no sequence of visits can push
    out the maps of / and the region pages (the issue's run flushed them)."""
    from ui.map_frames import MAX_REMEMBERED
    from veta.atlas import load_atlas

    atlas = load_atlas()
    canonical = 1 + len(atlas.regions) + len(atlas.features)  # /, each region page, each feature selected
    assert canonical <= MAX_REMEMBERED // 2, canonical  # and room to spare for more features
