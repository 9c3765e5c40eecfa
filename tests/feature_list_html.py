"""Reading the region page's feature list: its HTML as a browser parses it, and its element in an AppTest run."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

from streamlit.testing.v1 import AppTest

FEATURE_LIST_COMPONENT = "veta.feature_list"
"""The components-v2 name of the feature list (`ui/feature_table.py`)."""


class Parsed(HTMLParser):
    """An HTML fragment as a browser reads it (character references decoded): its tags and attributes, its text,
    each `<tr data-feature>` as {"attrs", "cells" (texts, marker first), "button" (attributes)}, each `<option>`
    (attributes and "select", the data-filter of its `<select>`) and each `<label>`'s text."""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.rows: list[dict] = []
        self.options: list[dict[str, str | None]] = []
        self.labels: list[str] = []
        self._cell: list[str] | None = None
        self._label: list[str] | None = None
        self._in_row = False
        self._select: str | None = None  # the data-filter of the <select> the options belong to
        self.text: list[str] = []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        values = dict(attrs)
        if tag == "tr" and "data-feature" in values:
            self.rows.append({"attrs": values, "cells": [], "button": None})
            self._in_row = True
        elif tag in ("td", "th") and self._in_row:
            self._cell = []
        elif tag == "button" and self.rows:
            self.rows[-1]["button"] = values
        elif tag == "select":
            self._select = values.get("data-filter")
        elif tag == "option":
            self.options.append({**values, "select": self._select})
        elif tag == "label":
            self._label = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1]["cells"].append("".join(self._cell))
            self._cell = None
        elif tag == "label" and self._label is not None:
            self.labels.append("".join(self._label))
            self._label = None
        elif tag == "tr":
            self._in_row = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._label is not None:
            self._label.append(data)


def feature_list_elements(at: AppTest) -> list[Any]:
    """The feature-list elements of a run (one on a region page, none elsewhere)."""
    return [el for el in at.get("bidi_component") if el.proto.component_name == FEATURE_LIST_COMPONENT]


def feature_list_data(at: AppTest) -> dict:
    """What the page's only feature list was given: escaped `controls` and `table` HTML, and fold rules."""
    (element,) = feature_list_elements(at)
    return json.loads(element.proto.json)


def feature_list_rows(at: AppTest) -> list[dict]:
    """The rows of the page's feature list, as a browser reads them (see `Parsed.rows`)."""
    return Parsed(feature_list_data(at)["table"]).rows


def feature_list_names(at: AppTest) -> list[str]:
    """The names on the rows' buttons, as shown (character references decoded)."""
    return [row["cells"][1] for row in feature_list_rows(at)]


def pick(at: AppTest, feature_id: str) -> AppTest:
    """Rerun as the browser does when a name's button in the list is pressed (`setTriggerValue("pick", id)`).

    AppTest cannot run the list's JavaScript (the click itself is tested in tests/browser), so the trigger's
    widget state is added to the next run's. The trigger id is streamlit 1.67's for components v2 (pinned).
    Every AppTest run looks like a server's first deep link to `ui.data.leave_legacy_pages_mode`, whose rerun
    would drop the trigger (a trigger lives for one run); that check is off for this run (app.py runs anyway).
    """
    from unittest import mock

    from streamlit.components.v2.bidi_component.main import _make_trigger_id
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    import ui.data

    (element,) = feature_list_elements(at)
    states = at._tree.get_widget_states()
    trigger = WidgetState(id=_make_trigger_id(element.proto.id, "events"))
    trigger.json_trigger_value = json.dumps([{"event": "pick", "value": feature_id}])
    states.widgets.append(trigger)
    with mock.patch.object(ui.data, "leave_legacy_pages_mode", lambda: None):
        return at._run(states)
