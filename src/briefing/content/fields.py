"""The parts content files are made of: strict models, bilingual texts and figure ids.

The types say what a value is, so that code walking a validated file finds every text and
every figure id by its type (`Strict.parts`), and no block keeps a list of its own fields.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from typing import Any, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    ValidationInfo,
    field_validator,
)
from pydantic_core import core_schema

# XML 1.0 allows tab, newline and carriage return among the C0 controls, nothing else.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

PathT = tuple[str | int, ...]


class FigureId(str):
    """A figure id written in a block (a table row, a KPI card, a call-out, a chart's bars).
    Validated as a string; its type marks it for `Strict.parts`."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any,
                                     handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(cls, core_schema.str_schema())


class Strict(BaseModel):
    """A content model: unknown fields refused, values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def parts(self, path: PathT = ()) -> Iterator[tuple[PathT, Text | FigureId]]:
        """Every text and figure id inside, in the order of the fields, with its path as
        written in the file: the figure check, lint and the Sources table read these."""
        yield from _parts(self, path)


def _parts(value: object, path: PathT) -> Iterator[tuple[PathT, Text | FigureId]]:
    if isinstance(value, (Text, FigureId)):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _parts(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _parts(item, path + (i,))


# bidirectional embeddings, overrides and isolates reorder what a reader sees against what
# the file says ("Trojan source"); a briefing has no right-to-left text to need them
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(value: str, info: ValidationInfo) -> str:
    """Refuse what no text should hold; and an empty text in a language the layout shows
    (`languages` in the validation context, see source/parse.py; both if not given)."""
    bad = _XML_FORBIDDEN.search(value)
    if bad:
        raise ValueError(f"control character U+{ord(bad.group()):04X} is not allowed in text")
    bad = _BIDI_CONTROLS.search(value)
    if bad:
        raise ValueError(f"bidirectional control character U+{ord(bad.group()):04X} is not "
                         "allowed in text: it shows the text in another order than it is "
                         "written")
    bad = _SURROGATE.search(value)
    if bad:
        raise ValueError(f"U+{ord(bad.group()):04X} is half of a UTF-16 pair, not a "
                         "character: the text was damaged (a \\u escape of one half?)")
    shown = (info.context or {}).get("languages", ("zh", "en"))
    if not value.strip() and info.field_name in shown:
        raise ValueError(f"the {'Chinese' if info.field_name == 'zh' else 'English'} text is "
                         "empty, and this layout shows it: write it, or choose a layout "
                         "without that language")
    return value


class Text(Strict):
    """A piece of text in both languages, printed as written."""

    zh: str = Field(description="Chinese text")
    en: str = Field(description="English text")

    _check = field_validator("zh", "en")(check_text)


class InlineText(Text):
    """A text whose inline marks (**bold**, [links](https://…)) are parsed."""


def inline_paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """The key paths (list indexes left out) of the InlineText fields in a model and the
    models inside it: which texts of a file get inline marks, read from the types."""
    found: set[tuple[str, ...]] = set()
    for name, field in model.model_fields.items():
        for kind in _types(field.annotation):
            if issubclass(kind, InlineText):
                found.add(prefix + (name,))
            elif issubclass(kind, Strict) and not issubclass(kind, Text):
                found |= inline_paths(kind, prefix + (name,))
    return found


def _types(annotation: Any) -> Iterator[type]:
    """The classes an annotation can hold: `list[X]`, `X | None`, unions, Annotated."""
    if isinstance(annotation, type) and not typing.get_args(annotation):
        yield annotation
    elif typing.get_origin(annotation) in (Union, types.UnionType, list, tuple, dict,
                                           typing.Annotated) or typing.get_args(annotation):
        for arg in typing.get_args(annotation):
            yield from _types(arg)

