"""The offline classroom pack: `python -m veta export-html --out DIR [--region ID] [--lang es]`.

Writes a folder that opens from a USB stick with no server and no internet: `index.html`; one page per region
with the same map the app shows (`veta.maps.build_pack_spec`: the region's map, its passage links into the pack), Leaflet and jQuery copied into `vendor/`
(`veta.assets.install_offline_assets`) and linked relatively; `passages.html` with an `id="pN"` anchor per
passage (popups link to `passages.html#pN`); `scopes.html` with the statements about the Andean countries and
worldwide (no map: each with its quotes, `id="<feature id>"`); one printable handout per tour; the features as GeoJSON and CSV;
the TNI credit, licence and geodata attribution on every page. The only http(s) URLs are the credit links.

The pack speaks the current language (`veta.i18n.use_language`); the caller passes the atlas, tours and glossary
localized for it (`veta.translate`). The interview's words stay in English, in elements marked `lang="en"`.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import folium
from branca.element import Element

from veta.assets import VENDOR_DIRNAME, install_offline_assets, set_map_assets, vendor_files
from veta.background import background_html
from veta.credits import GEODATA_CREDIT_TEXT
from veta.escape import escape_text
from veta.export import export_text
from veta.files import write_text_atomically
from veta.glossary import Glossary
from veta.handout import HANDOUT_CSS, NO_GLOSSARY, credit_html, handout_filename, handout_html, tours_visiting
from veta.i18n import DEFAULT_LANGUAGE, LANGUAGES, _, current_language, format_number, ngettext, use_language
from veta.layers import LAYERS, layer_label
from veta.maps import PACK_PASSAGE_URL, build_pack_spec, render_folium, stable_ids
from veta.maps.describe import in_english, original_mark
from veta.maps.folium_render import document_language
from veta.model import Atlas, Feature
from veta.quotes import quote_html
from veta.reader import highlight_html, kind_label, quoted_spans, speaker_name
from veta.scopes import is_scope, scope_heading, scope_intro, statement_meta
from veta.tours import Tour

PASSAGE_TARGET = PACK_PASSAGE_URL
"""Where popup links lead inside the pack."""
INDEX = "index.html"
PASSAGES = "passages.html"
SCOPES = "scopes.html"
"""The page of the Andean and worldwide statements (they have no map)."""
DATA_DIR = "data"
PACK_FOLDER = "veta-pack"
"""The top folder inside the pack's ZIP archive."""

PACK_CSS = """
html, body { height: 100%; margin: 0; }
body.veta-pack-map { display: flex; flex-direction: column; }
.veta-pack-bar { flex: 0 0 auto; padding: 0.35rem 0.8rem; font: 14px/1.4 system-ui, sans-serif;
  background: #fbf6ec; border-bottom: 1px solid #d8c9a8; }
.veta-pack-bar a { color: #6b4500; margin-right: 0.8rem; }
.veta-pack-bar h1 { display: inline; font-size: 1.05rem; margin-right: 1rem; }
body.veta-pack-map .folium-map { flex: 1 1 auto; height: auto !important; min-height: 20rem; }
.veta-pack-credit { order: 1; flex: 0 0 auto; font: 12px/1.35 system-ui, sans-serif; padding: 0.25rem 0.8rem;
  background: #f7f7f7; border-top: 1px solid #ddd; }
.veta-pack-credit p { margin: 0.1rem 0; }
"""
"""Styles of the region pages' bar and credit (fixed text)."""

Progress = Callable[[Path], None]


def region_filename(region_id: str) -> str:
    """The file name of a region's page in the pack, e.g. `choco.html`."""
    return f"{region_id}.html"


def _short_credit() -> str:
    """The credit for the region pages' footer (the handout's credit in a compact form)."""
    return credit_html().replace('<footer class="credit">', '<footer class="veta-pack-credit">')


