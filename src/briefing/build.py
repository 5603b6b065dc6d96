"""build_document: validated content -> the document model.

Every figure is looked up and every template rendered here, once, for both languages; what
comes out has nothing left to look up, so the writers only draw.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, overload

from .blocks import BY_SPEC, BlockSpec
from .blocks.figures import kpi_fraction
from .blocks.media import page_break_runs
from .content.delegations import Delegation
from .content.fields import PathT, Text, inline_paths
from .content.figures import NBSP, format_as_of
from .content.images import ImageProblem, check_image
from .content.inline import InlineProblem, parse_inline
from .content.precision import cell_attribute, column_places
from .content.schema import BriefingFile, Content, Figure
from .content.templating import (
    FigureView,
    TemplateProblem,
    render_text,
    rendering,
    template_problems,
)
from .edition_parts import contact_card, prepared_for, visit
from .errors import ContentError, Diagnostic, error
from .figure_use import used_figures
from .glosses import add_glosses
from .layout import Layout
from .limits import BLOCKS, DOCUMENT_CHARS, Limit, text_size_problem
from .model import (
    CELL_VIEWS,
    Bilingual,
    Block,
    Cover,
    Document,
    FigureRef,
    FigureRow,
    FigureTable,
    Heading,
    Inline,
    Lang,
    Paragraph,
    Run,
    Source,
    progress_bar,
)
from .source.load import Loaded, format_path
from .typography import number_headings

log = logging.getLogger("briefing")


@dataclass(frozen=True)
class BuildSettings:
    """What the build takes from the theme, made from it by the pipeline: the theme's name
    (recorded on the document), its fixed labels in both languages (table headers, the
    Sources section, an edition's 专为……编制), its heading numbering patterns per level
    (一、 1. …; none: headings are not numbered) and where an edition's greeting and contact
    card go ("start" or "end"), and how glossary terms are explained to English readers
    ("footnotes" at first use, or a "section")."""

    theme_name: str
    labels: dict[str, Bilingual[str]]
    heading_numbering: tuple[Bilingual[str], ...] = ()
    greeting_at: str = "start"
    contact_at: str = "end"
    glosses: str = "footnotes"  # the English explains glossary terms: footnotes or section


class Builder:
    """What the block types' build steps (blocks/) use: texts rendered, figures looked up
    and formatted, pictures checked; every problem collected with its place."""

    def __init__(self, content: Content, settings: BuildSettings):
        self.content = content
        self.labels = settings.labels
        self.problems: list[Diagnostic] = []
        self._views: dict[str, Bilingual[FigureView]] = {}

    def source(self, path: PathT, field: PathT | None = None) -> Source:
        return Source(self.content.briefing_file.file, self.content.line_of(path),
                      format_path(path if field is None else field))

    def inline(self, text: Text, path: PathT) -> Bilingual[Inline]:
        return Bilingual(self._text(text.zh, "zh", path, True) or (),
                         self._text(text.en, "en", path, True) or ())

    def plain(self, text: Text, path: PathT) -> Bilingual[str]:
        return Bilingual(self._text(text.zh, "zh", path, False) or "",
                         self._text(text.en, "en", path, False) or "")

    @overload
    def _text(self, template: str, lang: Lang, path: PathT,
              inline: Literal[True]) -> Inline | None: ...
    @overload
    def _text(self, template: str, lang: Lang, path: PathT,
              inline: Literal[False]) -> str | None: ...

    def _text(self, template: str, lang: Lang, path: PathT, inline: bool) -> Inline | str | None:
        """One language of a text (see render), or None after noting its problem."""
        try:
            return render(template, lang, self.content.figures, inline)
        except (TemplateProblem, InlineProblem) as exc:
            self.problems += text_problems(self.content.briefing_file, path + (lang,), exc,
                                           template, self.content.figures)
            return None

    def _problem(self, path: PathT, message: str, hint: str | None = None) -> None:
        loaded = self.content.briefing_file
        self.problems.append(error(loaded.file, loaded.line_of(path), format_path(path), message,
                                   hint))

    def image(self, name: str, path: PathT) -> Path | None:
        try:
            return check_image(self.content.folder, name)
        except ImageProblem as exc:
            self._problem(path, str(exc), exc.hint)
            return None

    def figure(self, fig_id: str) -> Bilingual[FigureView]:
        views = self._views.get(fig_id)
        if views is None:  # a table row asks four times, the Sources table again
            fig = self.content.figures[fig_id]
            views = self._views[fig_id] = Bilingual(FigureView(fig, "zh"), FigureView(fig, "en"))
        return views

    def views(self, fig_id: str, attr: Callable[[FigureView], str]) -> Bilingual[str]:
        views = self.figure(fig_id)
        return Bilingual(attr(views.zh), attr(views.en))

    def block(self, spec: BlockSpec, path: PathT) -> Block:
        """One block, by its type's build step. Its style is kept as written (checked
        against the theme by check_styles)."""
        kind = BY_SPEC[type(spec)]
        return kind.build(spec, self, path, spec.style, self.source(path, path + (kind.kind,)))

    def sources_note(self, rows: tuple[FigureRow, ...]) -> Bilingual[str]:
        """来源：… / Source: …, naming each distinct source of the table's figures once."""
        label = self.labels["table_source"]
        zh = list(dict.fromkeys(r.source.zh for r in rows if r.source.zh))  # constants: none
        en = list(dict.fromkeys(r.source.en for r in rows if r.source.en))
        return Bilingual(f"{label.zh}：" + "；".join(zh), f"{label.en}: " + "; ".join(en))

    def figure_row(self, fig_id: str, columns: Sequence[str] = (),
                   places: Mapping[str, int] | None = None) -> FigureRow:
        """A table's row of a figure; `columns` beyond value and as_of are views of it
        (target, of_target, change, schedule), "—" where the figure has none; a column's
        percentages to at least its `places` decimals (table_places)."""
        places = places or {}
        extra = tuple((c, self.column_view(fig_id, c, places.get(c, 0))) for c in columns
                      if c not in ("value", "as_of"))
        # in a table of many columns, "RMB 21.922 billion" may wrap at its spaces
        value = self.views(fig_id, (lambda v: str(v).replace(NBSP, " ")) if extra else str)
        row = FigureRow(fig_id, self.views(fig_id, lambda v: v.label), value,
                        self.views(fig_id, lambda v: v.as_of),
                        self.views(fig_id, lambda v: v.source), extra)
        shown = [c for c in ("label", "value", "as_of", "source", *columns)
                 if row.get(c) != Bilingual("—", "—")]
        figure = self.content.figures[fig_id]
        return replace(row, marks=tuple(
            (c, (fig_id, cell_attribute(figure, CELL_VIEWS[c], places.get(c, 0))))
            for c in dict.fromkeys(shown)))

    def table_places(self, fig_ids: Sequence[str], columns: Sequence[str]) -> dict[str, int]:
        """The decimals each column of percentages shows in all its cells (precision.py)."""
        figures = [self.content.figures[f] for f in fig_ids]
        return {c: column_places(figures, CELL_VIEWS.get(c)) for c in columns}

    def column_view(self, fig_id: str, column: str, places: int = 0) -> Bilingual[str]:
        figure = self.content.figures[fig_id]
        has = {"target": figure.target and figure.target.value, "of_target": figure.target,
               "schedule": figure.target,
               "change": figure.previous or (figure.change is not None)}[column]
        if not has:
            return Bilingual("—", "—")
        attribute = str(CELL_VIEWS[column])
        return Bilingual(*(getattr(FigureView(figure, lang, places), attribute)
                           .replace(NBSP, " ") for lang in ("zh", "en")))

    def breakdown(self, groups: Sequence[str], measures: Sequence[str],
                  path: PathT) -> list[list[str | None]]:
        """The figure id of each group (rows) and measure (columns), None where none is;
        an id the briefing does not declare is a problem at the table's line."""
        declared = self.content.briefing
        for key, ids, known in (("groups", groups, declared.groups),
                                ("measures", measures, declared.measures)):
            for i, name in enumerate(ids):
                if name not in known:
                    self._problem(path + (key, i), f"unknown {key[:-1]} '{name}'"
                                  + (f"; the briefing's {key} are " + ", ".join(known)
                                     if known else f"; declare it under {key}: in "
                                     "briefing.yaml"))
        cell = {(f.group, f.measure): i for i, f in self.content.figures.items()}
        return [[cell.get((g, m)) for m in measures] for g in groups]

    def group_label(self, group: str) -> Bilingual[str]:
        text = self.content.briefing.groups.get(group)
        return Bilingual(text.zh, text.en) if text else Bilingual(group, group)

    def measure_label(self, measure: str) -> Bilingual[str]:
        text = self.content.briefing.measures.get(measure)
        return Bilingual(text.zh, text.en) if text else Bilingual(measure, measure)


