"""Both data packages (geodata/ and seeds/) pass Frictionless validation: descriptor, paths, bytes and hashes."""

from __future__ import annotations

from pathlib import Path

import pytest
from frictionless import validate

from veta.paths import GEODATA_DIR, SEEDS_DIR


@pytest.mark.parametrize("folder", [GEODATA_DIR, SEEDS_DIR], ids=["geodata", "seeds"])
def test_data_package_validates_with_frictionless(folder: Path) -> None:
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])
    assert report.stats["tasks"] == len(report.tasks) >= 1  # every resource was checked, not just the descriptor


def test_frictionless_would_catch_a_path_outside_the_package(tmp_path: Path) -> None:
    """The check above can fail: a resource at ../ is refused, as it was before the interview left this package."""
    (tmp_path / "pkg").mkdir()
    (tmp_path / "outside.txt").write_text("x", encoding="utf-8")
    descriptor = tmp_path / "pkg" / "datapackage.json"
    descriptor.write_text(
        '{"name": "p", "resources": [{"name": "x", "path": "../outside.txt", "format": "txt"}]}', encoding="utf-8"
    )
    report = validate(str(descriptor))
    assert not report.valid
    assert "not safe" in str(report.flatten(["message"]))
