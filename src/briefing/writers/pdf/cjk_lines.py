"""Chinese lines in ReportLab's forms: a paragraph's characters measured, broken by
`clreq.break_lines`, and each line built as ReportLab draws it, carrying the spacing
linedraw.py's wrapped drawing functions set (a justified Chinese line's slack spread between
its characters). linebreak.py's paragraphs call it; it relies on the ReportLab internals
tests/pdf/test_reportlab_internals.py names."""

from __future__ import annotations

from reportlab.lib.rl_accel import sameFrag
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont
from reportlab.platypus.paragraph import FragLine, ParaLines, imgNormV, imgVRange
from reportlab.platypus.paraparser import ParaFrag
from reportlab.rl_config import _FUZZ

from ...clreq import (
    Line,
    break_lines,
    compressed_widths,
    justified_characters,
    justify_gaps,
)
from ...reportlab_fonts import char_widths


def split_cjk_frags(frags: list[ParaFrag], max_widths: list[float], calc_bounds: bool,
                    hanging: bool = True, justify: bool = False,
                    tracking: float = 0.0) -> ParaLines:
    """Replacement for ReportLab's cjkFragSplit that follows the rules of clreq.py.
    `tracking`: points added to every character's advance (a character grid's pitch)."""
    text, owner, natural = _characters(frags)
    widths = natural
    plain = _plain(frags)
    if plain:  # adjacent marks compressed: drawn with explicit spacing (_PlainLine.runs)
        widths = compressed_widths(text, natural, frags[0].fontSize)
    if tracking:
        widths = [w + tracking for w in widths]
    # a <br/>: ReportLab marks the fragment; the line ends after its cluster
    line_breaks = {k for k, f in enumerate(owner) if getattr(f, "lineBreak", False)}
    # a ragged paragraph (a table cell, a label) takes a lone last character's neighbour;
    # a justified one would spread the slack that leaves over its line
    spans = break_lines(text, widths, max_widths, hanging, line_breaks, tolerance=_FUZZ,
                        no_lone_last=not justify)
    if plain:
        return _plain_lines(frags[0], text, spans, max_widths, natural, widths, justify)
    lines = []
    for n, (start, end, width, forced) in enumerate(spans):
        limit = max_widths[min(n, len(max_widths) - 1)]
        line = _line(text, owner, start, end, limit, width, limit - width, forced,
                     calc_bounds)
        last = n == len(spans) - 1 and not forced
        line.cjkChars = 0 if last else justified_characters(text[start:end])
        line.tracking = tracking
        lines.append(line)
    return ParaLines(kind=1, lines=lines)


class _PlainLine(list[str]):
    """The words of a line of a one-style paragraph ([its text], as ReportLab's own
    one-fragment lines), and `runs`: its text in pieces, each with the character spacing
    it is drawn with (compressed punctuation, a grid's tracking, justification)."""

    runs: list[tuple[str, float]] | None = None


def _plain(frags: list[ParaFrag]) -> bool:
    """One fragment with nothing drawn beside its text (links, underlines, a background,
    a line break, an inline image): ReportLab draws its lines as plain strings."""
    if len(frags) != 1:
        return False
    frag = frags[0]
    return not (getattr(frag, "cbDefn", None) or getattr(frag, "lineBreak", False)
                or getattr(frag, "us_lines", None) or getattr(frag, "link", None)
                or getattr(frag, "backColor", None) or bool(getattr(frag, "rise", 0)))


