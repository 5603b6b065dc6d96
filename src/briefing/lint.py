"""Warnings about content that builds but may mislead a reader (`briefing check` prints them;
with --strict they are errors):

- a glossary term whose English rendering is missing from the block's English;
- a figure older than the briefing allows (`stale_after_days`, counted to the edition date);
- a number typed in the text instead of taken from a figure (`not_figures` lists the numbers
  that are names, years or ranks: 2023, S510, PM2.5, "20 GWh"; see _not_figure);
- a text whose Chinese and English quote different figures or different numbers;
- a unit written again next to a figure that brings its own (`{{ n }}个` prints 33个个,
  `{{ n }} of them` prints "33 projects of them");
- a figure whose own rounding (`significant`, `decimals`) drops digits its source gave,
  everywhere it is shown, tables and Sources included.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .content.fields import Text
from .content.figures import units
from .content.schema import Content
from .content.templating import FigureView, figure_refs, values_in
from .errors import Diagnostic, warning
from .glosses import english_text
from .model import Document
from .source.load import format_path

_NUMBER = re.compile(r"[0-9０-９]+(?:[.,][0-9]+)*")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def lint(content: Content, document: Document) -> list[Diagnostic]:
    """Every warning for this content and the document built from it."""
    found = check_glossary(content, document) if len(document.languages) > 1 else []
    found += check_glosses(content, document)
    found += check_staleness(content)
    found += check_precision(content)
    found += check_repeated_units(content)
    found += check_numbers(content)
    found += check_files(content)
    return found


def check_files(content: Content) -> list[Diagnostic]:
    """What reading the figure files found that builds but may be a mistake (tables.py:
    a CSV row that leaves off its last cells, read as empty)."""
    files = {id(loaded): loaded for loaded in content.figure_files.values()}
    return [w for loaded in files.values() for w in loaded.warnings]


def check_glossary(content: Content, document: Document) -> list[Diagnostic]:
    """Where a glossary term is in a block's Chinese but its English rendering is not in
    that block's English: the one way a name drifts between translations."""
    found: list[Diagnostic] = []
    terms = [(t.zh, t.en, t.en.lower()) for t in content.briefing.glossary]
    for block in document.blocks:
        prose = block.prose()
        if not prose:
            continue
        zh, en = "".join(t.zh for t in prose), " ".join(t.en for t in prose).lower()
        for term_zh, term_en, term_lower in terms:
            if term_zh in zh and term_lower not in en:
                found.append(warning(block.source.file, block.source.line, block.source.field,
                                     f"'{term_zh}' is in the Chinese but '{term_en}' is not in "
                                     "the English", "write the glossary's English for it "
                                     f"('{term_en}'), or change the glossary"))
    return found


def check_glosses(content: Content, document: Document) -> list[Diagnostic]:
    """A glossary term marked `needs_gloss` whose English the English text uses, with no
    `gloss` to explain it to a reader who does not know it."""
    if "en" not in document.languages:
        return []
    english = " ".join(english_text(block) for block in document.blocks)
    found = []
    loaded = content.briefing_file
    for i, term in enumerate(content.briefing.glossary):
        if term.needs_gloss and not term.gloss and term.en.lower() in english.lower():
            found.append(warning(loaded.file, loaded.line_of(("glossary", i)),
                                 f"glossary[{i}]", f"'{term.en}' ({term.zh}) is used in the "
                                 "English without a gloss, and readers will not know it",
                                 "add gloss: a short English explanation (or needs_gloss: "
                                 "false if it explains itself)"))
    return found


def check_staleness(content: Content) -> list[Diagnostic]:
    limit = content.briefing.stale_after_days
    edition = content.briefing.cover.date
    found = []
    for fig_id, figure in sorted(content.figures.items()):
        if figure.as_of is None:
            continue  # a threshold or constant (statistic: false) is not dated
        age = (edition - figure.as_of).days
        if age > limit:
            loaded = content.figure_files[fig_id]
            found.append(warning(loaded.file, loaded.line_of(("figures", fig_id, "as_of")),
                                 f"figures.{fig_id}.as_of",
                                 f"figure is {age} days older than the edition "
                                 f"({figure.as_of} -> {edition}); the limit is {limit}",
                                 "update the figure, or raise stale_after_days"))
    return found


def check_precision(content: Content) -> list[Diagnostic]:
    """Where a figure is rounded for every use, dropping digits its source gave: the tables
    and Sources then lose them too (rounding where it is quoted keeps them there)."""
    found = []
    for fig_id, figure in sorted(content.figures.items()):
        if not figure.approximate:
            continue
        key = "significant" if figure.significant is not None else "decimals"
        loaded = content.figure_files[fig_id]
        view = FigureView(figure, "zh")
        found.append(warning(
            loaded.file, loaded.line_of(("figures", fig_id, key)), f"figures.{fig_id}.{key}",
            f"rounds {figure.value:f} to {figure.shown_value:f}: every use, tables and Sources "
            f"included, drops digits the source gave ({view})",
            f"round where the text quotes it ({{{{ {fig_id}.about3 }}}}), or remove {key}"))
    return found


# words that, written after a value that has its unit already, print it twice: the unit's
# own word (33个个), and for money and percentages these (112.5亿元元, 24.1%%). Not every
# classifier: 1.2万人次 (person-times) is good Chinese.
_ZH_REPEATS = {"money": ("元", "万元", "亿元", "美元"), "percent": ("%", "％")}
_EN_AFTER = re.compile(r"\s*(of|among)\s+(them|which|these|those)\b")


