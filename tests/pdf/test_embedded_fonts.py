"""Every font a PDF names is embedded: `pdffonts` shows emb=yes for each, and a print
preflight finds no font to substitute. ReportLab opens each drawing (a KPI card's progress
bar, a contact card's QR code) in an empty text object set in the drawing's initial font,
Helvetica unless told, which it then lists without embedding it. The sample xicheng-2023
has neither a bar nor a QR code, so the check of its PDFs never saw it; the second sample
(hexi-2023h1, KPI cards with targets) and a delegation's edition (its QR code) have both."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

import briefing
from briefing.cli import main
from tests.conftest import ROOT, Edition, made_once, shared_tmp

THEMES = ("investor", "print", "gov")
LAYOUTS = ("stacked", "parallel", "zh", "en")


def font_dictionaries(path: Path) -> dict[str, bool]:
    """Every font dictionary of the file, wherever it is used (a page, a form, an
    annotation's appearance): its name -> whether its font program is embedded (a font
    file in its descriptor, or its descendant's for a Type 0 font)."""
    reader = pypdf.PdfReader(str(path))
    found: dict[str, bool] = {}
    numbers = [(number, generation) for generation, objects in reader.xref.items()
               for number in objects] + [(number, 0) for number in reader.xref_objStm]
    for number, generation in numbers:
        font = reader.get_object(pypdf.generic.IndirectObject(number, generation, reader))
        if not isinstance(font, pypdf.generic.DictionaryObject) or font.get("/Type") != "/Font":
            continue
        if font.get("/Subtype") == "/CIDFontType2":
            continue  # a Type 0 font's descendant: checked with its parent
        owner = font
        if font.get("/Subtype") == "/Type0":
            owner = font["/DescendantFonts"][0].get_object()
        descriptor = owner.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor else {}
        found[str(font.get("/BaseFont", "")).lstrip("/")] = any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return found


def assert_all_embedded(path: Path) -> None:
    fonts = font_dictionaries(path)
    assert fonts, f"{path.name}: no fonts found (the reader is wrong)"
    missing = sorted(name for name, embedded in fonts.items() if not embedded)
    assert not missing, f"{path.name} names fonts it does not embed: {missing}"


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("theme", THEMES)
def it_embeds_every_font_of_the_samples_pdfs(sample_edition: Edition, theme: str,
                                             layout: str) -> None:
    assert_all_embedded(sample_edition(theme, layout)["pdf"])


@pytest.mark.parametrize("theme", THEMES)
def it_embeds_every_font_beside_a_kpi_cards_progress_bar(tmp_path_factory, theme: str) -> None:
    folder = shared_tmp(tmp_path_factory) / f"hexi-{theme}"
    paths = made_once(folder, lambda out: briefing.build(
        ROOT / "content" / "hexi-2023h1", out, formats=("pdf",), theme=theme))
    assert_all_embedded(paths[0])


def it_embeds_every_font_beside_a_contact_cards_qr_code(tmp_path: Path) -> None:
    delegations = (ROOT / "content" / "delegations.yaml").read_text("utf-8")
    first = delegations.split("\n  - id: ")[1]  # the first delegation: a contact and a link
    (tmp_path / "delegations.yaml").write_text(
        f"briefing: {ROOT / 'content' / 'xicheng-2023'}\n\ndelegations:\n  - id: {first}",
        "utf-8")
    assert "link: https://" in first
    assert main(["batch", str(tmp_path / "delegations.yaml"), "-o", str(tmp_path / "out"),
                 "--format", "pdf"]) == 0
    (pdf,) = (tmp_path / "out").glob("*.pdf")
    assert_all_embedded(pdf)
