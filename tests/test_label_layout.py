"""veta.maps.label_layout: names placed beside their dots, clear of what is taken, in the picture."""

from __future__ import annotations

from veta.maps.label_layout import Name, overlap, place_names


def test_a_name_goes_right_of_its_dot_when_nothing_is_there() -> None:
    (box,) = place_names([Name("Quibdó", 50, 50, 30, 10)], 200, 100)
    assert box == (54, 45, 84, 55)


def test_a_name_leaves_a_marker_and_the_edge_alone() -> None:
    marker = (52, 40, 72, 60)  # right of the dot
    (box,) = place_names([Name("Istmina", 50, 50, 30, 10)], 200, 100, [marker])
    assert box is not None and overlap(box, marker) == 0 and box[2] <= 50
    (edge,) = place_names([Name("Tadó", 190, 50, 30, 10)], 200, 100)
    assert edge is not None and edge[2] <= 200


def test_two_names_do_not_cross_and_the_tighter_town_is_served_first() -> None:
    names = [Name("Puerto Maldonado", 100, 50, 80, 10), Name("Puerto Rosario de Laberinto", 60, 50, 120, 10)]
    first, second = place_names(names, 300, 100)
    assert first is not None and second is not None and overlap(first, second) == 0


def test_a_town_is_always_named_a_country_only_when_it_is_clear() -> None:
    crowded = [(0, 0, 200, 100)]  # nothing is free
    town, country = place_names([Name("Hpakant", 50, 50, 30, 10), Name("CHINA", 120, 50, 30, 8, town=False)], 200, 100, crowded)
    assert town is not None
    assert country is None
