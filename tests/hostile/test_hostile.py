"""The hostile-input suite (issue 17): what an attacker or a careless user feeds briefing.

Each case is a copy of the minimal briefing with one thing done to it, run under a time and
memory limit (tests/hostile/bounded.py). A refused case must be refused by `check` with a
located error (file, and line where the input has one) whose message says what is wrong;
an accepted case must pass `check` and then build both formats: check passing means build
succeeding. tests/hostile/test_limits.py and test_themes.py hold the limit and theme cases.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

import briefing

from .bounded import bounded
from .makers import briefing_copy, image_block, png_header, with_figures_file, xlsx

CALLOUT = "{zh: 创历史新高。, en: A record high.}"
FIGURE = ("  signed_projects:\n    label: {zh: 新签约项目, en: Newly signed projects}\n"
          "    value: 33\n")
EXTRA_FIGURE = """  broken:
    label: {{zh: 坏, en: Broken}}
    {field}
    unit: {unit}
    as_of: 2023-12-31
    source: {{zh: 测试, en: Test}}
"""


@dataclass(frozen=True)
class Case:
    make: Callable[[Path], Path]
    file: str | None = None   # refused: the file named (None: accepted, built)
    says: str = ""            # refused: words of the message
    line: bool = True         # refused: the error has a line


def text(en: str = "A record high.", zh: str = "创历史新高。") -> Callable[[Path], Path]:
    """The call-out's text replaced (YAML double-quoted, so escapes work)."""
    return lambda root: briefing_copy(root, replace=(CALLOUT, f'{{zh: "{zh}", en: "{en}"}}'))


def figure(field: str, unit: str = "percent", quote: str = "text") -> Callable[[Path], Path]:
    """An extra figure `broken` with `field` (a value or formula), quoted in the call-out
    text, a KPI card or not at all."""
    def make(root: Path) -> Path:
        figures = (Path(__file__).parents[1] / "fixtures" / "minimal" / "figures.yaml"
                   ).read_text("utf-8") + EXTRA_FIGURE.format(field=field, unit=unit)
        replace = {"text": (CALLOUT, "{zh: '比例{{ broken }}', en: 'Share {{ broken }}'}"),
                   "kpi": ("kpis: [signed_projects, signed_investment]",
                           "kpis: [signed_projects, broken]"),
                   "none": ("theme: investor", "theme: investor")}[quote]
        return briefing_copy(root, figures=figures, replace=replace)
    return make


def briefing_text(content: str | bytes) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        folder = briefing_copy(root)
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (folder / "briefing.yaml").write_bytes(data)
        return folder
    return make


def block(yaml_block: str) -> Callable[[Path], Path]:
    """One more block after the first paragraph."""
    return lambda root: briefing_copy(root, replace=("      - kpis:",
                                                     f"      - {yaml_block}\n      - kpis:"))


def image(make_file: Callable[[Path], None], name: str = "picture.png") -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        folder = briefing_copy(root)
        make_file(folder / name)
        image_block(folder, name)
        return folder
    return make


def image_named(name: str, prepare: Callable[[Path], None] | None = None) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        folder = briefing_copy(root)
        if prepare:
            prepare(folder)
        image_block(folder, name)
        return folder
    return make


def figures_table(name: str, write: Callable[[Path], None]) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        folder = briefing_copy(root)
        write(with_figures_file(folder, name))
        return folder
    return make


def chart(kind: str, values: tuple[str, str]) -> Callable[[Path], Path]:
    def make(root: Path) -> Path:
        figures = (Path(__file__).parents[1] / "fixtures" / "minimal" / "figures.yaml"
                   ).read_text("utf-8")
        for i, value in enumerate(values):
            figures += EXTRA_FIGURE.replace("broken", f"slice{i}").format(
                field=f"value: '{value}'", unit="percent")
        chart_block = (f"chart: {{type: {kind}, title: {{zh: 图, en: Chart}}, "
                       "figures: [slice0, slice1]}")
        return briefing_copy(root, figures=figures, replace=(
            "      - kpis:", f"      - {chart_block}\n      - kpis:"))
    return make


def _symlink_out(folder: Path) -> None:
    outside = folder.parent / "outside.png"
    Image.new("RGB", (10, 10)).save(outside)
    (folder / "link.png").symlink_to(outside)


