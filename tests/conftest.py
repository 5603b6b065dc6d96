"""Shared fixtures: the sample briefing built once, small briefings made on the fly, and
readers that open what was built (PDF text and fonts, DOCX parts)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest

import briefing
from briefing.errors import ContentError, Diagnostic

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "xicheng-2023"
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"


@pytest.fixture(scope="session", autouse=True)
def _font_cache(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Tests never write into the user's cache."""
    import os
    previous = os.environ.get("BRIEFING_CACHE_DIR")
    os.environ["BRIEFING_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        del os.environ["BRIEFING_CACHE_DIR"]
    else:
        os.environ["BRIEFING_CACHE_DIR"] = previous


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite expected outputs (review the diff before committing)")


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample briefing built once for the whole session: {'pdf': path, 'docx': path}."""
    out = tmp_path_factory.mktemp("sample")
    paths = briefing.build(SAMPLE, out)
    return {p.suffix.lstrip("."): p for p in paths}


@pytest.fixture
def make_briefing(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A copy of the minimal briefing, with files replaced or edited as a test needs."""

    def make(briefing_yaml: str | None = None, figures_yaml: str | None = None,
             name: str = "mini") -> Path:
        folder = tmp_path / name
        shutil.copytree(MINIMAL, folder)
        if briefing_yaml is not None:
            (folder / "briefing.yaml").write_text(briefing_yaml, encoding="utf-8")
        if figures_yaml is not None:
            (folder / "figures.yaml").write_text(figures_yaml, encoding="utf-8")
        return folder

    return make


def edit_briefing(folder: Path, old: str, new: str) -> str:
    """Replace text in the folder's briefing.yaml (it must be there); returns the new text."""
    file = folder / "briefing.yaml"
    text = file.read_text("utf-8")
    assert old in text, old
    text = text.replace(old, new)
    file.write_text(text, "utf-8")
    return text


def problems_of(folder: Path) -> list[Diagnostic]:
    """What `briefing check` reports for a folder it must refuse."""
    with pytest.raises(ContentError) as caught:
        briefing.check(folder)
    return caught.value.diagnostics


def pdf_text(path: Path) -> list[str]:
    """The text of each page, as a PDF reader extracts it."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def pdffonts(path: Path) -> list[dict[str, str]]:
    """poppler's pdffonts table: one dict per font with name, emb, sub."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    fonts = []
    for line in out.stdout.splitlines()[2:]:
        cols = line.split()
        # name type [type2] encoding emb sub uni id gen
        fonts.append({"name": cols[0], "emb": cols[-5], "sub": cols[-4]})
    return fonts


def pdf_fonts(path: Path) -> list[dict[str, str]]:
    """Every font the pages use, read with pypdf: name, embedded (a font file in its
    descriptor) and subset (the ABCDEF+ name prefix), as pdffonts decides them."""
    reader = pypdf.PdfReader(str(path))
    found: dict[str, dict[str, str]] = {}
    for page in reader.pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descriptor_owner = font
            if font.get("/Subtype") == "/Type0":
                descriptor_owner = font["/DescendantFonts"][0].get_object()
            descriptor = descriptor_owner.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            name = str(font.get("/BaseFont", "")).lstrip("/")
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            subset = bool(re.match(r"[A-Z]{6}\+", name))
            found[name] = {"name": name, "emb": "yes" if embedded else "no",
                           "sub": "yes" if subset else "no"}
    return list(found.values())


def paragraph_text(paragraph) -> str:  # type: ignore[no-untyped-def]
    """A DOCX paragraph's text as Word shows and finds it. python-docx's Paragraph.text
    skips runs inside content controls (w:sdt), where figure values are; deleted text of a
    tracked change (w:delText) is not shown."""
    from docx.oxml.ns import qn

    element = getattr(paragraph, "_p", paragraph)
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def libreoffice_pdf(data: bytes, folder: Path) -> Path:
    """LibreOffice's PDF of a DOCX, as a reader without our fonts would get it (see
    libreoffice_convert)."""
    return libreoffice_convert({"doc": data}, folder)["doc"]


def libreoffice_convert(documents: dict[str, bytes], folder: Path,
                        to: str = "pdf") -> dict[str, Path]:
    """Several DOCX converted by one LibreOffice run (it takes seconds to start), as a
    reader without our fonts would get them: a font configuration that sees
    /usr/share/fonts only (not /usr/local/share/fonts, where a developer may have installed
    Noto Sans SC) and a fresh profile of its own (LibreOffice keeps fonts extracted from
    documents there). `to` is LibreOffice's target ("pdf", "docx": open and save)."""
    import os
    folder.mkdir(parents=True)
    (folder / "fonts.conf").write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        f"<fontconfig><dir>/usr/share/fonts</dir><cachedir>{folder}/fc-cache</cachedir>"
        '<include ignore_missing="yes">/etc/fonts/conf.d</include></fontconfig>')
    (folder / "in").mkdir()
    for name, data in documents.items():
        (folder / "in" / f"{name}.docx").write_bytes(data)
    env = dict(os.environ, FONTCONFIG_FILE=str(folder / "fonts.conf"), HOME=str(folder),
               SAL_USE_VCLPLUGIN="svp")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless",
                    "--convert-to", to, "--outdir", str(folder),
                    *(str(folder / "in" / f"{name}.docx") for name in documents)],
                   env=env, capture_output=True, check=True, timeout=180 * len(documents))
    extension = to.split(":")[0]
    converted = {name: folder / f"{name}.{extension}" for name in documents}
    for path in converted.values():
        # LibreOffice exits 0 even when it could not convert: the file must be there
        assert path.is_file(), f"LibreOffice did not convert {path.name}"
    return converted


def libreoffice_fonts(data: bytes, folder: Path) -> list[dict[str, str]]:
    """pdffonts' table of LibreOffice's PDF of a DOCX (see libreoffice_pdf)."""
    return pdffonts(libreoffice_pdf(data, folder))
