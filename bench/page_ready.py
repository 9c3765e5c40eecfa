"""How fast each page is ready, against an empty page and the static export; map size; what a rerun costs.

    .venv/bin/python bench/page_ready.py [--runs 7]

Starts two servers on 127.0.0.1: `streamlit run serve.py` (Veta as `make run` serves it, the shipped data)
and `streamlit run bench/baseline_serve.py` (the reference app `bench/baseline_app.py`, served the same way:
an empty page at `/`, and at `/map?region=<id>` a page with only the region's map and one unrelated text box),
both from the project folder so both read the same config, and writes the static classroom pack (`veta.export_html.export_pack`) into a temporary folder: the
second baseline, the same region maps opened from `file://` with no server. Then, in headless Chromium, for
each run (a fresh browser context each time, so nothing is cached in the browser) it measures, from navigation
start, in the page's own clock (`performance.now()` at the first animation frame where the condition holds, the
same polling for every page):

- baseline: until the empty page's title is on screen and the script has finished;
- each region page, and the map-only page: until the map is fully drawn — its iframe is in its slot in the page
  (not still preloading offscreen, see ui/internals.js), the map is fitted to the frame's size (it says so:
  `data-veta-fitted`), and the region outline, every basemap/line path and every feature marker are in the
  frame's DOM (counts computed from the data);
- each region page again at an address the server has not shown (a never-used query parameter, which the page
  ignores): no map to preload, the map is placed when its slot appears;
- each region page of the static export: until its map is fully drawn, same counts, in the page itself;
- the overview `/` until its map has every region's outline and marker; the reader `/passages` until its first
  passage is in the DOM;
- the bytes the page received over Streamlit's websocket (the map travels inside it), and the size of the
  region's map HTML as built by `veta.maps` (budget 250 KB);
- a widget change that does not alter the map: on the map-only page, typing into its unrelated text box: how
  long the rerun takes as the page's websocket sees it (from the message asking for the run until the server's
  `script_finished`: the script run plus local message latency), and the websocket bytes received
  meanwhile (a resent map would be ~100–200 KB); on the region page, searching the feature list, which is
  filtered in the browser: the time from the keystroke until the filtered rows are painted, the websocket
  messages sent meanwhile and within 0.5 s after (none: no script run), and the bytes received;
- on the region page, picking a feature in the list (Enter on its name): the time until the map with that
  feature selected is fully drawn and the evidence panel shows it (a rerun and a new map, by design).

Every server is warmed once first (one page load each), so the medians describe a running server, not the
first visit after start-up. Prints one table; `rows()` returns it for bench/run.py.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from playwright.sync_api import BrowserContext, Page, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from tests.browser.support import (  # noqa: E402
    CHROMIUM_ARGS,
    MAP_IFRAME,
    RequestLog,
    chromium_path,
    start_streamlit,
    stop_process,
)
from veta.assets import configure_folium_offline  # noqa: E402
from veta.atlas import load_atlas  # noqa: E402
from veta.export_html import export_pack, region_filename  # noqa: E402
from veta.layers import REGION_IDS  # noqa: E402
from veta.maps import MAX_REGION_MAP_BYTES, build_region_map, map_html  # noqa: E402
from veta.model import Atlas  # noqa: E402

TARGET_RATIO = 1.3
TARGET_PUBLIC_RATIO = 1.5
TARGET_SELECT_S = 0.4
TARGET_STEP_S = 0.6
STEP_TOUR = "water-and-mercury"
TARGET_RERUN_S = 0.15
TIMEOUT_MS = 60_000
RERUN_TIMEOUT_MS = 15_000
SEARCH_LABEL = "Search names, summaries and quotes"
"""The region page's feature-list search box (filters in the browser; the map stays)."""
SEARCH_WORD = "river"
QUIET_AFTER_S = 0.5
"""How long after a browser-side search the page must send nothing to the server to count as 'no rerun'."""
VIEWPORT = {"width": 1400, "height": 1000}
SCRIPT_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


@dataclass(frozen=True)
class Row:
    """One line of the printed table."""

    measure: str
    value: str
    target: str
    ok: bool | None  # None: no target


def expected_counts(atlas: Atlas, region_id: str) -> tuple[int, int]:
    """(feature paths, feature markers) the region's map must have once drawn: its features with a place of their
    own (a region-wide statement has none: the map lists it, or marks the region, however it chooses)."""
    paths = markers = 0
    for feature in atlas.features_in(region_id):
        if feature.precision == "region" or feature.geometry is None:
            continue
        if feature.geometry.geom_type in ("Point", "MultiPoint"):
            markers += len(getattr(feature.geometry, "geoms", [feature.geometry]))
        else:
            paths += 1
    return paths, markers


