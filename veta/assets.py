"""Offline map assets: Leaflet and jQuery copied from their XStatic packages, and folium pointed at them.

folium's defaults load Leaflet, jQuery, Bootstrap and Font Awesome from CDNs, so with no internet every map is
blank. Veta serves Leaflet (with its images) and jQuery itself — jQuery because `folium.Popup` calls `$()` —
and drops Bootstrap, Font Awesome and awesome-markers, which only `folium.Icon` needs (Veta's maps use vector
markers). Streamlit refuses symlinked static files, so the files are copied, not linked.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import folium
import xstatic.pkg.jquery
import xstatic.pkg.leaflet
from branca.element import MacroElement
from folium.template import Template

from veta.files import replace_atomically

VENDOR_DIRNAME = "vendor"
"""The folder under the static folder that holds the copied files (git-ignored)."""
DEFAULT_BASE_URL = "/app/static/vendor"
"""Where Streamlit serves `static/vendor/` (`[server] enableStaticServing = true`).

The path is absolute because streamlit-folium loads the files from its component iframe, whose URL lies
under `/component/...`, so a path relative to the page would miss.
"""

LEAFLET_DIR = Path(xstatic.pkg.leaflet.BASE_DIR)
JQUERY_DIR = Path(xstatic.pkg.jquery.BASE_DIR)
VETA_MAP_DIR = Path(__file__).resolve().parent / "maps" / "static"
"""Veta's own map script and styles (`veta/maps/static/`), installed next to Leaflet."""

_FILES: tuple[tuple[Path, str], ...] = (
    (LEAFLET_DIR / "leaflet.js", "leaflet/leaflet.js"),
    (LEAFLET_DIR / "leaflet.css", "leaflet/leaflet.css"),
    *((image, f"leaflet/images/{image.name}") for image in sorted((LEAFLET_DIR / "images").glob("*.png"))),
    (JQUERY_DIR / "jquery.min.js", "jquery/jquery.min.js"),
    (JQUERY_DIR / "jquery.min.map", "jquery/jquery.min.map"),
    (VETA_MAP_DIR / "veta-map.js", "veta/veta-map.js"),
    (VETA_MAP_DIR / "veta-map.css", "veta/veta-map.css"),
)
"""(source file, path under the vendor folder) of every file the maps need."""

LEAFLET_JS = "leaflet/leaflet.js"
LEAFLET_CSS = "leaflet/leaflet.css"
JQUERY_JS = "jquery/jquery.min.js"
VETA_MAP_JS = "veta/veta-map.js"
VETA_MAP_CSS = "veta/veta-map.css"


def vendor_files() -> tuple[str, ...]:
    """The paths, relative to the vendor folder, of every file `install_offline_assets` provides."""
    return tuple(relative for _, relative in _FILES)


def install_offline_assets(static_dir: Path) -> None:
    """Copy Leaflet (with its images) and jQuery into `static_dir/vendor/`.

    Idempotent and cheap when the files are already there (compared by size and modification time);
    each file is written to a temporary name and renamed, so concurrent servers never see half a file.
    """
    vendor = Path(static_dir) / VENDOR_DIRNAME
    for source, relative in _FILES:
        target = vendor / relative
        stat = source.stat()
        try:
            current = target.stat()
        except FileNotFoundError:
            current = None
        if current is not None and current.st_size == stat.st_size and current.st_mtime >= stat.st_mtime:
            continue
        replace_atomically(target, lambda path, source=source: shutil.copy2(source, path))


def offline_js(base_url: str = DEFAULT_BASE_URL) -> list[tuple[str, str]]:
    """folium `default_js` entries for Leaflet, jQuery and Veta's map script under `base_url` (in load order)."""
    base = base_url.rstrip("/")
    return [
        ("leaflet", f"{base}/{LEAFLET_JS}"),
        ("jquery", f"{base}/{JQUERY_JS}"),
        ("veta_map", f"{base}/{VETA_MAP_JS}"),
    ]


def offline_css(base_url: str = DEFAULT_BASE_URL) -> list[tuple[str, str]]:
    """folium `default_css` entries for Leaflet and Veta's map styles under `base_url`."""
    base = base_url.rstrip("/")
    return [("leaflet_css", f"{base}/{LEAFLET_CSS}"), ("veta_map_css", f"{base}/{VETA_MAP_CSS}")]


def configure_folium_offline(base_url: str = DEFAULT_BASE_URL) -> None:
    """Point folium's maps at the copied Leaflet and jQuery, and drop Bootstrap/Font Awesome/awesome-markers.

    `base_url` is the URL of the vendor folder: the default suits the Streamlit app; for a saved standalone
    HTML file pass a path relative to that file (e.g. `"vendor"` when the file sits next to the vendor folder
    that `install_offline_assets` filled). This sets process-wide class attributes; to render one map with
    another base URL without touching them, use `set_map_assets` on that map.
    """
    folium.Map.default_js = offline_js(base_url)
    folium.Map.default_css = offline_css(base_url)


def set_map_assets(m: folium.Map, base_url: str) -> folium.Map:
    """Give one map its own asset URLs (instance attributes that override the class-wide ones); returns it."""
    m.default_js = offline_js(base_url)
    m.default_css = offline_css(base_url)
    return m


JQUERY_SHIM = (
    "function $(html) {"
    " var template = document.createElement('template');"
    " template.innerHTML = html.trim();"
    " return [template.content.firstChild]; }"
)
"""All of jQuery that folium's popups use: `$(html)[0]`, the element the popup's HTML string makes (parsed the way
jQuery parses it, through `innerHTML`; the HTML is Veta's own, escaped by `veta.escape.escape_text`)."""


class _JQueryShim(MacroElement):
    _template = Template("{% macro header(this, kwargs) %}<script>{{ this.code }}</script>{% endmacro %}")

    def __init__(self) -> None:
        super().__init__()
        self._name = "VetaJQueryShim"
        self.code = JQUERY_SHIM


def without_jquery(m: folium.Map, base_url: str = DEFAULT_BASE_URL) -> folium.Map:
    """Let one map load only Leaflet (one request and ~90 KB of script fewer before it draws); returns it.

    folium's popups need only `$(html)[0]` from jQuery, which `JQUERY_SHIM` provides. For the app's map files,
    where the map's first draw is timed (docs/performance.md); streamlit-folium's maps keep jQuery.
    """
    m.default_js = [(name, url) for name, url in offline_js(base_url) if name != "jquery"]
    m.default_css = offline_css(base_url)
    m.add_child(_JQueryShim())
    return m
