"""Extra servers for browser tests: Veta on other data (VETA_GEODATA), and a plain static server for the pack."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Dialog, Page

from tests.browser.support import running_streamlit


@contextmanager
def veta_server(geodata: Path, seeds: Path | None = None) -> Iterator[str]:
    """A fresh `streamlit run serve.py` on 127.0.0.1 reading this geodata folder; yields its URL."""
    env = {"VETA_GEODATA": str(geodata)}
    if seeds is not None:
        env["VETA_SEEDS"] = str(seeds)
    with running_streamlit(env=env) as url:
        yield url


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve a folder over HTTP on 127.0.0.1 (any static host would do for the classroom pack); yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def record_dialogs(page: Page) -> list[str]:
    """Dismiss and record every JavaScript dialog (alert, confirm, prompt) the page or its frames open."""
    opened: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


INJECTED = """() => ({
  images: document.querySelectorAll('img[src="x"]').length,
  scripts: [...document.querySelectorAll('script')].filter(s => s.textContent.trim() === 'alert(1)').length,
})"""
"""Counts of elements hostile text would have injected into a document, had it been read as HTML."""
