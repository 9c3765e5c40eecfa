"""Reading one of Veta's JSON data files safely, and the size limits the validator enforces.

Every data file is read through `read_json_file`: a file too large, not UTF-8, not JSON or nested too deeply
becomes a `DataFileError` whose message says what is wrong, never a traceback. The limits are far above what
the shipped data needs (the largest file is ~0.2 MB, the largest layer 26 features, the longest text ~600
characters) and far below what would make a map too heavy to send to a class (20,000 features made a 55 MB
map).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 8 * 1024 * 1024
"""A data file (GeoJSON, JSON, the seed) may be at most 8 MiB."""
MAX_FEATURES_PER_FILE = 500
"""A GeoJSON file (a layer, the regions, the basemap context) may hold at most 500 features."""
MAX_ID_CHARS = 80
"""A feature, tour, term or resource id may be at most 80 characters."""
MAX_TEXT_CHARS = 10_000
"""A text value (name, summary, note, caveat, quote, …) may be at most 10,000 characters."""
MAX_NESTING = 32
"""JSON may nest at most 32 levels of arrays and objects (a MultiPolygon feature needs 8)."""


class DataFileError(Exception):
    """A data file that cannot be read as JSON; the message says why (without the file, which the caller names)."""


def nesting_depth(value: object, limit: int = MAX_NESTING) -> int:
    """How many levels of lists and dicts `value` nests (0 for a scalar), counted without recursion; counting
    stops once it passes `limit`."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth) for child in children)
    return deepest


def longest_text(value: object) -> int:
    """The length of the longest string (value or key) anywhere in `value`, counted without recursion."""
    longest = 0
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            longest = max(longest, len(item))
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return longest


def read_json_file(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """The parsed content of a JSON file; `FileNotFoundError` if it is missing, `DataFileError` if it cannot be
    read, is larger than `max_bytes`, is not JSON or nests deeper than `MAX_NESTING`."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise
    except OSError as error:
        raise DataFileError(f"cannot read file ({error.strerror or error})") from error
    if size > max_bytes:
        raise DataFileError(f"file too large: {size:,} bytes (at most {max_bytes:,})")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(f"cannot read file ({error})") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataFileError(f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") from error
    except RecursionError as error:
        raise DataFileError(f"JSON nested too deeply (at most {MAX_NESTING} levels)") from error
    except ValueError as error:  # e.g. a number with more digits than Python converts
        raise DataFileError(f"not valid JSON: {error}") from error
    if nesting_depth(data) > MAX_NESTING:
        raise DataFileError(f"JSON nested too deeply (at most {MAX_NESTING} levels)")
    return data
