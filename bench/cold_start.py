"""Cold start: from `streamlit run serve.py` (what `make run` starts) to the first region page with its map fully drawn.

    .venv/bin/python bench/cold_start.py [--runs 3]

Each run starts a new server on 127.0.0.1 (nothing built or cached yet), waits for it, opens `/kachin` in a
fresh browser context of an already running headless Chromium and waits until the map is fully drawn (the
same condition as bench/page_ready.py: outline, basemap, every feature path and marker in the map's
iframe). The time runs from the moment the server process is started to that moment; the server is then
stopped. Median of ≥ 3 server starts. `rows()` returns the figures for bench/run.py.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from page_ready import Row, expected_counts, map_drawn, print_table, time_load  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.support import CHROMIUM_ARGS, RequestLog, chromium_path, start_streamlit, stop_process  # noqa: E402
from veta.atlas import load_atlas  # noqa: E402
from veta.layers import REGION_IDS  # noqa: E402

PAGE = "kachin"


def cold_starts(starts: int) -> list[tuple[float, float]]:
    """(seconds from process start until healthy, seconds until the first page's map is drawn), per start."""
    assert PAGE in REGION_IDS
    counts = expected_counts(load_atlas(), PAGE)
    log = RequestLog()
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            for _ in range(starts):
                started = time.monotonic()
                url, process = start_streamlit()
                try:
                    healthy = time.monotonic() - started
                    time_load(browser, f"{url}/{PAGE}", log, map_drawn(counts))
                    results.append((healthy, time.monotonic() - started))
                finally:
                    stop_process(process)
        finally:
            browser.close()
    if log.outside:
        raise SystemExit(f"requests left 127.0.0.1: {log.outside[:5]}")
    return results


def rows(runs: int = 7) -> list[Row]:
    """Median of max(3, runs // 2) cold starts."""
    starts = max(3, runs // 2)
    results = cold_starts(starts)
    healthy = statistics.median(r[0] for r in results)
    drawn = statistics.median(r[1] for r in results)
    return [
        Row(f"server start → healthy (median of {starts} starts)", f"{healthy:.2f} s", "", None),
        Row(f"server start → `/{PAGE}` map fully drawn (median of {starts} starts)", f"{drawn:.2f} s", "", None),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="server starts (median reported; at least 3)")
    args = parser.parse_args()
    print_table(rows(max(3, args.runs) * 2), "Cold start")


if __name__ == "__main__":
    main()
