"""The shape of the briefing file, as pydantic models (its cover, glossary and sections of
blocks, the block union from BLOCK_TYPES), and `validate` that turns loaded YAML into
content objects or a list of located diagnostics. The figures files' models and the
derivation of figures from formulas are in figure_file.py.

All scalars arrive as strings (see source/load.py); pydantic converts them to dates and
integers here, so the conversion rules are ours, not YAML 1.1's.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import Discriminator, Field, Tag, field_validator

from ..blocks import BLOCK_KINDS, BLOCK_TYPES, BlockSpec
from ..errors import Diagnostic, error
from ..layout import DEFAULT_LAYOUT, Layout, LayoutName
from ..source.hints import did_you_mean
from ..source.load import Loaded, format_path
from ..source.parse import Vocabulary, parse_model
from .fields import FigureId, InlineText, Strict, Text, check_text
from .figure_file import Figure as Figure  # re-exported: build.py and blocks/ import it here
from .figure_file import FiguresFile, derive
from .values import sign_problems

FIGURE_ID = re.compile(r"[a-z][a-z0-9_]*")


def _block_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        found = [k for k in BLOCK_KINDS if k in value]
        return found[0] if len(found) == 1 else None
    return None


if TYPE_CHECKING:
    Block = BlockSpec
else:  # one member per declared block type, told apart by its key (blocks/__init__.py)
    Block = Annotated[
        # a union of members known at run time: no X | Y spelling for it
        Union[tuple(Annotated[t.spec, Tag(t.kind)] for t in BLOCK_TYPES)],  # noqa: UP007
        Discriminator(_block_kind, custom_error_type="block_kind", custom_error_message=(
            "a block needs exactly one of: " + ", ".join(BLOCK_KINDS))),
    ]


class Section(Strict):
    heading: InlineText | None = None
    tags: list[str] = Field([], description="topics, for editions that select sections "
                            "(delegations' include_tags); untagged sections are always in")
    blocks: list[Block] = Field(min_length=1)


class Cover(Strict):
    title: Text
    subtitle: Text | None = None
    date: datetime.date = Field(description="date of this edition")
    publisher: Text
    logo: str | None = Field(None, description="PNG or JPEG in the briefing folder")
    keywords: list[str] = Field([], description="document properties: keywords")


class GlossaryTerm(Strict):
    """A name translated once, kept identical everywhere; `gloss` explains it to a reader
    who does not know it (the English text explains it at its first use)."""

    zh: str
    en: str
    gloss: str | None = Field(None, description="a short English explanation of the term")
    needs_gloss: bool = Field(False, description="check warns when the English uses the "
                              "term without a gloss")

    _check = field_validator("zh", "en", "gloss")(check_text)


class BriefingFile(Strict):
    theme: str = "investor"
    layout: LayoutName = DEFAULT_LAYOUT
    figures: list[str] = ["figures.yaml"]
    cover: Cover
    glossary: list[GlossaryTerm] = []
    groups: dict[str, Text] = Field({}, description="what breakdowns break down by: the "
                                    "district, its zone (figures name one as their group)")
    measures: dict[str, Text] = Field({}, description="the columns of breakdowns: what is "
                                      "measured of each group (figures name one)")
    stale_after_days: int = Field(400, ge=0, description="warn about figures older than this "
                                  "at the edition date")
    not_figures: list[str] = Field([], description="numbers in the text that are not "
                                   "figures: years, names, ranks (2023, S510, PM2.5), a "
                                   "number with its unit (20 GWh)")
    sections: list[Section] = Field(min_length=1)


@dataclass(frozen=True)
class Content:
    """A validated briefing: its files, its structure and its figures, nothing looked up yet."""

    id: str
    folder: Path
    briefing: BriefingFile
    figures: dict[str, Figure]
    briefing_file: Loaded
    figure_files: dict[str, Loaded]  # figure id -> the file that defines it
    layout: Layout  # the layout it was validated for (see layout.py)

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        return self.briefing_file.line_of(path)


# every field name of a content file, for hints (see source/parse.py)
# other words for our fields, for hints that name the right key where a known word is used
# in the wrong place (a section's `title:` is its `heading:`)
SYNONYMS = {"title": ("heading", "caption"), "heading": ("title",), "caption": ("title",),
            "name": ("label", "title"), "label": ("title", "caption"), "date": ("as_of",),
            "units": ("unit",), "sources": ("source",), "text": ("paragraph",),
            "figure": ("figures",), "figures": ("figure",), "level": ("heading",)}
CONTENT_WORDS = Vocabulary.of(BriefingFile, FiguresFile, kinds={"block_kind": BLOCK_KINDS},
                              synonyms=SYNONYMS)


@dataclass(frozen=True)
class Validation:
    """What `validate` found: the content if it is valid, else every problem, and what the
    texts can still be checked against so that their problems are reported in the same run
    (the figures that are valid, and the ids of those defined but invalid)."""

    content: Content | None
    problems: list[Diagnostic]
    figures: dict[str, Figure]
    broken_figures: frozenset[str]


def validate(folder: Path, briefing_file: Loaded, figure_files: list[Loaded],
             layout: Layout) -> Validation:
    """Check structure and cross-references, collecting every problem. A single-language
    `layout` (zh, en) does not require the other language."""
    problems: list[Diagnostic] = list(briefing_file.problems)
    for loaded in figure_files:
        problems += loaded.problems
    defined = {fig_id for f in figure_files if isinstance(f.data, dict)
               and isinstance(f.data.get("figures"), dict) for fig_id in f.data["figures"]}
    defined |= {fig_id for f in figure_files for fig_id in f.refused}
    briefing_file = replace(briefing_file, data=layout.fill_unused_language(briefing_file.data))
    figure_files = [replace(f, data=layout.fill_unused_language(f.data)) for f in figure_files]
    briefing, found = parse_model(BriefingFile, briefing_file, CONTENT_WORDS, layout.languages)
    problems += found
    figures: dict[str, Figure] = {}
    defined_in: dict[str, Loaded] = {}
    for loaded in figure_files:
        parsed, found = parse_model(FiguresFile, loaded, CONTENT_WORDS, layout.languages)
        problems += found
        if parsed is None:
            continue
        for fig_id, figure in parsed.figures.items():
            line = loaded.line_of(("figures", fig_id))
            if not FIGURE_ID.fullmatch(fig_id):
                problems.append(error(loaded.file, line, f"figures.{fig_id}",
                                      "a figure id is lower-case letters, digits and _, "
                                      "starting with a letter"))
            elif fig_id in figures:
                first = defined_in[fig_id]
                problems.append(error(loaded.file, line, f"figures.{fig_id}",
                                      f"figure '{fig_id}' is already defined in {first.file.name}"
                                      f" line {first.line_of(('figures', fig_id))}"))
            else:
                figures[fig_id] = figure
                defined_in[fig_id] = loaded
    problems += derive(figures, defined_in)
    problems += sign_problems(figures, defined_in)
    if briefing is not None:
        problems += _check_figure_refs(briefing, figures, defined, briefing_file)
        problems += _check_groups(briefing, figures, defined_in)
    if problems:
        # a derived figure whose formula failed has no value: its uses are not checked again
        valued = {i: f for i, f in figures.items() if f.value is not None}
        return Validation(None, problems, valued, frozenset(defined - set(valued)))
    # the id is the folder's own name, also for `briefing build .` (whose name is "")
    return Validation(Content(folder.resolve().name, folder, briefing, figures, briefing_file,
                              defined_in, layout), [], figures, frozenset())




def _check_groups(briefing: BriefingFile, figures: dict[str, Figure],
                  defined_in: dict[str, Loaded]) -> list[Diagnostic]:
    """A figure's group and measure name ones the briefing declares."""
    problems = []
    for fig_id, figure in figures.items():
        for key, name, known in (("group", figure.group, briefing.groups),
                                 ("measure", figure.measure, briefing.measures)):
            if name is not None and name not in known:
                loaded = defined_in[fig_id]
                path = ("figures", fig_id, key)
                problems.append(error(loaded.file, loaded.line_of(path), format_path(path),
                                      f"unknown {key} '{name}'",
                                      did_you_mean(name, known) or
                                      f"declare it under {key}s: in briefing.yaml"))
    return problems


def _check_figure_refs(briefing: BriefingFile, figures: dict[str, Figure], defined: set[str],
                       loaded: Loaded) -> list[Diagnostic]:
    """Unknown figure ids in blocks, and what else each block type checks against the
    figures (a figure that is defined but invalid has been reported already)."""
    problems = []

    def problem(path: tuple[str | int, ...], message: str, hint: str | None = None) -> None:
        problems.append(error(loaded.file, loaded.line_of(path), format_path(path), message,
                              hint))

    for s, section in enumerate(briefing.sections):
        for path, part in section.parts(("sections", s)):
            if isinstance(part, FigureId) and part not in defined:
                problem(path, f"unknown figure '{part}'", did_you_mean(part, figures))
        for b, block in enumerate(section.blocks):
            for inner, message in block.problems(figures):
                problem(("sections", s, "blocks", b) + inner, message)
    return problems
