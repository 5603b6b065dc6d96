"""Each edition of `briefing batch` is published as a unit (issue 17, item 2), through the
same staging, commit and repair as `briefing build` (tests/test_publish.py): its PDF, DOCX,
manifest entries, change report and figure snapshot are the previous edition's or the new
one's, never a mixture, and one edition's fault leaves the others alone.

The batch here has two editions built one after the other (`jobs=1`), so the first
edition's publication is calls 1-7 of publish.py's writes and renames; faults are injected
there, and the second edition must be published whole all the same."""

from __future__ import annotations

import errno
import hashlib
import json
import multiprocessing
import os
import shutil
import signal
import sys
from pathlib import Path

import pytest

from briefing import publish
from briefing.batch import BatchReport, run_batch
from tests.faults import KILL_IDS, KILL_POINTS, committed, count_calls, fail_at, kill_at
from tests.hostile.makers import briefing_copy

FORMATS = ("pdf", "docx")
VISITS = """briefing: b
delegations:
  - id: acme
    name: {zh: 甲代表团, en: A delegation}
    visit_date: 2024-03-12
  - id: beta
    name: {zh: 乙代表团, en: B delegation}
    visit_date: 2024-03-13
    layout: en
"""
FIRST, SECOND = "b--acme", "b--beta"
EDITION_FILES = (".pdf", ".docx", ".changes.json", ".changes.md", ".figures.json")


def edition(out: Path, stem: str) -> dict[str, object]:
    """One edition's published state: its files' digests and its outputs' manifest entries."""
    files: dict[str, object] = {
        name: hashlib.sha256((out / name).read_bytes()).hexdigest()
        for name in (stem + suffix for suffix in EDITION_FILES) if (out / name).is_file()}
    manifest = json.loads((out / ".briefing-manifest.json").read_text("utf-8"))["outputs"]
    files["manifest"] = {k: v for k, v in manifest.items() if k.startswith(stem + ".")}
    return files


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The delegations file, a folder holding both editions of the first batch, and the
    folder a faultless second batch (a figure changed) leaves."""
    root = tmp_path_factory.mktemp("batches")
    folder = briefing_copy(root / "b")
    visits = root / "visits.yaml"
    visits.write_text(VISITS, "utf-8")
    old = root / "old"
    assert not run_batch(visits, old, FORMATS, jobs=1).failed
    figures = folder / "figures.yaml"
    figures.write_text(figures.read_text("utf-8").replace("value: 33", "value: 34"), "utf-8")
    new = root / "new"
    shutil.copytree(old, new)
    assert not run_batch(visits, new, FORMATS, jobs=1).failed
    for stem in (FIRST, SECOND):
        before, after = edition(old, stem), edition(new, stem)
        assert len(before) == len(EDITION_FILES) + 1 and len(before["manifest"]) == 2  # type: ignore[arg-type]
        assert all(before[k] != after[k] for k in before)  # every file of it changes
    return visits, old, new


@pytest.fixture
def out(batches: tuple[Path, Path, Path], tmp_path: Path) -> Path:
    """A copy of the first batch's folder, to build the second into."""
    shutil.copytree(batches[1], tmp_path / "out")
    return tmp_path / "out"


def _batch(visits: Path, out: Path) -> BatchReport:
    return run_batch(visits, out, FORMATS, jobs=1)


def it_publishes_each_edition_through_the_staging_and_the_journal(  # type: ignore[no-untyped-def]
        batches, out, monkeypatch) -> None:
    counts = {name: count_calls(monkeypatch, name) for name in ("_write_file", "_replace")}
    assert not _batch(batches[0], out).failed
    # per edition: five files, the manifest and the journal written; the journal and six
    # files renamed
    assert {name: count[0] for name, count in counts.items()} == \
        {"_write_file": 14, "_replace": 14}


@pytest.mark.parametrize("nth", range(1, 8))
def it_keeps_the_previous_edition_when_the_disk_fills(batches, out, monkeypatch,  # type: ignore[no-untyped-def]
                                                      nth: int) -> None:
    visits, old, new = batches
    fail_at(monkeypatch, "_write_file", nth, errno.ENOSPC)
    report = _batch(visits, out)
    [failed] = report.failed
    assert failed.delegation == "acme" and "previous edition is untouched" in str(failed.error)
    assert edition(out, FIRST) == edition(old, FIRST)
    assert edition(out, SECOND) == edition(new, SECOND)  # published whole all the same
    assert not list(out.glob(publish.STAGING + "*")) and not (out / publish.JOURNAL).exists()


@pytest.mark.parametrize("nth", range(1, 8))
def it_finishes_a_committed_edition_on_the_next_publication(batches, out, monkeypatch,  # type: ignore[no-untyped-def]
                                                            nth: int) -> None:
    """A rename fails (on Windows: the PDF is open in a reader). The first is the commit:
    failing there keeps the previous edition; after it, the second edition's publication
    repairs the first before its own."""
    visits, old, new = batches
    fail_at(monkeypatch, "_replace", nth, errno.EACCES)
    report = _batch(visits, out)
    assert [r.delegation for r in report.failed] == ["acme"]
    assert edition(out, FIRST) == edition(old if nth == 1 else new, FIRST)
    assert edition(out, SECOND) == edition(new, SECOND)
    assert not list(out.glob(publish.STAGING + "*")) and not (out / publish.JOURNAL).exists()


def _killed_batch(visits: Path, out: Path, name: str, nth: int) -> None:
    """In a child: the batch, SIGKILLed at the nth call of publish.<name>."""
    kill_at(name, nth)
    _batch(visits, out)
    os._exit(0)


@pytest.mark.skipif(sys.platform == "win32", reason="no SIGKILL, no fork")
@pytest.mark.parametrize("name, nth", KILL_POINTS, ids=KILL_IDS)
def it_is_the_previous_or_the_new_edition_after_a_kill(batches, out, name: str,  # type: ignore[no-untyped-def]
                                                       nth: int) -> None:
    visits, old, new = batches
    child = multiprocessing.get_context("fork").Process(target=_killed_batch,
                                                        args=(visits, out, name, nth))
    child.start()
    child.join(60)
    assert child.exitcode == -signal.SIGKILL, "the batch was not killed where it should be"
    at_rest = edition(out, FIRST)
    assert at_rest in (edition(old, FIRST), edition(new, FIRST)) \
        or (out / publish.JOURNAL).exists(), "a mixed edition"
    publish.repair(out)  # what the next publication does first, under the lock
    assert edition(out, FIRST) == edition(new if committed(name, nth) else old, FIRST)
    assert edition(out, SECOND) == edition(old, SECOND)  # not reached: as it was
    assert not list(out.glob(publish.STAGING + "*")) and not (out / publish.JOURNAL).exists()