def region_page_html(
    atlas: Atlas, region_id: str, *, vendor: str = VENDOR_DIRNAME, region_ids: Sequence[str] | None = None
) -> str:
    """A region's standalone map page: the app's map with relative asset paths and passage links, a bar of
    links back to the pack (and to the other maps in it: `region_ids`, all regions by default), and the credit."""
    region = atlas.region(region_id)
    m: folium.Map = render_folium(build_pack_spec(atlas, region_id))
    set_map_assets(m, vendor)
    root = m.get_root()
    root.header.add_child(Element(f"<style>{PACK_CSS}</style>"), name="veta_pack_css")
    links = " ".join(
        f'<a href="{escape_text(region_filename(r.id))}">{escape_text(r.name)}</a>'
        for r in atlas.regions
        if r.id != region_id and (region_ids is None or r.id in region_ids)
    )
    home, interview = _("Veta pack home"), _("The interview")
    beyond, hint = _("Andean countries and worldwide"), _("Click a feature for its exact quotes.")
    bar = (
        f'<nav class="veta-pack-bar" style="order:-1"><h1>{escape_text(region.name)}, {escape_text(region.country)}'
        f'</h1><a href="{INDEX}">{escape_text(home)}</a>'
        f'<a href="{PASSAGES}">{escape_text(interview)}</a>{links}'
        f'<a href="{SCOPES}">{escape_text(beyond)}</a>'
        f'<span class="veta-meta">{escape_text(hint)}</span></nav>'
    )
    root.html.add_child(Element(bar), name="veta_pack_bar")
    root.html.add_child(Element(_short_credit()), name="veta_pack_credit")
    if root.title is None:
        root.title = escape_text(_("{region} — Veta").format(region=region.name))
    html = document_language(stable_ids(root.render()), current_language())
    html = html.replace("<body>", '<body class="veta-pack-map">', 1)
    return html


def _page(title: str, body: str, *, home_link: bool = True) -> str:
    """A plain standalone page of the pack (no script); `home_link`: a link back to the pack's home page (not
    on the home page itself)."""
    home = _("Veta pack home")
    return (
        f'<!DOCTYPE html><html lang="{escape_text(current_language())}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape_text(title)} — Veta</title><style>{HANDOUT_CSS}"
        ".veta-passage { border-left: 3px solid #ddd; padding: 0.1rem 0.7rem; margin: 0.6rem 0; }"
        ".veta-passage-mapped { border-left-color: #8a5a00; } .veta-passage:target { background: #fff1c9; }"
        "</style></head>"
        "<body>"
        + (f'<p class="noprint"><a href="{INDEX}">← {escape_text(home)}</a></p>' if home_link else "")
        + f"{body}{credit_html()}</body></html>"
    )


def feature_link(feature: Feature, region_ids: Sequence[str] | None = None) -> str:
    """The pack's address of a feature: its region's map page with it selected (`choco.html#feature=<id>`; the map
    selects the feature named in its address's hash at load), or for an Andean or worldwide
    statement its entry on the scopes page (`scopes.html#andes-pinata`); "" for a region whose map is not in
    the pack (`region_ids`: the regions it has, all by default)."""
    if is_scope(feature.region):
        return f"{SCOPES}#{feature.id}"
    if region_ids is not None and feature.region not in region_ids:
        return ""
    return f"{region_filename(feature.region)}#feature={feature.id}"


