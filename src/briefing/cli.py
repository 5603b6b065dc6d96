"""Command line: parse arguments, call the API, print diagnostics, choose the exit code."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import io
import json
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from . import FORMATS, BuildReport, build_report, check, update_draft
from .build_io import output_stem
from .changes import compare, load_snapshot, markdown, snapshot
from .cli_args import argument_parser
from .errors import (
    EXIT_BROKEN_PIPE,
    EXIT_CONTENT,
    EXIT_ON_CHANGE,
    EXIT_USAGE,
    BriefingError,
    ContentError,
    UsageError,
    exit_code_for,
)
from .fonts import NOTICE
from .manual import topic_list, topic_text
from .notify import run_on_change
from .pipeline import prepare
from .scaffold import new_briefing

if TYPE_CHECKING:
    from .batch import EditionResult  # imported for batches only
    from .watch import Rebuilt


def _batch(args: argparse.Namespace) -> int:
    """A progress bar on a terminal (rich), a line per edition otherwise; then a summary."""
    formats = FORMATS if args.format == "all" else (args.format,)
    with _progress() as advance:
        from .batch import run_batch  # its process pool only for batches

        report = run_batch(args.path, args.output, formats, args.jobs, args.briefing, advance)
    from rich.console import Console
    from rich.table import Table

    table = Table("edition", "result", title="briefing batch")
    for result in report.results:
        table.add_row(result.delegation, f"FAILED: {result.error}" if result.error else
                      "\n".join(str(p) for p in result.outputs))
    Console(width=200 if not sys.stdout.isatty() else None).print(table)
    built = len(report.results) - len(report.failed)
    print(f"{built} built, {len(report.failed)} failed")
    return EXIT_CONTENT if report.failed else exit_code_for(None)


@contextlib.contextmanager
def _progress() -> Iterator[Callable[[EditionResult, int], None]]:
    if not sys.stderr.isatty():
        def line(result: EditionResult, total: int) -> None:
            _say(f"{result.delegation}: {'failed' if result.error else 'built'}")
        yield line
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("building editions", total=None)

        def advance(result: EditionResult, total: int) -> None:
            progress.update(task, total=total, advance=1)
        yield advance


def _watch(args: argparse.Namespace, quiet: bool) -> int:
    """Rebuild on every save until Ctrl+C: a line per output written, errors with their
    places (the last good outputs stay)."""
    from .watch import WatchOptions, watch

    def say(text: str) -> None:  # at once: another program may be reading the lines
        if not quiet:
            print(text, flush=True)

    formats = FORMATS if args.format == "all" else (args.format,)
    options = WatchOptions(args.output, formats, args.theme, args.layout, args.strict)

    def rebuilt(result: Rebuilt) -> None:
        if result.error is None:
            if not any(report.written for report in result.reports):
                say(f"up to date ({result.seconds:.2f} s)")
        elif isinstance(result.error, BriefingError):
            _report_error(result.error, "the last good outputs are kept")
        else:
            _report_crash(result.error)

    def ready(roots: list[Path]) -> None:
        say("watching " + ", ".join(str(r) for r in roots) + " (Ctrl+C to stop)")

    try:
        with _fewer_collections():
            watch(args.path, options, rebuilt, lambda path, s: say(f"wrote {path} ({s:.2f} s)"),
                  ready)
    except KeyboardInterrupt:
        say("stopped")
    return 0


def _report_error(exc: BriefingError, outcome: str = "nothing was written") -> None:
    """A failed build's problems on stderr, each with its file, line and field."""
    if isinstance(exc, ContentError):
        for diagnostic in exc.diagnostics:
            _say(diagnostic.format(Path.cwd()))
        count = len(exc.diagnostics)
        _say(f"{count} error{'s' if count != 1 else ''}; {outcome}")
    else:
        _say(f"error: {exc}")


def _report_crash(exc: BaseException) -> None:
    """A bug of ours: say so, keep the details in a file."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", prefix="briefing-crash-",
                                     suffix=".txt", delete=False) as crash:
        traceback.print_exception(exc, file=crash)
    _say(f"internal error, please report it with {crash.name}")


def _say(text: str) -> None:
    """A line for the person or the log reading stderr; a scheduler's log (stderr not a
    terminal, nor the systemd journal, which dates lines itself) gets a timestamp."""
    if not sys.stderr.isatty() and "JOURNAL_STREAM" not in os.environ:
        text = f"{datetime.now().astimezone().isoformat(timespec='seconds')} {text}"
    print(text, file=sys.stderr, flush=True)


class _StderrHandler(logging.Handler):
    """Log records from level `shown` up to stderr; the warnings also kept, for --json
    (even those --quiet does not show)."""

    def __init__(self, shown: int) -> None:
        super().__init__()
        self.shown = shown
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.warnings.append(record.getMessage())
        if record.levelno >= self.shown:
            _say(("" if record.levelno >= NOTICE else "  ") + record.getMessage())


def run() -> NoReturn:
    """The `briefing` command: main(), then exit without tearing the interpreter down.
    Freeing every module and object at exit took 0.1-0.14 s of a 0.9 s build; the exit
    handlers still run, every output is already closed and fsynced (publish.py),
    locks go with the process. Under a tracer or profiler, and for `python -m briefing`
    (how profilers and coverage run it), the exit is the normal one."""
    utf8_output()
    code = main()
    if sys.gettrace() is not None or sys.getprofile() is not None:
        sys.exit(code)
    atexit._run_exitfuncs()  # what exit would run: logging's shutdown, tools' hooks
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        _quiet_stdout()
    os._exit(code)


def _quiet_stdout() -> None:
    """Point stdout at the null device: flushing what is left must not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass



def counted(count: int, noun: str) -> str:
    """1 conflict, 2 conflicts, 0 conflicts."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def utf8_output() -> None:
    """UTF-8 on stdout and stderr when they are files or pipes, whatever the locale (on
    Windows, Python writes a redirected stream in the ANSI code page, which may lack
    Chinese); a console keeps its own encoding."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and not stream.isatty():
            stream.reconfigure(encoding="utf-8")


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """A build makes hundreds of thousands of objects and frees nearly all of them by
    reference counting; the cyclic collector's run every 700 allocations re-scanned the
    survivors for 2-4% of the time. One build collects ten times less often. (Not a batch:
    its workers live for many editions, and the garbage of several would pile up.)"""
    threshold = gc.get_threshold()
    gc.set_threshold(threshold[0] * 10, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def main(argv: list[str] | None = None) -> int:
    try:
        args = argument_parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return EXIT_USAGE if exc.code else 0
    quiet, as_json = getattr(args, "quiet", False), getattr(args, "json", False)
    verbose = getattr(args, "verbose", False)
    logger = logging.getLogger("briefing")
    handler = _StderrHandler(logging.INFO if verbose else logging.ERROR if quiet else NOTICE)
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO if verbose else NOTICE)
    logger.propagate = False
    say = (lambda text: None) if quiet or as_json else print  # stdout: results only
    report = None
    try:
        if args.command == "batch":
            return _batch(args)
        if args.command == "watch":
            return _watch(args, quiet)
        if args.command == "docs":
            print(topic_text(args.topic) if args.topic else topic_list(), end="")
        elif args.command == "new":
            for path in new_briefing(args.path):
                say(f"wrote {path}")
            say(f"next: briefing build {args.path}")
        elif args.command == "update-draft":
            result = update_draft(args.draft, args.output, briefing=args.briefing)
            report_of = result.report
            say(f"wrote {result.output} ({len(report_of['updated'])} updated, "
                f"{counted(len(report_of['conflicts']), 'conflict')}, "
                f"{len(report_of['deleted'])} deleted)")
            for path in result.reports:
                say(f"wrote {path}")
        elif args.command == "changes":
            prepared = prepare(args.path, args.theme, args.layout, args.strict)
            stem = output_stem(args.name, prepared)
            previous = load_snapshot(args.output, stem, prepared.content.id)
            if previous is None:
                raise UsageError(f"no edition of {stem} in {args.output} to compare with: "
                                 "build into it first, or give its folder with -o (and the "
                                 "build's --name)")
            changes = compare(previous, snapshot(prepared))
            print(json.dumps(changes, ensure_ascii=False, indent=2) if args.json
                  else markdown(changes), end="" if not args.json else "\n")
        elif args.command == "check":
            document = check(args.path, theme=args.theme, layout=args.layout,
                             strict=args.strict)
            say(f"{args.path}: OK ({counted(len(document.blocks), 'block')})")
        else:
            formats = FORMATS if args.format == "all" else (args.format,)
            with _fewer_collections():
                report = build_report(args.path, args.output, formats=formats,
                                      theme=args.theme, layout=args.layout,
                                      strict=args.strict, force=args.force,
                                      wait_s=args.wait, redline=args.redline,
                                      publish=args.publish,
                                      reference_doc=args.reference_doc,
                                      embed_fonts=args.embed_fonts,
                                      name=args.name)
            for path in report.written:
                say(f"wrote {path}")
            for path in report.up_to_date:
                say(f"up to date {path}")
            if args.on_change and report.figures_changed:
                assert report.changes_file is not None
                run_on_change(args.on_change, report.changes_file, report.outputs)
        return _finish(args, report, handler, None)
    except BriefingError as exc:
        _report_error(exc)
        return _finish(args, report, handler, exc)
    except BrokenPipeError:  # `briefing changes | head`: the reader has gone, as for cat
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt as exc:
        _say("interrupted; existing outputs are untouched")
        return _finish(args, report, handler, exc)
    except Exception as exc:  # a bug of ours: say so, keep the details
        _report_crash(exc)
        return _finish(args, report, handler, exc)


def _finish(args: argparse.Namespace, report: BuildReport | None, handler: _StderrHandler,
            exc: BaseException | None) -> int:
    """The exit code; with --json, the result object on stdout first."""
    code = exit_code_for(exc)
    if getattr(args, "json", False):
        print(json.dumps(_result(report, handler.warnings, exc, code), ensure_ascii=False,
                         indent=2))
    return code


def _result(report: BuildReport | None, warnings: list[str], exc: BaseException | None,
            code: int) -> dict[str, object]:
    """The --json object (its fields are documented in docs/cli.md)."""
    changes = report.changes if report else None
    failed = exc is not None and not (report and code == EXIT_ON_CHANGE)
    errors = [{"file": str(d.file) if d.file else None, "line": d.line,
               "field": d.field_path, "message": d.message, "hint": d.hint}
              for d in exc.diagnostics] if isinstance(exc, ContentError) else \
        [{"message": str(exc) or type(exc).__name__}] if exc else []
    return {
        "status": "failed" if failed or not report else report.status,
        "exit_code": code,
        "outputs": [str(p) for p in report.outputs] if report else [],
        "written": [str(p) for p in report.written] if report else [],
        "up_to_date": [str(p) for p in report.up_to_date] if report else [],
        "changed_figures": [c["id"] for c in changes["changed"]] if changes else [],
        "added_figures": changes["added"] if changes else [],
        "removed_figures": changes["removed"] if changes else [],
        "changes_file": str(report.changes_file) if report and report.changes_file else None,
        "warnings": warnings,
        "errors": errors,
        "durations_s": report.durations_s if report else {},
    }
