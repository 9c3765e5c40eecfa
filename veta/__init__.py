"""Veta: an evidence-linked atlas of artisanal and small-scale mining.

The domain package: the interview and its passages, evidence, features, regions, validation and maps.
It never imports streamlit; the app's pages call into it.
"""

__version__ = "0.1.0"
