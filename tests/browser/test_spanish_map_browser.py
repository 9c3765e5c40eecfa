"""A Spanish map file in a real browser: a click on a feature opens its popup in Spanish, the quotes exact and in
English, marked as the original.

The map is written as the app writes its map files (`veta.map_files`, the language in the file's name) with
Leaflet next to it, and served by a plain static server on 127.0.0.1: no Streamlit needed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.servers import static_server
from veta.assets import install_offline_assets, set_map_assets
from veta.atlas import load_atlas
from veta.i18n import _, use_language
from veta.map_files import write_map_file
from veta.maps import build_region_map, map_html
from veta.maps.describe import is_statement
from veta.model import Atlas
from veta.quotes import ORIGINAL_MARKER
from veta.translate import localize_atlas

REGION = "madre-de-dios"


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return localize_atlas(load_atlas(), "es")


@pytest.fixture(scope="module")
def spanish_map(atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of the region's Spanish map file."""
    root = tmp_path_factory.mktemp("maps-es")
    install_offline_assets(root)
    with use_language("es"):
        html = map_html(set_map_assets(build_region_map(atlas, REGION), "vendor"))
        name = write_map_file(html, root, REGION)
    assert name.startswith(f"{REGION}-es-")
    with static_server(root) as url:
        yield f"{url}/{name}"


def test_a_click_on_a_feature_opens_a_spanish_popup_with_the_english_quote_marked(
    browser: Browser, spanish_map: str, atlas: Atlas
) -> None:
    feature = next(f for f in atlas.features_in(REGION) if not is_statement(f) and f.geometry.geom_type == "Point")
    page = browser.new_page(viewport={"width": 1200, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(spanish_map)
        expect(page.locator("html")).to_have_attribute("lang", "es")
        expect(page.locator(".veta-legend-toggle")).to_contain_text("cómo leer el mapa")
        page.locator(f".leaflet-marker-icon.veta-fid-{feature.id}").first.click()
        popup = page.locator(".leaflet-popup-content .veta-popup")
        expect(popup).to_be_visible()
        expect(popup).to_contain_text("Leer el pasaje en el lector")
        expect(popup).to_contain_text("Ubicación:")
        expect(popup.locator(".veta-original")).to_have_count(len(feature.evidence))
        with use_language("es"):
            marker = _(ORIGINAL_MARKER)
        assert marker != ORIGINAL_MARKER, "no Spanish for the original-quote note"
        expect(popup.locator(".veta-original").first).to_have_text(marker)
        quotes = popup.locator('blockquote [lang="en"]')
        expect(quotes).to_have_count(len(feature.evidence))
        for index, evidence in enumerate(feature.evidence):
            expect(quotes.nth(index)).to_have_text(f"“{evidence.exact}”")
        link = popup.locator("a").first
        expect(link).to_have_attribute("href", f"/passages?passage={feature.passage_ids[0]}&lang=es")
        assert errors == []
    finally:
        page.close()
