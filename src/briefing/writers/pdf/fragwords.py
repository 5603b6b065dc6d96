"""ReportLab's rejoining of a word its line breaking split, corrected so that a compound
broken at its own hyphen keeps it. Installed into reportlab.platypus.paragraph on import
(linebreak.py imports this module); tests/pdf/test_reportlab_internals.py checks the
functions replaced and used.

A paragraph with markup (several fragments: a bold run, a footnote's <super> marker) is
broken into "fragment words"; after a page break, or when ReportLab wraps the first part
of a split again, those words are broken once more and the halves of a word split at a
line end are first joined (`_rejoinSplitFragWords`). ReportLab joins two halves in one
style with `_shyUnsplit`, which strips a trailing "-" from the head whatever put it there:
the hyphen the break added, but also a compound's own ("start-|construction" ->
"startconstruction"; "major-|project" -> "majorproject", hyphenated again as
"majorpro-|ject"). Here the added hyphen is dropped (the head is a `_SplitFragHY`) and a
compound's own is kept.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as rl_paragraph


def rejoin_split_frag_words(pieces: list[Any]) -> Any:
    """The fragment word `pieces` (ReportLab's _SplitFrags: [width, (style, text)...]) were
    split from, as ReportLab's _rejoinSplitFragWords makes it, with a compound's hyphen
    kept."""
    joined: list[Any] = [0]
    width = 0.0
    style = None
    for piece in pieces:
        width += piece[0]
        added_hyphen = isinstance(piece, rl_paragraph._SplitFragHY)
        for part in piece[1:]:
            part_style, text = part
            if added_hyphen and part is piece[-1]:  # the hyphen the break added: dropped
                width -= stringWidth(text[-1], part_style.fontName, part_style.fontSize) + 1e-8
                text = rl_paragraph._shyUnsplit(text)
            if part_style is style:
                before = joined[-1][1]
                joined[-1] = (style, rl_paragraph._shyUnsplit(before, text)  # soft hyphens
                              if isinstance(before, rl_paragraph._SHYIndexedStr)
                              else before + text)
            else:
                joined.append((part_style, text))
                style = part_style
    joined[0] = width
    return rl_paragraph._reconstructSplitFrags(pieces[-1])(joined)


if not hasattr(rl_paragraph._rejoinSplitFragWords, "replaces"):
    rejoin_split_frag_words.replaces = rl_paragraph._rejoinSplitFragWords  # type: ignore[attr-defined]
    rl_paragraph._rejoinSplitFragWords = rejoin_split_frag_words
