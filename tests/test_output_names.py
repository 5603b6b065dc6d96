"""Output file names: the folder's name (also for `briefing build .`), and a name pattern
so that editions of several layouts and themes share one output folder."""

from __future__ import annotations

import os

import docx

from briefing.cli import main
from tests.conftest import paragraph_text, pdf_text


def it_names_the_outputs_after_the_folder_when_built_as_dot(make_briefing, tmp_path,
                                                              monkeypatch) -> None:
    folder = make_briefing(name="harbour-2024")
    monkeypatch.chdir(folder)
    assert main(["build", ".", "-o", str(tmp_path / "out")]) == 0
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert "harbour-2024.pdf" in names and "harbour-2024.docx" in names
    assert not any(n.startswith(".pdf") or n == ".docx" for n in os.listdir(tmp_path / "out"))


def it_keeps_editions_of_several_layouts_and_themes_apart(make_briefing, tmp_path) -> None:
    folder = make_briefing(name="mini")
    out = tmp_path / "out"
    for theme, layout in (("investor", "zh"), ("gov", "en"), ("print", "parallel")):
        assert main(["build", str(folder), "-o", str(out), "--theme", theme, "--layout", layout,
                     "--name", "{id}-{theme}-{layout}"]) == 0
    zh = "".join(pdf_text(out / "mini-investor-zh.pdf"))
    en = "".join(pdf_text(out / "mini-gov-en.pdf"))
    both = "".join(pdf_text(out / "mini-print-parallel.pdf"))
    assert "招商引资" in zh and "Investment Promotion" not in zh
    assert "Investment Promotion" in en and "招商引资" not in en
    assert "招商引资" in both and "Investment Promotion" in both
    assert "Investment Promotion" in " ".join(
        paragraph_text(p) for p in docx.Document(str(out / "mini-gov-en.docx")).paragraphs)
    assert not (out / "mini.pdf").exists()


def it_refuses_a_name_pattern_that_is_not_a_file_name(make_briefing, tmp_path, capsys) -> None:
    folder = make_briefing()
    for pattern in ("../{id}", "{id}-{lang}", ".{layout}"):
        assert main(["build", str(folder), "-o", str(tmp_path / "o"), "--name", pattern]) == 1
    assert "unknown {lang}" in capsys.readouterr().err
    assert not (tmp_path / "o").exists() or not any(
        p.suffix in (".pdf", ".docx") for p in (tmp_path / "o").iterdir())
