"""Region page ready for two commits side by side: the A/B behind a change's figures.

    .venv/bin/python bench/compare_commits.py BEFORE [AFTER] [--runs 7] [--regions choco,madre-de-dios,kachin]

Checks each commit out into a temporary git worktree (AFTER defaults to HEAD; the worktrees share this checkout's
`.venv`), serves each with `streamlit run serve.py` as `make run` does, and the reference app's empty page
(`bench/baseline_serve.py`) as the floor. Then, in headless Chromium, each run loads the empty page and every region
page of both commits once, in alternating order, each in a fresh browser context, and times them with
bench/page_ready.py's own conditions (the region map fully drawn in its place). Every page is loaded once before the
timed runs, so that each address preloads its map as it would for a returning reader.

Prints the medians, in seconds and against the empty page of the same runs. Not a test: figures depend on the
machine; both commits see the same machine at the same time, which is the point.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.page_ready import BASELINE_SHOWN_JS, MAP_DRAWN_JS, VIEWPORT, expected_counts, ready_at  # noqa: E402
from tests.browser.support import CHROMIUM_ARGS, MAP_IFRAME, chromium_path, running_streamlit  # noqa: E402
from veta.atlas import load_atlas  # noqa: E402
from veta.layers import REGION_IDS  # noqa: E402


@contextmanager
def worktree(commit: str) -> Iterator[Path]:
    """`commit` checked out in a temporary worktree that uses this checkout's .venv; removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="veta-ab-")) / "checkout"
    subprocess.run(["git", "-C", str(PROJECT_DIR), "worktree", "add", "--detach", str(folder), commit], check=True)
    try:
        (folder / ".venv").symlink_to(PROJECT_DIR / ".venv")
        yield folder
    finally:
        subprocess.run(["git", "-C", str(PROJECT_DIR), "worktree", "remove", "--force", str(folder)], check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description="Region page ready for two commits, interleaved.")
    parser.add_argument("before")
    parser.add_argument("after", nargs="?", default="HEAD")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--regions", default=",".join(REGION_IDS))
    args = parser.parse_args()
    regions = args.regions.split(",")
    atlas = load_atlas()
    times: dict[tuple[str, str], list[float]] = {}
    with ExitStack() as stack:
        urls = {
            name: stack.enter_context(running_streamlit(cwd=stack.enter_context(worktree(commit))))
            for name, commit in (("before", args.before), ("after", args.after))
        }
        urls["empty"] = stack.enter_context(running_streamlit("bench/baseline_serve.py"))
        cells = [("empty", "")] + [(name, region) for region in regions for name in ("before", "after")]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            for run in range(args.runs + 1):  # the first round only warms every address
                for name, region in cells if run % 2 else cells[::-1]:
                    context = browser.new_context(viewport=VIEWPORT)
                    page = context.new_page()
                    page.goto(f"{urls[name]}/{region}", wait_until="commit")
                    if region:
                        seconds = ready_at(page, MAP_DRAWN_JS, [MAP_IFRAME, *expected_counts(atlas, region)])
                    else:
                        seconds = ready_at(page, BASELINE_SHOWN_JS)
                    context.close()
                    if run:
                        times.setdefault((name, region), []).append(seconds)
            browser.close()
    empty = statistics.median(times[("empty", "")])
    print(f"empty page: {empty:.3f} s (median of {args.runs})")
    for region in regions:
        before, after = (statistics.median(times[(name, region)]) for name in ("before", "after"))
        print(
            f"{region}: {args.before} {before:.3f} s = {before / empty:.2f}x, "
            f"{args.after} {after:.3f} s = {after / empty:.2f}x"
        )


if __name__ == "__main__":
    main()