class WsCounter:
    """Bytes received and messages sent over the page's websockets, and requests for map files."""

    def __init__(self, page: Page) -> None:
        self.received = 0
        self.sent_at: list[float] = []
        self.map_files = 0
        self.socket = None
        page.on("websocket", self._attach)
        page.on("request", self._request)

    def _request(self, request) -> None:  # noqa: ANN001 - playwright Request
        if "/app/static/maps/" in request.url:
            self.map_files += 1

    def _attach(self, ws) -> None:  # noqa: ANN001 - playwright WebSocket
        if "/_stcore/stream" in ws.url:
            self.socket = ws
        ws.on("framereceived", self._frame)
        ws.on("framesent", self._sent)

    def _frame(self, payload: str | bytes) -> None:
        self.received += len(payload)

    @property
    def sent(self) -> int:
        """Messages sent to the server so far."""
        return len(self.sent_at)

    def _sent(self, payload: str | bytes) -> None:
        self.sent_at.append(time.perf_counter())


def _allowed(url: str, log: RequestLog) -> bool:
    """A request may go ahead: the static export's own files (file://), or anything RequestLog allows."""
    return url.startswith("file://") or log.check(url)


def _new_page(context: BrowserContext, log: RequestLog) -> Page:
    # Requests are watched, not intercepted: routing every request through Playwright delays each one by a
    # round trip to this process, which would weigh on the pages with many requests (a region page loads about
    # a hundred of Streamlit's script chunks) more than on the empty page. A request that leaves 127.0.0.1 is
    # still recorded, and fails the benchmark (see `rows`); Chromium runs offline anyway (CHROMIUM_ARGS).
    context.on("request", lambda request: _allowed(request.url, log))
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


def _fresh(url: str) -> str:
    """`url` with its `{visit}` placeholder, if any, filled with a value never used before."""
    return url.replace("{visit}", uuid.uuid4().hex)


