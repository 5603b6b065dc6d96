"""What changed since the previous edition: each build keeps a snapshot of the figures it
used (`OUTDIR/<name>.figures.json`, the outputs' name: `<id>` unless `build --name` says
otherwise); the next build of that name compares, and writes the changes beside the
outputs (`<name>.changes.md`, `<name>.changes.json`), in both languages, with the sections
that quote each changed figure. `briefing changes` prints the same without building.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .content.figure_file import Among, Previous, Target
from .content.figures import format_as_of, format_change, units
from .content.schema import Content, Figure, Section
from .content.templating import FigureView, TemplateProblem, rendering
from .figure_use import figure_ids_in, used_figures

if TYPE_CHECKING:  # the pipeline imports this module to record editions
    from .pipeline import Prepared

SNAPSHOT = "{id}.figures.json"
CHANGES_JSON = "{id}.changes.json"
CHANGES_MD = "{id}.changes.md"
# what a figure's renderings depend on, beyond its value: compared between editions, and
# restored for a redline (a snapshot written before they were recorded lacks them)
DEPENDS_ON = ("change", "previous", "target", "among")
# the wordings of those, recorded as printed, for the report
WORDINGS = ("change", "progress", "schedule", "difference")


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
            **_depends_on(figure),
            "wording": _wordings(figure),
        }
    return {"briefing": content.id, "edition": content.briefing.cover.date.isoformat(),
            "figures": figures}


def _depends_on(figure: Figure) -> dict[str, Any]:
    """The figure's year-on-year change, previous value, target and rank, as data."""
    return {"change": None if figure.change is None else str(figure.change),
            **{key: None if getattr(figure, key) is None
               else getattr(figure, key).model_dump(mode="json")
               for key in ("previous", "target", "among")}}


def _wordings(figure: Figure) -> dict[str, dict[str, str]]:
    """同比增长6.5%, 完成年度目标任务的58.8%...: each of WORDINGS the figure has, as printed."""
    worded = {}
    for attribute in WORDINGS:
        try:
            worded[attribute] = {lang: rendering(figure, attribute, lang)
                                 for lang in ("zh", "en")}
        except (TemplateProblem, ValueError):
            continue  # a figure without a previous value, a target...
    return worded


def _differing(was: dict[str, Any], now: dict[str, Any]) -> list[str]:
    """What differs between a figure's two snapshots: its value, unit, date, and what its
    renderings depend on (where both snapshots record it)."""
    return [key for key in ("value", "unit", "as_of", *DEPENDS_ON)
            if key in was and key in now and was[key] != now[key]]


def compare(old: dict[str, Any] | None, new: dict[str, Any]) -> dict[str, Any]:
    """Changed, added and removed figures between two snapshots; the editions' dates, and
    the latest date of their figures."""
    before = (old or {}).get("figures", {})
    after = new["figures"]
    changed = []
    for fig_id, now in after.items():
        was = before.get(fig_id)
        differing = _differing(was, now) if was is not None else []
        if not differing:
            continue
        kept = ("value", "as_of", "text", "wording")
        entry = {"id": fig_id, "label": now["label"], "source": now["source"],
                 "sections": now["sections"], "fields": differing,
                 "old": {k: was[k] for k in kept if k in was},
                 "new": {k: now[k] for k in kept if k in now}}
        if was["unit"] == now["unit"] and Decimal(was["value"]) != 0 and \
                {"value", "as_of"} & set(differing):
            days = _days(was["as_of"], now["as_of"])
            entry["change"] = {lang: format_change(Decimal(now["value"]), Decimal(was["value"]),
                                                   units()[now["unit"]], lang, days)
                               for lang in ("zh", "en")}
        changed.append(entry)
    return {"briefing": new["briefing"], "previous_edition": (old or {}).get("edition"),
            "edition": new["edition"], "changed": changed,
            "previous_figures_as_of": _latest(before), "figures_as_of": _latest(after),
            "added": sorted(set(after) - set(before)) if old else [],
            "removed": sorted(set(before) - set(after))}


def _latest(figures: dict[str, Any]) -> str | None:
    """The latest date of a snapshot's figures (thresholds have none)."""
    return max((f["as_of"] for f in figures.values() if f.get("as_of")), default=None)


def _days(old: str, new: str) -> int:
    """The days between two figures' dates; 0 when one has none (a threshold): the change
    is then not worded as year on year."""
    if not old or not new:
        return 0
    return (_date(new) - _date(old)).days


