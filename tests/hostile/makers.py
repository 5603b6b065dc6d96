"""Hostile inputs made on the fly from the minimal briefing: files that are small on disk
and grow (spreadsheets that unpack to gigabytes, deep nesting, long words)."""

from __future__ import annotations

import shutil
import struct
import zipfile
import zlib
from pathlib import Path

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
HEADER = ["id", "label_zh", "label_en", "value", "unit", "as_of", "source_zh", "source_en"]
ROWS = [["signed_projects", "新签约项目", "Signed projects", "33", "project", "2023-12-31",
         "商务局", "Commerce bureau"],
        ["signed_investment", "总投资", "Investment", "11250000000", "CNY", "2023-12-31",
         "商务局", "Commerce bureau"]]


def briefing_copy(folder: Path, briefing: str | None = None, figures: str | None = None,
                  replace: tuple[str, str] | None = None) -> Path:
    """A copy of the minimal briefing, with briefing.yaml / figures.yaml given or edited."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(MINIMAL, folder)
    if briefing is not None:
        (folder / "briefing.yaml").write_text(briefing, "utf-8")
    if figures is not None:
        (folder / "figures.yaml").write_text(figures, "utf-8")
    if replace is not None:
        text = (folder / "briefing.yaml").read_text("utf-8")
        assert replace[0] in text, replace[0]
        (folder / "briefing.yaml").write_text(text.replace(*replace), "utf-8")
    return folder


def with_figures_file(folder: Path, name: str) -> Path:
    """Point the briefing at `name` instead of figures.yaml."""
    text = (folder / "briefing.yaml").read_text("utf-8")
    (folder / "briefing.yaml").write_text(f"figures: [{name}]\n" + text, "utf-8")
    return folder / name


def xlsx(path: Path, cells: dict[str, str] | None = None, sheet_tail: bytes = b"",
         dimension: bool = True) -> Path:
    """A workbook with the header and the minimal briefing's figures, more cells if given (such as
    {'XFD1048576': 'x'}), `sheet_tail` appended inside the sheet part (a comment that
    compresses 1000:1), and without the sheet's <dimension> element if not `dimension`."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    for ref, value in (cells or {}).items():
        sheet[ref] = value
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                if not dimension:
                    start = data.index(b"<dimension")
                    data = data[:start] + data[data.index(b"/>", start) + 2:]
                data = data.replace(b"</worksheet>", sheet_tail + b"</worksheet>")
            target.writestr(item, data)
    plain.unlink()
    return path


def png_header(path: Path, width: int, height: int) -> Path:
    """A PNG that declares `width` x `height` pixels in a few bytes (a decompression bomb
    as far as its header goes)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
                     + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))
    return path


def image_block(folder: Path, name: str) -> None:
    """Add an image block showing `name` after the first paragraph."""
    text = (folder / "briefing.yaml").read_text("utf-8")
    marker = "      - kpis:"
    block = f"      - image: {{file: {name}, alt: {{zh: 图, en: Picture}}}}\n"
    (folder / "briefing.yaml").write_text(text.replace(marker, block + marker, 1), "utf-8")
