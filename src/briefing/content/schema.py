"""The shape of content files, as pydantic models, and `validate` that turns loaded YAML
into content objects or a list of located diagnostics.

All scalars arrive as strings (see load.py); pydantic converts them to dates, decimals and
integers here, so the conversion rules are ours, not YAML 1.1's.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import (BaseModel, Discriminator, Field, Tag, ValidationError, field_validator,
                      model_validator)

from ..blocks import BLOCK_KINDS, BLOCK_TYPES
from ..errors import ContentError, Diagnostic, error
from .fields import FigureId, InlineText, Strict, Text, models_in
from .figures import round_significant, units
from .formulas import FormulaProblem, evaluate, formula_names
from .load import Loaded, format_path

_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")
FIGURE_ID = re.compile(r"[a-z][a-z0-9_]*")


def _plain_decimal(value: Any) -> Any:
    if isinstance(value, str) and not _DECIMAL.fullmatch(value.strip()):
        raise ValueError(f"'{value}' is not a plain number (write e.g. 11250000000 or "
                         "24.1: no grouping commas, units or %)")
    return value.strip() if isinstance(value, str) else value


class Previous(Strict):
    """The same figure for an earlier period, for changes (同比增长12.5% / up 12.5%)."""

    value: Decimal
    as_of: datetime.date

    _plain = field_validator("value", mode="before")(_plain_decimal)


class Figure(Strict):
    label: Text
    value: Decimal | None = Field(None, description="exact value in base units (yuan, "
                                  "not 亿元); or give a formula")
    formula: str | None = Field(None, description="derived: an expression over other "
                                "figures' ids, e.g. livelihood_spending / budget_spending * 100")
    unit: str
    as_of: datetime.date
    source: Text
    qualifier: Literal["over", "under"] | None = None
    decimals: int = Field(2, ge=0, le=6)
    significant: int | None = Field(None, ge=1, le=15, description="round to this many "
                                    "significant digits before formatting")
    previous: Previous | None = None

    @property
    def shown_value(self) -> Decimal:
        """The value as printed: rounded to `significant` digits if that is set."""
        assert self.value is not None, "derived figures are computed in validate()"
        if self.significant is None:
            return self.value
        return round_significant(self.value, self.significant)

    _plain = field_validator("value", mode="before")(_plain_decimal)

    @model_validator(mode="after")
    def _value_or_formula(self) -> "Figure":
        if (self.value is None) == (self.formula is None):
            raise ValueError("give either a value or a formula")
        return self

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, value: str) -> str:
        if value not in units():
            raise ValueError(f"unknown unit '{value}'" + _did_you_mean(value, units()))
        return value


class FiguresFile(Strict):
    figures: dict[str, Figure]


Layout = Literal["stacked", "parallel", "zh", "en"]
LAYOUTS: tuple[str, ...] = ("stacked", "parallel", "zh", "en")
SINGLE_LANGUAGE = {"zh": "en", "en": "zh"}  # layout -> the language it does not need

def _block_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        found = [k for k in BLOCK_KINDS if k in value]
        return found[0] if len(found) == 1 else None
    return None


# one member per declared block type, told apart by its key (blocks/__init__.py)
Block = Annotated[
    Union[tuple(Annotated[t.spec, Tag(t.kind)] for t in BLOCK_TYPES)],  # type: ignore[misc]
    Discriminator(_block_kind, custom_error_type="block_kind",
                  custom_error_message="a block needs exactly one of: " + ", ".join(BLOCK_KINDS)),
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


class BriefingFile(Strict):
    theme: str = "investor"
    layout: Layout = "stacked"
    figures: list[str] = ["figures.yaml"]
    cover: Cover
    glossary: list[Text] = []
    stale_after_days: int = Field(400, ge=0, description="warn about figures older than this "
                                  "at the edition date")
    not_figures: list[str] = Field([], description="numbers in the text that are not "
                                   "figures: years, names, ranks (2023, S510, PM2.5)")
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

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        return self.briefing_file.line_of(path)


def parse_model(model: type[BaseModel], loaded: Loaded) -> tuple[Any, list[Diagnostic]]:
    """Validate loaded data against a model; every error located by file, line and field."""
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        return None, [_diagnostic(loaded, err) for err in exc.errors()]


def _diagnostic(loaded: Loaded, err: Any) -> Diagnostic:
    path = _data_path(loaded.data, err["loc"])
    kind, message = err["type"], err["msg"]
    hint = None
    if kind == "missing":
        name = path[-1]
        message = {"zh": "missing the Chinese text (zh)", "en": "missing the English text (en)"
                   }.get(str(name), f"missing required field '{name}'")
        line_path = path[:-1]
    else:
        line_path = path
        if kind == "extra_forbidden":
            message = f"unknown field '{path[-1]}'"
            # all field names are candidates, so only a close spelling is worth suggesting
            hint = _did_you_mean(str(path[-1]), _ALL_FIELDS, prefix="", cutoff=0.75)
            if path[-1] in _ALL_FIELDS:  # a real field, in the wrong place
                message, hint = f"'{path[-1]}' does not belong here", "check the indentation"
            elif _is_bilingual(loaded.data, path[:-1]):
                hint = ("a comma inside {zh: ..., en: ...} starts a new key: put the text in "
                        "quotes")
        elif kind == "block_kind":
            given = list(err["input"]) if isinstance(err["input"], dict) else []
            message = "a block needs exactly one of: " + ", ".join(BLOCK_KINDS)
            unknown = [k for k in given if k not in BLOCK_KINDS and k != "style"]
            if unknown:
                hint = _did_you_mean(unknown[0], BLOCK_KINDS, prefix="") or None
        elif kind == "value_error":
            message = message.removeprefix("Value error, ")
        else:
            message = f"{message.rstrip('.')} (got {err['input']!r})" if "input" in err and \
                isinstance(err["input"], str) else message
    field = format_path(path)
    cell = loaded.cell_of(tuple(path))
    return error(loaded.file, loaded.line_of(line_path), f"{cell} {field}" if cell else field,
                 message, hint or None)


def _is_bilingual(data: Any, path: tuple[str | int, ...]) -> bool:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(data, dict) and {"zh", "en"} <= set(data)


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """pydantic's loc, without the union tags it inserts: the path as the user wrote it."""
    path: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            current = current[part]
            path.append(part)
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
            path.append(part)
        elif i == len(loc) - 1 and isinstance(part, str) and isinstance(current, dict):
            path.append(part)  # a missing field
    return tuple(path)


