"""The performance benchmark of issues 9 and 19: `briefing build` against bare ReportLab and
python-docx scripts that produce the same content, as whole processes, in one run.

    python bench/run.py [--runs 7] [--load] [--write]

* Whole processes, round-robin: after one warm-up run each, the commands take turns
  `--runs` times (the starting command rotating), so a busy moment of this shared machine
  slows all of them alike. Per command: median, min, max seconds (spawn to exit) and peak
  RSS (the child's own ru_maxrss, from os.wait4).
* In one process (bench/inprocess.py): six builds in a row, as a batch or a watch loop
  does; the warm builds' median.
* References: a process that only imports the libraries a build needs (ReportLab,
  python-docx, pydantic, Babel, PyYAML): a floor under the cold time and the memory; and
  the bare scripts run again in one warm process: what the libraries, used the obvious
  way, need for this content.
* Per page: the sample and ten times its body (`--repeat 10` / sections x 10), PDF only;
  seconds per extra page = (t10 - t1) / (pages10 - pages1), for both; and the same in one
  warm process (bench/perpage.py), where the noise between processes is absent.
* Issue 19 (bench/watch.py and extra commands in the same round-robin): the watch loop's
  save -> PDF and save -> DOCX, a cold build after an edit adding a character against one
  adding none, the first build with an empty font cache, a 20-edition batch.
* `--load`: a ~300-page briefing, a 10,000-row figures CSV and a 500-edition batch, each
  against a tenth of its size, to show time linear in size and memory within the target.
* `--write`: the results replace the generated part of docs/performance.md.

Targets are ratios to the bare ReportLab script's median, measured in the same run. The
exit status is 1 if a target is missed (the verdict of each is printed).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from scale import SAMPLE, delegations_file, scaled_briefing  # noqa: E402

DOC = ROOT / "docs" / "performance.md"
MARK_START, MARK_END = "<!-- bench:start -->", "<!-- bench:end -->"
MiB = 1024 * 1024
BATCH = 20  # editions of the batch target
LIBRARIES = ("reportlab.platypus", "reportlab.pdfbase.ttfonts", "docx", "pydantic",
             "babel.numbers", "yaml")


@dataclass
class Run:
    seconds: float
    rss_mib: float


def run_once(argv: list[str], log: Path, extra_env: dict[str, str] | None = None) -> Run:
    """One process to completion. os.wait4 gives the rusage of exactly this child (and of
    the children it waited for: a batch's workers), so ru_maxrss is their peak."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(extra_env or {})}
    with log.open("wb") as sink:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=sink, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"failed: {' '.join(argv)}\n{log.read_text()[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def round_robin(cmds: dict[str, list[str]], runs: int, log: Path,
                before: dict[str, Callable[[], None]] | None = None,
                envs: dict[str, dict[str, str]] | None = None) -> dict[str, list[Run]]:
    """`before[name]()` runs ahead of each run of `name` (an edit, an emptied cache), not
    timed; `envs[name]` is added to its environment (the benchmark's own font cache)."""
    names = list(cmds)
    results: dict[str, list[Run]] = {name: [] for name in names}

    def one(name: str) -> Run:
        (before or {}).get(name, lambda: None)()
        return run_once(cmds[name], log, (envs or {}).get(name))

    for name in names:
        one(name)  # warm-up: OS file cache, __pycache__, the font cache
    for i in range(runs):
        print(f"round {i + 1}/{runs}", file=sys.stderr)
        for name in names[i % len(names):] + names[:i % len(names)]:
            results[name].append(one(name))
    return results