def scopes_html(atlas: Atlas) -> str:
    """The statements about the Andean countries as a whole and about artisanal mining worldwide (no map):
    a section per scope (`id="scope-andes"`), each statement (`id="<feature id>"`) with its kind, summary (figures
    attributed to the speaker) and its quotes, verbatim, with speaker and a link to the passage."""
    intro = _(
        "What the interview says about the Andean countries as a whole and about artisanal and small-scale mining "
        "worldwide. These statements are about no one place: they are listed here rather than drawn on a map."
    )
    beyond, caveat_label = _("Beyond the three regions"), _("Caveat:")
    parts = [f'<h1>{escape_text(beyond)}</h1><p class="meta">{escape_text(intro)}{original_mark()}</p>']
    for scope in atlas.scopes:
        features = atlas.features_in(scope.id)
        if not features:
            continue
        parts.append(
            f'<section id="scope-{escape_text(scope.id)}"><h2>{escape_text(scope_heading(scope.id))}</h2>'
            f'<p class="meta">{escape_text(scope_intro(atlas, scope))}</p>'
        )
        for feature in features:
            quotes = "".join(
                f"<blockquote><p>{in_english(f'“{quote_html(e.exact)}”')}</p><footer>— "
                f"{escape_text(speaker_name(atlas.passage(e.passage_id).speaker))}, "
                f'<a href="{PASSAGES}#{escape_text(e.passage_id)}">{_passage_number(atlas, e.passage_id)}</a>'
                "</footer></blockquote>"
                for e in feature.evidence
            )
            caveat = (
                f'<p class="meta"><b>{escape_text(caveat_label)}</b> {escape_text(feature.caveat)}</p>'
                if feature.caveat
                else ""
            )
            parts.append(
                f'<article id="{escape_text(feature.id)}" class="veta-passage veta-passage-mapped">'
                f"<h3>{escape_text(feature.name)}</h3>"
                f'<p class="meta">{escape_text(statement_meta(atlas, feature))}</p>'
                f"<p>{escape_text(feature.summary)}</p>{quotes}{caveat}</article>"
            )
        parts.append("</section>")
    return _page(_("Beyond the three regions"), "".join(parts))


def _passage_number(atlas: Atlas, passage_id: str) -> str:
    """ "passage 12" in the current language, escaped."""
    return escape_text(_("passage {number}").format(number=atlas.passage(passage_id).number))


def passages_html(atlas: Atlas, region_ids: Sequence[str] | None = None) -> str:
    """The whole interview, passage by passage (`id="pN"`), quoted parts marked, features linked to their map
    (an Andean or worldwide statement to its entry on the scopes page); features of a region whose map is not in
    the pack (`region_ids`, all by default) are named without a link."""
    names = {r.id: r.name for r in (*atlas.regions, *atlas.scopes)}
    intro = _(
        "The interview, passage by passage. Parts quoted on the maps are marked; each passage lists the features "
        "that cite it."
    )
    parts = [
        f'<h1>{in_english("Artisanal and Informal Mining")}</h1><p class="meta">{escape_text(intro)}'
        f"{original_mark()}</p>"
    ]
    section = None
    on_map, not_on_map = _("On the map:"), _("Not (all) on the map:")
    for passage in atlas.seed.passages:
        if passage.section != section:
            section = passage.section
            parts.append(f"<h2>{in_english(escape_text(section))}</h2>")
        citing = atlas.features_citing(passage.id)
        items = "".join(
            (
                f'<li><a href="{escape_text(feature_link(f, region_ids))}">{escape_text(f.name)}</a> '
                if feature_link(f, region_ids)
                else f"<li>{escape_text(f.name)} "
            )
            + f'<span class="meta">{escape_text(layer_label(f.layer))} · {escape_text(kind_label(f.kind))} · '
            f"{escape_text(names.get(f.region, f.region))}</span></li>"
            for f in citing
        )
        reason = atlas.unmapped_reason(passage.id)
        classes = "veta-passage veta-passage-mapped" if citing else "veta-passage"
        parts.append(
            f'<article id="{escape_text(passage.id)}" class="{classes}"><p class="meta">¶ {passage.number} · '
            f"<b>{escape_text(speaker_name(passage.speaker))}</b></p>"
            f"<p>{in_english(highlight_html(passage.text, quoted_spans(atlas, passage)))}</p>"
            + (f"<p><b>{escape_text(on_map)}</b></p><ul>{items}</ul>" if items else "")
            + (f'<p class="meta"><b>{escape_text(not_on_map)}</b> {escape_text(reason)}</p>' if reason else "")
            + "</article>"
        )
    return _page(_("The interview"), "".join(parts))


