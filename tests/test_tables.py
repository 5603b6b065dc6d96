"""Figures from CSV and Excel files: the same figures as YAML, and every mistake located by
row and cell."""

from __future__ import annotations

import logging
from pathlib import Path

import openpyxl
import pytest

import briefing
from briefing.errors import ContentError
from tests.conftest import edit_briefing, problems_of

HEADER = "id,label_zh,label_en,value,unit,as_of,source_zh,source_en\n"
ROWS = ("signed_projects,新签约项目,Newly signed projects,33,project,2023-12-31,统计局,Bureau\n"
        "signed_investment,新签约项目总投资,Investment,11250000000,CNY,2023-12-31,统计局,Bureau\n")


def with_figures(make_briefing, name: str, write, folder_name: str = "mini") -> Path:
    folder = make_briefing(name=folder_name)
    (folder / "figures.yaml").unlink()
    write(folder / name)
    text = (folder / "briefing.yaml").read_text("utf-8")
    (folder / "briefing.yaml").write_text(f"figures: [{name}]\n" + text, "utf-8")
    return folder


def problems(folder: Path) -> list[str]:
    return [d.format() for d in problems_of(folder)]


def it_reads_figures_from_a_csv_with_a_byte_order_mark(make_briefing) -> None:
    folder = with_figures(make_briefing, "figures.csv",
                          lambda p: p.write_bytes((HEADER + ROWS).encode("utf-8-sig")))
    document = briefing.check(folder)
    assert "112.5亿元" in "".join(r.text for r in document.blocks[1].text.zh)


def workbook(sheet_title: str, text: str, numbers: bool = False):
    """A writer of `text` (CSV lines) as a one-sheet workbook; `numbers`: digits as numbers."""
    def write(path: Path) -> None:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = sheet_title
        for line in text.splitlines():
            cells = line.split(",")
            sheet.append([int(c) if numbers and c.isdigit() else c for c in cells])
        book.save(path)
    return write


def it_reads_figures_from_an_excel_workbook(make_briefing) -> None:
    write = workbook("Figures", HEADER + ROWS, numbers=True)
    document = briefing.check(with_figures(make_briefing, "figures.xlsx", write))
    assert "RMB\u00a011.25\u00a0billion" in "".join(r.text for r in document.blocks[1].text.en)


def it_locates_a_bad_value_by_row_and_cell(make_briefing) -> None:
    write = workbook("Sheet1", HEADER + ROWS.replace(",33,", ",n/a,"))
    [message] = problems(with_figures(make_briefing, "figures.xlsx", write))
    assert message.endswith("figures.xlsx:2: Sheet1!D2 figures.signed_projects.value: 'n/a' is "
                            "not a plain number (write e.g. 11250000000 or 24.1: no grouping "
                            "commas, units or %)")


@pytest.mark.parametrize("content, expected", [
    (HEADER.replace("unit", "units") + ROWS, "figures.csv:1: E1: unknown column 'units'"),
    (HEADER.replace(",unit", "") + ROWS, "missing column(s): unit"),
    (HEADER.replace("value", "id") + ROWS, "column 'id' appears twice"),
    (HEADER + ROWS + ROWS.splitlines()[0] + "\n", "figures.csv:4: figures.signed_projects: "
     "figure 'signed_projects' is already defined on row 2"),
    (HEADER + ROWS + "x,a,b,1,count,2023-12-31,s,t,extra\n", "figures.csv:4: row has 9 cells"),
    (HEADER.replace(",as_of,", ",,as_of,") + ROWS, "figures.csv:1: F1: a column without a name "
     "in the header"),
    (HEADER + ROWS.replace("2023-12-31", "2023-13-31", 1), "figures.csv:2: F2 "
     "figures.signed_projects.as_of"),
])
def it_reports_broken_csv_files(content: str, expected: str, make_briefing) -> None:
    folder = with_figures(make_briefing, "figures.csv", lambda p: p.write_text(content, "utf-8"))
    found = problems(folder)
    assert any(expected in m for m in found), found


