"""Fuzzing that reaches both writers and looks at what they wrote (issue 17, item 10).

1. Harmless text (common Chinese characters, Latin letters, digits, punctuation including
   & < > " ' %) in every kind of text block is never refused, and arrives, character for
   character, in the PDF's text and the DOCX's paragraphs and cells.
2. Valid documents of random shape (sections of paragraphs, bullets, headings, call-outs,
   KPI rows, tables and charts over figures of random values and units) build, and every
   figure's value, as the model formats it, is in both files.
3. A valid briefing with one value somewhere deep inside replaced (sections, blocks, their
   fields) is either refused by `check` with located diagnostics, or built: check passing
   means build succeeding.
(The earlier text fuzz reached the writers in 8 of 60 examples and counted any error as a
pass; its YAML fuzz never got past the top level.)"""

from __future__ import annotations

import copy
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import docx
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import briefing
from briefing.errors import ContentError
from tests.conftest import MINIMAL, pdf_text

HANZI = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你"
HARMLESS = st.text(alphabet=st.sampled_from(list(HANZI) + list(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?&<>\"'%()-/+=@#$")),
    min_size=1, max_size=60).map(str.strip).filter(bool)

# no shrinking: each example is a build; a failure is reported as found
SETTINGS = settings(max_examples=8, deadline=None, derandomize=True,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # a list used twice is written out twice (briefing refuses aliases)


def _dump(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True)


def _folder(data: dict[str, Any], figures: dict[str, Any] | None = None) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="fuzz-")) / "fuzz"
    shutil.copytree(MINIMAL, folder)
    (folder / "briefing.yaml").write_text(_dump(data), "utf-8")
    if figures is not None:
        (folder / "figures.yaml").write_text(_dump({"figures": figures}), "utf-8")
    return folder


def _cover() -> dict[str, Any]:
    return {"title": {"zh": "标题", "en": "Title"}, "date": "2024-01-15",
            "publisher": {"zh": "某区", "en": "A District"}}


def _squeezed(text: str) -> str:
    """Text without white space: a PDF's text breaks lines where the layout did."""
    return re.sub(r"\s+", "", _read(text))


def _read(text: str) -> str:
    """As a reader sees it: the word joiners that keep a number with its unit (8\u2060%)
    and no-break spaces are typography, not text."""
    return text.replace("\u2060", "").replace("\u00a0", " ")


