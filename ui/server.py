"""Serving Veta: Streamlit's own server, with the server's address written into each page it serves.

Streamlit's frontend does not know where its server is. Opened at a page's address such as `/kachin`, it first
asks `/kachin/_stcore/health` (a 404: a page is not a server of its own) and only after a retry delay asks
`/_stcore/health`, so every page opened by its address (a shared link, a bookmark, a reload) waits about 0.1 s
before it even connects (see docs/performance.md). The frontend takes the server's address from
`window.__streamlit.BACKEND_BASE_URL` when its host sets it. `BackendBaseUrl` sets it in Streamlit's own
`index.html` as that page is served, so the first health check goes to the right place.

The same middleware puts `ui/map_frames.js` into the page, and a note naming the map this page address showed
last (`ui.map_frames`): the page preloads that map while Streamlit starts, and shows it, already drawn, as soon
as its slot is rendered.

`serve.py` (what `make run` starts) wraps app.py in `st.App` with this middleware. `streamlit run app.py`
still works, only without these shortcuts.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from starlette.middleware import Middleware

from ui.map_frames import (
    MAX_KEY_CHARS,
    REMEMBERED_MAPS,
    MapFrame,
    address_key,
    frames_script_html,
    preload_note_html,
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_LOG = logging.getLogger(__name__)
MODULE_SCRIPT = b'<script type="module"'
"""Streamlit's index.html loads its frontend with the first module script: the address must be set before it."""
_PAGE_SEGMENT = re.compile(r"/[^/._][^/.]*")
"""One path segment that can be a page's `url_path`: not a file (no dot), not `_stcore` or another `_` route."""
_SAFE_BASE_PATH = re.compile(r"(/[A-Za-z0-9._~-]+)*")
"""A normalized `server.baseUrlPath` that can be written into a script as it is."""
_REQUEST_HEADERS_DROPPED = {b"accept-encoding", b"if-none-match", b"if-modified-since", b"range", b"if-range"}
"""Asked of Streamlit for a page: the whole page, uncompressed (it is ~8 KB), so its text can be checked. A Range
is ignored at a page's address: a slice of Streamlit's own file is not a slice of the page served in its place."""
_RESPONSE_HEADERS_DROPPED = {b"content-length", b"etag", b"last-modified", b"accept-ranges", b"content-range"}
"""Describe Streamlit's file, not the page served in its place."""
_PAGE_METHODS = ("GET", "HEAD")
"""A page's address answers these with the page served in place of Streamlit's file (HEAD: its headers only)."""
_SEND_EXTENSIONS = ("http.response.pathsend", "http.response.zerocopysend")


def streamlit_index_html() -> bytes:
    """Streamlit's own `index.html`, the page it serves at every page's address."""
    from streamlit.file_util import get_static_dir

    return (Path(get_static_dir()) / "index.html").read_bytes()


def normalized_base_path(base_url_path: str) -> str:
    """`server.baseUrlPath` as a path prefix: '' for the root, else '/<path>' with no trailing slash."""
    stripped = base_url_path.strip("/")
    return f"/{stripped}" if stripped else ""


def app_base_path() -> str:
    """The app's path prefix from Streamlit's `server.baseUrlPath` ('' at the root): absolute addresses inside
    the app (map files, Leaflet, the reader) start with it, so they also work when the app is served under a
    path."""
    from streamlit import config

    return normalized_base_path(config.get_option("server.baseUrlPath") or "")


def with_backend_base_url(index_html: bytes, base_path: str) -> bytes:
    """`index_html` with a script, before Streamlit's own, telling the frontend its server is at `base_path`."""
    if not _SAFE_BASE_PATH.fullmatch(base_path):
        # Written into a script as it is, so it may hold only plain path characters (no quote, <, > or &).
        raise ValueError(f"server.baseUrlPath {base_path!r}: only letters, digits and - . _ ~ / are supported")
    at = index_html.find(MODULE_SCRIPT)
    if at < 0:
        raise ValueError("Streamlit's index.html has no module script: cannot set the server's address before it")
    script = f'<script>window.__streamlit = {{BACKEND_BASE_URL: window.location.origin + "{base_path}"}}</script>\n    '
    return index_html[:at] + script.encode("ascii") + index_html[at:]


