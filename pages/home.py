"""Overview: what Veta is and what the data holds."""

import streamlit as st

from ui.data import get_atlas
from veta.layers import LAYERS
from veta.summary import layer_counts

atlas = get_atlas()
st.title("Veta — an evidence-linked atlas of artisanal mining")
st.write(
    "One interview, three places: Chocó (Colombia), Madre de Dios (Peru) and Kachin State (Myanmar). "
    "Every feature on Veta's maps links back to the exact passage it comes from."
)
st.dataframe(layer_counts(atlas), width="stretch")
st.caption(f"{len(atlas.seed.passages)} passages · {len(atlas.features)} features · layers: {', '.join(LAYERS)}")
