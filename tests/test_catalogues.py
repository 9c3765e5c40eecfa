"""The gettext catalogues: up to date with the code and data, every entry translated, and the extraction can fail."""

from __future__ import annotations

from pathlib import Path

from veta.build.catalogues import check_catalogues, extract_interface, shipped_content_texts


def test_every_catalogue_is_up_to_date_and_fully_translated() -> None:
    problems = check_catalogues(shipped_content_texts())
    assert problems == [], f"{len(problems)} problem(s), e.g.:\n" + "\n".join(problems[:30])


def test_the_extraction_finds_marked_messages_and_only_those() -> None:
    veta = {message.id for message in extract_interface("veta") if message.id}
    ui = {message.id for message in extract_interface("ui") if message.id}
    assert "Language" in ui  # ui/language.py: _("Language")
    assert not any("python -m veta.build.catalogues" in str(m) for m in veta)  # veta/build stays English


def test_a_catalogue_missing_a_translation_is_reported(tmp_path: Path) -> None:
    """The check above can fail: an empty locale folder lacks every catalogue."""
    problems = check_catalogues(shipped_content_texts()[:3], tmp_path)
    assert any("out of date" in p for p in problems)
    assert any("untranslated" in p for p in problems)
