"""What changed since the previous edition: each build keeps a snapshot of the figures it
used (`OUTDIR/<id>.figures.json`); the next build compares, and writes the changes beside
the outputs (`<id>.changes.md`, `<id>.changes.json`), in both languages, with the sections
that quote each changed figure. `briefing changes` prints the same without building.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .content.figures import format_as_of, format_change, units
from .content.schema import Content, Section
from .content.templating import FigureView
from .figure_use import figure_ids_in, used_figures

if TYPE_CHECKING:  # the pipeline imports this module to record editions
    from .pipeline import Prepared

SNAPSHOT = "{id}.figures.json"
CHANGES_JSON = "{id}.changes.json"


def snapshot(prepared: Prepared) -> dict[str, Any]:
    """The figures the briefing uses, as data and as printed, and where each is quoted."""
    content = prepared.content
    quoted = _sections_quoting(content.briefing.sections)
    figures = {}
    for fig_id in used_figures(content):
        figure = content.figures[fig_id]
        figures[fig_id] = {
            "value": str(figure.shown_value), "unit": figure.unit,
            "as_of": figure.as_of.isoformat() if figure.as_of else "",
            "label": {"zh": figure.label.zh, "en": figure.label.en},
            "source": {lang: FigureView(figure, lang).source for lang in ("zh", "en")},
            "text": {lang: str(FigureView(figure, lang)) for lang in ("zh", "en")},
            "sections": quoted.get(fig_id, []),
        }
    return {"briefing": content.id, "edition": content.briefing.cover.date.isoformat(),
            "figures": figures}


def compare(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """Changed, added and removed figures between two snapshots."""
    before = (old or {}).get("figures", {})
    after = new["figures"]
    changed = []
    for fig_id, now in after.items():
        was = before.get(fig_id)
        if was is None or (was["value"], was["unit"], was["as_of"]) == \
                (now["value"], now["unit"], now["as_of"]):
            continue
        entry = {"id": fig_id, "label": now["label"], "source": now["source"],
                 "sections": now["sections"],
                 "old": {k: was[k] for k in ("value", "as_of", "text")},
                 "new": {k: now[k] for k in ("value", "as_of", "text")}}
        if was["unit"] == now["unit"] and Decimal(was["value"]) != 0:
            days = _days(was["as_of"], now["as_of"])
            entry["change"] = {lang: format_change(Decimal(now["value"]), Decimal(was["value"]),
                                                   units()[now["unit"]], lang, days)
                               for lang in ("zh", "en")}
        changed.append(entry)
    return {"briefing": new["briefing"], "previous_edition": (old or {}).get("edition"),
            "edition": new["edition"], "changed": changed,
            "added": sorted(set(after) - set(before)) if old else [],
            "removed": sorted(set(before) - set(after))}


def _days(old: str, new: str) -> int:
    from datetime import date
    return (date.fromisoformat(new) - date.fromisoformat(old)).days


def markdown(report: dict[str, Any]) -> str:
    """The changes as a bilingual Markdown table for the people downstream."""
    lines = [f"# 数据变化 / Changes in figures: {report['briefing']}", ""]
    if report["previous_edition"] is None:
        lines.append("首次编制，无上一版本可比。 / First edition: nothing to compare with.")
        return "\n".join(lines) + "\n"
    lines.append(f"上一版本 / Previous edition: {report['previous_edition']} → "
                 f"{report['edition']}")
    lines.append("")
    if not report["changed"]:
        lines.append("数据无变化。 / No figure changed.")
    else:
        lines += ["| 指标 / Figure | 原值 / Old | 新值 / New | 变化 / Change | 截至 / As of | "
                  "来源 / Source | 所在章节 / Sections |", "|---|---|---|---|---|---|---|"]
        for c in report["changed"]:
            change = c.get("change", {"zh": "", "en": ""})
            sections = "; ".join(f"{s['zh']} / {s['en']}" for s in c["sections"])
            lines.append(
                f"| {c['label']['zh']} / {c['label']['en']} "
                f"| {c['old']['text']['zh']} / {c['old']['text']['en']} "
                f"| {c['new']['text']['zh']} / {c['new']['text']['en']} "
                f"| {change['zh']} / {change['en']} "
                f"| {format_as_of(_date(c['new']['as_of']), 'zh')} / "
                f"{format_as_of(_date(c['new']['as_of']), 'en')} "
                f"| {c['source']['zh']} / {c['source']['en']} | {sections} |")
    for kind, title in (("added", "新增 / Added"), ("removed", "删除 / Removed")):
        if report[kind]:
            lines += ["", f"{title}: " + ", ".join(report[kind])]
    return "\n".join(lines).replace("\u00a0", " ") + "\n"


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def load_snapshot(out_dir: Path, briefing_id: str) -> dict[str, Any] | None:
    try:
        data = json.loads((out_dir / SNAPSHOT.format(id=briefing_id)).read_text("utf-8"))
        return data if isinstance(data, dict) and "figures" in data else None
    except (OSError, ValueError):
        return None


def edition_files(prepared: Prepared, out_dir: Path,
                  stem: str | None = None) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The changes since the last snapshot in `out_dir`, and the files that record them
    (JSON and Markdown) and the new snapshot: name -> bytes, published with the outputs
    (editions.py). Named after `stem`: the briefing's id, or a batch edition's name."""
    stem = stem or prepared.content.id
    new = snapshot(prepared)
    report = compare(load_snapshot(out_dir, stem), new)
    return report, {CHANGES_JSON.format(id=stem): _json(report),
                    f"{stem}.changes.md": markdown(report).encode("utf-8"),
                    SNAPSHOT.format(id=stem): _json(new)}


def _json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8") + b"\n"


def _sections_quoting(sections: list[Section]) -> dict[str, list[dict[str, str]]]:
    """Figure id -> the headings of the sections that quote it (text, tables, charts...)."""
    quoted: dict[str, list[dict[str, str]]] = {}
    for number, section in enumerate(sections):
        heading = section.heading
        name = ({"zh": heading.zh, "en": heading.en} if heading else
                {"zh": f"第{number + 1}部分", "en": f"Part {number + 1}"})
        for fig_id in figure_ids_in(section):
            entries = quoted.setdefault(fig_id, [])
            if name not in entries:
                entries.append(name)
    return quoted


def content_as_of(content: Content, old_figures: dict[str, dict[str, Any]]) -> Content:
    """The content as the edition of a snapshot's figures (`old_figures`) had it: the same
    texts, with each figure's value and date as they were (for redlines)."""
    figures = dict(content.figures)
    for fig_id, old in old_figures.items():
        if fig_id in figures:
            figures[fig_id] = figures[fig_id].model_copy(update={
                "value": Decimal(old["value"]), "significant": None,
                "as_of": datetime.date.fromisoformat(old["as_of"])})
    return dataclasses.replace(content, figures=figures)