def _plain_lines(frag: ParaFrag, text: str, spans: list[Line], max_widths: list[float],
                 natural: list[float], widths: list[float], justify: bool) -> ParaLines:
    """Lines of a one-style paragraph in ReportLab's simple form (kind 0): a line is
    (slack, [text]), drawn with one text operator per run of equal spacing and no
    per-fragment work (drawing the fragment form was a tenth of a page's time). A justified
    line spreads its slack over the gaps between its CJK characters, within the cap
    (clreq.justify_gaps); the slack is what it leaves."""
    lines = []
    size = frag.fontSize
    for n, (start, end, width, forced) in enumerate(spans):
        slack = max_widths[min(n, len(max_widths) - 1)] - width
        spacing = [widths[k] - natural[k] for k in range(start, end)]
        if justify and n < len(spans) - 1 and not forced:
            gaps, extra = justify_gaps(text[start:end], slack, size)
            for i in gaps:
                spacing[i] += extra
            slack -= extra * len(gaps)
        words = _PlainLine([text[start:end]])
        words.runs = _runs(text[start:end], spacing)
        lines.append((slack, words))
    ascent, descent = getAscentDescent(frag.fontName, frag.fontSize)
    return frag.clone(kind=0, lines=lines, ascent=ascent, descent=descent)


def _runs(line: str, spacing: list[float]) -> list[tuple[str, float]]:
    """The line cut where its characters' spacing changes: (text, spacing after each)."""
    runs: list[tuple[str, float]] = []
    start = 0
    for k in range(1, len(line) + 1):
        if k == len(line) or abs(spacing[k] - spacing[start]) > 1e-6:
            runs.append((line[start:k], spacing[start]))
            start = k
    return runs


def _characters(frags: list[ParaFrag]) -> tuple[str, list[ParaFrag], list[float]]:
    """The paragraph's text, and for each character its fragment and width. (ReportLab
    wraps every character in an object and measures it alone; widths are looked up per
    font and size here.)"""
    text: list[str] = []
    owner: list[ParaFrag] = []
    widths: list[float] = []
    for frag in frags:
        # a fragment split off simple lines (ReportLab's _split_blParaSimple) holds the
        # lines' texts as words
        chunk = frag.text if hasattr(frag, "text") else "".join(getattr(frag, "words", ()))
        chunk = chunk or ""
        if isinstance(chunk, bytes):
            chunk = chunk.decode("utf8")
        text.append(chunk)
        owner += [frag] * len(chunk)
        if hasattr(frag, "cbDefn"):  # an inline image or anchor: its own width, as cjkU
            widths += [getattr(frag.cbDefn, "width", 0)] * len(chunk)
            continue
        known = char_widths(frag.fontName, frag.fontSize)
        for char in chunk:
            width = known.get(char)
            if width is None:
                width = known[char] = getFont(frag.fontName).stringWidth(char, frag.fontSize)
            widths.append(width)
    return "".join(text), owner, widths


def _line(text: str, owner: list[ParaFrag], start: int, end: int, max_width: float, width: float,
          extra: float, line_break: bool, calc_bounds: bool) -> FragLine:
    """ReportLab's makeCJKParaLine for text[start:end], taken a run of characters of one
    fragment at a time: ReportLab compares and measures the fragment of every character
    (sameFrag, getAscentDescent), which was a third of the PDF's layout time."""
    words = []
    current = FragLine()
    pieces: list[str] = []
    max_size = max_ascent = min_descent = 0
    k = start
    while k < end:
        frag = owner[k]
        run_end = k + 1
        while run_end < end and owner[run_end] is frag:
            run_end += 1
        size = frag.fontSize
        image = getattr(frag, "cbDefn", None)
        if calc_bounds and image is not None and bool(getattr(image, "width", 0)):
            descent, ascent = imgVRange(imgNormV(image.height, size), image.valign, size)
        else:
            ascent, descent = getAscentDescent(frag.fontName, size)
        max_size, max_ascent = max(max_size, size), max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        if not sameFrag(current, frag):
            current = current.clone()
            current.text = "".join(pieces)
            words.append(current)
            pieces = []
            current = frag
        pieces.append(text[k:run_end])
        k = run_end
    if pieces:
        current = current.clone()
        current.text = "".join(pieces)
        words.append(current)
    return FragLine(kind=1, extraSpace=extra, wordCount=1, words=words[1:], fontSize=max_size,
                    ascent=max_ascent, descent=min_descent, maxWidth=max_width,
                    currentWidth=width, lineBreak=line_break)
