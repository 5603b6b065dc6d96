"""`briefing batch`: personalised editions for delegations, built in parallel, each on its
own: the cover names the delegation, tags select sections, the QR code scans back."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import sys
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest
import zxingcpp
from docx.oxml.ns import qn

from briefing.cli import main
from tests.conftest import ROOT, made_once, pdf_text, shared_tmp

DELEGATIONS = ROOT / "content" / "delegations.yaml"


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample's delegations, built once for the test run (whichever worker asks first)."""
    def make(out: Path) -> list[Path]:
        assert main(["batch", str(DELEGATIONS), "-o", str(out), "--jobs", "2"]) == 0
        return []

    out = shared_tmp(tmp_path_factory) / "batch"
    made_once(out, make)
    return out


def text_of(path: Path) -> str:
    return re.sub(r"\s+", "", "".join(pdf_text(path)))


def it_names_each_edition_predictably(batch: Path) -> None:
    names = sorted(p.name for p in batch.glob("xicheng-2023--*") if p.suffix in (".pdf",
                                                                                 ".docx"))
    assert len(names) == 10
    # each edition's change report and figure snapshot, published with it (editions.py)
    assert len(list(batch.glob("xicheng-2023--*.changes.json"))) == 5
    assert (batch / "xicheng-2023--rhine-food-de.figures.json").is_file()
    # two workers published into one manifest, each under the folder's lock: none lost
    manifest = json.loads((batch / ".briefing-manifest.json").read_text("utf-8"))
    assert sorted(manifest["outputs"]) == names
    assert "xicheng-2023--rhine-food-de.pdf" in names
    assert "xicheng-2023--henan-provincial-team.docx" in names


def it_puts_the_delegation_on_the_cover_and_the_contact_at_the_end(batch: Path) -> None:
    text = text_of(batch / "xicheng-2023--rhine-food-de.pdf")
    first = re.sub(r"\s+", "", pdf_text(batch / "xicheng-2023--rhine-food-de.pdf")[0])
    assert "专为德国莱茵河谷食品机械代表团编制" in first
    assert "PreparedforRhineValleyFoodMachinerydelegation(Germany)" in first
    assert "莱茵河谷食品机械有限公司·2024年3月12日" in first
    assert "RhineValleyFoodMachineryGmbH·March12,2024" in first
    assert "热烈欢迎莱茵河谷食品机械代表团" in text  # the greeting
    assert "王芳" in text and "WangFang" in text and "invest@example.org" in text
    english = text_of(batch / "xicheng-2023--sakura-logistics-jp.pdf")
    assert "PreparedforSakuraCold-ChainLogisticsdelegation(Japan)" in english
    assert not re.search(r"[\u4e00-\u9fff]", english)  # the English edition


def it_selects_sections_by_tag(batch: Path) -> None:
    rhine = text_of(batch / "xicheng-2023--rhine-food-de.pdf")
    assert "开放招商成效明显" in rhine and "产业发展实现新突破" in rhine
    assert "民生福祉持续增进" not in rhine and "新城形象更加靓丽" not in rhine
    assert "砥砺奋进" in rhine  # untagged sections (opening, closing) are in every edition
    green = text_of(batch / "xicheng-2023--green-city-forum.pdf")
    assert "民生福祉持续增进" in green and "开放招商成效明显" not in green


def it_prints_a_qr_code_that_scans_back_to_the_link(batch: Path) -> None:
    pdf = pdfium.PdfDocument(str(batch / "xicheng-2023--rhine-food-de.pdf"))
    try:
        found = {r.text for i in range(len(pdf))
                 for r in zxingcpp.read_barcodes(pdf[i].render(scale=3).to_pil())}
    finally:
        pdf.close()
    assert found == {"https://example.org/xicheng/invest"}
    document = docx.Document(str(batch / "xicheng-2023--rhine-food-de.docx"))
    alts = [d.get("descr") for d in document.element.body.iter(qn("wp:docPr"))]
    assert "QR code: https://example.org/xicheng/invest" in alts


def it_reports_a_broken_edition_and_builds_the_others(tmp_path: Path, capsys) -> None:
    shutil.copytree(ROOT / "content" / "xicheng-2023", tmp_path / "xicheng-2023")
    text = DELEGATIONS.read_text("utf-8").replace("    theme: print\n", "    theme: prnt\n")
    (tmp_path / "delegations.yaml").write_text(text, "utf-8")
    code = main(["batch", str(tmp_path / "delegations.yaml"), "-o", str(tmp_path / "out"),
                 "--jobs", "2", "--format", "pdf"])
    said = capsys.readouterr().out
    assert code == 1
    assert "silk-route-capital" in said and "FAILED" in said and "unknown theme 'prnt'" in said
    assert "4 built, 1 failed" in said
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 4


def it_refuses_an_unsafe_edition_id(tmp_path: Path, capsys) -> None:
    text = DELEGATIONS.read_text("utf-8").replace("id: green-city-forum", "id: ../etc")
    text = text.replace("briefing: xicheng-2023", f"briefing: {ROOT}/content/xicheng-2023")
    (tmp_path / "delegations.yaml").write_text(text, "utf-8")
    assert main(["batch", str(tmp_path / "delegations.yaml"), "-o", str(tmp_path / "out")]) == 1
    assert "is not a file-name-safe id" in capsys.readouterr().err


