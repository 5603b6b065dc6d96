"""Where a figure table may break across pages, one rule for both writers: a table of
LONG_TABLE body rows or more leaves at least MIN_LAST_ROWS of them on the page after a
break, so that no page holds its last row alone (the PDF's CaptionedTable splits so; the
DOCX keeps those rows with the next through a style, which Word and LibreOffice
follow)."""

from __future__ import annotations

LONG_TABLE = 4  # body rows: a table this long leaves at least MIN_LAST_ROWS after a break
MIN_LAST_ROWS = 2  # (not before it: that moved tables on whole, leaving 12 pages of the
# samples more than a quarter empty; a caption, the header and a row start a table well)


def last_rows_together(body_rows: int) -> int:
    """How many of a table's last body rows go on one page: MIN_LAST_ROWS for a long
    table, else one."""
    return MIN_LAST_ROWS if body_rows >= LONG_TABLE else 1
