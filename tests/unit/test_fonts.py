"""Glyph coverage: a character no font has is an error naming it, where it was written and
the font; the cmap cache is only ever a shortcut."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing
from briefing.fonts import _read_cmap, cache_dir, font_cmap
from tests.conftest import pdf_text

FONT = Path(__file__).resolve().parents[2] / "fonts" / "NotoSans-Regular.ttf"


def it_refuses_a_character_missing_from_the_font_with_its_location(make_briefing) -> None:
    folder = make_briefing()
    text = (folder / "briefing.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    line = next(i for i, t in enumerate(lines, 1) if "- bullets:" in t)  # the block
    (folder / "briefing.yaml").write_text(text.replace("en: First item", "en: First 𝕏 item"),
                                          encoding="utf-8")
    with pytest.raises(briefing.ContentError) as caught:
        briefing.check(folder)
    messages = [d.format() for d in caught.value.diagnostics]
    assert any(f"briefing.yaml:{line}:" in m and "'𝕏' (U+1D54F MATHEMATICAL DOUBLE-STRUCK "
               "CAPITAL X) is in none of the fonts NotoSansSC-Regular.ttf > NotoSans-Regular.ttf"
               in m for m in messages), messages


def it_draws_chinese_in_english_text_with_the_fallback_font(make_briefing, tmp_path: Path) -> None:
    # 漯 is not in Noto Sans, which sets English; the theme's fallback, Noto Sans SC, has it
    assert 0x6F2F not in font_cmap(FONT)
    folder = make_briefing()
    text = (folder / "briefing.yaml").read_text("utf-8")
    (folder / "briefing.yaml").write_text(text.replace("en: First item", "en: Luohe (漯河)"),
                                          "utf-8")
    [pdf] = briefing.build(folder, tmp_path, formats=("pdf",))
    assert "Luohe (漯河)" in "".join(pdf_text(pdf))
    import pypdf
    page_fonts = set()
    for page in pypdf.PdfReader(str(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            page_fonts.add(str(ref.get_object()["/BaseFont"]).split("+")[-1])
    assert {"NotoSans-Regular", "NotoSansSC-Regular"} <= page_fonts


def it_caches_the_cmap_and_survives_a_corrupt_cache() -> None:
    font_cmap.cache_clear()
    codes = font_cmap(FONT)
    files = list(cache_dir().glob("cmap-*.bin"))
    assert files and set(codes) == _read_cmap(FONT)
    for file in files:
        file.write_bytes(b"\x01\x02\x03")  # damaged: its checksum fails
    font_cmap.cache_clear()
    assert font_cmap(FONT) == codes


def it_sets_characters_its_font_lacks_in_the_fallback_face() -> None:
    from briefing.theme.locate import search_dirs
    from briefing.theme.resolve import resolve_theme
    from briefing.writers.pdf.styles import FontChain

    styles, fonts = search_dirs(Path(__file__).parent)
    chain = FontChain("latin", resolve_theme("investor", styles, fonts))
    assert chain.markup("Luohe (漯河) R&D") == \
        'Luohe (<font face="briefing-NotoSansSC-Regular">漯河</font>) R&amp;D'


def it_embeds_fonts_subset_to_the_document_and_keeps_every_character(make_briefing,
                                                                     tmp_path: Path) -> None:
    # 漯 and 郾 are outside GB 2312 level 1 (the common set): they come from the document
    folder = make_briefing()
    text = (folder / "briefing.yaml").read_text("utf-8")
    (folder / "briefing.yaml").write_text(text.replace("en: First item", "en: Yancheng (郾城)"),
                                          "utf-8")
    [pdf] = briefing.build(folder, tmp_path / "one", formats=("pdf",))
    assert "郾城" in "".join(pdf_text(pdf))
    # a second document in the same process: its fonts are those of its own characters
    # (ReportLab silently keeps a font registered under a name: we replace our entry)
    (folder / "briefing.yaml").write_text(text.replace("en: First item", "en: Luohe (漯河)"),
                                          "utf-8")
    [pdf] = briefing.build(folder, tmp_path / "two", formats=("pdf",))
    assert "Luohe (漯河)" in "".join(pdf_text(pdf))
    # ReportLab's font program for the Chinese face is a subset: about the common set plus
    # the document, not the 10 MB font
    from reportlab.pdfbase import pdfmetrics
    face = pdfmetrics.getFont("briefing-NotoSansSC-Regular").face
    assert 3_700 < len(face.charToGlyph) < 6_000 and ord("漯") in face.charToGlyph


def it_keeps_font_coverage_as_a_bitmap() -> None:
    from briefing.fonts import Coverage

    codes = {0x41, 0x6F2F, 0x1F600}
    coverage = Coverage.of(codes)
    assert set(coverage) == codes and 0x6F2F in coverage and 0x42 not in coverage
    assert -1 not in coverage and 0x110000 not in coverage and "A" not in coverage
    assert set(coverage | Coverage.of({0x42})) == codes | {0x42}
    assert len(coverage.bits) == 0x110000 // 8


def it_keeps_its_subsets_apart_from_other_registrations_of_the_same_face(tmp_path: Path) -> None:
    # a program that builds briefings and also registers Noto Sans SC with ReportLab itself:
    # each keeps its own font object, before and after a build
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    full = Path(__file__).resolve().parents[2] / "fonts" / "NotoSansSC-Regular.ttf"
    pdfmetrics.registerFont(TTFont("theirs-before", str(full)))
    briefing.build(Path(__file__).resolve().parents[2] / "content" / "xicheng-2023", tmp_path,
                   formats=("pdf",))
    pdfmetrics.registerFont(TTFont("theirs-after", str(full)))
    ours = pdfmetrics.getFont("briefing-NotoSansSC-Regular")
    for name in ("theirs-before", "theirs-after"):
        assert len(pdfmetrics.getFont(name).face.charToGlyph) > 30_000  # the whole font
    assert len(ours.face.charToGlyph) < 6_000 and ord("漯") in ours.face.charToGlyph
