"""`briefing update-draft`: an official's edited Word draft with this edition's figures.

The draft names its briefing, edition, theme and layout (its register, see
writers/docx/figuremarks.py); the briefing's current content gives each figure's value as
the DOCX prints it now. The result goes to a new file (never the official's), with a
report beside it, in Markdown and JSON: what was updated, what the official deleted (not
re-inserted) and what they typed over (conflicts, left alone).
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DraftError
from .output import save_atomic
from .pipeline import find_briefing, prepare

if TYPE_CHECKING:
    from .writers.docx.figuremarks import Register
    from .writers.docx.redraft import Outcomes


@dataclass(frozen=True)
class DraftUpdate:
    output: Path
    reports: tuple[Path, Path]
    report: dict[str, Any]


def default_output(edited: Path) -> Path:
    return edited.with_name(f"{edited.stem}.updated.docx")


def update_draft(edited: Path, output: Path | None = None,
                 briefing: Path | None = None) -> DraftUpdate:
    """Write `output` (default: EDITED.updated.docx) and its reports; raise DraftError for
    a draft that is not ours, damaged, or of another briefing."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    from .content.templating import FigureView
    from .writers.docx.blocks import as_typed
    from .writers.docx.figuremarks import read_register
    from .writers.docx.redraft import update_values

    output = output or default_output(edited)
    if output.resolve() == edited.resolve():
        raise DraftError(f"{output}: that is the official's own file; give another -o "
                         "(the draft is never changed in place)")
    try:
        data = edited.read_bytes()
    except OSError as exc:
        raise DraftError(f"{edited}: cannot read it ({exc.strerror})") from None
    try:
        doc = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError,
            etree.XMLSyntaxError) as exc:
        raise DraftError(f"{edited}: not a readable Word document (damaged, or not a DOCX: "
                         f"{exc})") from None
    register = read_register(doc)
    if register is None:
        raise DraftError(f"{edited}: not a draft made by briefing (it has no figure "
                         "register); only a DOCX from `briefing build` can be updated")
    folder = _briefing_folder(edited, register.briefing, briefing)
    prepared = prepare(folder, theme=register.theme or None, layout=register.layout or None)
    content, document = prepared.content, prepared.document
    if content.id != register.briefing:
        raise DraftError(f"{edited}: a draft of briefing '{register.briefing}', not of "
                         f"'{content.id}' ({folder})")
    current = {(fig_id, lang): as_typed(str(FigureView(figure, lang)))
               for fig_id, figure in content.figures.items() for lang in ("zh", "en")}
    author = f"briefing ({document.cover.publisher.get(document.languages[0])})"
    date = datetime.datetime.combine(document.cover.date, datetime.time(0, 0))
    previous_edition = register.edition
    outcomes = update_values(doc, register, current, author, date,
                             document.cover.date.isoformat())
    _save_register(doc, register)
    buffer = io.BytesIO()
    doc.save(buffer)
    save_atomic(output, buffer.getvalue())
    report = _report(edited, output, register.briefing, previous_edition,
                     document.cover.date.isoformat(), outcomes)
    reports = (output.with_suffix(".report.md"), output.with_suffix(".report.json"))
    save_atomic(reports[0], markdown(report).encode("utf-8"))
    save_atomic(reports[1], json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")
                + b"\n")
    return DraftUpdate(output, reports, report)


def _briefing_folder(edited: Path, briefing_id: str, given: Path | None) -> Path:
    """The briefing folder: given, or content/<id> or <id> in the current folder or a
    folder above the draft."""
    if given is not None:
        return find_briefing(given)
    for base in (Path.cwd(), *edited.resolve().parents):
        for candidate in (base / "content" / briefing_id, base / briefing_id):
            if (candidate / "briefing.yaml").is_file():
                return candidate
    raise DraftError(f"{edited}: a draft of briefing '{briefing_id}', whose folder "
                     f"content/{briefing_id} was not found here or above the draft; give it "
                     "with --briefing PATH")


def _save_register(doc: Any, register: Register) -> None:
    from .writers.docx.figuremarks import Register

    for part in doc.part.package.iter_parts():
        if str(part.partname).startswith("/customXml/") and \
                Register.from_xml(part.blob) is not None:
            part._blob = register.to_xml()
            return


def _report(edited: Path, output: Path, briefing_id: str, previous: str, edition: str,
            outcomes: Outcomes) -> dict[str, Any]:
    def entries(kind: str) -> list[dict[str, Any]]:
        return [{"figure": o.value.figure, "lang": o.value.lang, "bookmark": o.value.bookmark,
                 "printed": o.value.text, "found": o.found, "current": o.current}
                for o in getattr(outcomes, kind)]

    return {"draft": str(edited), "output": str(output), "briefing": briefing_id,
            "draft_edition": previous, "edition": edition,
            "updated": entries("updated"), "conflicts": entries("overtyped"),
            "deleted": entries("deleted"), "no_longer_in_content": entries("gone"),
            "unchanged": len(outcomes.unchanged)}


def markdown(report: dict[str, Any]) -> str:
    """The report for the official and the secretariat, in both languages."""
    lines = [f"# 草稿数据更新 / Draft update: {report['briefing']}", "",
             f"草稿版本 / Draft edition: {report['draft_edition']} → {report['edition']}",
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
            lines += [f"| {e['figure']} | {e['lang']} | {e['printed']} | {e['found'] or '—'} "
                      f"| {e['current'] or '—'} |" for e in report[key]]
        lines.append("")
    lines.append(f"未变化 / Unchanged: {report['unchanged']}")
    return "\n".join(lines) + "\n"
