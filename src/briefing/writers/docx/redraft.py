"""An official's edited draft, its figure values brought up to date as tracked changes.

Only the marked values (figuremarks.py) are touched: each one still showing the text the
draft was given is replaced, as a deletion of the old runs and an insertion of the new
text (same run properties), for the official to accept or reject. A value the official
deleted, or typed over, is reported and left alone. Everything else in the file is as the
official saved it.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement as Element
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from docx_plus.revisions import RevisionIdRegistry, mark_deletion, mark_insertion

from ...model import Document
from .. import EditedDraft
from ..register import MarkedValue, Outcome, Register
from .blocks import as_typed
from .figuremarks import control_tag, marked_ranges, open_draft, replace_register, run_text
from .package import package_bytes


def update_draft(document: Document, draft: EditedDraft) -> bytes:
    """The official's draft (`draft.data`) with `draft.values` as tracked changes, by the
    document's publisher on its date; its register updated and recording each value's
    outcome (the report reads them there)."""
    doc, register = open_draft(draft.data)
    current = {key: as_typed(text) for key, text in draft.values.items()}
    author = f"briefing ({document.cover.publisher.get(document.languages[0])})"
    date = datetime.datetime.combine(document.cover.date, datetime.time(0, 0))
    update_values(doc, register, current, author, date, document.cover.date.isoformat())
    replace_register(doc, register)
    return package_bytes(doc, document.cover.date)


def update_values(doc: DocxDocument, register: Register,
                  current: dict[tuple[str, str | None, str], str], author: str,
                  date: datetime.datetime, edition: str) -> None:
    """Replace each value still as printed by `current[(figure, attribute, lang)]`, as
    tracked changes; update the register (texts, edition, each value's outcome) and the
    content controls' tags."""
    ranges = dict(marked_ranges(doc.element.body))
    ids = _SequentialIds(doc)  # seeded with the official's own revisions' ids
    # in document order, so the tracked changes' ids follow it; the register keeps its own
    position = {name: i for i, name in enumerate(ranges)}
    outcomes = {value.bookmark: _update(doc, value, ranges.get(value.bookmark) or [],
                                        current.get((value.figure, value.attribute,
                                                     value.lang)), author, date, ids)
                for value in sorted(register.values,
                                    key=lambda v: position.get(v.bookmark, len(position)))}
    tagged = dataclasses.replace(register, edition=edition)
    for value in register.values:
        if outcomes[value.bookmark].kind != "deleted":
            _restore_tag(ranges[value.bookmark][0], control_tag(tagged, value))
    register.outcomes = [outcomes[value.bookmark] for value in register.values]
    register.values = [dataclasses.replace(o.value, text=o.current)
                       if o.kind == "updated" and o.current is not None else o.value
                       for o in register.outcomes if o.kind != "deleted"]
    register.edition = edition


def _update(doc: DocxDocument, value: MarkedValue, runs: list[Element], now: str | None,
            author: str, date: datetime.datetime, ids: RevisionIdRegistry) -> Outcome:
    """One value: replaced by `now` as tracked changes if it still shows what was printed."""
    found = run_text(runs)
    if not found.strip():
        kind = "deleted"
    elif found != value.text:
        kind = "overtyped"
    elif now is None:
        kind = "gone"
    elif now == value.text:
        kind = "unchanged"
    elif _replace(doc, runs, now, author, date, ids):
        kind = "updated"
    else:
        kind = "overtyped"  # the value's runs were split by the official
    return Outcome(kind, value, found or None, now)


class _SequentialIds(RevisionIdRegistry):
    """Revision ids counted up from the lowest free one, not drawn at random (docx-plus's
    default): the same draft and figures give the same file."""

    def next(self) -> int:
        return self.next_sequential()


def _replace(doc: DocxDocument, runs: list[Element], text: str, author: str,
             date: datetime.datetime,
             ids: RevisionIdRegistry) -> bool:
    """The runs as a tracked deletion, `text` after them as a tracked insertion (with the
    first run's properties). False if the runs do not stand side by side in one parent."""
    parent = runs[0].getparent()
    siblings = list(parent)
    positions = [siblings.index(r) if r.getparent() is parent else -1 for r in runs]
    if -1 in positions or positions != list(range(positions[0], positions[0] + len(runs))):
        return False
    paragraph = Paragraph(next(runs[0].iterancestors(qn("w:p"))), doc._body)
    new = copy.deepcopy(runs[0])
    for child in list(new):
        if child.tag != qn("w:rPr"):
            new.remove(child)
    t = new.makeelement(qn("w:t"), {})
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    new.append(t)
    runs[-1].addnext(new)
    mark_deletion((Run(runs[0], paragraph), Run(runs[-1], paragraph)), author=author,
                  date=date, id_registry=ids)
    mark_insertion(Run(new, paragraph), author=author, date=date, id_registry=ids)
    return True


def _restore_tag(run: Element, tag_value: str) -> None:
    """The content control's tag, which LibreOffice empties when it saves, written again."""
    sdt = next(run.iterancestors(qn("w:sdt")), None)
    if sdt is None:
        return
    properties = sdt.find(qn("w:sdtPr"))
    if properties is None:
        return
    tag = properties.find(qn("w:tag"))
    if tag is None:  # after w:rPr and w:alias, where the schema wants it
        tag = properties.makeelement(qn("w:tag"), {})
        before = [c for c in properties if c.tag in (qn("w:rPr"), qn("w:alias"))]
        properties.insert(properties.index(before[-1]) + 1 if before else 0, tag)
    tag.set(qn("w:val"), tag_value)
