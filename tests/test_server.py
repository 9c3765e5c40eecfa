"""ui/internals.py's middleware: the server's address and the preloading script (with the map to preload)
written into the pages Streamlit serves, and nothing else touched; server state keyed by canonical addresses
only, and bounded."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

import ui.internals
from ui.internals import (
    MAX_ENTRY_CHARS,
    MAX_KEY_CHARS,
    MAX_REMEMBERED,
    PRELOAD_NOTE_ID,
    BackendBaseUrl,
    Preload,
    RememberedMaps,
    canonical_key,
    internals_script_html,
    is_page_path,
    normalized_base_path,
    rewritten_index,
    streamlit_index_html,
    with_backend_base_url,
    with_preload,
)


@pytest.fixture(autouse=True)
def no_maps_remembered(monkeypatch: pytest.MonkeyPatch) -> RememberedMaps:
    """The middleware's view of the maps shown so far: none (other tests' page runs remember theirs)."""
    remembered = RememberedMaps()
    monkeypatch.setattr(ui.internals, "REMEMBERED_MAPS", remembered)
    return remembered


INDEX = b'<!DOCTYPE html><html><head><script>window.prerenderReady = false</script>\n    <script type="module" src="./static/js/index.js"></script></head><body><div id="root"></div></body></html>'


def test_the_address_is_set_before_streamlits_module_script() -> None:
    page = with_backend_base_url(INDEX, "")
    setting = page.index(b'window.__streamlit = {BACKEND_BASE_URL: window.location.origin + ""}')
    assert setting < page.index(b'<script type="module"')
    assert (
        page.replace(page[page.index(b"<script>window.__streamlit") : page.index(b'<script type="module"')], b"")
        == INDEX
    )


@pytest.mark.parametrize("base_path", ['/a"</script><script>alert(1)</script>', "/a b", "/a&b", "/a\\b"])
def test_a_base_path_that_is_not_plain_path_characters_is_refused(base_path: str) -> None:
    with pytest.raises(ValueError, match="baseUrlPath"):
        with_backend_base_url(INDEX, base_path)


def test_a_base_path_is_written_into_the_address() -> None:
    page = with_backend_base_url(INDEX, "/schools/veta-1.0")
    assert b'BACKEND_BASE_URL: window.location.origin + "/schools/veta-1.0"}' in page


def test_an_index_without_a_module_script_fails_loudly() -> None:
    with pytest.raises(ValueError, match="no module script"):
        with_backend_base_url(b"<html><head></head></html>", "")


def test_streamlits_own_index_html_takes_the_address() -> None:
    """Guards a Streamlit upgrade: its real index.html must still load its frontend with a module script."""
    page = with_backend_base_url(streamlit_index_html(), "")
    assert page.count(b"window.__streamlit") == 1


@pytest.mark.parametrize(
    ("option", "prefix"), [("", ""), ("/", ""), ("veta", "/veta"), ("/veta/", "/veta"), ("a/b/", "/a/b")]
)
def test_normalized_base_path(option: str, prefix: str) -> None:
    assert normalized_base_path(option) == prefix


@pytest.mark.parametrize("path", ["/", "/kachin", "/madre-de-dios", "/passages", "/about"])
def test_page_addresses(path: str) -> None:
    assert is_page_path(path)


@pytest.mark.parametrize(
    "path",
    [
        "/_stcore/health",
        "/kachin/_stcore/health",
        "/favicon.png",
        "/manifest.json",
        "/app/static/maps/kachin-0.html",
        "/static/js/index.js",
        "/kachin/more",
        "/.env",
    ],
)
def test_not_page_addresses(path: str) -> None:
    assert not is_page_path(path)


def test_page_addresses_under_a_base_path() -> None:
    assert is_page_path("/veta", "/veta")
    assert is_page_path("/veta/", "/veta")
    assert is_page_path("/veta/kachin", "/veta")
    assert not is_page_path("/kachin", "/veta")
    assert not is_page_path("/vetax", "/veta")
    assert not is_page_path("/veta/_stcore/health", "/veta")


class FakeStreamlit:
    """An inner ASGI app that answers with fixed messages and records the scope it was given."""

    def __init__(self, status: int, body_chunks: list[bytes], headers: list[tuple[bytes, bytes]] | None = None) -> None:
        self.status = status
        self.body_chunks = body_chunks
        self.headers = headers or [(b"content-type", b"text/html; charset=utf-8"), (b"etag", b'"abc"')]
        self.scope: dict | None = None

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001 - ASGI callables
        self.scope = scope
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        for i, chunk in enumerate(self.body_chunks):
            await send({"type": "http.response.body", "body": chunk, "more_body": i < len(self.body_chunks) - 1})


def serve(
    app,  # noqa: ANN001
    path: str,
    method: str = "GET",
    kind: str = "http",
    query: bytes = b"",
    extra_headers: list[tuple[bytes, bytes]] | None = None,
    host: bytes | None = b"127.0.0.1",
) -> list[dict]:
    """Run one request through `app` (with this Host header, none if None); return the messages it sent."""
    sent: list[dict] = []
    scope = {
        "type": kind,
        "method": method,
        "path": path,
        "query_string": query,
        "headers": [(b"accept-encoding", b"gzip"), (b"if-none-match", b'"abc"')]
        + ([(b"host", host)] if host is not None else [])
        + (extra_headers or []),
        "extensions": {"http.response.pathsend": {}},
    }

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    # In a thread of its own: after the browser tests, Playwright's sync API keeps an event loop running here.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, app(scope, receive, send)).result()
    return sent


def body_of(messages: list[dict]) -> bytes:
    return b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")


def test_a_page_gets_the_address_and_headers_that_describe_it() -> None:
    inner = FakeStreamlit(200, [INDEX[:40], INDEX[40:]])
    messages = serve(BackendBaseUrl(inner, base_url_path="", index_html=INDEX), "/kachin")
    expected = with_preload(rewritten_index(INDEX, ""))
    assert body_of(messages) == expected
    headers = dict(messages[0]["headers"])
    assert headers[b"content-length"] == str(len(expected)).encode()
    assert b"etag" not in headers  # the etag was Streamlit's file's, not this page's
    # Streamlit was asked for the whole page, uncompressed, and could not answer with a file send
    asked = dict(inner.scope["headers"])
    assert b"accept-encoding" not in asked and b"if-none-match" not in asked and asked[b"host"] == b"127.0.0.1"
    assert "http.response.pathsend" not in inner.scope["extensions"]


def test_any_other_answer_at_a_page_address_passes_unchanged() -> None:
    inner = FakeStreamlit(404, [b"Not Found"], headers=[(b"content-type", b"text/plain")])
    messages = serve(BackendBaseUrl(inner, base_url_path="", index_html=INDEX), "/oauth2callback")
    assert messages[0] == {"type": "http.response.start", "status": 404, "headers": [(b"content-type", b"text/plain")]}
    assert body_of(messages) == b"Not Found"


def test_other_addresses_methods_and_websockets_are_not_touched() -> None:
    for path, method, kind in [
        ("/app/static/vendor/leaflet/leaflet.js", "GET", "http"),
        ("/app/static/vendor/leaflet/leaflet.js", "HEAD", "http"),
        ("/kachin", "POST", "http"),
        ("/_stcore/stream", "GET", "websocket"),
    ]:
        inner = FakeStreamlit(200, [INDEX[:40], INDEX[40:]])
        messages = serve(BackendBaseUrl(inner, base_url_path="", index_html=INDEX), path, method, kind)
        assert body_of(messages) == INDEX
        assert [m.get("more_body") for m in messages[1:]] == [True, False]  # streamed as it came
        assert dict(inner.scope["headers"])[b"accept-encoding"] == b"gzip"


def test_the_base_path_is_read_from_streamlits_config_when_not_given(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit import config

    monkeypatch.setattr(config, "get_option", lambda name: "/veta/" if name == "server.baseUrlPath" else None)
    inner = FakeStreamlit(200, [INDEX])
    messages = serve(BackendBaseUrl(inner, index_html=INDEX), "/veta/kachin")
    assert body_of(messages) == with_preload(rewritten_index(INDEX, "/veta"))


def test_an_unsupported_base_path_leaves_streamlits_pages_as_they_are(caplog: pytest.LogCaptureFixture) -> None:
    inner = FakeStreamlit(200, [INDEX])
    messages = serve(BackendBaseUrl(inner, base_url_path="a b", index_html=INDEX), "/a b/kachin")
    assert body_of(messages) == INDEX
    assert "without the server's address" in caplog.text


NOTE = f'<template id="{PRELOAD_NOTE_ID}"'.encode()
JADE = Preload(
    src="/app/static/maps/kachin-0123456789abcdef.html",
    title="Map of Kachin, Myanmar",
    height=620,
    ids=frozenset({"kachin-jade"}),
)


def test_the_maps_script_comes_before_streamlits_module_script() -> None:
    page = with_preload(INDEX)
    script = internals_script_html().encode()
    assert page.index(script) < page.index(b'<script type="module"')
    assert page.replace(script, b"").replace(b"\n    ", b"") == INDEX.replace(b"\n    ", b"")
    assert NOTE not in with_preload(INDEX)
    with pytest.raises(ValueError, match="no module script"):
        with_preload(b"<html><head></head></html>")


def test_the_preload_note_comes_before_the_script_that_reads_it() -> None:
    page = with_preload(INDEX, JADE)
    note = page.index(NOTE)
    assert note < page.index(internals_script_html().encode()) < page.index(b'<script type="module"')
    assert b'data-src="/app/static/maps/kachin-0123456789abcdef.html"' in page and b'data-height="620"' in page


def test_the_preload_note_escapes_what_it_carries() -> None:
    hostile = Preload(src='/x"><script>alert(1)</script>', title="`${alert(1)}` </template><b>", height=620)
    page = with_preload(INDEX, hostile)
    assert b"<script>alert" not in page and b"</template><b>" not in page and b"${" not in page
    assert b"&lt;script&gt;" in page


def test_streamlits_own_index_html_takes_the_maps_script() -> None:
    page = with_preload(with_backend_base_url(streamlit_index_html(), ""), JADE)
    assert page.count(b"global.vetaInternals = ") == 1 and page.count(NOTE) == 1


def test_a_page_names_the_map_its_address_showed_last(no_maps_remembered: RememberedMaps) -> None:
    no_maps_remembered.remember(canonical_key("/kachin"), JADE)
    app = BackendBaseUrl(FakeStreamlit(200, [INDEX]), base_url_path="", index_html=INDEX)
    # one map file for every selection: the feature only says what the preloaded map shows selected
    assert body_of(serve(app, "/kachin", query=b"feature=kachin-jade")) == with_preload(
        rewritten_index(INDEX, ""), JADE, "kachin-jade"
    )
    assert b'data-selected="kachin-jade"' in body_of(serve(app, "/kachin", query=b"feature=kachin-jade"))
    # a feature that map does not have is not written into the page
    assert b'data-selected=""' in body_of(serve(app, "/kachin", query=b"feature=%3Cb%3Eno"))
    assert NOTE not in body_of(serve(app, "/choco"))
    # under a base path, the address is the page's path within the app
    app = BackendBaseUrl(FakeStreamlit(200, [INDEX]), base_url_path="/veta", index_html=INDEX)
    assert NOTE in body_of(serve(app, "/veta/kachin", query=b"feature=kachin-jade"))


class RangeAwareStreamlit(FakeStreamlit):
    """Like Streamlit's static file handler: answers a GET with a Range with a 206 and that slice, and a HEAD with
    the file's headers and no body."""

    async def __call__(self, scope, receive, send) -> None:  # noqa: ANN001 - ASGI callables
        self.scope = scope
        body = b"".join(self.body_chunks)
        wanted = dict(scope["headers"]).get(b"range")
        status = 200
        if wanted:
            first, last = wanted.removeprefix(b"bytes=").split(b"-")
            body, status = body[int(first) : int(last) + 1], 206
        headers = [*self.headers, (b"content-length", str(len(body)).encode()), (b"accept-ranges", b"bytes")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


def test_range_and_head_at_a_page_address_describe_the_page_a_get_returns() -> None:
    """A Range is ignored at a page's address (the whole rewritten page, 200), and a HEAD gets the headers of that
    page: never a slice or the length of Streamlit's unrewritten file (issue #16, item 6)."""
    app = BackendBaseUrl(RangeAwareStreamlit(200, [INDEX]), base_url_path="", index_html=INDEX)
    page = with_preload(rewritten_index(INDEX, ""))
    got = serve(app, "/kachin")
    assert body_of(got) == page and dict(got[0]["headers"])[b"content-length"] == str(len(page)).encode()
    ranged = serve(app, "/kachin", extra_headers=[(b"range", b"bytes=0-99"), (b"if-range", b'"abc"')])
    assert ranged[0]["status"] == 200 and body_of(ranged) == page
    assert b"accept-ranges" not in dict(ranged[0]["headers"])
    head = serve(app, "/kachin", method="HEAD")
    assert head[0]["status"] == 200 and body_of(head) == b""
    assert dict(head[0]["headers"])[b"content-length"] == str(len(page)).encode()
    # elsewhere, Range and HEAD are Streamlit's own
    ranged = serve(app, "/app/static/maps/x.html", extra_headers=[(b"range", b"bytes=0-9")])
    assert ranged[0]["status"] == 206 and body_of(ranged) == INDEX[:10]


def test_a_junk_query_is_not_parsed_and_looks_up_only_canonical_keys(
    no_maps_remembered: RememberedMaps, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []
    monkeypatch.setattr(no_maps_remembered, "lookup", lambda key: asked.append(key))
    app = BackendBaseUrl(FakeStreamlit(200, [INDEX]), base_url_path="", index_html=INDEX)
    serve(app, "/kachin", query=b"q=" + "😀".encode() * 100_000)  # longer than any address a page remembers
    serve(app, "/kachin", query=b"feature=kachin-jade&x=1")
    serve(app, "/tour", query=b"tour=water-and-mercury&step=2&x=" + b"y" * 150)
    assert asked == ["/kachin", "/kachin", "/tour?tour=water-and-mercury&step=2"]  # never a key made of the query


def test_the_server_keeps_nothing_per_unknown_address(no_maps_remembered: RememberedMaps) -> None:
    """Issue 16.1: keys are canonical page addresses only; a made-up query adds nothing, and the table is bounded."""
    app = BackendBaseUrl(FakeStreamlit(200, [INDEX]), base_url_path="", index_html=INDEX)
    for n in range(300):
        serve(app, "/kachin", query=f"feature={'😀' * 100}{n}&x={n}".encode())
    assert len(no_maps_remembered) == 0
    assert canonical_key("/kachin/", {"feature": "kachin-jade", "x": "1"}) == "/kachin"
    assert (
        canonical_key("/tour", {"tour": "kachin-mining-and-war", "step": "03"})
        == "/tour?tour=kachin-mining-and-war&step=3"
    )
    assert canonical_key("/tour", {"tour": "<b>", "step": "1"}) == "/tour"
    small = RememberedMaps(limit=3)
    for n in range(10):
        small.remember(f"/tour?tour=t&step={n}", JADE)
    assert (
        len(small) == 3 and small.lookup("/tour?tour=t&step=9") == JADE and small.lookup("/tour?tour=t&step=0") is None
    )
    small.remember("/x", Preload(src="https://elsewhere.invalid/map.html", title="t", height=1))
    assert small.lookup("/x") is None  # only the app's own map files


def test_remembered_maps_keep_nothing_oversized_and_are_bounded_in_size() -> None:
    maps = RememberedMaps()
    maps.remember("/" + "a" * (MAX_KEY_CHARS + 1), JADE)
    maps.remember("/kachin", Preload(src=JADE.src, title="t" * MAX_ENTRY_CHARS, height=620))
    maps.remember(
        "/kachin", Preload(src=JADE.src, title="t", height=620, ids=frozenset(f"f-{n}" for n in range(9_999)))
    )
    assert len(maps) == 0 and maps.size_chars() == 0
    big = Preload(src="/app/static/maps/" + "m" * 900 + ".html", title="t" * 900, height=620, ids=JADE.ids)
    for n in range(3 * MAX_REMEMBERED):
        maps.remember(f"/tour?tour=t-{n}&step=1", big)
    assert len(maps) == MAX_REMEMBERED
    assert maps.size_chars() <= MAX_REMEMBERED * (MAX_KEY_CHARS + MAX_ENTRY_CHARS) < 1_000_000
