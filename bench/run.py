"""Time `briefing build` against bare ReportLab and python-docx scripts, as whole processes.

    python bench/run.py [--runs N] [--markdown]

Five commands, each a fresh Python process writing into a temporary folder:
bare ReportLab (bare_reportlab.py), bare python-docx (bare_docx.py), and
`briefing build --format pdf | docx | all` on content/xicheng-2023. After one warm-up run
each, they run round-robin N times (the order rotating each round), so slow moments of the
machine hit all of them alike. Per command: median, min and max wall-clock seconds
(time.perf_counter around spawn-to-exit), peak RSS (that child's own ru_maxrss, from
os.wait4), and the median's ratio to the bare ReportLab median.

Target: median(briefing all) <= 2 x (median(bare ReportLab) + median(bare docx)). Prints
PASS or FAIL for it; the exit status is 1 on FAIL.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CONTENT = ROOT / "content" / "xicheng-2023"
TARGET = 2.0


def commands(out: Path) -> dict[str, list[str]]:
    """Name -> argv of each measured process; every output goes under `out`."""
    py = sys.executable
    build = [py, "-m", "briefing", "build", str(CONTENT), "-o"]
    return {
        "bare reportlab": [py, str(HERE / "bare_reportlab.py"), str(out / "bare.pdf")],
        "bare docx": [py, str(HERE / "bare_docx.py"), str(out / "bare.docx")],
        "briefing pdf": [*build, str(out / "pdf"), "--format", "pdf"],
        "briefing docx": [*build, str(out / "docx"), "--format", "docx"],
        "briefing all": [*build, str(out / "all"), "--format", "all"],
    }


def run_once(argv: list[str], env: dict[str, str], log: Path) -> tuple[float, float]:
    """Run one process to completion; returns (wall seconds, peak RSS in MiB).

    os.wait4 gives the rusage of exactly this child, so its ru_maxrss is its own peak and
    not the running maximum over all children that RUSAGE_CHILDREN would report."""
    with log.open("wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        sys.exit(f"failed ({proc.returncode}): {' '.join(argv)}\n{log.read_text()}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def measure(runs: int) -> dict[str, list[tuple[float, float]]]:
    """Warm up each command once, then `runs` rounds round-robin; results per command."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        cmds = commands(Path(tmp))
        log = Path(tmp) / "last.log"
        names = list(cmds)
        results: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
        for name in names:
            run_once(cmds[name], env, log)
        for i in range(runs):
            print(f"round {i + 1}/{runs}", file=sys.stderr)
            for name in names[i % len(names):] + names[:i % len(names)]:
                results[name].append(run_once(cmds[name], env, log))
    return results


def table(results: dict[str, list[tuple[float, float]]]) -> tuple[list[list[str]], float]:
    """Rows of the result table (header first) and the all / (bare pdf + bare docx) ratio."""
    med = {name: statistics.median(s for s, _ in r) for name, r in results.items()}
    base = med["bare reportlab"]
    rows = [["command", "median s", "min s", "max s", "peak RSS MiB", "x bare reportlab"]]
    for name, r in results.items():
        seconds = [s for s, _ in r]
        rows.append([name, f"{med[name]:.3f}", f"{min(seconds):.3f}", f"{max(seconds):.3f}",
                     f"{max(m for _, m in r):.0f}", f"{med[name] / base:.2f}"])
    return rows, med["briefing all"] / (med["bare reportlab"] + med["bare docx"])


def plain(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                               for i, (cell, w) in enumerate(zip(row, widths))) for row in rows)


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + "|".join(["---"] + ["---:"] * (len(rows[0]) - 1)) + "|")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured rounds (default 7)")
    parser.add_argument("--markdown", action="store_true",
                        help="also print the table as Markdown")
    args = parser.parse_args()
    if not (HERE / "sample.json").exists():
        sys.exit("bench/sample.json is missing: run bench/export_text.py first")
    rows, ratio = table(measure(args.runs))
    verdict = "PASS" if ratio <= TARGET else "FAIL"
    summary = (f"briefing all / (bare reportlab + bare docx) = {ratio:.2f} "
               f"(target <= {TARGET:.1f}): {verdict}")
    print(f"{args.runs} runs each, {sys.executable}, {os.cpu_count()} CPUs\n")
    print(plain(rows) + "\n\n" + summary)
    if args.markdown:
        print("\n" + markdown(rows) + "\n\n" + summary.replace(verdict, f"**{verdict}**"))
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