def index_html(atlas: Atlas, region_ids: Sequence[str], tours: Sequence[Tour]) -> str:
    """The pack's home page: links to each region map, the passages, the handouts and the data files."""
    regions = "".join(
        f'<li><a href="{escape_text(region_filename(r.id))}">{escape_text(r.name)}, {escape_text(r.country)}</a> '
        f'<span class="meta">— {escape_text(_region_counts(atlas, r.id))}</span></li>'
        for r in atlas.regions
        if r.id in region_ids
    )
    scopes = "".join(
        f'<li><a href="{SCOPES}#scope-{escape_text(s.id)}">{escape_text(scope_heading(s.id))}</a> '
        f'<span class="meta">— {escape_text(_statement_count(len(atlas.features_in(s.id))))}</span></li>'
        for s in atlas.scopes
        if atlas.features_in(s.id)
    )
    handouts = "".join(
        f'<li><a href="{escape_text(handout_filename(t))}">{escape_text(t.title)}</a> '
        f'<span class="meta">— {background_html(t.summary_parts)}</span></li>'
        for t in tours
    )
    intro = _(
        "An evidence-linked atlas of artisanal and small-scale mining. Every feature on these maps quotes the "
        "exact words of one interview, and every passage lists its features. Everything here works without "
        "internet: open the files from this folder."
    )
    if current_language() != DEFAULT_LANGUAGE:
        intro += " " + _("The interview's words are shown as they were said, in English.")
    texts = {
        "title": _("Veta — offline classroom pack"),
        "maps": _("Maps"),
        "beyond": _("Beyond the three regions"),
        "interview": _("The interview"),
        "read": _("Read the interview, passage by passage"),
        "handouts": _("Guided tours: printable handouts"),
        "data": _("Data"),
        "geojson": _("Features as GeoJSON"),
        "csv": _("Features as CSV"),
        "credit": _("Map data: {credit}.").format(credit=_(GEODATA_CREDIT_TEXT)),
    }
    e = {key: escape_text(value) for key, value in texts.items()}
    body = (
        f"<h1>{e['title']}</h1><p>{escape_text(intro)}</p><h2>{e['maps']}</h2><ul>{regions}</ul>"
        + (f"<h2>{e['beyond']}</h2><ul>{scopes}</ul>" if scopes else "")
        + f'<h2>{e["interview"]}</h2><ul><li><a href="{PASSAGES}">{e["read"]}</a></li></ul>'
        + (f"<h2>{e['handouts']}</h2><ul>{handouts}</ul>" if handouts else "")
        + f'<h2>{e["data"]}</h2><ul><li><a href="{DATA_DIR}/features.geojson">{e["geojson"]}</a></li>'
        f'<li><a href="{DATA_DIR}/features.csv">{e["csv"]}</a></li></ul><p class="meta">{e["credit"]}</p>'
    )
    return _page(_("Offline classroom pack"), body, home_link=False)


def _region_counts(atlas: Atlas, region_id: str) -> str:
    """ "12 features: 4 minerals, 3 rivers, …" in the current language."""
    total = len(atlas.features_in(region_id))
    counts = ", ".join(
        f"{format_number(len(atlas.features_in(region_id, layer)))} {layer_label(layer).lower()}" for layer in LAYERS
    )
    return ngettext("{count} feature: {counts}", "{count} features: {counts}", total).format(
        count=format_number(total), counts=counts
    )


def _statement_count(count: int) -> str:
    return ngettext(
        "{count} statement, listed with its quotes", "{count} statements, listed with their quotes", count
    ).format(count=format_number(count))


def _write(path: Path, text: str, progress: Progress | None) -> Path:
    """Write a text file atomically (temporary name, then rename) and report it."""
    write_text_atomically(path, text)
    if progress is not None:
        progress(path)
    return path


