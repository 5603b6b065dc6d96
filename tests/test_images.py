"""A cover logo: drawn in both formats with alt text; a bad path or file is a located error."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pypdf
import pytest
from docx.oxml.ns import qn
from PIL import Image

import briefing
from briefing.errors import ContentError
from tests.conftest import edit_briefing, problems_of


def with_logo(folder: Path, logo: str) -> Path:
    text = (folder / "briefing.yaml").read_text("utf-8")
    text = text.replace("  date: 2024-01-15\n", f"  date: 2024-01-15\n  logo: {logo}\n")
    (folder / "briefing.yaml").write_text(text, "utf-8")
    return folder


def it_draws_the_logo_on_the_cover_of_both_formats(make_briefing, tmp_path: Path) -> None:
    folder = make_briefing()
    Image.new("RGB", (300, 120), (11, 79, 138)).save(folder / "logo.png")
    pdf, docx_path = briefing.build(with_logo(folder, "logo.png"), tmp_path)
    cover = pypdf.PdfReader(str(pdf)).pages[0]
    images = [o for o in cover["/Resources"]["/XObject"].values()
              if o.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1
    document = docx.Document(str(docx_path))
    assert len(document.inline_shapes) == 1
    alt = document.paragraphs[0]._p.find(".//" + qn("wp:docPr")).get("descr")
    assert alt == "测试区人民政府 / People’s Government of Test District"


@pytest.mark.parametrize("name, message", [
    ("/etc/passwd", "is an absolute path"),
    ("../outside.png", "is outside the briefing folder"),
    ("missing.png", "image 'missing.png' not found"),
    ("link.png", "is outside the briefing folder"),
    ("notes.png", "cannot be read"),
    ("huge.png", "the limit is 40,000,000"),
    ("pic.gif", "is GIF; use PNG or JPEG"),
])
def it_refuses_bad_images_with_the_line(name: str, message: str, make_briefing,
                                        tmp_path: Path) -> None:
    folder = make_briefing()
    (tmp_path / "outside.png").write_bytes(b"")
    os.symlink(tmp_path / "outside.png", folder / "link.png")
    (folder / "notes.png").write_text("not an image")
    Image.new("1", (8000, 6000)).save(folder / "huge.png")
    Image.new("RGB", (10, 10)).save(folder / "pic.gif")
    with pytest.raises(ContentError) as caught:
        briefing.check(with_logo(folder, name))
    [problem] = caught.value.diagnostics
    assert problem.field_path == "cover.logo" and problem.line == 6
    assert message in problem.message


def it_refuses_a_special_file_as_an_image(make_briefing) -> None:
    folder = make_briefing()
    os.mkfifo(folder / "pipe.png")  # reading it would block forever
    with pytest.raises(ContentError) as caught:
        briefing.check(with_logo(folder, "pipe.png"))
    assert "is not a regular file" in caught.value.diagnostics[0].message


def it_places_a_photo_block_in_both_formats_with_alt_text(make_briefing, tmp_path: Path) -> None:
    folder = make_briefing()
    Image.new("RGB", (800, 500), (200, 120, 40)).save(folder / "park.jpg")
    text = edit_briefing(folder, "      - kpis: [signed_projects, signed_investment]\n",
                         "      - kpis: [signed_projects, signed_investment]\n"
                         "      - image:\n          file: park.jpg\n"
                         "          alt: {zh: 产业园鸟瞰, en: The industrial park from above}\n"
                         "          caption: {zh: 智慧岛产业园, en: Smart Island Industrial Park}\n"
                         "          width_percent: 60\n"
                         "      - image:\n          file: ../outside.jpg\n"
                         "          alt: {zh: 图, en: Picture}\n")
    [problem] = problems_of(folder)
    assert problem.field_path == "sections[0].blocks[3].image.file"
    assert "outside the briefing folder" in problem.message
    bad = "      - image:\n          file: ../outside.jpg\n          alt: {zh: 图, en: Picture}\n"
    (folder / "briefing.yaml").write_text(text.replace(bad, ""), "utf-8")
    pdf, docx_path = briefing.build(folder, tmp_path)
    reader = pypdf.PdfReader(str(pdf))
    images = [x for page in reader.pages for x in page["/Resources"].get("/XObject", {}).values()
              if x.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1
    document = docx.Document(str(docx_path))
    alts = [d.get("descr") for d in document.element.body.iter(qn("wp:docPr"))]
    assert alts == ["产业园鸟瞰 / The industrial park from above"]
    assert "智慧岛产业园" in [p.text for p in document.paragraphs]
