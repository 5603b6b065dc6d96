"""Inline marks in text: `**bold**` and `[text](url)`, nothing else.

Hand-written rather than CommonMark because CommonMark's flanking rules refuse `**` next to
Chinese punctuation (`**资金问题有效解决。**通过` stays literal), which is how our authors write.
"""

from __future__ import annotations

import re

from ..model import FigureMark, Inline, Run
from .templating import MARK_END, MARK_START, MARK_VALUE

ALLOWED_SCHEMES = ("http://", "https://", "mailto:")
_TOKEN = re.compile(r"\\([*\[\]\\])"                                 # an escaped mark
                    r"|\*\*(.+?)\*\*"                                  # **bold**
                    r"|\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)",  # [text](url)
                    re.S)


class InlineProblem(Exception):
    pass


def parse_inline(text: str) -> Inline:
    """Split text into runs; raises InlineProblem for a link with a refused scheme."""
    runs: list[Run] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        _append(runs, text[pos:match.start()])
        escaped, strong, link_text, target = match.groups()
        if escaped:
            _append(runs, escaped)
        elif strong is not None:
            runs.append(Run(strong, strong=True))
        else:
            if not target.lower().startswith(ALLOWED_SCHEMES):
                raise InlineProblem(f"link target '{target}' is not allowed: use an http, https "
                                    "or mailto address")
            runs.append(Run(link_text, link=target))
        pos = match.end()
    _append(runs, text[pos:])
    if MARK_START in text:
        return tuple(_figure_marks(run) for run in runs)
    return tuple(runs)


_MARKED = re.compile(f"{MARK_START}([^{MARK_VALUE}]*){MARK_VALUE}([^{MARK_END}]*){MARK_END}")


def _figure_marks(run: Run) -> Run:
    """The run without the figures' MARK_* characters, with a FigureMark for each (none in
    a link: its text is one link). A mark that a template cut in two is dropped."""
    text, marks, pos = [], [], 0
    length = 0
    for match in _MARKED.finditer(run.text):
        before = run.text[pos:match.start()]
        text.append(before)
        length += len(before)
        value = match.group(2)
        figure, _, attribute = match.group(1).partition(".")
        marks.append(FigureMark(length, length + len(value), figure, attribute or None))
        text.append(value)
        length += len(value)
        pos = match.end()
    text.append(run.text[pos:])
    plain = "".join(text)
    for char in (MARK_START, MARK_VALUE, MARK_END):
        plain = plain.replace(char, "")
    if run.link or len(plain) != length + len(run.text) - pos:
        return Run(plain, run.strong, run.link)
    return Run(plain, run.strong, run.link, tuple(marks))


def _append(runs: list[Run], text: str) -> None:
    if not text:
        return
    if runs and runs[-1] == Run(runs[-1].text):  # merge with a preceding plain run
        runs[-1] = Run(runs[-1].text + text)
    else:
        runs.append(Run(text))
