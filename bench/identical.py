"""Are the sample's outputs byte-identical to those of another revision?

    python bench/identical.py --base af53850          # a commit, branch or tag
    python bench/identical.py --against /work/ref-af53850

Builds the sample briefing in all 12 theme x layout combinations with `briefing build`, once
with the code, themes and fonts of the working tree and once with those of `--base` (checked
out into a temporary `git worktree`, its own `src/` on PYTHONPATH), or compares with a
folder of outputs made before (`--against DIR`: DIR/<theme>-<layout>/<id>.pdf and .docx).
Each side has a cache of its own, so neither reuses a font subset or chart picture that the
other made. Prints a table; the exit status is 1 if any PDF or DOCX differs, 2 if a build
fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = Path("content") / "xicheng-2023"
THEMES = ("investor", "print", "gov")
LAYOUTS = ("stacked", "parallel", "zh", "en")
FORMATS = ("pdf", "docx")


def build_all(tree: Path, out: Path) -> None:
    """Every combination built by `tree`'s own code, from `tree`'s sample, into out/<t>-<l>/."""
    env = dict(os.environ, PYTHONPATH=str(tree / "src"), BRIEFING_CACHE_DIR=str(out / "cache"))
    where = subprocess.run([sys.executable, "-c", "import briefing; print(briefing.__file__)"],
                           env=env, cwd=tree, capture_output=True, text=True, check=True)
    if not Path(where.stdout.strip()).is_relative_to(tree / "src"):
        raise SystemExit(f"the build would import {where.stdout.strip()}, not {tree}'s code")
    for theme in THEMES:
        for layout in LAYOUTS:
            command = [sys.executable, "-m", "briefing", "build", str(SAMPLE), "--theme", theme,
                       "--layout", layout, "--force", "-o", str(out / f"{theme}-{layout}")]
            done = subprocess.run(command, env=env, cwd=tree, capture_output=True, text=True)
            if done.returncode:
                print(done.stdout + done.stderr, file=sys.stderr)
                raise SystemExit(2)


def difference(base: Path, ours: Path) -> str:
    """'' when the files are byte-identical, else a short account of what differs."""
    if not base.is_file() or not ours.is_file():
        return "missing " + (str(base) if not base.is_file() else str(ours))
    old, new = base.read_bytes(), ours.read_bytes()
    if old == new:
        return ""
    if base.suffix == ".docx":
        with zipfile.ZipFile(base) as a, zipfile.ZipFile(ours) as b:
            names = sorted(set(a.namelist()) | set(b.namelist()))
            parts = [n for n in names if n not in a.namelist() or n not in b.namelist()
                     or a.read(n) != b.read(n)]
        return "parts " + ", ".join(parts) if parts else "zip bytes (parts equal)"
    first = next((i for i, (x, y) in enumerate(zip(old, new, strict=False)) if x != y),
                 min(len(old), len(new)))
    return f"{len(old)} -> {len(new)} bytes, first difference at byte {first}"


def compare(base_out: Path, our_out: Path, name: str) -> int:
    """Print the table; the number of outputs that differ."""
    print(f"{'theme':<9} {'layout':<9} {'pdf':<10} docx")
    differing = 0
    for theme in THEMES:
        for layout in LAYOUTS:
            folder = f"{theme}-{layout}"
            cells, notes = [], []
            for fmt in FORMATS:
                diff = difference(base_out / folder / f"{name}.{fmt}",
                                  our_out / folder / f"{name}.{fmt}")
                cells.append("identical" if not diff else "DIFFERS")
                if diff:
                    notes.append(f"  {fmt}: {diff}")
                    differing += 1
            print(f"{theme:<9} {layout:<9} {cells[0]:<10} {cells[1]}")
            for note in notes:
                print(note)
    return differing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    side = parser.add_mutually_exclusive_group(required=True)
    side.add_argument("--base", metavar="REV", help="the revision to compare with")
    side.add_argument("--against", metavar="DIR", type=Path,
                      help="a folder of outputs made before, DIR/<theme>-<layout>/")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="briefing-identical-") as scratch:
        tmp = Path(scratch)
        if args.against:
            base_out, label = args.against.resolve(), str(args.against)
        else:
            commit = subprocess.run(["git", "rev-parse", "--verify", f"{args.base}^{{commit}}"],
                                    cwd=ROOT, capture_output=True, text=True, check=True)
            label = f"{args.base} ({commit.stdout.strip()[:10]})"
            tree, base_out = tmp / "base-tree", tmp / "base"
            subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(tree),
                            commit.stdout.strip()], cwd=ROOT, check=True)
            try:
                build_all(tree, base_out)
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT,
                               check=False)
        build_all(ROOT, tmp / "ours")
        print(f"sample outputs: {label} vs. the working tree ({ROOT})")
        differing = compare(base_out, tmp / "ours", SAMPLE.name)
    total = len(THEMES) * len(LAYOUTS) * len(FORMATS)
    print(f"{total - differing} of {total} outputs byte-identical")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
