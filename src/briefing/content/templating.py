"""Render text templates: figures referenced by id, each language writing them its own way.

A sandboxed Jinja2 environment with strict undefined: an unknown id is an error, never an
empty string, and templates can reach nothing but the figures' public attributes.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jinja2

from ..source.hints import did_you_mean
from . import targets
from .figures import (
    Lang,
    format_as_of,
    format_change,
    format_number,
    format_value,
    round_significant,
    units,
)
from .schema import Figure, Previous


class TemplateProblem(Exception):
    """A template could not be rendered; `hint` may suggest a fix."""

    def __init__(self, message: str, hint: str | None = None, line_offset: int = 0,
                 unknown_figure: str | None = None):
        super().__init__(message)
        self.message, self.hint, self.line_offset = message, hint, line_offset
        self.unknown_figure = unknown_figure


# `{{ id }}` in a marked text: MARK_START id MARK_VALUE value MARK_END (private-use
# characters, which no text contains), turned into FigureMark spans by parse_inline
MARK_START, MARK_VALUE, MARK_END = "\ue000", "\ue001", "\ue002"


@dataclass(frozen=True)
class FigureView:
    """What a template sees of a figure, in one language. `{{ id }}` is the full value;
    a view with `mark` (the figure's id) wraps it in MARK_* characters, so that its place
    in the text is known."""

    figure: Figure
    lang: Lang
    mark: str | None = None

    def __str__(self) -> str:
        figure = self.figure
        text = self._value(figure.shown_value, figure.approximate)
        among = figure.among
        if among is not None:
            # a rank means little without what it is counted among: 7个县（市）中第1位
            text = (f"{among.count}{among.zh}中{text}" if self.lang == "zh"
                    else f"{text} of {among.count} {among.en}")
        if self.mark:
            return f"{MARK_START}{self.mark}{MARK_VALUE}{text}{MARK_END}"
        return text

    def _value(self, value: Decimal, about: bool) -> str:
        return format_value(value, units()[self.figure.unit], self.lang, self.figure.qualifier,
                            about)

    @property
    def number(self) -> str:
        return format_number(self.figure.shown_value, units()[self.figure.unit], self.lang)

    def about(self, digits: int) -> str:
        """The value to `digits` significant digits, with 约 / about when that drops digits:
        {{ output.about(3) }} is 约215亿元 / about RMB 21.5 billion."""
        if not isinstance(digits, int) or not 1 <= digits <= 15:
            raise TemplateProblem("about() takes a number of significant digits, 1 to 15: "
                                  "{{ id.about(3) }}")
        figure = self.figure
        rounded = round_significant(figure.shown_value, digits)
        return self._value(rounded, figure.approximate or rounded != figure.value)

    @property
    def ordinal(self) -> str:
        """A rank alone, without what it is counted among: 第1位 / 1st."""
        return self._value(self.figure.shown_value, self.figure.approximate)

    @property
    def among(self) -> str:
        """What a rank is counted among: 在7个县（市）中 / among 7 counties."""
        among = self.figure.among
        if among is None:
            raise TemplateProblem("this figure has no 'among' (what its rank is counted "
                                  "among): add among: {count: 7, zh: 个县（市）, en: counties}")
        if self.lang == "zh":
            return f"在{among.count}{among.zh}中"
        return f"among {among.count} {among.en}"

    @property
    def previous(self) -> str:
        """The earlier period's value, with its unit."""
        return self._value(self._previous().value, False)

    @property
    def change(self) -> str:
        """同比增长12.5% / up 12.5% year on year (percentages: in points)."""
        return self._change(arrow=False)

    @property
    def trend(self) -> str:
        """▲ 12.5% / ▼ 2.1个百分点: the change as a KPI card shows it."""
        return self._change(arrow=True)

    def _change(self, arrow: bool) -> str:
        figure = self.figure
        unit = units()[figure.unit]
        if figure.change is not None:  # as the source gives it: year on year
            return format_change(Decimal(0), Decimal(0), unit, self.lang, 365, arrow,
                                 given=figure.change)
        previous = self._previous()
        days = ((figure.as_of or previous.as_of) - previous.as_of).days
        value = figure.value
        assert value is not None, "derived figures are computed in validate()"
        return format_change(value, previous.value, unit, self.lang, days, arrow)

    def _target(self) -> Figure:
        if self.figure.target is None:
            raise TemplateProblem("this figure has no target: add target: {value: ..., "
                                  "period: year}")
        return self.figure

    @property
    def target(self) -> str:
        """The target's value, with its unit: 589亿元 / RMB 58.9 billion."""
        target = self._target().target
        if target is None or target.value is None:
            raise TemplateProblem("this figure's target gives a percent, not a value")
        return self._value(target.value, False)

    @property
    def of_target(self) -> str:
        """The value as a percentage of the target: 37.22%."""
        return format_value(targets.percent_of_target(self._target()), units()["percent"],
                            self.lang)

    @property
    def progress(self) -> str:
        """完成年度目标任务的37.22% / 37.22% of the annual target."""
        return targets.progress(self._target(), self.lang)

    @property
    def against_target(self) -> str:
        """超额完成年度目标任务 / exceeded the annual target (or what is short of it)."""
        return targets.against_target(self._target(), self.lang)

    @property
    def shortfall(self) -> str:
        """The target less the value, with its unit."""
        return targets.shortfall(self._target(), self.lang)

    @property
    def schedule(self) -> str:
        """超时序进度6.6个百分点 / 6.6 percentage points ahead of schedule."""
        return targets.against_schedule(self._target(), self.lang)

    @property
    def schedule_points(self) -> str:
        """+6.6个百分点 / +6.6 pp: against schedule, short, for a table's cell."""
        return targets.schedule_points(self._target(), self.lang)

    @property
    def difference(self) -> str:
        """比上年增加10家 / 10 firms more than a year earlier."""
        self._previous()
        return targets.difference(self.figure, self.lang)

    def _previous(self) -> Previous:
        if self.figure.previous is None:  # (a change given by the source needs none)
            raise TemplateProblem("this figure has no previous value: add previous_value and "
                                  "previous_as_of (or previous: {value, as_of})")
        return self.figure.previous

    @property
    def label(self) -> str:
        return self.figure.label.zh if self.lang == "zh" else self.figure.label.en

    @property
    def source(self) -> str:
        """The source in this language; "" for a threshold or constant (statistic: false)."""
        source = self.figure.source
        if source is None:
            return ""
        return source.zh if self.lang == "zh" else source.en

    @property
    def as_of(self) -> str:
        as_of = self.figure.as_of
        return format_as_of(as_of, self.lang) if as_of else ""


@functools.cache
def _env() -> jinja2.Environment:
    """Jinja, imported only for a text that needs it (8 MiB and 0.03 s to import)."""
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    return ImmutableSandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False,
                                         keep_trailing_newline=False)


