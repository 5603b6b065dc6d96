"""Cost per extra PDF page in one warm process, where this shared machine's noise is
smaller than between processes.

    python bench/perpage.py SAMPLE TEN OUT_DIR [--rounds 7]

SAMPLE and TEN are the sample briefing and ten times its sections (bench/scale.py). The
four jobs take turns: briefing's PDF of each, and the bare ReportLab script with
`repeat` 1 and 10. Prints JSON: milliseconds per extra page for briefing (whole build,
and the PDF writer alone) and for the bare script, from the medians of the warm rounds.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sample", type=Path)
    parser.add_argument("ten", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    import briefing
    from briefing.pipeline import prepare, render

    sys.path.insert(0, str(HERE))
    import bare_reportlab
    from run import pages

    def ours(folder: Path, out: Path) -> None:
        briefing.build(folder, out, formats=("pdf",), force=True)

    def writer(folder: Path) -> None:
        render(prepare(folder), "pdf")

    jobs = {
        "briefing 1": lambda: ours(args.sample, args.out / "b1"),
        "briefing 10": lambda: ours(args.ten, args.out / "b10"),
        "writer 1": lambda: writer(args.sample),
        "writer 10": lambda: writer(args.ten),
        "bare 1": lambda: bare_reportlab.main(str(args.out / "bare1.pdf")),
        "bare 10": lambda: bare_reportlab.main(str(args.out / "bare10.pdf"), repeat=10),
    }
    times: dict[str, list[float]] = {name: [] for name in jobs}
    for _ in range(args.rounds + 1):  # the first round warms up: fonts, caches
        for name, job in jobs.items():
            start = time.perf_counter()
            job()
            times[name].append(time.perf_counter() - start)
    med = {name: statistics.median(t[1:]) for name, t in times.items()}
    ours_pages = (pages(args.out / "b10" / f"{args.ten.name}.pdf")
                  - pages(args.out / "b1" / f"{args.sample.name}.pdf"))
    bare_pages = pages(args.out / "bare10.pdf") - pages(args.out / "bare1.pdf")
    print(json.dumps({
        "briefing_ms": (med["briefing 10"] - med["briefing 1"]) / ours_pages * 1000,
        "writer_ms": (med["writer 10"] - med["writer 1"]) / ours_pages * 1000,
        "bare_ms": (med["bare 10"] - med["bare 1"]) / bare_pages * 1000,
    }))


if __name__ == "__main__":
    main()
