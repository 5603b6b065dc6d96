"""update-draft, as it will be used: an official edits the Word draft (in Word through
python-docx, then opens and saves it in LibreOffice), the statistics office changes three
figures, and update-draft brings the new figures into the official's own file as tracked
changes, keeping every edit."""

from __future__ import annotations

import io
import logging
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx_plus.revisions import accept_all_revisions, read_revisions
from lxml import etree

import briefing
from briefing import DraftError, update_draft
from briefing.changes import snapshot
from briefing.cli import main
from briefing.pipeline import prepare
from briefing.writers import EditedDraft, WriteOptions, read_draft, write
from briefing.writers.docx.figuremarks import marked_ranges, read_register, run_text
from tests.conftest import SAMPLE, libreoffice_convert, paragraph_text
from tests.docx.test_libreoffice import needs_libreoffice

# three figures the statistics office changes: one typed over once by the official, one
# also quoted in the section the official removes, one plainly updated
NEW_VALUES = {"signed_investment": "11800000000", "livelihood_spending": "210000000",
              "parking_spaces": "1200"}
REMOVED_SECTION = "民生福祉持续增进"
OVERTYPED = "约113亿元"
REWRITTEN = "党建引领各项工作，基层组织建设全面加强（经办人改写）。"
ADDED_ROW = ("新增指标（经办人添加）", "99项", "2023年末")
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _texts(document) -> list[str]:
    return [paragraph_text(p) for p in document.element.body.iter(qn("w:p"))]


def _heading_section(body, heading: str) -> list:
    """The body elements of one section: its Heading 1 up to the next Chinese Heading 1."""
    elements, inside = [], False
    for element in body:
        style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        # Heading 1, or its variant after a box (Heading1AfterCall-out)
        is_heading = style is not None and re.fullmatch(r"Heading1(After.*)?",
                                                         style.get(qn("w:val")))
        if is_heading:
            if inside:
                break
            inside = paragraph_text(element) == heading
        if inside:
            elements.append(element)
    assert elements, heading
    return elements


def _edit_as_a_person(path: Path, register) -> tuple[set[str], str]:
    """Rewrite a paragraph, remove a section, add a table row, type over one figure.
    Returns the bookmarks removed with the section and the one typed over."""
    document = docx.Document(str(path))
    body = document.element.body
    removed = _heading_section(body, REMOVED_SECTION)
    removed_marks = {b.get(qn("w:name")) for e in removed for b in e.iter(qn("w:bookmarkStart"))}
    for element in removed:
        body.remove(element)
    # a paragraph without figures, rewritten
    party = _heading_section(body, "党建基础保障夯实")
    paragraph = next(docx.text.paragraph.Paragraph(e, document) for e in party[1:]
                     if e.tag == qn("w:p") and len(paragraph_text(e)) > 20
                     and not list(e.iter(qn("w:sdt"))))
    paragraph.text = REWRITTEN
    # a row added to the first figure table
    table = document.tables[[i for i, t in enumerate(document.tables)
                             if t.style is not None and t.style.name == "Figure Table"][0]]
    row = table.add_row()
    for cell, text in zip(row.cells, ADDED_ROW, strict=True):
        cell.paragraphs[0].add_run(text)
    # the first Chinese signed_investment value in the text, typed over
    overtyped = next(v.bookmark for v in register.values
                     if v.figure == "signed_investment" and v.lang == "zh")
    runs = dict(marked_ranges(body))[overtyped]
    for run in runs[1:]:
        run.getparent().remove(run)
    runs[0].find(qn("w:t")).text = OVERTYPED
    document.save(str(path))
    return removed_marks, overtyped


def _libreoffice_changes(path: Path, folder: Path) -> list[tuple[str, str, str]]:
    """The tracked changes as LibreOffice lists them: (kind, author, text), from its own
    flat ODF."""
    flat = libreoffice_convert({"result": path.read_bytes()}, folder, to="fodt")["result"]
    root = etree.parse(str(flat)).getroot()
    changes = []
    for region in root.iter(f"{{{TEXT_NS}}}changed-region"):
        for kind in ("insertion", "deletion"):
            change = region.find(f"{{{TEXT_NS}}}{kind}")
            if change is not None:
                creator = change.find(".//{http://purl.org/dc/elements/1.1/}creator")
                text = "".join(change.itertext()) if kind == "deletion" else ""
                changes.append((kind, creator.text if creator is not None else "", text))
    return changes


