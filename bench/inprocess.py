"""Builds in one process, as a batch or a watch loop does: the first is cold, the rest warm.

    python bench/inprocess.py BRIEFING OUT_DIR [--builds 6]

Prints JSON: {"briefing": [s, ...], "bare_reportlab": [s, ...], "bare_docx": [s, ...]},
seconds of each `briefing.build(..., formats=("pdf", "docx"), force=True)` and, for
reference, of the bare ReportLab and python-docx scripts' main() run the same number of
times in the same process: what the two libraries alone need for this content, warm.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("briefing", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--builds", type=int, default=6)
    args = parser.parse_args()
    import briefing

    sys.path.insert(0, str(HERE))
    import bare_docx
    import bare_reportlab

    times: dict[str, list[float]] = {"briefing": [], "bare_reportlab": [], "bare_docx": []}
    for i in range(args.builds):
        start = time.perf_counter()
        briefing.build(args.briefing, args.out / f"b{i}", force=True)
        times["briefing"].append(time.perf_counter() - start)
        start = time.perf_counter()
        bare_reportlab.main(str(args.out / f"bare{i}.pdf"))
        times["bare_reportlab"].append(time.perf_counter() - start)
        start = time.perf_counter()
        bare_docx.main(str(args.out / f"bare{i}.docx"))
        times["bare_docx"].append(time.perf_counter() - start)
    print(json.dumps(times))


if __name__ == "__main__":
    main()
