"""KPI cards read back from the PDF: the size each card's figure and label are drawn at.

    python bench/kpi_sizes.py                  # every theme x layout of the content/*/ samples
    python bench/kpi_sizes.py --sample content/hexi-2023h1 --theme gov

The cards' texts come from the model (`briefing.check`'s document); each KPI row's texts
are found in the PDF's lines (typeset_audit.read_lines, with each character's font size)
in the order a row draws them: card by card, each card's figure, trend, progress and
label, each language in turn. Prints one line per card: per language, the figure's size
against the largest size of its label text (a figure smaller than its label: `<`).
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from typeset_audit import LAYOUTS, THEMES, Line, _in_frame, read_lines, samples  # noqa: E402

from briefing.model import Document, KpiGrid  # noqa: E402
from briefing.pipeline import prepare, render  # noqa: E402
from briefing.theme.resolve import ResolvedPage  # noqa: E402

_IGNORED = re.compile(r"[\s\u00ad\u00a0\u2010\u2011\ufffe-]")  # spaces, and hyphens added at breaks


@dataclass
class Part:
    """One text of a card (its figure, trend, progress or label in one language) and the
    PDF lines that draw it."""

    kind: str  # value, trend, progress, label
    lang: str
    text: str
    lines: list[Line]

    @property
    def sizes(self) -> list[float]:
        return [c.size for line in self.lines for c in line.visible()]


@dataclass
class Card:
    parts: list[Part]

    def size(self, kind: str, lang: str | None = None) -> float:
        """The largest size the card draws its `kind` texts at (in `lang`; 0: none)."""
        return max((s for p in self.parts if p.kind == kind and lang in (None, p.lang)
                    for s in p.sizes), default=0.0)

    def figure_size(self, lang: str) -> float:
        """The smallest size of the card's figure in `lang` (0: not drawn)."""
        return min((s for p in self.parts if p.kind == "value" and p.lang == lang
                    for s in p.sizes), default=0.0)

    def label_size(self, lang: str) -> float:
        """The largest size of the card's label texts in `lang`, its progress line with
        them (0: none in `lang`)."""
        return max(self.size("label", lang), self.size("progress", lang))

    @property
    def page(self) -> int:
        return self.parts[0].lines[0].page


def _plain(text: str) -> str:
    return _IGNORED.sub("", text)


def card_texts(block: KpiGrid, languages: tuple[str, ...]) -> list[list[tuple[str, str, str]]]:
    """Each card's texts in the order its cell draws them: (kind, language, text)."""
    cards = []
    for kpi in block.items:
        texts = []
        for kind, value in (("value", kpi.value), ("trend", kpi.trend),
                            ("progress", kpi.progress), ("label", kpi.label)):
            if value is not None:
                texts += [(kind, lang, value.get(lang))  # type: ignore[arg-type]
                          for lang in value.shown(languages)  # type: ignore[arg-type]
                          if value.get(lang)]  # type: ignore[arg-type]
        cards.append(texts)
    return cards


def _match(lines: list[Line], start: int,
           cards: list[list[tuple[str, str, str]]]) -> list[Card] | None:
    """The cards drawn by lines[start:], each text taking the lines that spell it."""
    found, i = [], start
    for texts in cards:
        parts = []
        for kind, lang, text in texts:
            want, got, taken = _plain(text), "", []
            while i < len(lines) and len(got) < len(want):
                got += _plain(lines[i].text)
                taken.append(lines[i])
                i += 1
                if not want.startswith(got):
                    return None
            if got != want:
                return None
            parts.append(Part(kind, lang, text, taken))
        found.append(Card(parts))
    return found


def kpi_rows(document: Document, page: ResolvedPage, pdf: bytes) -> list[list[Card]]:
    """Each KPI block's cards as the PDF draws them (a row split in two, on two pages
    maybe: one list)."""
    pages, _ = read_lines(pdf)
    lines = [line for lines in pages for line in lines
             if _plain(line.text) and _in_frame(line, page)]
    rows, start = [], 0
    for block in document.blocks:
        if not isinstance(block, KpiGrid):
            continue
        cards = card_texts(block, document.languages)
        for i in range(start, len(lines)):
            matched = _match(lines, i, cards)
            if matched:
                rows.append(matched)
                start = i + 1
                break
        else:
            raise LookupError(f"{document.id} ({document.theme}, {document.layout}): the KPI "
                              f"row of {block.source} is not in the PDF")
    return rows


def measure(sample: Path, theme: str, layout: str) -> tuple[Document, list[list[Card]]]:
    prepared = prepare(sample, theme, layout)
    return prepared.document, kpi_rows(prepared.document, prepared.theme.page,
                                       render(prepared, "pdf"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sample", type=Path, action="append")
    parser.add_argument("--theme", action="append", choices=THEMES)
    parser.add_argument("--layout", action="append", choices=LAYOUTS)
    args = parser.parse_args(argv)
    smaller = 0
    for sample in args.sample or samples():
        for theme in args.theme or THEMES:
            for layout in args.layout or LAYOUTS:
                document, rows = measure(sample, theme, layout)
                for n, row in enumerate(rows):
                    for k, card in enumerate(row):
                        cells = []
                        for lang in document.languages:
                            figure, label = card.figure_size(lang), card.label_size(lang)
                            if figure:
                                smaller += figure < label - 0.01
                                mark = "<" if figure < label - 0.01 else " "
                                cells.append(f"{lang} {figure:5.2f} {mark} {label:5.2f}")
                        print(f"{sample.name:14} {theme:8} {layout:8} row {n + 1} card {k + 1}"
                              f" p{card.page:<3} figure/label {'   '.join(cells)}")
    print(f"figures smaller than their card's label: {smaller}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
