"""Where an English word of the PDF may be hyphenated: pyphen's en_US patterns (its en_GB
ones break "Bur-eau", "Stat-ist-ics", "ad-ded", "urb-an"), at least three letters on each
side of the hyphen (TeX's \\lefthyphenmin and \\righthyphenmin, raised from 2 and 3), no
word under seven letters ("sec-tor", "tar-get" stay whole), and never the unit of a
number ("RMB 100 mil-lion", "28 pro-jects"). Which roles are never hyphenated (headings,
table headers, figures) is decided in styles.py."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pyphen

PATTERNS = "en_US"
LEFT_MIN = RIGHT_MIN = 3  # letters kept on each side of a hyphen
MIN_WORD = 7  # letters of the shortest word hyphenated (ReportLab's hyphenationMinWordLength)
_PATTERNS = pyphen.Pyphen(lang=PATTERNS, left=LEFT_MIN, right=RIGHT_MIN)
_AFTER_NUMBER = re.compile(r"\d[\s\u00a0]+([A-Za-z]+)")  # "100 million", "28 projects"


class Hyphenator:
    """ReportLab's hyphenation callable (a style's `hyphenationLang`): a word -> its
    (head, tail) splits, longest head first; none for a word in `kept` (the document's
    units) or a compound, which breaks at its own hyphen only (ReportLab's embedded
    hyphenation: pyphen would cut "high-s-peed")."""

    def __init__(self, kept: frozenset[str]) -> None:
        self.kept = kept

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        if "-" in word or "\u00ad" in word or word in self.kept:
            return iter(())
        return _PATTERNS.iterate(word)  # type: ignore[no-any-return]


def unit_words(texts: Iterable[str]) -> frozenset[str]:
    """The words written right after a number in the texts: the units of its figures
    (million, projects, percentage), kept whole wherever they stand. Gathered per document
    rather than per paragraph, so that a paragraph's lines do not depend on which
    paragraph they were broken in (the lines are kept for the process: linebreak.LINES)."""
    return frozenset(word for text in texts for word in _AFTER_NUMBER.findall(text))
