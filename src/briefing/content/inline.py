"""Inline marks in text: `**bold**` and `[text](url)`, nothing else.

Hand-written rather than CommonMark because CommonMark's flanking rules refuse `**` next to
Chinese punctuation (`**资金问题有效解决。**通过` stays literal), which is how our authors write.
"""

from __future__ import annotations

import re

from ..model import Inline, Run

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
    return tuple(runs)


def _append(runs: list[Run], text: str) -> None:
    if not text:
        return
    if runs and runs[-1] == Run(runs[-1].text):  # merge with a preceding plain run
        runs[-1] = Run(runs[-1].text + text)
    else:
        runs.append(Run(text))