def _far_dimension(path: Path) -> None:
    xlsx(path, {"A1048576": "x"})


def _bomb(path: Path) -> None:
    xlsx(path, sheet_tail=b"<!--" + b" " * (70 * 2**20) + b"-->")


def _cut_xlsx(path: Path) -> None:
    xlsx(path)
    path.write_bytes(path.read_bytes()[:600])


def _gbk_csv(path: Path) -> None:
    path.write_bytes("id,label_zh\nx,新签约\n".encode("gbk"))


TEMPLATES = {  # each printed a repr, lorem ipsum or gigabytes with Jinja2's sandbox
    "joiner": "{{ joiner() }}", "namespace": "{{ namespace() }}", "lipsum": "{{ lipsum() }}",
    "dict": "{{ dict(a=1) }}", "arithmetic": "{{ 1 + 1 }}", "power": "{{ 9**9**9 }}",
    "center": "{{ 'a'|center(300000000) }}", "repeat": "{{ 'ab' * 200000000 }}",
    "set": "{% set x = 5 %}x", "raw": "{% raw %}{{ x }}{% endraw %}",
    "macro-recursion": "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "filter": "{{ signed_projects | upper }}", "comment": "{# note #}x",
    "unclosed": "{{ signed_projects",
}

CASES: dict[str, Case] = {
    **{f"template-{name}": Case(text(en=t.replace('"', "'")), "briefing.yaml",
                                 "template") for name, t in TEMPLATES.items()},
    "template-dunder": Case(text(en="{{ signed_projects.__class__.__mro__ }}"), "briefing.yaml",
                            "not allowed in a template"),
    # formulas, quoted in text (they ended in an AssertionError), in a KPI, unquoted
    **{f"formula-{name}-{quote}": Case(figure(f"formula: '{f}'", quote=quote), "figures.yaml",
                                        says)
       for name, f, says in [("zero", "signed_projects / 0", "divides by zero"),
                             ("zero-by-zero", "0 / 0", "divides by zero"),
                             ("unknown", "nope + 1", "unknown figure 'nope'"),
                             ("junk", "1 +* junk", "is not a formula"),
                             ("cycle", "broken + 1", "circle"),
                             ("deep", "(" * 300 + "1" + ")" * 300, "not a formula"),
                             ("huge", "signed_investment * signed_investment * "
                              "signed_investment", "more than 18 digits")]
       for quote in (["text", "kpi", "none"] if name in ("zero", "unknown") else ["text"])},
    "formula-deep-unary": Case(figure("formula: '" + "-" * 5000 + "1'"), "figures.yaml",
                               "formula"),
    # values
    "value-40-digits": Case(figure("value: '" + "9" * 40 + "'"), "figures.yaml",
                            "too many digits"),
    "value-13-decimals": Case(figure("value: '0." + "1" * 13 + "'"), "figures.yaml",
                              "too many digits"),
    "value-empty": Case(figure("value: ''"), "figures.yaml", "empty"),
    "value-negative-count": Case(figure("value: '-5'", unit="project"), "figures.yaml",
                                 "cannot be negative"),
    "value-negative-area-formula": Case(figure("formula: '0 - signed_projects'",
                                               unit="hectare"), "figures.yaml",
                                        "cannot be negative"),
    "value-negative-money": Case(figure("value: '-5'", unit="CNY")),
    "pie-negative": Case(chart("pie", ("-5", "10")), "briefing.yaml", "above zero"),
    "pie-zero": Case(chart("pie", ("0", "10")), "briefing.yaml", "above zero"),
    "donut-zero": Case(chart("donut", ("10", "0")), "briefing.yaml", "above zero"),
    "pie-positive": Case(chart("pie", ("5", "10"))),
    # text
    "text-empty-en": Case(text(en=""), "briefing.yaml", "English text is empty"),
    "text-blank-zh": Case(text(zh="  "), "briefing.yaml", "Chinese text is empty"),
    "text-empty-en-zh-layout": Case(lambda root: _zh_layout(text(en="")(root))),
    "text-bidi-override": Case(text(en="abc\\u202Edef"), "briefing.yaml", "bidirectional"),
    "text-bidi-isolate": Case(text(zh="甲\\u2066乙"), "briefing.yaml", "bidirectional"),
    "text-lone-surrogate": Case(text(en="a\\ud800b"), "briefing.yaml", "UTF-16"),
    "text-bell": Case(text(en="ring\\a"), "briefing.yaml", "control character"),
    "text-markup-harmless": Case(text(en="R&D < 5 <b>bold</b> &amp; ]]> </para>")),
    "text-javascript-link": Case(text(en="[x](javascript:alert(1))"), "briefing.yaml",
                                 "not allowed"),
    # YAML files
    "yaml-empty": Case(briefing_text(""), "briefing.yaml", "is empty"),
    "yaml-list": Case(briefing_text("- a\n- b\n"), "briefing.yaml", "holds a list"),
    "yaml-scalar": Case(briefing_text("hello\n"), "briefing.yaml", "single value"),
    "yaml-vertical-tab": Case(briefing_text("cover:\n  title: {zh: a\x0bb, en: c}\n"),
                              "briefing.yaml", "U+000B"),
    "yaml-python-tag": Case(briefing_text("cover: !!python/object/apply:os.system [ls]\n"),
                            "briefing.yaml", "tag"),
    "yaml-alias-bomb": Case(briefing_text("a: &a [x, x, x, x, x, x, x, x, x]\n"
                                          + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, "
                                                    f"*{p}, *{p}, *{p}, *{p}, *{p}]\n"
                                                    for p, c in zip("abcdefgh", "bcdefghi",
                                                                    strict=True))),
                            "briefing.yaml", "aliases"),
    "yaml-duplicate-key": Case(lambda root: briefing_copy(
        root, replace=("theme: investor", "theme: investor\ntheme: print")),
        "briefing.yaml", "duplicate key"),
    "yaml-merge-key": Case(briefing_text("<<: {a: 1}\ncover: {}\n"), "briefing.yaml",
                           "merge keys"),
    "yaml-gbk": Case(briefing_text("cover:\n  title: {zh: 西城区, en: x}\n".encode("gbk")),
                     "briefing.yaml", "not UTF-8"),
    "yaml-syntax": Case(briefing_text("cover: [unclosed\n"), "briefing.yaml", "is read as a list"),
    "yaml-deep-flow": Case(briefing_text("a: " + "[" * 5000 + "]" * 5000 + "\n"),
                           "briefing.yaml", "nesting_depth"),
    "yaml-deep-mapping": Case(briefing_text("a: " + "{b: " * 100 + "1" + "}" * 100 + "\n"),
                              "briefing.yaml", "nesting_depth"),
    "yaml-huge-key-count": Case(briefing_text("".join(f"k{i}: {i}\n" for i in range(50_000))),
                                "briefing.yaml", "unknown field"),
    "yaml-bom": Case(lambda root: _with_bom(briefing_copy(root))),
    "yaml-outside-figures": Case(lambda root: briefing_copy(
        root, replace=("theme: investor", "theme: investor\nfigures: [../../etc/passwd]")),
        "briefing.yaml", "outside the briefing folder"),
    # spreadsheets
    "xlsx-far-cell": Case(figures_table("figures.xlsx", _far_dimension), "figures.xlsx",
                          "xlsx_rows", line=False),
    "xlsx-bomb": Case(figures_table("figures.xlsx", _bomb), "figures.xlsx",
                      "xlsx_uncompressed_bytes", line=False),
    "xlsx-formula-cell": Case(figures_table("figures.xlsx", lambda p: xlsx(p, {"D3": "=D2*2"})),
                              "figures.xlsx", "Excel formula"),
    "xlsx-cut-short": Case(figures_table("figures.xlsx", _cut_xlsx), "figures.xlsx",
                           "not a readable .xlsx", line=False),
    "xlsx-not-a-zip": Case(figures_table("figures.xlsx", lambda p: p.write_text("id,x\n")),
                           "figures.xlsx", "not a readable .xlsx", line=False),
    "xlsx-plain": Case(figures_table("figures.xlsx", lambda p: xlsx(p))),
    "csv-gbk": Case(figures_table("figures.csv", _gbk_csv), "figures.csv", "GBK", line=False),
    "csv-nul": Case(figures_table("figures.csv", lambda p: p.write_text("id,la\x00bel\n")),
                    "figures.csv", "", line=False),
    # images
    "image-cmyk-jpeg": Case(image(lambda p: Image.new("CMYK", (20, 20)).save(p, "JPEG"),
                                  "photo.jpg")),
    "image-16-bit": Case(image(lambda p: Image.new("I;16", (20, 20), 999).save(p, "PNG"))),
    "image-palette": Case(image(lambda p: Image.new("P", (20, 20)).save(p, "PNG"))),
    "image-alpha": Case(image(lambda p: Image.new("RGBA", (20, 20)).save(p, "PNG"))),
    "image-truncated": Case(image(lambda p: p.write_bytes(_jpeg()[:400]), "photo.jpg"),
                            "briefing.yaml", "cannot be read"),
    "image-not-an-image": Case(image(lambda p: p.write_text("not a picture")),
                               "briefing.yaml", "cannot be read"),
    "image-gif": Case(image(lambda p: Image.new("RGB", (9, 9)).save(p, "GIF")),
                      "briefing.yaml", "is GIF"),
    "image-pixel-bomb": Case(image(lambda p: png_header(p, 100_000, 100_000) and None),
                             "briefing.yaml", "image_pixels"),
    "image-missing": Case(image_named("nothing.png"), "briefing.yaml", "not found"),
    "image-parent": Case(image_named("../outside.png"), "briefing.yaml", "outside"),
    "image-absolute": Case(image_named("/etc/passwd"), "briefing.yaml", "absolute"),
    "image-symlink-out": Case(image_named("link.png", _symlink_out), "briefing.yaml",
                              "outside"),
    "image-directory": Case(image_named("sub", lambda f: (f / "sub").mkdir()),
                            "briefing.yaml", "not a regular file"),
    # structure
    "unknown-block": Case(block("paragrph: {zh: 甲, en: A}"), "briefing.yaml",
                          "a block needs exactly one of"),
    "unknown-style": Case(block("paragraph: {zh: 甲, en: A}\n        style: Nope"),
                          "briefing.yaml", "unknown style"),
    "unknown-theme": Case(lambda root: briefing_copy(root, replace=("theme: investor",
                                                                    "theme: ../../etc")),
                          "briefing.yaml", "not found"),
    "kpis-unknown-figure": Case(block("kpis: [signed_projects, nope]"), "briefing.yaml",
                                "nope"),
    "chart-one-figure": Case(block("chart: {type: bar, title: {zh: 图, en: C}, "
                                   "figures: [signed_projects]}"), "briefing.yaml",
                             "two or more"),
    "chart-mixed-units": Case(block("chart: {type: bar, title: {zh: 图, en: C}, "
                                    "figures: [signed_projects, signed_investment]}"),
                              "briefing.yaml", "share one unit"),
    "page-break-false": Case(block("page_break: false"), "briefing.yaml", "page_break: true"),
}


