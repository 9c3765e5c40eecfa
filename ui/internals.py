"""Everything Veta's pages rely on that Streamlit, the browser or Leaflet do not promise — in this one module.

Each reliance below is an optional shortcut or fix on top of a public path that works without it. If the
installed Streamlit is not the version these were checked against (`TESTED_STREAMLIT`), or `VETA_INTERNALS=0`
is set, every one of them is switched off and the app runs on the public path alone: slower, never a blank
map. `tests/test_streamlit_internals.py` fails loudly when an upgrade removes what one of them needs.

| reliance | what it buys (docs/decisions/0001-map-display-paths.md) | without it |
|---|---|---|
| Streamlit's `index.html` rewritten by an ASGI middleware (`streamlit.file_util`, its module script) | a page opened by its address connects at once (`window.__streamlit.BACKEND_BASE_URL`): ~0.1 s | Streamlit first probes `/<page>/_stcore/health` |
| the same middleware puts `ui/internals.js` and a preload note into the page | the map starts loading while Streamlit starts, and is moved, drawn, into its place (`Element.moveBefore`): ~0.2 s | the map loads when its element mounts (`ui/map_display.js`) |
| `ui/internals.js` shows the preloaded map in the map's container (`st-key-veta-map-slot-*`, `map_slot_key`), a node of its own among React's, until the map's element mounts | the map is shown with the page's title, not ~0.15 s later when the lazily loaded element mounts | the map is shown when its element mounts |
| the same middleware lists Streamlit's lazily loaded frontend chunks that a region page draws (`LAZY_CHUNKS`: the chunks' file names) as `modulepreload` links, and `ui/internals.js` evaluates them (`import()`) once a map is drawn | the first feature picked after a load: 0.46 → 0.17–0.23 s (the code highlighter of "Cite this" and the share link was fetched and evaluated then) | each chunk is fetched and evaluated when its first element is drawn |
| `streamlit.config` (`server.baseUrlPath`) | absolute addresses under a base path | addresses at the root |
| `PagesManager.uses_pages_directory` | a first visitor's deep link runs `app.py` | that session runs the page alone |
| CSS on `data-testid`s | page-link labels wrap; projector mode hides the sidebar and header | labels cut off; the sidebar starts collapsed (`st.set_page_config`) |
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from starlette.middleware import Middleware

from veta.escape import escape_text
from veta.i18n import DEFAULT_LANGUAGE, normalise_language

_LOG = logging.getLogger(__name__)
_HERE = Path(__file__).parent

TESTED_STREAMLIT = "1.67."
"""The Streamlit release (major.minor.) whose internals this module was checked against."""
INTERNALS_ENV = "VETA_INTERNALS"
"""`VETA_INTERNALS=0` switches every internal off (the public path alone): for a test, a benchmark or an upgrade."""

_warned: set[str] = set()


def _warn_once(key: str, message: str, *args: object) -> None:
    if key not in _warned:
        _warned.add(key)
        _LOG.warning(message, *args)


def internals_enabled() -> bool:
    """Whether the internals may be used: not switched off, and the Streamlit they were checked against."""
    if os.environ.get(INTERNALS_ENV, "1") == "0":
        return False
    installed = version("streamlit")
    if not installed.startswith(TESTED_STREAMLIT):
        _warn_once(
            "version",
            "Streamlit %s is not %sx, which ui/internals.py was checked against: its shortcuts are off (public path)",
            installed,
            TESTED_STREAMLIT,
        )
        return False
    return True


# ------------------------------------------------------------------------------------ streamlit.config


def normalized_base_path(base_url_path: str) -> str:
    """`server.baseUrlPath` as a path prefix: '' for the root, else '/<path>' with no trailing slash."""
    stripped = base_url_path.strip("/")
    return f"/{stripped}" if stripped else ""


def app_base_path() -> str:
    """The app's path prefix from Streamlit's `server.baseUrlPath` ('' at the root or if it cannot be read)."""
    try:
        from streamlit import config

        return normalized_base_path(config.get_option("server.baseUrlPath") or "")
    except Exception:  # noqa: BLE001 - an internal gone: serve at the root
        _warn_once("config", "server.baseUrlPath could not be read: addresses are at the root")
        return ""


# ------------------------------------------------------------------------------------ PagesManager


def leave_legacy_pages_mode() -> bool:
    """Make sure `app.py` (with `st.navigation`) runs, even when a session starts on a deep link; True if the
    caller must rerun.

    Streamlit treats an app with a `pages/` folder as an old-style multipage app until the first
    `st.navigation` call of the server process. If the first visitor after a start opens `/kachin?feature=…`,
    Streamlit runs `pages/kachin.py` on its own: no page config, no sidebar, and an automatic page list that
    stays for every later session. Switching the flag off and rerunning runs `app.py` instead.
    """
    if not internals_enabled():
        return False
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:
        _warn_once("pages", "PagesManager is gone: a first deep link may run its page alone")
        return False
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        return True
    return False


# ------------------------------------------------------------------------------------ CSS on data-testids

PAGE_CSS = """<style>
/* Streamlit keeps a page link's label on one line and cuts it off in a narrow column (1024-pixel projectors) */
[data-testid="stPageLink-NavLink"] [data-testid="stMarkdownContainer"] { white-space: normal; }
</style>"""
PROJECTOR_CSS = """<style>
section[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"], header[data-testid="stHeader"] {
  display: none !important; }
