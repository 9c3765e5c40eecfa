"""Hostile text for Veta's tests: strings that must always show as literal text, and data copies carrying them.

`hostile_copy` copies the real geodata into a temporary folder and writes hostile strings into one feature's
name, summary, placement note and caveat, and a 5,000-character name into a second feature; the copy still
validates. `hostile_kind_copy` gives a feature a hostile `kind`, which the validator rejects (the app must then
show the kind literally on its error page). `hostile_atlas` does both in Python with `dataclasses.replace`,
for testing the HTML builders with a hostile kind the validator would never let through.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui.map_display import MAPS_DIR, MAPS_URL, parse_map_link
from veta.model import Atlas, Feature
from veta.paths import GEODATA_DIR, PROJECT_DIR, SEEDS_DIR

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
TEMPLATE = "${1+1}"
BACKTICK = "back`tick"
DOUBLE = '"double"'
SINGLE = "'single'"
PIECES: tuple[str, ...] = (SCRIPT, IMG, TEMPLATE, BACKTICK, DOUBLE, SINGLE)
"""Each hostile piece; every one must appear literally wherever a hostile field is shown."""

HOSTILE = " ".join(PIECES)
"""All pieces in one string (both kinds of quote marks included)."""
HOSTILE_NO_DOUBLE = " ".join(p for p in PIECES if p != DOUBLE)
"""For summaries: the validator rejects double quote marks in a summary (it must be our own words)."""
LONG_CHARS = 5000


def long_text(head: str, length: int = LONG_CHARS) -> str:
    """`head` followed by filler words up to exactly `length` characters, ending in a marker word.

    Single spaces only, so that the text reads the same after HTML collapses white space.
    """
    tail = " END-OF-LONG-TEXT"
    body = head
    while len(body) < length:
        body += " lorem ipsum dolor"
    body = body[: length - len(tail)]
    if body.endswith(" "):
        body = body[:-1] + "x"
    return body + tail


HOSTILE_NAME = "Hostile name " + HOSTILE
HOSTILE_SUMMARY = long_text("Hostile summary " + HOSTILE_NO_DOUBLE)
HOSTILE_NOTE = long_text("Hostile note " + HOSTILE)
HOSTILE_CAVEAT = "Hostile caveat " + HOSTILE
HOSTILE_KIND = "hostile-kind " + HOSTILE
LONG_NAME = long_text("Long name " + HOSTILE)

HOSTILE_FEATURE = "kachin-jade"
"""The real feature (a point in Kachin State) that gets the hostile name, summary, note and caveat."""
LONG_FEATURE = "choco-platinum"
"""The real feature (a point in Chocó) that gets the 5,000-character name."""
KIND_FEATURE = "mdd-alluvial-gold"
"""The real feature that gets the hostile kind (in `hostile_kind_copy` and `hostile_atlas`)."""

FIELDS: dict[str, dict[str, str]] = {
    HOSTILE_FEATURE: {
        "name": HOSTILE_NAME,
        "summary": HOSTILE_SUMMARY,
        "placement_note": HOSTILE_NOTE,
        "caveat": HOSTILE_CAVEAT,
    },
    LONG_FEATURE: {"name": LONG_NAME},
}
"""What each hostile feature's properties become."""


def copy_geodata(target: Path, source: Path = GEODATA_DIR) -> Path:
    """A full copy of a geodata folder, and of the seeds next to it (the data package names `../seeds/…`).

    Sources are included, so that every resource path of the data package exists in the copy.
    """
    shutil.copytree(source, target)
    if not (target.parent / "seeds").exists():
        shutil.copytree(SEEDS_DIR, target.parent / "seeds")
    return target


def edit_properties(geodata: Path, changes: dict[str, dict[str, object]]) -> set[str]:
    """Apply {feature id: {property: value}} to every layer file in `geodata`; return the ids found."""
    found: set[str] = set()
    for path in sorted(geodata.glob("*.geojson")):
        data = json.loads(path.read_text("utf-8"))
        touched = False
        for feature in data.get("features", []):
            props = feature.get("properties") or {}
            if props.get("id") in changes:
                props.update(changes[props["id"]])
                found.add(props["id"])
                touched = True
        if touched:
            path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return found


