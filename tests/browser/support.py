"""Helpers shared by the browser tests and the benchmark: a Streamlit server on 127.0.0.1, a request log."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ui.internals import normalized_base_path
from veta.paths import PROJECT_DIR

MAP_IFRAME = '[data-testid="stMain"] iframe[src*="/app/static/maps/"], iframe[title="streamlit_folium.st_folium"]'
"""A map's iframe on the page: a map file in its element (region pages, overview, tours; `ui.map_display`), not while it is
still preloading offscreen; or streamlit-folium's (compare)."""
SETTLED_JS = """(element) => new Promise((resolve) => {
    let last = null;
    let same = 0;
    function tick() {
        const r = element.getBoundingClientRect();
        const key = [r.x, r.y, r.width, r.height].join();
        same = key === last ? same + 1 : 0;
        last = key;
        if (same >= 10) resolve(true); else requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
})"""
"""Resolves once the element has kept its place and size for 10 animation frames (a condition, not a sleep)."""
BOXES_JS = """
    const box = (el) => el.getBoundingClientRect();
    const overlapBy = (a, b, pixels) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > pixels
        && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > pixels;
"""
"""The start of a measuring script's body: `box(el)` (its client rectangle) and `overlapBy(a, b, pixels)` (two
rectangles share more than `pixels` each way)."""
NAMES_ON_MAP_JS = """() => {""" + BOXES_JS + """
    const map = document.querySelector('.leaflet-container').getBoundingClientRect();
    const hit = (a, b) => overlapBy(a, b, 1);
    const markers = [...document.querySelectorAll('.leaflet-marker-icon.veta-feature')].map(box);
    const controls = [...document.querySelectorAll('.leaflet-control')].map(box);
    const names = [...document.querySelectorAll('.veta-label span')]
        .filter((el) => getComputedStyle(el.parentElement).visibility !== 'hidden')
        .map((el) => ({text: el.textContent, box: box(el), place: el.parentElement.classList.contains('veta-label-place'),
            dot: box(el.parentElement)}))
        .filter((name) => !name.place || (name.dot.left >= map.left && name.dot.left <= map.right
            && name.dot.top >= map.top && name.dot.top <= map.bottom));
    const texts = (list) => list.map((name) => name.text);
    return {
        places: names.filter((name) => name.place).length,
        countries: texts(names.filter((name) => !name.place)),
        underMarkers: texts(names.filter((name) => markers.some((m) => hit(name.box, m)))),
        underControls: texts(names.filter((name) => controls.some((c) => hit(name.box, c)))),
        crossing: texts(names.filter((name, i) => names.some((other, j) => i !== j && hit(name.box, other.box)))),
        cut: texts(names.filter((name) => name.box.left < map.left - 1 || name.box.right > map.right + 1
            || name.box.top < map.top - 1 || name.box.bottom > map.bottom + 1)),
    };
}"""
"""The names written on the map (towns, and countries not hidden) that a marker's symbol, a control or another name
covers, or that the map's edge cuts; a town is counted when its dot is in the map."""
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_TIMEOUT_S = 90
SERVER_SCRIPT = "serve.py"
"""What `make run` starts: app.py served through `st.App` with `ui.internals`' middleware."""
LOCAL_HOSTS = {"127.0.0.1"}


def chromium_path() -> str:
    """The Chromium binary to drive."""
    return os.environ.get("VETA_CHROMIUM", "/usr/bin/chromium")


@contextlib.contextmanager
def running_streamlit(script: str = SERVER_SCRIPT, **options: Any) -> Iterator[str]:
    """A Streamlit server (`start_streamlit`'s options) for the duration of the block; yields its URL."""
    url, process = start_streamlit(script, **options)
    try:
        yield url
    finally:
        stop_process(process)


def free_port() -> int:
    """A TCP port nobody listens on right now, on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float) -> None:
    """Poll Streamlit's health endpoint until it answers ok; fail early if the server died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200 and response.read().strip() == b"ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        with contextlib.suppress(subprocess.TimeoutExpired):  # wait on the process (a condition), ≤ 0.25 s
            process.wait(timeout=0.25)
    raise TimeoutError(f"streamlit did not become healthy at {url} within {timeout} s")


def start_streamlit(
    script: str = SERVER_SCRIPT, *, cwd: Path = PROJECT_DIR, env: dict | None = None, base_url_path: str = ""
) -> tuple[str, subprocess.Popen]:
    """Start `streamlit run script` on a free 127.0.0.1 port; return its URL and process once healthy.

    `base_url_path`: serve the app under that path (`server.baseUrlPath`); the URL returned includes it."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--server.baseUrlPath",
        base_url_path,
    ]
    # The server's log goes to a file, not a pipe: nobody reads a pipe while the tests run, and a full one
    # would block the server.
    with tempfile.TemporaryFile(prefix="veta-streamlit-", suffix=".log") as log:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # the child keeps its own descriptor of the log
    url = f"http://127.0.0.1:{port}" + normalized_base_path(base_url_path)
    try:
        wait_healthy(url, process, SERVER_START_TIMEOUT_S)
    except BaseException:
        stop_process(process)
        raise
    return url, process


def stop_process(process: subprocess.Popen) -> None:
    """Stop a server we started, by its process group id."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


class RequestLog:
    """Every URL the browser asked for, and those that were not for 127.0.0.1 (aborted)."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.outside: list[str] = []

    def check(self, url: str) -> bool:
        """Record a request; True if it stays on 127.0.0.1 (data: and blob: URLs never leave the browser)."""
        self.urls.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS:
            return True
        self.outside.append(url)
        return False


def drawn_markers(feature: Any) -> int:
    """How many point markers a map draws for a feature: one per point, none for a line or polygon, and none for a
    region-wide statement (listed beside the map, `button.veta-statement`; choosing it outlines the region)."""
    if feature.precision == "region":
        return 0
    if feature.geometry.geom_type in ("Point", "MultiPoint"):
        return len(getattr(feature.geometry, "geoms", [feature.geometry]))
    return 0


def drawn_as_shape(feature: Any) -> bool:
    """Whether a map draws a feature as a line or polygon (a path), not as markers."""
    return feature.precision != "region" and feature.geometry.geom_type not in ("Point", "MultiPoint")