def time_baseline(browser, url: str, log: RequestLog) -> tuple[float, float]:  # noqa: ANN001
    """(seconds from navigation start until the empty page is shown and idle, seconds of a rerun of it)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = _new_page(context, log)
        ws = WsCounter(page)
        page.goto(url, wait_until="commit")
        ready = ready_at(page, BASELINE_SHOWN_JS)  # its condition includes the script being idle
        return ready, _time_rerun(page, ws)
    finally:
        context.close()


def ready_at(page: Page, predicate_js: str, arg: object = None, timeout_ms: float = TIMEOUT_MS) -> float:
    """Seconds from navigation start until `predicate_js(arg)` first holds, in the page's own clock.

    Every page's condition is polled on each animation frame and timed by the page itself at the frame it first
    holds, so the empty page, the maps and the reader are all measured alike, with no round trip to this process
    in the figure (a locator's wait, polled at growing intervals, could add up to a few hundred ms).
    """
    timed = f"(arg) => {{ const holds = ({predicate_js})(arg); return holds ? performance.now() : false; }}"
    handle = page.wait_for_function(timed, arg=arg, polling="raf", timeout=timeout_ms)
    return handle.json_value() / 1000


def time_load(browser, url: str, log: RequestLog, ready: Callable[[Page], float]) -> float:  # noqa: ANN001
    """Seconds from navigation start until the page is ready as `ready(page)` says (it returns that time), in a
    fresh browser context."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = _new_page(context, log)
        page.goto(url, wait_until="commit")
        return ready(page)
    finally:
        context.close()


def map_drawn(counts: tuple[int, int], selector: str | None = MAP_IFRAME) -> Callable[[Page], float]:
    """When a region map is fully drawn: in the iframe `selector`, or in the page itself (None)."""
    return lambda page: ready_at(page, MAP_DRAWN_JS, [selector, *counts])


def overview_drawn(page: Page) -> float:
    """When the overview's map has every region's outline and marker."""
    return ready_at(page, OVERVIEW_DRAWN_JS, [MAP_IFRAME, len(REGION_IDS)])


def passages_shown(page: Page) -> float:
    """When the reader shows its first passage."""
    return ready_at(page, PASSAGES_SHOWN_JS)


BASELINE_SHOWN_JS = """() => !!document.querySelector('h1')?.textContent.includes('Baseline')
    && !!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')"""
"""The empty page is shown: its title is on screen and its script has finished."""
PASSAGES_SHOWN_JS = "() => document.querySelector('article.veta-passage#p1') !== null"


def _time_rerun(page: Page, ws: WsCounter, label: str = "Unrelated widget") -> float:
    """Seconds the rerun caused by typing into the text box `label` takes, as the page's websocket sees it: from
    the message that asks for the run until the server's `script_finished` arrives (the script run plus local
    message latency, both ends stamped by the same listener).

    NaN if no finished run was seen within RERUN_TIMEOUT_MS (counted and reported, never silently dropped). The
    app's `data-test-script-state` is not used: a run this short can be over before React renders "running".
    """
    if ws.socket is None:
        return math.nan
    box = page.get_by_label(label)
    box.fill("river")
    sent_before = ws.sent
    finished_at: list[float] = []

    def finished(payload: str | bytes) -> bool:
        message = ForwardMsg()
        if isinstance(payload, bytes):
            message.ParseFromString(payload)
        if message.WhichOneof("type") == "script_finished":
            finished_at.append(time.perf_counter())
            return True
        return False

    try:
        with ws.socket.expect_event("framereceived", predicate=finished, timeout=RERUN_TIMEOUT_MS):
            box.press("Enter")
    except PlaywrightTimeoutError:
        return math.nan
    if ws.sent == sent_before:
        return math.nan
    return finished_at[0] - ws.sent_at[sent_before]  # the first message after Enter: the rerun request


MAP_DRAWN_JS = """([selector, paths, markers]) => {
    const frame = selector ? document.querySelector(selector) : null;
    const doc = selector ? frame && frame.contentDocument : document;
    if (!doc) return false;
    const map = doc.querySelector('.leaflet-container');
    return map !== null && map.dataset.vetaFitted === map.clientWidth + 'x' + map.clientHeight
        && doc.querySelectorAll('path.veta-outline').length === 1
        && doc.querySelectorAll('path.veta-context').length > 0
        && doc.querySelectorAll('path.veta-feature').length >= paths
        && doc.querySelectorAll('.veta-marker.veta-feature').length >= markers;
}"""


OVERVIEW_DRAWN_JS = """([selector, regions]) => {
    const frame = document.querySelector(selector);
    const doc = frame && frame.contentDocument;
    if (!doc) return false;
    const map = doc.querySelector('.leaflet-container');
    return map !== null && map.dataset.vetaFitted === map.clientWidth + 'x' + map.clientHeight
        && doc.querySelectorAll('path.veta-outline').length >= regions
        && doc.querySelectorAll('.veta-marker.veta-region-marker').length >= regions;
}"""
"""The overview map is drawn: every region's outline and its marker are in the map iframe's DOM.
MAP_DRAWN_JS: with a null selector it looks in the top document (the static export's page, no iframe)."""


SEARCH_IN_BROWSER_JS = """async ([label, word]) => {
    const box = [...document.querySelectorAll('input[type="search"]')].find((el) => el.labels?.[0]?.textContent.trim() === label
        || el.getAttribute('aria-label') === label);
    if (!box) throw new Error('no search box labelled ' + label);
    const start = performance.now();
    box.value = word;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return (performance.now() - start) / 1000;
}"""
"""Search the feature list as typing does (an input event) and time until the filtered rows are painted."""


def time_region(
    browser, url: str, counts: tuple[int, int], log: RequestLog, label: str
) -> tuple[float, int, float, int, int, float, int, int]:  # noqa: ANN001
    """(seconds to map drawn, websocket bytes of the load, seconds of the widget change, websocket bytes
    received during it, websocket messages sent during it, seconds to pick a feature and see it drawn, map
    files requested during the widget change, map files requested during the pick).

    The widget change: the map-only page's unrelated text box (a rerun); the region page's feature-list search
    (in the browser: no message may be sent). Picking is timed on the region page only (NaN elsewhere).
    """
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = _new_page(context, log)
        ws = WsCounter(page)
        page.goto(url, wait_until="commit")
        ready = ready_at(page, MAP_DRAWN_JS, [MAP_IFRAME, *counts])
        page.locator(SCRIPT_IDLE).wait_for()
        load_bytes = ws.received

        received, sent, maps = ws.received, ws.sent, ws.map_files
        if label == SEARCH_LABEL:
            # The list is a lazily loaded element: with the map preloaded, it can come after the map.
            page.locator('.veta-feature-list input[type="search"]').wait_for()
            change = page.evaluate(SEARCH_IN_BROWSER_JS, [label, SEARCH_WORD])
            page.wait_for_timeout(QUIET_AFTER_S * 1000)  # a window in which a rerun request would have been sent
        else:
            change = _time_rerun(page, ws, label)
            page.locator(SCRIPT_IDLE).wait_for()
        changed = (ws.received - received, ws.sent - sent, ws.map_files - maps)
        before = ws.map_files
        pick = _time_pick(page) if label == SEARCH_LABEL else math.nan
        return ready, load_bytes, change, changed[0], changed[1], pick, changed[2], ws.map_files - before
    finally:
        context.close()


def _time_pick(page: Page) -> float:
    """Seconds from pressing Enter on the first name the search left until the map shows that feature selected
    (highlighted in the map already drawn when the map handles `veta:select`, else in a new map file), its
    popup open, the list marks it and the evidence panel shows it."""
    button = page.locator(".veta-feature-list tr:not([hidden]) button.veta-pick").first
    feature_id = button.get_attribute("data-feature")
    button.focus()
    start = page.evaluate("performance.now()")
    button.press("Enter")
    page.wait_for_function(PICKED_JS, arg=[MAP_IFRAME, feature_id], polling="raf", timeout=TIMEOUT_MS)
    return (page.evaluate("performance.now()") - start) / 1000


PICKED_JS = """([selector, id]) => {
    const frame = document.querySelector(selector);
    const doc = frame && frame.contentDocument;
    return !!doc && doc.querySelector('path.veta-outline') !== null
        && doc.querySelector('.veta-fid-' + id + '.veta-selected') !== null
        && doc.querySelector('.leaflet-popup-content') !== null
        && document.querySelector('button.veta-pick[data-feature="' + id + '"][aria-current="true"]') !== null
        && document.querySelector('.st-key-evidence-panel .veta-feature-name') !== null;
}"""


def _median(values: list[float]) -> float:
    """The median of the values that were measured (NaN: a rerun that was not seen); NaN if none was."""
    measured = [v for v in values if not math.isnan(v)]
    return statistics.median(measured) if measured else math.nan


VARIANTS = ("region page", "map only")
"""What is timed per region: Veta's region page, and the reference app's page with nothing but the map."""
LABELS = {"region page": SEARCH_LABEL, "map only": "Unrelated widget"}
"""The text box typed into for the rerun, per variant."""


def rows(runs: int = 7) -> list[Row]:
    """Run the benchmark and return the table's rows."""
    atlas = load_atlas()
    configure_folium_offline()
    map_bytes = {r: len(map_html(build_region_map(atlas, r)).encode("utf-8")) for r in REGION_IDS}
    counts = {r: expected_counts(atlas, r) for r in REGION_IDS}
    log = RequestLog()
    pack = tempfile.TemporaryDirectory(prefix="veta-bench-pack-")
    export_pack(atlas, Path(pack.name))  # the static export's baseline: the same maps, opened from file://
    app_url, app = start_streamlit()
    base_url, base = start_streamlit("bench/baseline_serve.py")
    public_url, public = start_streamlit("app.py")
    urls = {
        (r, v): f"{app_url}/{r}" if v == "region page" else f"{base_url}/map?region={r}"
        for r in REGION_IDS
        for v in VARIANTS
    }
    # pages timed only until ready: the static export's region pages, the overview and the reader
    loads: dict[str, tuple[str, Callable[[Page], object]]] = {
        f"static:{r}": (
            (Path(pack.name) / region_filename(r)).as_uri(),
            map_drawn(counts[r], None),
        )
        for r in REGION_IDS
    }
    for r in REGION_IDS:  # an address this server has not shown: nothing to preload (a new parameter, ignored)
        loads[f"unseen:{r}"] = (f"{app_url}/{r}?visit={{visit}}", map_drawn(counts[r]))
    for r in REGION_IDS:  # the public path alone: `streamlit run app.py` (no middleware, nothing preloaded)
        loads[f"public:{r}"] = (f"{public_url}/{r}", map_drawn(counts[r]))
    loads["overview"] = (f"{app_url}/", overview_drawn)
    loads["reader"] = (f"{app_url}/passages", passages_shown)
    samples: dict[tuple[str, str], list[tuple[float, int, float, int, int, float, int, int]]] = {k: [] for k in urls}
    load_samples: dict[str, list[float]] = {k: [] for k in loads}
    baseline: list[tuple[float, float]] = []
    step_samples: list[tuple[float, int]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            # warm both servers: first visits build and cache the maps and import everything. A server's first
            # deep-linked session can show Streamlit's spurious "Page not found" dialog (see the field notes),
            # which may swallow the rerun's key press: a warm-up that fails is reported and not counted.
            for warm_up in (
                [lambda: time_baseline(browser, base_url, log)]
                + [
                    (lambda u=url, c=counts[region_id], v=variant: time_region(browser, u, c, log, LABELS[v]))
                    for (region_id, variant), url in urls.items()
                ]
                + [(lambda u=url, w=wait: time_load(browser, _fresh(u), log, w)) for url, wait in loads.values()]
                + [lambda: time_tour_step(browser, app_url, log)]
            ):
                try:
                    warm_up()
                except PlaywrightTimeoutError as error:
                    print(f"warm-up: {str(error).splitlines()[0]}", file=sys.stderr)
            for _ in range(runs):  # interleaved: every page once per run, so load changes hit all alike
                baseline.append(time_baseline(browser, base_url, log))
                for (region_id, variant), url in urls.items():
                    samples[(region_id, variant)].append(
                        time_region(browser, url, counts[region_id], log, LABELS[variant])
                    )
                for name, (url, wait) in loads.items():
                    load_samples[name].append(time_load(browser, _fresh(url), log, wait))
                step_samples.append(time_tour_step(browser, app_url, log))
            browser.close()
    finally:
        stop_process(app)
        stop_process(base)
        stop_process(public)
        pack.cleanup()
    if log.outside:
        raise SystemExit(f"requests left 127.0.0.1: {log.outside[:5]}")

    base_s = _median([b[0] for b in baseline])
    static_s = {r: _median(load_samples[f"static:{r}"]) for r in REGION_IDS}
    table = [
        Row("empty Streamlit page ready (baseline)", f"{base_s:.2f} s", "", None),
        Row(
            "empty Streamlit page: rerun on a widget (baseline)", f"{_median([b[1] for b in baseline]):.3f} s", "", None
        ),
    ]
    for name, label in (("overview", "overview `/`: map drawn"), ("reader", "reader `/passages`: first passage shown")):
        ready_s = _median(load_samples[name])
        table.append(
            Row(
                label,
                f"{ready_s:.2f} s = {ready_s / base_s:.2f}× empty page",
                f"≤ {TARGET_RATIO}× empty page",
                ready_s / base_s <= TARGET_RATIO,
            )
        )
    for region_id in REGION_IDS:
        table += [
            Row(
                f"{region_id}: map HTML",
                f"{map_bytes[region_id] / 1000:.0f} KB",
                f"< {MAX_REGION_MAP_BYTES // 1000} KB",
                map_bytes[region_id] < MAX_REGION_MAP_BYTES,
            ),
            Row(
                f"{region_id}, static export (file://): map fully drawn (baseline)",
                f"{static_s[region_id]:.2f} s",
                "",
                None,
            ),
        ]
        public_s = _median(load_samples[f"public:{region_id}"])
        table.append(
            Row(
                f"{region_id}, region page on the public path alone (`streamlit run app.py`): map fully drawn",
                f"{public_s:.2f} s = {public_s / base_s:.2f}× empty page",
                f"≤ {TARGET_PUBLIC_RATIO}× empty page",
                public_s / base_s <= TARGET_PUBLIC_RATIO,
            )
        )
        unseen_s = _median(load_samples[f"unseen:{region_id}"])
        table.append(
            Row(
                f"{region_id}, region page at an address not shown before (nothing to preload): map fully drawn",
                f"{unseen_s:.2f} s = {unseen_s / base_s:.2f}× empty page",
                f"≤ {TARGET_RATIO}× empty page",
                unseen_s / base_s <= TARGET_RATIO,
            )
        )
        for variant in VARIANTS:
            runs_of = samples[(region_id, variant)]
            ready_s = _median([r[0] for r in runs_of])
            ratio = ready_s / base_s
            change_s = _median([r[2] for r in runs_of])
            missed = sum(math.isnan(r[2]) for r in runs_of)
            received = _median([r[3] for r in runs_of])
            reloaded = sum(r[6] for r in runs_of)
            table += [
                Row(
                    f"{region_id}, {variant}: map fully drawn",
                    f"{ready_s:.2f} s = {ratio:.2f}× empty page, {ready_s / static_s[region_id]:.2f}× static export",
                    f"≤ {TARGET_RATIO}× empty page",
                    ratio <= TARGET_RATIO,
                ),
                Row(
                    f"{region_id}, {variant}: websocket bytes of the load",
                    f"{_median([r[1] for r in runs_of]) / 1000:.0f} KB",
                    "",
                    None,
                ),
            ]
            map_note = "map not reloaded" if not reloaded else f"map reloaded in {reloaded} of {len(runs_of)} runs"
            if variant == "region page":
                sent = max(r[4] for r in runs_of)
                table += [
                    Row(
                        f"{region_id}, {variant}: search the feature list (filtered in the browser)",
                        f"{change_s:.3f} s to the filtered rows painted; {sent} messages to the server, "
                        f"{received / 1000:.1f} KB from it (no rerun); {map_note}",
                        f"< {TARGET_RERUN_S} s, map not resent",
                        change_s < TARGET_RERUN_S and sent == 0 and not reloaded,
                    ),
                    Row(
                        f"{region_id}, {variant}: pick a feature in the list → shown selected in the map, panel",
                        f"{(pick_s := _median([r[5] for r in runs_of])):.2f} s; "
                        + (
                            "map not reloaded"
                            if not (picked_maps := sum(r[7] for r in runs_of))
                            else f"a new map file in {picked_maps} of {len(runs_of)} picks"
                        ),
                        f"≤ {TARGET_SELECT_S} s, map not reloaded",
                        pick_s <= TARGET_SELECT_S and not picked_maps,
                    ),
                ]
            else:
                table += [
                    Row(
                        f"{region_id}, {variant}: rerun on an unrelated widget",
                        f"{change_s:.3f} s" + (f" ({missed} of {len(runs_of)} reruns not seen)" if missed else ""),
                        f"< {TARGET_RERUN_S} s",
                        change_s < TARGET_RERUN_S,
                    ),
                    Row(
                        f"{region_id}, {variant}: what that rerun sent",
                        f"{received / 1000:.1f} KB over the websocket; {map_note}",
                        "map not resent",
                        not reloaded and received <= 50_000,
                    ),
                ]
    step_s = _median([t[0] for t in step_samples])
    table.append(
        Row(
            f"tour step (→ on `/tour?tour={STEP_TOUR}&step=2`): the next step's map drawn, its text shown",
            f"{step_s:.2f} s",
            f"≤ {TARGET_STEP_S} s",
            step_s <= TARGET_STEP_S,
        )
    )
    return table


def time_tour_step(browser, app_url: str, log: RequestLog) -> tuple[float, int]:  # noqa: ANN001
    """(seconds from → to the next step's map drawn in the page's frame and its text shown, map files requested)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = _new_page(context, log)
        ws = WsCounter(page)
        page.goto(f"{app_url}/tour?tour={STEP_TOUR}&step=2", wait_until="commit")
        ready_at(page, STEP_DRAWN_JS, [MAP_IFRAME, f"tour-{STEP_TOUR}-2-", "Step 2 of"])
        page.locator(SCRIPT_IDLE).wait_for()
        before = ws.map_files
        start = page.evaluate("performance.now()")
        page.keyboard.press("ArrowRight")
        done = ready_at(page, STEP_DRAWN_JS, [MAP_IFRAME, f"tour-{STEP_TOUR}-3-", "Step 3 of"])
        return (done * 1000 - start) / 1000, ws.map_files - before
    finally:
        context.close()


STEP_DRAWN_JS = """([selector, file, progress]) => {
    const frame = document.querySelector(selector);
    const doc = frame && frame.contentDocument;
    return !!doc && doc.location.pathname.includes(file) && doc.querySelector('path.veta-outline') !== null
        && doc.querySelector('.veta-tour-highlight') !== null
        && [...document.querySelectorAll('[data-testid="stProgress"], p')].some((el) => el.textContent.includes(progress));
}"""


def print_table(table: list[Row], title: str) -> None:
    """Print rows as a Markdown table."""
    print(f"\n### {title}\n")
    print("| measure | median | target | ok |")
    print("|---|---|---|---|")
    for row in table:
        verdict = "" if row.ok is None else ("yes" if row.ok else "**no**")
        print(f"| {row.measure} | {row.value} | {row.target} | {verdict} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measure (median reported; at least 5)")
    args = parser.parse_args()
    print_table(rows(max(5, args.runs)), f"Page ready, map size, reruns (medians of {max(5, args.runs)} runs)")


if __name__ == "__main__":
    main()
