"""Shared fixtures: the sample briefing built once, small briefings made on the fly, and
readers that open what was built (PDF text and fonts, DOCX parts)."""

from __future__ import annotations

import difflib
import functools
import io
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pytest
from filelock import FileLock

import briefing
from briefing.errors import ContentError, Diagnostic

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "xicheng-2023"
MINIMAL = Path(__file__).parent / "fixtures" / "minimal"
GOLDEN_DIFF_LINES = 80  # of a failing golden comparison, shown in the message


def shared_tmp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every process of this test run sees: under pytest-xdist, the run's base
    folder above the workers' own; otherwise the session's."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def _font_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never write into the user's cache. The workers of one run share a cache (it
    is safe for concurrent builds, as a batch's workers use it), so each font subset and
    chart picture is made once per run rather than once per worker."""
    cache = shared_tmp(tmp_path_factory) / "cache"
    cache.mkdir(exist_ok=True)
    previous = os.environ.get("BRIEFING_CACHE_DIR")
    os.environ["BRIEFING_CACHE_DIR"] = str(cache)
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


def made_once(folder: Path, make: Callable[[Path], list[Path]]) -> list[Path]:
    """What `make(folder)` writes into `folder` (a folder of `shared_tmp`), made by the first
    process of the test run that asks, under a lock, while the others wait for it."""
    done = folder.with_name(f"{folder.name}.done")  # written last: what came before is whole
    with FileLock(folder.with_name(f"{folder.name}.lock")):
        if not done.exists():
            done.write_text("\n".join(p.name for p in make(folder)), "utf-8")
    return [folder / name for name in done.read_text("utf-8").splitlines()]


Edition = Callable[..., dict[str, Path]]


@pytest.fixture(scope="session")
def sample_edition(tmp_path_factory: pytest.TempPathFactory) -> Edition:
    """The sample briefing in a theme and a layout, both formats, built once for the whole
    test run and shared by its workers: `sample_edition("gov", "zh")["pdf"]`. Tests only
    read these files."""
    folder = shared_tmp(tmp_path_factory) / "editions"
    folder.mkdir(exist_ok=True)

    @functools.cache
    def edition(theme: str = "investor", layout: str = "stacked") -> dict[str, Path]:
        paths = made_once(folder / f"{theme}-{layout}", lambda out: briefing.build(
            SAMPLE, out, theme=theme, layout=layout))
        return {p.suffix.lstrip("."): p for p in paths}

    return edition


@pytest.fixture(scope="session")
def sample_build(sample_edition: Edition) -> dict[str, Path]:
    """The sample briefing as `briefing build` makes it by default: {'pdf': path,
    'docx': path}."""
    return sample_edition()


@pytest.fixture
def make_briefing(tmp_path: Path):
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


def assert_golden(actual: str, golden: Path, update: bool) -> None:
    """`actual` must be the text of `golden`; `pytest --update-goldens` writes it instead (and
    skips the test). A missing golden fails: a test that writes its own expectation proves
    nothing. On a difference, the message shows a unified diff."""
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        pytest.skip(f"wrote {golden.name}")
    if not golden.exists():
        pytest.fail(f"{golden} is missing: run `pytest --update-goldens` and review it",
                    pytrace=False)
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                         f"{golden.name} (expected)", "actual", lineterm=""))
        shown = "\n".join(diff[:GOLDEN_DIFF_LINES])
        more = len(diff) - GOLDEN_DIFF_LINES
        pytest.fail(f"differs from {golden} (after an intended change: pytest "
                    f"--update-goldens, then review the diff):\n{shown}"
                    + (f"\n... {more} more diff lines" if more > 0 else ""), pytrace=False)


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
    """The text of each page, as a PDF reader extracts it: a word hyphenated at a line end
    joined again (pdfium reports that hyphen as U+FFFE)."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        return [re.sub("\ufffe\\s*", "", pdf[i].get_textpage().get_text_range())
                for i in range(len(pdf))]
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


def pdf_glyphs(path: Path, char: str) -> dict[str, bool]:
    """For each font of the PDF that has a code for `char` (in its ToUnicode map, as a
    reader extracts text), whether its embedded font program draws that code: a glyph with
    an outline, not an empty one. Read with pypdf and fontTools."""
    from fontTools.ttLib import TTFont

    found: dict[str, bool] = {}
    for page in pypdf.PdfReader(str(path)).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if "/ToUnicode" not in font or "/FontDescriptor" not in font:
                continue
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            codes = [int(code, 16) for code, unicode in
                     re.findall(r"<([0-9A-F]{2})> <([0-9A-F]{4})>", cmap)
                     if int(unicode, 16) == ord(char)]
            if not codes:
                continue
            program = font["/FontDescriptor"].get_object()["/FontFile2"].get_object()
            embedded = TTFont(io.BytesIO(program.get_data()))
            glyphs = {code: name for table in embedded["cmap"].tables
                      for code, name in table.cmap.items()}
            found[str(font["/BaseFont"]).lstrip("/")] = all(
                code in glyphs and embedded["glyf"][glyphs[code]].numberOfContours != 0
                for code in codes)
    return found


def paragraph_text(paragraph) -> str:  # type: ignore[no-untyped-def]
    """A DOCX paragraph's text as Word shows and finds it. python-docx's Paragraph.text
    skips runs inside content controls (w:sdt), where figure values are; deleted text of a
    tracked change (w:delText) is not shown."""
    from docx.oxml.ns import qn

    element = getattr(paragraph, "_p", paragraph)
    return "".join(t.text or "" for t in element.iter(qn("w:t")))


def style_name(paragraph) -> str:  # type: ignore[no-untyped-def]
    """A DOCX paragraph's style, a variant (writers/docx/spacing.py: "Heading 1 After
    Call-out", "Table Note English End of Table", "Table Note Kept With Next") read as the
    style it is based on."""
    import re

    style = paragraph.style
    while re.search(r" ((After|End of) (Table|Call-out|KPI)|Kept With Next)$", style.name):
        style = style.base_style
    return str(style.name)


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

