"""Typesetting audit: every layout x theme PDF of each sample, read back from the PDF.

    python bench/typeset_audit.py                  # the table, for content/*/ samples
    python bench/typeset_audit.py --write          # and rewrite it in docs/typesetting.md
    python bench/typeset_audit.py --show loose     # and list what was found of one count
    python bench/typeset_audit.py --briefing PATH  # another briefing folder (repeatable)

Glyph positions come from pypdfium2 (each character's origin, advance box and ink box, and
the text object that draws it); the texts the document draws come from the model
(`briefing.check`), so that a line break can be told from a cut inside a word. Counts
(docs/typesetting.md says what each means):

- closing: lines (after a paragraph's first) starting with punctuation that may not start one
- cuts: breaks between two letters or digits of one word or number, without a hyphen, or
  at a hyphen with one or two letters on a side (E-|commerce)
- loose: lines with a word gap wider than 0.5 em
- spaced: Chinese lines letter-spaced (median gap between characters over 0.08 em)
- units: breaks between a number and its unit (亿元, 个百分点, million, %)
- empty: body pages more than a quarter empty, unless a forced break or the end follows
- foot: pages whose last line is a heading or a table's caption
- overlaps: characters whose ink overlaps (not neighbours in drawing order), and text
  drawn below the type area other than the footer
- close: two texts side by side on one baseline (table cells) with less than 0.5 em between
- dates: a table's date broken over two lines
"""

from __future__ import annotations

import argparse
import ctypes
import re
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefing.model import Document, FigureTable, Heading, PageBreak, plain_text  # noqa: E402
from briefing.pipeline import prepare, render  # noqa: E402
from briefing.theme.resolve import ResolvedPage  # noqa: E402
from briefing.clreq import CANNOT_START  # noqa: E402

THEMES = ("investor", "print", "gov")
LAYOUTS = ("stacked", "parallel", "zh", "en")
COUNTS = ("closing", "cuts", "loose", "spaced", "units", "empty", "foot", "overlaps", "close",
          "dates")
LOOSE_EM = 0.5
SPACED_EM = 0.08
EMPTY_SHARE = 0.25
WORD_EM = 0.15  # letters of one word (justified Chinese 0.08 em apart) are closer than this
CLOSE_EM = 0.5  # two texts side by side with no space between, closer than this: touching
WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+$")
WORD_START = re.compile(r"^[A-Za-z0-9\u00C0-\u024F]+")
# a number and what belongs to it, in either language
_ZH_UNITS = ("个百分点|百分点|微克/立方米|平方公里|公顷|万元|亿元|美元|万人|万|亿|元|个|家|项|人|"
             "次|场|套|亩|天|年|月|日|倍|%|‰")
_NUMBER = r"\d[\d.,]*\d|\d"
NUMBER_UNIT = re.compile(
    rf"(?:RMB|USD)\s?(?:{_NUMBER})(?:\s(?:million|billion))?"
    rf"|(?:{_NUMBER})(?:\s?(?:{_ZH_UNITS})+|\s(?:million|billion|percentage points?|mu|ha)\b)")


@dataclass
class Char:
    text: str
    left: float    # the advance box (origin to origin + advance)
    right: float
    ink: tuple[float, float, float, float]  # left, bottom, right, top of the glyph
    baseline: float
    size: float
    obj: int       # the text object (one text-showing operator) that draws it


@dataclass
class Line:
    page: int
    chars: list[Char] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)

    @property
    def size(self) -> float:
        return statistics.median(c.size for c in self.chars)

    @property
    def baseline(self) -> float:
        return self.chars[0].baseline

    @property
    def left(self) -> float:
        return self.chars[0].left

    def visible(self) -> list[Char]:
        return [c for c in self.chars if c.text.strip()]


