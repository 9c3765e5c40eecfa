"""Every internal Veta relies on (ui/internals.py, ui/internals.js), checked in one place: each test fails loudly
when a Streamlit upgrade removes what an internal needs, and each fallback keeps the public path working.

When one fails after an upgrade: read the table in ui/internals.py, re-measure the internal's gain
(docs/decisions/0001-map-display-paths.md), then fix it, or delete it and its row. Until then the internals
switch themselves off on any Streamlit release but `TESTED_STREAMLIT` (the public path: slower, never blank).
"""

from __future__ import annotations

import logging
import re
from importlib.metadata import version
from pathlib import Path

import pytest

import ui.internals
from ui.internals import (
    HEAD_END,
    INTERNALS_ENV,
    LAZY_CHUNKS,
    MAP_SLOT_KEY_PREFIX,
    PAGE_CSS,
    PROJECTOR_CSS,
    TESTED_STREAMLIT,
    BackendBaseUrl,
    app_base_path,
    internal_page_css,
    internal_projector_css,
    internals_enabled,
    lazy_chunk_files,
    leave_legacy_pages_mode,
    streamlit_index_html,
    streamlit_js_dir,
    with_backend_base_url,
    with_chunk_preloads,
    with_preload,
)

UI = Path(ui.internals.__file__).parent


def _frontend_bundle() -> str:
    """Streamlit's frontend JavaScript, as installed."""
    from streamlit.file_util import get_static_dir

    return "\n".join(p.read_text("utf-8", errors="replace") for p in Path(get_static_dir()).rglob("*.js"))


@pytest.fixture(scope="module")
def bundle() -> str:
    return _frontend_bundle()


# ------------------------------------------------------------------------------- what the internals rely on


def test_the_installed_streamlit_is_the_release_the_internals_were_checked_against() -> None:
    assert version("streamlit").startswith(TESTED_STREAMLIT), (
        f"Streamlit {version('streamlit')} is installed; ui/internals.py was checked against {TESTED_STREAMLIT}x. "
        "Its shortcuts are now off: re-check each internal below, then update TESTED_STREAMLIT."
    )


def test_streamlits_index_html_still_loads_its_frontend_with_a_module_script() -> None:
    page = streamlit_index_html()  # streamlit.file_util.get_static_dir
    assert page.count(b'<script type="module"') >= 1
    rewritten = with_preload(with_backend_base_url(page, ""))
    assert (
        rewritten.index(b"window.__streamlit")
        < rewritten.index(b"global.vetaInternals")
        < rewritten.index(b'<script type="module"')
    )


def test_the_frontend_still_reads_its_servers_address_from_window_streamlit(bundle: str) -> None:
    assert "BACKEND_BASE_URL" in bundle and "__streamlit" in bundle


def test_the_chunks_veta_preloads_are_still_lazily_loaded_files_of_the_frontend(bundle: str) -> None:
    """Each of LAZY_CHUNKS is one file `static/js/<name>.<hash>.js`, still imported lazily by its relative path
    (what `ui/internals.js` imports early must be the module Streamlit imports later) and not already preloaded
    by Streamlit's own page (else preloading it buys nothing: drop it from the list)."""
    js_dir, index = streamlit_js_dir(), streamlit_index_html()
    preloaded = lazy_chunk_files(js_dir, index)
    for name in LAZY_CHUNKS:
        files = sorted(p.name for p in js_dir.glob(f"{name}.*.js"))
        assert len(files) == 1, f"{name}: {files}"
        assert f"import(`./{files[0]}`)" in bundle, f"{files[0]} is no longer imported lazily by that path"
        assert f"./static/js/{files[0]}".encode() not in index, f"Streamlit now preloads {files[0]} itself"
        assert files[0] in preloaded
    # Streamlit writes its own preloads the way with_chunk_preloads writes Veta's, in the page's one head
    assert b'<link rel="modulepreload" crossorigin href="./static/js/' in index and index.count(HEAD_END) == 1


def test_the_pages_manager_flag_still_exists() -> None:
    from streamlit.runtime.pages_manager import PagesManager

    assert hasattr(PagesManager, "uses_pages_directory")


def test_streamlit_config_still_answers_the_base_url_path() -> None:
    from streamlit import config

    assert isinstance(config.get_option("server.baseUrlPath"), str)


@pytest.mark.parametrize("css", [PAGE_CSS, PROJECTOR_CSS], ids=["page", "projector"])
def test_every_data_testid_the_css_names_is_still_in_the_frontend(bundle: str, css: str) -> None:
    names = set(re.findall(r'data-testid="([^"]+)"', css))
    assert names
    quoted = set(re.findall(r"""["'`](st[A-Za-z-]+)["'`]""", bundle))  # the frontend's strings (template literals too)
    missing = sorted(names - quoted)
    assert not missing, f"Streamlit's frontend no longer has these data-testids: {missing}"


def test_the_preload_script_names_only_our_own_markup_and_the_slots_documented_class() -> None:
    """ui/internals.js finds the map's element by Veta's own class, and the map's container by the one class
    Streamlit documents for a keyed container (`st-key-<key>`, with `MAP_SLOT_KEY_PREFIX`); it relies on
    moveBefore only with insertBefore as its fallback (the browser side: tests/browser/test_map_display_browser.py)."""
    text = (UI / "internals.js").read_text("utf-8")
    assert 'querySelector("div.veta-map-display")' in text
    assert set(re.findall(r"st-key-[a-z-]*", text)) == {"st-key-", f"st-key-{MAP_SLOT_KEY_PREFIX}"}
    assert f"""'[class*="st-key-{MAP_SLOT_KEY_PREFIX}"]'""" in text
    assert "host.moveBefore(frame" in text and "host.insertBefore(frame" in text


