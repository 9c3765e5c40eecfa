"""AppTests of "Cite this": the evidence panel cites the feature (with its address) and its passages; the reader
cites the linked passage; each format can be chosen, copied (st.code) and downloaded."""

from __future__ import annotations

import datetime as dt

from tests.pages.conftest import RunPage, no_exception
from veta.atlas import load_atlas
from veta.cite import citation, passage_work

REAL = load_atlas()


def test_evidence_panel_cites_the_feature_and_its_passages(run_page: RunPage) -> None:
    feature = REAL.features_in("kachin")[0]
    at = run_page("pages/kachin.py", {"feature": feature.id})
    no_exception(at)
    what = at.radio(key=f"cite-feature-{feature.id}-what")
    assert what.options[0] == "This feature" and len(what.options) == 1 + len(feature.passage_ids)
    at.radio(key=f"cite-feature-{feature.id}-format").set_value("ris").run()
    codes = [c.value for c in at.code]
    (ris,) = [c for c in codes if c.startswith("TY  - DATA")]
    assert f"TI  - {feature.name}" in ris and f"/kachin?feature={feature.id}" in ris
    assert f"Y2  - {dt.date.today():%Y/%m/%d}" in ris
    at.radio(key=f"cite-feature-{feature.id}-what").set_value(what.options[1]).run()
    passage = REAL.passage(feature.passage_ids[0])
    assert citation(passage_work(REAL, passage.id), "ris").strip() in [c.value.strip() for c in at.code]
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download .ris" in labels


def test_reader_cites_the_linked_passage(run_page: RunPage) -> None:
    at = run_page("pages/passages.py", {"passage": "p23"})
    no_exception(at)
    assert at.selectbox(key="cite-passage-which").value == "p23"
    assert citation(passage_work(REAL, "p23"), "apa") in [c.value for c in at.code]
    at.radio(key="cite-passage-format").set_value("bibtex").run()
    assert any(c.value.startswith("@misc{tni_artisanal_informal_mining_p23,") for c in at.code)
