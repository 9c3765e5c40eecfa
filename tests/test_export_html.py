"""Unit tests for veta.export_html: the offline classroom pack is complete, self-contained and verbatim."""

from __future__ import annotations

import dataclasses
import html
import io
import re
import zipfile
from pathlib import Path

import pytest

from tests.hostile import RAW_PIECES, hostile_atlas
from tests.map_text import decoded
from veta.__main__ import main
from veta.assets import vendor_files
from veta.atlas import load_atlas
from veta.credits import INTERVIEW_URL, LICENCE_URL
from veta.escape import escape_text
from veta.export_html import (
    INDEX,
    PACK_FOLDER,
    PASSAGES,
    SCOPES,
    export_pack,
    pack_zip,
    passages_html,
    region_filename,
    region_page_html,
    run_export_html,
    scopes_html,
)
from veta.glossary import load_glossary
from veta.handout import handout_filename
from veta.paths import GEODATA_DIR, SEEDS_DIR
from veta.quotes import quote_html
from veta.reader import speaker_name
from veta.scopes import scope_heading
from veta.tours import TOURS_DIR, load_tours

ATLAS = load_atlas()
TOURS = load_tours(TOURS_DIR, ATLAS)[0]
ALLOWED_URLS = {INTERVIEW_URL, LICENCE_URL}
"""The only http(s) addresses a pack may contain: the credit links."""
URL = re.compile(r"https?://[^\"'<>\s)]+")
REFERENCE = re.compile(r'(?:src|href)="([^"]*)"')
POPUP_QUOTE = re.compile(r"<blockquote>“(.*?)”<br>")
TAGS = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    """The whole pack, written once, and the list of files the writer reported."""
    out = tmp_path_factory.mktemp("pack") / "veta-pack"
    reported: list[Path] = []
    written = export_pack(ATLAS, out, tours=TOURS, glossary=load_glossary(ATLAS.seed), progress=reported.append)
    assert written == reported
    return out, written


def html_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if "vendor" not in p.parts)


def test_pack_has_every_file(pack: tuple[Path, list[Path]]) -> None:
    root, written = pack
    expected = {
        INDEX,
        PASSAGES,
        SCOPES,
        "data/features.geojson",
        "data/features.csv",
        *(region_filename(r.id) for r in ATLAS.regions),
        *(handout_filename(t) for t in TOURS),
        *(f"vendor/{v}" for v in vendor_files()),
    }
    present = {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
    assert present == expected
    assert {str(p.relative_to(root)) for p in written} == expected
    assert all((root / name).stat().st_size > 0 for name in expected)


def test_no_cdn_and_no_address_but_the_credits(pack: tuple[Path, list[Path]]) -> None:
    root, _ = pack
    for path in html_files(root):
        text = path.read_text(encoding="utf-8")
        urls = set(URL.findall(text))
        assert urls <= ALLOWED_URLS, f"{path.name}: {urls - ALLOWED_URLS}"
        assert "cdn" not in text.lower(), path.name
        assert not re.search(r"<(?:script|link|img)[^>]*(?:src|href)=\"(?:https?:)?//", text), path.name


def _walk_links(root: Path) -> int:
    """Follow every src and href of every page of the pack (map popups included): each relative target is a file
    inside the pack, and each `#fragment` an element id of its target page (or, for a map page's
    `#feature=<id>`, a feature drawn there). Returns how many references were checked."""
    checked = 0
    ids: dict[Path, set[str]] = {}
    for path in html_files(root):
        for ref in REFERENCE.findall(path.read_text(encoding="utf-8")):
            ref = html.unescape(ref)
            if ref.startswith(("https://", "http://", "mailto:")):
                continue
            file_part, _, fragment = ref.partition("#")
            target = (path.parent / file_part).resolve() if file_part else path.resolve()
            assert target.is_file(), f"{path.name} refers to missing {ref}"
            assert root.resolve() in target.parents, f"{path.name} refers outside the pack: {ref}"
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'\bid="([^"]+)"', target.read_text(encoding="utf-8")))
                name, _, value = fragment.partition("=")
                if value:  # a map page's hash: #feature=<id> selects a feature drawn on it
                    assert name == "feature" and value in target.read_text(encoding="utf-8"), f"{path.name}: {ref}"
                else:
                    assert fragment in ids[target], f"{path.name} links to a missing anchor: {ref}"
            checked += 1
    return checked


def test_every_link_of_the_pack_reaches_an_existing_file_and_anchor(pack: tuple[Path, list[Path]]) -> None:
    root, _ = pack
    assert _walk_links(root) > 50


def test_every_link_of_a_one_region_pack_reaches_an_existing_file(tmp_path: Path) -> None:
    out = tmp_path / "one"
    export_pack(ATLAS, out, region_id="madre-de-dios", tours=TOURS, glossary=load_glossary(ATLAS.seed))
    assert (out / SCOPES).is_file() and not (out / "choco.html").exists()
    assert _walk_links(out) > 50


