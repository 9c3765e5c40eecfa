"""Classroom load: N students open Veta at once, in real Streamlit sessions, on one machine.

    .venv/bin/python bench/classroom.py --sessions 40 [--browsers 1] [--ramp 30]

Starts `streamlit run serve.py` (what `make run` starts) on 127.0.0.1 (or uses `--url http://127.0.0.1:PORT`) and opens N concurrent
Streamlit sessions, each with its own websocket and session state on the server. Each student:

1. opens a region page (the three regions in turn) and waits until the map has arrived;
2. opens the reader and waits until the passages are there;
3. types a word into the reader's search box and waits until the filtered count is shown (a widget change:
   a rerun over the websocket).

`--browsers B` (default 1) of the students are real pages in one headless Chromium (one browser context
each): for them "map drawn" means the region outline and every feature marker are in the Leaflet iframe's DOM.
The others speak Streamlit's websocket protocol exactly as its frontend does (`BackMsg.rerun_script` with the
page name, query string and widget states; `ForwardMsg` deltas back) without rendering: for them "map arrived"
means the page's script run has finished with its map's slot, and the map file its link names and the
Leaflet/jQuery files that file links have been downloaded over HTTP (in parallel, nothing cached), as a browser
would before drawing.

Rendering many Streamlit frontends would make Chromium, on the same 2 cores, the bottleneck instead of the
server, which is what a class shares: each student's browser runs on the student's own computer. Measured
here, a region page in a fresh context costs Chromium about 3 s of CPU (Streamlit's 2.5 MB of script, and a
new window's own browser UI), so 4 Chromium pages opened at once with no other session at all take 9–11 s,
against 2.3–2.7 s for one alone. One Chromium student (the default) shows the map really drawn while the 39
others load the server.

It reports p50/p95/max of each step over all sessions and per kind of session, the errors (timeouts,
exceptions sent by the script, JavaScript errors, any request that is not for 127.0.0.1: recorded, and an error
fails the run), and the server's peak memory: the RSS of the streamlit process and
its children, sampled every 0.2 s (psutil if installed, else /proc). Bounded: at most 200 sessions, a deadline
for the whole run, traffic only to 127.0.0.1. The server is warmed first by one "teacher" visit to each region
page and the reader (maps are built and cached on first use); `--cold` skips that.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import statistics
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

import websockets  # noqa: E402
from playwright.async_api import Browser, Page, async_playwright  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from tests.browser.support import CHROMIUM_ARGS, MAP_IFRAME, chromium_path, start_streamlit, stop_process  # noqa: E402
from ui.map_display import MAPS_URL, parse_map_link  # noqa: E402
from veta.atlas import load_atlas  # noqa: E402
from veta.layers import REGION_IDS  # noqa: E402
from veta.reader import filter_passages  # noqa: E402

MAX_SESSIONS = 200
SEARCH_WORD = "mercury"
EXTRA_CHROMIUM_ARGS = [
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
]
"""Every student's page is in front of its student: Chromium must not throttle the pages it cannot show."""
TARGETS = {"sessions": 40, "p95_map_s": 4.0, "peak_rss_mb": 600.0}
"""What one 2-core machine should hold (issue #6)."""


@dataclass
class Session:
    """One student's timings (seconds) and errors."""

    number: int
    region: str
    kind: str = "protocol"  # "browser" or "protocol"
    map_s: float | None = None
    reader_s: float | None = None
    search_s: float | None = None
    errors: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------- server memory


def _children(pid: int) -> list[int]:
    """Direct children of a process, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry))
    return found


def _rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", encoding="utf-8") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def tree_rss_bytes(pid: int) -> int:
    """RSS of a process and all its descendants (psutil if available, else /proc)."""
    try:
        import psutil  # type: ignore[import-not-found]
    except ImportError:
        total, stack = 0, [pid]
        while stack:
            current = stack.pop()
            total += _rss_bytes(current)
            stack.extend(_children(current))
        return total
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            continue
    return total


class MemorySampler(threading.Thread):
    """Samples the server's RSS every `interval` seconds; `peak` and `baseline` in bytes."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.baseline = tree_rss_bytes(pid)
        self.peak = self.baseline
        self.samples = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.wait(self.interval):
            self.peak = max(self.peak, tree_rss_bytes(self.pid))
            self.samples += 1

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=5)


