"""`briefing update-draft`'s report and file names (pipeline.update_draft_outputs runs it).

The updated draft's register says what became of each figure value (writers/register.py);
the report, in Markdown and JSON, tells the official and the secretariat what was updated,
what the official deleted (not re-inserted) and what they typed over (conflicts, left
alone). Nothing here reads the DOCX or writes a file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DraftError

if TYPE_CHECKING:
    from .writers.register import Register


@dataclass(frozen=True)
class DraftUpdate:
    """What update-draft wrote: the updated draft, its reports (Markdown, JSON) and the
    report's content."""

    output: Path
    reports: tuple[Path, Path]
    report: dict[str, Any]


def default_output(edited: Path) -> Path:
    return edited.with_name(f"{edited.stem}.updated.docx")


def report_paths(output: Path) -> tuple[Path, Path]:
    return output.with_suffix(".report.md"), output.with_suffix(".report.json")


def draft_briefing(edited: Path, briefing_id: str) -> Path:
    """The folder of the draft's briefing: content/<id> or <id> in the current folder or a
    folder above the draft."""
    for base in (Path.cwd(), *edited.resolve().parents):
        for candidate in (base / "content" / briefing_id, base / briefing_id):
            if (candidate / "briefing.yaml").is_file():
                return candidate
    raise DraftError(f"{edited}: a draft of briefing '{briefing_id}', whose folder "
                     f"content/{briefing_id} was not found here or above the draft; give it "
                     "with --briefing PATH")


def report(edited: Path, output: Path, given: Register, updated: Register,
           labels: Mapping[tuple[str, str], str]) -> dict[str, Any]:
    """The report of an update, from the draft's register before and after it; `labels`:
    each figure's label in each language, by (figure, language)."""
    def entries(kind: str) -> list[dict[str, Any]]:
        return [{"figure": o.value.figure, "attribute": o.value.attribute,
                 "label": labels.get((o.value.figure, o.value.lang)),
                 "lang": o.value.lang, "bookmark": o.value.bookmark,
                 "printed": o.value.text, "found": o.found, "current": o.current}
                for o in updated.outcomes_of(kind)]

    return {"draft": str(edited), "output": str(output), "briefing": given.briefing,
            "draft_edition": given.edition, "edition": updated.edition,
            "updated": entries("updated"), "conflicts": entries("overtyped"),
            "deleted": entries("deleted"), "no_longer_in_content": entries("gone"),
            "unchanged": len(updated.outcomes_of("unchanged"))}


def as_json(report: dict[str, Any]) -> bytes:
    return json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def _named(entry: dict[str, Any]) -> str:
    """地区生产总值 (gdp), Gross domestic product (gdp.change): the label, in the value's
    language, and what of the figure is printed; the id alone for a figure now gone."""
    # a table's cell names its column's precision (of_target:2): the template's name here
    attribute = (entry.get("attribute") or "").partition(":")[0]
    key = entry["figure"] + (f".{attribute}" if attribute else "")
    return f"{entry['label']} ({key})" if entry.get("label") else key


def markdown(report: dict[str, Any]) -> str:
    """The report for the official and the secretariat, in both languages."""
    was, now = report["draft_edition"], report["edition"]
    edition = (f"{was} → {now}" if was != now else
               f"{now}（与当前内容同一版本 / the same edition as the content now）")
    lines = [f"# 草稿数据更新 / Draft update: {report['briefing']}", "",
             f"草稿版本 / Draft edition: {edition}",
             f"结果 / Result: {report['output']} (修订 / tracked changes)", ""]
    sections = (("updated", "已更新（修订，待接受）/ Updated (tracked changes to accept)"),
                ("conflicts", "冲突：数值已被改写，未更新 / Conflicts: typed over, left alone"),
                ("deleted", "已删除，未恢复 / Deleted by the official, not re-inserted"),
                ("no_longer_in_content", "内容中已无此数据 / No longer in the content"))
    for key, title in sections:
        lines.append(f"## {title}: {len(report[key])}")
        if report[key]:
            lines += ["", "| 指标 / Figure | 语言 / Language | 原值 / Printed | "
                      "草稿中 / In the draft | 现值 / Now |", "|---|---|---|---|---|"]
            lines += [f"| {_named(e)} | {e['lang']} | {e['printed']} | {e['found'] or '—'} "
                      f"| {e['current'] or '—'} |" for e in report[key]]
        lines.append("")
    lines.append(f"未变化 / Unchanged: {report['unchanged']}")
    return "\n".join(lines) + "\n"