def _zh_layout(folder: Path) -> Path:
    file = folder / "briefing.yaml"
    file.write_text(file.read_text("utf-8").replace("theme: investor",
                                                    "theme: investor\nlayout: zh"), "utf-8")
    return folder


def _with_bom(folder: Path) -> Path:
    file = folder / "briefing.yaml"
    file.write_bytes(b"\xef\xbb\xbf" + file.read_bytes())
    return folder


def _jpeg() -> bytes:
    import io
    buffer = io.BytesIO()
    Image.effect_noise((120, 120), 50).convert("RGB").save(buffer, "JPEG")
    return buffer.getvalue()


def _check_then_build(folder: Path) -> list[str]:
    """What a user does: check, and if it passes, build."""
    briefing.check(folder)
    return [p.name for p in briefing.build(folder, folder.parent / "out")]


@pytest.mark.parametrize("name", sorted(CASES))
def it_refuses_or_builds(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    folder = case.make(tmp_path / "b")
    outcome = bounded(_check_then_build, folder, seconds=30 if case.file is None else 10)
    if case.file is None:
        assert outcome.kind == "returned", outcome.text
        assert sorted(outcome.value) == ["b.docx", "b.pdf"]
        return
    assert outcome.kind == "ContentError", f"{outcome.kind}: {outcome.text}"
    located = [p for p in outcome.problems
               if p[0] == case.file and case.says in p[3] + (p[4] or "")]
    assert located, outcome.text
    if case.line:
        assert all(p[1] for p in located), outcome.text
    assert not (tmp_path / "out").exists()  # nothing was written


def it_has_enough_cases() -> None:
    assert len(CASES) >= 80
