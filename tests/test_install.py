"""The wheel carries the themes, fonts, documentation and the new briefing's files: installed
outside the checkout, `briefing new`, `briefing build` and `briefing docs` work from any
folder."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, pdf_text


def it_lists_every_package_of_the_source_tree() -> None:
    """A mapped folder rules out packages.find: the list in pyproject.toml must be whole."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    found = {".".join(p.parent.relative_to(ROOT / "src").parts)
             for p in (ROOT / "src" / "briefing").rglob("__init__.py")}
    mapped = {name for name in config["package-dir"] if name}
    assert set(config["packages"]) == found | mapped
    for name, folder in config["package-dir"].items():
        if name:
            assert (ROOT / folder / "__init__.py").is_file(), folder


def _setuptools_builds_wheels() -> bool:
    """setuptools 70.1+ builds wheels itself (no network for a build environment)."""
    if importlib.util.find_spec("setuptools") is None:
        return False
    from importlib.metadata import version
    major, minor = (int(n) for n in version("setuptools").split(".")[:2])
    return (major, minor) >= (70, 1)


@pytest.mark.skipif(not _setuptools_builds_wheels(),
                    reason="needs setuptools >= 70.1 beside pytest to build the wheel offline")
def it_builds_a_wheel_that_works_outside_the_checkout(tmp_path: Path) -> None:
    # the wheel is built from a copy of what the project ships, not in the checkout
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "src", "styles", "fonts", "docs"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, source / name, **({"ignore": shutil.ignore_patterns(
            "*.egg-info", "__pycache__")} if (ROOT / name).is_dir() else {}))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "-w", str(tmp_path / "dist"), str(source)],
                   check=True, capture_output=True, timeout=300)
    [wheel] = (tmp_path / "dist").glob("briefing-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    # every theme, font, licence, page of documentation and example file it tells to copy
    packages = {"styles": "styles", "fonts": "font_files", "docs": "doc_files"}
    for folder, shipped in (("styles", "*.yaml"), ("fonts", "*.ttf"), ("fonts", "*.txt"),
                            ("fonts", "README.md"), ("docs", "*.md"), ("docs", "examples/*")):
        for file in (ROOT / folder).glob(shipped):
            inside = file.relative_to(ROOT / folder).as_posix()
            assert f"briefing/{packages[folder]}/{inside}" in names, file
    assert "briefing/scaffold/figures.csv" in names

    # a fresh environment: the wheel, and the dependencies this one has (offline; .ci/run
    # installs them from the package index instead)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-deps", str(wheel)], check=True, capture_output=True, timeout=300)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path("
                           "'purelib'))"], check=True, capture_output=True, text=True)
    (Path(site.stdout.strip()) / "dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", "utf-8")

    work = tmp_path / "work"  # an empty folder, no styles/ above it
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["BRIEFING_CACHE_DIR"] = str(tmp_path / "cache")
    script = venv / ("Scripts/briefing.exe" if os.name == "nt" else "bin/briefing")

    def briefing(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(script), *args], cwd=work, env=env, capture_output=True,
                              text=True, timeout=300)

    where = subprocess.run([str(python), "-c", "import briefing; print(briefing.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(venv)  # not the checkout's
    made = briefing("new", "my-brief")
    assert made.returncode == 0, made.stderr
    built = briefing("build", "my-brief", "--theme", "gov")
    # the one warning expected: the gov theme names fonts it does not embed (issue 16); and,
    # the cache being empty, the line saying the font cache is prepared (issue 19)
    expected = ("the DOCX names fonts it does not embed", "preparing the font cache (the")
    assert built.returncode == 0 and all(any(e in line for e in expected)
                                         for line in built.stderr.splitlines()), built.stderr
    text = re.sub(r"\s+", "", "".join(pdf_text(work / "build" / "my-brief.pdf")))
    assert "示例区全年新签约项目33个，总投资112.5亿元。" in text
    import docx
    styles = docx.Document(str(work / "build" / "my-brief.docx")).styles
    assert styles["Body Text"].font.name == "仿宋_GB2312"  # the gov theme, as installed

    # the documentation the hints name (`see briefing docs limits`), as installed
    limits = briefing("docs", "limits")
    assert limits.returncode == 0, limits.stderr
    assert limits.stdout == (ROOT / "docs" / "limits.md").read_text("utf-8")
    listed = briefing("docs")
    assert listed.returncode == 0 and "content-format  The content format" in listed.stdout
