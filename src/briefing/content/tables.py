"""Figures from spreadsheets: CSV (UTF-8) and Excel (.xlsx), one figure per row.

A statistics office keeps its figures in a spreadsheet; each row becomes the same data as a
figure in figures.yaml, so one schema validates both, and every value keeps its row and
cell (`figures.xlsx:14: Sheet1!D14 figures.park_tax.value: ...`).
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from ..errors import ContentError, Diagnostic, error, warning
from ..limits import TABLE_FILE_BYTES, XLSX_COLUMNS, XLSX_ROWS, XLSX_UNCOMPRESSED_BYTES
from ..source.hints import did_you_mean
from ..source.load import Loaded, utf8_text

# column -> where it goes in a figure's data; the first six are required
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": (),
    "label_zh": ("label", "zh"), "label_en": ("label", "en"),
    "value": ("value",), "unit": ("unit",), "as_of": ("as_of",),
    "source_zh": ("source", "zh"), "source_en": ("source", "en"),
    "qualifier": ("qualifier",), "decimals": ("decimals",), "significant": ("significant",),
    "previous_value": ("previous", "value"), "previous_as_of": ("previous", "as_of"),
    "change": ("change",), "target": ("target", "value"), "target_period": ("target", "period"),
    "target_schedule": ("target", "schedule"), "group": ("group",), "measure": ("measure",),
    "formula": ("formula",), "statistic": ("statistic",),
    "among_count": ("among", "count"), "among_zh": ("among", "zh"), "among_en": ("among", "en"),
}
REQUIRED = ("id", "label_zh", "label_en", "unit", "as_of", "source_zh", "source_en")
OPTIONAL_FOR_CONSTANTS = ("as_of", "source_zh", "source_en")  # a row with statistic: false


def load_table(path: Path) -> Loaded:
    """A CSV or XLSX file of figures as the data a figures.yaml would hold."""
    size = path.stat().st_size
    if size > TABLE_FILE_BYTES.value:
        raise ContentError([error(path, None, "", TABLE_FILE_BYTES.message("the file", size),
                                  TABLE_FILE_BYTES.hint)])
    sheet, rows = read_rows(path)
    return _figures_from_rows(path, sheet, rows)


def read_rows(path: Path) -> tuple[str, list[tuple[int, list[str]]]]:
    """The sheet's name ("" for CSV) and its rows, as text, with their line numbers."""
    if path.suffix.lower() == ".xlsx":
        return _xlsx_rows(path)
    return "", _csv_rows(path)


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    text = utf8_text(path, path.read_bytes(),
                     "save it as 'CSV UTF-8' (a GBK file must be converted)")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise ContentError([error(path, reader.line_num, "", f"CSV: {exc}")]) from None