def test_region_pages_load_leaflet_and_jquery_relatively(pack: tuple[Path, list[Path]]) -> None:
    root, _ = pack
    for region in ATLAS.regions:
        text = (root / region_filename(region.id)).read_text(encoding="utf-8")
        assert '<script src="vendor/leaflet/leaflet.js"></script>' in text
        assert '<script src="vendor/jquery/jquery.min.js"></script>' in text
        assert '<link rel="stylesheet" href="vendor/leaflet/leaflet.css"/>' in text
        assert '<body class="veta-pack-map">' in text  # the bar, map and credit stack to fill the window


def test_popups_quote_verbatim_and_link_to_the_pack_passages(pack: tuple[Path, list[Path]]) -> None:
    root, _ = pack
    anchors = set(re.findall(r'<article id="(p\d+)"', (root / PASSAGES).read_text(encoding="utf-8")))
    assert anchors == {p.id for p in ATLAS.seed.passages}
    for region in ATLAS.regions:
        text = decoded((root / region_filename(region.id)).read_text(encoding="utf-8"))
        quotes = [html.unescape(TAGS.sub("", q)) for q in POPUP_QUOTE.findall(text)]  # editorial spans dropped
        expected = [e.exact for f in ATLAS.features_in(region.id) for e in f.evidence]
        assert sorted(set(quotes)) == sorted(set(expected))
        for quote in quotes:
            assert quote in ATLAS.seed.text, quote
        links = set(re.findall(r'href="passages\.html#(p\d+)"', text))
        assert links == {pid for f in ATLAS.features_in(region.id) for pid in f.passage_ids}
        assert links <= anchors
        assert "/passages?passage=" not in text


def test_every_page_credits_tni_and_the_licence(pack: tuple[Path, list[Path]]) -> None:
    root, _ = pack
    for path in html_files(root):
        text = path.read_text(encoding="utf-8")
        assert "Transnational Institute" in text and "CC BY-NC-ND 3.0" in text, path.name
        assert f'href="{LICENCE_URL}"' in text, path.name
        assert "Natural Earth" in text, path.name  # the geodata attribution


def test_index_links_everything(pack: tuple[Path, list[Path]]) -> None:
    root, _ = pack
    text = (root / INDEX).read_text(encoding="utf-8")
    links = set(REFERENCE.findall(text))
    assert {region_filename(r.id) for r in ATLAS.regions} <= links
    assert {handout_filename(t) for t in TOURS} <= links
    assert {PASSAGES, "data/features.geojson", "data/features.csv"} <= links
    assert INDEX not in links  # the home page does not link to itself (issue 15.7)


def test_a_passages_features_open_their_region_page_with_the_feature_selected(pack: tuple[Path, list[Path]]) -> None:
    """Issue 15.7: "On the map" links name the feature (`<region>.html#feature=<id>`), not just its region."""
    root, _ = pack
    links = set(REFERENCE.findall((root / PASSAGES).read_text(encoding="utf-8")))
    mapped = [f for f in ATLAS.features if f.region in {r.id for r in ATLAS.regions}]
    assert {f"{region_filename(f.region)}#feature={f.id}" for f in mapped} <= links
    assert not {region_filename(r.id) for r in ATLAS.regions} & links  # never a region page with nothing selected


def test_passages_link_each_feature_to_its_selection_on_its_map(pack: tuple[Path, list[Path]]) -> None:
    """A passage's "on the map" links open the region's map with that feature selected (#feature=, read by the
    map's script); a statement about the Andes or the world has no map page in the pack, so it is not a link."""
    root, _ = pack
    text = (root / PASSAGES).read_text(encoding="utf-8")
    links = set(re.findall(r'href="([a-z-]+\.html)#feature=([a-z0-9-]+)"', text))
    focus = {r.id for r in ATLAS.regions}
    expected = {(region_filename(f.region), f.id) for f in ATLAS.features if f.region in focus}
    assert links == expected
    for page, _ in links:
        assert (root / page).is_file()


def test_passages_page_marks_quotes_and_escapes_text() -> None:
    hostile = hostile_atlas(ATLAS)
    text = passages_html(hostile)
    for piece in RAW_PIECES:
        assert piece not in text
    assert escape_text(hostile.feature("kachin-jade").name) in text
    assert text.count("<mark>") >= len({e.passage_id for f in ATLAS.features for e in f.evidence})


def test_passages_page_links_andes_and_world_statements_to_the_scopes_page() -> None:
    """Statements about the Andean countries or worldwide are listed under their passage, named by their scope,
    and link to their entry on the scopes page (the pack has no map page for them)."""
    text = passages_html(ATLAS)
    for scope in ATLAS.scopes:
        features = ATLAS.features_in(scope.id)
        assert features, scope.id
        for feature in features:
            assert f'<li><a href="{SCOPES}#{feature.id}">{escape_text(feature.name)}</a> <span' in text, feature.id
        assert f'href="{scope.id}.html"' not in text
        assert escape_text(scope.name) in text