[data-testid="stMainBlockContainer"], .block-container { max-width: 100% !important;
  padding: 0.6rem 1.5rem !important; }
</style>"""
"""Projector mode: no sidebar or header, the whole width for the text and the map (fixed text)."""


def internal_page_css() -> str:
    """The internal CSS every page gets (empty when the internals are off: the page is then plain Streamlit)."""
    return PAGE_CSS if internals_enabled() else ""


def internal_projector_css() -> str:
    """The internal CSS of projector mode (empty when the internals are off: the sidebar then only starts
    collapsed, `ui.projector`)."""
    return PROJECTOR_CSS if internals_enabled() else ""


# ------------------------------------------------------------------------------------ the preloaded map

PRELOAD_NOTE_ID = "veta-map-preload"
MAP_SLOT_KEY_PREFIX = "veta-map-slot-"
"""The key of the container that holds a map's element and its caption (`map_slot_key`). Streamlit documents that a
container's key becomes its CSS class `st-key-<key>`; `ui/internals.js` finds it by that class. Unlike the map's
element (a lazily loaded components-v2 element, drawn in a later React commit), the container is drawn with the
page's title, so a preloaded map can be shown there at once."""


def map_slot_key(element_key: str) -> str:
    """The key of the container around the map element `element_key` (unique as long as the element's key is)."""
    return MAP_SLOT_KEY_PREFIX + element_key


INTERNALS_JS = (_HERE / "internals.js").read_text("utf-8")
"""Preloads the map named by the page's note and hands it, drawn, to `ui/map_display.js` (fixed code)."""
MAX_REMEMBERED = 256
"""At most this many page addresses keep the map they showed last (the pages' canonical addresses only)."""
MAX_KEY_CHARS = 200
"""A remembered address is at most this long (a page path, or the tour page with a tour id and a step); a longer
query string is not even parsed."""
MAX_ENTRY_CHARS = 3_000
"""A remembered map (its address, title and the ids it can select) is at most this long: the table holds at most
MAX_REMEMBERED × (MAX_KEY_CHARS + MAX_ENTRY_CHARS) characters (< 1 MB; in practice the pages' few dozen)."""
_MAP_FILE = re.compile(r"(/[A-Za-z0-9._~-]+)*/app/static/maps/[A-Za-z0-9._-]+\.html")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Preload:
    """The map a page address showed last: its file, its iframe's title and height, the ids it can select."""

    src: str
    title: str
    height: int
    ids: frozenset[str] = frozenset()


class RememberedMaps:
    """The map each canonical page address showed last, in this server process.

    Keys are made by the pages from validated values only (`canonical_key`: a page path and, for a tour, its
    id and step); an address a visitor makes up never adds a key. Bounded in count (least recently used
    dropped); each entry is a few hundred bytes.
    """

    def __init__(self, limit: int = MAX_REMEMBERED) -> None:
        self._limit = limit
        self._maps: OrderedDict[str, Preload] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, key: str, preload: Preload) -> None:
        """Note that the page at `key` showed this map (nothing is kept for an oversized key or map)."""
        if len(key) > MAX_KEY_CHARS or _entry_chars(preload) > MAX_ENTRY_CHARS or not _MAP_FILE.fullmatch(preload.src):
            return
        with self._lock:
            self._maps[key] = preload
            self._maps.move_to_end(key)
            while len(self._maps) > self._limit:
                self._maps.popitem(last=False)

    def lookup(self, key: str) -> Preload | None:
        """The map the page at `key` showed last, if any."""
        with self._lock:
            found = self._maps.get(key)
            if found is not None:
                self._maps.move_to_end(key)
            return found

    def __len__(self) -> int:
        return len(self._maps)

    def size_chars(self) -> int:
        """Characters held: every key, and every map's address, title and ids (the bound the tests check)."""
        with self._lock:
            return sum(len(key) + _entry_chars(preload) for key, preload in self._maps.items())


