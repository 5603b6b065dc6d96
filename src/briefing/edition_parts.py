"""What a delegation's edition adds to the document: the cover's 专为……编制 line and its
visit line, and the contact card (the edition's greeting is a plain paragraph)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .content.delegations import Delegation
from .content.figures import format_as_of
from .content.schema import Content
from .model import Bilingual, ContactCard, Lang, Source

if TYPE_CHECKING:
    from .build import BuildSettings


def prepared_for(edition: Delegation, settings: BuildSettings) -> Bilingual[str]:
    """专为……编制 / Prepared for ..."""
    label = (settings.labels.get("prepared_for")
             or Bilingual("专为{name}编制", "Prepared for {name}"))
    return Bilingual(label.zh.replace("{name}", edition.name.zh),
                     label.en.replace("{name}", edition.name.en))


def visit(edition: Delegation) -> Bilingual[str]:
    """The organisation and the date of the visit."""
    def line(lang: Lang) -> str:
        details = [getattr(edition.organisation, lang)] if edition.organisation else []
        return " · ".join(details + [format_as_of(edition.visit_date, lang)])
    return Bilingual(line("zh"), line("en"))


def contact_card(edition: Delegation, settings: BuildSettings,
                 content: Content) -> ContactCard:
    contact = edition.contact
    assert contact is not None
    label = settings.labels.get("contact") or Bilingual("联系方式", "Contact")
    return ContactCard(label, Bilingual(contact.name.zh, contact.name.en),
                       Bilingual(contact.title.zh, contact.title.en), contact.phone,
                       contact.email, edition.link, None, Source(content.briefing_file.file, None))
