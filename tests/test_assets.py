"""Offline assets: Leaflet and jQuery copied from XStatic, folium pointed at them, nothing from a CDN."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import folium
import pytest

from veta.assets import (
    DEFAULT_BASE_URL,
    JQUERY_DIR,
    LEAFLET_DIR,
    VETA_MAP_DIR,
    configure_folium_offline,
    install_offline_assets,
    set_map_assets,
    vendor_files,
)
from veta.paths import PROJECT_DIR

URL = re.compile(r"https?://", re.IGNORECASE)
SRC = re.compile(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"')


@pytest.fixture
def folium_defaults() -> Iterator[None]:
    """Restore folium's class-wide asset lists after a test that changes them."""
    js, css = list(folium.Map.default_js), list(folium.Map.default_css)
    yield
    folium.Map.default_js, folium.Map.default_css = js, css


def test_install_copies_leaflet_with_images_and_jquery(tmp_path: Path) -> None:
    install_offline_assets(tmp_path)
    vendor = tmp_path / "vendor"
    for relative in vendor_files():
        assert (vendor / relative).is_file(), relative
    assert (vendor / "leaflet/leaflet.js").read_bytes() == (LEAFLET_DIR / "leaflet.js").read_bytes()
    assert (vendor / "jquery/jquery.min.js").read_bytes() == (JQUERY_DIR / "jquery.min.js").read_bytes()
    assert {p.name for p in (vendor / "leaflet/images").iterdir()} >= {"layers.png", "marker-icon.png"}
    for name in ("veta-map.js", "veta-map.css"):  # Veta's own map files, from the package
        assert (vendor / "veta" / name).read_bytes() == (VETA_MAP_DIR / name).read_bytes()
    assert not any(p.is_symlink() for p in vendor.rglob("*")), "Streamlit refuses symlinked static files"


def test_install_is_idempotent_and_repairs_a_broken_copy(tmp_path: Path) -> None:
    install_offline_assets(tmp_path)
    leaflet = tmp_path / "vendor/leaflet/leaflet.js"
    jquery = tmp_path / "vendor/jquery/jquery.min.js"
    before = jquery.stat().st_mtime_ns, jquery.stat().st_ino
    leaflet.write_text("truncated")
    install_offline_assets(tmp_path)
    assert leaflet.read_bytes() == (LEAFLET_DIR / "leaflet.js").read_bytes()
    assert (jquery.stat().st_mtime_ns, jquery.stat().st_ino) == before, "an intact file was copied again"
    assert not list(tmp_path.rglob(".*.js*")), "temporary files were left behind"


@pytest.mark.usefixtures("folium_defaults")
def test_configured_map_loads_only_local_leaflet_and_jquery() -> None:
    configure_folium_offline()
    html = folium.Map(tiles=None).get_root().render()
    sources = SRC.findall(html)
    assert sources == [
        f"{DEFAULT_BASE_URL}/leaflet/leaflet.js",
        f"{DEFAULT_BASE_URL}/jquery/jquery.min.js",
        f"{DEFAULT_BASE_URL}/veta/veta-map.js",  # Veta's map script and styles, files next to Leaflet
        f"{DEFAULT_BASE_URL}/leaflet/leaflet.css",
        f"{DEFAULT_BASE_URL}/veta/veta-map.css",
    ]
    assert not URL.search(html), "a CDN (or any) URL is left in the map"
    for dropped in ("bootstrap", "awesome", "fontawesome", "glyphicons"):
        assert dropped not in html.lower()


FRESH_FOLIUM = """
import json, re, folium
from veta.assets import configure_folium_offline
SRC = re.compile(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"')
before = SRC.findall(folium.Map(tiles=None).get_root().render())
configure_folium_offline()
after = SRC.findall(folium.Map(tiles=None).get_root().render())
print(json.dumps([before, after]))
"""


def test_folium_defaults_point_at_cdns_without_configuration() -> None:
    """The reason this module exists: unconfigured, folium's own map loads Leaflet from the internet; configured,
    nothing. Run in a fresh interpreter, so that folium's defaults are its own (this process's tests change them)."""
    result = subprocess.run(
        [sys.executable, "-c", FRESH_FOLIUM], capture_output=True, text=True, cwd=PROJECT_DIR, timeout=120, check=True
    )
    before, after = json.loads(result.stdout)
    leaflet = [src for src in before if src.endswith("/leaflet.js")]
    assert leaflet and all(URL.match(src) for src in leaflet), before  # folium's Leaflet comes from a CDN
    assert after and not any(URL.search(src) for src in after), after


@pytest.mark.usefixtures("folium_defaults")
def test_relative_base_url_works_for_a_saved_file(tmp_path: Path) -> None:
    install_offline_assets(tmp_path)
    configure_folium_offline("vendor")
    page = tmp_path / "map.html"
    folium.Map(tiles=None).save(str(page))
    sources = SRC.findall(page.read_text(encoding="utf-8"))
    assert len(sources) == 5
    for source in sources:
        assert not source.startswith("/") and (tmp_path / source).is_file(), source


@pytest.mark.usefixtures("folium_defaults")
def test_set_map_assets_overrides_one_map_only() -> None:
    configure_folium_offline()
    pack = set_map_assets(folium.Map(tiles=None), "./vendor")
    assert "./vendor/leaflet/leaflet.js" in pack.get_root().render()
    assert f"{DEFAULT_BASE_URL}/leaflet/leaflet.js" in folium.Map(tiles=None).get_root().render()


def test_without_jquery_loads_only_leaflet_and_shims_what_popups_use() -> None:
    from veta.assets import JQUERY_SHIM, offline_js, without_jquery

    configure_folium_offline()
    m = folium.Map(tiles=None)
    folium.Marker([0, 0], popup=folium.Popup("<b>x</b>")).add_to(m)  # folium's popup calls $(html)[0]
    html = without_jquery(m).get_root().render()
    assert re.findall(r'<script src="([^"]+)"', html) == [
        "/app/static/vendor/leaflet/leaflet.js",
        "/app/static/vendor/veta/veta-map.js",
    ]
    assert html.index(JQUERY_SHIM) < html.index("$(`")  # defined in the head, before the map's script uses it
    assert folium.Map.default_js == offline_js()  # other maps (streamlit-folium's) keep jQuery