def it_refuses_a_gbk_csv_with_advice(make_briefing) -> None:
    folder = with_figures(make_briefing, "figures.csv",
                          lambda p: p.write_bytes((HEADER + ROWS).encode("gbk")))
    [message] = problems(folder)
    assert "not UTF-8" in message and "CSV UTF-8" in message


def it_reports_a_formula_with_an_unknown_figure_or_a_forbidden_construct(make_briefing) -> None:
    rows = ROWS + ("share,占比,Share,,percent,2023-12-31,统计局,Bureau,signed_investment / "
                   "totl * 100\n"
                   "evil,坏,Evil,,count,2023-12-31,s,t,__import__('os').system('x')\n")
    folder = with_figures(make_briefing, "figures.csv",
                          lambda p: p.write_text(HEADER.strip() + ",formula\n" + rows, "utf-8"))
    found = problems(folder)
    assert any("figures.csv:4: I4 figures.share.formula: unknown figure 'totl' in the formula"
               in m for m in found), found
    assert any("figures.csv:5: I5 figures.evil.formula:" in m and "is not allowed in a formula"
               in m for m in found), found


def it_refuses_an_id_defined_in_two_figure_files(make_briefing) -> None:
    folder = make_briefing()
    (folder / "more.csv").write_text(HEADER + ROWS.splitlines()[0] + "\n", "utf-8")
    text = (folder / "briefing.yaml").read_text("utf-8")
    (folder / "briefing.yaml").write_text("figures: [figures.yaml, more.csv]\n" + text, "utf-8")
    [message] = problems(folder)
    assert "more.csv:2: figures.signed_projects: figure 'signed_projects' is already defined " \
           "in figures.yaml line 2" in message


def it_reports_a_truncated_row_by_its_missing_cells(make_briefing) -> None:
    truncated = (HEADER + ROWS.splitlines()[0] + "\n"
                 + "signed_investment,总投资,Investment,11250000000\n")
    folder = with_figures(make_briefing, "figures.csv", lambda p: p.write_text(truncated, "utf-8"))
    found = problems(folder)
    assert any("figures.csv:3: row has 4 cells, the header 8: it is cut short (no unit, as_of, "
               "source_zh, source_en)" in m for m in found), found


def it_reads_targets_ranks_and_thresholds_from_a_csv(make_briefing) -> None:
    header = ("id,label_zh,label_en,value,unit,as_of,source_zh,source_en,statistic,change,"
              "target,target_period,among_count,among_zh,among_en\n")
    rows = ("signed_projects,新签约项目,Newly signed projects,33,project,2023-06-30,统计局,Bureau,"
            ",16.42,132,year,,,\n"
            "signed_investment,新签约项目总投资,Investment,11250000000,CNY,,,,false,,,,,,\n"
            "rank,排名,Rank,2,rank,2023-06-30,统计局,Bureau,,,,,7,个县（市）,counties\n")
    folder = with_figures(make_briefing, "figures.csv",
                          lambda p: p.write_text(header + rows, "utf-8"))
    edit_briefing(folder, "总投资{{ signed_investment }}。",
                  "总投资{{ signed_investment }}，{{ signed_projects.progress }}，"
                  "{{ signed_projects.change }}，{{ rank }}。")
    document = briefing.check(folder)
    text = "".join(r.text for r in document.blocks[1].text.zh)
    assert "完成年度目标任务的25%，同比增长16.42%，7个县（市）中第2位。" in text
    sources = document.blocks[-1]
    assert [row.figure_id for row in sources.rows] == ["signed_projects", "rank"]


def it_says_how_to_add_a_missing_column(make_briefing) -> None:
    content = HEADER.replace(",source_en", "") + "".join(
        line.rsplit(",", 1)[0] + "\n" for line in ROWS.splitlines())
    folder = with_figures(make_briefing, "figures.csv", lambda p: p.write_text(content, "utf-8"))
    [diagnostic] = problems_of(folder)
    assert (diagnostic.line, diagnostic.message) == (1, "missing column(s): source_en")
    assert diagnostic.hint == ("add source_en to the header (line 1), and a cell under it to "
                               "every row: id,label_zh,label_en,value,unit,as_of,source_zh,"
                               "source_en")