@overload
def render(template: str, lang: Lang, figures: dict[str, Figure],
           inline: Literal[True]) -> Inline: ...
@overload
def render(template: str, lang: Lang, figures: dict[str, Figure],
           inline: Literal[False]) -> str: ...
@overload
def render(template: str, lang: Lang, figures: dict[str, Figure], inline: bool) -> Inline | str: ...


def render(template: str, lang: Lang, figures: dict[str, Figure], inline: bool) -> Inline | str:
    """One language of one text: figures filled in, then inline marks parsed if `inline`."""
    text = render_text(template, lang, figures, marked=inline)
    too_big = text_size_problem(text)
    if too_big:
        raise TemplateProblem(*too_big)
    return parse_inline(text) if inline else text


def text_problems(loaded: Loaded, path: PathT, exc: TemplateProblem | InlineProblem,
                  template: str, figures: dict[str, Figure],
                  broken_figures: frozenset[str] | set[str] = frozenset()) -> list[Diagnostic]:
    """The problems of one language of a text (at `path`) that `render` raised `exc` for:
    every reference's, not only the first (templating.template_problems), but none about
    `broken_figures` (defined, reported where they are defined)."""
    line, field = loaded.line_of(path), format_path(path)
    if isinstance(exc, InlineProblem):
        return [error(loaded.file, line, field, str(exc))]
    lang: Lang = "zh" if path[-1] == "zh" else "en"
    found = template_problems(template, lang, figures) or [exc]  # or a text too long
    return [error(loaded.file, line, field, problem.message, problem.hint) for problem in found
            if problem.unknown_figure not in broken_figures]


