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

from pydantic import Field, field_validator

from ..errors import ContentError
from .load import Loaded, load_yaml
from .schema import LAYOUTS, Text, _Strict, parse_model

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class Contact(_Strict):
    name: Text
    title: Text
    phone: str = ""
    email: str = ""


class Delegation(_Strict):
    id: str = Field(description="lower-case letters, digits and hyphens: used in file names")
    name: Text
    organisation: Text | None = None
    visit_date: datetime.date
    layout: str | None = None
    theme: str | None = None
    include_tags: list[str] = []
    greeting: Text | None = None
    contact: Contact | None = None
    link: str | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not SLUG.fullmatch(value) or len(value) > 60:
            raise ValueError(f"'{value}' is not a file-name-safe id: use lower-case letters, "
                             "digits and hyphens (e.g. acme-de), at most 60")
        return value

    @field_validator("layout")
    @classmethod
    def _layout(cls, value: str | None) -> str | None:
        if value is not None and value not in LAYOUTS:
            raise ValueError(f"unknown layout '{value}': {', '.join(LAYOUTS)}")
        return value

    @field_validator("link")
    @classmethod
    def _link(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("https://", "http://")):
            raise ValueError("the link must be an http or https address")
        return value


class DelegationsFile(_Strict):
    briefing: str
    delegations: list[Delegation] = Field(min_length=1)


@dataclass(frozen=True)
class Delegations:
    file: Path
    briefing: Path
    delegations: list[Delegation]


def load_delegations(path: Path) -> Delegations:
    """Read and check a delegations file; ContentError names file, line and field."""
    loaded: Loaded = load_yaml(path)
    spec, problems = parse_model(DelegationsFile, loaded)
    problems = loaded.problems + problems
    if spec is None or problems:
        raise ContentError(problems)
    ids = [d.id for d in spec.delegations]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        from ..errors import error
        raise ContentError([error(path, None, "delegations", f"id '{d}' is used twice")
                            for d in duplicates])
    return Delegations(path, (path.parent / spec.briefing), spec.delegations)
