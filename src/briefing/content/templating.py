"""Render text templates: figures referenced by id, each language writing them its own way.

The template language is an allowlist, not a sandbox: a text is literal characters and
`{{ id }}` / `{{ id.attribute }}` references, with the attributes of `FigureView`. Anything
else (filters, calls, arithmetic, statements, comments, macros) is refused with the reason,
so a template can neither grow without bound nor print anything a figure does not hold.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from ..source.hints import did_you_mean
from . import targets
from .figure_file import Figure, Previous
from .figures import (
    Lang,
    format_as_of,
    format_change,
    format_number,
    format_value,
    round_significant,
    units,
)
from .precision import COLUMN_NUMBERS


class TemplateProblem(Exception):
    """A template could not be rendered; `hint` may suggest a fix."""

    def __init__(self, message: str, hint: str | None = None,
                 unknown_figure: str | None = None):
        super().__init__(message)
        self.message, self.hint = message, hint
        self.unknown_figure = unknown_figure


# `{{ id }}` or `{{ id.attribute }}` in a marked text: MARK_START id or id.attribute
# MARK_VALUE its rendering MARK_END (private-use characters, which no text contains),
# turned into FigureMark spans by parse_inline
MARK_START, MARK_VALUE, MARK_END = "\ue000", "\ue001", "\ue002"


@dataclass(frozen=True)
class FigureView:
    """What a template sees of a figure, in one language. `{{ id }}` is the full value.
    `places`: the fewest decimals of the percentages a table's cell shows (of_target, trend,
    schedule_points), the precision their column shares (COLUMN_NUMBERS); text keeps each
    figure's own (0)."""

    figure: Figure
    lang: Lang
    places: int = 0

    def __str__(self) -> str:
        figure = self.figure
        text = self._value(figure.shown_value, figure.approximate)
        among = figure.among
        if among is not None:
            # a rank means little without what it is counted among: 7个县（市）中第1位
            text = (f"{among.count}{among.zh}中{text}" if self.lang == "zh"
                    else f"{text} of {among.count} {among.en}")
        return text

    def _value(self, value: Decimal, about: bool) -> str:
        return format_value(value, units()[self.figure.unit], self.lang, self.figure.qualifier,
                            about)

    @property
    def number(self) -> str:
        return format_number(self.figure.shown_value, units()[self.figure.unit], self.lang)

    def about(self, digits: int) -> str:
        """The value to `digits` significant digits, with 约 / about when that drops digits:
        {{ output.about3 }} is 约215亿元 / about RMB 21.5 billion."""
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
                                 given=figure.change, places=self.places)
        previous = self._previous()
        days = ((figure.as_of or previous.as_of) - previous.as_of).days
        value = figure.value
        assert value is not None, "derived figures are computed in validate()"
        return format_change(value, previous.value, unit, self.lang, days, arrow,
                             places=self.places)

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
                            self.lang, places=self.places)

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
        return targets.schedule_points(self._target(), self.lang, self.places)

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

    # {{ id.about2 }} ... {{ id.about6 }}: the value to that many significant digits
    about1 = property(lambda self: self.about(1))
    about2 = property(lambda self: self.about(2))
    about3 = property(lambda self: self.about(3))
    about4 = property(lambda self: self.about(4))
    about5 = property(lambda self: self.about(5))
    about6 = property(lambda self: self.about(6))


ATTRIBUTES = ("number", "label", "as_of", "source", "previous", "change", "trend", "ordinal",
              "among", "target", "of_target", "progress", "against_target", "shortfall",
              "schedule", "schedule_points", "difference", "about1", "about2", "about3",
              "about4", "about5", "about6")
_ATTRIBUTES_HINT = ("a figure offers .number, .label, .as_of, .source, .previous, .change, "
                    ".trend, .about2 (to 2 significant digits; 1 to 6), a rank .ordinal and "
                    ".among, a target .target, .of_target, .progress, .against_target, "
                    ".shortfall, .schedule, and .difference")
_LANGUAGE_HINT = ("a text may only name a figure, {{ id }}, or one of its attributes, "
                  "{{ id.number }}; see `briefing docs content-format`, 'Figures in text'")
_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
_REFERENCE = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?\s*")
_STATEMENT = re.compile(r"\{[%#]")

Part = str | tuple[str, str | None]


def _needs_rendering(template: str) -> bool:
    return "{{" in template or "{%" in template or "{#" in template


@functools.lru_cache(maxsize=4096)
def parse_template(template: str) -> tuple[Part, ...]:
    """The text split into literal parts and (figure id, attribute or None) references;
    raises TemplateProblem for anything outside the template language."""
    # as Jinja2, which read these texts before: line ends normalised, one final one dropped
    template = template.replace("\r\n", "\n").replace("\r", "\n")
    template = template[:-1] if template.endswith("\n") else template
    parts: list[Part] = []
    position = 0
    for match in _EXPRESSION.finditer(template):
        _literal(template[position:match.start()], parts)
        reference = _REFERENCE.fullmatch(match.group(1))
        if reference is None:
            shown = match.group(0) if len(match.group(0)) <= 60 else match.group(0)[:57] + "..."
            raise TemplateProblem(f"not allowed in a template: '{shown}'", _LANGUAGE_HINT)
        parts.append((reference.group(1), reference.group(2)))
        position = match.end()
    _literal(template[position:], parts)
    return tuple(parts)


