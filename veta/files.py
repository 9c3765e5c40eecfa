"""Writing files so that readers never see half of one: to a temporary name beside the target, then renamed."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def replace_atomically(target: Path, fill: Callable[[Path], object]) -> Path:
    """Create `target` (and its folder) through `fill(temporary_path)`, then rename it into place; returns it.

    A browser, a concurrent server process or an interrupted run sees the old file or the new one, never a part.
    The file is readable by all (0644) unless `fill` sets its own mode (e.g. `shutil.copy2`).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    temporary = Path(name)
    try:
        os.chmod(temporary, 0o644)
        fill(temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target


def write_text_atomically(target: Path, text: str) -> Path:
    """Write UTF-8 text to `target` as `replace_atomically` does (newlines kept as given); returns it."""
    return replace_atomically(target, lambda path: path.write_text(text, encoding="utf-8", newline=""))
