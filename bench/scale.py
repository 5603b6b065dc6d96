"""Bigger briefings for the load benchmarks, made from the sample by repetition.

    scaled_briefing(dst, times=10)            # the sample's sections 10 times over
    scaled_briefing(dst, figure_rows=10_000)  # the sample plus 10,000 more figures rows
    delegations_file(dst, editions=500)       # 500 delegations for `briefing batch`

The text is repeated verbatim (sections: is the file's last key, so its lines are copied
as they are); extra figures rows are valid and unused, as in a statistics office's export
that holds more than one briefing quotes.
"""

from __future__ import annotations

import copy
import csv
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "content" / "xicheng-2023"


def scaled_briefing(dst: Path, times: int = 1, figure_rows: int = 0) -> Path:
    """A copy of the sample at `dst` with its sections `times` times and `figure_rows`
    extra figures; returns the briefing folder."""
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(SAMPLE, dst)
    text = (SAMPLE / "briefing.yaml").read_text("utf-8")
    head, marker, sections = text.partition("\nsections:\n")
    assert marker, "sections: must be the last key of the sample"
    (dst / "briefing.yaml").write_text(head + marker + sections.rstrip("\n") * 1
                                       + ("\n" + sections.rstrip("\n")) * (times - 1) + "\n",
                                       "utf-8")
    if figure_rows:
        with (dst / "figures.csv").open("a", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            for i in range(figure_rows):
                writer.writerow([f"extra_{i:05d}", f"补充指标{i}", f"Extra figure {i}",
                                 f"{1000 + i * 7.25:.2f}", "CNY", "2023-12-31",
                                 "统计局", "Statistics office", "", "", ""])
    return dst


def delegations_file(dst: Path, editions: int, briefing: str = "xicheng-2023") -> Path:
    """`editions` delegations cycling through the five examples, with unique ids."""
    sample = yaml.safe_load((ROOT / "content" / "delegations.yaml").read_text("utf-8"))
    # deep copies: shared objects would be written as YAML aliases, which briefing refuses
    delegations = [dict(copy.deepcopy(d), id=f"{d['id']}-{i}")
                   for i in range(editions // len(sample["delegations"]) + 1)
                   for d in sample["delegations"]][:editions]
    dst.write_text(yaml.safe_dump({"briefing": briefing, "delegations": delegations},
                                  allow_unicode=True), "utf-8")
    return dst