def check_repeated_units(content: Content) -> list[Diagnostic]:
    """`{{ id }}` prints the value with its unit: a unit word written next to it repeats."""
    loaded = content.briefing_file
    found = []
    for path, text in _texts(content):
        for lang in ("zh", "en"):
            for fig_id, before, after in values_in(getattr(text, lang)):
                figure = content.figures.get(fig_id)
                if figure is None:
                    continue
                repeated = _repeated(figure, lang, before, after)
                if repeated:
                    value = str(FigureView(figure, lang)).replace("\u00a0", " ")
                    number = f"{{{{ {fig_id}.number }}}}"
                    fix = (f"write {repeated}{number}" if repeated.endswith(" ")
                           else f"write {number}{repeated}")
                    reads = repeated + value if repeated.endswith(" ") else value + repeated
                    found.append(warning(
                        loaded.file, loaded.line_of(path + (lang,)), format_path(path + (lang,)),
                        f"'{{{{ {fig_id} }}}}' prints its unit already: this reads '{reads}'",
                        f"{fix}, or drop '{repeated.strip()}'"))
    return found


def _repeated(figure: Any, lang: str, before: str, after: str) -> str | None:
    """The unit word written next to a full value ("个", " of them", "RMB "), or None. A
    unit with no word in that language (count) brings none, and ranks are left alone."""
    unit = units()[figure.unit]
    if unit.kind == "rank":
        return None
    if lang == "zh":
        if not unit.zh and unit.kind == "count":
            return None
        words = sorted({w for w in _ZH_REPEATS.get(unit.kind, ()) + (unit.zh,) if w}, key=len,
                       reverse=True)
        return next((w for w in words if after.startswith(w)), None)
    if unit.kind == "money":
        prefix = re.search(r"(RMB|CNY|USD|US\$|¥|\$)\s*$", before)
        return prefix.group(1) + " " if prefix else None
    if unit.kind == "count" and unit.en_other:
        match = _EN_AFTER.match(after)
        if match:
            return " " + match.group(0).strip()
        for noun in sorted({unit.en_one, unit.en_other}, key=len, reverse=True):
            if re.match(rf"\s+{re.escape(noun)}\b", after):
                return " " + noun
    elif unit.kind == "percent" and re.match(r"\s*(%|percent\b|per cent\b)", after):
        return re.match(r"\s*(%|percent|per cent)", after).group(1)  # type: ignore[union-attr]
    return None


def check_numbers(content: Content) -> list[Diagnostic]:
    allowed = content.briefing.not_figures
    loaded = content.briefing_file
    found = []
    for path, text in _texts(content):
        numbers = {lang: _numbers(getattr(text, lang), allowed) for lang in ("zh", "en")}
        for lang in ("zh", "en"):
            for number in sorted(numbers[lang]):
                found.append(warning(loaded.file, loaded.line_of(path + (lang,)),
                                     format_path(path + (lang,)),
                                     f"the number {number} is typed in the text",
                                     "use a figure ({{ id }}); a year, name or rank goes in "
                                     f'not_figures at the top of briefing.yaml: not_figures: '
                                     f'["{number}"]'))
        refs = {lang: figure_refs(getattr(text, lang)) for lang in ("zh", "en")}
        if text.zh and text.en and refs["zh"] != refs["en"]:
            only = sorted(refs["zh"] ^ refs["en"])
            found.append(warning(loaded.file, loaded.line_of(path), format_path(path),
                                 "the Chinese and the English quote different figures: "
                                 + ", ".join(only)))
    return found


PathT = tuple[str | int, ...]


def _texts(content: Content) -> Iterator[tuple[PathT, Text]]:
    """The bilingual texts of the sections, with their paths."""
    for s, section in enumerate(content.briefing.sections):
        for path, part in section.parts(("sections", s)):
            if isinstance(part, Text):
                yield path, part


def _numbers(template: str, allowed: Iterable[str]) -> set[str]:
    """The numbers typed in `template` (its {{ }} left out) that no `not_figures` entry
    covers (see _not_figure)."""
    text = _TEMPLATE.sub(" ", template)
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        return set()
    covered = [m.span() for entry in allowed for m in _not_figure(entry).finditer(text)]
    return {n.group() for n in numbers
            if not any(start <= n.start() and n.end() <= end for start, end in covered)}


@functools.cache
def _not_figure(entry: str) -> re.Pattern[str]:
    """Where a `not_figures` entry is typed: the entry as written, never inside a longer
    number ("2025" does not cover the 25 of "25个", nor "20" the 20 of "2020" or "20.5"),
    a plain number also with letters or characters glued on ("20" covers "20GWh"), and
    the space between a number and the unit after it optional ("20 GWh" covers "20GWh")."""
    words = []
    for word in re.sub(r"(?<=[0-9０-９])\s+(?=[^\s0-9０-９])", "", entry).split():
        parts = re.split(r"([0-9０-９]+(?:[.,][0-9０-９]+)*)", word)  # numbers at odd places
        words.append("".join(re.escape(part) + (r"\s*" if i % 2 and parts[i + 1] else "")
                             for i, part in enumerate(parts)))
    pattern = r"\s+".join(words)
    return re.compile(r"(?<![0-9０-９])(?<![0-9０-９][.,])" + pattern
                      + r"(?![0-9０-９])(?![.,][0-9０-９])")