_WRITE_AS = ("write {{ id }} or {{ id.attribute }}: docs/content-format.md lists what a "
             "figure offers (.number, .label, .change, .progress ...)")
_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined")
_NO_ATTRIBUTE = re.compile(r"'[^']*FigureView object' has no attribute '([^']+)'")


# `{{ id }}` and `{{ id.attribute }}`, the only expressions briefings use so far: such texts
# are filled in directly (compiling each with Jinja was 0.05 s of a cold build); any other
# text, and any of these whose figure or attribute is unknown, goes through Jinja, which
# gives the same output and reports the problem.
_SIMPLE = re.compile(r"\{\{\s*([A-Za-z][A-Za-z0-9_]*)(?:\.([a-z][a-z_]*))?\s*\}\}")
_VIEW_ATTRIBUTES = frozenset({"number", "label", "as_of", "source", "previous", "change",
                              "trend", "ordinal", "among", "target", "of_target", "progress",
                              "against_target", "shortfall", "schedule", "difference"})


@functools.lru_cache(maxsize=4096)
def _simple(template: str) -> tuple[str | tuple[str, str | None], ...] | None:
    """The text split into literal parts and (figure, attribute) references, or None if it
    needs Jinja (statements, comments, filters, a trailing newline Jinja would drop...)."""
    if "{%" in template or "{#" in template or "\r" in template or template.endswith("\n"):
        return None
    parts: list[str | tuple[str, str | None]] = []
    position = 0
    for match in _SIMPLE.finditer(template):
        if match.group(2) is not None and match.group(2) not in _VIEW_ATTRIBUTES:
            return None
        parts += [template[position:match.start()], (match.group(1), match.group(2))]
        position = match.end()
    parts.append(template[position:])
    if any(isinstance(part, str) and ("{{" in part or "}}" in part) for part in parts):
        return None
    return tuple(parts)


