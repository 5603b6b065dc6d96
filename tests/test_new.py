"""`briefing new` starts a briefing that builds as it is; a theme is a name or a file."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import docx
import pytest

from briefing.cli import main
from briefing.layout import LAYOUTS
from briefing.scaffold import FILES
from tests.conftest import ROOT, pdf_text

THEMES = ("investor", "print", "gov")


@pytest.fixture
def new_folder(tmp_path: Path, monkeypatch, capsys) -> Path:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "my-brief"]) == 0
    said = capsys.readouterr().out
    assert said.splitlines() == [*(f"wrote {Path('my-brief') / name}" for name in FILES),
                                 "next: briefing build my-brief"]
    return tmp_path / "my-brief"

# the warning of a build whose DOCX names fonts it does not embed (the gov theme)
FONT_NOTICE = "the DOCX names fonts it does not embed"


def it_writes_a_briefing_a_csv_and_a_readme(new_folder: Path) -> None:
    assert sorted(p.name for p in new_folder.iterdir()) == sorted(FILES)
    readme = (new_folder / "README.md").read_text("utf-8")
    assert readme.startswith("# my-brief: a briefing") and "briefing build my-brief" in readme
    assert "{{ signed_projects }}" in readme  # the README's own braces survive


def it_builds_in_every_theme_and_layout_without_warnings(new_folder: Path, capsys,
                                                         caplog) -> None:
    caplog.set_level(logging.WARNING, logger="briefing")
    for theme in THEMES:
        for layout in LAYOUTS:
            out = new_folder.parent / "out" / f"{theme}-{layout}"
            assert main(["build", "my-brief", "--strict", "--theme", theme, "--layout",
                         layout, "-o", str(out)]) == 0, capsys.readouterr().err
            text = re.sub(r"\s+", "", "".join(pdf_text(out / "my-brief.pdf")))
            if layout != "en":
                assert "示例区全年新签约项目33个，总投资112.5亿元。" in text
            if layout != "zh":
                assert "ExampleDistrictsigned33projectswithatotalinvestmentofRMB11.25" \
                       "billion." in text
            body = "\n".join(p.text for p in docx.Document(str(out / "my-brief.docx")).paragraphs)
            assert "Example" in body or "示例区" in body
    # the one warning expected: the gov theme names fonts it does not embed (issue 16)
    other = [r.getMessage() for r in caplog.records if FONT_NOTICE not in r.getMessage()]
    assert not other, other
    assert [line for line in capsys.readouterr().err.splitlines()
            if FONT_NOTICE not in line] == []


def it_never_overwrites_an_existing_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "briefing.yaml").write_text("theme: gov\n", "utf-8")
    assert main(["new", "mine"]) == 4
    assert "mine already exists; nothing was written" in capsys.readouterr().err
    assert (tmp_path / "mine" / "briefing.yaml").read_text("utf-8") == "theme: gov\n"
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["briefing.yaml"]
    assert main(["new", "a b"]) == 2  # a usage error: not a name an output file can take
    assert "'a b' cannot name a briefing" in capsys.readouterr().err
    assert not (tmp_path / "a b").exists()


OFFICE = """\
# the office's colours over the investor theme
extends: investor
name: office
colors:
  accent_dark: "#7A1F2B"
"""


def it_takes_a_theme_file_that_extends_a_built_in_theme(new_folder: Path, capsys) -> None:
    (new_folder.parent / "office.yaml").write_text(OFFICE, "utf-8")
    out = new_folder.parent / "office-out"
    assert main(["build", "my-brief", "--theme", "./office.yaml", "-o", str(out)]) == 0, \
        capsys.readouterr().err
    heading = docx.Document(str(out / "my-brief.docx")).styles["Heading 1"]
    assert str(heading.font.color.rgb) == "7A1F2B"
    # the briefing may name it too, relative to its own folder
    text = (new_folder / "briefing.yaml").read_text("utf-8")
    (new_folder / "briefing.yaml").write_text(text.replace("theme: investor",
                                                           "theme: ../office.yaml"), "utf-8")
    assert main(["build", "my-brief", "-o", str(out / "again")]) == 0
    heading = docx.Document(str(out / "again" / "my-brief.docx")).styles["Heading 1"]
    assert str(heading.font.color.rgb) == "7A1F2B"


@pytest.mark.parametrize("office, expected", [
    (OFFICE.replace('"#7A1F2B"', '"red"'),
     "office.yaml:5: colors.accent_dark: 'red' is not a colour"),
    (OFFICE.replace("extends: investor", "extends: investr"),
     "office.yaml:2: extends: unknown theme 'investr' (available: gov, investor, office, print)\n"
     "  hint: did you mean 'investor'?"),
    (OFFICE + "styles:\n  Heading 1: {font: nope}\n",
     "office.yaml:7: styles.Heading 1.font: unknown font 'nope'"),
    (OFFICE + "fonts:\n  body: {regular: OfficeSans.ttf}\n",
     "office.yaml:7: fonts.body.regular: font file OfficeSans.ttf not found beside office.yaml "
     "nor in "),
])
def it_locates_the_errors_of_a_theme_file_in_that_file(new_folder: Path, capsys, office: str,
                                                       expected: str) -> None:
    (new_folder.parent / "office.yaml").write_text(office, "utf-8")
    assert main(["check", "my-brief", "--theme", "office.yaml"]) == 1
    assert expected in capsys.readouterr().err


def it_finds_a_font_beside_the_theme_file(new_folder: Path, capsys) -> None:
    from briefing.pipeline import prepare
    shutil.copy(ROOT / "fonts" / "NotoSansSC-Regular.ttf", new_folder.parent / "OfficeSans.ttf")
    (new_folder.parent / "office.yaml").write_text(
        OFFICE + "fonts:\n  body: {regular: OfficeSans.ttf}\n", "utf-8")
    out = new_folder.parent / "out"
    assert main(["build", "my-brief", "--theme", "office.yaml", "-o", str(out),
                 "--format", "pdf"]) == 0, capsys.readouterr().err
    assert (out / "my-brief.pdf").read_bytes().startswith(b"%PDF")
    theme = prepare(Path("my-brief"), "office.yaml").theme
    assert theme.fonts["body"].regular == Path("OfficeSans.ttf")  # beside office.yaml
    assert theme.fonts["body"].bold == ROOT / "fonts" / "NotoSansSC-Bold.ttf"  # installed


def it_says_when_a_theme_file_is_not_there(new_folder: Path, capsys) -> None:
    assert main(["check", "my-brief", "--theme", "./nowhere.yaml"]) == 1
    assert "theme: theme file nowhere.yaml not found" in capsys.readouterr().err
