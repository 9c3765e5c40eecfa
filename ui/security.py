"""Serving Veta safely (docs/security.md): only known host names, and no framing by other sites.

`SafeServing` is ASGI middleware `serve.py` puts in front of Streamlit:

- A request (page, file or websocket) whose `Host` header names a host not in `VETA_ALLOWED_HOSTS` is refused
  (HTTP 421, or the websocket closed before it opens). Served on 127.0.0.1, this stops DNS rebinding: a web page
  from elsewhere that points its own host name at 127.0.0.1 cannot load Veta's pages or drive its sessions.
- Every HTTP response says it may be framed only by Veta's own pages (`X-Frame-Options: SAMEORIGIN` and
  `Content-Security-Policy: frame-ancestors 'self'`): the maps are Veta's own frames; other sites cannot frame it.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ALLOWED_HOSTS_VARIABLE = "VETA_ALLOWED_HOSTS"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
"""The host names a browser on this computer uses; allowed unless `VETA_ALLOWED_HOSTS` says otherwise."""
FRAME_HEADERS = (
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"content-security-policy", b"frame-ancestors 'self'"),
)
WEBSOCKET_POLICY_VIOLATION = 1008


def allowed_hosts(value: str | None = None) -> frozenset[str]:
    """The host names (lower case, without port) requests may name: `value` (default: the `VETA_ALLOWED_HOSTS`
    variable), comma-separated; unset or empty means this computer's own names only. `*` allows any host."""
    raw = os.environ.get(ALLOWED_HOSTS_VARIABLE, "") if value is None else value
    names = {name.strip().lower() for name in raw.split(",") if name.strip()}
    return frozenset(names or LOCAL_HOSTS)


def host_name(host_header: str) -> str:
    """The host name of a `Host` header, lower case, without its port (`[::1]:8501` -> `[::1]`)."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host[: host.find("]") + 1] if "]" in host else host
    return host.rsplit(":", 1)[0] if ":" in host else host


def host_allowed(scope: Scope, allowed: frozenset[str]) -> bool:
    """Whether the request's `Host` header names an allowed host (a request without one is refused)."""
    if "*" in allowed:
        return True
    hosts = [value for key, value in scope.get("headers", []) if key.lower() == b"host"]
    return len(hosts) == 1 and host_name(hosts[0].decode("latin-1")) in allowed


class SafeServing:
    """ASGI middleware: refuse unknown host names; say that only Veta's own pages may frame its responses."""

    def __init__(self, app: ASGIApp, hosts: str | None = None) -> None:
        self.app = app
        self.allowed = allowed_hosts(hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if not host_allowed(scope, self.allowed):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": WEBSOCKET_POLICY_VIOLATION})
                return
            body = b"Unknown host name. Veta answers only the host names it is served under (docs/security.md).\n"
            headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
            await send({"type": "http.response.start", "status": 421, "headers": [*headers, *FRAME_HEADERS]})
            await send({"type": "http.response.body", "body": body})
            return
        if scope["type"] == "websocket":
            await self.app(scope, receive, send)
            return

        async def with_frame_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in FRAME_HEADERS}
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": [*kept, *FRAME_HEADERS]}
            await send(message)

        await self.app(scope, receive, with_frame_headers)