@needs_libreoffice
def it_brings_new_figures_into_an_edited_draft_as_tracked_changes(tmp_path: Path) -> None:
    folder = tmp_path / "xicheng-2023"
    shutil.copytree(SAMPLE, folder)
    built = briefing.build(folder, tmp_path / "build", formats=("docx",))[0]
    register = read_register(docx.Document(str(built)))
    before = snapshot(prepare(folder))["figures"]

    edited = tmp_path / "official.docx"
    shutil.copy(built, edited)
    removed_marks, overtyped = _edit_as_a_person(edited, register)
    saved = libreoffice_convert({"official": edited.read_bytes()}, tmp_path / "lo-save",
                                to="docx")["official"]
    official = tmp_path / "official-saved.docx"
    shutil.copy(saved, official)
    official_bytes = official.read_bytes()

    figures = folder / "figures.csv"
    text = figures.read_text("utf-8-sig")
    for fig_id, value in NEW_VALUES.items():
        text, count = re.subn(rf"^({fig_id},(?:\"[^\"]*\"|[^,]*),(?:\"[^\"]*\"|[^,]*)),\d+,",
                              rf"\g<1>,{value},", text, flags=re.M)
        assert count == 1, fig_id
    figures.write_text(text, "utf-8")
    after = snapshot(prepare(folder))["figures"]
    changed = {f for f in after if after[f]["text"] != before[f]["text"]}
    assert set(NEW_VALUES) <= changed

    # LibreOffice kept the marks (it empties the content controls' tags)
    assert {v.bookmark for v in register.values} - removed_marks <= set(
        dict(marked_ranges(docx.Document(str(official)).element.body)))
    result = update_draft(official, tmp_path / "updated.docx", briefing=folder)
    assert official.read_bytes() == official_bytes  # the official's file is untouched

    # exactly the expected tracked changes: one deletion and one insertion per value of a
    # changed figure that is still there as printed (their labels, dates and sources, also
    # marked, are as they were)
    expected = [v for v in register.values if v.figure in changed and v.attribute is None
                and v.bookmark not in removed_marks and v.bookmark != overtyped]
    assert {v.attribute for v in register.values if v.figure in changed} > {None}
    assert {v.figure for v in expected} == changed and len(expected) >= 8
    assert any(v.figure == "livelihood_spending" and v.bookmark in removed_marks
               for v in register.values)
    document = docx.Document(str(result.output))
    revisions = read_revisions(document)
    deletions = [r for r in revisions if r.revision_type == "deletion"]
    insertions = [r for r in revisions if r.revision_type == "insertion"]
    assert sorted(r.text for r in deletions) == sorted(v.text for v in expected)
    assert sorted(r.text for r in insertions) == sorted(
        after[v.figure]["text"][v.lang].replace("\u00a0", " ") for v in expected)
    assert {r.author for r in revisions} == {"briefing (漯河市西城区人民政府)"}
    assert {r.timestamp.date().isoformat() for r in revisions} == {"2024-01-15"}
    # ... and as LibreOffice lists them
    listed = _libreoffice_changes(result.output, tmp_path / "lo-list")
    assert sorted(k for k, _, _ in listed) == sorted(["deletion", "insertion"] * len(expected))
    assert {a for _, a, _ in listed} == {"briefing (漯河市西城区人民政府)"}

    # the report: what was updated, the value typed over, the values removed with the section
    report = result.report
    assert len(report["updated"]) == len(expected)
    assert [c["bookmark"] for c in report["conflicts"]] == [overtyped]
    assert report["conflicts"][0]["found"] == OVERTYPED
    assert {d["bookmark"] for d in report["deleted"]} == removed_marks
    for path in result.reports:
        assert path.is_file()
    assert OVERTYPED in result.reports[0].read_text("utf-8")

    # every edit kept; accepting all changes gives the new figures
    accept_all_revisions(document)
    texts = _texts(document)
    joined = "\n".join(texts)
    assert REWRITTEN in texts
    assert REMOVED_SECTION not in texts
    assert all(cell in joined for cell in ADDED_ROW)
    assert OVERTYPED in joined
    for value in expected:
        new = after[value.figure]["text"][value.lang].replace("\u00a0", " ")
        assert run_text(dict(marked_ranges(document.element.body))[value.bookmark]) == new
    old_zh = before["signed_investment"]["text"]["zh"]
    assert old_zh not in joined  # all replaced but for the one typed over (now OVERTYPED)


