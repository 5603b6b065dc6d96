"""The pipeline's steps, each reachable on its own: validation's result, the build from
explicit settings, the style-name check, the theme resolved for the layout, and the writers
table with its options (a redline is the DOCX written with revisions)."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from briefing.build import BuildSettings, build_document
from briefing.content.delegations import Delegation
from briefing.content.schema import Validation, validate
from briefing.errors import ContentError
from briefing.layout import choose_layout, layout_named
from briefing.model import Bilingual, FigureTable, Heading, Paragraph
from briefing.pipeline import (
    load_content,
    prepare,
    prepare_content,
    prepare_edition,
    prepare_theme,
    redline_options,
    render,
)
from briefing.style_names import check_styles
from briefing.writers import WRITERS, WriteOptions, write
from tests.conftest import SAMPLE, edit_briefing, problems_of

STEPS = ["load_content", "validate", "resolve_theme", "build_document", "check_styles",
         "check_glyphs", "write_pdf", "write_docx"]


def it_logs_each_step_by_its_name_in_order(caplog) -> None:
    with caplog.at_level(logging.INFO, logger="briefing"):
        prepared = prepare(SAMPLE)
        for fmt in WRITERS:
            render(prepared, fmt)
    logged = [r.getMessage().split(" - ")[1].split()[0] for r in caplog.records
              if r.getMessage().startswith("Step ")]
    assert logged == STEPS


def validated(folder: Path) -> Validation:
    briefing_file, figure_files = load_content(folder)
    return validate(folder, briefing_file, figure_files, choose_layout(briefing_file.data))


def it_validates_into_what_the_text_check_needs(make_briefing) -> None:
    folder = make_briefing()
    edit_briefing(folder, "{zh: 创历史新高。, en: A record high.}",
                  "{zh: 创历史新高。, en: A record high.}\n          colour: red")
    edit_briefing(folder, "signed {{ signed_projects }}", "signed {{ signed_project }}")
    checked = validated(folder)
    assert checked.content is None
    assert [p.field_path for p in checked.problems] == ["sections[0].blocks[2].callout.colour"]
    assert set(checked.figures) == {"signed_projects", "signed_investment"}
    assert checked.broken_figures == set()
    # so the texts are checked against the figures in the same run
    assert sorted(p.field_path for p in problems_of(folder)) == [
        "sections[0].blocks[0].paragraph.en", "sections[0].blocks[2].callout.colour"]


def it_keeps_the_ids_of_invalid_figures_out_of_the_text_check(make_briefing) -> None:
    folder = make_briefing()
    figures = folder / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 33", "value: many"), "utf-8")
    checked = validated(folder)
    assert checked.content is None and checked.figures == {}  # the file did not validate
    assert checked.broken_figures == {"signed_projects", "signed_investment"}
    # the texts quoting them are not reported as quoting unknown figures
    assert [p.field_path for p in problems_of(folder)] == ["figures.signed_projects.value"]


def it_builds_the_model_from_explicit_settings(make_briefing) -> None:
    content = prepare_content(make_briefing())
    labels = {name: Bilingual(f"{name}-zh", f"{name}-en") for name in (
        "table_figure", "table_value", "table_as_of", "table_source", "sources", "page")}
    numbering = (Bilingual("第{chinese}部分", "Part {decimal}. "),)
    settings = BuildSettings("no-theme", labels, numbering)
    document = build_document(content, settings, layout_named("en"))
    assert (document.theme, document.layout, document.languages) == ("no-theme", "en", ("en",))
    headings = [b for b in document.blocks if isinstance(b, Heading)]
    assert [h.number for h in headings] == [Bilingual("第一部分", "Part 1. "),
                                            Bilingual("第二部分", "Part 2. ")]
    assert headings[-1].text.en[0].text == "sources-en"  # the Sources section
    table = next(b for b in document.blocks if isinstance(b, FigureTable))
    assert [h.en for h in table.header] == ["table_figure-en", "table_value-en",
                                            "table_as_of-en"]


def it_checks_style_names_in_a_step_of_their_own(make_briefing) -> None:
    folder = make_briefing()
    text = edit_briefing(folder, "      - kpis:", "        style: Body Txt\n      - kpis:")
    content = prepare_content(folder)
    theme = prepare_theme(content)
    # the build keeps the name as written; the check, against the theme, locates it
    document = build_document(content, BuildSettings(theme.name, theme.labels), content.layout)
    assert next(b for b in document.blocks if isinstance(b, Paragraph)).style == "Body Txt"
    [problem] = check_styles(content, theme)
    line = text.splitlines().index("        style: Body Txt") + 1
    assert (problem.file, problem.line, problem.field_path) == (
        folder / "briefing.yaml", line, "sections[0].blocks[0].style")
    assert (problem.message, problem.hint) == ("unknown style 'Body Txt' (theme investor)",
                                               "did you mean 'Body Text'?")
    edit_briefing(folder, "style: Body Txt", "style: Body Text")
    assert check_styles(prepare_content(folder), theme) == []


def it_resolves_the_theme_for_the_layout(make_briefing) -> None:
    folder = make_briefing()
    stacked = prepare_theme(prepare_content(folder))
    english = prepare_theme(prepare_content(folder, "en"))
    # English under the Chinese is smaller; as the main text, it takes the Chinese size
    assert stacked.styles["Heading 1 English"].size_pt < stacked.styles["Heading 1"].size_pt
    assert english.styles["Heading 1 English"].size_pt == english.styles["Heading 1"].size_pt


def tracked_changes(data: bytes) -> tuple[list[str], list[str]]:
    body = docx.Document(io.BytesIO(data)).element.body
    deleted = ["".join(t.text for t in e.iter(qn("w:delText"))) for e in body.iter(qn("w:del"))]
    inserted = ["".join(t.text for t in e.iter(qn("w:t"))) for e in body.iter(qn("w:ins"))]
    return deleted, inserted


OLD_FIGURES = {"signed_investment": {"value": "12000000000", "as_of": "2023-12-31"}}


def it_writes_a_redline_as_a_writer_option(make_briefing) -> None:
    prepared = prepare(make_briefing())
    options = redline_options(prepared, OLD_FIGURES)
    assert options.revisions is not None
    assert options.revisions.previous["112.5亿元"] == "120亿元"  # then, and now
    redline = write("docx", prepared.document, prepared.theme, options)
    deleted, inserted = tracked_changes(redline)
    assert "120" in deleted and "112.5" in inserted
    assert "12" in deleted and "11.25" in inserted  # RMB 12 billion -> RMB 11.25 billion
    assert tracked_changes(write("docx", prepared.document, prepared.theme)) == ([], [])
    assert render(prepared, "docx", options) == redline  # the pipeline's step, the same table


def it_warns_that_a_pdf_shows_no_tracked_changes(make_briefing, caplog) -> None:
    prepared = prepare(make_briefing())
    options = redline_options(prepared, OLD_FIGURES)
    plain = write("pdf", prepared.document, prepared.theme, WriteOptions())
    with caplog.at_level(logging.WARNING, logger="briefing"):
        asked = write("pdf", prepared.document, prepared.theme, options)
    assert asked == plain
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "a PDF cannot show tracked changes: the redline is a DOCX only"]


def imported_by(module: str) -> set[str]:
    """The briefing modules a module imports, as dotted names (relative imports resolved)."""
    import ast
    import importlib.util

    spec = importlib.util.find_spec(f"briefing.{module}")
    assert spec is not None and spec.origin is not None
    package = spec.name if spec.submodule_search_locations else spec.name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(Path(spec.origin).read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            name = "." * node.level + (node.module or "")
            found.add(importlib.util.resolve_name(name, package) if node.level else name)
    return found


def it_keeps_the_dependencies_pointing_down_the_pipeline() -> None:
    # the build reads BuildSettings and a Layout, never the theme; the writers' options
    # (revisions) need only the model
    for module in ("build", "layout", "model", "revisions"):
        assert not {m for m in imported_by(module)
                    if m.startswith(("briefing.theme", "briefing.writers"))}, module
    assert not {m for m in imported_by("revisions")
                if m.startswith(("briefing.content", "briefing.build"))}


def it_checks_the_styles_of_blocks_an_edition_leaves_out(make_briefing) -> None:
    folder = make_briefing()
    edit_briefing(folder, "      - kpis:", "        style: Body Txt\n        tags: [culture]\n"
                  "      - kpis:")
    visitors = Delegation.model_validate({"id": "acme", "name": {"zh": "代表团", "en": "ACME"},
                                          "visit_date": "2024-03-12",
                                          "include_tags": ["investment"]})
    content = prepare_content(folder)
    with pytest.raises(ContentError) as caught:  # what `check` refuses, no edition builds
        prepare_edition(content, prepare_theme(content), edition=visitors)
    assert [d.field_path for d in caught.value.diagnostics] == ["sections[0].blocks[0].style"]
