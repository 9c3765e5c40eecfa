"""Maps as static files: a built map's HTML written once, under a name derived from its content.

The app shows a map in an iframe that loads such a file from Streamlit's static folder, so the browser fetches
the map (and Leaflet, jQuery) directly and in parallel, caches it, and the map never travels over the
websocket. The name holds a hash of the content: the same map always has the same name (any number of sessions
and server processes share one file), a changed map gets a new one, and a file, once written, never changes.
A map in another language than English also has its language in its name and hash (`choco-es-<hash>.html`), so
an English and a Spanish map never share a file.
"""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

from veta.files import write_text_atomically
from veta.i18n import DEFAULT_LANGUAGE, LANGUAGES, current_language

MAPS_DIRNAME = "maps"
"""The folder under the static folder that holds the written maps (git-ignored, safe to delete when stopped)."""
HASH_CHARS = 16
STEM = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What a file name's readable part may be: lower-case words joined by hyphens, like the ids."""


def map_filename(stem: str, html: str, language: str | None = None) -> str:
    """`<stem>-<first 16 hex digits of the SHA-256 of html>.html` for an English map; for a map in another
    `language` (default: the current one), `<stem>-<language>-<hash of the language and html>.html`."""
    return _map_filename(stem, html, language or current_language())


@functools.lru_cache(maxsize=256)
def _map_filename(stem: str, html: str, language: str) -> str:
    """Memoised: the app asks for the same cached map's name on every script run, and a string keeps its hash, so
    a repeated call costs a lookup instead of hashing ~200 KB again."""
    if not STEM.fullmatch(stem):
        raise ValueError(f"not a map file stem: {stem!r}")
    if language not in LANGUAGES:
        raise ValueError(f"not a language Veta speaks: {language!r}")
    if language == DEFAULT_LANGUAGE:
        return f"{stem}-{hashlib.sha256(html.encode('utf-8')).hexdigest()[:HASH_CHARS]}.html"
    digest = hashlib.sha256(f"{language}\n{html}".encode()).hexdigest()[:HASH_CHARS]
    return f"{stem}-{language}-{digest}.html"


def write_map_file(html: str, directory: Path, stem: str, language: str | None = None) -> str:
    """Write the map's HTML into `directory` (unless already there) and return the file's name (`map_filename`:
    the map's `language`, by default the current one, is part of it).

    The file appears complete or not at all (written beside it, then renamed), so a browser or another server
    process never reads half a map.
    """
    name = map_filename(stem, html, language)
    target = directory / name
    if target.is_file():
        return name
    write_text_atomically(target, html)
    return name
