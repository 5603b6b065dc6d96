"""The sample DOCX against golden copies of its main parts in tests/docx/refs/: the list of
package parts with their content types, word/document.xml and word/styles.xml. Compared as
parsed, canonicalised XML (attribute order, namespace declarations, quoting and indentation
do not count; elements, attributes and text do), never as zip bytes. After an intended
change: `pytest tests/docx/test_golden.py --update-goldens`, then review the diff."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import assert_golden

REFS = Path(__file__).parent / "refs"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def canonical(data: bytes) -> str:
    """The XML as canonical XML (C14N 1.0: attributes and namespace declarations sorted,
    every declaration kept, as mc:Ignorable needs its prefixes), one element a line.
    Whitespace between elements is dropped first; the text of an element without children
    (w:t) is kept as it is."""
    root = etree.fromstring(data)
    for element in root.iter():
        if len(element) and element.text and not element.text.strip():
            element.text = None
        if element.tail is not None and not element.tail.strip():
            element.tail = None
    c14n = etree.tostring(root, method="c14n")
    return etree.tostring(etree.fromstring(c14n), pretty_print=True, encoding="unicode")


def parts(package: zipfile.ZipFile) -> str:
    """Each part of the package with its content type, one a line, sorted by name."""
    types = etree.fromstring(package.read("[Content_Types].xml"))
    by_name = {e.get("PartName"): e.get("ContentType") for e in types.iter(f"{CT}Override")}
    by_ext = {e.get("Extension"): e.get("ContentType") for e in types.iter(f"{CT}Default")}
    lines = []
    for name in sorted(package.namelist()):
        content_type = by_name.get(f"/{name}") or by_ext.get(name.rsplit(".", 1)[-1], "?")
        lines.append(f"{name} {content_type}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def package(sample_build: dict[str, Path]) -> Iterator[zipfile.ZipFile]:
    with zipfile.ZipFile(sample_build["docx"]) as opened:
        yield opened


def it_has_the_golden_list_of_parts(package: zipfile.ZipFile, update_goldens: bool) -> None:
    assert_golden(parts(package), REFS / "parts.txt", update_goldens)


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml"])
def it_writes_the_golden_xml(part: str, package: zipfile.ZipFile, update_goldens: bool) -> None:
    golden = REFS / part.rsplit("/", 1)[-1]
    assert_golden(canonical(package.read(part)), golden, update_goldens)
