"""Where each map's iframe goes, and which map a page address showed last, so the next load can preload it.

A map is a file shown in an iframe (`ui.map_view`). Instead of `st.iframe`, whose element Streamlit loads lazily
and renders only after the rest of the page's first render, the page draws a *slot*: a container keyed
`veta-map-<height>-<name>` holding a link to the map file (also a way to open the map on a page of its own).
`ui/map_frames.js` puts the map's iframe into each slot. Served by `serve.py`, the page also names the map its
address showed last (`preload_note_html`, from `remember_map`): the script starts loading that map offscreen
while Streamlit is still starting, and moves it, already drawn, into its slot when the slot appears
(`Element.moveBefore`, which keeps the frame's document). See docs/performance.md.
"""

from __future__ import annotations

import html
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from veta.escape import escape_text

MAP_FRAMES_JS = (Path(__file__).parent / "map_frames.js").read_text("utf-8")
"""Places the maps' iframes into their slots (fixed code; the maps' addresses come from the page)."""
SLOT_KEY_PREFIX = "veta-map-"
PRELOAD_NOTE_ID = "veta-map-preload"
IGNORED_QUERY_KEYS = frozenset({"embed", "embed_options"})
"""Streamlit's own query parameters, which `st.query_params` leaves out."""
FEATURE_PARAM = "feature"
"""The one query parameter that changes which map a page shows (the selected feature of a region page)."""
MAX_REMEMBERED = 512
"""At most this many addresses are remembered (more than the pages' plain addresses and every feature's)."""
MAX_KEY_CHARS = 200
"""A remembered address is at most this long: a page path and a feature id (ids are at most 80 characters)."""
MAX_FRAME_CHARS = 2_000
"""A remembered map's address and title together are at most this long (so the table is at most ~1.2 MB)."""
_CANONICAL_PATH = re.compile(r"/(?:[a-z0-9]+(?:-[a-z0-9]+)*)?")
_CANONICAL_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAP_LINK_TEXT = "Open this map on a page of its own"
_MAP_LINK = re.compile(r"\[" + re.escape(MAP_LINK_TEXT) + r'\]\((\S+) "([^"]*)"\)')


@dataclass(frozen=True)
class MapFrame:
    """One map as a page shows it: its file's address, the iframe's title and height in pixels."""

    src: str
    title: str
    height: int


def slot_key(height: int, name: str) -> str:
    """The key of the container a map's iframe goes into (its CSS class is `st-key-<key>`)."""
    return f"{SLOT_KEY_PREFIX}{int(height)}-{name}"


def map_link_markdown(frame: MapFrame) -> str:
    """The Markdown link to the map file that marks a slot: `ui/map_frames.js` takes the map's address from its
    target and the iframe's title from its title (escaped as HTML, which Markdown decodes)."""
    title = " ".join(frame.title.splitlines())  # a blank line would end the link and start Markdown of its own
    return f'[{MAP_LINK_TEXT}]({frame.src} "{escape_text(title)}")'


def parse_map_link(markdown: str) -> tuple[str, str] | None:
    """(map file address, title) of the slot link in `markdown` (`map_link_markdown`), if it holds one."""
    found = _MAP_LINK.search(markdown)
    return (found[1], html.unescape(found[2])) if found else None


def address_key(page_path: str, query: Iterable[tuple[str, str]]) -> str | None:
    """One page address as a lookup key, or None when it cannot be one a page remembers.

    Only canonical values make a key: a page path (without the app's base path) that is a slug, and at most one
    `feature` parameter whose value is an id (a slug); Streamlit's own parameters are left out. Any other
    parameter, a repeated one, or a value that cannot be an id gives None: such an address never shows a map a
    page remembered, so nothing is kept or looked up for it (issue #16: one client with 520 addresses of 100,000
    emoji each took the server from 175 MB to 932 MB).
    """
    path = "/" + page_path.strip("/")
    if len(path) > MAX_KEY_CHARS or not _CANONICAL_PATH.fullmatch(path):
        return None
    pairs = [(k, v) for k, v in query if k not in IGNORED_QUERY_KEYS]
    if not pairs:
        return path
    if len(pairs) > 1 or pairs[0][0] != FEATURE_PARAM or not _CANONICAL_ID.fullmatch(pairs[0][1]):
        return None
    key = f"{path}?{urlencode(pairs)}"
    return key if len(key) <= MAX_KEY_CHARS else None


class RememberedMaps:
    """The map each page address showed last, in this server process: at most `limit` addresses (the least
    recently used dropped), each key at most `MAX_KEY_CHARS` and each map's address and title at most
    `MAX_FRAME_CHARS` long (larger ones are not kept)."""

    def __init__(self, limit: int = MAX_REMEMBERED) -> None:
        self._limit = limit
        self._maps: OrderedDict[str, MapFrame] = OrderedDict()
        self._lock = threading.Lock()

    def remember(self, key: str | None, frame: MapFrame) -> None:
        """Note that the page at `key` (from `address_key`) showed `frame`; nothing is kept for no key."""
        if key is None or len(key) > MAX_KEY_CHARS or len(frame.src) + len(frame.title) > MAX_FRAME_CHARS:
            return
        with self._lock:
            self._maps[key] = frame
            self._maps.move_to_end(key)
            while len(self._maps) > self._limit:
                self._maps.popitem(last=False)

    def lookup(self, key: str | None) -> MapFrame | None:
        """The map the page at `key` showed last, if any."""
        if key is None:
            return None
        with self._lock:
            frame = self._maps.get(key)
            if frame is not None:
                self._maps.move_to_end(key)
            return frame

    def __len__(self) -> int:
        return len(self._maps)

    def size_chars(self) -> int:
        """Characters held: every key, map address and title (the bound the tests check)."""
        with self._lock:
            return sum(len(k) + len(f.src) + len(f.title) for k, f in self._maps.items())


REMEMBERED_MAPS = RememberedMaps()
"""Shared by the pages' script runs (which remember) and `ui.server`'s middleware (which looks up)."""


def preload_note_html(frame: MapFrame) -> str:
    """The element that tells `ui/map_frames.js` which map to preload (every value escaped as an attribute)."""
    return (
        f'<template id="{PRELOAD_NOTE_ID}" data-src="{escape_text(frame.src)}" '
        f'data-title="{escape_text(frame.title)}" data-height="{int(frame.height)}"></template>'
    )


_FRAMES_SCRIPT_HTML = f"<script>{MAP_FRAMES_JS}\nvetaMapFrames.install();</script>"


def frames_script_html() -> str:
    """The inline script that places the maps' iframes (and takes a preloaded one), for the page's `<head>`."""
    return _FRAMES_SCRIPT_HTML