def it_reads_delegations_from_a_spreadsheet_with_located_errors(tmp_path: Path, capsys) -> None:
    rows = ("id,name_zh,name_en,visit_date,layout,include_tags,contact_name_zh,contact_name_en,"
            "contact_title_zh,contact_title_en,email,link\n"
            "acme-de,德国代表团,German delegation,2024-03-12,en,investment;industry,王芳,Wang Fang,"
            "主任,Director,a@example.org,https://example.org/a\n"
            "beta-fr,法国代表团,French delegation,2024-03-13,zh,,,,,,,\n")
    (tmp_path / "visits.csv").write_text(rows, "utf-8")
    code = main(["batch", str(tmp_path / "visits.csv"), "--briefing",
                 str(ROOT / "content" / "xicheng-2023"), "-o", str(tmp_path / "out"),
                 "--format", "pdf", "--jobs", "1"])
    assert code == 0, capsys.readouterr()
    english = text_of(tmp_path / "out" / "xicheng-2023--acme-de.pdf")
    assert "PreparedforGermandelegation" in english and "WangFang" in english
    assert "NotableResultsinOpeningUp" in english and "ContinuedImprovement" not in english
    (tmp_path / "visits.csv").write_text(rows.replace("2024-03-13,zh", "2024-13-13,zz"), "utf-8")
    assert main(["batch", str(tmp_path / "visits.csv"), "--briefing",
                 str(ROOT / "content" / "xicheng-2023"), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "visits.csv:3: D3 delegations[1].visit_date:" in err
    assert "visits.csv:3: E3 delegations[1].layout: expected one of stacked, parallel, zh or " \
        "en here (got 'zz')" in err


def it_selects_blocks_by_tag_too(make_briefing, tmp_path: Path, capsys) -> None:
    folder = make_briefing()
    text = (folder / "briefing.yaml").read_text("utf-8")
    (folder / "briefing.yaml").write_text(text.replace(
        "      - kpis: [signed_projects, signed_investment]\n",
        "      - kpis: [signed_projects, signed_investment]\n        tags: [finance]\n"), "utf-8")
    (tmp_path / "visits.yaml").write_text(f"""briefing: {folder}
delegations:
  - id: a
    name: {{zh: 甲, en: A}}
    visit_date: 2024-03-12
    include_tags: [industry]
  - id: b
    name: {{zh: 乙, en: B}}
    visit_date: 2024-03-12
    include_tags: [finance]
""", "utf-8")
    assert main(["batch", str(tmp_path / "visits.yaml"), "-o", str(tmp_path / "out"),
                 "--format", "pdf", "--jobs", "1"]) == 0
    without = text_of(tmp_path / "out" / "mini--a.pdf")
    with_kpis = text_of(tmp_path / "out" / "mini--b.pdf")
    assert without.count("112.5亿元") < with_kpis.count("112.5亿元")


def it_places_the_contact_where_the_theme_says(batch: Path) -> None:
    """gov puts the contact right after the cover; investor at the end."""
    gov = pdf_text(batch / "xicheng-2023--henan-provincial-team.pdf")
    investor = pdf_text(batch / "xicheng-2023--rhine-food-de.pdf")
    assert "联系方式" in gov[1]
    assert not any("联系方式" in page for page in investor[:2])
    assert any("联系方式" in page for page in investor[-3:])



def _observed_edition(briefing_path, delegation, out_dir, formats):  # type: ignore[no-untyped-def]
    """build_edition, its result failed if the worker had to import the writers or
    register the fonts itself (a module-level function: the pool pickles it by name)."""
    import briefing.batch
    from briefing import reportlab_fonts

    warm = {"reportlab.platypus", "docx"} <= set(sys.modules) and bool(reportlab_fonts._registered)
    result = _BUILD_EDITION(briefing_path, delegation, out_dir, formats)
    assert briefing.batch.build_edition is _observed_edition
    return dataclasses.replace(result, error=result.error or (None if warm else "started cold"))


_BUILD_EDITION = None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers start by fork on Linux")
def it_forks_workers_that_have_imported_the_writers_already(tmp_path: Path,  # type: ignore[no-untyped-def]
                                                            monkeypatch) -> None:
    """Two workers cost no more imports than one: each starts with ReportLab and
    python-docx imported and the fonts registered, by its parent's first edition."""
    import briefing.batch
    from briefing import reportlab_fonts

    monkeypatch.setattr(reportlab_fonts, "_registered", {})  # as in a fresh process
    monkeypatch.setattr(sys.modules[__name__], "_BUILD_EDITION", briefing.batch.build_edition)
    monkeypatch.setattr(briefing.batch, "build_edition", _observed_edition)
    report = briefing.batch.run_batch(DELEGATIONS, tmp_path, ("pdf", "docx"), jobs=2)
    assert len(report.results) == 5  # the first built by the parent, before the fork
    assert [r.error for r in report.results[1:]] == [None] * 4
