"""Veta in Spanish, in a real browser (issue 18): every page at `?lang=es` shows no English interface or content
text outside the interview's own words (elements marked `lang="en"`), its maps included; the same pages in
English show no Spanish; the error page, a tour step and the offline pack too.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Page, expect

from tests.browser.servers import static_server, veta_server
from tests.browser.support import MAP_IFRAME, RequestLog
from tests.hostile import hostile_kind_copy
from tests.i18n_support import english_leaks
from veta.export_html import INDEX, PASSAGES, region_filename
from veta.i18n import LOCALE_DIR
from veta.paths import PROJECT_DIR

PAGES = [
    "/",
    "/?feature=andes-abandoned-mines",
    "/choco?feature=choco-atrato-river",
    "/madre-de-dios",
    "/kachin?feature=kachin-jade",
    "/passages?passage=p12",
    "/compare?regions=choco,kachin",
    "/tour",
    "/tour?tour=kachin-mining-and-war&step=2",
    "/glossary",
    "/about",
    "/downloads",
]
TEXT_OUTSIDE_ENGLISH_JS = """(root) => {
    // The visible text of the page and of its same-origin frames (the maps), without lang="en" elements.
    const texts = [];
    const collect = (doc) => {
        const clone = doc.body.cloneNode(true);
        clone.querySelectorAll('[lang^="en"], script, style, template, noscript').forEach((el) => el.remove());
        texts.push(clone.textContent);
        for (const frame of doc.querySelectorAll('iframe')) {
            try { if (frame.contentDocument && frame.contentDocument.body) collect(frame.contentDocument); }
            catch (e) { /* another origin: not Veta's */ }
        }
    };
    collect(document);
    return texts.join(' ');
}"""


@cache
def _spanish_chunks() -> tuple[str, ...]:
    """Spanish of every translated catalogue entry that differs from its English (long enough to be telling)."""
    chunks: set[str] = set()
    for path in sorted((LOCALE_DIR / "es").rglob("*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle):
                spanish = message.string if isinstance(message.string, str) else message.string[0]
                english = message.id if isinstance(message.id, str) else message.id[0]
                for piece in (spanish or "").replace("{", "\n{").replace("}", "}\n").splitlines():
                    piece = piece.strip(" .,;:·—-")
                    if len(piece) >= 16 and "{" not in piece and piece not in english:
                        chunks.add(piece)
    return tuple(chunks)


def _page_text(page: Page) -> str:
    return page.evaluate(TEXT_OUTSIDE_ENGLISH_JS, None)


def _ready(page: Page) -> None:
    """The page's title is drawn and, where there is a map, its frame has drawn the map."""
    expect(page.locator("h1").first).to_be_visible()
    if page.locator(MAP_IFRAME).count():
        expect(page.frame_locator(MAP_IFRAME).first.locator(".leaflet-container")).to_be_attached()


@pytest.mark.parametrize("address", PAGES)
def test_every_page_in_spanish_shows_no_english_but_the_quotes(
    page: Page, requests_log: RequestLog, address: str
) -> None:
    separator = "&" if "?" in address else "?"
    page.goto(f"{address}{separator}lang=es")
    _ready(page)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    assert english_leaks(_page_text(page)) == []
    assert "lang=es" in page.url


@pytest.mark.parametrize("address", PAGES)
def test_every_page_in_english_shows_no_spanish(page: Page, requests_log: RequestLog, address: str) -> None:
    page.goto(address)
    _ready(page)
    text = " ".join(_page_text(page).split())
    assert [chunk for chunk in _spanish_chunks() if chunk in text] == []


@pytest.fixture(scope="module")
def broken_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    geodata = hostile_kind_copy(tmp_path_factory.mktemp("broken-es") / "geodata")
    (geodata / "rivers.geojson").write_text("{", "utf-8")
    with veta_server(geodata) as url:
        yield url


def test_the_error_page_speaks_spanish(page: Page, broken_url: str) -> None:
    page.goto(f"{broken_url}/kachin?lang=es")
    main = page.locator("[data-testid='stMain']")
    expect(main.locator("li").filter(has_text="rivers.geojson")).to_be_visible()
    expect(main).to_contain_text("python -m veta validate")
    text = _page_text(page)
    assert "python -m veta validate" in text and "rivers.geojson" in text  # the problems themselves, as written
    assert english_leaks(text) == []


@pytest.fixture(scope="module")
def spanish_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pack-es") / "veta-paquete"
    command = [sys.executable, "-m", "veta", "export-html", "--lang", "es", "--out", str(out)]
    subprocess.run(command, check=True, cwd=PROJECT_DIR, capture_output=True, timeout=300)
    return out


def test_the_offline_pack_in_spanish(page: Page, requests_log: RequestLog, spanish_pack: Path) -> None:
    with static_server(spanish_pack) as url:
        for name in (INDEX, PASSAGES, region_filename("kachin")):
            page.goto(f"{url}/{name}")
            expect(page.locator("html")).to_have_attribute("lang", "es")
            assert english_leaks(_page_text(page)) == [], name