def it_names_the_cell_an_unquoted_comma_split_and_not_the_uses_of_its_figure(
        make_briefing) -> None:
    # the briefing quotes signed_investment in a text, a KPI card, a call-out and a table:
    # its row refused, those are no mistakes of their own (they were four more errors)
    content = HEADER + ROWS.replace(",Investment,", ",Investment, total,")
    folder = with_figures(make_briefing, "figures.csv", lambda p: p.write_text(content, "utf-8"))
    [diagnostic] = problems_of(folder)
    assert (diagnostic.line, diagnostic.message) == (3, "row has 9 cells, the header 8")
    assert diagnostic.hint == ('a cell that holds a comma must be in double quotes: '
                               '"Investment, total" (Excel\'s "CSV UTF-8" writes them so)')
    quoted = HEADER + ROWS.replace(",Investment,", ',"Investment, total",')
    briefing.check(with_figures(make_briefing, "figures.csv",
                                lambda p: p.write_text(quoted, "utf-8"), "quoted"))


def it_warns_of_a_csv_row_a_cell_short_and_refuses_it_under_strict(make_briefing,
                                                                   caplog) -> None:
    header = HEADER.strip() + ",change\n"
    first, second = ROWS.splitlines()
    short = f"{header}{first},6.3\n{second}\n"  # the comma before an empty change left out
    folder = with_figures(make_briefing, "figures.csv", lambda p: p.write_text(short, "utf-8"))
    # such rows built before (a column added to the header, filled for some rows): they
    # still do, with their missing cells named
    with caplog.at_level(logging.WARNING, logger="briefing"):
        briefing.check(folder)
    said = [r.getMessage() for r in caplog.records]
    assert [m.split("figures.csv:", 1)[1] for m in said] == [
        "3: warning: row has 8 cells, the header 9: no cell for change, read as empty\n"
        "  hint: each row has a cell for every column, an empty one too (,,): a cell left out "
        "moves the cells after it one column to the left"]
    with pytest.raises(ContentError) as caught:
        briefing.check(folder, strict=True)
    assert [(d.line, d.message) for d in caught.value.diagnostics] == [
        (3, "row has 8 cells, the header 9: no cell for change, read as empty")]
    empty = f"{header}{first},6.3\n{second},\n"  # the empty cell written: no warning
    briefing.check(with_figures(make_briefing, "figures.csv",
                                lambda p: p.write_text(empty, "utf-8"), "empty"), strict=True)


def it_refuses_a_row_cut_short_of_a_required_cell_and_not_the_uses_of_its_figure(
        make_briefing) -> None:
    first, second = ROWS.splitlines()
    cut = HEADER + first + "\n" + second.rsplit(",", 1)[0] + "\n"
    [diagnostic] = problems_of(with_figures(make_briefing, "figures.csv",
                                            lambda p: p.write_text(cut, "utf-8")))
    assert (diagnostic.line, diagnostic.message) == (
        3, "row has 7 cells, the header 8: it is cut short (no source_en)")


def it_reads_a_workbook_row_that_ends_before_its_empty_cells(make_briefing) -> None:
    header = HEADER.strip() + ",change\n"
    first, second = ROWS.splitlines()
    write = workbook("Sheet1", f"{header}{first},6.3\n{second}\n")
    document = briefing.check(with_figures(make_briefing, "figures.xlsx", write))
    assert "112.5亿元" in "".join(r.text for r in document.blocks[1].text.zh)


def it_refuses_a_workbook_cell_right_of_the_header_without_talk_of_quotes(
        make_briefing) -> None:
    write = workbook("Sheet1", HEADER + ROWS.replace(",Bureau\n", ",Bureau,note\n", 1))
    [diagnostic] = problems_of(with_figures(make_briefing, "figures.xlsx", write))
    assert (diagnostic.line, diagnostic.message, diagnostic.hint) == (
        2, "row has 9 cells, the header 8",
        "a cell right of the header's last column: name its column in the header, or clear it")


def it_reads_a_header_that_ends_in_a_comma(make_briefing) -> None:
    content = HEADER.strip() + ",\n" + "".join(line + ",\n" for line in ROWS.splitlines())
    briefing.check(with_figures(make_briefing, "figures.csv",
                                lambda p: p.write_text(content, "utf-8")), strict=True)
