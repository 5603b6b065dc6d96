"""Output file names: the folder's name (also for `briefing build .`), and a name pattern
so that editions of several layouts and themes share one output folder."""

from __future__ import annotations

import json
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


def _set_value(folder, old: str, new: str) -> None:
    figures = folder / "figures.yaml"
    text = figures.read_text("utf-8")
    assert old in text
    figures.write_text(text.replace(old, new, 1), "utf-8")


def _changed(path) -> list[str]:
    return [c["id"] for c in json.loads(path.read_text("utf-8"))["changed"]]


def it_names_the_change_report_and_snapshot_as_the_outputs(make_briefing, tmp_path) -> None:
    folder, out = make_briefing(name="mini"), tmp_path / "out"

    def build(layout: str) -> None:
        assert main(["build", str(folder), "-o", str(out), "--format", "pdf", "--layout",
                     layout, "--name", "{id}-{layout}"]) == 0

    build("zh")
    build("en")
    for stem in ("mini-zh", "mini-en"):
        assert {p.name for p in out.glob(f"{stem}.*")} == {
            f"{stem}.pdf", f"{stem}.changes.json", f"{stem}.changes.md", f"{stem}.figures.json"}
    assert not list(out.glob("mini.*"))
    _set_value(folder, "value: 33", "value: 35")
    build("zh")  # the zh edition's report and snapshot only: the en edition's stay its own
    assert _changed(out / "mini-zh.changes.json") == ["signed_projects"]
    assert _changed(out / "mini-en.changes.json") == []
    build("en")  # compared with the en edition's own last snapshot, not the zh one's
    assert _changed(out / "mini-en.changes.json") == ["signed_projects"]
    assert "33" in (out / "mini-en.changes.md").read_text("utf-8")


def it_finds_an_edition_built_before_reports_followed_the_name(make_briefing, tmp_path,
                                                               capsys) -> None:
    # a folder of an earlier version: the snapshot and the published baseline under the id
    folder, out = make_briefing(name="mini"), tmp_path / "out"
    assert main(["build", str(folder), "-o", str(out), "--format", "docx", "--publish"]) == 0
    assert (out / "mini.figures.json").is_file()
    _set_value(folder, "value: 33", "value: 35")
    named = ["-o", str(out), "--name", "{id}-{theme}"]
    capsys.readouterr()
    assert main(["changes", str(folder), *named, "--json"]) == 0
    report = json.JSONDecoder().raw_decode(capsys.readouterr().out)[0]  # then the result
    assert [c["id"] for c in report["changed"]] == ["signed_projects"]
    assert main(["build", str(folder), *named, "--format", "docx", "--redline"]) == 0
    assert _changed(out / "mini-investor.changes.json") == ["signed_projects"]
    assert (out / "mini-investor.redline.docx").is_file()
    # from now on the edition of that name has its own snapshot, the one compared with
    capsys.readouterr()
    assert main(["changes", str(folder), *named, "--json"]) == 0
    assert json.JSONDecoder().raw_decode(capsys.readouterr().out)[0]["changed"] == []
