"""The public API: what `briefing` exports, and that rendering is separate from saving;
docs/api.md documents exactly the exported names, and its example runs."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import briefing
from briefing.pipeline import prepare, render
from briefing.scaffold import new_briefing
from tests.conftest import MINIMAL, ROOT, SAMPLE, edit_briefing, pdf_text


def it_exports_exactly_its_public_names() -> None:
    assert sorted(briefing.__all__) == sorted([
        "FORMATS", "BriefingError", "BuildReport", "ContentError", "Diagnostic", "Document",
        "DraftError", "DraftUpdate", "LockedError", "OutputError", "Severity", "build",
        "build_report", "check", "update_draft"])
    for name in briefing.__all__:
        assert hasattr(briefing, name)


def it_checks_a_briefing_into_a_document_model(make_briefing) -> None:
    document = briefing.check(make_briefing())
    assert document.id == "mini"
    assert document.languages == ("zh", "en")
    assert document.cover.title.en == "Test Briefing"


def it_gathers_the_texts_it_draws_once_for_the_glyph_check_and_both_writers(
        monkeypatch) -> None:
    from briefing.model import BLOCK_CLASSES

    calls = []
    for cls in BLOCK_CLASSES:
        def spy(block, texts=cls.texts):
            calls.append(block)
            return texts(block)
        monkeypatch.setattr(cls, "texts", spy)
    document = briefing.check(SAMPLE)
    assert len(calls) == len(document.blocks)  # the glyph check
    render(prepare(SAMPLE), "docx")  # chart pictures cached (drawing one reads its texts)
    calls.clear()
    prepared = prepare(SAMPLE)
    for fmt in ("pdf", "docx"):
        render(prepared, fmt)
    assert len(calls) == len(prepared.document.blocks)  # check, PDF and DOCX: once


API_DOC = Path(__file__).resolve().parents[1] / "docs" / "api.md"


def it_documents_exactly_the_exported_names() -> None:
    documented = re.findall(r"^### `(\w+)`", API_DOC.read_text("utf-8"), re.MULTILINE)
    assert sorted(documented) == sorted(briefing.__all__)


def it_runs_the_example_of_the_api_docs(tmp_path: Path) -> None:
    """The script of docs/api.md, as it is written, over two districts and a broken one."""
    text = API_DOC.read_text("utf-8")
    example = text[text.index("## Example"):]
    start = example.index("```python\n") + len("```python\n")
    script = example[start:example.index("\n```", start)]
    (tmp_path / "build_all.py").write_text(script, "utf-8")
    shutil.copytree(MINIMAL, tmp_path / "content" / "east-2024")
    new_briefing(tmp_path / "content" / "west-2024")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "build_all.py"], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300)

    done = run()
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["east-2024", "west-2024"]
    assert lines[0].startswith("east-2024: built, 0 figure(s) changed, build/east-2024/"
                               "east-2024.pdf, build/east-2024/east-2024.docx, "
                               "build/east-2024/en/east-2024.pdf")
    english = "".join(pdf_text(tmp_path / "build" / "west-2024" / "en" / "west-2024.pdf"))
    assert "Example District" in english and not re.search(r"[\u4e00-\u9fff]", english)
    assert "示例区" in "".join(pdf_text(tmp_path / "build" / "west-2024" / "west-2024.pdf"))
    assert (tmp_path / "build" / "west-2024" / "west-2024.docx").is_file()
    # a figure changes in one district, the other's briefing breaks
    figures = tmp_path / "content" / "west-2024" / "figures.csv"
    figures.write_text(figures.read_text("utf-8-sig").replace(",33,", ",34,"), "utf-8")
    edit_briefing(tmp_path / "content" / "east-2024", "{{ signed_projects }}，",
                  "{{ signed_projets }}，")
    done = run()
    assert done.returncode == 1
    assert "east-2024/briefing.yaml:13: " in done.stderr and "signed_projets" in done.stderr
    [line] = done.stdout.splitlines()
    assert line.startswith("west-2024: built, 1 figure(s) changed, ")
