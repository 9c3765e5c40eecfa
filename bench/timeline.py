"""Where a region page's load time goes: milestones in the page's own clock, against the empty page's.

    .venv/bin/python bench/timeline.py [--runs 7] [--region kachin]

Starts `streamlit run serve.py` and the reference app (`bench/baseline_serve.py`, its empty page at `/`) on
127.0.0.1 and loads, in headless Chromium, the empty page and the region page in turn, each in a fresh browser
context. In the page's own clock (`performance.now()` from navigation start) it records:

- `DOMContentLoaded`: Streamlit's own scripts have run;
- the first and the last websocket message received before the page was ready;
- the title (`h1`) on screen: Streamlit's first commit of the run's elements;
- (region page) when the map's iframe was created (offscreen, when the page preloads its map; else in its element),
  when the map file and then `leaflet.js` had arrived in it (its resource timings, moved into the page's clock),
  when the map's element (ui/map_display.js) was rendered and when the iframe was in it;
- ready: the empty page's title shown with its script finished; the region map fully drawn (the condition of
  bench/page_ready.py).

Then, in separate loads with Chromium's tracing on (tracing slows a page a little, so those loads are not
timed), the main thread's busy time from navigation start until ready: the sum of the renderer main thread's
tasks, the same-origin map iframe included. It says how much of the wait is work on that one thread.

Prints one table of medians; `rows()` returns it for bench/run.py. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from bench.page_ready import (  # noqa: E402
    BASELINE_SHOWN_JS,
    MAP_DRAWN_JS,
    VIEWPORT,
    Row,
    _new_page,
    expected_counts,
    print_table,
    ready_at,
)
from tests.browser.support import CHROMIUM_ARGS, MAP_IFRAME, RequestLog, chromium_path, start_streamlit, stop_process  # noqa: E402
from veta.atlas import load_atlas  # noqa: E402
from veta.layers import REGION_IDS  # noqa: E402

DEFAULT_REGION = "kachin"
TRACED_LOADS = 3
TASK_EVENTS = {"RunTask", "ThreadControllerImpl::RunTask"}
"""Names of a task on a thread in Chromium's traces (the second with the `toplevel` category)."""
MILESTONES_JS = """
window.__vetaTimeline = {ws: [], title: null, iframe: null, slot: null, placed: null};
(() => {
    const mark = () => performance.now();
    const Native = window.WebSocket;
    window.WebSocket = function (...args) {
        const socket = new Native(...args);
        socket.addEventListener('message', () => window.__vetaTimeline.ws.push(mark()));
        return socket;
    };
    window.WebSocket.prototype = Native.prototype;
    Object.assign(window.WebSocket, Native);
    new MutationObserver(() => {
        const t = window.__vetaTimeline;
        if (t.title === null && document.querySelector('h1')) t.title = mark();
        if (t.iframe === null && document.querySelector('iframe[src*="/app/static/maps/"]')) t.iframe = mark();
        if (t.slot === null && document.querySelector('div.veta-map-display')) t.slot = mark();
        if (t.placed === null && document.querySelector('div.veta-map-display > iframe')) t.placed = mark();
    }).observe(document, {subtree: true, childList: true});
})();
"""
"""Installed before any page script: records websocket messages, the title, the map's iframe and its slot as they
come."""
COLLECT_JS = """(ready) => {
    const t = window.__vetaTimeline;
    const nav = performance.getEntriesByType('navigation')[0];
    const before = t.ws.filter((x) => x <= ready);
    const out = {dcl: nav.domContentLoadedEventEnd, wsFirst: before[0] ?? null, wsLast: before.at(-1) ?? null,
                 title: t.title, iframe: t.iframe, slot: t.slot, placed: t.placed,
                 mapFile: null, leaflet: null};
    const frame = document.querySelector('iframe[src*="/app/static/maps/"]');
    if (frame && frame.contentWindow) {
        const inner = frame.contentWindow.performance;
        const shift = inner.timeOrigin - performance.timeOrigin;
        const doc = inner.getEntriesByType('navigation')[0];
        const lib = inner.getEntriesByType('resource').find((r) => r.name.endsWith('/leaflet.js'));
        out.mapFile = doc ? doc.responseEnd + shift : null;
        out.leaflet = lib ? lib.responseEnd + shift : null;
    }
    return out;
}"""
MILESTONES: tuple[tuple[str, str], ...] = (
    ("dcl", "Streamlit's scripts run (`DOMContentLoaded`)"),
    ("wsFirst", "first websocket message"),
    ("title", "title on screen (first commit of the run's elements)"),
    ("iframe", "the map's iframe created (preloaded offscreen, or in its element)"),
    ("mapFile", "map file loaded (in the iframe)"),
    ("leaflet", "`leaflet.js` loaded (in the iframe)"),
    ("slot", "the map's element rendered"),
    ("placed", "the map's iframe in its element"),
    ("wsLast", "last websocket message before ready"),
    ("ready", "ready (empty page: title shown, script idle; region page: map fully drawn)"),
)