# ---------------------------------------------------------------------------------------------- one student


async def _guard(page: Page, session: Session) -> None:
    """Record any request that is not for 127.0.0.1 (an error: the run fails) and JavaScript errors.

    Requests are watched, not intercepted: routing each of a page's ~100 requests through Playwright would make
    every one wait for this process's event loop, which is busy with the websocket students, and measure the
    benchmark instead of the server.
    """

    def watch(request) -> None:  # noqa: ANN001 - playwright's Request
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob", "about") and parts.hostname != "127.0.0.1":
            session.errors.append(f"request left 127.0.0.1: {request.url}")

    page.on("request", watch)
    page.on("pageerror", lambda error: session.errors.append(f"JavaScript error: {error}"))


async def _no_exception(page: Page, session: Session, where: str) -> None:
    if await page.locator("[data-testid='stException']").count():
        session.errors.append(f"{where}: Streamlit shows an exception")


async def wait_for_map(page: Page, markers: int, timeout_ms: float) -> None:
    """Until the region outline and all `markers` feature markers are in the map iframe's DOM."""
    frame = page.frame_locator(MAP_IFRAME).first
    await frame.locator("path.veta-outline").first.wait_for(state="attached", timeout=timeout_ms)
    deadline = time.monotonic() + timeout_ms / 1000
    await (
        frame.locator(".veta-marker.veta-feature")
        .nth(max(markers - 1, 0))
        .wait_for(state="attached", timeout=max(1.0, (deadline - time.monotonic()) * 1000))
    )


async def student(
    browser: Browser, url: str, session: Session, markers: dict[str, int], expected: str, timeout_s: float
) -> None:
    """One student's visit; timings and errors go into `session`."""
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    timeout_ms = timeout_s * 1000
    step = "region page"
    try:
        page = await context.new_page()
        page.set_default_timeout(timeout_ms)
        await _guard(page, session)
        started = time.perf_counter()
        await page.goto(f"{url}/{session.region}", wait_until="commit")
        await wait_for_map(page, markers[session.region], timeout_ms)
        session.map_s = time.perf_counter() - started
        await _no_exception(page, session, step)

        step = "reader"
        started = time.perf_counter()
        await page.goto(f"{url}/passages", wait_until="commit")
        await page.locator("article.veta-passage").first.wait_for(state="visible")
        session.reader_s = time.perf_counter() - started
        await _no_exception(page, session, step)

        step = "search"
        box = page.get_by_label("Search the interview")
        started = time.perf_counter()
        await box.fill(SEARCH_WORD)
        await box.press("Enter")
        await page.get_by_text(expected).first.wait_for(state="visible")
        session.search_s = time.perf_counter() - started
        await _no_exception(page, session, step)
    except Exception as error:  # a timeout or a crash is this student's error, not the benchmark's
        session.errors.append(f"{step}: {type(error).__name__}: {str(error).splitlines()[0][:200]}")
    finally:
        await context.close()


class ProtocolError(Exception):
    """The server answered, but not with the page a student should get."""