def with_map_frames(page_html: bytes, preload: MapFrame | None = None) -> bytes:
    """`page_html` with the script that places the maps' iframes (and the note of the map to preload, if any)
    before Streamlit's own module script."""
    at = page_html.find(MODULE_SCRIPT)
    if at < 0:
        raise ValueError("Streamlit's index.html has no module script: cannot add the map frames' script before it")
    note = preload_note_html(preload) if preload is not None else ""
    return page_html[:at] + f"{note}{frames_script_html()}\n    ".encode() + page_html[at:]


def is_page_path(path: str, base_path: str = "") -> bool:
    """Whether `path` can be the address of one of the app's pages (the main page or `/<url_path>`)."""
    if base_path and path != base_path and not path.startswith(base_path + "/"):
        return False
    rest = path[len(base_path) :]
    return rest in ("", "/") or _PAGE_SEGMENT.fullmatch(rest) is not None


class BackendBaseUrl:
    """ASGI middleware: where Streamlit answers a page's address with its `index.html`, serve the same page with
    the server's address set in it (`with_backend_base_url`) and the maps' script, with the map to preload
    (`with_map_frames`). Every other response passes through unchanged."""

    def __init__(self, app: ASGIApp, base_url_path: str | None = None, index_html: bytes | None = None) -> None:
        self.app = app
        self._base_url_path = base_url_path
        self._index = index_html
        self._page: bytes | None = None
        self._base_path = ""

    def _prepare(self) -> None:
        # Read at the first request, not at import: `streamlit run` has loaded the config by then.
        if self._page is not None:
            return
        self._base_path = app_base_path() if self._base_url_path is None else normalized_base_path(self._base_url_path)
        if self._index is None:
            self._index = streamlit_index_html()
        try:
            self._page = with_backend_base_url(self._index, self._base_path)  # with_map_frames needs the same spot
        except ValueError as problem:
            # Streamlit's own behaviour is still correct, only slower: serve its pages untouched.
            _LOG.warning("pages are served without the server's address: %s", problem)
            self._page = b""

    def _page_for(self, scope: Scope) -> bytes:
        """The page for this request: with the map its address showed last to preload, if any."""
        query_string = scope.get("query_string", b"")
        preload = None
        if len(query_string) <= MAX_KEY_CHARS:  # a longer query cannot be an address a page remembered
            query = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
            preload = REMEMBERED_MAPS.lookup(address_key(scope["path"][len(self._base_path) :], query))
        return with_map_frames(self._page, preload)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _PAGE_METHODS:
            await self.app(scope, receive, send)
            return
        self._prepare()
        if not self._page or not is_page_path(scope["path"], self._base_path):
            await self.app(scope, receive, send)
            return
        head_only = scope["method"] == "HEAD"
        inner_scope = dict(scope)
        inner_scope["method"] = "GET"  # a HEAD answers with the headers of the page a GET gets, length included
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
                await send({"type": "http.response.body", "body": b"" if head_only else page})
            else:
                await send(start)
                await send({"type": "http.response.body", "body": b"" if head_only else bytes(body)})

        await self.app(inner_scope, receive, capture)


def middleware() -> list[Middleware]:
    """The middleware `serve.py` gives `st.App`: known host names only and no framing by other sites
    (`ui.security`), then the pages with the server's address and the maps' script."""
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
        from ui.map_view import remember_default_maps

        atlas = checked_atlas()
        if atlas is not None:  # data with problems: the pages show the error page, no map
            remember_default_maps(atlas)
    except Exception:  # noqa: BLE001 - a shortcut failing must not stop the server
        _LOG.exception("the maps of the pages' addresses could not be prepared at start")


@asynccontextmanager
async def prepare_maps_at_start(app: object) -> AsyncIterator[None]:
    """`st.App`'s lifespan for `serve.py`: once the server runs, build the maps of `/` and the region pages in a
    thread (not holding up the start), so that the first load of each of those addresses preloads its map too."""
    silence_start_up_context_warnings()
    threading.Thread(target=prepare_default_maps, name=PREPARE_THREAD, daemon=True).start()
    yield