def load_milestones(browser: Browser, url: str, log: RequestLog, ready: str, arg: object) -> dict[str, float | None]:
    """One load of `url` in a fresh context: each milestone in ms of the page's clock (None: not reached)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        context.add_init_script(MILESTONES_JS)
        page = _new_page(context, log)
        page.goto(url, wait_until="commit")
        ready_ms = ready_at(page, ready, arg) * 1000
        marks = page.evaluate(COLLECT_JS, ready_ms)
        marks["ready"] = ready_ms
        return marks
    finally:
        context.close()


def main_thread_busy_ms(trace: dict, ready_ms: float) -> float:
    """Milliseconds the page's renderer main thread spent in tasks from navigation start until `ready_ms`."""
    events = trace["traceEvents"]
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("name") == "thread_name" and e.get("args", {}).get("name") == "CrRendererMain"
    }
    navigations = [
        e
        for e in events
        if e.get("name") == "navigationStart"
        and (e["pid"], e["tid"]) in main
        and e.get("args", {}).get("data", {}).get("documentLoaderURL", "").startswith("http")
        and e["args"]["data"].get("isOutermostMainFrame")
    ]
    if not navigations:
        raise RuntimeError("the trace has no navigationStart of the page on a renderer main thread")
    first = min(navigations, key=lambda e: e["ts"])
    thread = (first["pid"], first["tid"])  # the page's own renderer (its same-origin map iframe runs there too)
    start = first["ts"]
    end = start + ready_ms * 1000
    tasks = sorted(
        (e["ts"], e["ts"] + e.get("dur", 0))
        for e in events
        if e.get("name") in TASK_EVENTS and e.get("ph") == "X" and (e["pid"], e["tid"]) == thread
    )
    busy, covered = 0.0, start  # the union of the task intervals within [start, end]: nested tasks count once
    for task_start, task_end in tasks:
        lo, hi = max(task_start, covered), min(task_end, end)
        if hi > lo:
            busy += hi - lo
            covered = hi
    return busy / 1000


def traced_busy(browser: Browser, page_url: str, log: RequestLog, ready: str, arg: object) -> float:
    """One traced load: the main thread's busy milliseconds until ready."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page: Page = _new_page(context, log)
        browser.start_tracing(page=page, categories=["toplevel", "devtools.timeline", "blink.user_timing"])
        try:
            page.goto(page_url, wait_until="commit")
            ready_ms = ready_at(page, ready, arg) * 1000
        finally:
            trace = json.loads(browser.stop_tracing())
        return main_thread_busy_ms(trace, ready_ms)
    finally:
        context.close()


def _ms(values: list[float | None]) -> str:
    measured = [v for v in values if v is not None]
    if not measured:
        return "—"
    text = f"{statistics.median(measured) / 1000:.2f} s"
    return text if len(measured) == len(values) else f"{text} ({len(measured)} of {len(values)} loads)"


def rows(runs: int = 7, region: str = DEFAULT_REGION) -> list[Row]:
    """Load the empty page and the region page `runs` times each (interleaved); return the table's rows."""
    if region not in REGION_IDS:
        raise ValueError(f"unknown region {region!r}: one of {', '.join(REGION_IDS)}")
    atlas = load_atlas()
    counts = expected_counts(atlas, region)
    log = RequestLog()
    app_url, app = start_streamlit()
    try:
        base_url, base = start_streamlit("bench/baseline_serve.py")
    except BaseException:
        stop_process(app)
        raise
    pages = {
        "empty": (base_url + "/", BASELINE_SHOWN_JS, None),
        region: (f"{app_url}/{region}", MAP_DRAWN_JS, [MAP_IFRAME, *counts]),
    }
    marks: dict[str, list[dict]] = {name: [] for name in pages}
    busy: dict[str, list[float]] = {name: [] for name in pages}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                for url, ready, arg in pages.values():  # warm both servers
                    load_milestones(browser, url, log, ready, arg)
                for run in range(runs):
                    order = list(pages) if run % 2 == 0 else list(pages)[::-1]
                    for name in order:
                        url, ready, arg = pages[name]
                        marks[name].append(load_milestones(browser, url, log, ready, arg))
                for _ in range(TRACED_LOADS):
                    for name, (url, ready, arg) in pages.items():
                        busy[name].append(traced_busy(browser, url, log, ready, arg))
            finally:
                browser.close()
    finally:
        stop_process(app)
        stop_process(base)
    if log.outside:
        raise RuntimeError(f"requests left 127.0.0.1: {log.outside[:5]}")
    table = []
    for key, label in MILESTONES:
        for name in pages:
            values = [m.get(key) for m in marks[name]]
            if any(v is not None for v in values):
                table.append(Row(f"{name}: {label}", _ms(values), "", None))
    for name in pages:
        table.append(
            Row(
                f"{name}: main thread busy until ready (traced loads, median of {TRACED_LOADS})",
                f"{statistics.median(busy[name]) / 1000:.2f} s",
                "",
                None,
            )
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="loads of each page (medians; at least 5)")
    parser.add_argument("--region", default=DEFAULT_REGION, help="the region page to break down")
    args = parser.parse_args()
    runs = max(5, args.runs)
    print_table(rows(runs, args.region), f"Where the {args.region} page's time goes (medians of {runs} loads)")


if __name__ == "__main__":
    main()