def export_pack(
    atlas: Atlas,
    out_dir: Path,
    *,
    region_id: str | None = None,
    tours: Sequence[Tour] = (),
    glossary: Glossary = NO_GLOSSARY,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the offline pack into `out_dir` (created); return the files written, in order.

    `region_id` limits the maps and data to one region (and the handouts to the tours that visit it).
    `progress` is called with each file's path once it is written.
    """
    out_dir = Path(out_dir)
    region_ids = [region_id] if region_id else [r.id for r in atlas.regions]
    if region_id is not None:
        atlas.region(region_id)  # KeyError for an unknown region, before anything is written
    chosen_tours = tours_visiting(tours, region_id)
    written: list[Path] = []
    install_offline_assets(out_dir)
    for relative in vendor_files():
        path = out_dir / VENDOR_DIRNAME / relative
        written.append(path)
        if progress is not None:
            progress(path)
    for rid in region_ids:
        page = region_page_html(atlas, rid, region_ids=region_ids)
        written.append(_write(out_dir / region_filename(rid), page, progress))
    written.append(_write(out_dir / PASSAGES, passages_html(atlas, region_ids), progress))
    written.append(_write(out_dir / SCOPES, scopes_html(atlas), progress))
    for tour in chosen_tours:
        written.append(_write(out_dir / handout_filename(tour), handout_html(atlas, tour, glossary), progress))
    language = current_language()
    geojson = export_text(atlas, "geojson", region_id, language)
    written.append(_write(out_dir / DATA_DIR / "features.geojson", geojson, progress))
    written.append(
        _write(out_dir / DATA_DIR / "features.csv", export_text(atlas, "csv", region_id, language), progress)
    )
    written.append(_write(out_dir / INDEX, index_html(atlas, region_ids, chosen_tours), progress))
    return written


def pack_zip(
    atlas: Atlas,
    *,
    region_id: str | None = None,
    tours: Sequence[Tour] = (),
    glossary: Glossary = NO_GLOSSARY,
    folder: str = PACK_FOLDER,
) -> bytes:
    """The offline pack as a ZIP archive (every file under `folder/`), for a download button."""
    with tempfile.TemporaryDirectory(prefix="veta-pack-") as temporary:
        root = Path(temporary) / folder
        written = export_pack(atlas, root, region_id=region_id, tours=tours, glossary=glossary)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(written):
                archive.write(path, f"{folder}/{path.relative_to(root).as_posix()}")
        return buffer.getvalue()


def run_export_html(
    out_dir: Path,
    region_id: str | None,
    geodata_dir: Path,
    seeds_dir: Path,
    stdout: TextIO,
    stderr: TextIO,
    lang: str = DEFAULT_LANGUAGE,
) -> int:
    """`python -m veta export-html [--lang es]`: write the pack in `lang` (its texts, tours and glossary translated,
    the interview's words in English), one line per file on stdout; return the exit code."""
    from veta.atlas import load_atlas_for_cli
    from veta.glossary import read_glossary
    from veta.tours import TOURS_DIR, load_tours
    from veta.translate import localize_atlas, localize_glossary, localize_tour

    if lang not in LANGUAGES:
        print(f"unknown language {lang!r} (available: {', '.join(LANGUAGES)})", file=stderr)
        return 2
    atlas = load_atlas_for_cli(geodata_dir, seeds_dir, stderr)
    if atlas is None:
        return 1
    if region_id is not None and region_id not in {r.id for r in atlas.regions}:
        print(f"unknown region {region_id!r}", file=stderr)
        return 2
    tours, tour_problems = load_tours(TOURS_DIR, atlas)
    glossary, glossary_problems = read_glossary(atlas.seed)
    for problem in [*tour_problems, *glossary_problems]:
        print(f"warning: {problem}", file=stderr)
    count = 0

    def report(path: Path) -> None:
        nonlocal count
        count += 1
        print(f"wrote {path}", file=stdout, flush=True)

    with use_language(lang):
        export_pack(
            localize_atlas(atlas, lang),
            out_dir,
            region_id=region_id,
            tours=[localize_tour(tour, lang) for tour in tours],
            glossary=localize_glossary(glossary, lang),
            progress=report,
        )
    print(f"done: {count} files in {out_dir}; open {Path(out_dir) / INDEX} in a browser", file=stdout)
    return 0