def test_a_keyed_container_still_gets_the_documented_st_key_class(bundle: str) -> None:
    """The map's container is found by `st-key-<key>` (ui/internals.js): still documented by `st.container` and
    still written by the frontend. Without it the preloaded map waits, offscreen, for the map's element."""
    import streamlit as st

    assert "prefixed with ``st-key-``" in " ".join((st.container.__doc__ or "").split())
    assert re.search(r"""["'`]st-key-["'`]|`st-key-\$\{""", bundle), "the frontend no longer writes st-key- classes"


def test_the_internals_are_fenced_in_one_module() -> None:
    """What the before-stop hook checks: in app.py, serve.py, pages/ and ui/, only ui/internals.* rely on
    Streamlit's, the DOM's or Leaflet's internals."""
    pattern = re.compile(
        r"streamlit\.runtime|streamlit\.file_util|streamlit\.config|st-key-|data-testid|moveBefore|__streamlit"
        r"|\._popup\b|\._children\b"
    )
    root = UI.parent
    files = [root / "app.py", root / "serve.py", *(root / "pages").rglob("*"), *(root / "ui").rglob("*")]
    stems = {
        p.stem
        for p in files
        if p.is_file() and p.suffix in (".py", ".js", ".css") and pattern.search(p.read_text("utf-8"))
    }
    assert stems == {"internals"}, stems


# ------------------------------------------------------------------------------- the fallbacks


def test_a_chunk_is_preloaded_with_what_it_imports_and_a_missing_one_is_left_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "Html.a1.js").write_text('import{a as b}from"./dep.b2.js";import"./side.c3.js";import(`./Lazy.d4.js`)')
    (tmp_path / "dep.b2.js").write_text('import{t}from"./loaded.e5.js";import{u}from"./side.c3.js"')
    for name in ("side.c3.js", "Lazy.d4.js", "loaded.e5.js"):
        (tmp_path / name).write_text("")
    index = b'<head><link rel="modulepreload" crossorigin href="./static/js/loaded.e5.js"></head>'
    with caplog.at_level(logging.WARNING):
        files = lazy_chunk_files(tmp_path, index, ("Html", "Gone"))
    # static imports followed, Streamlit's own preloads and lazy imports left out, each file once
    assert files == ["Html.a1.js", "dep.b2.js", "side.c3.js"]
    assert "Gone.*.js not found" in caplog.text  # the page works without it: Streamlit fetches it when needed
    page = with_chunk_preloads(index, files, warm=("Html",))
    assert page.count(b'rel="modulepreload"') == 4 and page.count(b"data-veta-warm") == 1
    assert page.index(b'href="./static/js/Html.a1.js" data-veta-warm>') < page.index(HEAD_END)
    assert with_chunk_preloads(b"<html><body></body></html>", files) == b"<html><body></body></html>"
    assert with_chunk_preloads(index, []) == index


@pytest.fixture
def other_streamlit(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if Streamlit had been upgraded past the release the internals were checked against."""
    monkeypatch.setattr(ui.internals, "TESTED_STREAMLIT", "0.0.")


def test_on_another_streamlit_release_every_internal_is_off(
    other_streamlit: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        assert not internals_enabled()
    assert internal_page_css() == "" and internal_projector_css() == ""
    assert leave_legacy_pages_mode() is False


def test_the_internals_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    assert internals_enabled()
    monkeypatch.setenv(INTERNALS_ENV, "0")
    assert not internals_enabled() and internal_page_css() == ""


def test_with_the_internals_off_the_middleware_passes_streamlits_pages_through(other_streamlit: None) -> None:
    from tests.test_server import INDEX, FakeStreamlit, body_of, serve

    app = BackendBaseUrl(FakeStreamlit(200, [INDEX]), base_url_path="", index_html=INDEX)
    assert body_of(serve(app, "/kachin")) == INDEX


def test_an_index_html_that_changed_shape_is_served_as_it_is(caplog: pytest.LogCaptureFixture) -> None:
    from tests.test_server import FakeStreamlit, body_of, serve

    changed = b"<html><head><script src='./static/js/index.js'></script></head></html>"  # no module script
    app = BackendBaseUrl(FakeStreamlit(200, [changed]), base_url_path="", index_html=changed)
    assert body_of(serve(app, "/kachin")) == changed
    assert "without the server's address" in caplog.text


def test_a_config_that_cannot_be_read_means_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit import config

    def broken(name: str) -> str:
        raise RuntimeError("config moved")

    monkeypatch.setattr(config, "get_option", broken)
    assert app_base_path() == ""


def test_the_public_map_element_makes_its_own_frame_without_the_preload_script() -> None:
    """ui/map_display.js uses the preloaded frame only if ui/internals.js is there (`window.vetaInternals?.take`)
    and otherwise makes the frame itself: the map never depends on the internal (browser: the public-path test)."""
    text = (UI / "map_display.js").read_text("utf-8")
    assert "window.vetaInternals?.take?.(" in text and "makeFrame(data.src" in text
