"""Tracked changes for the redline: a text marked as a revision of the previous edition's,
word by word (unchanged stretches as plain runs, the rest as w:del and w:ins), for Word's
review. (An edited draft's values are replaced as tracked changes in redraft.py.)"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterator

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement as Element
from docx.text.paragraph import Paragraph

from .oxml import append_text_run


def add_tracked_change(paragraph: Paragraph, old: str, new: str, style_id: str | None,
                       author: str, date: datetime.datetime, ids: Iterator[int]) -> None:
    """`new`, marked as a revision of `old`: unchanged stretches as plain runs, the rest as
    a deletion (w:del) of the old and an insertion (w:ins) of the new, for Word's review."""
    matcher = difflib.SequenceMatcher(a=_tokens(old), b=_tokens(new), autojunk=False)
    a, b = _tokens(old), _tokens(new)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            append_text_run(paragraph._p, "".join(b[j1:j2]), style_id)
            continue
        if i2 > i1:
            _revision(paragraph._p, "w:del", "".join(a[i1:i2]), style_id, author, date,
                      next(ids))
        if j2 > j1:
            _revision(paragraph._p, "w:ins", "".join(b[j1:j2]), style_id, author, date,
                      next(ids))


def _tokens(text: str) -> list[str]:
    """Words, numbers and single characters: a change reads as 112.5 -> 120, not 1|1|2."""
    return re.findall(r"[0-9.,]+|[A-Za-z]+|\s+|.", text)


def _revision(parent: Element, tag: str, text: str, style_id: str | None, author: str,
              date: datetime.datetime, revision_id: int) -> None:
    change = OxmlElement(tag)
    change.set(qn("w:id"), str(revision_id))
    change.set(qn("w:author"), author)
    change.set(qn("w:date"), date.strftime("%Y-%m-%dT%H:%M:%SZ"))
    parent.append(change)
    append_text_run(change, text, style_id, "w:delText" if tag == "w:del" else "w:t")