async def _run(ws, session: Session, page_name: str, widgets: dict[str, str] | None = None) -> list:  # noqa: ANN001
    """Ask for one script run (as the frontend does) and collect its new elements until it finishes."""
    message = BackMsg()
    message.rerun_script.page_name = page_name
    message.rerun_script.query_string = ""
    for widget_id, value in (widgets or {}).items():
        state = message.rerun_script.widget_states.widgets.add()
        state.id = widget_id
        state.string_value = value
    await ws.send(message.SerializeToString())
    elements = []
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await ws.recv())
        kind = forward.WhichOneof("type")
        if kind == "page_not_found":
            raise ProtocolError(f"page not found: {page_name}")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            if element.WhichOneof("type") == "exception":
                raise ProtocolError(f"{page_name}: the script raised {element.exception.type}")
            elements.append(element)
        if kind == "script_finished":
            if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise ProtocolError(f"{page_name}: compile error")
            if forward.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                return elements


ASSET = re.compile(r'(?:src|href)="(/app/static/vendor/[^"]+)"')


def _get(address: str) -> bytes:
    with urllib.request.urlopen(address, timeout=60) as response:  # noqa: S310 - 127.0.0.1 only
        if response.status != 200:
            raise ProtocolError(f"{address}: HTTP {response.status}")
        return response.read()


HTTP_CONNECTIONS = ThreadPoolExecutor(max_workers=4 * MAX_SESSIONS, thread_name_prefix="student-http")
"""Blocking downloads run here: enough threads for every student's few parallel requests, as each student's
browser would open its own connections (asyncio's default pool, a handful of threads, would queue them)."""


async def fetch_map(url: str, src: str) -> None:
    """Download what the browser would to draw the map: the map file, then the Leaflet/jQuery files it links,
    in parallel (as a browser with an empty cache does)."""
    if not src.startswith(MAPS_URL):
        raise ProtocolError(f"unexpected map address {src!r}")
    loop = asyncio.get_running_loop()
    html = (await loop.run_in_executor(HTTP_CONNECTIONS, _get, url + src)).decode("utf-8")
    assets = ASSET.findall(html)
    if not assets or "veta-outline" not in html:
        raise ProtocolError(f"{src}: not a Veta map")
    await asyncio.gather(*(loop.run_in_executor(HTTP_CONNECTIONS, _get, url + a) for a in dict.fromkeys(assets)))


def _has(elements: list, kind: str, predicate=lambda element: True) -> bool:  # noqa: ANN001
    return any(e.WhichOneof("type") == kind and predicate(e) for e in elements)


async def protocol_student(url: str, session: Session, expected: str, timeout_s: float) -> None:
    """One student through Streamlit's websocket protocol; timings and errors go into `session`."""
    step = "region page"
    try:
        async with asyncio.timeout(timeout_s * 3):
            started = time.perf_counter()
            async with websockets.connect(
                url.replace("http://", "ws://") + "/_stcore/stream",
                subprotocols=["streamlit"],
                origin=url,
                max_size=None,
            ) as ws:
                elements = await _run(ws, session, session.region)
                links = (parse_map_link(e.markdown.body) for e in elements if e.WhichOneof("type") == "markdown")
                frames = [link[0] for link in links if link is not None and link[0].startswith(MAPS_URL)]
                if not frames:
                    raise ProtocolError("the region page sent no map")
                await fetch_map(url, frames[0])
                session.map_s = time.perf_counter() - started

                step = "reader"
                started = time.perf_counter()
                elements = await _run(ws, session, "passages")
                if not _has(elements, "html", lambda e: "veta-passage" in e.html.body):
                    raise ProtocolError("the reader sent no passage")
                session.reader_s = time.perf_counter() - started
                search = next(
                    (
                        e.text_input.id
                        for e in elements
                        if e.WhichOneof("type") == "text_input" and e.text_input.label == "Search the interview"
                    ),
                    None,
                )
                if search is None:
                    raise ProtocolError("the reader has no search box")

                step = "search"
                started = time.perf_counter()
                elements = await _run(ws, session, "passages", {search: SEARCH_WORD})
                if not _has(elements, "markdown", lambda e: expected in e.markdown.body):
                    raise ProtocolError(f"the search did not answer {expected!r}")
                session.search_s = time.perf_counter() - started
    except Exception as error:  # a timeout or a wrong answer is this student's error, not the benchmark's
        session.errors.append(
            f"{step}: {type(error).__name__}: {str(error).splitlines()[0][:200] if str(error) else ''}"
        )


