"""Where an English word of the PDF may be hyphenated: pyphen's en_US patterns (its en_GB
ones break "Bur-eau", "Stat-ist-ics", "ad-ded", "urb-an"), at least three letters on each
side of the hyphen (TeX's \\lefthyphenmin and \\righthyphenmin, raised from 2 and 3), no
word under seven letters ("sec-tor", "tar-get" stay whole), and never the unit of a
number ("RMB 100 mil-lion", "28 pro-jects"). A compound breaks at its own hyphen only,
and not after a first part of one or two letters ("E-|commerce", "co-|operate" stay
whole) nor before a last one ("ready-to-|go"): ReportLab's embedded hyphenation breaks at any of its
hyphens, so styles.py turns it off and gives every English style a Hyphenator. Which roles
are never hyphenated inside words (headings, table headers, figures) is decided in
styles.py: theirs is a Hyphenator(words=False), which breaks compounds only."""

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
    units). A compound splits after its own hyphens only (pyphen would cut "high-s-peed"),
    keeping LEFT_MIN letters before the break and RIGHT_MIN after it. With `words` off,
    only compounds split (the unhyphenated roles)."""

    def __init__(self, kept: frozenset[str], words: bool = True) -> None:
        self.kept = kept
        self.words = words

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        if "-" in word:
            return compound_splits(word)
        if not self.words or "\u00ad" in word or word in self.kept:
            return iter(())
        return _PATTERNS.iterate(word)  # type: ignore[no-any-return]


def compound_splits(word: str) -> Iterator[tuple[str, str]]:
    """A compound's (head, tail) splits after its own hyphens, longest head first, with
    LEFT_MIN letters before the break and RIGHT_MIN after it, as for any word: "year-on-|
    year", "state-|owned", never "E-|commerce" nor "ready-to-|go"."""
    for k in range(len(word) - 1, 0, -1):
        head, tail = word[:k], word[k:]
        if head.endswith("-") and _letters(head) >= LEFT_MIN and _letters(tail) >= RIGHT_MIN:
            yield head, tail


def _letters(part: str) -> int:
    return sum(char.isalpha() for char in part)


def unit_words(texts: Iterable[str]) -> frozenset[str]:
    """The words written right after a number in the texts: the units of its figures
    (million, projects, percentage), kept whole wherever they stand. Gathered per document
    rather than per paragraph, so that a paragraph's lines do not depend on which
    paragraph they were broken in (the lines are kept for the process: linebreak.LINES)."""
    return frozenset(word for text in texts for word in _AFTER_NUMBER.findall(text))