def _entry_chars(preload: Preload) -> int:
    return len(preload.src) + len(preload.title) + sum(len(i) + 1 for i in preload.ids)


REMEMBERED_MAPS = RememberedMaps()
"""Filled by the pages' runs (`ui.map_display`), read by the middleware."""


def canonical_key(page_path: str, query: dict[str, str] | None = None) -> str:
    """The key of a page address: its path and, for the tour page, `tour` and `step`; then `lang` if it names a
    language other than English (the map's labels are in it). Other parameters, such as `feature`, do not change
    which map file a page shows."""
    path = "/" + page_path.strip("/")
    parts: list[str] = []
    if query and path == "/tour" and _ID.fullmatch(query.get("tour", "")) and query.get("step", "").isdigit():
        parts += [f"tour={query['tour']}", f"step={int(query['step'])}"]
    language = normalise_language((query or {}).get("lang"))
    if language and language != DEFAULT_LANGUAGE:
        parts.append(f"lang={language}")
    return f"{path}?{'&'.join(parts)}" if parts else path


def preload_note_html(preload: Preload, selected: str | None = None) -> str:
    """The element that tells `ui/internals.js` which map to preload, and which feature it shows selected (only
    an id of that map; every value escaped as an attribute)."""
    chosen = selected if selected in preload.ids else ""
    return (
        f'<template id="{PRELOAD_NOTE_ID}" data-src="{escape_text(preload.src)}" '
        f'data-title="{escape_text(preload.title)}" data-height="{int(preload.height)}" '
        f'data-selected="{escape_text(chosen or "")}"></template>'
    )


_SCRIPT_HTML = f"<script>{INTERNALS_JS}</script>"


def internals_script_html() -> str:
    """The inline script that preloads the map, for the page's `<head>`."""
    return _SCRIPT_HTML


# ------------------------------------------------------------------------------------ index.html rewriting

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MODULE_SCRIPT = b'<script type="module"'
"""Streamlit's index.html loads its frontend with the first module script: ours must come before it."""
_PAGE_SEGMENT = re.compile(r"/[^/._][^/.]*")
_SAFE_BASE_PATH = re.compile(r"(/[A-Za-z0-9._~-]+)*")
_REQUEST_HEADERS_DROPPED = {b"accept-encoding", b"if-none-match", b"if-modified-since", b"range", b"if-range"}
"""Asked of Streamlit for a page: the whole page, uncompressed (it is ~8 KB), so its text can be checked."""
_RESPONSE_HEADERS_DROPPED = {b"content-length", b"etag", b"last-modified", b"content-range", b"accept-ranges"}
"""Describe Streamlit's file, not the page served in its place."""
_SEND_EXTENSIONS = ("http.response.pathsend", "http.response.zerocopysend")


def _streamlit_static_dir() -> Path:
    from streamlit.file_util import get_static_dir

    return Path(get_static_dir())


def streamlit_index_html() -> bytes:
    """Streamlit's own `index.html`, the page it serves at every page's address."""
    return (_streamlit_static_dir() / "index.html").read_bytes()


def streamlit_js_dir() -> Path:
    """Streamlit's folder of frontend chunks (`static/js` beside its `index.html`)."""
    return _streamlit_static_dir() / "static" / "js"


def with_backend_base_url(index_html: bytes, base_path: str) -> bytes:
    """`index_html` with a script, before Streamlit's own, telling the frontend its server is at `base_path`."""
    if not _SAFE_BASE_PATH.fullmatch(base_path):
        raise ValueError(f"server.baseUrlPath {base_path!r}: only letters, digits and - . _ ~ / are supported")
    at = index_html.find(MODULE_SCRIPT)
    if at < 0:
        raise ValueError("Streamlit's index.html has no module script: cannot set the server's address before it")
    script = f'<script>window.__streamlit = {{BACKEND_BASE_URL: window.location.origin + "{base_path}"}}</script>\n    '
    return index_html[:at] + script.encode("ascii") + index_html[at:]


def with_preload(page_html: bytes, preload: Preload | None = None, selected: str | None = None) -> bytes:
    """`page_html` with the preloading script (and the note of the map to preload, if any) before Streamlit's
    own module script."""
    at = page_html.find(MODULE_SCRIPT)
    if at < 0:
        raise ValueError("Streamlit's index.html has no module script: cannot add the preloading script before it")
    note = preload_note_html(preload, selected) if preload is not None else ""
    return page_html[:at] + f"{note}{internals_script_html()}\n    ".encode() + page_html[at:]