# ---------------------------------------------------------------------------------------------- the class


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0–100) by linear interpolation; None without values."""
    if not values:
        return None
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise(values: list[float]) -> dict[str, float | None]:
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "max": max(values) if values else None,
        "mean": statistics.fmean(values) if values else None,
    }


async def run_class(
    url: str, sessions: int, browsers: int, ramp_s: float, timeout_s: float, warm: bool
) -> list[Session]:
    """Open `sessions` students (`browsers` of them in Chromium), starting them evenly over `ramp_s` seconds."""
    atlas = load_atlas()
    markers = {
        region: sum(
            len(getattr(f.geometry, "geoms", [f.geometry]))
            for f in atlas.features_in(region)
            if f.geometry.geom_type in ("Point", "MultiPoint")
        )
        for region in REGION_IDS
    }
    found = len(filter_passages(atlas, query=SEARCH_WORD))
    expected = f"Showing {found} of {len(atlas.seed.passages)} passages"
    in_browser = {round(j * sessions / browsers) + 1 for j in range(browsers)} if browsers else set()
    students = [
        Session(i + 1, REGION_IDS[i % len(REGION_IDS)], "browser" if i + 1 in in_browser else "protocol")
        for i in range(sessions)
    ]
    if not browsers:  # no Chromium at all: warm up and run over the websocket protocol only
        if warm:
            await protocol_warm_up(url, timeout_s)
        return await _gather(students, ramp_s, lambda s: protocol_student(url, s, expected, timeout_s))
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS + EXTRA_CHROMIUM_ARGS
        )
        try:
            if warm:
                for region in REGION_IDS:
                    teacher = Session(0, region, "browser")
                    await student(browser, url, teacher, markers, expected, timeout_s)
                    if teacher.errors:
                        raise RuntimeError(f"warm-up failed: {teacher.errors}")

            def visit(s: Session):  # noqa: ANN202
                if s.kind == "browser":
                    return student(browser, url, s, markers, expected, timeout_s)
                return protocol_student(url, s, expected, timeout_s)

            return await _gather(students, ramp_s, visit)
        finally:
            await browser.close()


async def _gather(students: list[Session], ramp_s: float, visit) -> list[Session]:  # noqa: ANN001
    """Run every student's visit concurrently, starting them evenly over `ramp_s` seconds."""

    async def start(s: Session) -> None:
        if ramp_s > 0 and len(students) > 1:
            await asyncio.sleep(ramp_s * (s.number - 1) / (len(students) - 1))  # arrival schedule, not a wait
        await visit(s)

    await asyncio.gather(*(start(s) for s in students))
    return students


async def protocol_warm_up(url: str, timeout_s: float) -> None:
    """One visit to the overview, each region page and the reader, so that every map is built and cached."""
    teacher = Session(0, "-")
    async with (
        asyncio.timeout(timeout_s * 3),
        websockets.connect(
            url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"], origin=url, max_size=None
        ) as ws,
    ):
        await _run(ws, teacher, "")  # the first deep link after a start may land on the default page
        for page_name in (*REGION_IDS, "passages"):
            await _run(ws, teacher, page_name)


STEPS = (("map_s", "region page → map"), ("reader_s", "reader → passages"), ("search_s", "search box → filtered"))