def test_scopes_page_lists_every_statement_with_its_quotes(pack: tuple[Path, list[Path]]) -> None:
    root, _ = pack
    text = (root / SCOPES).read_text(encoding="utf-8")
    for scope in ATLAS.scopes:
        assert f'<section id="scope-{scope.id}"><h2>{escape_text(scope_heading(scope.id))}</h2>' in text
        for feature in ATLAS.features_in(scope.id):
            entry = text.split(f'<article id="{feature.id}"', 1)[1].split("</article>", 1)[0]
            assert f"<h3>{escape_text(feature.name)}</h3>" in entry and escape_text(feature.summary) in entry
            for evidence in feature.evidence:  # verbatim, with the speaker, linked to the passage in the pack
                passage = ATLAS.passage(evidence.passage_id)
                assert f"<p>“{quote_html(evidence.exact)}”</p><footer>— {escape_text(speaker_name(passage.speaker))}, " in entry
                assert f'<a href="{PASSAGES}#{passage.id}">passage {passage.number}</a>' in entry
    index = (root / INDEX).read_text(encoding="utf-8")
    assert f'href="{SCOPES}#scope-andes"' in index and f'href="{SCOPES}#scope-world"' in index
    assert f'href="{SCOPES}"' in (root / region_filename("kachin")).read_text(encoding="utf-8")


def test_scopes_page_escapes_hostile_text() -> None:
    feature = ATLAS.features_in("world")[0]
    hostile = hostile_atlas(ATLAS)
    hostile = dataclasses.replace(
        hostile,
        features=tuple(
            dataclasses.replace(f, name=RAW_PIECES[0], summary=RAW_PIECES[-1]) if f.id == feature.id else f
            for f in hostile.features
        ),
    )
    text = scopes_html(hostile)
    for piece in RAW_PIECES:
        assert piece not in text
    assert escape_text(RAW_PIECES[0]) in text and escape_text(RAW_PIECES[-1]) in text


def test_region_page_escapes_hostile_text() -> None:
    hostile = hostile_atlas(ATLAS)
    text = region_page_html(hostile, "kachin")
    for piece in RAW_PIECES:
        assert piece not in text


def test_one_region_pack(tmp_path: Path) -> None:
    written = export_pack(ATLAS, tmp_path / "p", region_id="kachin", tours=TOURS)
    names = {p.name for p in written}
    assert "kachin.html" in names and "choco.html" not in names and "madre-de-dios.html" not in names
    handouts = {n for n in names if n.startswith("handout-")}
    assert handouts == {handout_filename(t) for t in TOURS if "kachin" in t.regions}
    index = (tmp_path / "p" / INDEX).read_text(encoding="utf-8")
    assert "choco.html" not in index
    with pytest.raises(KeyError):
        export_pack(ATLAS, tmp_path / "q", region_id="atlantis")
    assert not (tmp_path / "q").exists()


def test_cli_writes_the_pack_and_reports_each_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli-pack"
    assert main(["export-html", "--out", str(out), "--region", "madre-de-dios"]) == 0
    lines = capsys.readouterr().out.splitlines()
    files = [p for p in out.rglob("*") if p.is_file()]
    wrote = [line for line in lines if line.startswith("wrote ")]
    assert len(wrote) == len(files)
    assert {line.removeprefix("wrote ") for line in wrote} == {str(p) for p in files}
    assert lines[-1].startswith("done:")


def test_cli_refuses_broken_data_and_unknown_regions(tmp_path: Path) -> None:
    stdout, stderr = io.StringIO(), io.StringIO()
    empty = tmp_path / "empty-geodata"
    empty.mkdir()
    assert run_export_html(tmp_path / "out", None, empty, SEEDS_DIR, stdout, stderr) == 1
    assert "cannot export" in stderr.getvalue()
    assert not (tmp_path / "out").exists()
    assert run_export_html(tmp_path / "out", "atlantis", GEODATA_DIR, SEEDS_DIR, stdout, stderr) == 2
    with pytest.raises(SystemExit):
        main(["export-html"])  # --out is required


def test_pack_zip_holds_the_same_files_as_the_folder(pack: tuple[Path, list[Path]]) -> None:
    root, _ = pack
    data = pack_zip(ATLAS, tours=TOURS, glossary=load_glossary(ATLAS.seed))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        expected = {f"{PACK_FOLDER}/{p.relative_to(root).as_posix()}" for p in root.rglob("*") if p.is_file()}
        assert names == expected
        for name in (INDEX, PASSAGES, region_filename("kachin")):
            assert archive.read(f"{PACK_FOLDER}/{name}") == (root / name).read_bytes()
