"""Glosses: the English explains the glossary's local terms (三个一批, 智慧岛) to a reader who
does not know them, once: a footnote at the term's first use in the English, or a glossary
section before the Sources, as the theme says (`glosses: footnotes | section`).

Model only: footnotes are runs' `note`s (each writer draws them its own way: a numbered
note in the PDF, a Word footnote in the DOCX); the section is ordinary blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from .content.schema import GlossaryTerm
from .model import (
    Bilingual,
    Block,
    BulletList,
    CallOut,
    Heading,
    Inline,
    Lang,
    Note,
    Paragraph,
    Run,
    Source,
    plain_text,
)

GLOSSARY_LABEL = Bilingual("术语说明", "Glossary")
_MARK_AFTER = "”’\"'),.;:!?"


def add_glosses(blocks: list[Block], terms: Sequence[GlossaryTerm], mode: str,
                languages: tuple[Lang, ...], labels: dict[str, Bilingual[str]],
                source: Source) -> list[Block]:
    """The blocks with each glossed term explained at its first use in the English (mode
    "footnotes"), or followed by a glossary section of the terms they use ("section").
    A Chinese-only edition explains nothing: its readers know the terms."""
    glossed = [t for t in terms if t.gloss and t.en]
    if "en" not in languages or not glossed:
        return blocks
    if mode == "section":
        english = " ".join(english_text(b) for b in blocks)
        used = [t for t in glossed if _find(t.en, english) is not None]
        return blocks + glossary_section(used, labels, source) if used else blocks
    pending = {t.en: t for t in glossed}
    numbers = iter(range(1, len(pending) + 1))
    return [_with_notes(block, pending, numbers) if pending else block for block in blocks]


def english_text(block: Block) -> str:
    """The English a reader reads in a block where a gloss may go (not headings)."""
    if isinstance(block, (Paragraph, CallOut)):
        return plain_text(block.text.en)
    if isinstance(block, BulletList):
        return " ".join(plain_text(item.en) for item in block.items)
    return ""


def glossary_section(terms: Sequence[GlossaryTerm], labels: dict[str, Bilingual[str]],
                     source: Source) -> list[Block]:
    """术语说明 / Glossary: each term in Chinese, and in English with its explanation (the
    Chinese reader needs none)."""
    label = labels.get("glossary", GLOSSARY_LABEL)
    items = [Bilingual((Run(term.zh, strong=True),),
                       (Run(term.en, strong=True), Run(f": {term.gloss}"))) for term in terms]
    return [Heading(Bilingual((Run(label.zh),), (Run(label.en),)), 1, None, source),
            BulletList(tuple(items), None, source)]


def _with_notes(block: Block, pending: dict[str, GlossaryTerm], numbers: Iterator[int]) -> Block:
    """The block with a footnote after the first use of each pending term (which are then
    no longer pending)."""
    if isinstance(block, (Paragraph, CallOut)):
        return replace(block, text=replace(block.text, en=_note_runs(block.text.en, pending,
                                                                     numbers)))
    if isinstance(block, BulletList):
        return replace(block, items=tuple(replace(item, en=_note_runs(item.en, pending, numbers))
                                          for item in block.items))
    return block


def _note_runs(runs: Inline, pending: dict[str, GlossaryTerm], numbers: Iterator[int]) -> Inline:
    out: list[Run] = []
    for run in runs:
        out += _split(run, pending, numbers)
    return tuple(out)


def _split(run: Run, pending: dict[str, GlossaryTerm], numbers: Iterator[int]) -> list[Run]:
    """A run cut after each pending term it contains, the cut carrying the term's gloss."""
    if run.note or run.link:
        return [run]
    found = [(span, t) for t in pending.values()
             if (span := _span(t.en, run.text)) is not None]
    if not found:
        return [run]
    (at, end), term = min(found, key=lambda f: (f[0][0], -len(f[1].en)))
    while end < len(run.text) and run.text[end] in _MARK_AFTER:
        end += 1  # the mark follows a closing quote or punctuation: “Three Batches”¹
    end = max([end] + [m.end for m in run.figures if m.start < end < m.end])  # not in a value
    del pending[term.en]
    head = replace(run, text=run.text[:end], figures=tuple(m for m in run.figures
                                                           if m.end <= end),
                   note=Note(next(numbers), f"{term.en}: {term.gloss}"))
    rest = replace(run, text=run.text[end:], figures=tuple(
        replace(m, start=m.start - end, end=m.end - end) for m in run.figures
        if m.start >= end))
    return [head] + (_split(rest, pending, numbers) if rest.text else [])


def _find(term: str, text: str) -> int | None:
    span = _span(term, text)
    return span[0] if span else None


def _span(term: str, text: str) -> tuple[int, int] | None:
    """Where the term is used as a whole word or name, perhaps in the plural (Five-Star
    Party Branches), ignoring the case of its first letter (the thematic education
    campaign): its start and its end."""
    match = re.search(r"(?<![\w-])(?:" + re.escape(term[0].upper()) + "|" +
                      re.escape(term[0].lower()) + ")" + re.escape(term[1:]) +
                      r"(?:e?s)?(?![\w-])", text)
    return match.span() if match else None
