"""Map files: named by their content, written whole, never rewritten."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from veta.map_files import map_filename, write_map_file


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
