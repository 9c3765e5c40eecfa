"""AppTests of the downloads page: every export format for all regions and for each, handouts, how to cite."""

from __future__ import annotations

from tests.pages.conftest import RunPage, footer, no_exception
from veta.atlas import load_atlas
from veta.cite import dataset_apa, dataset_bibtex, interview_apa, interview_bibtex
from veta.escape import escape_markdown
from veta.exports import EXPORT_FORMATS
from veta.tours import TOURS_DIR, load_tours

REAL = load_atlas()
TOURS = load_tours(TOURS_DIR, REAL)[0]
PAGE = "pages/downloads.py"
LABELS = [f.label for f in EXPORT_FORMATS.values()]


def _format_buttons(at) -> dict[str, str]:
    return {b.proto.label: b.proto.url for b in at.get("download_button") if b.proto.label in LABELS}


def test_every_format_for_all_and_each_region(run_page: RunPage) -> None:
    at = run_page(PAGE)
    no_exception(at)
    assert at.title[0].value == "Downloads and citation"
    scope = at.selectbox(key="downloads-scope")
    assert scope.options == [f"All regions · {len(REAL.features)} features"] + [
        f"{r.name} · {len(REAL.features_in(r.id))} features" for r in REAL.regions
    ]
    seen = []
    for region in [None, *(r.id for r in REAL.regions)]:
        at.selectbox(key="downloads-scope").set_value(region).run()
        no_exception(at)
        buttons = _format_buttons(at)
        assert list(buttons) == LABELS, "every format, once"
        assert all(buttons.values()), "a download without a file"
        seen.append(tuple(buttons.values()))
        command = [c.value for c in at.code if c.value.startswith("python -m veta export --format")]
        assert command and (f"--region {region}" in command[0]) == (region is not None)
    assert len(set(seen)) == len(seen), "each scope gets its own files"
    labels = [b.proto.label for b in at.get("download_button")]
    for tour in TOURS:
        assert escape_markdown(tour.title) in labels  # the label is Markdown: the title escaped, shown as text
    pack = [b for b in at.get("download_button") if b.proto.label.startswith("Offline classroom pack")]
    assert len(pack) == 1  # built on click


def test_citations_are_shown_ready_to_copy(run_page: RunPage) -> None:
    at = run_page(PAGE)
    codes = [c.value for c in at.code]
    for citation in (interview_apa(), interview_bibtex(), dataset_apa(), dataset_bibtex()):
        assert citation in codes
    assert any("python -m veta export-html --out" in c for c in codes)
    assert "CC BY-NC-ND 3.0" in footer(at)
    at.radio(key="cite-downloads-format").set_value("csl-json").run()
    assert any('"id": "tni_artisanal_informal_mining"' in c.value for c in at.code)