def _built_then_changed(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the sample and its DOCX, then one figure changed: (folder, docx)."""
    folder = tmp_path / "xicheng-2023"
    shutil.copytree(SAMPLE, folder)
    built = briefing.build(folder, tmp_path / "build", formats=("docx",))[0]
    figures = folder / "figures.csv"
    figures.write_text(figures.read_text("utf-8-sig").replace(
        ",11250000000,", ",11800000000,"), "utf-8")
    return folder, built


def it_updates_a_draft_twice_without_repeating_itself(tmp_path: Path) -> None:
    """The updated draft's register records the new values: a second update finds
    nothing to do, and no tracked change is doubled."""
    folder, built = _built_then_changed(tmp_path)
    first = update_draft(built, tmp_path / "first.docx", briefing=folder)
    assert first.report["updated"] and not first.report["conflicts"]
    second = update_draft(first.output, tmp_path / "second.docx", briefing=folder)
    assert not second.report["updated"] and not second.report["conflicts"]
    count = len(read_revisions(docx.Document(str(second.output))))
    assert count == 2 * len(first.report["updated"])


def it_gives_the_same_bytes_for_the_same_draft_and_figures(tmp_path: Path) -> None:
    """Two updates of one draft with the same figures: the same file, byte for byte (the
    tracked changes numbered in document order, the zip dated with the edition's day)."""
    folder, built = _built_then_changed(tmp_path)
    outputs = [update_draft(built, tmp_path / f"run{n}.docx", briefing=folder).output
               for n in (1, 2)]
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    with zipfile.ZipFile(outputs[0]) as package:
        assert {info.date_time[:3] for info in package.infolist()} == {(2024, 1, 15)}
        body = etree.fromstring(package.read("word/document.xml"))
    ids = [int(e.get(qn("w:id"))) for e in body.iter(qn("w:ins"), qn("w:del"))]
    assert ids == list(range(1, len(ids) + 1)) and len(ids) >= 4


def _damaged(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _foreign(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Minutes of the meeting")
    document.save(str(path))


@pytest.mark.parametrize("spoil, message", [
    (_damaged, "not a readable Word document: this is a damaged or incomplete file"),
    (_foreign, "not a draft made by briefing"),
    (lambda path: path.write_text("hello", "utf-8"),
     "not a readable Word document: this is a text file"),
    (lambda path: path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), "this is a PDF"),
    (lambda path: path.write_bytes(b""), "this is an empty file"),
])
def it_refuses_a_file_that_is_not_one_of_our_drafts(spoil, message, tmp_path, capsys) -> None:
    draft = tmp_path / "draft.docx"
    built = briefing.build(SAMPLE, tmp_path / "build", formats=("docx",))[0]
    shutil.copy(built, draft)
    spoil(draft)
    before = draft.read_bytes()
    assert main(["update-draft", str(draft), "--briefing", str(SAMPLE)]) == 7
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert "zip" not in err.lower() or "ZIP package" in err  # in our words, not zipfile's
    assert "update-draft takes a Word draft (.docx) made by `briefing build`" in err \
        or "not a draft made by briefing" in err
    assert draft.read_bytes() == before
    assert not (tmp_path / "draft.updated.docx").exists()


def it_refuses_the_draft_of_another_briefing_and_writing_in_place(tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                   make_briefing) -> None:
    built = briefing.build(SAMPLE, tmp_path / "build", formats=("docx",))[0]
    other = make_briefing()
    with pytest.raises(DraftError, match="a draft of briefing 'xicheng-2023', not of 'mini'"):
        update_draft(built, tmp_path / "out.docx", briefing=other)
    with pytest.raises(DraftError, match="official's own file"):
        update_draft(built, built, briefing=SAMPLE)


def it_marks_each_figure_value_for_word_and_libreoffice(tmp_path: Path) -> None:
    """A content control tagged with briefing, edition and figure, holding a bookmark
    around the value; the register lists every bookmark."""
    built = briefing.build(SAMPLE, tmp_path, formats=("docx",))[0]
    document = docx.Document(str(built))
    register = read_register(document)
    assert (register.briefing, register.edition) == ("xicheng-2023", "2024-01-15")
    ranges = dict(marked_ranges(document.element.body))
    assert set(ranges) == {v.bookmark for v in register.values}
    for value in register.values:
        runs = ranges[value.bookmark]
        assert run_text(runs) == value.text
        sdt = next(runs[0].iterancestors(qn("w:sdt")))
        tag = sdt.find(qn("w:sdtPr")).find(qn("w:tag")).get(qn("w:val"))
        assert tag == f"briefing:xicheng-2023:2024-01-15:{value.key}"
        assert sdt.find(qn("w:sdtPr")).find(qn("w:text")) is None  # rich text (see module)
    assert {v.figure for v in register.values} >= {"signed_investment", "parking_spaces"}
    with zipfile.ZipFile(built) as package:
        assert any(name.startswith("customXml/item") for name in package.namelist())


def it_finds_the_briefing_named_by_the_draft(tmp_path: Path, monkeypatch, capsys) -> None:
    """Without --briefing: <id> or content/<id> here or above the draft."""
    folder = tmp_path / "xicheng-2023"
    shutil.copytree(SAMPLE, folder)
    built = briefing.build(folder, tmp_path / "build", formats=("docx",))[0]
    monkeypatch.chdir(tmp_path / "build")
    assert main(["update-draft", str(built)]) == 0
    said = capsys.readouterr().out
    assert "0 updated, 0 conflicts, 0 deleted" in said  # (1 conflict: test_update_renderings)
    assert (tmp_path / "build" / "xicheng-2023.updated.docx").is_file()


def it_updates_a_draft_as_a_docx_writer_option_whose_register_says_what_it_did(
        make_briefing, caplog) -> None:
    """WriteOptions.draft through the writers table: the DOCX writer returns the draft with
    the values as tracked changes, its register recording each value's outcome (what the
    report reads); the PDF writer warns and writes the document as it is."""
    prepared = prepare(make_briefing())
    built = write("docx", prepared.document, prepared.theme)
    given = read_draft(built, "built.docx")
    # signed_projects changes in English (wherever it is printed), its Chinese stays;
    # the other figure is not given: no longer in the content
    values_of = [v for v in given.values if v.figure == "signed_projects" and v.attribute is None]
    english = [v for v in values_of if v.lang == "en"]
    chinese = [v for v in values_of if v.lang == "zh"]
    assert english and chinese
    values = {("signed_projects", None, "en"): "34 projects",
              ("signed_projects", None, "zh"): chinese[0].text}
    options = WriteOptions(draft=EditedDraft(built, values))
    updated = write("docx", prepared.document, prepared.theme, options)
    register = read_draft(updated, "updated.docx")
    expected = {v.bookmark: "updated" if v in english else "unchanged" if v in chinese
                else "gone" for v in given.values}
    assert {o.value.bookmark: o.kind for o in register.outcomes} == expected
    assert [o.value for o in register.outcomes] == given.values
    assert [v.text for v in register.values if v.figure == "signed_projects"
            and v.attribute is None and v.lang == "en"] == ["34 projects"] * len(english)
    revisions = read_revisions(docx.Document(io.BytesIO(updated)))
    assert sorted((r.revision_type, r.text) for r in revisions) == sorted(
        [("deletion", v.text) for v in english] + [("insertion", "34 projects")] * len(english))
    assert given.outcomes == []  # a fresh build's register records no update

    plain = write("pdf", prepared.document, prepared.theme)
    with caplog.at_level(logging.WARNING, logger="briefing"):
        assert write("pdf", prepared.document, prepared.theme, options) == plain
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "a PDF cannot update a Word draft: this is the document as it is"]
