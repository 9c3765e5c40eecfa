"""A three-student run of the classroom benchmark (`bench/classroom.py`), so that it keeps working.

Over Streamlit's websocket protocol only (no Chromium): a fresh server, three real sessions, each opening a
region page, the reader and a search. About 10 s.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from veta.paths import PROJECT_DIR


def test_three_students_get_map_passages_and_search(tmp_path: Path) -> None:
    out = tmp_path / "classroom.json"
    result = subprocess.run(
        [sys.executable, "bench/classroom.py", "--sessions", "3", "--browsers", "0", "--json", str(out)],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(out.read_text("utf-8"))
    assert figures["errors"] == [] and figures["sessions"] == 3
    for student in figures["students"]:
        assert all(isinstance(student[key], float) for key in ("map_s", "reader_s", "search_s")), student
    assert {s["region"] for s in figures["students"]} == {"choco", "madre-de-dios", "kachin"}
    rss = figures["server_rss_mb"]
    assert 0 < rss["before"] <= rss["peak"] < 2000, rss
