"""AppTests of the about page: interview credit and licence, each data source and licence, method, checks."""

from __future__ import annotations

from tests.pages.conftest import RunPage, all_text, html_bodies, no_exception
from veta.atlas import load_atlas
from veta.escape import escape_text
from veta.precision import PRECISION_CLASSES

REAL = load_atlas()


def test_about_lists_sources_licences_and_method(run_page: RunPage) -> None:
    at = run_page("pages/about.py", {"feature": "<b>x</b>"})
    no_exception(at)
    assert at.title[0].value.startswith("About Veta")
    text = all_text(at)
    assert "Transnational Institute" in text and "CC BY-NC-ND 3.0" in text
    bodies = html_bodies(at)
    for resource in REAL.resources:
        assert escape_text(resource.title) in bodies
        for licence in resource.licenses:
            assert escape_text(licence) in bodies
    for precision in PRECISION_CLASSES.values():  # in veta.precision's words
        assert f"**{precision.label}.** {precision.meaning}" in text
    assert "python -m veta validate" in text
    # background and editorial insertions are explained, and shown as they look elsewhere
    assert '<span class="veta-background-label">Background:</span> Colombia&#x27;s Constitutional Court' in bodies
    assert "judgment T-622 of 2016" in bodies
    assert '<span class="veta-editorial" title="Editorial insertion by TNI">[Since the military coup in 2021]' in bodies
    assert "— Doi Ra, passage" in bodies
    assert "docs/data-model.md" in text
    assert f"**{len(REAL.features)} features**" in text


def test_about_escapes_resource_text(run_fixture_page: RunPage) -> None:
    at = run_fixture_page("pages/about.py")
    no_exception(at)
    assert "Test boxes &lt;b&gt;not bold&lt;/b&gt;" in html_bodies(at)