def _did_you_mean(word: str, choices: Any, prefix: str = "; ", cutoff: float = 0.6) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    if not close:
        return ""
    return f"{prefix}did you mean '{close[0]}'?"


def did_you_mean(word: str, choices: Any) -> str | None:
    """A hint naming the closest of `choices`, or None."""
    return _did_you_mean(word, choices, prefix="") or None


def _field_names(*models: type[BaseModel]) -> set[str]:
    return {name for m in models for name in m.model_fields}


_ALL_FIELDS = _field_names(*models_in(BriefingFile), *models_in(FiguresFile))


def effective_layout(briefing_file: Loaded, override: str | None) -> str:
    """The layout asked for on the command line, else the briefing's own."""
    if override:
        return override
    data = briefing_file.data
    layout = data.get("layout") if isinstance(data, dict) else None
    return layout if layout in LAYOUTS else "stacked"


def _allow_missing(data: Any, lang: str) -> Any:
    """A single-language edition does not need the other language: fill it with "" where
    a text gives only the language it needs (a {zh: ...} or {en: ...} mapping)."""
    if isinstance(data, dict):
        keys = set(data)
        if keys and keys <= {"zh", "en"} and lang not in keys:
            return {**data, lang: ""}
        return {k: _allow_missing(v, lang) for k, v in data.items()}
    if isinstance(data, list):
        return [_allow_missing(v, lang) for v in data]
    return data


def validate(folder: Path, briefing_file: Loaded, figure_files: list[Loaded],
             layout: str = "stacked") -> Content:
    """Check structure and cross-references; raise ContentError listing every problem.
    A single-language `layout` (zh, en) does not require the other language.

    The figures that are valid are kept on the exception (`ContentError.figures`) so that the
    texts can still be checked against them and all problems reported in one run."""
    problems: list[Diagnostic] = list(briefing_file.problems)
    for loaded in figure_files:
        problems += loaded.problems
    if layout in SINGLE_LANGUAGE:
        unused = SINGLE_LANGUAGE[layout]
        briefing_file = Loaded(briefing_file.file, _allow_missing(briefing_file.data, unused),
                               briefing_file.lines, briefing_file.problems)
        figure_files = [Loaded(f.file, _allow_missing(f.data, unused), f.lines, f.problems)
                        for f in figure_files]
    briefing, found = parse_model(BriefingFile, briefing_file)
    problems += found
    figures: dict[str, Figure] = {}
    defined_in: dict[str, Loaded] = {}
    for loaded in figure_files:
        parsed, found = parse_model(FiguresFile, loaded)
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
    problems += _derive(figures, defined_in)
    if briefing is not None:
        defined = {fig_id for f in figure_files if isinstance(f.data, dict)
                   and isinstance(f.data.get("figures"), dict) for fig_id in f.data["figures"]}
        problems += _check_figure_refs(briefing, figures, defined, briefing_file)
    if problems:
        exc = ContentError(problems)
        exc.figures = figures
        raise exc
    return Content(folder.name, folder, briefing, figures, briefing_file, defined_in)


def _derive(figures: dict[str, Figure], defined_in: dict[str, Loaded]) -> list[Diagnostic]:
    """Give each derived figure its value, in dependency order; a formula naming an unknown
    figure, a circle of formulas or a division by zero is located at the formula."""
    problems: list[Diagnostic] = []
    pending = {i: f for i, f in figures.items() if f.formula is not None}

    def problem(fig_id: str, message: str, hint: str | None = None) -> None:
        loaded = defined_in[fig_id]
        path = ("figures", fig_id, "formula")
        cell = loaded.cell_of(path)
        field = f"figures.{fig_id}.formula"
        problems.append(error(loaded.file, loaded.line_of(path),
                              f"{cell} {field}" if cell else field, message, hint))

    needs: dict[str, set[str]] = {}
    for fig_id, figure in list(pending.items()):
        try:
            needs[fig_id] = formula_names(figure.formula or "")
        except FormulaProblem as exc:
            problem(fig_id, str(exc))
            del pending[fig_id]
            continue
        unknown = sorted(needs[fig_id] - set(figures))
        if unknown:
            problem(fig_id, f"unknown figure '{unknown[0]}' in the formula",
                    did_you_mean(unknown[0], figures))
            del pending[fig_id]
    while pending:
        ready = [i for i in pending if not needs[i] & set(pending)]
        if not ready:
            for fig_id in sorted(pending):
                problem(fig_id, "formulas that depend on each other in a circle: "
                        + ", ".join(sorted(pending)))
            break
        for fig_id in ready:
            figure = pending.pop(fig_id)
            values = {name: figures[name].value for name in needs[fig_id]}
            if any(v is None for v in values.values()):
                continue  # depends on a figure whose formula failed: reported there
            try:
                value = evaluate(figure.formula or "", values)  # type: ignore[arg-type]
            except FormulaProblem as exc:
                problem(fig_id, str(exc))
                continue
            figures[fig_id] = figure.model_copy(update={"value": value})
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
