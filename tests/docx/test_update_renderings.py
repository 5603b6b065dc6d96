"""update-draft and every rendering of a figure, not only `{{ id }}`: year-on-year wording
and KPI trends, progress against targets and KPI bars, schedules, differences, ranks, the
cells of target tables and breakdowns, call-out figures. The second sample uses them all.

The scenario: a draft built, saved as it is (and, where LibreOffice is installed, opened
and saved there), four figures changed, update-draft; accepting every tracked change must
give the text a fresh build of the changed content prints, paragraph for paragraph: no
stale number is left unmarked, none is reported as a conflict."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx_plus.revisions import accept_all_revisions, read_revisions

import briefing
from briefing import update_draft
from briefing.cli import main
from briefing.writers.docx.figuremarks import marked_ranges, read_register, run_text
from tests.conftest import ROOT, libreoffice_convert, paragraph_text
from tests.docx.test_libreoffice import needs_libreoffice

SECOND_SAMPLE = ROOT / "content" / "hexi-2023h1"
# (figure, field, old, new): a change given by the source, a value and the share of its
# target reached, a count against its previous value, a rank
CHANGES = [("fixed_investment", "change", "-8.92", "-7.5"),
           ("capital", "value", "21922000000", "26800000000"),
           ("capital", "percent", "37.22", "45.5"),
           ("firms_over_1yi", "value", "75", "80"),
           ("provincial_rank", "value", "1", "2")]
STALE = ["同比下降8.92%", "down 8.92% year on year", "▼ 8.92%", "完成年度目标任务的37.22%",
         "37.22% of the annual target", "比上年增加10家", "10 firms more than a year earlier",
         "7个县（市）中第1位", "1st of 7 counties"]


def _change_figures(folder: Path) -> None:
    path = folder / "figures.yaml"
    text = path.read_text("utf-8")
    for figure, field, old, new in CHANGES:
        block = re.search(rf"^  {figure}:\n(?:    .*\n)+", text, re.M)
        assert block, figure
        changed, count = re.subn(rf"\b{field}: {re.escape(old)}\b", f"{field}: {new}",
                                 block.group(0))
        assert count == 1, (figure, field)
        text = text[:block.start()] + changed + text[block.end():]
    path.write_text(text, "utf-8")


def _body_texts(document) -> list[str]:  # type: ignore[no-untyped-def]
    return [paragraph_text(p) for p in document.element.body.iter(qn("w:p"))]


def _scenario(tmp_path: Path, through_libreoffice: bool) -> None:
    folder = tmp_path / "hexi-2023h1"
    shutil.copytree(SECOND_SAMPLE, folder)
    built = briefing.build(folder, tmp_path / "build", formats=("docx",))[0]
    given = read_register(docx.Document(str(built)))
    _change_figures(folder)
    fresh = briefing.build(folder, tmp_path / "fresh", formats=("docx",))[0]
    draft = tmp_path / "draft.docx"
    if through_libreoffice:  # both saved by LibreOffice, which drops empty paragraphs
        saved = libreoffice_convert({"draft": built.read_bytes(), "fresh": fresh.read_bytes()},
                                    tmp_path / "lo", to="docx")
        shutil.copy(saved["draft"], draft)
        # LibreOffice keeps every mark: the bookmarks of all renderings
        assert set(dict(marked_ranges(docx.Document(str(draft)).element.body))) == {
            v.bookmark for v in given.values}
        fresh = saved["fresh"]
    else:
        shutil.copy(built, draft)
    before = _body_texts(docx.Document(str(draft)))
    assert all(any(stale in text for text in before) for stale in STALE)

    now = read_register(docx.Document(str(fresh)))
    assert [v.bookmark for v in now.values] == [v.bookmark for v in given.values]
    changed = {v.bookmark for v, n in zip(given.values, now.values, strict=True)
               if v.text != n.text}
    changed_renderings = {(v.figure, v.attribute) for v in given.values
                          if v.bookmark in changed}
    assert {("fixed_investment", "change"), ("fixed_investment", "trend"),
            # a table's cells in their column's precision (2 decimals: 45.50%)
            ("capital", "progress"), ("capital", "of_target:2"), ("capital", "bar"),
            ("capital", "schedule_points:2"), ("firms_over_1yi", "difference"),
            ("firms_over_1yi", None), ("provincial_rank", None),
            ("provincial_rank", "ordinal")} <= changed_renderings

    result = update_draft(draft, tmp_path / "updated.docx", briefing=folder)
    report = result.report
    assert {e["bookmark"] for e in report["updated"]} == changed
    assert not report["conflicts"] and not report["deleted"]
    document = docx.Document(str(result.output))
    revisions = read_revisions(document)
    assert sorted(r.revision_type for r in revisions) == sorted(
        ["deletion", "insertion"] * len(changed))

    accept_all_revisions(document)
    after = _body_texts(document)
    assert after == _body_texts(docx.Document(str(fresh)))
    assert not [stale for stale in STALE if any(stale in text for text in after)]
    ranges = dict(marked_ranges(document.element.body))
    assert all(run_text(ranges[v.bookmark]) == v.text for v in now.values)


def it_updates_every_rendering_of_a_changed_figure(tmp_path: Path) -> None:
    _scenario(tmp_path, through_libreoffice=False)


@needs_libreoffice
def it_updates_every_rendering_in_a_draft_saved_by_libreoffice(tmp_path: Path) -> None:
    _scenario(tmp_path, through_libreoffice=True)


def it_reports_an_overtyped_rendering_as_a_conflict_by_label(tmp_path: Path, capsys) -> None:
    """A year-on-year wording the official typed over is a conflict, left alone; the report
    names the figure by its label, the id in brackets, and the message counts in words."""
    folder = tmp_path / "hexi-2023h1"
    shutil.copytree(SECOND_SAMPLE, folder)
    built = briefing.build(folder, tmp_path / "build", formats=("docx",))[0]
    document = docx.Document(str(built))
    register = read_register(document)
    typed = next(v for v in register.values
                 if (v.figure, v.attribute, v.lang) == ("fixed_investment", "change", "zh"))
    runs = dict(marked_ranges(document.element.body))[typed.bookmark]
    for run in runs[1:]:
        run.getparent().remove(run)
    runs[0].find(qn("w:t")).text = "同比下降约9%"
    draft = tmp_path / "draft.docx"
    document.save(str(draft))
    _change_figures(folder)

    assert main(["update-draft", str(draft), "-o", str(tmp_path / "out.docx"),
                 "--briefing", str(folder)]) == 0
    said = capsys.readouterr().out
    assert re.search(r"\d+ updated, 1 conflict, 0 deleted", said), said
    report = (tmp_path / "out.report.md").read_text("utf-8")
    conflicts = report.split("## 冲突")[1].split("##")[0]
    assert "工业招商项目实际形成固定资产投资 (fixed_investment.change)" in conflicts
    assert "同比下降约9%" in conflicts
    assert "| fixed_investment |" not in report
    edition = next(line for line in report.splitlines() if "Draft edition" in line)
    assert "→" not in edition and "the same edition" in edition
    updated = docx.Document(str(tmp_path / "out.docx"))
    accept_all_revisions(updated)
    assert run_text(dict(marked_ranges(updated.element.body))[typed.bookmark]) == \
        "同比下降约9%"


@pytest.mark.parametrize("attribute, text", [("change", "同比下降8.92%"),
                                             ("trend", "▼ 8.92%")])
def it_marks_attributes_with_what_they_depend_on(attribute: str, text: str,
                                                 tmp_path: Path) -> None:
    """The content control's tag and the register name the figure and the attribute."""
    built = briefing.build(SECOND_SAMPLE, tmp_path, formats=("docx",))[0]
    document = docx.Document(str(built))
    register = read_register(document)
    value = next(v for v in register.values
                 if (v.figure, v.attribute, v.lang) == ("fixed_investment", attribute, "zh"))
    assert value.text == text
    runs = dict(marked_ranges(document.element.body))[value.bookmark]
    sdt = next(runs[0].iterancestors(qn("w:sdt")))
    tag = sdt.find(qn("w:sdtPr")).find(qn("w:tag")).get(qn("w:val"))
    assert tag == f"briefing:hexi-2023h1:{register.edition}:fixed_investment.{attribute}"
