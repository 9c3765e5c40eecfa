"""AppTests of the downloads page: GeoJSON and CSV per region and for all, handouts, how to cite."""

from __future__ import annotations

from tests.pages.conftest import RunPage, footer, no_exception
from veta.atlas import load_atlas
from veta.cite import dataset_apa, dataset_bibtex, interview_apa, interview_bibtex
from veta.escape import escape_markdown
from veta.tours import TOURS_DIR, load_tours

REAL = load_atlas()
TOURS = load_tours(TOURS_DIR, REAL)[0]
PAGE = "pages/downloads.py"


def test_downloads_for_all_and_each_region(run_page: RunPage) -> None:
    at = run_page(PAGE)
    no_exception(at)
    assert at.title[0].value == "Downloads and citation"
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert labels.count("GeoJSON") == len(REAL.regions) + 1
    assert labels.count("CSV") == len(REAL.regions) + 1
    for tour in TOURS:
        assert escape_markdown(tour.title) in labels  # the label is Markdown: the title escaped, shown as text
    files = [b for b in buttons if not b.proto.label.startswith("Offline classroom pack")]
    assert all(b.proto.url for b in files), "a download without a file"  # the pack is built on click
    assert len(buttons) == 2 * (len(REAL.regions) + 1) + len(TOURS) + 1
    pack = at.get("download_button")[-1]
    assert "Offline classroom pack" in pack.proto.label


def test_citations_are_shown_ready_to_copy(run_page: RunPage) -> None:
    at = run_page(PAGE)
    codes = [c.value for c in at.code]
    for citation in (interview_apa(), interview_bibtex(), dataset_apa(), dataset_bibtex()):
        assert citation in codes
    assert any("python -m veta export-html --out" in c for c in codes)
    assert "CC BY-NC-ND 3.0" in footer(at)
