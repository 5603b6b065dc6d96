"""The gov PDF in the faces of an official document (GB/T 9704-2012; fonts/README.md):
仿宋 body, 小标宋 (bold Song) title, 黑体 level-1 headings, 楷体 subtitle, 宋体 page numbers
one character in from the outer edge of the text."""

from __future__ import annotations

import ctypes
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

import briefing
from briefing.model import Heading, Paragraph, plain_text
from tests.conftest import SAMPLE, pdffonts


@pytest.fixture(scope="module")
def gov(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, briefing.Document]:  # type: ignore[name-defined]
    out = tmp_path_factory.mktemp("gov")
    pdf = next(p for p in briefing.build(SAMPLE, out, theme="gov", formats=("pdf",)))
    return pdf, briefing.check(SAMPLE, theme="gov")


def faces(pdf: Path) -> list[tuple[int, str, str, float, float]]:
    """(page, character, font name, left, right) of every character drawn."""
    found = []
    document = pdfium.PdfDocument(pdf)
    buffer = ctypes.create_string_buffer(256)
    for number in range(len(document)):
        textpage = document[number].get_textpage()
        for i in range(textpage.count_chars()):
            char = textpage.get_text_range(i, 1)
            if not char.strip():
                continue
            pdfium_c.FPDFText_GetFontInfo(textpage.raw, i, buffer, 256, None)
            left, _, right, _ = textpage.get_charbox(i, loose=True)
            found.append((number + 1, char, buffer.value.decode().split("+")[-1], left, right))
    document.close()
    return found


def face_of(drawn: list, text: str) -> set[str]:
    """The faces that draw the first occurrence of `text` (its CJK characters)."""
    text = "".join(text.split())
    chars = "".join(c for _, c, _, _, _ in drawn)
    start = chars.index(text)
    return {drawn[k][2] for k in range(start, start + len(text))
            if "\u4e00" <= drawn[k][1] <= "\u9fff"}


def it_sets_each_role_in_its_face(gov) -> None:  # type: ignore[no-untyped-def]
    pdf, document = gov
    drawn = faces(pdf)
    body = next(b for b in document.blocks if isinstance(b, Paragraph))
    heading = next(b for b in document.blocks if isinstance(b, Heading) and b.level == 1)
    assert face_of(drawn, plain_text(body.text.zh)[:12]) == {"FandolFang-Regular"}
    assert face_of(drawn, document.cover.title.zh) == {"FandolSong-Bold"}
    assert face_of(drawn, plain_text(heading.text.zh)) == {"NotoSansSC-Bold"}
    assert face_of(drawn, document.cover.subtitle.zh) == {"WenKaiGBK-Regular"}


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def it_lists_the_fangsong_face_in_pdffonts(gov) -> None:  # type: ignore[no-untyped-def]
    names = {f["name"].split("+")[-1] for f in pdffonts(gov[0])}
    assert {"FandolFang-Regular", "FandolSong-Bold", "FandolSong-Regular",
            "WenKaiGBK-Regular"} <= names


def it_puts_the_folio_one_character_in_from_the_outer_edge(gov) -> None:  # type: ignore[no-untyped-def]
    pdf, _ = gov
    theme = briefing.pipeline.prepare(SAMPLE, "gov").theme
    page, size = theme.page, theme.style_for("footer", "zh").size_pt
    drawn = faces(pdf)
    for number in (2, 3):
        folio = [d for d in drawn if d[0] == number and d[1] in "—0123456789"
                 and d[2] == "FandolSong-Regular"]
        if number % 2 == 0:  # even pages: on the left
            assert folio[0][3] == pytest.approx(page.margin_left_pt + size, abs=0.1)
        else:
            assert folio[-1][4] == pytest.approx(page.width_pt - page.margin_right_pt - size,
                                                 abs=0.1)


def it_sets_28_characters_a_line(gov) -> None:  # type: ignore[no-untyped-def]
    import sys
    from collections import Counter

    from tests.conftest import ROOT
    sys.path.insert(0, str(ROOT / "bench"))
    import typeset_audit

    pages, _ = typeset_audit.read_lines(gov[0].read_bytes())
    # body lines of Chinese characters and marks only (digits and Latin are narrower)
    han = [line.text.strip() for page in pages[1:] for line in page if line.size == 16
           and all("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"
                   for c in line.text.strip())]
    lengths = Counter(len(text) for text in han if len(text) >= 20)
    assert lengths.most_common(1)[0][0] == 28, lengths  # a full line of body text
