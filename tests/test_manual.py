"""`briefing docs`: the documentation printed by topic, and every hint that sends the reader
to the documentation names a topic that command prints (never a docs/ file, which a wheel
does not install). The installed wheel prints them too: tests/test_install.py."""

from __future__ import annotations

import ast
import re

import pytest

from briefing.cli import main
from briefing.manual import topic_text, topics
from tests.conftest import ROOT

DOCS = ROOT / "docs"
SOURCE = ROOT / "src" / "briefing"


def it_prints_a_topic_as_written(capsys) -> None:
    assert main(["docs", "limits"]) == 0
    assert capsys.readouterr().out == (DOCS / "limits.md").read_text("utf-8")


def it_prints_an_example_file_to_copy(capsys) -> None:
    assert main(["docs", "examples/crontab"]) == 0
    assert capsys.readouterr().out == (DOCS / "examples" / "crontab").read_text("utf-8")


def it_lists_every_page_with_its_title(capsys) -> None:
    assert main(["docs"]) == 0
    listed = capsys.readouterr().out.splitlines()
    for page in DOCS.glob("*.md"):
        title = page.read_text("utf-8").splitlines()[0].removeprefix("# ")
        assert any(line.split() == [page.stem, *title.split()] for line in listed), page
    assert any(line.strip() == "examples/briefing.service" for line in listed)


def it_answers_an_unknown_topic_with_the_closest_one(capsys) -> None:
    assert main(["docs", "limts"]) == 2
    captured = capsys.readouterr()
    assert "no topic 'limts'" in captured.err and "did you mean 'limits'?" in captured.err
    assert "internal error" not in captured.err and captured.out == ""


def _hinted_topics() -> dict[str, list[str]]:
    """`briefing docs <topic>`, in backticks as every hint writes it, in each source file of
    the package -> the files."""
    found: dict[str, list[str]] = {}
    for file in sorted(SOURCE.rglob("*")):
        if file.suffix in (".py", ".yaml", ".md", ".csv"):
            for topic in re.findall(r"`briefing docs ([a-z][\w./-]*)`", file.read_text("utf-8")):
                found.setdefault(topic, []).append(file.name)
    return found


def it_sends_every_hint_to_a_topic_that_exists() -> None:
    hinted = _hinted_topics()
    # the limits' hint, the page breaks', templates', an empty briefing.yaml's, --json's
    assert {"limits", "content-format", "cli"} <= set(hinted), hinted
    for topic in hinted:
        assert topic_text(topic), (topic, hinted[topic])


def _strings(tree: ast.AST) -> list[str]:
    """The string constants of a module that are not docstrings: what users are told."""
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef)
                  and node.body and isinstance(node.body[0], ast.Expr)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in docstrings]


@pytest.mark.parametrize("file", sorted(SOURCE.rglob("*.py")),
                         ids=lambda f: str(f.relative_to(SOURCE)))
def it_names_no_docs_file_in_what_it_tells_users(file) -> None:
    told = _strings(ast.parse(file.read_text("utf-8")))
    assert not [text for text in told if re.search(r"docs/[\w-]+\.md", text)]


def it_finds_every_page_and_the_fonts_readme() -> None:
    found = topics()
    assert {page.stem for page in DOCS.glob("*.md")} | {"fonts"} <= set(found)
    assert found["fonts"].read_text("utf-8") == (ROOT / "fonts" / "README.md").read_text("utf-8")
