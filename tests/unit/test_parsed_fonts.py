"""ReportLab's parsed fonts kept in the disk cache (parsed_fonts.py): a font loaded from an
entry is the font ReportLab parses, draws the same PDF, and anything wrong with an entry
means parsing again."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile
from reportlab.pdfgen.canvas import Canvas

from briefing import parsed_fonts
from briefing.fonts import cache_dir, common_characters, font_subset
from briefing.parsed_fonts import FRESH, parsed_font

FONTS = Path(__file__).resolve().parents[2] / "fonts"
TEXT = "西城区招商引资 ▲ 12.5% · Xicheng 砺"


@pytest.fixture(scope="module")
def subset() -> bytes:
    return font_subset(FONTS / "NotoSansSC-Regular.ttf", common_characters() | set(TEXT),
                       layout=False)


def _attributes(font: TTFont) -> tuple[dict[str, Any], dict[str, Any]]:
    return ({k: v for k, v in vars(font).items() if k not in FRESH},
            {k: v for k, v in vars(font.face).items() if k != "_pdfScale"})


def _pdf(font: TTFont) -> bytes:
    pdfmetrics._fonts[font.fontName] = font
    try:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1)
        canvas.setFont(font.fontName, 12)
        canvas.drawString(72, 720, TEXT)
        canvas.save()
        return buffer.getvalue()
    finally:
        del pdfmetrics._fonts[font.fontName]


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: TTFontFile, charInfo: int = 1) -> None:  # noqa: N803
        raise AssertionError("parsed again")

    monkeypatch.setattr(TTFontFile, "extractInfo", refuse)


def it_loads_the_font_reportlab_parses_from_the_cache(subset: bytes, monkeypatch) -> None:
    parsed = TTFont("pf-test", io.BytesIO(subset))
    parsed_font("pf-test", subset)  # parsed once, stored (if this run had no entry yet)
    assert list(cache_dir().glob("parsed-*.bin"))
    _no_parsing(monkeypatch)
    loaded = parsed_font("pf-test", subset)
    assert type(loaded) is TTFont and type(loaded.face) is type(parsed.face)
    assert _attributes(loaded) == _attributes(parsed)
    assert set(vars(loaded)) == set(vars(parsed))
    assert set(vars(loaded.face)) == set(vars(parsed.face))
    assert loaded.face._pdfScale(1234) == parsed.face._pdfScale(1234)
    assert loaded.stringWidth(TEXT, 10) == parsed.stringWidth(TEXT, 10)
    assert _pdf(loaded) == _pdf(parsed)


def it_parses_again_when_an_entry_cannot_be_read(subset: bytes, monkeypatch) -> None:
    parsed = _attributes(TTFont("pf-test", io.BytesIO(subset)))  # as parsed: drawing moves
    drawn = _pdf(TTFont("pf-test", io.BytesIO(subset)))  # the face's read position
    for entry in (b"", b"{not json", b'{"font":{},"face":{"x":["?"]}}\0',
                  b'{"font":{},"face":{"glyphPos":["list",["q",0,99]]}}\0'):
        monkeypatch.setattr(parsed_fonts, "cached", lambda kind, key, compute, e=entry: e)
        font = parsed_font("pf-test", subset)
        assert _attributes(font) == parsed, entry
        assert _pdf(font) == drawn


def it_stores_nothing_for_a_font_it_cannot_give_back_exactly(subset: bytes) -> None:
    font = TTFont("pf-test", io.BytesIO(subset))
    font.face.newAttribute = object()  # as a ReportLab release might add
    assert parsed_fonts._stored(font) == b""
    font.face.newAttribute = [1, 2.5] * 20  # a column of mixed numbers
    assert parsed_fonts._stored(font) == b""
    del font.face.newAttribute
    assert parsed_fonts._stored(font) != b""


def it_keys_an_entry_by_the_bytes_and_the_reportlab_version(subset: bytes, monkeypatch) -> None:
    keys: list[str] = []

    def record(kind: str, key: str, compute: Any) -> bytes:
        keys.append(key)
        return compute()

    monkeypatch.setattr(parsed_fonts, "cached", record)
    parsed_font("pf-test", subset)
    monkeypatch.setattr(parsed_fonts.reportlab, "Version", "0.0.1")
    parsed_font("pf-test", subset)
    parsed_font("pf-test", subset[:-4] + b"\0\0\0\0")
    assert len(set(keys)) == 3
