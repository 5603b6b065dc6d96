"""An edition is published as one unit (issue 17, item 2): PDF, DOCX, manifest, change
report and snapshot are the previous edition's or the new one's, never a mixture.

Tested by injection, not timing: the build is made to fail (a full disk, a file in use) and
to be killed (SIGKILL) at each of publish.py's writes and renames in turn. A failure before
the commit leaves the previous edition; after it, the next run finishes the new one. A
build that wrote each file in place, or renamed them one by one, fails these tests."""

from __future__ import annotations

import errno
import hashlib
import multiprocessing
import os
import shutil
import signal
import sys
from pathlib import Path

import pytest

import briefing
from briefing import publish
from briefing.errors import OutputError
from tests.faults import KILL_IDS, KILL_POINTS, committed, count_calls, fail_at, kill_at
from tests.hostile.makers import briefing_copy

PUBLIC = ("b.pdf", "b.docx", ".briefing-manifest.json", "b.changes.json", "b.changes.md")


def edition(out: Path) -> dict[str, str]:
    """The published files of a folder and their digests (hidden working files aside)."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())
            if p.is_file() and not p.name.startswith((publish.STAGING, publish.JOURNAL,
                                                      ".briefing.lock"))}


@pytest.fixture
def editions(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A folder holding edition 1, the briefing changed for edition 2, and edition 2 as a
    run without faults publishes it (built on a copy of edition 1's folder)."""
    folder = briefing_copy(tmp_path / "b")
    out = tmp_path / "out"
    briefing.build(folder, out)
    figures = folder / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 33", "value: 34"), "utf-8")
    reference = tmp_path / "reference"
    shutil.copytree(out, reference)
    briefing.build(folder, reference)
    old, new = edition(out), edition(reference)
    assert set(PUBLIC) <= set(old) and old != new
    assert all(old[name] != new[name] for name in ("b.pdf", "b.docx", "b.changes.json"))
    return folder, out, old, new


def _calls_of_a_build(editions, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, int]:  # type: ignore[no-untyped-def]
    folder, out, _, _ = editions
    probe = tmp_path / "probe"
    shutil.copytree(out, probe)
    counts = {name: count_calls(monkeypatch, name) for name in ("_write_file", "_replace")}
    briefing.build(folder, probe)
    monkeypatch.undo()
    return {name: count[0] for name, count in counts.items()}


def it_publishes_with_writes_and_renames_to_inject_faults_into(  # type: ignore[no-untyped-def]
        editions, monkeypatch, tmp_path) -> None:
    calls = _calls_of_a_build(editions, monkeypatch, tmp_path)
    # six files and the journal are written; the journal and six files are renamed
    assert calls == {"_write_file": 7, "_replace": 7}


@pytest.mark.parametrize("nth", range(1, 8))
def it_keeps_the_previous_edition_when_the_disk_fills(editions, monkeypatch, nth: int) -> None:  # type: ignore[no-untyped-def]
    folder, out, old, _ = editions
    fail_at(monkeypatch, "_write_file", nth, errno.ENOSPC)
    with pytest.raises(OutputError, match="previous edition is untouched"):
        briefing.build(folder, out)
    assert edition(out) == old
    assert not list(out.glob(publish.STAGING + "*")) and not (out / publish.JOURNAL).exists()


@pytest.mark.parametrize("nth", range(1, 8))
def it_finishes_a_committed_edition_on_the_next_run(editions, monkeypatch, nth: int) -> None:  # type: ignore[no-untyped-def]
    """A rename fails (on Windows: the PDF is open in a reader). The first rename is the
    commit: failing there keeps the previous edition; after it, the next run completes."""
    folder, out, old, new = editions
    fail_at(monkeypatch, "_replace", nth, errno.EACCES)
    with pytest.raises(OutputError):
        briefing.build(folder, out)
    monkeypatch.undo()
    if nth == 1:
        assert edition(out) == old and not (out / publish.JOURNAL).exists()
        return
    assert (out / publish.JOURNAL).exists()  # committed: the half-state is recorded
    report = briefing.build_report(folder, out)  # the next run repairs, then is up to date
    assert edition(out) == new
    assert report.written == [] and len(report.up_to_date) == 2
    assert not list(out.glob(publish.STAGING + "*")) and not (out / publish.JOURNAL).exists()


