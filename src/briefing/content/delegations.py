"""The delegations file: one personalised edition of a briefing per visiting delegation.

```yaml
briefing: ../content/xicheng-2023        # relative to this file
delegations:
  - id: acme-de                          # the edition's file names: <briefing>--<id>.pdf
    name: {zh: 德国ACME公司代表团, en: ACME GmbH delegation}
    visit_date: 2024-03-12
    layout: parallel                     # optional: stacked, parallel, zh, en
    theme: investor                      # optional
    include_tags: [investment]           # optional: sections tagged so (untagged always)
    greeting: {zh: ..., en: ...}         # optional
    contact:
      name: {zh: 王芳, en: Wang Fang}
      title: {zh: 招商局副局长, en: Deputy Director, Investment Promotion Bureau}
      phone: "+86 395 000 0000"
      email: invest@example.gov.cn
    link: https://example.gov.cn/invest  # optional: printed as a QR code
```
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, PrivateAttr, field_validator

from ..errors import ContentError, error
from ..layout import LayoutName
from ..model import Bilingual, Source
from ..source.hints import did_you_mean
from ..source.load import Loaded, format_path, load_yaml
from ..source.parse import parse_model
from .fields import Strict, Text

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class Contact(Strict):
    name: Text
    title: Text
    phone: str = ""
    email: str = ""


class Delegation(Strict):
    id: str = Field(description="lower-case letters, digits and hyphens: used in file names")
    name: Text
    organisation: Text | None = None
    visit_date: datetime.date
    layout: LayoutName | None = None  # a typo's hint from the choices (source/parse.py)
    theme: str | None = None
    include_tags: list[str] = []
    greeting: Text | None = None
    contact: Contact | None = None
    link: str | None = None
    _texts: list[tuple[Bilingual[str], Source]] = PrivateAttr(default_factory=list)
    _theme_source: Source | None = PrivateAttr(default=None)

    def texts(self) -> list[tuple[Bilingual[str], Source]]:
        """The edition's own texts (name, organisation, greeting, contact), one language
        each, with where the delegations file has them: the glyph check reads these
        first, so that a character no font has is reported there, not at the cover."""
        return self._texts

    def theme_source(self) -> Source | None:
        """Where the delegations file names this edition's theme (None: it names none)."""
        return self._theme_source

    def _locate(self, loaded: Loaded, index: int) -> None:
        def source(path: tuple[str | int, ...]) -> Source:
            where = ("delegations", index) + path
            return Source(loaded.file, loaded.line_of(where), _field(loaded, where))
        texts = []
        for path, text in self.parts():
            if isinstance(text, Text):
                texts += [(Bilingual(text.zh, ""), source((*path, "zh"))),
                          (Bilingual("", text.en), source((*path, "en")))]
        if self.contact:
            texts += [(Bilingual(value, value), source(("contact", key))) for key, value
                      in (("phone", self.contact.phone), ("email", self.contact.email))]
        self._texts = texts
        if self.theme is not None:
            self._theme_source = source(("theme",))

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.fullmatch(value) or len(value) > 60:
            raise ValueError(f"'{value}' is not a file-name-safe id: use lower-case letters, "
                             "digits and hyphens (e.g. acme-de), at most 60")
        return value

    @field_validator("link")
    @classmethod
    def _link(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("the link must be an http or https address")
        return value


class DelegationsFile(Strict):
    briefing: str
    delegations: list[Delegation] = Field(min_length=1)


@dataclass(frozen=True)
class Delegations:
    file: Path
    briefing: Path
    delegations: list[Delegation]


# spreadsheet columns -> where they go in a delegation (list cells split at ; or spaces)
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id",), "name_zh": ("name", "zh"), "name_en": ("name", "en"),
    "organisation_zh": ("organisation", "zh"), "organisation_en": ("organisation", "en"),
    "visit_date": ("visit_date",), "layout": ("layout",), "theme": ("theme",),
    "include_tags": ("include_tags",), "greeting_zh": ("greeting", "zh"),
    "greeting_en": ("greeting", "en"), "contact_name_zh": ("contact", "name", "zh"),
    "contact_name_en": ("contact", "name", "en"), "contact_title_zh": ("contact", "title", "zh"),
    "contact_title_en": ("contact", "title", "en"), "phone": ("contact", "phone"),
    "email": ("contact", "email"), "link": ("link",),
}


def _from_table(path: Path, briefing: Path) -> Loaded:
    """A CSV or XLSX of delegations, one a row, as the data a delegations.yaml would hold."""
    from .tables import column_letter, read_rows

    sheet, rows = read_rows(path)
    rows = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    loaded = Loaded(path, {"briefing": str(briefing), "delegations": []})
    if not rows:
        raise ContentError([error(path, None, "", "no header row")])
    header_line, header = rows[0]
    names = [h.strip().lower() for h in header]
    unknown = [n for n in names if n not in COLUMNS]
    if unknown:
        raise ContentError([error(path, header_line, "", f"unknown column '{unknown[0]}'",
                                  did_you_mean(unknown[0], COLUMNS))])
    loaded.lines[()] = loaded.lines[("delegations",)] = header_line
    for index, (line, row) in enumerate(rows[1:]):
        entry: dict[str, Any] = {}  # nested as the columns' targets say
        for col, (name, cell) in enumerate(zip(names, row, strict=False)):
            value: object = cell.strip()
            if not value:
                continue
            if name == "include_tags":
                value = [t for t in re.split(r"[;\s,]+", str(value)) if t]
            node: dict[str, Any] = entry
            target = COLUMNS[name]
            for key in target[:-1]:
                node = node.setdefault(key, {})
            node[target[-1]] = value
            where = ("delegations", index) + target
            loaded.lines[where] = line
            loaded.cells[where] = f"{sheet + '!' if sheet else ''}{column_letter(col)}{line}"
        loaded.lines[("delegations", index)] = line
        loaded.data["delegations"].append(entry)
    return loaded


def _field(loaded: Loaded, where: tuple[str | int, ...]) -> str:
    """A field's path for messages, after its cell where it came from a spreadsheet."""
    cell = loaded.cell_of(where)
    return f"{cell} {format_path(where)}" if cell else format_path(where)


def load_delegations(path: Path, briefing: Path | None = None) -> Delegations:
    """Read and check a delegations file (YAML, or CSV/XLSX with `briefing` given);
    ContentError names the file, line (row and cell) and field."""
    if path.suffix.lower() in (".csv", ".xlsx"):
        if briefing is None:
            raise ContentError([error(path, None, "", "a spreadsheet of delegations needs the "
                                      "briefing: --briefing content/<id>")])
        loaded = _from_table(path, briefing.resolve())
    else:
        loaded = load_yaml(path)
    spec, problems = parse_model(DelegationsFile, loaded)
    problems = loaded.problems + problems
    if spec is None or problems:
        raise ContentError(problems)
    first: dict[str, int] = {}
    for index, delegation in enumerate(spec.delegations):
        delegation._locate(loaded, index)
        where = ("delegations", index, "id")
        if delegation.id in first:
            earlier = loaded.line_of(("delegations", first[delegation.id], "id"))
            problems.append(error(path, loaded.line_of(where), _field(loaded, where),
                                  f"id '{delegation.id}' is used twice (first on line "
                                  f"{earlier})", "each edition needs its own id: its files "
                                  "are named after it"))
        first.setdefault(delegation.id, index)
    if problems:
        raise ContentError(problems)
    return Delegations(path, (path.parent / spec.briefing), spec.delegations)
