"""Markdown in data is text (issue #16, item 5): every data string Streamlit renders as Markdown goes through
`veta.escape.escape_markdown`, at each call site.

Streamlit renders st.markdown, st.caption and widget and button labels as Markdown: a region name or a tour title
holding `![t](http://tracker.invalid/t.png)` showed an image fetched from off the machine. Each test gives the app
data holding Markdown (region names in regions.geojson, a tour title, a feature id on the error page) and checks
the call sites that show it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import ui.teach_data
from tests.hostile import copy_geodata, run_page
from ui.map_display import parse_map_link
from veta.escape import escape_markdown
from veta.tours import TOURS_DIR

IMAGE = "![t](http://tracker.invalid/t.png)"
MARKDOWN = f"{IMAGE} **bold** :red[red] $x^2$ <b>b</b>\n\n# Heading"
TOUR_ID = "kachin-mining-and-war"


@pytest.fixture(scope="module")
def markdown_data(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str], str]:
    """A copy of the data whose region names and one tour's title hold Markdown; (geodata, tours, names, title)."""
    root = tmp_path_factory.mktemp("markdown")
    geodata = copy_geodata(root / "geodata")
    path = geodata / "regions.geojson"
    data = json.loads(path.read_text("utf-8"))
    names: dict[str, str] = {}
    for feature in data["features"]:
        props = feature["properties"]
        props["name"] = names[props["id"]] = f"{props['name']} {MARKDOWN}"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    tours = root / "tours"
    shutil.copytree(TOURS_DIR, tours)
    tour_path = tours / f"{TOUR_ID}.json"
    tour = json.loads(tour_path.read_text("utf-8"))
    tour["title"] = f"Mining and war {MARKDOWN}"
    tour_path.write_text(json.dumps(tour, ensure_ascii=False), "utf-8")
    return geodata, tours, names, tour["title"]


@pytest.fixture
def use_markdown_data(
    markdown_data: tuple[Path, Path, dict[str, str], str], monkeypatch: pytest.MonkeyPatch
) -> tuple[dict[str, str], str]:
    geodata, tours, names, title = markdown_data
    monkeypatch.setenv("VETA_GEODATA", str(geodata))
    monkeypatch.setattr(ui.teach_data, "TOURS_DIR", tours)
    return names, title


def markdown_shown(at: AppTest) -> list[str]:
    """Every text the run sends that Streamlit renders as Markdown: markdown, captions, titles, alerts, and the
    labels of buttons, download buttons, page links, widgets and expanders."""
    texts = [e.value for kind in ("markdown", "caption", "title", "header", "subheader") for e in at.get(kind)]
    texts += [e.value for kind in ("info", "warning", "error", "success") for e in at.get(kind)]
    for kind in ("button", "download_button", "page_link", "multiselect", "toggle", "checkbox", "radio", "expandable"):
        texts += [getattr(e.proto, "label", "") for e in at.get(kind)]
    return [t for t in texts if t]


def assert_no_raw_markdown(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    raw = [t for t in markdown_shown(at) if IMAGE in t or "**bold**" in t or ":red[" in t]
    assert raw == [], raw


def test_compare_shows_region_names_as_text(use_markdown_data: tuple[dict[str, str], str]) -> None:
    names, _ = use_markdown_data
    at = run_page("pages/compare.py", {"regions": "choco,kachin"})
    assert_no_raw_markdown(at)
    headings = [m.value for m in at.markdown]
    for region_id in ("choco", "kachin"):
        country = "Colombia" if region_id == "choco" else "Myanmar"
        assert f"**{escape_markdown(f'{names[region_id]}, {country}')}**" in headings


def test_downloads_shows_region_names_and_tour_titles_as_text(use_markdown_data: tuple[dict[str, str], str]) -> None:
    names, title = use_markdown_data
    at = run_page("pages/downloads.py")
    assert_no_raw_markdown(at)
    # the region names reach the page as the scope picker's options, which Streamlit shows as plain text
    options = at.selectbox(key="downloads-scope").options
    for region_id, name in names.items():
        assert any(option.startswith(f"{name} · ") for option in options), (region_id, options)
    labels = [b.proto.label for b in at.get("download_button")]
    assert escape_markdown(title) in labels, labels


def test_the_map_link_keeps_a_region_name_on_one_line(use_markdown_data: tuple[dict[str, str], str]) -> None:
    names, _ = use_markdown_data
    at = run_page("pages/kachin.py")
    assert not at.exception
    (link,) = [c.value for c in at.caption if parse_map_link(c.value)]
    assert "\n" not in link.split(". ")[0]  # no blank line to end the link's title and start Markdown of its own
    assert parse_map_link(link)[1] == " ".join(f"Map of {names['kachin']}, Myanmar".splitlines())


def test_the_error_page_keeps_each_problem_on_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The error page is HTML in st.markdown: a line break in a problem could end the HTML block and let the rest,
    an image among it, be read as Markdown."""
    geodata = copy_geodata(tmp_path / "geodata")
    path = geodata / "minerals.geojson"
    data = json.loads(path.read_text("utf-8"))
    data["features"][0]["properties"]["id"] = f"x\n\n{IMAGE}"
    path.write_text(json.dumps(data), "utf-8")
    monkeypatch.setenv("VETA_GEODATA", str(geodata))
    at = run_page("pages/home.py")
    assert not at.exception
    (listing,) = [m.value for m in at.markdown if m.proto.allow_html]
    assert "\n" not in listing and f"<b>x  {IMAGE}</b>" in listing