def _killed_build(folder: Path, out: Path, name: str, nth: int) -> None:
    """In a child: build, SIGKILLed at the nth call of publish.<name>."""
    kill_at(name, nth)
    briefing.build(folder, out)
    os._exit(0)


def _repaired(out: Path) -> None:
    publish.repair(out)  # what the next run does first, under the lock


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGKILL, no fork")
def it_keeps_the_previous_edition_when_a_power_cut_lost_the_staged_files(editions) -> None:  # type: ignore[no-untyped-def]
    """The journal reached the disk but the staged files' names did not (the power went
    before the folder was flushed): nothing was moved, so the previous edition stands."""
    folder, out, old, _ = editions
    child = multiprocessing.get_context("fork").Process(
        target=_killed_build, args=(folder, out, "_sync_folder", 1))
    child.start()
    child.join(60)
    assert child.exitcode == -signal.SIGKILL and (out / publish.JOURNAL).exists()
    staged = list(out.glob(publish.STAGING + "*"))
    assert len(staged) == 6
    for path in staged:  # as the power cut leaves them
        path.unlink()
    _repaired(out)
    assert edition(out) == old and not (out / publish.JOURNAL).exists()


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGKILL, no fork")
@pytest.mark.parametrize("name, nth", KILL_POINTS, ids=KILL_IDS)
def it_is_the_previous_or_the_new_edition_after_a_kill(editions, name: str, nth: int) -> None:  # type: ignore[no-untyped-def]
    folder, out, old, new = editions
    child = multiprocessing.get_context("fork").Process(target=_killed_build,
                                                        args=(folder, out, name, nth))
    child.start()
    child.join(60)
    assert child.exitcode == -signal.SIGKILL, "the build was not killed where it should be"
    at_rest = edition(out)
    assert at_rest in (old, new) or (out / publish.JOURNAL).exists(), "a mixed edition"
    _repaired(out)
    assert edition(out) in (old, new)
    assert edition(out) == (new if committed(name, nth) else old)
    assert not list(out.glob(publish.STAGING + "*")) and not (out / publish.JOURNAL).exists()


def it_leaves_out_the_files_the_folder_already_holds(editions, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A rebuild that changes no figure stages neither the snapshot nor the change report
    once they say so; a build of the same files again stages nothing: no write, no fsync,
    no rename (issue 19: fsyncs per edition)."""
    folder, out, old, _ = editions
    briefing.build(folder, out)  # edition 2, all of it
    briefing.build(folder, out)  # the change report now says nothing changed
    counts = {name: count_calls(monkeypatch, name)
              for name in ("_write_file", "_replace", "_sync_folder")}
    fsyncs = _count_fsyncs(monkeypatch)
    before = edition(out)
    briefing.build(folder, out)
    assert {name: count[0] for name, count in counts.items()} == \
        {"_write_file": 0, "_replace": 0, "_sync_folder": 0}
    assert fsyncs[0] == 0 and edition(out) == before
    text = (folder / "briefing.yaml").read_text("utf-8")  # a text changes, no figure
    (folder / "briefing.yaml").write_text(text.replace("First item", "The first item"), "utf-8")
    briefing.build(folder, out)
    # the PDF, the DOCX and the manifest: three files and the journal, two folder syncs
    assert {name: count[0] for name, count in counts.items()} == \
        {"_write_file": 4, "_replace": 4, "_sync_folder": 2}
    assert fsyncs[0] == (6 if os.name == "posix" else 4)
    after = edition(out)
    assert {name for name in after if after[name] != before[name]} == \
        {"b.pdf", "b.docx", ".briefing-manifest.json"}


def _count_fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls = [0]
    real = os.fsync

    def counting(fd: int) -> None:
        calls[0] += 1
        real(fd)
    monkeypatch.setattr(os, "fsync", counting)
    return calls
