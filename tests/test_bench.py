"""The benchmark's baselines draw the sample's own content: bench/sample.json is what the
exporter makes of the sample today, and the bare ReportLab script typesets all of it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLE, pdf_text

sys.path.insert(0, str(ROOT / "bench"))
import bare_reportlab  # noqa: E402
import export_text  # noqa: E402


def it_keeps_the_exported_sample_in_step_with_the_content() -> None:
    saved = json.loads((ROOT / "bench" / "sample.json").read_text("utf-8"))
    assert saved == json.loads(json.dumps(export_text.export(SAMPLE), ensure_ascii=False)), \
        "run python bench/export_text.py"


def it_typesets_every_item_of_the_sample_including_its_charts(tmp_path: Path) -> None:
    bare_reportlab.main(str(tmp_path / "bare.pdf"))
    text = "".join(pdf_text(tmp_path / "bare.pdf")).replace("\n", "")
    sample = json.loads((ROOT / "bench" / "sample.json").read_text("utf-8"))
    items = sample["items"] + sample["closing"]
    # the Sources heading and a table under each source's name, drawn once, not repeated
    assert [i["en"] for i in sample["closing"]] == [
        "Sources", "Xicheng District 2023 Work Review",
        "Derived: days of the year less good-air days"]
    charts = [i for i in items if i["kind"] == "chart"]
    assert len(charts) == 2
    for item in charts + [i for i in items if i["kind"] == "heading"]:
        assert item["zh"] in text and item["en"] in text
