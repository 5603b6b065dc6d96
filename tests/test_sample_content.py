"""The sample briefing keeps its promises: every number in prose comes from a figure, and
every section that quotes figures shows them in a table or KPI row and a call-out."""

from __future__ import annotations

import re

import yaml

from tests.conftest import SAMPLE

REF = re.compile(r"{{\s*([a-z_0-9]+)")


def load(name: str):
    return yaml.load((SAMPLE / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def texts(value: object) -> list[str]:
    if isinstance(value, dict):
        return [t for v in value.values() for t in texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts(v)]
    return [value] if isinstance(value, str) else []


def it_uses_every_figure_and_only_defined_ones() -> None:
    import csv
    with open(SAMPLE / "figures.csv", encoding="utf-8-sig", newline="") as handle:
        figures = {row["id"] for row in csv.DictReader(handle)}
    sections = load("briefing.yaml")["sections"]
    used = {m for t in texts(sections) for m in REF.findall(t)}
    in_charts = {f for s in sections for b in s["blocks"] for f in b.get("chart", {}).get(
        "figures", [])}
    assert used | in_charts == figures


def it_shows_the_figures_of_each_section_in_a_table_or_kpis_and_a_callout() -> None:
    for section in load("briefing.yaml")["sections"]:
        quoted = {m for t in texts(section) for m in REF.findall(t)}
        if not quoted:
            continue
        kinds = {key for block in section["blocks"] for key in block}
        name = section.get("heading", {}).get("zh", "opening")
        assert kinds & {"table", "kpis"}, name
        assert "callout" in kinds, name


def it_types_no_number_twice_in_prose() -> None:
    """Digits in paragraphs are only those that are not figures (years, ranks, names)."""
    allowed = {"2023", "500", "20", "5", "510", "2.5"}
    for section in load("briefing.yaml")["sections"]:
        for block in section["blocks"]:
            for text in texts(block.get("paragraph", {})):
                numbers = set(re.findall(r"\d+(?:\.\d+)?", REF.sub("", text)))
                assert numbers <= allowed, (numbers - allowed, text[:60])


def it_keeps_the_glossary_consistent() -> None:
    glossary = load("briefing.yaml")["glossary"]
    zh = [g["zh"] for g in glossary]
    assert len(zh) == len(set(zh)), "a term is translated twice"