def check_texts(loaded: Loaded, figures: dict[str, Figure],
                broken_figures: set[str]) -> list[Diagnostic]:
    """Render every bilingual text found in raw data, for a file that failed validation: its
    template and link problems are then reported in the same run as its schema problems.
    References to `broken_figures` (defined, but invalid) are not reported again."""
    problems: list[Diagnostic] = []

    def walk(value: object, path: PathT) -> None:
        if isinstance(value, dict):
            if set(value) <= {"zh", "en"} and value:
                inline = _is_inline(path)
                for lang in ("zh", "en"):
                    if isinstance(value.get(lang), str):
                        try:
                            render(value[lang], lang, figures, inline)
                        except (TemplateProblem, InlineProblem) as exc:
                            problems.extend(text_problems(loaded, path + (lang,), exc,
                                                          value[lang], figures, broken_figures))
                return
            for key, item in value.items():
                walk(item, path + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, path + (i,))

    walk(loaded.data, ())
    return problems


_INLINE_PATHS = inline_paths(BriefingFile)  # ("sections", "blocks", "paragraph"), ...


def _is_inline(path: PathT) -> bool:
    """Texts whose inline marks are parsed (the rest are printed as written): the specs'
    InlineText fields."""
    return tuple(p for p in path if isinstance(p, str)) in _INLINE_PATHS


