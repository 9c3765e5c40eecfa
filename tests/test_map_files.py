"""Map files: named by their content, written whole, never rewritten."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from veta.atlas import load_atlas
from veta.i18n import LANGUAGES, use_language
from veta.map_files import map_filename, write_map_file
from veta.maps import build_region_map, map_html
from veta.translate import localize_atlas


def test_the_name_is_the_stem_and_a_hash_of_the_content() -> None:
    name = map_filename("kachin", "<p>map</p>")
    assert re.fullmatch(r"kachin-[0-9a-f]{16}\.html", name)
    assert map_filename("kachin", "<p>map</p>") == name
    assert map_filename("kachin", "<p>another map</p>") != name
    assert map_filename("madre-de-dios", "<p>map</p>").startswith("madre-de-dios-")


@pytest.mark.parametrize("stem", ["", "../etc", "Kachin", "a b", "kachin/", "-x", "x-"])
def test_a_stem_that_is_not_an_id_is_refused(stem: str) -> None:
    with pytest.raises(ValueError, match="not a map file stem"):
        map_filename(stem, "<p>map</p>")


def test_write_creates_the_folder_and_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "static" / "maps"
    name = write_map_file("<p>Chocó</p>", folder, "choco")
    assert (folder / name).read_text(encoding="utf-8") == "<p>Chocó</p>"
    assert sorted(p.name for p in folder.iterdir()) == [name], "a temporary file was left behind"


def test_an_existing_file_is_not_written_again(tmp_path: Path) -> None:
    name = write_map_file("<p>map</p>", tmp_path, "choco")
    path = tmp_path / name
    path.write_text("<p>map</p>", encoding="utf-8")
    before = path.stat().st_mtime_ns
    assert write_map_file("<p>map</p>", tmp_path, "choco") == name
    assert path.stat().st_mtime_ns == before


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("veta.files.os.replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_map_file("<p>map</p>", tmp_path, "choco")
    assert list(tmp_path.iterdir()) == []


def test_a_map_in_another_language_has_its_language_in_its_name_and_hash() -> None:
    english = map_filename("kachin", "<p>map</p>")
    spanish = map_filename("kachin", "<p>map</p>", "es")
    assert re.fullmatch(r"kachin-es-[0-9a-f]{16}\.html", spanish)
    assert spanish.removeprefix("kachin-es-") != english.removeprefix("kachin-"), "the same hash for both"
    assert map_filename("kachin", "<p>map</p>", "en") == english


def test_the_language_defaults_to_the_current_one() -> None:
    with use_language("es"):
        assert map_filename("choco", "<p>map</p>") == map_filename("choco", "<p>map</p>", "es")
    assert map_filename("choco", "<p>map</p>") == map_filename("choco", "<p>map</p>", "en")


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="not a language"):
        map_filename("choco", "<p>map</p>", "fr")


def test_english_and_spanish_region_maps_are_different_files(tmp_path: Path) -> None:
    atlas = load_atlas()
    names = {}
    for language in LANGUAGES:
        with use_language(language):
            html = map_html(build_region_map(localize_atlas(atlas, language), "choco"))
            names[language] = write_map_file(html, tmp_path, "choco")
    assert names["en"] != names["es"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names.values())
    assert '<html lang="es">' in (tmp_path / names["es"]).read_text(encoding="utf-8")
    assert "<html>" in (tmp_path / names["en"]).read_text(encoding="utf-8")
