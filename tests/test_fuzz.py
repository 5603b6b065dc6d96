"""Fuzzing: arbitrary text and arbitrary YAML go through the loader, the schema and both
writers; every run either builds valid files or explains itself with diagnostics, never an
uncaught exception. Bounded (a few dozen examples) so that CI stays fast."""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import briefing
from briefing.content.schema import BriefingFile
from briefing.errors import ContentError
from briefing.source.load import load_yaml
from briefing.source.parse import parse_model
from tests.conftest import MINIMAL

# text with what breaks naive pipelines: markup, template and inline marks, controls,
# right-to-left marks, astral and rare CJK characters, long runs
TRICKY = st.sampled_from(["<b>", "</para>", "&amp;", "&", "<![CDATA[", "{{", "}}", "{%", "**",
                          "[x](javascript:1)", "\x00", "\x0b", "\u200f", "\u202e", "𠀀",
                          "𝕏", "\ufffe", "﷽", "A" * 300, "汉" * 200, "\n", "\t", "%", "\\"])
TEXT = st.lists(st.one_of(st.text(max_size=40), TRICKY), max_size=8).map("".join)

FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])


def briefing_with(zh: str, en: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-")) / "fuzz"
    shutil.copytree(MINIMAL, folder)
    data = {"cover": {"title": {"zh": "标题", "en": "Title"}, "date": "2024-01-15",
                      "publisher": {"zh": "某区", "en": "A District"}},
            "sections": [{"heading": {"zh": zh, "en": en},
                          "blocks": [{"paragraph": {"zh": zh, "en": en}},
                                     {"bullets": [{"zh": en, "en": zh}]}]}]}
    (folder / "briefing.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return folder


@FUZZ
@given(zh=TEXT, en=TEXT)
def it_builds_or_explains_any_text(zh: str, en: str) -> None:
    folder = briefing_with(zh, en)
    try:
        pdf, docx = briefing.build(folder, folder / "out")
    except ContentError as exc:
        assert exc.diagnostics and all(d.message for d in exc.diagnostics)
        shutil.rmtree(folder.parent)
        return
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-64:]
    with zipfile.ZipFile(io.BytesIO(docx.read_bytes())) as package:
        assert package.testzip() is None
    shutil.rmtree(folder.parent)


YAML_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), TRICKY),
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=10), children, max_size=4)),
    max_leaves=20)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(data=YAML_VALUES)
def it_loads_and_validates_any_yaml_or_explains(data: object) -> None:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-yaml-"))
    path = folder / "briefing.yaml"
    try:
        path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    except yaml.YAMLError:
        return  # not representable as YAML
    try:
        loaded = load_yaml(path)
        _model, problems = parse_model(BriefingFile, loaded)
        assert all(p.message for p in problems + loaded.problems)
    except ContentError as exc:
        assert exc.diagnostics
    finally:
        shutil.rmtree(folder)