LAZY_CHUNKS = ("BidiComponent", "ButtonGroup", "Checkbox", "Html", "PageLink", "StreamlitSyntaxHighlighter")
"""Streamlit's frontend chunks that its frontend loads only when it first draws their element, and that Veta's
region pages draw: the map's components-v2 element, the language switch, the projector toggle, `st.html`, page
links, and `st.code` (the citation in the evidence panel's "Cite this"). Files `static/js/<name>.<hash>.js`."""
_STATIC_IMPORT = re.compile(r'(?:\bfrom|\bimport)\s*"\./([A-Za-z0-9._-]+\.js)"')
_PRELOADED = re.compile(r'<(?:link rel="modulepreload"|script type="module")[^>]*?(?:href|src)="\./static/js/([^"]+)"')
HEAD_END = b"</head>"


def lazy_chunk_files(js_dir: Path, index_html: bytes, names: tuple[str, ...] = LAZY_CHUNKS) -> list[str]:
    """The files of the chunks `names` in Streamlit's `static/js` folder, and every file they import that
    `index_html` does not already load, in the order found. A name with no single file is left out (logged)."""
    already = set(_PRELOADED.findall(index_html.decode("utf-8", errors="replace")))
    found: list[str] = []
    for name in names:
        matches = sorted(p.name for p in js_dir.glob(f"{name}.*.js"))
        if len(matches) != 1:
            _warn_once(
                f"chunk-{name}",
                "Streamlit's frontend chunk %s.*.js not found once (%d files): not preloaded",
                name,
                len(matches),
            )
            continue
        pending = matches
        while pending:
            file = pending.pop(0)
            if file in already or file in found or not (js_dir / file).is_file():
                continue
            found.append(file)
            pending.extend(_STATIC_IMPORT.findall((js_dir / file).read_text("utf-8", errors="replace")))
    return found


def with_chunk_preloads(index_html: bytes, files: list[str], warm: tuple[str, ...] = LAZY_CHUNKS) -> bytes:
    """`index_html` with a `modulepreload` link for each of Streamlit's chunk `files`, written as Streamlit
    writes its own, at the end of the page's head; the chunks named in `warm` are marked `data-veta-warm`:
    `ui/internals.js` evaluates them once the map is drawn."""
    at = index_html.find(HEAD_END)
    if at < 0 or not files:
        return index_html
    links = "".join(
        f'<link rel="modulepreload" crossorigin href="./static/js/{escape_text(f)}"'
        f"{' data-veta-warm' if f.split('.', 1)[0] in warm else ''}>\n    "
        for f in files
    )
    return index_html[:at] + links.encode("utf-8") + index_html[at:]


def rewritten_index(index_html: bytes, base_path: str, js_dir: Path | None = None) -> bytes:
    """Streamlit's `index_html` as every page is served (before the map to preload is named): the server's address
    set, and Streamlit's lazily loaded chunks that Veta draws (found in `js_dir`, Streamlit's own by default)
    preloaded."""
    page = with_backend_base_url(index_html, base_path)
    return with_chunk_preloads(page, lazy_chunk_files(js_dir or streamlit_js_dir(), index_html))


def is_page_path(path: str, base_path: str = "") -> bool:
    """Whether `path` can be the address of one of the app's pages (the main page or `/<url_path>`)."""
    if base_path and path != base_path and not path.startswith(base_path + "/"):
        return False
    rest = path[len(base_path) :]
    return rest in ("", "/") or _PAGE_SEGMENT.fullmatch(rest) is not None


