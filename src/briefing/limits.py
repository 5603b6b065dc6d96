"""Limits on everything an input can make grow, in one place (listed in docs/limits.md).

Each limit has a name, a default and an environment variable that raises it for one run
(`BRIEFING_MAX_PAGES=5000 briefing build ...`). An input over a limit is a located error
that names the limit and how to raise it, found before the work that would take the time
or the memory: a small file can otherwise hold a sheet of 17 billion cells or a word that
takes ReportLab minutes to break.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Limit:
    """One bound: `name` is how messages and docs call it, `unit` what it counts."""

    name: str
    default: int
    unit: str
    description: str

    @property
    def variable(self) -> str:
        """The environment variable that sets it: BRIEFING_MAX_<NAME>."""
        return f"BRIEFING_MAX_{self.name.upper()}"

    @property
    def value(self) -> int:
        """The default, or the environment's value when that is a positive whole number."""
        text = os.environ.get(self.variable, "").strip().replace("_", "")
        return int(text) if text.isdigit() and int(text) > 0 else self.default

    def message(self, what: str, found: int | None = None) -> str:
        """`what` has `found` units; the limit is ... (its name)."""
        amount = f" has {found:,} {self.unit}" if found is not None else \
            f" has more than {self.value:,} {self.unit}"
        return f"{what}{amount}; the limit is {self.value:,} ({self.name})"

    @property
    def hint(self) -> str:
        return f"make it smaller, or {self.raise_it}"

    @property
    def raise_it(self) -> str:
        """How to raise it for a run, and where the limits are told."""
        return (f"raise the limit for a run: {self.variable}={self.value * 10} (see "
                "`briefing docs limits`)")


FILE_BYTES = Limit("file_bytes", 2 * 1024 * 1024, "bytes",
                   "size of one YAML file (briefing.yaml, figures.yaml, a theme, delegations)")
TABLE_FILE_BYTES = Limit("table_file_bytes", 20 * 1024 * 1024, "bytes",
                         "size of one figures.csv or figures.xlsx file")
XLSX_UNCOMPRESSED_BYTES = Limit("xlsx_uncompressed_bytes", 64 * 1024 * 1024, "bytes",
                                "what the parts of an .xlsx file unpack to, together")
XLSX_ROWS = Limit("xlsx_rows", 200_000, "rows", "rows of the sheet of an .xlsx file")
XLSX_COLUMNS = Limit("xlsx_columns", 64, "columns", "columns of the sheet of an .xlsx file")
NESTING_DEPTH = Limit("nesting_depth", 32, "levels",
                      "how deep lists and mappings nest in a YAML file")
TEXT_CHARS = Limit("text_chars", 20_000, "characters",
                   "one text in one language (a paragraph, a bullet, a cell), figures "
                   "filled in")
WORD_CHARS = Limit("word_chars", 5_000, "characters",
                   "a run of characters without a place to break the line (no space; "
                   "Chinese characters break anywhere)")
DOCUMENT_CHARS = Limit("document_chars", 2_000_000, "characters",
                       "all the text of one document, both languages, figures filled in")
IMAGE_BYTES = Limit("image_bytes", 20 * 1024 * 1024, "bytes", "size of one image file")
IMAGE_PIXELS = Limit("image_pixels", 40_000_000, "pixels", "width times height of one image")
BLOCKS = Limit("blocks", 20_000, "blocks", "blocks of one document, all sections together")
PAGES = Limit("pages", 3_000, "pages", "pages of one PDF (counted while it is laid out)")
PAGE_BREAKS = Limit("page_breaks", 10, "page breaks in a row",
                    "page breaks with nothing between them (each after the first makes a "
                    "blank page)")

LIMITS = (FILE_BYTES, TABLE_FILE_BYTES, XLSX_UNCOMPRESSED_BYTES, XLSX_ROWS, XLSX_COLUMNS,
          NESTING_DEPTH, IMAGE_BYTES, IMAGE_PIXELS, TEXT_CHARS, WORD_CHARS, DOCUMENT_CHARS,
          BLOCKS, PAGES, PAGE_BREAKS)

# where a line may break without a space: CJK ideographs, kana, hangul, CJK punctuation and
# full-width forms (a conservative list: a break elsewhere only makes a word shorter)
_UNBREAKABLE_RUN = ("[^\\s\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
                    "\ufe30-\ufe4f\uff00-\uffef]")


def text_size_problem(text: str) -> tuple[str, str] | None:
    """(message, hint) when one text is over TEXT_CHARS or holds a word over WORD_CHARS."""
    import re

    if len(text) > TEXT_CHARS.value:
        return TEXT_CHARS.message("the text", len(text)), TEXT_CHARS.hint
    if len(text) > WORD_CHARS.value:
        word = re.search(f"{_UNBREAKABLE_RUN}{{{WORD_CHARS.value + 1},}}", text)
        if word:
            return (WORD_CHARS.message(f"the word '{word.group(0)[:20]}...'",
                                       len(word.group(0))),
                    "put spaces in it (a line cannot break inside a word), or raise the "
                    f"limit for a run: {WORD_CHARS.variable}={WORD_CHARS.value * 10}")
    return None
