"""Helpers for the page tests: run Veta's app on a page, with the real data or the hostile test fixture."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.hostile import ShownMap, map_file_text, shown_maps
from tests.pages.atlas_fixture import build_fixture
from veta.escape import escape_text

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 60

RunPage = Callable[..., AppTest]


@pytest.fixture(scope="session")
def fixture_geodata(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small test geodata (with hostile strings), built once."""
    return build_fixture(tmp_path_factory.mktemp("fixture") / "geodata")


def _run(page: str, query_params: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for name, value in (query_params or {}).items():
        at.query_params[name] = value
    at.switch_page(page)
    return at.run()


@pytest.fixture
def run_page(monkeypatch: pytest.MonkeyPatch) -> RunPage:
    """Run a page of the app on the shipped data (`VETA_GEODATA` unset)."""
    monkeypatch.delenv("VETA_GEODATA", raising=False)
    return _run


@pytest.fixture
def run_fixture_page(monkeypatch: pytest.MonkeyPatch, fixture_geodata: Path) -> Iterator[RunPage]:
    """Run a page of the app on the test fixture geodata."""
    monkeypatch.setenv("VETA_GEODATA", str(fixture_geodata))
    yield _run


def html_bodies(at: AppTest) -> str:
    """All `st.html` bodies of the page except the stylesheet, joined."""
    return "\n".join(el.proto.body for el in at.html if not el.proto.body.lstrip().startswith("<style>"))


def page_links(at: AppTest) -> list[tuple[str, str, str]]:
    """(label, page, query string) of every `st.page_link` on the page, sidebar included."""
    return [(el.proto.label, el.proto.page, el.proto.query_string) for el in at.get("page_link")]


def footer(at: AppTest) -> str:
    """The credit at the foot of the page (`ui.sidebar.draw_footer`: the page's last element)."""
    last = at.main.children[len(at.main.children) - 1] if at.main.children else None
    body = getattr(getattr(last, "proto", None), "body", "")
    assert body.startswith('<footer class="veta-footer">'), f"the page does not end with its credit: {body[:80]!r}"
    return body


def folium_maps(at: AppTest) -> list:
    """The streamlit-folium map components on the page (the compare and tour pages)."""
    return [el for el in at.get("component_instance") if "st_folium" in el.proto.component_name]


def map_elements(at: AppTest) -> list[ShownMap]:
    """The maps on the page (region pages and the overview): those `ui.map_display.show_map_file` shows."""
    return shown_maps(at)


def map_script(at: AppTest) -> str:
    """The HTML and Leaflet script of the first map on the page."""
    return map_file_text(map_elements(at)[0])


def send_trigger(at: AppTest, component_name: str, event: str, value: str) -> AppTest:
    """Rerun as the browser does when the page's components-v2 element of that name sets a trigger
    (`setTriggerValue(event, value)`). The trigger id is streamlit 1.67's (pinned). Every AppTest run looks like a
    server's first deep link to `ui.data.leave_legacy_pages_mode`, whose rerun would drop the trigger; that check
    is off for this run (app.py runs anyway)."""
    from unittest import mock

    from streamlit.components.v2.bidi_component.main import _make_trigger_id
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    import ui.data

    (element,) = [e for e in at.get("bidi_component") if e.proto.component_name == component_name]
    states = at._tree.get_widget_states()
    trigger = WidgetState(id=_make_trigger_id(element.proto.id, "events"))
    trigger.json_trigger_value = json.dumps([{"event": event, "value": value}])
    states.widgets.append(trigger)
    with mock.patch.object(ui.data, "leave_legacy_pages_mode", lambda: False):
        return at._run(states)


def click_map(at: AppTest, monkeypatch: pytest.MonkeyPatch, clicked_id: str) -> AppTest:
    """Rerun as the browser does after a click on the page's map: its element (`ui/map_display.js`) sets its
    `clicked` trigger to the id the map reported.

    AppTest cannot run the element's JavaScript (the relay from the map's message to the trigger is tested in a
    real browser: tests/browser/test_region_maps.py); this checks what the page does with a click.
    """
    from ui.map_display import COMPONENT_NAME

    return send_trigger(at, COMPONENT_NAME, "clicked", clicked_id)


def all_text(at: AppTest) -> str:
    """Text of markdown, captions, titles, alerts and HTML of the page, for 'is it shown?' checks."""
    parts = [el.value for el in at.markdown] + [el.value for el in at.caption] + [el.value for el in at.title]
    parts += [el.value for el in at.warning] + [el.value for el in at.info] + [el.value for el in at.error]
    parts += [el.value for el in at.subheader] + [el.value for el in at.header]
    return "\n".join(str(p) for p in parts) + "\n" + html_bodies(at)


def no_exception(at: AppTest) -> None:
    """Fail with the traceback if the page raised."""
    assert not at.exception, [e.value for e in at.exception]


BAD_VALUES: dict[str, str | list[str]] = {
    "unknown": "no-such-thing",
    "empty": "",
    "repeated": ["no-such-thing", "another-one"],
    "long": "x" * 10_000,
    "non-ascii": "Chocó–ميانمار–缅甸–😀",
    "markup": '<b>bold</b><img src=x onerror=alert(1)>"`${x}`[l](javascript:alert(1))',
}
"""Query-parameter values every page must survive with a friendly message."""


def assert_echo_escaped(at: AppTest, value: str) -> None:
    """The bad value, if repeated back, is escaped; no raw markup of it reaches the page."""
    bodies = html_bodies(at)
    assert "<img src=x" not in bodies and "<b>bold</b>" not in bodies
    if value.startswith("<b>"):
        assert escape_text("<b>bold</b>") in bodies