def hostile_copy(target: Path) -> Path:
    """A copy of the real geodata whose hostile features carry hostile text; it still validates."""
    geodata = copy_geodata(target)
    found = edit_properties(geodata, FIELDS)
    assert found == set(FIELDS), f"hostile features missing from the real data: {set(FIELDS) - found}"
    return geodata


def hostile_kind_copy(target: Path) -> Path:
    """A copy of the real geodata in which one feature has a hostile `kind` (the validator rejects it)."""
    geodata = copy_geodata(target)
    found = edit_properties(geodata, {KIND_FEATURE: {"kind": HOSTILE_KIND}})
    assert found == {KIND_FEATURE}, f"{KIND_FEATURE} missing from the real data"
    return geodata


def _hostile_feature(feature: Feature) -> Feature:
    changes: dict[str, str] = dict(FIELDS.get(feature.id, {}))
    if feature.id == KIND_FEATURE:
        changes["kind"] = HOSTILE_KIND
    if feature.id == HOSTILE_FEATURE:
        changes["kind"] = HOSTILE_KIND
        changes["summary"] = long_text("Hostile summary " + HOSTILE)  # in Python, double quotes too
    return dataclasses.replace(feature, **changes) if changes else feature


HOSTILE_REGION_SUFFIX = " region " + HOSTILE
"""Appended to every region's name and country in `hostile_atlas` (region names come from the data too)."""


def hostile_atlas(atlas: Atlas) -> Atlas:
    """The atlas with hostile text in name, summary, placement note, caveat and kind of the hostile features,
    and in every region's name and country."""
    regions = tuple(
        dataclasses.replace(r, name=r.name + HOSTILE_REGION_SUFFIX, country=r.country + HOSTILE_REGION_SUFFIX)
        for r in atlas.regions
    )
    return dataclasses.replace(atlas, regions=regions, features=tuple(_hostile_feature(f) for f in atlas.features))


# ---------------------------------------------------------------------------------------------- AppTest helpers

APP_FILE = PROJECT_DIR / "app.py"
RAW_PIECES: tuple[str, ...] = (SCRIPT, IMG, TEMPLATE, BACKTICK)
"""Hostile pieces that must never reach a page's HTML or JavaScript unescaped."""


def page_files() -> list[str]:
    """Every page of the app (`pages/*.py`, relative to app.py), so new pages are covered as they appear."""
    return sorted(str(path.relative_to(PROJECT_DIR)) for path in (PROJECT_DIR / "pages").glob("*.py"))


def run_page(page: str, params: dict[str, str | list[str]] | None = None, timeout: float = 60) -> AppTest:
    """Run the whole app (app.py with st.navigation) on one page, with these query parameters."""
    at = AppTest.from_file(str(APP_FILE), default_timeout=timeout)
    for name, value in (params or {}).items():
        at.query_params[name] = value
    at.switch_page(page)
    return at.run()


def markup_of(at: AppTest) -> list[str]:
    """Everything a run sends as HTML or JavaScript: st.html bodies, HTML-enabled markdown, component args and data,
    and the map files its map iframes load."""
    found = [element.proto.body for element in at.get("html")]
    found += [element.value for element in at.get("markdown") if element.proto.allow_html]
    found += [element.proto.json_args for element in at.get("component_instance")]
    found += [element.proto.json for element in at.get("bidi_component")]
    found += [map_file_text(shown) for shown in shown_maps(at)]
    return found


@dataclass(frozen=True)
class ShownMap:
    """A map a run shows (`ui.map_display.show_map_file`): its file's address and the iframe's title."""

    src: str
    title: str


def shown_maps(at: AppTest) -> list[ShownMap]:
    """The maps the run shows, from the captions under them (`ui.map_display.map_link_markdown`)."""
    found = (parse_map_link(element.value) for element in at.caption)
    return [ShownMap(*link) for link in found if link is not None and link[0].startswith(MAPS_URL)]


def map_file_text(shown: ShownMap) -> str:
    """The HTML of a map file a page shows, read where the app serves it."""
    assert shown.src.startswith(MAPS_URL), shown.src
    return (MAPS_DIR / shown.src.removeprefix(MAPS_URL)).read_text(encoding="utf-8")


def raw_pieces_in(at: AppTest) -> list[tuple[str, str]]:
    """(piece, start of the fragment) for every hostile piece that reached the run's markup unescaped."""
    return [(piece, markup[:120]) for markup in markup_of(at) for piece in RAW_PIECES if piece in markup]
