"""The evidence panel and the feature table: pure builders of escaped HTML and of the table's rows.

Every data-derived string that reaches HTML goes through `veta.escape.escape_text`, exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from veta.escape import escape_text
from veta.evidence import Evidence
from veta.i18n import _
from veta.layers import kind_label, layer_label
from veta.model import Atlas, Feature
from veta.precision import PRECISION_CLASSES, precision_explained, precision_word
from veta.quotes import english_attr, english_marks, original_marker_html
from veta.quotes import quote_html as quote_text_html
from veta.reader import highlight_html, speaker_name

PRECISION_MEANINGS: dict[str, str] = {c.id: f"{c.label}. {c.meaning}" for c in PRECISION_CLASSES.values()}
"""What each precision class means, in English: `veta.precision`'s label and meaning, nothing else (the panel
shows them in the current language with `veta.precision.precision_explained`)."""

SELECTED_MARK = "▶"
"""The marker of the selected feature's row in the feature table."""


def quote_html(atlas: Atlas, evidence: Evidence) -> str:
    """One quote, verbatim in curly quotes, with its speaker and passage number, as a `<blockquote>`."""
    return quotes_html(atlas, (evidence,))


def quotes_html(atlas: Atlas, evidences: Sequence[Evidence]) -> str:
    """Quotes from one passage, each verbatim in curly quotes, with the speaker and passage once.

    The quotes are marked `lang="en"` (`veta.quotes.english_marks`: the interview's words stay English); in
    another language the footer notes that they are the English original."""
    passage = atlas.passage(evidences[0].passage_id)
    lines = "".join(f"<p>“{quote_text_html(e.exact)}”</p>" for e in evidences)
    source = _("— {speaker}, passage {number}").format(speaker=speaker_name(passage.speaker), number=passage.number)
    marker = original_marker_html()
    marks = english_marks()
    return (
        f'<blockquote class="veta-quote" data-passage="{escape_text(passage.id)}"{marks.block}>'
        f"{marks.open}{lines}{marks.close}<footer>{escape_text(source)}"
        f' <span class="veta-meta"{english_attr()}>({escape_text(passage.section)})</span>'
        f"{' ' + marker if marker else ''}</footer></blockquote>"
    )


def context_html(atlas: Atlas, evidences: Sequence[Evidence], *, open_: bool = False) -> str:
    """The whole passage around quotes from it (in a `lang="en"` paragraph), each quote marked with `<mark>`, in a
    `<details>` box."""
    passage = atlas.passage(evidences[0].passage_id)
    spans = [(e.start - passage.start, e.end - passage.start) for e in evidences]
    summary = _("In context: passage {number}").format(number=passage.number)
    return (
        f'<details class="veta-context"{" open" if open_ else ""}>'
        f"<summary>{escape_text(summary)}</summary>"
        f'<p lang="en">{highlight_html(passage.text, spans)}</p></details>'
    )


def evidence_by_passage(feature: Feature) -> list[tuple[str, tuple[Evidence, ...]]]:
    """A feature's quotes grouped by passage, in order of first citation."""
    groups: dict[str, list[Evidence]] = {}
    for evidence in feature.evidence:
        groups.setdefault(evidence.passage_id, []).append(evidence)
    return [(pid, tuple(items)) for pid, items in groups.items()]


def feature_header_html(atlas: Atlas, feature: Feature) -> str:
    """The panel's head: name, layer and kind, region, and the summary in our own words."""
    try:
        region = atlas.region(feature.region).name
    except KeyError:
        region = feature.region
    return (
        f'<div class="veta-panel-head">'
        f'<h3 class="veta-feature-name">{escape_text(feature.name)}</h3>'
        f'<p class="veta-meta">{escape_text(layer_label(feature.layer))} · '
        f"{escape_text(kind_label(feature.kind))} · {escape_text(region)}</p>"
        f'<p class="veta-summary">{escape_text(feature.summary)}</p></div>'
    )