def read_lines(pdf: bytes) -> tuple[list[list[Line]], list[list[float]]]:
    """Each page's text lines, in the order they are drawn. A line ends where the baseline
    changes, where the text goes back left, or where another text object starts further
    right without a space between (a table's next cell, a chart's next label)."""
    document = pdfium.PdfDocument(pdf)
    pages: list[list[Line]] = []
    bottoms: list[list[float]] = []  # of each page's drawings (rules, boxes, bars, images)
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    try:
        for number in range(len(document)):
            textpage = document[number].get_textpage()
            lines: list[Line] = []
            previous: Char | None = None
            for i in range(textpage.count_chars()):
                if pdfium_c.FPDFText_IsGenerated(textpage.raw, i):
                    continue
                text = textpage.get_text_range(i, 1)
                if not text or text in "\r\n":
                    continue
                left, _bottom, right, _top = textpage.get_charbox(i, loose=True)
                pdfium_c.FPDFText_GetCharOrigin(textpage.raw, i, origin_x, origin_y)
                obj = ctypes.cast(pdfium_c.FPDFText_GetTextObject(textpage.raw, i),
                                  ctypes.c_void_p).value or 0
                char = Char(text, left, right, textpage.get_charbox(i), origin_y.value,
                            pdfium_c.FPDFText_GetFontSize(textpage.raw, i), obj)
                if previous is None or _new_line(previous, char):
                    lines.append(Line(number + 1))
                lines[-1].chars.append(char)
                previous = char
            pages.append(lines)
            bottoms.append([obj.get_bounds()[1] for obj in document[number].get_objects()
                            if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT])
    finally:
        document.close()
    return pages, bottoms


def _new_line(previous: Char, char: Char) -> bool:
    em = max(char.size, 1.0)
    if abs(char.baseline - previous.baseline) > 0.2 * em or char.left < previous.left - 0.5:
        return True
    if char.obj == previous.obj:
        return False
    spaced = not previous.text.strip() or not char.text.strip()
    gap = char.left - previous.right
    return gap > (3 * em if spaced else 0.3 * em)


@dataclass
class Finding:
    count: str
    page: int
    what: str


