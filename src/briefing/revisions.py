"""Redlines: the texts of this edition that differ from the previous edition's.

The pipeline rebuilds the previous edition's document from the same content with the figures
it had (the snapshot, see changes.py); walking both documents together pairs every text with
its previous version. The DOCX writer, given them as a writer option (`WriteOptions.revisions`),
shows each difference as a tracked change that an official can accept or reject in Word.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields, is_dataclass

from .model import Document, Run


@dataclass(frozen=True)
class Revisions:
    """Texts of this edition -> their previous version; who and when, for Word."""

    previous: dict[str, str]
    author: str
    date: datetime.datetime


def revisions(previous: Document, current: Document, author: str) -> Revisions:
    """Pair every text of `current` with the same text of `previous`: those that differ."""
    pairs: dict[str, str] = {}
    _pair(current.blocks, previous.blocks, pairs)
    stamp = datetime.datetime.combine(current.cover.date, datetime.time(0, 0))
    return Revisions(pairs, author, stamp)


def _pair(new: object, old: object, pairs: dict[str, str]) -> None:
    if isinstance(new, Run) and isinstance(old, Run):
        if new.text != old.text:
            pairs[new.text] = old.text
    elif isinstance(new, str) and isinstance(old, str):
        if new != old:
            pairs[new] = old
    elif isinstance(new, tuple) and isinstance(old, tuple) and len(new) == len(old):
        for a, b in zip(new, old, strict=True):
            _pair(a, b, pairs)
    elif is_dataclass(new) and type(new) is type(old):
        for field in fields(new):
            _pair(getattr(new, field.name), getattr(old, field.name), pairs)