def values_in(template: str) -> list[tuple[str, str, str]]:
    """Each `{{ id }}` that prints a value with its unit, with the literal text before and
    after it: (id, before, after). For the lint of units written twice (个个)."""
    simple = _simple(template) if "{" in template else None
    if not simple:
        return []
    found = []
    for i, part in enumerate(simple):
        if isinstance(part, tuple) and part[1] in (None, "previous"):
            before = simple[i - 1] if i and isinstance(simple[i - 1], str) else ""
            after = simple[i + 1] if i + 1 < len(simple) and isinstance(simple[i + 1], str) \
                else ""
            found.append((part[0], str(before), str(after)))
    return found


def figure_refs_in_order(template: str) -> list[str]:
    """The figure ids a template uses, in the order it uses them."""
    simple = _simple(template) if "{" in template else ()
    if simple is None:  # a Jinja text: its names, in the order they are written
        def first(name: str) -> int:
            match = re.search(rf"\b{re.escape(name)}\b", template)
            return match.start() if match else len(template)
        return sorted(figure_refs(template), key=first)
    return list(dict.fromkeys(part[0] for part in simple if isinstance(part, tuple)))


def figure_refs(template: str) -> set[str]:
    """The names a template refers to (figure ids), or none if it does not parse."""
    if "{" not in template:
        return set()
    simple = _simple(template)
    if simple is not None:
        return {part[0] for part in simple if isinstance(part, tuple)}
    import jinja2

    try:
        return set(_compiled(template)[1])
    except jinja2.TemplateSyntaxError:
        return set()  # reported when the template is rendered


@functools.lru_cache(maxsize=4096)
def _compiled(template: str) -> tuple[jinja2.Template, frozenset[str]]:
    """The compiled template and the names it uses. Compiling takes Jinja 0.4 ms a text:
    once per process (batch editions share texts)."""
    from jinja2 import meta

    tree = _env().parse(template)  # parsed once, for the names and for the code
    names = frozenset(meta.find_undeclared_variables(tree))
    return _env().from_string(tree), names


def render_text(template: str, lang: Lang, figures: dict[str, Figure],
                marked: bool = False) -> str:
    """Render one language's text; raises TemplateProblem for the user to fix. With
    `marked`, each `{{ id }}` value is wrapped in MARK_* characters."""
    if "{{" not in template and "{%" not in template and "{#" not in template:
        return template  # plain text: nothing to parse
    simple = _simple(template)
    if simple is not None and all(part[0] in figures for part in simple
                                  if isinstance(part, tuple)):
        try:
            return "".join(part if isinstance(part, str) else
                           str(getattr(FigureView(figures[part[0]], lang), part[1]) if part[1]
                               else FigureView(figures[part[0]], lang, part[0] if marked else None))
                           for part in simple)
        except Exception:  # noqa: BLE001 - Jinja renders it again and reports the problem
            pass
    return _render_with_jinja(template, lang, figures, marked)


def _render_with_jinja(template: str, lang: Lang, figures: dict[str, Figure],
                       marked: bool = False) -> str:
    import jinja2

    try:
        compiled, names = _compiled(template)
        # only the figures it names: a view of each of 10,000 figures per text was quadratic
        return compiled.render({name: FigureView(figures[name], lang, name if marked else None)
                                for name in names if name in figures})
    except jinja2.TemplateSyntaxError as exc:
        unclosed = "end of template" in str(exc.message)
        raise TemplateProblem("a '{{' is not closed with '}}'" if unclosed else
                              "what is inside {{ }} is not a figure: write {{ id }} or "
                              "{{ id.attribute }}", _WRITE_AS,
                              line_offset=(exc.lineno or 1) - 1) from None
    except jinja2.UndefinedError as exc:
        text = str(exc.message)
        name = _UNDEFINED_NAME.search(text)
        if name:
            raise TemplateProblem(f"unknown figure '{name.group(1)}'",
                                  did_you_mean(name.group(1), figures),
                                  unknown_figure=name.group(1)) from None
        attribute = _NO_ATTRIBUTE.search(text)
        if attribute:
            raise TemplateProblem(f"a figure has no attribute '{attribute.group(1)}'",
                                  did_you_mean(attribute.group(1), _VIEW_ATTRIBUTES | {"about"})
                                  or _WRITE_AS) from None
        raise TemplateProblem(text) from None
    except TemplateProblem:
        raise
    except jinja2.exceptions.SecurityError as exc:
        attribute = re.search(r"attribute '([^']+)'", str(exc))
        raise TemplateProblem(f"a text may use only figures and what the documentation "
                              f"names of them, not '{attribute.group(1) if attribute else exc}'",
                              _WRITE_AS) from None
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError):
        raise TemplateProblem("this {{ }} cannot be filled in", _WRITE_AS) from None
