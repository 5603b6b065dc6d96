"""KPI cards in the DOCX: Word sets their styles as they are (no fitting), so each figure
style is at least its label's size, in every theme and layout, read back from the cards'
paragraphs of the sample's DOCX; a theme whose figure style is smaller is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from briefing.errors import ContentError
from briefing.theme.resolve import resolve_theme
from tests.conftest import ROOT, paragraph_text, style_name

THEMES = ("investor", "print", "gov")
LAYOUTS = ("stacked", "parallel", "zh", "en")


def _size_pt(paragraph) -> float:  # type: ignore[no-untyped-def]
    """The size the paragraph's text is set at: its runs' own, else its style's (or a
    style it is based on)."""
    sizes = {run.font.size.pt for run in paragraph.runs if run.font.size}
    if sizes:
        return min(sizes)
    style = paragraph.style
    while style is not None and style.font.size is None:
        style = style.base_style
    assert style is not None, paragraph_text(paragraph)
    return float(style.font.size.pt)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("layout", LAYOUTS)
def it_sets_no_kpi_figure_smaller_than_its_label(sample_edition, theme: str,  # type: ignore[no-untyped-def]
                                                 layout: str) -> None:
    document = docx.Document(str(sample_edition(theme, layout)["docx"]))
    cards = [t for t in document.tables if t.style.name == "KPI Card"]
    assert cards
    checked = 0
    for table in cards:
        for cell in table.rows[0].cells:
            sizes: dict[str, dict[str, list[float]]] = {}
            for paragraph in cell.paragraphs:
                name = style_name(paragraph)
                if not name.startswith(("KPI Value", "KPI Label")) or not paragraph_text(paragraph):
                    continue
                kind = "figure" if name.startswith("KPI Value") else "label"
                lang = "en" if name.endswith("English") else "zh"
                sizes.setdefault(lang, {}).setdefault(kind, []).append(_size_pt(paragraph))
            for lang, found in sizes.items():
                if "figure" in found and "label" in found:
                    assert min(found["figure"]) >= max(found["label"]), (theme, layout, lang,
                                                                         found)
                    checked += 1
    assert checked


@pytest.mark.parametrize("figure,label", [("KPI Value", "KPI Label"),
                                          ("KPI Value English", "KPI Label English")])
def it_refuses_a_theme_whose_kpi_figures_are_smaller_than_their_labels(
        tmp_path: Path, figure: str, label: str) -> None:
    styles = tmp_path / "styles"
    shutil.copytree(ROOT / "styles", styles)
    (styles / "small.yaml").write_text(
        f"extends: investor\nstyles:\n  {figure}: {{size_pt: 7}}\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        resolve_theme("small", [styles], [ROOT / "fonts"])
    [problem] = [d.format(relative_to=tmp_path) for d in caught.value.diagnostics]
    assert problem.startswith(f"styles/small.yaml:3: styles.{figure}.size_pt: 7 pt is "
                              f"smaller than {label}'s "), problem
    assert "never set smaller than its label" in problem
