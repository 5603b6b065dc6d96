"""Word hyphenates the English as the PDF does (w:autoHyphenation in the settings)."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn

import briefing
from tests.conftest import SAMPLE


def it_asks_word_to_hyphenate(tmp_path: Path) -> None:
    [path] = briefing.build(SAMPLE, tmp_path, formats=("docx",))
    settings = docx.Document(str(path)).settings.element
    tags = [child.tag for child in settings]
    assert qn("w:autoHyphenation") in tags
    # in the schema's order: after the tab stop, before the character spacing control
    assert tags.index(qn("w:defaultTabStop")) < tags.index(qn("w:autoHyphenation")) \
        < tags.index(qn("w:characterSpacingControl"))