class Editor:
    """Edits of a copy of the sample, one a run, as an author saves: `plain` changes a
    paragraph without a character the document lacks; `new_character` adds one each time
    (a common one, of GB 2312 level 1, that no earlier run added)."""

    def __init__(self, folder: Path) -> None:
        self.file = scaled_briefing(folder) / "briefing.yaml"
        self.original = self.file.read_text("utf-8")
        self.count = 0
        from briefing.fonts import common_characters

        used = set(self.original)
        self.fresh = sorted(c for c in common_characters() - used if "\u4e00" <= c <= "\u9fff")

    def _save(self, marker: str) -> None:
        self.count += 1
        self.file.write_text(self.original.replace("砥砺奋进，", f"砥砺奋进{marker}，", 1),
                             "utf-8")

    def plain(self) -> None:
        self._save("x" * self.count)

    def new_character(self) -> None:
        self._save("".join(self.fresh[:self.count + 1]))


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def pages(pdf: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return len(document)
    finally:
        document.close()


def command() -> list[str]:
    """The `briefing` command as users run it: the installed script (its exit skips the
    interpreter's teardown, which `python -m briefing` keeps for profilers)."""
    script = Path(sys.executable).parent / "briefing"
    return [str(script)] if script.exists() else [sys.executable, "-m", "briefing"]


def build_cmd(briefing: Path, out: Path, fmt: str = "all") -> list[str]:
    return [*command(), "build", str(briefing), "-o", str(out), "--format", fmt, "--force"]


def main_bench(tmp: Path, runs: int) -> tuple[list[list[str]], list[list[str]], dict]:
    py = sys.executable
    # bytecode for our sources, as an installed package has: with PYTHONDONTWRITEBYTECODE
    # set (as on the build machines) every run would compile them again (~0.04 s)
    compileall.compile_dir(ROOT / "src", quiet=1)
    ten = scaled_briefing(tmp / "ten" / "xicheng-2023", times=10)
    cmds = {
        "bare reportlab": [py, str(HERE / "bare_reportlab.py"), str(tmp / "bare.pdf")],
        "bare docx": [py, str(HERE / "bare_docx.py"), str(tmp / "bare.docx")],
        "briefing pdf": build_cmd(SAMPLE, tmp / "pdf", "pdf"),
        "briefing docx": build_cmd(SAMPLE, tmp / "docx", "docx"),
        "briefing all": build_cmd(SAMPLE, tmp / "all", "all"),
        "bare reportlab x10": [py, str(HERE / "bare_reportlab.py"), str(tmp / "bare10.pdf"),
                               "--repeat", "10"],
        "briefing pdf x10": build_cmd(ten, tmp / "pdf10", "pdf"),
        "libraries imported": [py, "-c", "import " + ", ".join(LIBRARIES)],
    }
    # issue 19: an author's edits, the first build after installing, a batch
    plain = Editor(tmp / "edit-a" / "xicheng-2023")
    new_char = Editor(tmp / "edit-b" / "xicheng-2023")
    empty_cache = tmp / "cache-empty"
    cmds["briefing all, after an edit"] = build_cmd(plain.file.parent, tmp / "ea")
    cmds["briefing all, after an edit adding a character"] = build_cmd(
        new_char.file.parent, tmp / "eb")
    cmds["briefing all, empty font cache"] = build_cmd(SAMPLE, tmp / "first")
    scaled_briefing(tmp / "batch" / "xicheng-2023")
    delegations_file(tmp / "batch" / "delegations.yaml", BATCH)
    cmds[f"briefing batch, {BATCH} editions, 2 processes"] = [
        *command(), "batch", str(tmp / "batch" / "delegations.yaml"), "-o", str(tmp / "ob"),
        "--jobs", "2"]
    before = {"briefing all, after an edit": plain.plain,
              "briefing all, after an edit adding a character": new_char.new_character,
              "briefing all, empty font cache": lambda: shutil.rmtree(empty_cache, True)}
    envs = {name: {"BRIEFING_CACHE_DIR": str(tmp / "cache")} for name in cmds}
    envs["briefing all, empty font cache"] = {"BRIEFING_CACHE_DIR": str(empty_cache)}
    results = round_robin(cmds, runs, tmp / "log.txt", before, envs)
    base = median(results["bare reportlab"])
    rows = [["command", "median s", "min s", "max s", "peak RSS MiB", "x bare reportlab"]]
    for name, r in results.items():
        seconds = [x.seconds for x in r]
        rows.append([name, f"{median(r):.3f}", f"{min(seconds):.3f}", f"{max(seconds):.3f}",
                     f"{max(x.rss_mib for x in r):.0f}", f"{median(r) / base:.2f}"])

    inproc = subprocess.run([py, str(HERE / "inprocess.py"), str(SAMPLE), str(tmp / "ip")],
                            cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    loop = json.loads(inproc.stdout)
    warm = statistics.median(loop["briefing"][1:])
    warm_bare = statistics.median(loop["bare_reportlab"][1:])
    warm_docx = statistics.median(loop["bare_docx"][1:])
    reference = median(results["libraries imported"]) + warm_bare + warm_docx

    warm_pages = json.loads(subprocess.run(
        [py, str(HERE / "perpage.py"), str(SAMPLE), str(ten), str(tmp / "pp")], cwd=ROOT,
        capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")}).stdout)

    p1, p10 = pages(tmp / "bare.pdf"), pages(tmp / "bare10.pdf")
    q1, q10 = pages(tmp / "pdf" / "xicheng-2023.pdf"), pages(tmp / "pdf10" / "xicheng-2023.pdf")
    bare_page = (median(results["bare reportlab x10"]) - base) / (p10 - p1)
    our_page = (median(results["briefing pdf x10"]) - median(results["briefing pdf"])) / (q10 - q1)
    size_kb = (tmp / "all" / "xicheng-2023.pdf").stat().st_size / 1000
    fonts_kb = font_program_bytes(tmp / "all" / "xicheng-2023.pdf") / 1000
    rss = max(x.rss_mib for x in results["briefing all"])

    cold = median(results["briefing all"]) / base
    watch = watch_bench(tmp, cmds["bare reportlab"])
    edit = median(results["briefing all, after an edit"])
    new_edit = median(results["briefing all, after an edit adding a character"]) / edit
    first = median(results["briefing all, empty font cache"]) / median(results["briefing all"])
    per_edition = median(results[f"briefing batch, {BATCH} editions, 2 processes"]) / BATCH
    targets = [
        ["target", "measured", "goal", "verdict"],
        ["watch: a one-paragraph save -> PDF published / bare ReportLab (taking turns)",
         f"{watch['pdf'] / watch['base']:.2f} ({watch['pdf']:.3f} s / {watch['base']:.3f} s)",
         "<= 0.15", _verdict(watch["pdf"] / watch["base"] <= 0.15)],
        ["  the same -> DOCX published (after the PDF)",
         f"{watch['docx'] / watch['base']:.2f} ({watch['docx']:.3f} s)", "", ""],
        ["  watch, a save adding a new character -> PDF, DOCX",
         f"{watch['new_pdf'] / watch['base']:.2f}, {watch['new_docx'] / watch['base']:.2f}",
         "", ""],
        ["cold build after an edit adding a character / after an edit adding none",
         f"{new_edit:.2f}", "<= 1.10", _verdict(new_edit <= 1.10)],
        ["first build after installing (empty font cache) / a later cold build",
         f"{first:.2f}", "<= 1.50", _verdict(first <= 1.50)],
        ["batch, per edition (PDF+DOCX, 2 processes) / bare ReportLab",
         f"{per_edition / base:.2f} ({per_edition:.3f} s)", "<= 0.12",
         _verdict(per_edition / base <= 0.12)],
        ["cold `briefing build` PDF+DOCX / bare ReportLab", f"{cold:.2f}", "<= 0.90",
         _verdict(cold <= 0.90)],
        ["  for reference: libraries imported + both bare scripts' warm work (sum)",
         f"{reference / base:.2f} ({reference:.3f} s)", "", ""],
        ["second build in one process, PDF+DOCX / bare ReportLab",
         f"{warm / base:.2f} ({warm:.3f} s)", "<= 0.25", _verdict(warm / base <= 0.25)],
        ["  for reference: bare ReportLab + bare python-docx, second run in one process",
         f"{(warm_bare + warm_docx) / base:.2f} ({warm_bare:.3f} + {warm_docx:.3f} s)", "",
         ""],
        ["peak memory, cold PDF+DOCX build", f"{rss:.0f} MiB", "<= 70 MiB",
         _verdict(rss <= 70)],
        ["  floor: libraries imported",
         f"{max(x.rss_mib for x in results['libraries imported']):.0f} MiB", "", ""],
        ["seconds per extra PDF page (sample -> 10x)",
         f"{our_page * 1000:.1f} ms ({q1} -> {q10} pages)",
         f"<= ReportLab's {bare_page * 1000:.1f} ms ({p1} -> {p10} pages)",
         _verdict(our_page <= bare_page)],
        ["  the same in one warm process (less noise; bench/perpage.py)",
         f"{warm_pages['briefing_ms']:.1f} ms (the PDF writer alone "
         f"{warm_pages['writer_ms']:.1f} ms)", f"ReportLab's {warm_pages['bare_ms']:.1f} ms",
         ""],
        ["sample PDF size", f"{size_kb:.0f} KB", "<= 200 KB", _verdict(size_kb <= 200)],
        ["  of which embedded font programs", f"{fonts_kb:.0f} KB", "", ""],
    ]
    return rows, targets, {"loop": loop}


def watch_bench(tmp: Path, bare: list[str], cycles: int = 3) -> dict[str, float]:
    """Median seconds from a save to the PDF and to the DOCX published, in the watch
    loop's warm process (bench/watch.py: plain edits, and edits adding a character), each
    watch process taking turns with a cold run of the bare ReportLab script (`bare`), whose
    median is the baseline of these ratios ("base")."""
    found: dict[str, list[float]] = {"base": []}
    env = {"BRIEFING_CACHE_DIR": str(tmp / "cache")}
    for cycle in range(cycles):
        found["base"].append(run_once(bare, tmp / "log.txt", env).seconds)
        for key, extra in (("", []), ("new_", ["--new-characters"])):
            done = subprocess.run([sys.executable, str(HERE / "watch.py"), str(SAMPLE),
                                   str(tmp / f"watch{key}{cycle}"), *extra], cwd=ROOT,
                                  capture_output=True, text=True, check=True,
                                  env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **env})
            times = json.loads(done.stdout)
            found.setdefault(f"{key}pdf", []).extend(times["pdf"])
            found.setdefault(f"{key}docx", []).extend(times["docx"])
    return {key: statistics.median(values) for key, values in found.items()}


def load_bench(tmp: Path) -> list[list[str]]:
    """Each load at a tenth and at full size: time ratio vs size ratio, and peak RSS."""
    rows = [["load", "size", "seconds", "peak RSS MiB", "time ratio (size ratio 10)"]]
    cases = []
    small = scaled_briefing(tmp / "p3" / "xicheng-2023", times=3)
    big = scaled_briefing(tmp / "p30" / "xicheng-2023", times=30)
    cases.append(("pages, PDF+DOCX", build_cmd(small, tmp / "o-p3"), build_cmd(big, tmp / "o-p30"),
                  lambda: (pages(tmp / "o-p3" / "xicheng-2023.pdf"),
                           pages(tmp / "o-p30" / "xicheng-2023.pdf")), "pages"))
    rows_small = scaled_briefing(tmp / "f1k" / "xicheng-2023", figure_rows=1_000)
    rows_big = scaled_briefing(tmp / "f10k" / "xicheng-2023", figure_rows=10_000)
    cases.append(("figures CSV rows, PDF+DOCX", build_cmd(rows_small, tmp / "o-f1k"),
                  build_cmd(rows_big, tmp / "o-f10k"), lambda: (1_041, 10_041), "rows"))
    for n in (50, 500):
        scaled_briefing(tmp / f"b{n}" / "xicheng-2023")
        delegations_file(tmp / f"b{n}" / "delegations.yaml", n)
    batch = [[*command(), "batch", str(tmp / f"b{n}" / "delegations.yaml"),
              "-o", str(tmp / f"o-b{n}"), "--jobs", "2"] for n in (50, 500)]
    cases.append(("batch editions, PDF+DOCX, 2 processes", *batch, lambda: (50, 500),
                  "editions"))
    for name, small_cmd, big_cmd, sizes, unit in cases:
        print(f"load: {name}", file=sys.stderr)
        a, b = run_once(small_cmd, tmp / "log.txt"), run_once(big_cmd, tmp / "log.txt")
        n_small, n_big = sizes()
        rows.append([name, f"{n_small} {unit}", f"{a.seconds:.1f}", f"{a.rss_mib:.0f}", ""])
        rows.append(["", f"{n_big} {unit}", f"{b.seconds:.1f}", f"{b.rss_mib:.0f}",
                     f"{b.seconds / a.seconds:.1f} (size x{n_big / n_small:.1f})"])
    return rows


def font_program_bytes(pdf: Path) -> int:
    """Bytes of the embedded TrueType programs (FontFile2 streams) of a ReportLab PDF,
    which writes every object plainly, one `N 0 obj ... endobj` after another."""
    data = pdf.read_bytes()
    programs = set(re.findall(rb"/FontFile2 (\d+) 0 R", data))
    return sum(len(body) for number, body in
               re.findall(rb"\n(\d+) 0 obj\s*(.*?)endobj", data, re.S) if number in programs)


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def plain(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) for row in rows)


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("---" for _ in rows[0]) + "|")
    return "\n".join(lines)


def write_doc(text: str) -> None:
    doc = DOC.read_text("utf-8")
    start, end = doc.index(MARK_START) + len(MARK_START), doc.index(MARK_END)
    DOC.write_text(doc[:start] + "\n" + text + "\n" + doc[end:], "utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured rounds (default 7)")
    parser.add_argument("--load", action="store_true", help="also the load benchmarks")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        rows, targets, _ = main_bench(Path(tmp), args.runs)
        load = load_bench(Path(tmp)) if args.load else None
    header = (f"{args.runs} rounds, {time.strftime('%Y-%m-%d')}, Python "
              f"{sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(header + "\n\n" + plain(rows) + "\n\n" + plain(targets))
    if load:
        print("\n" + plain(load))
    if args.write:
        parts = [header, markdown(rows), markdown(targets)] + ([markdown(load)] if load else [])
        write_doc("\n\n".join(parts))
    return 0 if all(row[3] != "FAIL" for row in targets[1:]) else 1


if __name__ == "__main__":
    sys.exit(main())