def report(students: list[Session], sampler: MemorySampler, wall_s: float, args: argparse.Namespace) -> dict:
    """The figures of a run, as a JSON-able dict."""
    errors = [f"student {s.number} ({s.kind}, {s.region}): {e}" for s in students for e in s.errors]
    groups = {"all": students}
    groups |= {kind: [s for s in students if s.kind == kind] for kind in ("protocol", "browser")}
    result = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "sessions": len(students),
        "browsers": sum(1 for s in students if s.kind == "browser"),
        "ramp_s": args.ramp,
        "warm": not args.cold,
        "wall_s": wall_s,
        "steps": {
            kind: {key: summarise([getattr(s, key) for s in group if getattr(s, key) is not None]) for key, _ in STEPS}
            for kind, group in groups.items()
            if group
        },
        "errors": errors,
        "sessions_with_errors": sum(1 for s in students if s.errors),
        "server_rss_mb": {
            "before": sampler.baseline / 2**20,
            "peak": sampler.peak / 2**20,
            "samples": sampler.samples,
        },
        "cpus": os.cpu_count(),
        "load_average_after": os.getloadavg(),
        "targets": TARGETS,
        "students": [asdict(s) for s in students],
    }
    p95 = result["steps"]["all"]["map_s"]["p95"]
    result["meets_targets"] = bool(
        not errors
        and len(students) >= TARGETS["sessions"]
        and p95 is not None
        and p95 < TARGETS["p95_map_s"]
        and result["server_rss_mb"]["peak"] < TARGETS["peak_rss_mb"]
    )
    return result


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def print_report(result: dict) -> None:
    """The figures as a short text table."""
    print(
        f"Classroom load: {result['sessions']} concurrent sessions ({result['browsers']} in Chromium), "
        f"ramp {result['ramp_s']} s, warm={result['warm']}, {result['cpus']} CPUs, wall {result['wall_s']:.1f} s"
    )
    print(f"  command: {result['command']}")
    print("  sessions  step                        n    p50     p95     max  (seconds)")
    for kind, steps in result["steps"].items():
        for key, label in STEPS:
            s = steps[key]
            print(f"  {kind:<9} {label:<25} {s['n']:>3} {_fmt(s['p50']):>6}  {_fmt(s['p95']):>6}  {_fmt(s['max']):>6}")
    rss = result["server_rss_mb"]
    print(
        f"  server RSS (streamlit process tree): {rss['before']:.0f} MB before, {rss['peak']:.0f} MB peak "
        f"({rss['samples']} samples)"
    )
    print(f"  load average after the run (1/5/15 min): {' / '.join(f'{x:.1f}' for x in result['load_average_after'])}")
    print(f"  errors: {len(result['errors'])} in {result['sessions_with_errors']} sessions")
    for error in result["errors"][:20]:
        print(f"    {error}")
    targets = result["targets"]
    print(
        f"  target ({targets['sessions']} sessions, 0 errors, p95 map of all sessions < {targets['p95_map_s']} s, "
        f"RSS < {targets['peak_rss_mb']:.0f} MB): {'met' if result['meets_targets'] else 'NOT met'}"
    )


def measure(args: argparse.Namespace) -> dict:
    """Run one class as `args` describe it (a server of its own unless `args.url`); return report()'s dict."""
    process = None
    if args.url:
        url = args.url.rstrip("/")
        pid = _server_pid_for(url)
    else:
        url, process = start_streamlit()
        pid = process.pid
    sampler = MemorySampler(pid) if pid else MemorySampler(os.getpid())
    sampler.start()
    started = time.perf_counter()
    try:
        students = asyncio.run(
            asyncio.wait_for(
                run_class(url, args.sessions, args.browsers, args.ramp, args.timeout, not args.cold), args.deadline
            )
        )
    finally:
        wall = time.perf_counter() - started
        sampler.stop()
        if process is not None:
            stop_process(process)
    result = report(students, sampler, wall, args)
    if not pid:
        result["server_rss_mb"]["note"] = "server pid unknown (--url): RSS is not the server's"
    return result


STANDARD_RUNS = (("all at once", 0.0), ("arrivals over 30 s", 30.0))
"""The class runs bench/run.py makes (docs/scaling.md): 40 sessions, one of them in Chromium, ramp 0 and 30 s."""
DEFAULT_BROWSERS = 1


