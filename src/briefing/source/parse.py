"""`parse_model`: loaded YAML -> a pydantic model, or Diagnostics located by file, line and
field, with the path as the user wrote it and a hint where one helps."""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from ..errors import Diagnostic, error
from .hints import did_you_mean
from .load import Loaded, format_path


@dataclass(frozen=True)
class Vocabulary:
    """The words of one kind of file, for hints. `fields`: every field name its models know
    (a known name in the wrong place is an indentation mistake, not a typo). `kinds`: for a
    union told apart by which key a mapping has, the custom error type its Discriminator
    raises -> those keys."""

    fields: frozenset[str]
    kinds: Mapping[str, Collection[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, *models: type[BaseModel],
           kinds: Mapping[str, Collection[str]] | None = None) -> Vocabulary:
        """The field names of `models` and of every model nested in them."""
        return cls(frozenset().union(*(_field_names(m) for m in models)), kinds or {})


MAX_REPORTED = 100  # errors located and reported per file


def parse_model(model: type[BaseModel], loaded: Loaded, vocabulary: Vocabulary | None = None,
                languages: tuple[str, ...] = ("zh", "en")) -> tuple[Any, list[Diagnostic]]:
    """Validate loaded data against a model; every error located by file, line and field.
    Hints come from `vocabulary`, by default the field names of `model`'s own tree.
    `languages`: those the layout shows (validators may refuse their texts empty)."""
    try:
        return model.model_validate(loaded.data, context={"languages": languages}), []
    except ValidationError as exc:
        words = vocabulary or Vocabulary.of(model)
        errors = exc.errors()
        # locating each error costs a walk of the data: 50,000 unknown keys took 110 s
        shown = [_diagnostic(loaded, err, words) for err in errors[:MAX_REPORTED]]
        if len(errors) > MAX_REPORTED:
            shown.append(error(loaded.file, None, "", f"and {len(errors) - MAX_REPORTED:,} "
                               "more problems in this file, not shown"))
        return None, shown


def _diagnostic(loaded: Loaded, err: Any, words: Vocabulary) -> Diagnostic:
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
            hint = did_you_mean(str(path[-1]), words.fields, cutoff=0.75)
            if path[-1] in words.fields:  # a real field, in the wrong place
                message, hint = f"'{path[-1]}' does not belong here", "check the indentation"
            elif _is_bilingual(loaded.data, path[:-1]):
                hint = ("a comma inside {zh: ..., en: ...} starts a new key: put the text in "
                        "quotes")
        elif kind in words.kinds:  # the Discriminator's message lists the kinds
            given = list(err["input"]) if isinstance(err["input"], dict) else []
            unknown = [k for k in given if k not in words.kinds[kind] and k not in words.fields]
            if unknown:
                hint = did_you_mean(unknown[0], words.kinds[kind])
        elif kind == "value_error":
            message = message.removeprefix("Value error, ")
        else:
            message = f"{message.rstrip('.')} (got {err['input']!r})" if "input" in err and \
                isinstance(err["input"], str) else message
    field_path = format_path(path)
    cell = loaded.cell_of(tuple(path))
    return error(loaded.file, loaded.line_of(line_path),
                 f"{cell} {field_path}" if cell else field_path, message, hint)


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
        if (isinstance(current, dict) and part in current) or (
                isinstance(current, list) and isinstance(part, int) and part < len(current)):
            current = current[part]
            path.append(part)
        elif i == len(loc) - 1 and isinstance(part, str) and isinstance(current, dict):
            path.append(part)  # a missing field
    return tuple(path)


@functools.cache
def _field_names(model: type[BaseModel]) -> frozenset[str]:
    names: set[str] = set()
    todo, seen = [model], set()
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            names |= set(current.model_fields)
            todo += [m for info in current.model_fields.values()
                     for m in _models_in(info.annotation)]
    return frozenset(names)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models a field's type names: list[Section], Text | None, Annotated unions..."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in _models_in(arg)]
