"""A table's column of percentages shares one precision, that of its most precise cell
(116.50%, 88.00%, 94.60%, 103.06%; ▲ 16.0% beside ▲ 12.3%), in the PDF and the DOCX alike;
the text keeps each figure's own (88%, 16%), and update-draft renders a padded cell so again
(newuser3's finding 11). Built from tests/fixtures/precision."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest

import briefing
from briefing import update_draft
from tests.conftest import paragraph_text, pdf_text

FIXTURE = Path(__file__).parent / "fixtures" / "precision"
# label, % of target, year on year: as a typesetter aligns the columns
EXPECTED = [("新签约项目总投资", "116.50%", "▲ 12.3%"), ("新投产项目", "88.00%", "▲ 15.8%"),
            ("新增工业用地供应", "94.60%", "▲ 12.1%"), ("实际到位省外资金", "103.06%", "▲ 9.6%"),
            ("新增企业", "105.67%", "▲ 16.0%")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("precision") / "precision"
    shutil.copytree(FIXTURE, folder)
    paths = {p.suffix: p for p in briefing.build(folder, folder.parent / "out", strict=True)}
    return folder, paths


def _space(text: str) -> str:
    return re.sub(r"[\s\u00a0\u2060]+", " ", text).strip()


def it_aligns_the_docx_columns_of_percentages(built) -> None:  # type: ignore[no-untyped-def]
    table = docx.Document(str(built[1][".docx"])).tables[0]
    rows = [[_space(" ".join(paragraph_text(p) for p in cell.paragraphs)) for cell in row.cells]
            for row in table.rows[1:]]
    assert [(r[0].split(" ")[0], r[3], r[4]) for r in rows] == EXPECTED


def it_aligns_the_pdf_columns_of_percentages(built) -> None:  # type: ignore[no-untyped-def]
    text = _space(" ".join(pdf_text(built[1][".pdf"])))
    table = text[text.index("Year on year"):]
    for label, share, change in EXPECTED:
        # the row's cells in reading order: label, value, target, then these two
        found = re.search(re.escape(label) + r"\S* .*?(\d+\.\d+%) (▲ \d+\.\d+%)", table)
        assert found, (label, table)
        assert (found.group(1), found.group(2)) == (share, change)


def it_keeps_each_figures_own_precision_in_text(built) -> None:  # type: ignore[no-untyped-def]
    text = _space(" ".join(pdf_text(built[1][".pdf"])))
    assert "完成年度目标的88%，同比增长15.8%" in text.replace(" ", "")
    assert "88% of the annual target" in text and "up 16% year on year" in text


def it_updates_a_draft_of_padded_cells_without_changing_them(  # type: ignore[no-untyped-def]
        built, tmp_path: Path) -> None:
    folder, paths = built
    draft = tmp_path / "draft.docx"
    shutil.copy(paths[".docx"], draft)
    report = update_draft(draft, tmp_path / "updated.docx", briefing=folder).report
    assert not report["updated"] and not report["conflicts"], report["updated"]


def it_updates_a_padded_cell_to_its_columns_precision(  # type: ignore[no-untyped-def]
        built, tmp_path: Path) -> None:
    folder, paths = built
    changed = tmp_path / "precision"
    shutil.copytree(folder, changed)
    figures = changed / "figures.yaml"
    text = figures.read_text("utf-8")
    figures.write_text(text.replace("    value: 22\n", "    value: 23\n", 1), "utf-8")
    draft = tmp_path / "draft.docx"
    shutil.copy(paths[".docx"], draft)
    result = update_draft(draft, tmp_path / "updated.docx", briefing=changed)
    shares = {(e["attribute"], e["lang"]): (e["printed"], e["current"])
              for e in result.report["updated"] if e["figure"] == "operational"}
    # the table's cell to its column's 2 decimals, the text to the figure's own
    assert shares[("of_target:2", "zh")] == ("88.00%", "92.00%")
    assert shares[("of_target", "zh")] == ("88%", "92%")
    markdown = result.reports[0].read_text("utf-8")
    assert "(operational.of_target)" in markdown and "of_target:2" not in markdown
