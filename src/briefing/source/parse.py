"""`parse_model`: loaded YAML -> a pydantic model, or Diagnostics located by file, line and
field, with the path as the user wrote it and a hint where one helps."""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, get_args, get_origin

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
    # other words people use for a field: `title:` where a section's key is `heading:`
    synonyms: Mapping[str, Collection[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, *models: type[BaseModel],
           kinds: Mapping[str, Collection[str]] | None = None,
           synonyms: Mapping[str, Collection[str]] | None = None) -> Vocabulary:
        """The field names of `models` and of every model nested in them."""
        return cls(frozenset().union(*(_field_names(m) for m in models)), kinds or {},
                   synonyms or {})


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
        shown = _merge_misindented([_diagnostic(loaded, err, words, model)
                                    for err in errors[:MAX_REPORTED]], loaded)
        if len(errors) > MAX_REPORTED:
            shown.append(error(loaded.file, None, "", f"and {len(errors) - MAX_REPORTED:,} "
                               "more problems in this file, not shown"))
        return None, shown


def _diagnostic(loaded: Loaded, err: Any, words: Vocabulary,
                model: type[BaseModel]) -> Diagnostic:
    path = _data_path(loaded.data, err["loc"], model)
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
            here = _fields_at(model, err["loc"][:-1])
            instead = next((w for w in words.synonyms.get(str(path[-1]), ()) if w in here), None)
            if instead:  # a word for the right thing, not this file's word for it
                message = f"unknown field '{path[-1]}'"
                hint = f"the key here is '{instead}'"
            elif path[-1] in words.fields:  # a real field, in the wrong place
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
            message, hint = _plain_words(kind, err)
            if kind in ("model_type", "dict_type") and \
                    _fields_at(model, err["loc"]) == {"zh", "en"}:
                hint = "a text is {zh: ..., en: ...}, in both languages"
            elif kind == "literal_error" and isinstance(err["input"], str):
                hint = did_you_mean(err["input"], _literals_at(model, err["loc"]))
    field_path = format_path(path)
    cell = loaded.cell_of(tuple(path))
    return error(loaded.file, loaded.line_of(line_path),
                 f"{cell} {field_path}" if cell else field_path, message, hint)


# pydantic's error types in our words: what is wrong and what to write instead
_PLAIN: dict[str, str] = {
    "too_long": "at most {max_length} items here, not {actual_length}",
    "too_short": "at least {min_length} item(s) here, not {actual_length}",
    "less_than_equal": "at most {le} here",
    "greater_than_equal": "at least {ge} here",
    "less_than": "less than {lt} here",
    "greater_than": "more than {gt} here",
    "literal_error": "one of {expected} here",
    "int_parsing": "a whole number here (write e.g. 3)",
    "int_from_float": "a whole number here (write e.g. 3)",
    "decimal_parsing": "a plain number here (write e.g. 24.1)",
    "bool_parsing": "true or false here",
    "date_from_datetime_parsing": "a date here, written YYYY-MM-DD",
    "date_parsing": "a date here, written YYYY-MM-DD",
    "date_type": "a date here, written YYYY-MM-DD",
    "string_type": "text here, not a list or mapping",
    "list_type": "a list here: [a, b], or one '- item' a line",
    "dict_type": "a mapping here (key: value lines)",
    "model_type": "a mapping here (key: value lines)",
    "model_attributes_type": "a mapping here (key: value lines)",
    "missing": "a value here",
}
_HINTS: dict[str, str] = {
    "dict_type": "check the indentation: the fields go on the lines below, indented",
    "model_type": "check the indentation: the fields go on the lines below, indented",
    "date_from_datetime_parsing": "e.g. 2023-12-31",
}


def _plain_words(kind: str, err: Any) -> tuple[str, str | None]:
    """A validator's error as our message (what the field needs, and what it got)."""
    context = {k: (v if not isinstance(v, str) else v.replace("'", "")) for k, v in
               (err.get("ctx") or {}).items()}
    template = _PLAIN.get(kind)
    try:
        needs = template.format(**context) if template else None
    except (KeyError, IndexError):
        needs = None
    if needs is None:  # a kind we have no words for: the gist, without the library's phrasing
        needs = str(err["msg"]).removeprefix("Input should be ").split(",")[0].rstrip(".")
    given = err.get("input")
    got = f" (got '{given}')" if isinstance(given, str) else ""
    if kind in ("too_long", "too_short"):
        got = ""
    hint = _HINTS.get(kind)
    if kind == "date_from_datetime_parsing":
        problem = str(context.get("error", ""))
        hint = ("the month is 01 to 12" if "month" in problem else "that month has no such day"
                if "day" in problem else hint)
    return f"expected {needs}{got}", hint


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> frozenset[str]:
    """The field names of the model at pydantic's `loc`, or none if it leads elsewhere.
    A loc goes through fields, list indexes, dict keys and the tags of tagged unions
    (('sections', 0, 'blocks', 2, 'table', 'table') is the TableSpec of a TableBlock)."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
        if current is None:
            return frozenset()
    models = _models_in(current)
    return frozenset(models[0].model_fields) if len(models) == 1 else frozenset()


def _literals_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The words a Literal field at pydantic's `loc` allows (`layout`: stacked, parallel...)."""
    current: Any = model
    for part in loc:
        current = _step(current, part)
    return _literals_in(current)


def _literals_in(annotation: Any) -> list[str]:
    if get_origin(annotation) is Literal:
        return [str(arg) for arg in get_args(annotation)]
    return [word for arg in get_args(annotation) for word in _literals_in(arg)]


def _step(annotation: Any, part: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        info = annotation.model_fields.get(part) if isinstance(part, str) else None
        return info.annotation if info else None
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is list and isinstance(part, int):
        return args[0]
    if origin is dict:
        return args[1]
    members = _models_in(annotation)
    if len(members) == 1:
        return _step(members[0], part)
    tagged = [m for m in members if part in m.model_fields]  # a union's tag names its member
    return tagged[0] if len(tagged) == 1 else None


def _merge_misindented(found: list[Diagnostic], loaded: Loaded) -> list[Diagnostic]:
    """`en:` indented less than its `zh:` lands beside the block, so pydantic reports the
    text as missing its English and the block as having an unknown `en`: one problem, said
    once, at the line of the `en:`."""
    missing = {d.field_path.removesuffix(".en"): d for d in found
               if d.message == "missing the English text (en)"}
    stray = [d for d in found if d.message in ("unknown field 'en'", "'en' does not belong here")]
    merged: list[Diagnostic] = []
    for d in stray:
        owner = d.field_path.removesuffix(".en")
        text = next((m for path, m in missing.items() if path.startswith(owner + ".")
                     or path.startswith(owner + "[")), None)
        if text is None:
            continue
        found = [f for f in found if f is not d and f is not text]
        merged.append(replace(d, field_path=text.field_path,
                              message="the English text (en) is not indented like the "
                                      "Chinese (zh) it belongs with",
                              hint="indent en: to line up with zh: (spaces, not tabs)"))
    return found + merged


def _is_bilingual(data: Any, path: tuple[str | int, ...]) -> bool:
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(data, dict) and {"zh", "en"} <= set(data)


def _data_path(data: Any, loc: tuple[Any, ...],
               model: type[BaseModel] | None = None) -> tuple[str | int, ...]:
    """pydantic's loc, without the union tags it inserts: the path as the user wrote it.
    A tag is told from a key by the model (a block's tag `heading` is also its key)."""
    path: list[str | int] = []
    current = data
    annotation: Any = model
    for i, part in enumerate(loc):
        if annotation is not None and _is_union_tag(annotation, part):
            annotation = _step(annotation, part)
            continue  # the tag pydantic adds, not a key of the data
        annotation = _step(annotation, part) if annotation is not None else None
        if (isinstance(current, dict) and part in current) or (
                isinstance(current, list) and isinstance(part, int) and part < len(current)):
            current = current[part]
            path.append(part)
        elif i == len(loc) - 1 and isinstance(part, str) and isinstance(current, dict):
            path.append(part)  # a missing field
    return tuple(path)


def _is_union_tag(annotation: Any, part: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return False
    if get_origin(annotation) in (list, dict):
        return False
    return len(_models_in(annotation)) > 1 and isinstance(part, str)


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
