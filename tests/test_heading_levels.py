"""Every heading level the content format offers (2, 3, 4 inside a section) builds under
every parent (a section without a heading, a section heading, each lower level), in every
layout and theme, in the PDF (text and bookmarks) and the DOCX (heading styles)."""

from __future__ import annotations

from pathlib import Path

import docx
import pypdf
import pytest

import briefing
from tests.conftest import paragraph_text, pdf_text

NAMES = {None: "s", 2: "b", 3: "c", 4: "d"}  # letters: digits in text are linted


def heading(label: str, level: int) -> str:
    return (f"      - heading: {{zh: 标题{label}, en: Heading {label}}}\n"
            f"        level: {level}\n")


def briefing_yaml() -> tuple[str, list[tuple[str, int]]]:
    """Each level right after each possible parent, and the headings in order."""
    order: list[tuple[str, int]] = []
    blocks = ""
    for parent in (None, 2, 3, 4):
        for level in (2, 3, 4):
            if parent is not None:
                label = f"{NAMES[parent]}{NAMES[level]}a"
                blocks += heading(label, parent)
                order.append((label, parent))
            label = f"{NAMES[parent]}{NAMES[level]}"
            blocks += heading(label, level)
            order.append((label, level))
            blocks += "      - paragraph: {zh: 正文。, en: Body.}\n"
    text = ("cover:\n  title: {zh: 测试, en: Test}\n  date: 2024-01-15\n"
            "  publisher: {zh: 测试区, en: Test District}\n"
            "sections:\n  - blocks:\n" + heading("Open", 3) +
            "      - paragraph: {zh: 开头。, en: Opening.}\n"
            "  - heading: {zh: 一节, en: A Section}\n    blocks:\n" + blocks)
    return text, [("Open", 3)] + order


@pytest.mark.parametrize("theme", ["investor", "print", "gov"])
@pytest.mark.parametrize("layout", ["stacked", "parallel", "zh", "en"])
def it_builds_every_heading_level_under_every_parent(theme: str, layout: str, make_briefing,
                                                     tmp_path: Path) -> None:
    text, order = briefing_yaml()
    folder = make_briefing(briefing_yaml=text)
    paths = {p.suffix: p for p in briefing.build(folder, tmp_path / "out", theme=theme,
                                                 layout=layout)}
    pdf = "".join(pdf_text(paths[".pdf"])).replace("\n", "")
    lang_text = (lambda label: f"标题{label}") if layout != "en" else (
        lambda label: f"Heading {label}")
    for label, _ in order:
        assert lang_text(label) in pdf, label
    # bookmarks: one per heading (and the section's), each under the one before it at most
    # one level deeper
    outline = pypdf.PdfReader(str(paths[".pdf"])).outline
    depths: list[int] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                depths.append(depth)
    walk(outline, 0)
    # Open (3) and the section (1) come first; no level is skipped: 3 under 1 nests at 2
    levels = [3, 1] + [level for _, level in order[1:]]
    expected, deepest = [], 0
    for level in levels:
        deepest = min(level, deepest + 1)
        expected.append(deepest - 1)
    assert depths == expected
    document = docx.Document(str(paths[".docx"]))
    paragraphs = list(document.paragraphs) + [  # parallel: in a two-column table
        p for table in document.tables for row in table.rows for cell in row.cells
        for p in cell.paragraphs]
    styles = {paragraph_text(p).strip(): p.style.name for p in paragraphs}
    for label, level in order:
        key = next(k for k in styles if k.endswith(lang_text(label)))
        assert styles[key].startswith(f"Heading {level}"), (label, styles[key])