def build_document(content: Content, settings: BuildSettings, layout: Layout,
                   edition: Delegation | None = None) -> Document:
    """Render every text and resolve every figure; raise ContentError listing all problems.
    The document is arranged in `layout`; block styles are kept as written (check_styles
    checks them against the theme). An `edition` (a delegation) selects sections by tag and
    adds its greeting and contact."""
    builder = Builder(content, settings)
    spec = content.briefing
    _check_size(content, sum(len(section.blocks) for section in spec.sections), BLOCKS)
    blocks: list[Block] = []
    # an edition's greeting and contact, where the theme says
    own: dict[str, list[Block]] = {"start": [], "end": []}
    if edition and edition.greeting:
        own[settings.greeting_at].append(Paragraph(
            Bilingual((Run(edition.greeting.zh),), (Run(edition.greeting.en),)), None,
            Source(content.briefing_file.file, None)))
    if edition and edition.contact:
        own[settings.contact_at].append(contact_card(edition, settings, content))
    blocks += own["start"]
    wanted = set(edition.include_tags) if edition else set()
    for s, section in enumerate(spec.sections):
        if wanted and section.tags and not wanted & set(section.tags):
            continue
        if section.heading is not None:
            path: PathT = ("sections", s, "heading")
            blocks.append(Heading(builder.inline(section.heading, path), 1, None,
                                  builder.source(path)))
        for b, block in enumerate(section.blocks):
            if wanted and block.tags and not wanted & set(block.tags):
                continue  # an edition's selection: blocks may carry tags too
            blocks.append(builder.block(block, ("sections", s, "blocks", b)))
    c = spec.cover
    cover = Cover(
        title=builder.plain(c.title, ("cover", "title")),
        subtitle=builder.plain(c.subtitle, ("cover", "subtitle")) if c.subtitle else None,
        date=c.date,
        date_text=Bilingual(format_as_of(c.date, "zh"), format_as_of(c.date, "en")),
        publisher=builder.plain(c.publisher, ("cover", "publisher")),
        logo=builder.image(c.logo, ("cover", "logo")) if c.logo else None,
        keywords=tuple(c.keywords),
        prepared_for=prepared_for(edition, settings) if edition else None,
        visit=visit(edition) if edition else None,
    )
    builder.problems += page_break_runs(blocks)
    if builder.problems:
        raise ContentError(builder.problems)
    blocks += own["end"]
    blocks = add_glosses(blocks, spec.glossary, settings.glosses, layout.languages,
                         settings.labels, Source(content.briefing_file.file, None))
    blocks += sources_section(content, settings, edition)
    blocks = number_headings(blocks, settings.heading_numbering)
    document = Document(content.id, settings.theme_name, layout.name, layout.languages, cover,
                        tuple(blocks), settings.labels, builder.source(("cover",)))
    _check_size(content, sum(len(value.zh) + len(value.en) for value, _ in document.texts),
                DOCUMENT_CHARS)
    return document


def _check_size(content: Content, found: int, limit: Limit) -> None:
    if found > limit.value:
        loaded = content.briefing_file
        raise ContentError([error(loaded.file, loaded.line_of(("sections",)), "sections",
                                  limit.message("the document", found), limit.hint)])


def figure_values(content: Content, wanted: Iterable[FigureRef]
                  ) -> dict[tuple[str, str | None, str], str]:
    """The renderings `wanted` (figure, attribute) as the document prints them now, by
    (figure, attribute, language): what an official's draft is brought up to date with
    (update-draft). A rendering the content no longer has (the figure or its target gone)
    is left out."""
    values: dict[tuple[str, str | None, str], str] = {}
    for fig_id, attribute in set(wanted):
        figure = content.figures.get(fig_id)
        for lang in ("zh", "en"):
            try:
                if figure is None:
                    continue
                if attribute == "bar":  # a KPI card's bar (blocks/figures.py: build_kpis)
                    fraction = kpi_fraction(figure)
                    if fraction is not None:
                        values[(fig_id, attribute, lang)] = progress_bar(fraction)
                    continue
                text = rendering(figure, attribute, lang)
            except (TemplateProblem, ValueError):
                continue
            if text:
                values[(fig_id, attribute, lang)] = text
    return values


def sources_section(content: Content, settings: BuildSettings,
                    edition: Delegation | None = None) -> list[Block]:
    """A closing section listing every statistic used, with its value and date, a table
    for each source under its name (thresholds and constants, `statistic: false`, have
    none): the source named once, not on every row (its column took a quarter of the
    width and doubled the rows' height)."""
    used = [f for f in used_figures(content, edition) if content.figures[f].statistic]
    if not used:
        return []
    builder = Builder(content, settings)
    source = Source(content.briefing_file.file, None)
    labels = settings.labels
    header = (labels["table_figure"], labels["table_value"], labels["table_as_of"])
    by_source: dict[Bilingual[str], list[FigureRow]] = {}
    for fig_id in used:  # the sources in order of first use, and the figures in each
        row = builder.figure_row(fig_id)
        by_source.setdefault(row.source, []).append(row)
    return [Heading(Bilingual((Run(labels["sources"].zh),), (Run(labels["sources"].en),)), 1,
                    None, source),
            *(FigureTable(name if name.zh and name.en else None, header, tuple(rows), None,
                          source)
              for name, rows in by_source.items())]