def _docx_text(path: Path) -> str:
    """Every paragraph's text, in tables and content controls too (figure values are in
    w:sdt, which python-docx's Paragraph.text skips)."""
    from docx.oxml.ns import qn
    body = docx.Document(str(path)).element.body
    return _read("\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                           for p in body.iter(qn("w:p"))))


@SETTINGS
@given(texts=st.lists(st.tuples(HARMLESS, HARMLESS), min_size=4, max_size=4))
def it_prints_harmless_text_exactly_in_both_formats(texts: list[tuple[str, str]]) -> None:
    (hz, he), (pz, pe), (bz, be), (cz, ce) = texts
    data = {"cover": _cover(), "sections": [{"heading": {"zh": hz, "en": he}, "blocks": [
        {"paragraph": {"zh": pz, "en": pe}}, {"bullets": [{"zh": bz, "en": be}]},
        {"callout": {"figure": "signed_projects", "text": {"zh": cz, "en": ce}}},
        {"table": {"caption": {"zh": cz, "en": ce}, "figures": ["signed_projects"]}}]}]}
    folder = _folder(data)
    try:
        pdf, docx_file = briefing.build(folder, folder / "out")  # never refused
        printed, written = _squeezed("".join(pdf_text(pdf))), _docx_text(docx_file)
        for text in (t for pair in texts for t in pair):
            assert _squeezed(text) in printed, text
            assert text in written, text
    finally:
        shutil.rmtree(folder.parent)


UNITS = ["CNY", "percent", "project", "hectare", "person", "count", "USD", "mu"]
FIGURE = st.fixed_dictionaries({
    "unit": st.sampled_from(UNITS),
    "value": st.decimals(min_value=1, max_value=10**12, places=2, allow_nan=False,
                         allow_infinity=False),
    "label": st.tuples(HARMLESS, HARMLESS),
})
BLOCK_KINDS = st.sampled_from(["paragraph", "bullets", "heading", "callout", "kpis", "table",
                               "chart"])


@SETTINGS
@given(figures=st.lists(FIGURE, min_size=2, max_size=5),
       kinds=st.lists(st.lists(BLOCK_KINDS, min_size=1, max_size=5), min_size=1, max_size=3),
       layout=st.sampled_from(["stacked", "parallel", "zh", "en"]))
def it_builds_documents_of_any_shape_with_every_figure_in_both_files(
        figures: list[dict[str, Any]], kinds: list[list[str]], layout: str) -> None:
    ids = [f"f{i}" for i in range(len(figures))]
    specs = {i: {"label": {"zh": f["label"][0], "en": f["label"][1]}, "value": str(f["value"]),
                 "unit": f["unit"], "as_of": "2023-12-31",
                 "source": {"zh": "统计局", "en": "Statistics"}}
             for i, f in zip(ids, figures, strict=True)}
    same_unit = [i for i in ids if specs[i]["unit"] == specs[ids[0]]["unit"]]

    def block(kind: str, n: int) -> dict[str, Any]:
        fig = ids[n % len(ids)]
        quoted = {"zh": f"数值{{{{ {fig} }}}}。", "en": f"Value {{{{ {fig} }}}}."}
        return {"paragraph": quoted, "bullets": [quoted], "heading": quoted,
                "callout": {"figure": fig, "text": quoted}, "kpis": ids[:4],
                "table": {"figures": ids},
                "chart": {"type": "bar", "title": quoted, "figures": same_unit}
                if len(same_unit) >= 2 else quoted}[kind] if kind != "heading" else quoted

    sections = [{"heading": {"zh": f"第{s}节", "en": f"Part {s}"},
                 "blocks": [{("paragraph" if k in ("heading",) or (k == "chart" and len(
                     same_unit) < 2) else k): block(k, n)} for n, k in enumerate(blocks)]}
                for s, blocks in enumerate(kinds)]
    sections[0]["blocks"].append({"table": {"figures": ids}})  # every figure quoted
    folder = _folder({"layout": layout, "cover": _cover(), "sections": sections}, specs)
    try:
        document = briefing.check(folder)
        pdf, docx_file = briefing.build(folder, folder / "out")
        printed, written = _squeezed("".join(pdf_text(pdf))), _squeezed(_docx_text(docx_file))
        from briefing.content.templating import render_text
        from briefing.pipeline import prepare_content
        content = prepare_content(folder)
        for fig in ids:  # the sources table lists every figure quoted, in every layout
            for lang in document.languages:
                value = _squeezed(render_text(f"{{{{ {fig} }}}}", lang, content.figures))
                assert value in printed and value in written, (fig, lang, value)
    finally:
        shutil.rmtree(folder.parent)


def _valid_briefing() -> dict[str, Any]:
    return yaml.safe_load((MINIMAL / "briefing.yaml").read_text("utf-8"))


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into the data below the top level (sections, blocks and their fields)."""
    found = [path] if len(path) >= 2 else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, path + (i,))
    return found


VALUES = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=30),
                   HARMLESS, st.lists(st.text(max_size=5), max_size=3),
                   st.dictionaries(st.sampled_from(["zh", "en", "x", "figure", "figures"]),
                                   st.text(max_size=10), max_size=3))
PATHS = _paths(_valid_briefing())


@settings(max_examples=60, deadline=None, derandomize=True,
          phases=[Phase.explicit, Phase.generate], suppress_health_check=[HealthCheck.too_slow])
@given(where=st.sampled_from(PATHS), value=VALUES, delete=st.booleans())
def it_refuses_with_locations_or_builds_any_change_deep_inside(where: tuple[Any, ...],
                                                               value: Any,
                                                               delete: bool) -> None:
    data = copy.deepcopy(_valid_briefing())
    parent = data
    for part in where[:-1]:
        parent = parent[part]
    if delete:
        del parent[where[-1]]
    else:
        parent[where[-1]] = value
    folder = _folder(data)
    try:
        try:
            briefing.check(folder)
        except ContentError as exc:
            assert exc.diagnostics
            assert all(d.file is not None and d.message for d in exc.diagnostics)
            assert any(d.line for d in exc.diagnostics), [d.format() for d in exc.diagnostics]
            return
        pdf, docx_file = briefing.build(folder, folder / "out")  # check passed: build must
        assert pdf.read_bytes().startswith(b"%PDF") and docx_file.stat().st_size > 0
    finally:
        shutil.rmtree(folder.parent)