def rows(runs: int = 7) -> list:
    """bench/run.py's rows: one class per standard run (`runs` does not apply: one class is one sample)."""
    from page_ready import Row

    table = []
    for label, ramp in STANDARD_RUNS:
        args = _parser().parse_args(["--sessions", str(TARGETS["sessions"]), "--ramp", str(ramp)])
        result = measure(args)
        name = f"{result['sessions']} sessions ({result['browsers']} in Chromium), {label}"
        for kind, what in (
            ("all", "map arrived or drawn, every session"),
            ("protocol", "map arrived (websocket sessions)"),
            ("browser", "map drawn (Chromium)"),
        ):
            step = result["steps"].get(kind, {}).get("map_s")
            if not step or step["p95"] is None:
                continue
            value = f"{step['p50']:.2f} / {step['p95']:.2f} s" if step["n"] > 1 else f"{step['p50']:.2f} s"
            table.append(
                Row(
                    f"classroom, {name}: {what}, " + (f"p50 / p95 of {step['n']}" if step["n"] > 1 else "one session"),
                    value,
                    f"p95 < {TARGETS['p95_map_s']:.0f} s" if kind == "all" else "",
                    step["p95"] < TARGETS["p95_map_s"] if kind == "all" else None,
                )
            )
        table += [
            Row(
                f"classroom, {name}: errors",
                f"{len(result['errors'])} errors ({result['sessions_with_errors']} of {result['sessions']} sessions affected)",
                "0",
                not result["errors"],
            ),
            Row(
                f"classroom, {name}: peak server RSS",
                f"{result['server_rss_mb']['peak']:.0f} MB",
                f"< {TARGETS['peak_rss_mb']:.0f} MB",
                result["server_rss_mb"]["peak"] < TARGETS["peak_rss_mb"],
            ),
        ]
        for error in result["errors"][:5]:
            print(f"classroom ({label}): {error}", file=sys.stderr)
    return table


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=40, help="concurrent students (default %(default)s)")
    parser.add_argument(
        "--browsers",
        type=int,
        default=DEFAULT_BROWSERS,
        help="how many sessions are real Chromium pages (default %(default)s)",
    )
    parser.add_argument("--ramp", type=float, default=0.0, help="spread arrivals over this many seconds (default 0)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds each step may take (default 60)")
    parser.add_argument("--deadline", type=float, default=600.0, help="seconds the whole class may take")
    parser.add_argument("--url", help="an already running Veta at http://127.0.0.1:PORT (default: start one)")
    parser.add_argument("--cold", action="store_true", help="no warm-up visit before the class")
    parser.add_argument("--json", type=Path, help="also write the full result (every student) to this file")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS:
        parser.error(f"--sessions must be between 1 and {MAX_SESSIONS}")
    if not 0 <= args.browsers <= args.sessions:
        parser.error("--browsers must be between 0 and --sessions")
    if args.url and urlsplit(args.url).hostname != "127.0.0.1":
        parser.error("--url must be on 127.0.0.1: this benchmark sends traffic nowhere else")

    result = measure(args)
    print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), "utf-8")
    return 0 if not result["errors"] else 1


def _server_pid_for(url: str) -> int | None:
    """The pid of the process listening on the URL's port, found through /proc/net/tcp and socket inodes."""
    port = urlsplit(url).port
    inodes = set()
    try:
        with open("/proc/net/tcp", encoding="utf-8") as handle:
            for line in handle.readlines()[1:]:
                fields = line.split()
                if int(fields[1].split(":")[1], 16) == port and fields[3] == "0A":  # LISTEN
                    inodes.add(fields[9])
    except OSError:
        return None
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            for fd in os.listdir(f"/proc/{entry}/fd"):
                target = os.readlink(f"/proc/{entry}/fd/{fd}")
                if target.startswith("socket:[") and target[8:-1] in inodes:
                    return int(entry)
        except OSError:
            continue
    return None


if __name__ == "__main__":
    sys.exit(main())
