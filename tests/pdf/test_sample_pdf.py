"""The sample PDF, opened as a reader would: its text, its fonts, its pages."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import briefing
from tests.conftest import SAMPLE, pdf_fonts, pdf_text, pdffonts


def flat(pages: list[str]) -> str:
    """All text with line breaks removed, so a phrase wrapped across lines still matches."""
    return re.sub(r"\s*[\r\n]+\s*", " ", "\n".join(pages)).replace("\u00a0", " ")


def no_space(pages: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(pages))


def it_holds_the_chinese_and_english_text_with_both_renderings_of_figures(sample_build) -> None:
    pages = pdf_text(sample_build["pdf"])
    zh, en = no_space(pages), flat(pages)
    # opening and closing of the seed, in Chinese
    assert "砥砺奋进，硕果累累。刚刚过去的2023年" in zh
    assert "勇当中国式现代化建设漯河实践的排头兵" in zh
    # every section heading of the seed
    for heading in ("开放招商成效明显", "项目基础更加坚实", "产业发展实现新突破",
                    "新城形象更加靓丽",
                    "疑难问题加快破解", "民生福祉持续增进", "党建基础保障夯实"):
        assert heading in zh
    # figures, as each language writes them
    for text in ("新签约项目33个", "总投资112.5亿元", "460亿元", "7244万元", "24.1%", "253天",
                 "46微克/立方米以下", "3452套", "1.2万余人", "300余家"):
        assert text in zh, text
    for text in ("RMB 11.25 billion", "RMB 72.44 million", "3,452 homes", "253 days",
                 "more than 12,000 people", "below 46 µg/m³", "334 mu"):
        assert text in en, text
    assert "Xicheng District" in en


def it_embeds_and_subsets_every_font(sample_build) -> None:
    check_fonts(pdf_fonts(sample_build["pdf"]))


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed "
                    "(.ci/run installs it)")
def it_embeds_and_subsets_every_font_according_to_pdffonts(sample_build) -> None:
    check_fonts(pdffonts(sample_build["pdf"]))


def check_fonts(fonts: list[dict[str, str]]) -> None:
    assert fonts, "no fonts listed"
    for font in fonts:
        assert font["emb"] == "yes" and font["sub"] == "yes", font
    names = {f["name"].split("+")[-1] for f in fonts}
    assert {"NotoSansSC-Regular", "NotoSansSC-Bold", "NotoSans-Regular"} <= names
    assert not any("Helvetica" in n for n in names)


def it_is_a4_with_page_numbers_and_well_under_two_megabytes(sample_build) -> None:
    path: Path = sample_build["pdf"]
    assert path.stat().st_size < 2_000_000
    pdf = pdfium.PdfDocument(str(path))
    try:
        width, height = pdf[0].get_size()
        assert (round(width), round(height)) == (595, 842)
        count = len(pdf)
    finally:
        pdf.close()
    pages = pdf_text(path)
    assert count >= 5
    # the cover counts but shows no number; every other page says which it is, in both languages
    assert "Page" not in pages[0]
    for number in range(2, count + 1):
        assert f"第 {number} 页" in pages[number - 1] and f"Page {number}" in pages[number - 1]


def it_renders_pages_that_are_not_blank(sample_build) -> None:
    pdf = pdfium.PdfDocument(str(sample_build["pdf"]))
    try:
        image = pdf[1].render(scale=0.5).to_pil().convert("L")
    finally:
        pdf.close()
    dark = sum(image.histogram()[:128])
    assert dark > 0.01 * image.width * image.height


def it_writes_binary_streams_and_keeps_to_its_size(sample_build) -> None:
    # no ASCII85 armour (a quarter larger); every stream still decodes (pypdf reads them all)
    import pypdf

    data = sample_build["pdf"].read_bytes()
    assert b"ASCII85Decode" not in data
    reader = pypdf.PdfReader(str(sample_build["pdf"]))
    assert all(page.extract_text() for page in reader.pages[1:])
    assert len(data) < 240_000  # 225 KB today; 235 KB with ASCII85 (docs/performance.md)


def it_reports_text_outside_the_font_subsets_as_a_bug(tmp_path: Path) -> None:
    # the PDF's fonts are subset to document_characters(); a character that escaped it
    # would print as a blank, so it is an internal error instead. 漯 is outside the common
    # set the subsets always hold. (A fresh process: fonts stay registered in one.)
    script = ("import briefing\n"
              "from briefing.writers.pdf import document\n"
              "document.document_characters = lambda d: frozenset()\n"
              f"briefing.build({str(SAMPLE)!r}, {str(tmp_path)!r}, formats=('pdf',))\n")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(SAMPLE.parents[1] / "src"), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode != 0
    assert "AssertionError: U+6F2F is not in the subset of briefing-NotoSansSC" in done.stderr
    assert not (tmp_path / "xicheng-2023.pdf").exists()


def it_prints_markup_characters_literally(make_briefing, tmp_path: Path) -> None:
    folder = make_briefing()
    text = (folder / "briefing.yaml").read_text(encoding="utf-8")
    text = text.replace("zh: 第一项, en: First item",
                        'zh: "研发R&D，a < b，<script>x</script>", '
                        'en: "R&D <b>not bold</b> &amp; a < b"')
    (folder / "briefing.yaml").write_text(text, encoding="utf-8")
    [pdf] = briefing.build(folder, tmp_path / "out", formats=("pdf",))
    pages = pdf_text(pdf)
    assert "研发R&D，a<b，<script>x</script>" in no_space(pages)
    assert "R&D <b>not bold</b> &amp; a < b" in flat(pages)


def it_writes_the_same_bytes_for_the_same_input(make_briefing, tmp_path: Path) -> None:
    folder = make_briefing()
    [first] = briefing.build(folder, tmp_path / "a", formats=("pdf",))
    [second] = briefing.build(folder, tmp_path / "b", formats=("pdf",))
    assert first.read_bytes() == second.read_bytes()


def it_has_an_outline_entry_per_section_and_the_edition_date(sample_build) -> None:
    import pypdf
    reader = pypdf.PdfReader(str(sample_build["pdf"]))
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "开放招商成效明显 · Notable Results in Opening Up and Investment Promotion" in titles
    assert len(titles) == 8 and titles[-1] == "数据来源 · Sources"
    info = reader.metadata
    assert info["/CreationDate"].startswith("D:20240115") and info["/ModDate"].startswith("D:2024")
    assert "漯河市西城区" in info["/Title"] and info["/Author"] == "漯河市西城区人民政府"
    assert info["/Keywords"].startswith("西城区, 漯河")
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def it_runs_the_title_in_the_header_and_counts_pages_in_the_footer(sample_build) -> None:
    pages = pdf_text(sample_build["pdf"])
    total = len(pages)  # the cover counts, as Word's NUMPAGES counts it
    for number in range(2, total + 1):
        assert f"Page {number} of {total}" in pages[number - 1]
        assert f"第 {number} 页（共 {total} 页）" in pages[number - 1]
        # the full title appears nowhere in the body: this is the running header
        assert "漯河市西城区2023年工作回顾 · Xicheng District, Luohe — 2023 in Review" in \
            pages[number - 1]