class BackendBaseUrl:
    """ASGI middleware: where Streamlit answers a page's address (GET or HEAD) with its `index.html`, serve the
    same page with the server's address set in it and the preloading script. A Range request on a page address
    gets the whole page (200), never a slice of Streamlit's file. Every other response passes through."""

    def __init__(self, app: ASGIApp, base_url_path: str | None = None, index_html: bytes | None = None) -> None:
        self.app = app
        self._base_url_path = base_url_path
        self._index = index_html
        self._page: bytes | None = None
        self._base_path = ""

    def _prepare(self) -> None:
        if self._page is not None:
            return
        if not internals_enabled():
            self._page = b""
            return
        self._base_path = app_base_path() if self._base_url_path is None else normalized_base_path(self._base_url_path)
        try:
            if self._index is None:
                self._index = streamlit_index_html()
            self._page = rewritten_index(self._index, self._base_path)
        except (ValueError, OSError, ImportError) as problem:
            # Streamlit's own behaviour is still correct, only slower: serve its pages untouched.
            _LOG.warning("pages are served without the server's address: %s", problem)
            self._page = b""

    def _page_for(self, scope: Scope) -> bytes:
        """The page for this request: with the map its address showed last to preload, if any."""
        query_string = scope.get("query_string", b"")
        # A query longer than any remembered address is not parsed: it names no more than the page's path.
        query = {} if len(query_string) > MAX_KEY_CHARS else dict(parse_qsl(query_string.decode("latin-1")))
        path = scope["path"][len(self._base_path) :]
        preload = REMEMBERED_MAPS.lookup(canonical_key(path, query))
        return with_preload(self._page or b"", preload, query.get("feature"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        self._prepare()
        if not self._page or not is_page_path(scope["path"], self._base_path):
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        inner_scope = dict(scope)
        inner_scope["method"] = "GET"
        inner_scope["headers"] = [(k, v) for k, v in scope["headers"] if k.lower() not in _REQUEST_HEADERS_DROPPED]
        inner_scope["extensions"] = {
            k: v for k, v in (scope.get("extensions") or {}).items() if k not in _SEND_EXTENSIONS
        }
        start: Message | None = None
        body = bytearray()

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            body.extend(message.get("body", b""))
            if message.get("more_body", False):
                return
            if start["status"] == 200 and bytes(body) == self._index:
                page = self._page_for(scope)
                headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in _RESPONSE_HEADERS_DROPPED]
                headers.append((b"content-length", str(len(page)).encode("ascii")))
                await send({**start, "headers": headers})
                await send({"type": "http.response.body", "body": b"" if head else page})
            else:
                await send(start)
                await send({"type": "http.response.body", "body": b"" if head else bytes(body)})

        await self.app(inner_scope, receive, capture)


def middleware() -> list[Middleware]:
    """The middleware `serve.py` gives `st.App`: known host names only and no framing by other sites
    (`ui.security`, not an internal: always on), then the pages with the server's address and the preloading
    script (`BackendBaseUrl`, off with the internals)."""
    from ui.security import SafeServing

    return [Middleware(SafeServing), Middleware(BackendBaseUrl)]


PREPARE_THREAD = "veta-prepare-maps"
NO_CONTEXT_WARNING = "missing ScriptRunContext"
CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
"""The logger Streamlit (1.67) logs that warning with."""


class _NoContextWarningAtStart(logging.Filter):
    """Drops Streamlit's "missing ScriptRunContext" warning logged in the start-up thread, and nothing else.

    `prepare_default_maps` calls the pages' cached functions (`st.cache_resource` with a spinner message) outside
    any script run, to fill the same caches the pages use; each call's spinner looks for the run's context and,
    finding none, logs the warning (five per start). Nothing is shown to anyone, so the warning says nothing
    wrong there; the same warning from any other thread still shows.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.threadName == PREPARE_THREAD and NO_CONTEXT_WARNING in record.getMessage())


def silence_start_up_context_warnings() -> None:
    """Install `_NoContextWarningAtStart` on the logger Streamlit warns with (once)."""
    logger = logging.getLogger(CONTEXT_LOGGER)
    if not any(isinstance(f, _NoContextWarningAtStart) for f in logger.filters):
        logger.addFilter(_NoContextWarningAtStart())


def prepare_default_maps() -> None:
    """Build and remember the maps of the pages' plain addresses; on any failure, log it (each map is then built
    and remembered at its page's first run, as without this)."""
    try:
        from ui.data import checked_atlas
        from ui.map_display import remember_default_maps

        atlas = checked_atlas()
        if atlas is not None:  # data with problems: the pages show the error page, no map
            remember_default_maps(atlas)
    except Exception:  # noqa: BLE001 - a shortcut failing must not stop the server
        _LOG.exception("the maps of the pages' addresses could not be prepared at start")


@asynccontextmanager
async def prepare_maps_at_start(app: object) -> AsyncIterator[None]:
    """`st.App`'s lifespan for `serve.py`: once the server runs, build the maps of `/` and the region pages in a
    thread (not holding up the start), so that the first load of each of those addresses preloads its map too."""
    if internals_enabled():
        silence_start_up_context_warnings()
        threading.Thread(target=prepare_default_maps, name=PREPARE_THREAD, daemon=True).start()
    yield