def source_line(atlas: Atlas, feature: Feature) -> str:
    """Plain text naming where the geometry comes from: resource title and licence(s)."""
    try:
        resource = atlas.resource(feature.geometry_source)
    except KeyError:
        return feature.geometry_source
    licences = ", ".join(resource.licenses) or _("licence not stated")
    return f"{resource.title} ({licences})"


def provenance_html(atlas: Atlas, feature: Feature) -> str:
    """How the feature was placed: note, precision and its meaning, named place or outside source, geometry source, caveat."""
    rows = [
        (_("Placement"), escape_text(feature.placement_note)),
        (_("Precision"), escape_text(precision_explained(feature.precision))),
    ]
    if feature.named_place:
        rows.append((_("Named in the interview as"), escape_text(feature.named_place)))
    if feature.inferred_source:
        rows.append((_("Placed by Veta from"), escape_text(feature.inferred_source)))
    rows.append((_("Geometry source"), escape_text(source_line(atlas, feature))))
    items = "".join(f"<dt>{escape_text(label)}</dt><dd>{value}</dd>" for label, value in rows)
    caveat = ""
    if feature.caveat:
        label = escape_text(_("Caveat:"))
        caveat = f'<p class="veta-caveat"><b>{label}</b> {escape_text(feature.caveat)}</p>'
    return f'<dl class="veta-provenance">{items}</dl>{caveat}'


def evidence_panel_html(atlas: Atlas, feature: Feature) -> str:
    """The whole evidence panel as one HTML fragment (header, each quote with its context, provenance)."""
    quotes = "".join(
        quotes_html(atlas, group) + context_html(atlas, group, open_=(i == 0))
        for i, (_passage_id, group) in enumerate(evidence_by_passage(feature))
    )
    return (
        f'<section class="veta-panel" data-feature="{escape_text(feature.id)}">'
        f"{feature_header_html(atlas, feature)}{quotes}{provenance_html(atlas, feature)}</section>"
    )


def kinds_in(features: Iterable[Feature], layers: Iterable[str] = ()) -> tuple[str, ...]:
    """The kinds present among the features (of the given layers, if any), sorted."""
    layer_set = set(layers)
    return tuple(sorted({f.kind for f in features if not layer_set or f.layer in layer_set}))


def feature_rows(atlas: Atlas, features: Iterable[Feature], selected_id: str | None = None) -> list[dict[str, str]]:
    """Rows of the feature table: one per feature, plain text (`veta.feature_list` escapes each cell)."""
    rows = []
    for feature in features:
        first = feature.evidence[0]
        speaker = speaker_name(atlas.passage(first.passage_id).speaker)
        rows.append(
            {
                " ": SELECTED_MARK if feature.id == selected_id else "",
                "name": feature.name,
                "layer": layer_label(feature.layer),
                "kind": kind_label(feature.kind),
                "precision": precision_word(feature.precision),
                "quote": f"“{first.exact}” — {speaker}",
                "passages": ", ".join(f"¶ {pid.removeprefix('p')}" for pid in feature.passage_ids),
                "id": feature.id,
            }
        )
    return rows


def resources_html(atlas: Atlas) -> str:
    """The geodata files as an HTML table: title, file, sources, licences (all escaped)."""
    rows = "".join(
        f"<tr><td>{escape_text(r.title)}</td><td><code>{escape_text(r.path)}</code></td>"
        f"<td>{escape_text('; '.join(r.sources))}</td><td>{escape_text(', '.join(r.licenses))}</td></tr>"
        for r in atlas.resources
    )
    heads = "".join(f"<th>{escape_text(label)}</th>" for label in (_("Data"), _("File"), _("Sources"), _("Licence")))
    return (
        '<div class="veta-table-wrap"><table class="veta-resources"><thead><tr>'
        f"{heads}</tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )
