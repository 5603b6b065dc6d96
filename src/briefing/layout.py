"""Layouts: how a briefing's two languages are arranged, and what each asks of the content.

    stacked    each text block in Chinese, then in English
    parallel   side by side, Chinese left, English right
    zh, en     one language; the content may leave the other out

Every rule about layouts is here. The layout is chosen once, before validation (the command
line's, else the briefing's own: `choose_layout`); validation, the build and the theme then
read the chosen `Layout`, and the document carries its name and languages to the writers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

from .errors import ContentError, error
from .model import Lang
from .source.hints import did_you_mean

LayoutName = Literal["stacked", "parallel", "zh", "en"]
LAYOUTS: tuple[str, ...] = get_args(LayoutName)
DEFAULT_LAYOUT: LayoutName = "stacked"


@dataclass(frozen=True)
class Layout:
    """One arrangement of the languages: its name and the languages it prints, in order."""

    name: str
    languages: tuple[Lang, ...]

    @property
    def parallel(self) -> bool:
        return self.name == "parallel"

    @property
    def unused_language(self) -> Lang | None:
        """The language a single-language edition does not print (None: it prints both)."""
        unused = [lang for lang in get_args(Lang) if lang not in self.languages]
        return unused[0] if unused else None

    def fill_unused_language(self, data: Any) -> Any:
        """Content data where a text that gives only the language this layout prints
        ({zh: ...} in a zh edition) has the other as "", so that validation accepts it."""
        lang = self.unused_language
        return data if lang is None else _fill(data, lang)


_LANGUAGES: dict[str, tuple[Lang, ...]] = {
    "stacked": ("zh", "en"), "parallel": ("zh", "en"), "zh": ("zh",), "en": ("en",)}
assert set(_LANGUAGES) == set(LAYOUTS)


def layout_named(name: str) -> Layout:
    """The layout of this name; a ContentError (the field `layout`, with the closest name)
    for one that is not in LAYOUTS, as for an unknown theme (`briefing.build(layout=...)`)."""
    if name not in _LANGUAGES:
        raise ContentError([error(None, None, "layout", unknown_layout(name),
                                  did_you_mean(name, LAYOUTS))])
    return Layout(name, _LANGUAGES[name])


def unknown_layout(name: str) -> str:
    return f"unknown layout '{name}' (choose from {', '.join(LAYOUTS)})"


def choose_layout(briefing_data: Any, override: str | None = None) -> Layout:
    """The layout asked for (`override`, from the command line or a delegation), else the
    briefing's own `layout:`; read from the loaded data, as validation depends on it. A
    briefing's layout that is not one of LAYOUTS gives the default (validation reports it)."""
    if override:
        return layout_named(override)
    own = briefing_data.get("layout") if isinstance(briefing_data, dict) else None
    return layout_named(own if own in LAYOUTS else DEFAULT_LAYOUT)


def _fill(data: Any, lang: str) -> Any:
    if isinstance(data, dict):
        keys = set(data)
        if keys and keys <= {"zh", "en"} and lang not in keys:
            return {**data, lang: ""}
        return {k: _fill(v, lang) for k, v in data.items()}
    if isinstance(data, list):
        return [_fill(v, lang) for v in data]
    return data