def _editions(report: dict[str, Any]) -> list[str]:
    """Which editions are compared: their dates, and their figures' latest dates; an arrow
    only between values that differ."""
    def span(old: str | None, new: str | None, same: str) -> str:
        return f"{old} → {new}" if old != new else f"{new}{same}"

    lines = ["上一版本 / Previous edition: " + span(
        report["previous_edition"], report["edition"],
        "（与本版同一日期 / the same date as this edition）")]
    if report.get("figures_as_of"):
        lines.append("数据截至 / Figures as of: " + span(
            report.get("previous_figures_as_of"), report["figures_as_of"], ""))
    return lines


def _shown(side: dict[str, Any], other: dict[str, Any], lang: str) -> str:
    """A figure's value as printed, and each wording that differs on the other side."""
    worded = side.get("wording", {})
    extra = [w[lang] for key, w in worded.items()
             if other.get("wording", {}).get(key) != w]
    return ("，" if lang == "zh" else ", ").join([side["text"][lang], *extra])


def markdown(report: dict[str, Any]) -> str:
    """The changes as a bilingual Markdown table for the people downstream."""
    lines = [f"# 数据变化 / Changes in figures: {report['briefing']}", ""]
    if report["previous_edition"] is None:
        lines.append("首次编制，无上一版本可比。 / First edition: nothing to compare with.")
        return "\n".join(lines) + "\n"
    lines += _editions(report)
    lines.append("")
    if not report["changed"]:
        lines.append("数据无变化。 / No figure changed.")
    else:
        lines += ["| 指标 / Figure | 原值 / Old | 新值 / New | 变化 / Change | 截至 / As of | "
                  "来源 / Source | 所在章节 / Sections |", "|---|---|---|---|---|---|---|"]
        for c in report["changed"]:
            change = c.get("change", {"zh": "—", "en": "—"})  # the value did not change
            sections = "; ".join(f"{s['zh']} / {s['en']}" for s in c["sections"])
            lines.append(
                f"| {c['label']['zh']} / {c['label']['en']} "
                f"| {_shown(c['old'], c['new'], 'zh')} / {_shown(c['old'], c['new'], 'en')} "
                f"| {_shown(c['new'], c['old'], 'zh')} / {_shown(c['new'], c['old'], 'en')} "
                f"| {change['zh']} / {change['en']} "
                f"| {_as_of(c['new']['as_of'], 'zh')} / {_as_of(c['new']['as_of'], 'en')} "
                f"| {c['source']['zh'] or '—'} / {c['source']['en'] or '—'} | {sections} |")
    for kind, title in (("added", "新增 / Added"), ("removed", "删除 / Removed")):
        if report[kind]:
            lines += ["", f"{title}: " + ", ".join(report[kind])]
    return "\n".join(lines).replace("\u00a0", " ") + "\n"


def _date(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def _as_of(text: str, lang: str) -> str:
    return format_as_of(_date(text), lang) if text else "—"


def load_snapshot(out_dir: Path, *stems: str) -> dict[str, Any] | None:
    """The snapshot of the first of `stems` that `out_dir` holds: an edition's own name
    (`build --name`), then the briefing's id, the only name snapshots had before they
    followed --name (a folder built then still finds its last edition)."""
    for stem in dict.fromkeys(stems):
        try:
            data = json.loads((out_dir / SNAPSHOT.format(id=stem)).read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and "figures" in data:
            return data
    return None


def edition_files(prepared: Prepared, out_dir: Path, stem: str | None = None,
                  since: tuple[str, ...] = ()) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The changes since the last snapshot in `out_dir`, and the files that record them
    (JSON and Markdown) and the new snapshot: name -> bytes, published with the outputs
    (editions.py). Named after `stem`: the outputs' name (build --name), or a batch
    edition's; compared with the snapshot of `stem`, else of the first of `since` there."""
    stem = stem or prepared.content.id
    new = snapshot(prepared)
    report = compare(load_snapshot(out_dir, stem, *since), new)
    return report, {CHANGES_JSON.format(id=stem): _json(report),
                    CHANGES_MD.format(id=stem): markdown(report).encode("utf-8"),
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
    texts, with each figure's value, date, year-on-year change, previous value, target and
    rank as they were (for redlines). A threshold (statistic: false) has no date."""
    figures = dict(content.figures)
    models: dict[str, type[Previous | Target | Among]] = {
        "previous": Previous, "target": Target, "among": Among}
    for fig_id, old in old_figures.items():
        if fig_id in figures:
            update: dict[str, Any] = {
                "value": Decimal(old["value"]), "significant": None,
                "as_of": _date(old["as_of"]) if old["as_of"] else None}
            if "change" in old:
                update["change"] = None if old["change"] is None else Decimal(old["change"])
            update.update((key, None if old[key] is None else model.model_validate(old[key]))
                          for key, model in models.items() if key in old)
            figures[fig_id] = figures[fig_id].model_copy(update=update)
    return dataclasses.replace(content, figures=figures)
