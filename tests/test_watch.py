"""`briefing watch`: a running watcher rebuilds on a save, reports a broken save with its
place and keeps the last good outputs; it is ended by the test, within a time limit."""

from __future__ import annotations

import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import edit_briefing, pdf_text

ROOT = Path(__file__).resolve().parents[1]
LIMIT_S = 90  # per awaited line: a rebuild takes ~1 s, far more on a loaded machine


class Watcher:
    """`briefing watch` in a subprocess; its output lines read by a thread, awaited with a
    deadline, so a hung watcher fails the test instead of stalling it."""

    def __init__(self, *args: str) -> None:
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "briefing", "watch", *args], stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, encoding="utf-8", env=env)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str) -> str:
        deadline = time.monotonic() + LIMIT_S
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.seen.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r} in {LIMIT_S} s; saw {self.seen}")

    def stop(self) -> None:
        """Ended by the test: terminate (TerminateProcess on Windows), then kill."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)


def it_rebuilds_on_save_and_keeps_the_last_good_pdf_on_error(make_briefing,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    folder = make_briefing()
    out = tmp_path / "out"
    pdf, docx = out / "mini.pdf", out / "mini.docx"
    watcher = Watcher(str(folder), "-o", str(out))
    try:
        watcher.wait_for(r"^watching ")
        watcher.wait_for(r"wrote .*mini\.pdf")
        watcher.wait_for(r"wrote .*mini\.docx")  # the DOCX after the PDF
        assert "Watched" not in "".join(pdf_text(pdf))

        edit_briefing(folder, "Test District signed", "Watched District signed")
        watcher.wait_for(r"wrote .*mini\.pdf")
        assert "Watched District signed" in "".join(pdf_text(pdf))
        watcher.wait_for(r"wrote .*mini\.docx")
        good = pdf.read_bytes(), docx.read_bytes()

        text = edit_briefing(folder, "figure: signed_investment", "figure: signed_investmnt")
        line = text.splitlines().index("          figure: signed_investmnt") + 1
        located = watcher.wait_for(r"unknown figure 'signed_investmnt'")
        assert f"briefing.yaml:{line}:" in located
        watcher.wait_for(r"1 error; the last good outputs are kept")
        assert (pdf.read_bytes(), docx.read_bytes()) == good

        edit_briefing(folder, "figure: signed_investmnt", "figure: signed_investment")
        edit_briefing(folder, "Watched District", "Mended District")
        watcher.wait_for(r"wrote .*mini\.pdf")
        assert "Mended District signed" in "".join(pdf_text(pdf))
        watcher.wait_for(r"wrote .*mini\.docx")
        assert watcher.process.poll() is None  # still watching after the error

        # a figure changed: the change report of the save names it (written by the PDF's
        # pass, not overwritten by the DOCX's)
        figures = folder / "figures.yaml"
        figures.write_text(figures.read_text("utf-8").replace("value: 33", "value: 34"),
                           "utf-8")
        watcher.wait_for(r"wrote .*mini\.pdf")
        watcher.wait_for(r"wrote .*mini\.docx")
        changes = json.loads((out / "mini.changes.json").read_text("utf-8"))
        assert [c["id"] for c in changes["changed"]] == ["signed_projects"]
    finally:
        watcher.stop()
    assert not any("Traceback" in line for line in watcher.seen)
