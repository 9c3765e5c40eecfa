"""Where a selection's time goes: a pick in a region page's feature list, step by step, in the page's own clock.

    .venv/bin/python bench/pick_timeline.py [--runs 7] [--region madre-de-dios]

Starts `streamlit run serve.py` on 127.0.0.1 and, in headless Chromium, loads the region page in a fresh browser
context per run, waits until its map is fully drawn, focuses a name in the feature list (a different one each
run) and presses Enter; once that pick is shown, it picks another name the same way. For each pick, on every
animation frame, it records when each part of the selection first holds:

- the map shows the feature selected (highlighted in the map already drawn) with its popup open;
- the list marks it (`aria-current`);
- the evidence panel shows the picked feature (`.st-key-evidence-panel .veta-feature-name`);

and, from Playwright's view of the websocket, when the rerun request left and when the rerun's first and last
messages arrived. Each in seconds after Enter. bench/page_ready.py times the whole pick (all of it at once).

Prints one table of medians; `rows()` returns it for bench/run.py. Not a test: figures depend on the machine.
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

from playwright.sync_api import Browser, Locator, Page, sync_playwright  # noqa: E402

from bench.page_ready import MAP_DRAWN_JS, Row, _new_page, expected_counts, print_table, ready_at  # noqa: E402
from tests.browser.support import CHROMIUM_ARGS, MAP_IFRAME, RequestLog, chromium_path, start_streamlit, stop_process  # noqa: E402
from veta.atlas import load_atlas  # noqa: E402
from veta.layers import REGION_IDS  # noqa: E402

DEFAULT_REGION = "madre-de-dios"
PARTS_JS = """async ([selector, id]) => {
    // Seconds after now at which each part of the selection first holds (polled per animation frame, 5 s at most).
    const inMap = (test) => { const f = document.querySelector(selector); const d = f && f.contentDocument;
                              return !!d && test(d); };
    const parts = {
        map: () => inMap((d) => d.querySelector('.veta-fid-' + id + '.veta-selected') !== null
                               && d.querySelector('.leaflet-popup-content') !== null),
        list: () => document.querySelector('button.veta-pick[data-feature="' + id + '"][aria-current="true"]') !== null,
        panel: () => {
            const name = document.querySelector('.st-key-evidence-panel .veta-feature-name');
            return name !== null && name.textContent.trim() === window.__vetaPickName;
        },
    };
    const start = window.__vetaPickStart, got = {};
    while (Object.keys(got).length < Object.keys(parts).length && performance.now() - start < 5000) {
        for (const [name, holds] of Object.entries(parts)) if (!(name in got) && holds()) got[name] = (performance.now() - start) / 1000;
        await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return got;
}"""
SETTLED_JS = """() => !document.querySelector('[data-testid="stStatusWidget"]')"""
"""Streamlit shows its status widget ("Running…") while a script runs: gone, the first pick's rerun is over."""
PARTS = (
    ("request", "the rerun's request sent (websocket)"),
    ("first", "the rerun's first message received"),
    ("last", "the rerun's last message received"),
    ("map", "map: the feature selected, popup open"),
    ("list", "list: the feature marked"),
    ("panel", "evidence panel: the feature shown"),
)


def _pick(page: Page, frames: list[tuple[str, float]], button: Locator) -> dict[str, float]:
    """Press Enter on a name in the list; seconds after it for each of PARTS."""
    feature_id = button.get_attribute("data-feature")
    button.focus()
    frames.clear()
    page.evaluate(
        "(name) => { window.__vetaPickName = name; window.__vetaPickStart = performance.now(); }",
        button.inner_text().strip(),
    )
    pressed = time.perf_counter()
    button.press("Enter")
    parts = page.evaluate(PARTS_JS, [MAP_IFRAME, feature_id])
    sent = [t for kind, t in frames if kind == "sent"]
    received = [t for kind, t in frames if kind == "received"]
    if sent:
        parts["request"] = sent[0] - pressed
    if received:
        parts["first"], parts["last"] = received[0] - pressed, received[-1] - pressed
    return parts


def time_picks(
    browser: Browser, url: str, log: RequestLog, counts: tuple[int, int], index: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Two picks on a freshly loaded region page (the first after the load, then another once the first is
    shown): seconds after Enter for each of PARTS, for each pick."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = _new_page(context, log)
        frames: list[tuple[str, float]] = []
        page.on(
            "websocket",
            lambda ws: (
                ws.on("framesent", lambda _payload: frames.append(("sent", time.perf_counter()))),
                ws.on("framereceived", lambda _payload: frames.append(("received", time.perf_counter()))),
            ),
        )
        page.goto(url)
        ready_at(page, MAP_DRAWN_JS, [MAP_IFRAME, *counts])
        buttons = page.locator(".veta-feature-list tr:not([hidden]) button.veta-pick")
        buttons.first.wait_for()
        count = buttons.count()
        first = _pick(page, frames, buttons.nth(index % count))
        page.wait_for_function(SETTLED_JS)
        second = _pick(page, frames, buttons.nth((index + 1) % count))
        return first, second
    finally:
        context.close()


def rows(runs: int = 7, region: str = DEFAULT_REGION) -> list[Row]:
    """Pick `runs` times (a fresh page each time); return the table's rows."""
    if region not in REGION_IDS:
        raise ValueError(f"unknown region {region!r}: one of {', '.join(REGION_IDS)}")
    counts = expected_counts(load_atlas(), region)
    log = RequestLog()
    app_url, app = start_streamlit()
    results: list[tuple[dict[str, float], dict[str, float]]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            try:
                time_picks(browser, f"{app_url}/{region}", log, counts, 0)  # warm the server
                results = [time_picks(browser, f"{app_url}/{region}", log, counts, run) for run in range(runs)]
            finally:
                browser.close()
    finally:
        stop_process(app)
    if log.outside:
        raise RuntimeError(f"requests left 127.0.0.1: {log.outside[:5]}")
    table = []
    for which, name in ((0, "the first pick after the page loads"), (1, "a second pick")):
        for key, label in PARTS:
            values = [r[which][key] for r in results if key in r[which]]
            if values:
                spread = f"{min(values):.2f}–{max(values):.2f}"
                value = f"{statistics.median(values):.2f} s ({spread})"
                table.append(Row(f"{region}, {name} in the list: {label}", value, "", None))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="picks (medians; at least 5)")
    parser.add_argument("--region", default=DEFAULT_REGION, help="the region page to pick on")
    args = parser.parse_args()
    runs = max(5, args.runs)
    print_table(rows(runs, args.region), f"Where a pick's time goes on {args.region} (medians of {runs} picks)")


if __name__ == "__main__":
    main()
