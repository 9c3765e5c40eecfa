"""The feature table: the keyboard-friendly twin of the map, with filters and row selection."""

from __future__ import annotations

import hashlib

import streamlit as st

from veta.model import Atlas, Feature
from veta.panels import feature_rows, filter_features, kinds_in
from veta.reader import LAYER_LABELS, kind_label


def draw_feature_table(atlas: Atlas, region_id: str, selected_id: str | None) -> str | None:
    """Draw filters and the table of a region's features; return the id of a row the user just selected."""
    features = atlas.features_in(region_id)
    layers_present = tuple(dict.fromkeys(f.layer for f in features))
    filters = st.columns([2, 2, 3])
    layers = filters[0].multiselect(
        "Layers",
        layers_present,
        format_func=lambda layer: LAYER_LABELS.get(layer, layer),
        placeholder="All layers",
        key=f"table-layers-{region_id}",
    )
    kinds = filters[1].multiselect(
        "Kinds",
        kinds_in(features, layers),
        format_func=kind_label,
        placeholder="All kinds",
        key=f"table-kinds-{region_id}",
    )
    query = filters[2].text_input(
        "Search names, summaries and quotes",
        key=f"table-query-{region_id}",
        placeholder="e.g. mercury, river, women",
    )
    shown: tuple[Feature, ...] = filter_features(features, layers=layers, kinds=kinds, query=query)
    st.caption(f"{len(shown)} of {len(features)} features · select a row to show it on the map and read its evidence")
    if not shown:
        st.info("No feature matches these filters.")
        return None
    rows = feature_rows(atlas, shown, selected_id)
    # A fresh table (new key) whenever the selection or the filters change, so that a remembered row
    # number can never point at a different feature.
    state = hashlib.sha1(repr((selected_id, layers, kinds, query)).encode()).hexdigest()[:12]
    selected_rows = [i for i, f in enumerate(shown) if f.id == selected_id]
    event = st.dataframe(
        rows,
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        selection_default={"selection": {"rows": selected_rows}} if selected_rows else None,
        column_order=(" ", "name", "layer", "kind", "precision", "quote", "passages"),
        column_config={
            " ": st.column_config.TextColumn(" ", width="small", help="The selected feature"),
            "name": st.column_config.TextColumn("Name", width="medium"),
            "layer": st.column_config.TextColumn("Layer"),
            "kind": st.column_config.TextColumn("Kind"),
            "precision": st.column_config.TextColumn("Precision"),
            "quote": st.column_config.TextColumn("First quote", width="large"),
            "passages": st.column_config.TextColumn("Passages"),
        },
        key=f"table-{region_id}-{state}",
    )
    chosen = event.selection.rows if event is not None else []
    if chosen and 0 <= chosen[0] < len(shown) and shown[chosen[0]].id != selected_id:
        return shown[chosen[0]].id
    return None
