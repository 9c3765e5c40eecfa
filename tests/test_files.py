"""Atomic writes: the old file or the new one, never a part, and nothing left behind."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from veta.files import replace_atomically, write_text_atomically


def test_text_is_written_whole_readable_by_all(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "folder" / "page.html"
    assert write_text_atomically(target, "Chocó\r\nline two") == target
    assert target.read_bytes() == "Chocó\r\nline two".encode()  # newlines as given
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]


def test_a_failure_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    target.write_text("old", encoding="utf-8")

    def half_then_fail(path: Path) -> None:
        path.write_text("half of the new", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        replace_atomically(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]