def _literal(text: str, parts: list[Part]) -> None:
    if "{{" in text:
        raise TemplateProblem("template syntax: '{{' without a closing '}}'", _LANGUAGE_HINT)
    statement = _STATEMENT.search(text)
    if statement:
        kind = "statements" if statement.group(0) == "{%" else "comments"
        raise TemplateProblem(f"template syntax: {kind} ('{statement.group(0)}') are not "
                              "part of the template language", _LANGUAGE_HINT)
    if text:
        parts.append(text)


def figure_refs(template: str) -> set[str]:
    """The figure ids a template refers to, or none if it is not a valid template."""
    if not _needs_rendering(template):
        return set()
    try:
        return {part[0] for part in parse_template(template) if isinstance(part, tuple)}
    except TemplateProblem:
        return set()  # reported when the template is rendered


def values_in(template: str) -> list[tuple[str, str, str]]:
    """Each `{{ id }}` that prints a value with its unit, with the literal text before and
    after it: (id, before, after). For the lint of units written twice (个个)."""
    if not _needs_rendering(template):
        return []
    try:
        parts = parse_template(template)
    except TemplateProblem:
        return []
    found = []
    for i, part in enumerate(parts):
        if isinstance(part, tuple) and part[1] in (None, "previous"):
            before = parts[i - 1] if i and isinstance(parts[i - 1], str) else ""
            after = parts[i + 1] if i + 1 < len(parts) and isinstance(parts[i + 1], str) \
                else ""
            found.append((part[0], str(before), str(after)))
    return found


def figure_refs_in_order(template: str) -> list[str]:
    """The figure ids a template uses, in the order it uses them."""
    if not _needs_rendering(template):
        return []
    try:
        parts = parse_template(template)
    except TemplateProblem:
        return []
    return list(dict.fromkeys(part[0] for part in parts if isinstance(part, tuple)))


def render_text(template: str, lang: Lang, figures: dict[str, Figure],
                marked: bool = False) -> str:
    """Render one language's text; raises TemplateProblem for the user to fix. With
    `marked`, each reference's rendering is wrapped in MARK_* characters."""
    if not _needs_rendering(template):
        return template  # plain text: nothing to parse
    return "".join(part if isinstance(part, str) else _reference(part, lang, figures, marked)
                   for part in parse_template(template))


def template_problems(template: str, lang: Lang,
                      figures: dict[str, Figure]) -> list[TemplateProblem]:
    """Every problem of one language's text, where render_text raises only the first: each
    reference to an unknown figure or attribute, or to a rendering its figure lacks, once
    (two mistakes in one text took two rounds). A syntax problem stops the reading there."""
    try:
        parts = parse_template(template) if _needs_rendering(template) else ()
    except TemplateProblem as exc:
        return [exc]
    found: dict[str, TemplateProblem] = {}
    for part in parts:
        if isinstance(part, tuple):
            try:
                _reference(part, lang, figures, False)
            except TemplateProblem as exc:
                found.setdefault(exc.message, exc)
    return list(found.values())


def _reference(part: tuple[str, str | None], lang: Lang, figures: dict[str, Figure],
               marked: bool) -> str:
    fig_id, attribute = part
    figure = figures.get(fig_id)
    if figure is None:
        raise TemplateProblem(f"unknown figure '{fig_id}'", did_you_mean(fig_id, figures),
                              unknown_figure=fig_id)
    if attribute is not None and attribute not in ATTRIBUTES:
        raise TemplateProblem(f"a figure has no attribute '{attribute}'",
                              did_you_mean(attribute, ATTRIBUTES) or _ATTRIBUTES_HINT)
    text = rendering(figure, attribute, lang)
    if not marked or not text:
        return text
    key = fig_id if attribute is None else f"{fig_id}.{attribute}"
    return f"{MARK_START}{key}{MARK_VALUE}{text}{MARK_END}"


def rendering(figure: Figure, attribute: str | None, lang: Lang) -> str:
    """What `{{ id }}` (`attribute` None) or `{{ id.attribute }}` prints of a figure, in
    one language, or a table's cell (`of_target:2`: see cell_attribute); TemplateProblem if
    the figure has no such rendering (an attribute not in ATTRIBUTES, a target it lacks...)."""
    name, _, places = (attribute or "").partition(":")  # see precision.cell_attribute
    view = FigureView(figure, lang, int(places) if places.isdigit() else 0)
    if attribute is None:
        return str(view)
    if name not in ATTRIBUTES or (places and name not in COLUMN_NUMBERS):  # of_target:2
        raise TemplateProblem(f"a figure has no attribute '{attribute}'")
    return str(getattr(view, name))
