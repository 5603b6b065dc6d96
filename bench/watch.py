"""The watch loop's latency: seconds from a one-paragraph save to the PDF (and the DOCX)
being published, in one warm process, as `briefing watch` rebuilds.

    python bench/watch.py BRIEFING OUT_DIR [--edits 7] [--new-characters]

The briefing folder is copied; each edit changes one paragraph's English text (with
--new-characters, it adds a Chinese character the document did not have yet). Prints JSON:
{"pdf": [s, ...], "docx": [s, ...]}, seconds from the start of the rebuild.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("briefing", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--new-characters", action="store_true")
    args = parser.parse_args()
    from briefing.fonts import common_characters
    from briefing.watch import WatchOptions, rebuild

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / args.briefing.name
        shutil.copytree(args.briefing, folder)
        file = folder / "briefing.yaml"
        original = file.read_text("utf-8")
        # common characters (GB 2312 level 1) the sample does not use: one more each edit
        fresh = sorted(c for c in common_characters() - set(original) if "\u4e00" <= c <= "\u9fff")
        options = WatchOptions(args.out, ("pdf", "docx"))
        rebuild(folder, options)  # the watcher's first build: cold
        times: dict[str, list[float]] = {"pdf": [], "docx": []}
        for i in range(args.edits):
            marker = "".join(fresh[:i + 1]) if args.new_characters else "x" * (i + 1)
            file.write_text(original.replace("砥砺奋进，", f"砥砺奋进{marker}，", 1), "utf-8")
            seen: dict[str, float] = {}
            result = rebuild(folder, options, lambda p, s, at=seen: at.setdefault(p.suffix[1:], s))
            assert result.error is None, result.error
            times["pdf"].append(seen["pdf"])
            times["docx"].append(seen["docx"])
    print(json.dumps(times))


if __name__ == "__main__":
    main()
