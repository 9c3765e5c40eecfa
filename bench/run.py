"""`make bench`: run Veta's benchmarks and print their figures as one Markdown table.

    .venv/bin/python bench/run.py [--runs 7]

Each benchmark module in BENCHMARKS exposes `rows(runs) -> list[Row]` (see bench/page_ready.py); this script
runs them in turn and prints a single table: page-ready times per page against the empty-page and
static-export baselines, map bytes, rerun cost (page_ready), where a region page's time goes (timeline), cold
start (cold_start) and classroom load (classroom). To add a benchmark, give it a `rows` function and list it here.
Not a test: the figures depend on the machine; docs/performance.md records them with the machine they came from.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
for folder in (BENCH_DIR, BENCH_DIR.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

BENCHMARKS: tuple[str, ...] = ("page_ready", "timeline", "pick_timeline", "cold_start", "classroom")
"""Modules of bench/ with a `rows(runs)` function, run in this order."""


def machine() -> str:
    """One line describing where the figures come from."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs, load average {load}"


def main() -> None:
    parser = argparse.ArgumentParser(description="Run Veta's benchmarks and print one table.")
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (medians; at least 5)")
    args = parser.parse_args()
    runs = max(5, args.runs)
    print(f"Machine: {machine()}")
    table = []
    for name in BENCHMARKS:
        table.extend((name, row) for row in importlib.import_module(name).rows(runs))
    print(f"\n| benchmark | measure | median of {runs} runs unless stated | target | ok |")
    print("|---|---|---|---|---|")
    for name, row in table:
        verdict = "" if row.ok is None else ("yes" if row.ok else "**no**")
        print(f"| {name} | {row.measure} | {row.value} | {row.target} | {verdict} |")
    print(f"\nMachine after the run: load average {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
