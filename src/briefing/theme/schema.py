"""What a theme file may say. Every attribute is declared once with its type, default and
description; `docs/themes.md` is written from the same declarations (see `describe`)."""

from __future__ import annotations

from typing import Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field

Alignment = Literal["left", "center", "right", "justify"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StyleSpec(_Strict):
    """A named paragraph style. `None` means "not set here: inherit from `base`"."""

    base: str | None = Field(None, description="style to inherit unset attributes from")
    font: str | None = Field(None, description="a key of `fonts`")
    size_pt: float | None = Field(None, ge=4, le=96, description="font size in points")
    leading_pt: float | None = Field(None, gt=0, le=72, description="baseline-to-baseline distance")
    bold: bool | None = Field(None, description="bold weight")
    color: str | None = Field(None, description="text colour, #RRGGBB or $variable")
    alignment: Alignment | None = Field(None, description="left, center, right or justify")
    space_before_pt: float | None = Field(None, ge=0, le=200,
                                          description="space above the paragraph")
    space_after_pt: float | None = Field(None, ge=0, le=200,
                                         description="space below the paragraph")
    left_indent_pt: float | None = Field(None, ge=0, le=150, description="indent of every line")
    first_line_indent_pt: float | None = Field(None, ge=-150, le=150,
                                               description="extra indent of line one")
    keep_with_next: bool | None = Field(None, description="keep on the page of what follows")
    lang: str | None = Field(None, description="language tag, e.g. zh-CN or en-US")
    hanging_punctuation: bool | None = Field(
        None, description="Chinese: closing punctuation may hang into the right margin "
        "(one character at most) instead of pushing a character to the next line")


STYLE_DEFAULTS = {"font": "body", "size_pt": 10.0, "leading_pt": 14.0, "bold": False,
                  "color": "#000000", "alignment": "left", "space_before_pt": 0.0,
                  "space_after_pt": 0.0, "left_indent_pt": 0.0, "first_line_indent_pt": 0.0,
                  "keep_with_next": False, "lang": "zh-CN", "hanging_punctuation": True}


class BoxSpec(_Strict):
    """The frame of a call-out, KPI card or figure table."""

    background: str | None = Field(None, description="fill colour")
    border_color: str | None = Field(None, description="outline colour (none if unset)")
    border_width_pt: float = Field(0.5, ge=0, le=10, description="outline width")
    band_color: str | None = Field(None, description="accent band: left of a call-out, "
                                   "top of a KPI card")
    band_width_pt: float = Field(0, ge=0, le=30, description="width of the accent band")
    header_background: str | None = Field(None, description="tables: header row fill")
    zebra: str | None = Field(None, description="tables: fill of every other row")
    rule_color: str | None = Field(None, description="tables: colour of the row rules")
    padding_pt: float = Field(6, ge=0, le=40, description="space between frame and text")
    space_before_pt: float = Field(6, ge=0, le=200, description="space above the box")
    space_after_pt: float = Field(10, ge=0, le=200, description="space below the box")


class FontSpec(_Strict):
    family: str = Field(description="family name written into the DOCX")
    regular: str = Field(description="TrueType file in fonts/ for regular text")
    bold: str = Field(description="TrueType file in fonts/ for bold text")
    alt_family: str | list[str] | None = Field(
        None, description="DOCX: the fonts Word uses where `family` is not installed, in "
        "order ([仿宋, FangSong] for 仿宋_GB2312); the free face of `regular` ends the chain")
    fallback: list[str] = Field([], description="fonts (keys of `fonts`) that draw the "
                                "characters this one lacks, tried in order")


class PageSpec(_Strict):
    size: Literal["A4", "Letter"] = "A4"
    margin_top_mm: float = Field(20, ge=5, le=100)
    margin_bottom_mm: float = Field(20, ge=5, le=100)
    margin_left_mm: float = Field(20, ge=5, le=100)
    margin_right_mm: float = Field(20, ge=5, le=100)
    footer_distance_mm: float = Field(10, ge=2, le=60, description="page bottom to footer baseline")
    column_gap_mm: float = Field(7, ge=4, le=40, description="parallel layout: space between the "
                                 "Chinese and English columns (wider than a hanging mark)")
    footer_position: Literal["center", "outside"] = Field(
        "center", description="page number centred, or on the outer side (odd pages right, "
        "even pages left)")
    footer_inset_chars: float = Field(0, ge=0, le=10, description="the page number's "
                                      "distance from the outer edge of the text, in "
                                      "characters of the footer (GB/T 9704: 1)")
    running_header: bool = Field(True, description="the title at the top of each page")
    grid_lines: int | None = Field(None, ge=10, le=60, description="DOCX document grid: "
                                   "lines per page (GB/T 9704: 22)")
    grid_characters: int | None = Field(None, ge=10, le=60, description="characters "
                                        "a line of Chinese text of the Normal size, set at "
                                        "the pitch text width / this (GB/T 9704: 28); DOCX: "
                                        "also the document grid's characters a line")
    table_of_contents: bool = Field(False, description="a contents page after the cover "
                                    "(a TOC field in Word)")


class DocxSpec(_Strict):
    embed_fonts: bool = Field(False, description="carry the fonts, subset, inside the DOCX "
                              "(for readers who lack them; off for fonts every PC has)")
    reference_doc: str | None = Field(None, description="an office's own .docx (relative to "
                                      "the theme file): its styles, page setup, headers, "
                                      "footers and fonts; ours fill only the styles it lacks")


class EditionSpec(_Strict):
    """Where a delegation's own blocks go in its edition."""

    greeting: Literal["start", "end"] = Field("start", description="the greeting: right "
                                              "after the cover, or before the sources")
    contact: Literal["start", "end"] = Field("end", description="the contact card: right "
                                             "after the cover (and greeting), or before the "
                                             "sources")


class LabelSpec(_Strict):
    zh: str
    en: str


MIN_CHART_COLORS = 4  # each drawn solid, dotted, striped: 12 fills, a chart's most


class ThemeFile(_Strict):
    name: str
    description: str = ""
    page: PageSpec = PageSpec()
    colors: dict[str, str] = {}
    fonts: dict[str, FontSpec]
    styles: dict[str, StyleSpec]
    boxes: dict[Literal["callout", "kpi", "table", "cover"], BoxSpec]
    labels: dict[str, LabelSpec]
    docx: DocxSpec = DocxSpec()
    edition: EditionSpec = EditionSpec()
    chart_colors: list[str] = Field([], min_length=MIN_CHART_COLORS, description="fills of "
                                    "chart series and slices, #RRGGBB or $variable, in order; "
                                    f"at least {MIN_CHART_COLORS}: then drawn dotted, then "
                                    "striped, so that a chart's twelve fills all differ")
    glosses: Literal["footnotes", "section"] = Field(
        "footnotes", description="how the English explains the glossary's local terms: a "
        "footnote at each term's first use, or a glossary section before the Sources")
    heading_numbering: list[LabelSpec] = Field(
        [], max_length=4, description="per heading level, the number's pattern in each "
        "language: {chinese} 一, {decimal} 1, {roman} I; e.g. {zh: '{chinese}、', en: '{roman}. '}")


def _type_name(annotation: object) -> str:
    if get_origin(annotation) is Literal:
        return " / ".join(f"`{a}`" for a in get_args(annotation))
    args = [a for a in get_args(annotation) if a is not type(None)]
    if args:
        return " / ".join(_type_name(a) for a in args)
    return getattr(annotation, "__name__", str(annotation))


def describe() -> str:
    """Markdown table of every style, box, font and page attribute, for docs/themes.md."""
    rows = ["| attribute | type | default | range | meaning |",
            "| --- | --- | --- | --- | --- |"]
    for model in (StyleSpec, BoxSpec, FontSpec, PageSpec, DocxSpec, EditionSpec):
        for name, field in model.model_fields.items():
            value = STYLE_DEFAULTS.get(name) if model is StyleSpec else field.default
            default = "required" if field.is_required() else f"`{value}`"
            rows.append(f"| `{name}` ({model.__name__}) | {_type_name(field.annotation)} | "
                        f"{default} | {_range(field)} | {field.description or ''} |")
    return "\n".join(rows)


def _range(field: object) -> str:
    """'4 to 96', '> 0, at most 200', 'at least 5' from the field's bounds."""
    bounds = {type(m).__name__.lower(): getattr(m, type(m).__name__.lower())
              for m in getattr(field, "metadata", []) if type(m).__name__ in ("Ge", "Gt", "Le")}
    low = f"{bounds['ge']:g}" if "ge" in bounds else f"> {bounds['gt']:g}" if "gt" in bounds \
        else ""
    if "le" not in bounds:
        return f"at least {low}" if "ge" in bounds else low
    if "ge" in bounds:
        return f"{low} to {bounds['le']:g}"
    return f"{low}, at most {bounds['le']:g}" if low else f"at most {bounds['le']:g}"
