"""Export the sample briefing's text to bench/sample.json, as plain data.

The bare ReportLab and python-docx scripts read that file, so they draw the same text as
`briefing build` without importing our pipeline. Run it again when the sample content
changes:

    python bench/export_text.py [content/xicheng-2023]

Format: {"source", "cover": {"zh": [...], "en": [...]}, "items": [...], "closing": [...]}:
`items` is the body (what `--repeat` repeats), `closing` the Sources section briefing adds
once at the end, after any number of sections. Each item has
`kind` (heading | paragraph | bullet | table | callout | kpis | chart), `zh` and `en` (its
main text: heading, paragraph, bullet item, table caption, call-out text or chart title; ""
if none) and, for table / callout / kpis, `rows`: a list of {"zh": [cells], "en": [cells]}.
A table's first row is its header, its rows the table's own columns (label, value, as of;
and source in the Sources table); a call-out's single row is [value, label]; a KPI row is
[value, label]. A chart has `chart` (bar, donut, ...), `labels` ({"zh", "en"} per category)
and `values` (one list of numbers per series).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefing import check  # noqa: E402
from briefing.model import (  # noqa: E402
    BulletList,
    CallOut,
    Chart,
    FigureTable,
    Heading,
    KpiGrid,
    Paragraph,
    plain_text,
)

DEFAULT_CONTENT = ROOT / "content" / "xicheng-2023"
OUTPUT = Path(__file__).resolve().parent / "sample.json"


def text(value) -> str:
    """A model text (runs or a string) as a plain string."""
    return value if isinstance(value, str) else plain_text(value)


def pair(value) -> dict[str, str]:
    return {"zh": text(value.zh), "en": text(value.en)} if value else {"zh": "", "en": ""}


def row(*values) -> dict[str, list[str]]:
    return {lang: [text(getattr(v, lang)) for v in values] for lang in ("zh", "en")}


def export(content: Path) -> dict:
    """The briefing at `content` as the plain data described in the module docstring."""
    document = check(content)
    cover = document.cover
    cover_texts = [v for v in (cover.title, cover.subtitle, cover.publisher, cover.date_text) if v]
    items: list[dict] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            items.append({"kind": "heading", "level": block.level, **pair(block.text)})
        elif isinstance(block, Paragraph):
            items.append({"kind": "paragraph", **pair(block.text)})
        elif isinstance(block, BulletList):
            items += [{"kind": "bullet", **pair(item)} for item in block.items]
        elif isinstance(block, FigureTable):
            rows = [row(*block.header)] + [row(*(getattr(r, c.field) for c in block.columns))
                                           for r in block.rows]
            items.append({"kind": "table", **pair(block.caption), "rows": rows})
        elif isinstance(block, CallOut):
            items.append({"kind": "callout", **pair(block.text),
                          "rows": [row(block.value, block.label)]})
        elif isinstance(block, KpiGrid):
            items.append({"kind": "kpis", "zh": "", "en": "",
                          "rows": [row(k.value, k.label) for k in block.items]})
        elif isinstance(block, Chart):
            items.append({"kind": "chart", "chart": block.kind, **pair(block.title),
                          "labels": [pair(label) for label in block.labels],
                          "values": [[float(v) for v in series] for series in block.values]})
        # PageBreak: the bare scripts let the text flow.
    closing = 0  # the generated Sources section (its heading and tables have no line)
    while closing < len(document.blocks) and document.blocks[-1 - closing].source.line is None:
        closing += 1
    return {"source": content.resolve().name,
            "cover": {lang: [text(getattr(v, lang)) for v in cover_texts] for lang in ("zh", "en")},
            "items": items[:len(items) - closing], "closing": items[len(items) - closing:]}


def main() -> None:
    content = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CONTENT
    data = export(content)
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({len(data['items'])} items)")


if __name__ == "__main__":
    main()
