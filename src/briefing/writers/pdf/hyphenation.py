"""Where an English word of the PDF may be hyphenated: pyphen's en_US patterns (its en_GB
ones break "Bur-eau", "Stat-ist-ics", "ad-ded", "urb-an"), at least three letters on each
side of the hyphen (TeX's \\lefthyphenmin and \\righthyphenmin, raised from 2 and 3), no
word under seven letters ("sec-tor", "tar-get" stay whole), and never the unit of a
number ("RMB 100 mil-lion", "28 pro-jects"). Which roles are never hyphenated (headings,
table headers, figures) is decided in styles.py."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyphen

PATTERNS = "en_US"
LEFT_MIN = RIGHT_MIN = 3  # letters kept on each side of a hyphen
MIN_WORD = 7  # letters of the shortest word hyphenated (ReportLab's hyphenationMinWordLength)


class Hyphenator:
    """ReportLab's hyphenation callable (a style's `hyphenationLang`): a word -> its
    (head, tail) splits, longest head first. `text` is the paragraph being broken
    (WrappedOnce.wrap sets it): a word written right after a number is its unit. One per
    process: a build breaks one paragraph at a time."""

    def __init__(self) -> None:
        self._pyphen = pyphen.Pyphen(lang=PATTERNS, left=LEFT_MIN, right=RIGHT_MIN)
        self.text = ""
        self._units: dict[str, frozenset[str]] = {}

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        # a compound ("high-speed") breaks at its own hyphen only (ReportLab's embedded
        # hyphenation): pyphen would cut its parts ("high-s-peed")
        if "-" in word or "\u00ad" in word or word in self.units():
            return iter(())
        return self._pyphen.iterate(word)  # type: ignore[no-any-return]

    def units(self) -> frozenset[str]:
        """The words of the paragraph written after a number: "100 million", "1.3
        percentage points", "28 projects" (a figure's unit, kept whole)."""
        known = self._units.get(self.text)
        if known is None:
            known = frozenset(word for phrase in _AFTER_NUMBER.findall(self.text)
                              for word in phrase.split())
            if len(self._units) > 1000:
                self._units.clear()
            self._units[self.text] = known
        return known


# a number, then up to two words (the unit, "percentage points"); spaces of any kind
_AFTER_NUMBER = re.compile(r"\d[\s\u00a0]+((?:[A-Za-z]+[\s\u00a0]*){1,2})")

HYPHENATOR = Hyphenator()
