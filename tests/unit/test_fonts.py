"""Glyph coverage: a character no font has is an error naming it, where it was written and
the font; the cmap cache is only ever a shortcut."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing
from briefing.fonts import _read_cmap, cache_dir, font_cmap

FONT = Path(__file__).resolve().parents[2] / "fonts" / "NotoSans-Regular.ttf"


def it_refuses_a_character_missing_from_the_font_with_its_location(make_briefing) -> None:  # type: ignore[no-untyped-def]
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
               "CAPITAL X) is not in font NotoSansSC-Regular.ttf, NotoSansSC-Bold.ttf, "
               "NotoSans-Regular.ttf, NotoSans-Bold.ttf" in m for m in messages), messages


def it_checks_chinese_against_the_chinese_font_only(make_briefing) -> None:  # type: ignore[no-untyped-def]
    # 漯 is not in Noto Sans (Latin) but is in Noto Sans SC, which draws the Chinese
    assert 0x6F2F not in font_cmap(FONT)
    briefing.check(make_briefing(briefing_yaml=(Path(__file__).parents[1] / "fixtures" / "minimal"
                                                / "briefing.yaml").read_text("utf-8")
                                 .replace("测试简报", "漯河简报")))


def it_caches_the_cmap_and_survives_a_corrupt_cache() -> None:
    font_cmap.cache_clear()
    codes = font_cmap(FONT)
    files = list(cache_dir().glob("cmap-*.bin"))
    assert files and codes == _read_cmap(FONT)
    for file in files:
        file.write_bytes(b"\x01\x02\x03")  # not a whole number of entries
    font_cmap.cache_clear()
    assert font_cmap(FONT) == codes