class Audit:
    """The counts of one PDF of one document."""

    def __init__(self, document: Document, page: ResolvedPage, pdf: bytes):
        self.document = document
        self.page = page
        self.pages, self.drawings = read_lines(pdf)
        self.corpus = _corpus(document)
        self.texts = [_squash(text) for text in self.corpus.split("\n")]
        self.findings: list[Finding] = []
        self.worst_gap_em = 0.0
        self.dates = _table_dates(document)
        for lines in self.pages:
            self._lines(lines)
            self._overlaps(lines)
            self._close(lines)
        self._pages()

    def counts(self) -> dict[str, int]:
        return {name: sum(f.count == name for f in self.findings) for name in COUNTS}

    def _found(self, count: str, page: int, what: str) -> None:
        self.findings.append(Finding(count, page, what))

    def _lines(self, lines: list[Line]) -> None:
        for line in lines:
            self._loose(line)
            self._spaced(line)
        flow = [line for line in lines if _in_frame(line, self.page)]
        joined = [_same_paragraph(a, b) for a, b in zip(flow, flow[1:])]
        for k, b in enumerate(flow[1:]):
            if joined[k]:
                # what a number phrase needs on each side of the break: the paragraph's
                # lines before and after it ("▲ 1.3 | percentage | points")
                before = _context(flow[k::-1], joined[k - 1::-1] if k else [])[::-1]
                after = _context(flow[k + 1:], joined[k + 1:])
                self._break(b.page, " ".join(before), " ".join(after))

    def _loose(self, line: Line) -> None:
        chars = line.chars
        worst = 0.0
        for k in range(1, len(chars) - 1):
            if chars[k].text == " " and chars[k - 1].text.strip():
                after = next((c for c in chars[k:] if c.text.strip()), None)
                if after is not None:
                    worst = max(worst, (after.left - chars[k - 1].right) / line.size)
        self.worst_gap_em = max(self.worst_gap_em, worst)
        if worst > LOOSE_EM:
            self._found("loose", line.page, f"{worst:.2f} em: {line.text.strip()}")

    def _spaced(self, line: Line) -> None:
        chars = line.chars
        if sum(_is_cjk(c.text) for c in chars) < 2:
            return
        # the pitch of characters drawn side by side: a space between two (第 2 页) is a
        # word space, not letter-spacing
        gaps = [(b.left - a.right) / line.size for a, b in zip(chars, chars[1:])
                if a.text.strip() and b.text.strip() and a.obj == b.obj and b.left >= a.left]
        if len(gaps) >= 2 and statistics.median(gaps) > SPACED_EM + 0.005:  # (float32 boxes)
            self._found("spaced", line.page,
                        f"+{statistics.median(gaps):.2f} em: {line.text.strip()}")

    def _break(self, page: int, before: str, after: str) -> None:
        """A line break inside a paragraph: `before` ends with the line before it (and
        the paragraph's lines above), `after` starts with the line after it."""
        before, after = before.rstrip(), after.lstrip()
        if not before or not after or self._paragraphs_meet(before, after):
            return
        shown = f"{before[-12:]}|{after[:12]}"
        # a line may start with a dash (破折号, clreq), "——", but not with half of one
        if after[0] in CANNOT_START and not after.startswith("——"):
            self._found("closing", page, shown)
        tail, head = WORD.search(before), WORD_START.search(after)
        if tail and head and self._joined(tail.group(), head.group()) \
                or _short_part(before, after):
            self._found("cuts", page, shown)
        for date in self.dates:
            for sep in ("", " "):
                joined = before[-len(date):] + sep + after[:len(date)]
                cut = min(len(before), len(date))
                at = joined.find(date)
                if 0 <= at < cut < at + len(date) - len(sep):
                    self._found("dates", page, shown)
        for sep in ("", " "):
            joined = before[-24:] + sep + after[:24]
            cut = len(before[-24:])
            if any(m.start() < cut < m.end() - (0 if sep == "" else 1) and m.group() in self.corpus
                   for m in NUMBER_UNIT.finditer(joined)):
                self._found("units", page, shown)
                break

    def _close(self, lines: list[Line]) -> None:
        """Texts side by side on one baseline of the type area (a running header spaces its
        own), no space between, further apart than the letters of a word but closer than
        CLOSE_EM: two cells of a table run together."""
        rows: dict[int, list[Char]] = {}
        for line in (line for line in lines if _in_frame(line, self.page)):
            for char in line.chars:
                rows.setdefault(round(char.baseline * 2), []).append(char)
        for chars in rows.values():
            chars.sort(key=lambda c: c.left)
            for a, b in zip(chars, chars[1:], strict=False):
                em = max(min(a.size, b.size), 1.0)
                if a.text.strip() and b.text.strip() and \
                        WORD_EM * em < b.left - a.right < CLOSE_EM * em:
                    shown = "".join(c.text for c in chars).strip()
                    self._found("close", lines[0].page, f"{a.text}|{b.text}: {shown[:40]}")

    def _paragraphs_meet(self, before: str, after: str) -> bool:
        """Do the lines end one of the document's texts and start another (a quote and its
        attribution, "— Li Ming", read as one paragraph by where they stand)?"""
        tail, head = _squash(before)[-12:], _squash(after)[:12]
        return any(text.endswith(tail) for text in self.texts) \
            and any(text.startswith(head) for text in self.texts)

    def _joined(self, tail: str, head: str) -> bool:
        """Was `tail|head` one word in the text (and not two words broken at a space)?"""
        whole = re.search(rf"(?<![A-Za-z0-9]){re.escape(tail + head)}", self.corpus)
        spaced = re.search(rf"(?<![A-Za-z0-9]){re.escape(tail)}\s+{re.escape(head)}",
                           self.corpus)
        return bool(whole) and not spaced

    def _overlaps(self, lines: list[Line]) -> None:
        """Text drawn over text, whichever flowables drew it (a chart's legend run into the
        heading after it): two characters whose ink overlaps, other than neighbours in the
        order they are drawn (a line's letters may touch). Lines are not compared, since
        text drawn over a line on its baseline is read as part of that line."""
        drawn = [(c, n) for n, line in enumerate(lines) for c in line.visible()]
        boxes = sorted(range(len(drawn)), key=lambda k: drawn[k][0].ink[1])
        reported: set[tuple[int, int]] = set()
        for i, k in enumerate(boxes):
            ink, n = drawn[k][0].ink, drawn[k][1]
            for j in boxes[i + 1:]:
                other, m = drawn[j][0].ink, drawn[j][1]
                if other[1] >= ink[3] - 0.5:
                    break  # sorted by bottom: nothing further can reach down into ink
                pair = (min(n, m), max(n, m))
                if abs(j - k) > 1 and _overlap(ink, other) > 1.0 and pair not in reported:
                    reported.add(pair)
                    self._found("overlaps", lines[n].page,
                                f"{drawn[k][0].text}/{drawn[j][0].text}: "
                                f"{lines[n].text.strip()[:20]} | {lines[m].text.strip()[:20]}")
                    break
        self._margin(lines)

    def _margin(self, lines: list[Line]) -> None:
        """Text of a body page drawn below the type area, other than the footer: a
        flowable's text spilt past its own height (a legend under its chart)."""
        page = self.page
        for line in lines:
            if line.page == 1 or line.baseline > page.margin_bottom_pt - 2 or not line.visible():
                continue
            if abs(line.baseline - page.footer_distance_pt) > 0.5 * line.size:
                self._found("overlaps", line.page, f"in the margin: {line.text.strip()[:30]}")

    def _pages(self) -> None:
        page = self.page
        frame_top = page.height_pt - page.margin_top_pt
        frame_height = frame_top - page.margin_bottom_pt
        headings = _heading_texts(self.document)
        forced = _after_forced_breaks(self.document)
        body = [(n, lines) for n, lines in enumerate(self.pages, 1)
                if n > 1 and any(_in_frame(line, page) for line in lines)]
        for k, (number, lines) in enumerate(body):
            flow = [line for line in lines if _in_frame(line, page)]
            last = min(flow, key=lambda line: (line.baseline, -line.left))
            following = body[k + 1][1] if k + 1 < len(body) else None
            if following is not None and _ends_with_heading(flow, last, headings):
                self._found("foot", number, last.text.strip())
            if following is None or _starts_with(following, page, forced):
                continue
            bottom = min([min(c.ink[1] for c in line.visible()) for line in flow
                          if line.visible()]
                         + [y for y in self.drawings[number - 1]
                            if y > page.margin_bottom_pt - 2])
            empty = (bottom - page.margin_bottom_pt) / frame_height
            if empty > EMPTY_SHARE:
                self._found("empty", number, f"{empty:.0%} empty")


