"""Safe defaults for serving (issue #16, item 4; docs/security.md): local by default, known host names only,
no framing by other sites, no traceback for a visitor, no file watcher, no start-up warnings."""

from __future__ import annotations

import logging
import re
import subprocess
import threading
import tomllib

import pytest

import ui.internals
from tests.test_server import FakeStreamlit, body_of, serve
from ui.security import FRAME_HEADERS, LOCAL_HOSTS, SafeServing, allowed_hosts, host_name
from veta.paths import PROJECT_DIR

CONFIG = tomllib.loads((PROJECT_DIR / ".streamlit" / "config.toml").read_text("utf-8"))
MAKEFILE = (PROJECT_DIR / "Makefile").read_text("utf-8")


def test_the_app_listens_on_this_computer_only_by_default() -> None:
    assert CONFIG["server"]["address"] == "127.0.0.1"
    run = re.search(r"^run:.*\n((?:\t.*\n)+)", MAKEFILE, re.M)[1]
    assert "server.address" not in run and "0.0.0.0" not in run  # make run keeps the config's address


def test_serving_a_classroom_network_is_explicit_and_names_its_hosts() -> None:
    recipe = re.search(r"^serve-lan: lan-hosts .*\n((?:\t.*\n)+)", MAKEFILE, re.M)[1]
    assert "--server.address 0.0.0.0" in recipe and 'VETA_ALLOWED_HOSTS="$(HOSTS)"' in recipe
    # refuses to start (before installing anything) without the host names to answer
    result = subprocess.run(["make", "-s", "lan-hosts"], cwd=PROJECT_DIR, capture_output=True, text=True, timeout=30)
    assert result.returncode != 0 and "HOSTS=" in result.stdout


def test_a_visitor_never_sees_a_traceback_and_nothing_watches_the_files() -> None:
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["server"]["fileWatcherType"] == "none"


@pytest.mark.parametrize("host", [b"localhost:8501", b"127.0.0.1:8501", b"127.0.0.1", b"[::1]:8501", b"LOCALHOST"])
def test_this_computers_names_are_served_with_frame_headers(host: bytes) -> None:
    inner = FakeStreamlit(200, [b"page"])
    app = SafeServing(inner, hosts="")
    messages = serve(app, "/kachin", extra_headers=[(b"host", host)], host=None)
    assert messages[0]["status"] == 200 and body_of(messages) == b"page"
    headers = messages[0]["headers"]
    for name, value in FRAME_HEADERS:
        assert headers.count((name, value)) == 1


@pytest.mark.parametrize("host", [b"evil.example", b"evil.example:8501", b"127.0.0.1.evil.example", None])
def test_an_unknown_host_name_is_refused(host: bytes | None) -> None:
    """DNS rebinding: a page from elsewhere pointing its own name at 127.0.0.1 gets neither pages nor a session."""
    inner = FakeStreamlit(200, [b"page"])
    app = SafeServing(inner, hosts="")
    headers = [(b"host", host)] if host else []
    messages = serve(app, "/kachin", extra_headers=headers, host=None)
    assert messages[0]["status"] == 421 and b"page" not in body_of(messages) and inner.scope is None
    messages = serve(app, "/_stcore/stream", kind="websocket", extra_headers=headers, host=None)
    assert messages == [{"type": "websocket.close", "code": 1008}] and inner.scope is None


def test_allowed_hosts() -> None:
    assert allowed_hosts("") == frozenset(LOCAL_HOSTS)
    assert allowed_hosts(" Veta.School.lan , 192.168.1.10 ") == {"veta.school.lan", "192.168.1.10"}
    app = SafeServing(FakeStreamlit(200, [b"page"]), hosts="veta.school.lan")
    assert serve(app, "/", extra_headers=[(b"host", b"veta.school.lan:8501")], host=None)[0]["status"] == 200
    assert serve(app, "/", extra_headers=[(b"host", b"localhost:8501")], host=None)[0]["status"] == 421
    anyone = SafeServing(FakeStreamlit(200, [b"page"]), hosts="*")
    assert serve(anyone, "/", extra_headers=[(b"host", b"anything")], host=None)[0]["status"] == 200


def test_allowed_hosts_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VETA_ALLOWED_HOSTS", "veta.school.lan")
    assert allowed_hosts() == {"veta.school.lan"}
    monkeypatch.delenv("VETA_ALLOWED_HOSTS")
    assert allowed_hosts() == frozenset(LOCAL_HOSTS)


@pytest.mark.parametrize(
    ("header", "name"),
    [("localhost:8501", "localhost"), ("[::1]:8501", "[::1]"), ("[::1]", "[::1]"), ("Example.org", "example.org")],
)
def test_host_name(header: str, name: str) -> None:
    assert host_name(header) == name


def test_serve_py_puts_the_safety_middleware_first() -> None:
    assert [m.cls for m in ui.internals.middleware()] == [SafeServing, ui.internals.BackendBaseUrl]


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_the_start_up_thread_prints_no_missing_context_warnings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The five "missing ScriptRunContext" warnings of each start came from the start-up thread's cached calls;
    they are silenced there, and only there."""
    import ui.map_display
    from ui.internals import RememberedMaps

    monkeypatch.setattr(ui.map_display, "REMEMBERED_MAPS", RememberedMaps())
    logger = logging.getLogger(ui.internals.CONTEXT_LOGGER)
    records = _Records()
    logger.addHandler(records)
    monkeypatch.setattr(logger, "filters", list(logger.filters))  # what the test installs is removed after it
    try:
        ui.internals.silence_start_up_context_warnings()
        ui.internals.silence_start_up_context_warnings()  # once only
        assert sum(isinstance(f, ui.internals._NoContextWarningAtStart) for f in logger.filters) == 1
        thread = threading.Thread(target=ui.internals.prepare_default_maps, name=ui.internals.PREPARE_THREAD)
        thread.start()
        thread.join(120)
        other = threading.Thread(target=lambda: logger.warning("Thread 'x': missing ScriptRunContext!"), name="x")
        other.start()
        other.join()
    finally:
        logger.removeHandler(records)
    messages = [(r.threadName, r.getMessage()) for r in records.records]
    assert messages == [("x", "Thread 'x': missing ScriptRunContext!")], messages
    assert len(ui.map_display.REMEMBERED_MAPS) == 4  # the thread did its work: / and the three region pages
