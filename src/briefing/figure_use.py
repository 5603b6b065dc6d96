"""Which figures validated content uses, in the order it first uses them: in its texts'
templates, its blocks' figure fields and its breakdowns (the Sources section, the changes
report)."""

from __future__ import annotations

from .content.delegations import Delegation
from .content.fields import FigureId, Strict, Text
from .content.schema import Content, Figure
from .content.templating import figure_refs_in_order


def figure_ids_in(spec: Strict, figures: dict[str, Figure] | None = None) -> list[str]:
    """Figure ids that validated content refers to, in order of first use: in its texts'
    templates (in the order the text quotes them), in its blocks' figure fields (tables,
    call-outs, KPI rows, charts) and, given the `figures`, in its breakdowns."""
    found: dict[str, None] = {}
    for _, part in spec.parts():
        if isinstance(part, FigureId):
            found.setdefault(part)
        elif isinstance(part, Text):
            for text in (part.zh, part.en):
                found.update(dict.fromkeys(figure_refs_in_order(text)))
    if figures:
        found.update(dict.fromkeys(breakdown_figures(spec, figures)))
    return list(found)


def breakdown_figures(spec: Strict, figures: dict[str, Figure]) -> list[str]:
    """The figures of the breakdowns (groups x measures) inside, row by row."""
    found: list[str] = []
    for section_or_block in getattr(spec, "blocks", [spec]):
        for inner in (getattr(section_or_block, "table", None),
                      getattr(section_or_block, "chart", None)):
            groups, measures = getattr(inner, "groups", []), getattr(inner, "measures", [])
            cell = {(f.group, f.measure): i for i, f in figures.items()}
            found += [cell[(g, m)] for g in groups for m in measures if (g, m) in cell]
    return found


def used_figures(content: Content, edition: Delegation | None = None) -> list[str]:
    """Figure ids in the order the briefing (or the edition's sections) first uses them."""
    wanted = set(edition.include_tags) if edition else set()
    sections = [s for s in content.briefing.sections
                if not wanted or not s.tags or wanted & set(s.tags)]
    used = dict.fromkeys(f for s in sections for block in ([s.heading] if s.heading else [])
                         + list(s.blocks) for f in figure_ids_in(block, content.figures))
    return [f for f in used if f in content.figures]
