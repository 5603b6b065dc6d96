"""A DOCX draft's register: what the draft says about itself (writers/docx/figuremarks.py
writes it as a custom XML part, and reads it back).

It names the briefing, the edition, theme and layout, and for each marked rendering of a
figure its bookmark, what it depends on (figure and attribute), language and the text
printed. After `update-draft`, it also says
what became of each value (`outcomes`): the report is read from the updated draft itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

NAMESPACE = "urn:briefing:draft:1"
# what an update did with a value: replaced (a tracked change), already current, typed
# over by the official (a conflict, left alone), deleted by them (not re-inserted), or
# no longer in the content
OUTCOMES = ("updated", "unchanged", "overtyped", "deleted", "gone")


@dataclass(frozen=True)
class MarkedValue:
    """One marked rendering of a figure: its bookmark, the figure, the language, the text
    printed, and the attribute rendered (None: the value, as `{{ figure }}` prints it)."""

    bookmark: str
    figure: str
    lang: str
    text: str
    attribute: str | None = None

    @property
    def key(self) -> str:
        """gdp, gdp.change: the figure and what of it is printed, as a template names it."""
        return self.figure if self.attribute is None else f"{self.figure}.{self.attribute}"

    def _xml(self) -> dict[str, str]:
        return {"bookmark": self.bookmark, "figure": self.figure, "lang": self.lang,
                **({"attribute": self.attribute} if self.attribute else {})}

    @classmethod
    def _from_xml(cls, element: etree._Element, text: str) -> MarkedValue:
        return cls(element.get("bookmark", ""), element.get("figure", ""),
                   element.get("lang", ""), text, element.get("attribute"))


@dataclass(frozen=True)
class Outcome:
    """What the last update did with one value (`kind`, one of OUTCOMES): `value` as the
    draft was given it, `found` the text it showed, `current` the value's rendering now
    (None: not there)."""

    kind: str
    value: MarkedValue
    found: str | None
    current: str | None


@dataclass
class Register:
    """What the draft says about itself (the custom XML part)."""

    briefing: str
    edition: str
    theme: str
    layout: str
    values: list[MarkedValue]
    outcomes: list[Outcome] = field(default_factory=list)

    def outcomes_of(self, kind: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.kind == kind]

    def to_xml(self) -> bytes:
        root = etree.Element(f"{{{NAMESPACE}}}draft", nsmap={None: NAMESPACE})
        for key in ("briefing", "edition", "theme", "layout"):
            root.set(key, getattr(self, key))
        for value in self.values:
            element = etree.SubElement(root, f"{{{NAMESPACE}}}value", value._xml())
            element.text = value.text
        for outcome in self.outcomes:
            element = etree.SubElement(root, f"{{{NAMESPACE}}}outcome", kind=outcome.kind,
                                       **outcome.value._xml(), printed=outcome.value.text)
            for key in ("found", "current"):
                if getattr(outcome, key) is not None:
                    element.set(key, getattr(outcome, key))
        return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                    standalone=True))

    @classmethod
    def from_xml(cls, blob: bytes) -> Register | None:
        """The register in a custom XML part, or None if the part is another one."""
        try:
            root = etree.fromstring(blob)
        except etree.XMLSyntaxError:
            return None
        if root.tag != f"{{{NAMESPACE}}}draft":
            return None
        values = [MarkedValue._from_xml(e, e.text or "")
                  for e in root.iter(f"{{{NAMESPACE}}}value")]
        outcomes = [Outcome(e.get("kind", ""), MarkedValue._from_xml(e, e.get("printed", "")),
                            e.get("found"), e.get("current"))
                    for e in root.iter(f"{{{NAMESPACE}}}outcome")]
        return cls(root.get("briefing", ""), root.get("edition", ""), root.get("theme", ""),
                   root.get("layout", ""), values, outcomes)
