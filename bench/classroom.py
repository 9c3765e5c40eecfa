"""Classroom load: N students open Veta at once, in real Streamlit sessions, on one machine.

    .venv/bin/python bench/classroom.py --sessions 40

Starts `streamlit run app.py` on 127.0.0.1 (or uses `--url http://127.0.0.1:PORT`), then opens N concurrent
sessions in one headless Chromium — one browser context (own cookies, own Streamlit session and websocket)
per student. Each student:

1. opens a region page (the three regions in turn) and waits until the map is drawn: the region outline and
   every feature marker are in the map's DOM (the Leaflet iframe of streamlit-folium);
2. opens the reader and waits until the passages are on the page;
3. types a word into the reader's search box and waits until the filtered count is shown (a widget change, i.e.
   a rerun over the websocket).

It reports p50/p95/max of each step, the errors (timeouts, exceptions shown by Streamlit, JavaScript errors,
any request that is not for 127.0.0.1 — those are blocked), and the server's peak memory: the RSS of the
streamlit process and its children, sampled every 0.2 s (psutil if installed, else /proc). Bounded: at most
200 sessions, a deadline for the whole run, traffic only to 127.0.0.1.

The server is warmed first by one "teacher" session that opens each region page and the reader once (the
maps are built and cached on first use); `--cold` skips that. Chromium runs on the same 2 cores as the
server, so the timings are pessimistic compared with a class where each student has their own computer.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from playwright.async_api import Browser, Page, async_playwright  # noqa: E402

from tests.browser.support import CHROMIUM_ARGS, MAP_IFRAME, chromium_path, start_streamlit, stop_process  # noqa: E402
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
    """Block and record any request that is not for 127.0.0.1; record JavaScript errors."""

    async def route(route) -> None:  # noqa: ANN001 - playwright's Route
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1":
            await route.continue_()
        else:
            session.errors.append(f"request left 127.0.0.1: {route.request.url}")
            await route.abort()

    await page.route("**/*", route)
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
        await page.goto(f"{url}/{session.region}")
        await wait_for_map(page, markers[session.region], timeout_ms)
        session.map_s = time.perf_counter() - started
        await _no_exception(page, session, step)

        step = "reader"
        started = time.perf_counter()
        await page.goto(f"{url}/passages")
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


async def run_class(url: str, sessions: int, ramp_s: float, timeout_s: float, warm: bool) -> list[Session]:
    """Open `sessions` students in one Chromium, starting them evenly over `ramp_s` seconds."""
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
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=chromium_path(), args=CHROMIUM_ARGS + EXTRA_CHROMIUM_ARGS
        )
        try:
            if warm:
                for region in REGION_IDS:
                    teacher = Session(0, region)
                    await student(browser, url, teacher, markers, expected, timeout_s)
                    if teacher.errors:
                        raise RuntimeError(f"warm-up failed: {teacher.errors}")
            students = [Session(i + 1, REGION_IDS[i % len(REGION_IDS)]) for i in range(sessions)]

            async def start(s: Session) -> None:
                if ramp_s > 0 and sessions > 1:
                    await asyncio.sleep(ramp_s * (s.number - 1) / (sessions - 1))  # arrival schedule, not a wait
                await student(browser, url, s, markers, expected, timeout_s)

            await asyncio.gather(*(start(s) for s in students))
            return students
        finally:
            await browser.close()


def report(students: list[Session], sampler: MemorySampler, wall_s: float, args: argparse.Namespace) -> dict:
    errors = [f"student {s.number} ({s.region}): {e}" for s in students for e in s.errors]
    result = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "sessions": len(students),
        "ramp_s": args.ramp,
        "warm": not args.cold,
        "wall_s": wall_s,
        "map_s": summarise([s.map_s for s in students if s.map_s is not None]),
        "reader_s": summarise([s.reader_s for s in students if s.reader_s is not None]),
        "search_s": summarise([s.search_s for s in students if s.search_s is not None]),
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
    p95 = result["map_s"]["p95"]
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
    print(
        f"Classroom load: {result['sessions']} sessions, ramp {result['ramp_s']} s, warm={result['warm']}, "
        f"{result['cpus']} CPUs, wall {result['wall_s']:.1f} s"
    )
    print(f"  command: {result['command']}")
    print("  step                         n    p50     p95     max  (seconds)")
    for key, label in (
        ("map_s", "region page → map drawn"),
        ("reader_s", "reader → passages shown"),
        ("search_s", "search box → filtered"),
    ):
        s = result[key]
        print(f"  {label:<26} {s['n']:>3} {_fmt(s['p50']):>6}  {_fmt(s['p95']):>6}  {_fmt(s['max']):>6}")
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
        f"  target ({targets['sessions']} sessions, 0 errors, p95 map < {targets['p95_map_s']} s, "
        f"RSS < {targets['peak_rss_mb']:.0f} MB): {'met' if result['meets_targets'] else 'NOT met'}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=40, help="concurrent students (default %(default)s)")
    parser.add_argument("--ramp", type=float, default=0.0, help="spread arrivals over this many seconds (default 0)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds each step may take (default 60)")
    parser.add_argument("--deadline", type=float, default=600.0, help="seconds the whole class may take")
    parser.add_argument("--url", help="an already running Veta at http://127.0.0.1:PORT (default: start one)")
    parser.add_argument("--cold", action="store_true", help="no warm-up visit before the class")
    parser.add_argument("--json", type=Path, help="also write the full result (every student) to this file")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS:
        parser.error(f"--sessions must be between 1 and {MAX_SESSIONS}")
    if args.url and urlsplit(args.url).hostname != "127.0.0.1":
        parser.error("--url must be on 127.0.0.1: this benchmark sends traffic nowhere else")

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
            asyncio.wait_for(run_class(url, args.sessions, args.ramp, args.timeout, not args.cold), args.deadline)
        )
    finally:
        wall = time.perf_counter() - started
        sampler.stop()
        if process is not None:
            stop_process(process)
    result = report(students, sampler, wall, args)
    if not pid:
        result["server_rss_mb"]["note"] = "server pid unknown (--url): RSS is not the server's"
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