def _xlsx_rows(path: Path) -> tuple[str, list[tuple[int, list[str]]]]:
    import openpyxl  # only for spreadsheets
    _check_unpacked_size(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ContentError([error(path, None, "", f"not a readable .xlsx file: {exc}")]) \
            from None
    try:
        sheet = book.worksheets[0]
        _check_dimensions(path, sheet)
        rows = []
        # read-only sheets fill the gaps before a far cell with empty rows: counted as read
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > XLSX_ROWS.value:
                raise ContentError([error(path, None, sheet.title, XLSX_ROWS.message(
                    f"sheet '{sheet.title}'"), XLSX_ROWS.hint)])
            if len(values) > XLSX_COLUMNS.value and any(
                    v is not None for v in values[XLSX_COLUMNS.value:]):
                raise ContentError([error(path, number, sheet.title, XLSX_COLUMNS.message(
                    f"row {number}", len(values)), XLSX_COLUMNS.hint)])
            rows.append((number, [_cell_text(v) for v in values]))
    finally:
        book.close()
    _check_formula_cells(path, sheet.title, rows)
    return sheet.title, rows


def _check_formula_cells(path: Path, title: str, rows: list[tuple[int, list[str]]]) -> None:
    """An Excel formula whose result was never saved (a file written by a program, not by
    Excel) reads as an empty cell: say so, rather than "'' is not a plain number"."""
    import openpyxl

    with zipfile.ZipFile(path) as archive:
        if not any(b"<f" in archive.read(n) for n in archive.namelist()
                   if n.startswith("xl/worksheets/")):
            return
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        problems, saved = [], dict(rows)
        for number, formulas in enumerate(book.worksheets[0].iter_rows(
                values_only=True, max_row=len(rows) + 1), start=1):
            cached = saved.get(number, [])
            for column, formula in enumerate(formulas):
                if isinstance(formula, str) and formula.startswith("=") and (
                        column >= len(cached) or not cached[column]):
                    problems.append(error(
                        path, number, f"{title}!{column_letter(column)}{number}",
                        f"the cell holds the Excel formula '{formula[:40]}' with no saved "
                        "result", "open the file in Excel and save it again, or type the value "
                        "(briefing's own formulas go in the formula column)"))
    finally:
        book.close()
    if problems:
        raise ContentError(problems)


def _check_unpacked_size(path: Path) -> None:
    """An .xlsx is a zip: a 2 MB file may unpack to gigabytes, so its parts are measured
    (the sizes the zip declares, which zipfile also holds each part to) before reading."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise ContentError([error(path, None, "", f"not a readable .xlsx file: {exc}")]) \
            from None
    if unpacked > XLSX_UNCOMPRESSED_BYTES.value:
        raise ContentError([error(path, None, "", XLSX_UNCOMPRESSED_BYTES.message(
            "the workbook unpacked", unpacked), XLSX_UNCOMPRESSED_BYTES.hint)])


def _check_dimensions(path: Path, sheet: Any) -> None:
    """The sheet's declared size (a single cell at XFD1048576 makes it 17 billion cells)."""
    for limit, found in ((XLSX_ROWS, sheet.max_row), (XLSX_COLUMNS, sheet.max_column)):
        if found is not None and found > limit.value:
            raise ContentError([error(path, None, sheet.title, limit.message(
                f"sheet '{sheet.title}'", found), limit.hint)])


def _cell_text(value: Any) -> str:
    """A cell as the text a person typed. Excel keeps numbers as binary floating point; repr
    gives the shortest decimal that is the same number (24.1, not 24.100000000000001)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return repr(value).removesuffix(".0") if value.is_integer() else repr(value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _header_hint(names: list[str], missing: list[str], line: int) -> str:
    """The header as it would read with the missing columns, each after the one it follows
    in COLUMNS, and what the rows need then."""
    order = list(COLUMNS)
    header = list(names)
    for name in missing:
        before = [c for c in order[:order.index(name)] if c in header]
        header.insert(header.index(before[-1]) + 1 if before else 0, name)
    return (f"add {' and '.join(missing)} to the header (line {line}), and a cell under "
            f"{'it' if len(missing) == 1 else 'them'} to every row: {','.join(header)}")


def _shape_problem(names: list[str], row: list[str],
                   sheet: bool) -> tuple[bool, str, str] | None:
    """What is wrong with a row's number of cells: (an error?, message, hint), or None. A
    cell too many is a comma that was not quoted; a row cut short of a required column is
    an error, of optional ones only a warning (such rows built before, and a spreadsheet's
    row may end before its empty cells): one left out shifts the cells after it."""
    counted = f"row has {len(row)} cells, the header {len(names)}"
    if len(row) > len(names) and any(c.strip() for c in row[len(names):]):
        if sheet:
            return True, counted, "a cell right of the header's last column: name its " \
                "column in the header, or clear it"
        cell = _comma_cell(names, row)
        return True, counted, ('a cell that holds a comma must be in double quotes: '
                               + (f'"{cell}"' if cell else '"Beijing, China"') +
                               " (Excel's \"CSV UTF-8\" writes them so)")
    cut = names[len(row):]
    required = [c for c in REQUIRED if c in cut]
    message = (f"{counted}: it is cut short (no {', '.join(required)})" if required else
               f"{counted}: no cell for {', '.join(cut)}, read as empty")
    return (bool(required), message, "each row has a cell for every column, an empty one too "
            "(,,): a cell left out moves the cells after it one column to the left") \
        if cut else None


_TEXT_COLUMNS = ("label_zh", "label_en", "source_zh", "source_en", "among_zh", "among_en")
_NUMBER_CELL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
_CELL_FORMS = {"value": _NUMBER_CELL, "previous_value": _NUMBER_CELL, "target": _NUMBER_CELL,
               "change": _NUMBER_CELL, "among_count": re.compile(r"[0-9]+"),
               "decimals": re.compile(r"[0-9]+"), "significant": re.compile(r"[0-9]+"),
               "as_of": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
               "previous_as_of": re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}"),
               "unit": re.compile(r"[A-Za-z_]+"), "qualifier": re.compile(r"over|under"),
               "statistic": re.compile(r"true|false|yes|no|1|0", re.IGNORECASE)}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _comma_cell(names: list[str], row: list[str]) -> str | None:
    """The text cell an unquoted comma split, when one alone puts every number, date and
    unit of the row back in its column, its parts in the column's language (Chinese in a
    _zh column): "Newly registered enterprises, firms"."""
    extra = len(row) - len(names)
    scores: dict[str, tuple[int, bool]] = {}
    for i, name in enumerate(names):
        if name in _TEXT_COLUMNS:
            parts = row[i:i + extra + 1]
            cells = row[:i] + [",".join(parts)] + row[i + extra + 1:]
            fitting = sum(not cell.strip() or bool(form.fullmatch(cell.strip()))
                          for column, cell in zip(names, cells, strict=True)
                          if (form := _CELL_FORMS.get(column)))
            chinese = name.endswith("_zh")
            scores[cells[i]] = (fitting, all(bool(_CJK.search(p)) == chinese for p in parts))
    best = max(scores.values(), default=(0, False))
    found = [cell for cell, score in scores.items() if score == best]
    return found[0] if len(found) == 1 else None


def _figures_from_rows(path: Path, sheet: str, rows: list[tuple[int, list[str]]]) -> Loaded:
    rows = [(n, r) for n, r in rows if any(cell.strip() for cell in r)]
    loaded = Loaded(path, {"figures": {}})
    if not rows:
        raise ContentError([error(path, None, "", "no header row: the first row names the "
                                  "columns (" + ", ".join(REQUIRED) + ", value ...)")])
    header_line, header = rows[0]
    loaded.lines[()] = loaded.lines[("figures",)] = header_line
    names = [h.strip().lower() for h in header]
    while names and not names[-1]:  # a trailing comma, or a sheet padded to its widest row
        names.pop()
    problems: list[Diagnostic] = []
    for i, name in enumerate(names):
        where = f"{sheet}!" if sheet else ""
        if not name:
            problems.append(error(path, header_line, f"{where}{column_letter(i)}{header_line}",
                                  "a column without a name in the header",
                                  "name it (" + ", ".join(COLUMNS) + "), or delete the column"))
        elif name not in COLUMNS:
            problems.append(error(path, header_line, f"{where}{column_letter(i)}{header_line}",
                                  f"unknown column '{name}'", did_you_mean(name, COLUMNS)))
        elif names.index(name) != i:
            problems.append(error(path, header_line, f"{where}{column_letter(i)}{header_line}",
                                  f"column '{name}' appears twice"))
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        problems.append(error(path, header_line, "", "missing column(s): " + ", ".join(missing),
                              _header_hint(names, missing, header_line)))
    if problems:
        raise ContentError(problems)
    # a field's line is its row's, and its cell the row's in the field's column: kept per
    # column, not per cell (per-cell paths took 2.4 KB a row of a 10,000-row table)
    loaded.columns = {COLUMNS[name]: f"{sheet}!{column_letter(i)}" if sheet else
                      column_letter(i) for i, name in enumerate(names) if COLUMNS[name]}
    figures: dict[str, Any] = loaded.data["figures"]
    for line, row in rows[1:]:
        shape = _shape_problem(names, row, bool(sheet))
        if shape and (shape[0] or not sheet):  # a sheet's row may end before empty cells
            if not shape[0]:
                loaded.warnings.append(warning(path, line, "", *shape[1:]))
            else:
                problems.append(error(path, line, "", *shape[1:]))
                # its figure is defined, if not readable: a use of it is no second mistake
                if names.index("id") < len(row):
                    loaded.refused.add(row[names.index("id")].strip())
                continue
        cells = dict(zip(names, (c.strip() for c in row), strict=False))  # may be short
        fig_id = cells.get("id", "")
        if not fig_id:
            problems.append(error(path, line, "", "a row without an id"))
            continue
        if fig_id in figures:
            first = loaded.lines[("figures", fig_id)]
            problems.append(error(path, line, f"figures.{fig_id}",
                                  f"figure '{fig_id}' is already defined on row {first}"))
            continue
        figure: dict[str, Any] = {}
        loaded.lines[("figures", fig_id)] = line
        constant = cells.get("statistic", "").lower() in ("false", "no", "0")
        for name in names:
            value = cells.get(name, "")
            target = COLUMNS[name]
            optional = name not in REQUIRED or (constant and name in OPTIONAL_FOR_CONSTANTS)
            if not target or (not value and optional and name != "value"):
                continue
            if not value and name == "value" and cells.get("formula"):
                continue  # a derived figure
            node = figure
            for key in target[:-1]:
                node = node.setdefault(key, {})
            node[target[-1]] = value
        figures[fig_id] = figure
    loaded.problems.extend(problems)
    return loaded
