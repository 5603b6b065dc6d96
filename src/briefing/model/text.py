"""The model's texts: a value in both languages, inline runs, where a block was written."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, Literal, TypeVar

Lang = Literal["zh", "en"]
T = TypeVar("T")


@dataclass(frozen=True)
class Bilingual(Generic[T]):
    zh: T
    en: T

    def get(self, lang: Lang) -> T:
        return self.zh if lang == "zh" else self.en

    def shown(self, languages: tuple[Lang, ...]) -> tuple[Lang, ...]:
        """The languages to print: an English identical to the Chinese (24.1%, PM2.5) is
        printed once."""
        if len(languages) > 1 and self.zh == self.en:
            return languages[:1]
        return languages


@dataclass(frozen=True)
class FigureMark:
    """Where a rendering of a figure stands in a run's text: text[start:end] is figure
    `figure` as `{{ figure }}` printed it (`attribute` None) or as `{{ figure.attribute }}`
    did. The DOCX marks it, so that update-draft finds it again."""

    start: int
    end: int
    figure: str
    attribute: str | None = None


# A rendering of a figure, by what it depends on: the figure's id and the attribute of
# its template view (None: its value), or "bar" (a KPI card's bar of progress)
FigureRef = tuple[str, str | None]


@dataclass(frozen=True)
class Run:
    """A stretch of inline text: plain, strong, or a link (http, https or mailto), with
    perhaps a footnote after it."""

    text: str
    strong: bool = False
    link: str | None = None
    figures: tuple[FigureMark, ...] = ()
    note: Note | None = None  # a footnote (a gloss) referenced at the end of this run


@dataclass(frozen=True)
class Note:
    """A footnote: its number in the document (1, 2, ... in reading order; Word numbers
    its own footnotes the same way) and its text."""

    number: int
    text: str


def inline_notes(texts: list[Inline]) -> list[Note]:
    """The footnotes of inline texts, in order."""
    return [run.note for text in texts for run in text if run.note]


Inline = tuple[Run, ...]


def plain_text(runs: Inline) -> str:
    return "".join(run.text for run in runs)


@dataclass(frozen=True)
class Source:
    """Where something was written, for messages: the file, its line, and the field there
    (`sections[0].blocks[2].paragraph`, `delegations[1].name.en`; "" where none is)."""

    file: Path
    line: int | None
    field: str = ""

    def __str__(self) -> str:
        return f"{self.file.name}:{self.line}"


def characters_of(texts: Iterable[Bilingual[str]], languages: Iterable[Lang]) -> frozenset[str]:
    """The characters of texts in the given languages."""
    languages = tuple(languages)
    return frozenset("".join(value.get(lang) for value in texts for lang in languages))
