"""The documentation says what the code does."""

from pathlib import Path

from briefing.theme.resolve import STYLE_ROLES
from briefing.theme.schema import describe

DOCS = Path(__file__).resolve().parents[1] / "docs"


def it_documents_every_theme_attribute_as_the_schema_declares_it() -> None:
    assert describe() in (DOCS / "themes.md").read_text(encoding="utf-8")


def it_documents_every_style_name() -> None:
    text = (DOCS / "themes.md").read_text(encoding="utf-8")
    for role, names in STYLE_ROLES.items():
        assert f"| {role} | {names.zh} | {names.en} |" in text


def it_documents_every_unit() -> None:
    from briefing.content.figures import units
    text = (DOCS / "content-format.md").read_text(encoding="utf-8")
    for unit in units():
        assert f"| `{unit}` |" in text, unit


def it_documents_every_block_type() -> None:
    from briefing.blocks import BLOCK_KINDS
    text = (DOCS / "content-format.md").read_text(encoding="utf-8")
    for kind in BLOCK_KINDS:
        assert f"| `{kind}` |" in text, kind