def _short_part(before: str, after: str) -> bool:
    """A word broken at a hyphen (its own or hyphenation's; pdfium reads a line-end hyphen
    as U+FFFE) leaving one or two letters on a side: "E-|commerce", "ready-to-|go"."""
    if not re.search(r"[A-Za-z][-\ufffe]$", before):
        return False
    first = re.search(r"(?<![A-Za-z0-9\u00C0-\u024F-])[A-Za-z\u00C0-\u024F-]+[-\ufffe]$", before)
    last = re.match(r"[A-Za-z\u00C0-\u024F]+(?![-A-Za-z])", after)
    return bool(first and sum(c.isalpha() for c in first.group()) < 3
                or last and len(last.group()) < 3)


def _context(lines: list[Line], joined: list[bool], chars: int = 24) -> list[str]:
    """The texts of `lines` as long as each is joined to the next (`joined[k]`: lines[k]
    and lines[k + 1] are one paragraph's), until they hold `chars` characters."""
    texts = [lines[0].text.strip()]
    for k, line in enumerate(lines[1:]):
        if sum(map(len, texts)) >= chars or k >= len(joined) or not joined[k]:
            break
        texts.append(line.text.strip())
    return texts


def _ends_with_heading(flow: list[Line], last: Line, headings: list[str]) -> bool:
    """Is the page's last line the end of a heading or caption: it, or it and the one or
    two lines above it in its column (a heading wrapped), make one whole?"""
    right = last.chars[-1].right
    column = sorted((line for line in flow
                     if line.left < right and line.chars[-1].right > last.left),
                    key=lambda line: -line.baseline)
    end = column.index(last) + 1 if last in column else len(column)
    tails = {"".join(_squash(line.text) for line in column[max(end - k, 0):end])
             for k in (1, 2, 3)}
    return any(h in tails for h in headings)


def _same_paragraph(a: Line, b: Line) -> bool:
    """b continues the paragraph of a: the next line down, starting between a's left edge
    (less an indent) and its right (a centred line)."""
    em = a.size
    drop = a.baseline - b.baseline
    return (a.page == b.page and abs(a.size - b.size) < 0.5 and 0.8 * em < drop < 2.6 * em
            and a.left - 3.2 * em < b.left < a.chars[-1].right)


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _in_frame(line: Line, page: ResolvedPage) -> bool:
    """Inside the type area (not the footer below it, nor a header above)."""
    return page.margin_bottom_pt - 2 < line.baseline < page.height_pt - page.margin_top_pt + 2


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _corpus(document: Document) -> str:
    texts = [value.get(lang) or "" for value, _ in document.texts for lang in ("zh", "en")]
    texts += _heading_texts(document)
    return "\n".join(" ".join(t.split()) for t in texts)


