"""Batch benchmark: N delegations of the sample, PDF and DOCX, against one cold build.

    python bench/batch.py [--editions 100] [--runs 1]

Prints seconds per edition with 1 and 2 processes, the scaling, and the batch time as a
multiple of one cold `briefing build` (issue target: <= 20x for 100 editions).
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str]) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    if done.returncode:
        raise SystemExit(f"{command[3]} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--editions", type=int, default=100)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    try:
        shutil.copytree(ROOT / "content" / "xicheng-2023", work / "xicheng-2023")
        sample = yaml.safe_load((ROOT / "content" / "delegations.yaml").read_text("utf-8"))
        # deep copies: shared objects would be written as YAML aliases, which briefing refuses
        delegations = [dict(copy.deepcopy(d), id=f"{d['id']}-{i}")
                       for i in range(args.editions // 5 + 1)
                       for d in sample["delegations"]][:args.editions]
        (work / "delegations.yaml").write_text(yaml.safe_dump(
            {"briefing": "xicheng-2023", "delegations": delegations}, allow_unicode=True),
            "utf-8")
        py = sys.executable
        single = statistics.median(
            timed([py, "-m", "briefing", "build", str(work / "xicheng-2023"), "-o",
                   str(work / f"single{r}"), "--force"]) for r in range(3))
        result = {}
        for jobs in (1, 2):
            result[jobs] = statistics.median(
                timed([py, "-m", "briefing", "batch", str(work / "delegations.yaml"), "-o",
                       str(work / f"out{jobs}-{r}"), "--jobs", str(jobs)])
                for r in range(args.runs))
        n = args.editions
        print(f"one cold build (PDF+DOCX): {single:.2f} s (median of 3)")
        for jobs, seconds in result.items():
            print(f"batch of {n}, {jobs} process(es): {seconds:.1f} s, "
                  f"{seconds / n:.2f} s per edition, {seconds / single:.1f}x one build")
        print(f"scaling 1 -> 2 processes: {result[1] / result[2]:.2f}x")
        best = min(result.values())
        verdict = "PASS" if best <= 20 * single else "FAIL"
        print(f"target batch <= 20x one build: {best / single:.1f}x: {verdict}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