def _table_dates(document: Document) -> list[str]:
    """The dates the document's tables show (their as_of cells), in each language."""
    return sorted({row.as_of.get(lang) for block in document.blocks
                   if isinstance(block, FigureTable) for row in block.rows
                   for lang in ("zh", "en") if row.as_of.get(lang).strip() not in ("", "—")})


def _heading_texts(document: Document) -> list[str]:
    """The headings' texts, and the tables' captions: neither may end a page."""
    return [_squash(plain_text(block.numbered_text().get(lang)))
            for block in document.blocks if isinstance(block, Heading)
            for lang in ("zh", "en")] + [
            _squash(block.caption.get(lang)) for block in document.blocks
            if isinstance(block, FigureTable) and block.caption for lang in ("zh", "en")]


def _after_forced_breaks(document: Document) -> list[str]:
    """The beginnings of the texts that start a page after a forced break."""
    starts = []
    blocks = document.blocks
    for k, block in enumerate(blocks[:-1]):
        if isinstance(block, PageBreak):
            text = next((_squash(v.get(lang) or "") for v in blocks[k + 1].texts()
                         for lang in document.languages), "")
            starts.append(text[:10])
    return [s for s in starts if s]


def _starts_with(lines: list[Line], page: ResolvedPage, starts: list[str]) -> bool:
    flow = [line for line in lines if _in_frame(line, page)]
    top = _squash("".join(line.text for line in sorted(flow, key=lambda x: -x.baseline)[:3]))
    return any(s in top for s in starts)


def samples() -> list[Path]:
    return sorted(p for p in (ROOT / "content").iterdir() if (p / "briefing.yaml").is_file())


def audit(sample: Path, theme: str, layout: str) -> Audit:
    prepared = prepare(sample, theme, layout)
    return Audit(prepared.document, prepared.theme.page, render(prepared, "pdf"))


def table(results: dict[tuple[str, str, str], Audit]) -> str:
    rows = ["| sample | theme | layout | pages | " + " | ".join(COUNTS) + " | widest gap |",
            "| --- | --- | --- | ---: | " + " | ".join("---:" for _ in COUNTS) + " | ---: |"]
    for (sample, theme, layout), result in results.items():
        counts = result.counts()
        rows.append(f"| {sample} | {theme} | {layout} | {len(result.pages)} | "
                    + " | ".join(str(counts[c]) for c in COUNTS)
                    + f" | {result.worst_gap_em:.2f} em |")
    return "\n".join(rows)


def write_docs(text: str, path: Path = ROOT / "docs" / "typesetting.md") -> None:
    """Replace the table between the audit markers."""
    begin, end = "<!-- audit -->", "<!-- /audit -->"
    doc = path.read_text("utf-8")
    head, rest = doc.split(begin, 1)
    path.write_text(f"{head}{begin}\n{text}\n{end}{rest.split(end, 1)[1]}", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite docs/typesetting.md")
    parser.add_argument("--show", choices=COUNTS, help="list the findings of one count")
    parser.add_argument("--theme", choices=THEMES, action="append")
    parser.add_argument("--layout", choices=LAYOUTS, action="append")
    parser.add_argument("--briefing", type=Path, action="append", metavar="PATH",
                        help="a briefing folder to audit instead of the samples (repeatable)")
    args = parser.parse_args(argv)
    for folder in args.briefing or ():
        if not (folder / "briefing.yaml").is_file():
            parser.error(f"{folder}: no briefing.yaml in this folder")
    if args.write and args.briefing:
        parser.error("--write rewrites the samples' table: not with --briefing")
    results = {}
    for sample in args.briefing or samples():
        for theme in args.theme or THEMES:
            for layout in args.layout or LAYOUTS:
                result = results[sample.name, theme, layout] = audit(sample, theme, layout)
                for finding in result.findings:
                    if finding.count == args.show:
                        print(f"{sample.name} {theme}-{layout} p{finding.page}: {finding.what}")
    text = table(results)
    print(text)
    if args.write:
        write_docs(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
