"""Command line: parse arguments, call the API, print diagnostics, choose the exit code."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import gc
import json
import logging
import os
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Iterator, NoReturn

from . import FORMATS, __version__, build_report, check
from .changes import compare, load_snapshot, markdown, snapshot
from .layout import LAYOUTS
from .pipeline import find_briefing, prepare
from .errors import (EXIT_CONTENT, EXIT_INTERNAL, EXIT_USAGE, BriefingError, ContentError,
                     UsageError, exit_code_for)

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a Unix tool the pipe ended


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Bilingual (Chinese + English) briefings as PDF and DOCX.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("path", type=Path, help="briefing folder, e.g. content/xicheng-2023")
        sub.add_argument("--theme", help="theme in styles/ (overrides the briefing's own)")
        sub.add_argument("--layout", choices=LAYOUTS,
                         help="arrangement of the languages (overrides the briefing's own)")
        sub.add_argument("-v", "--verbose", action="store_true", help="log each step")
        sub.add_argument("--strict", action="store_true",
                         help="treat warnings (stale figures, typed numbers...) as errors")

    build_cmd = commands.add_parser("build", help="build the PDF and/or DOCX")
    common(build_cmd)
    build_cmd.add_argument("-o", "--output", type=Path, default=Path("build"), metavar="OUTDIR",
                           help="output folder (default: build/)")
    build_cmd.add_argument("--format", choices=(*FORMATS, "all"), default="all",
                           help="what to write (default: all)")
    build_cmd.add_argument("--redline", action="store_true",
                           help="also write <id>.redline.docx: the changes since the last "
                           "edition in OUTDIR as Word tracked changes")
    build_cmd.add_argument("--force", action="store_true",
                           help="rebuild even the outputs whose inputs did not change")
    build_cmd.add_argument("--wait", type=_seconds, default=300, metavar="SECONDS",
                           help="how long to wait for another build writing to OUTDIR "
                           "(default 300)")
    check_cmd = commands.add_parser("check", help="validate the content, write nothing")
    common(check_cmd)
    batch_cmd = commands.add_parser(
        "batch", help="one personalised edition per delegation of a delegations file")
    batch_cmd.add_argument("path", type=Path, help="delegations file (YAML)")
    batch_cmd.add_argument("-o", "--output", type=Path, default=Path("build"),
                           metavar="OUTDIR", help="output folder (default: build/)")
    batch_cmd.add_argument("--format", choices=(*FORMATS, "all"), default="all")
    batch_cmd.add_argument("--jobs", type=int, default=None, metavar="N",
                           help="processes to use (default: all cores)")
    batch_cmd.add_argument("--briefing", type=Path, default=None, metavar="PATH",
                           help="the briefing, for a CSV or XLSX of delegations")
    changes_cmd = commands.add_parser(
        "changes", help="the figures that changed since the last build into OUTDIR")
    common(changes_cmd)
    changes_cmd.add_argument("-o", "--output", type=Path, default=Path("build"),
                             metavar="OUTDIR", help="where the last build was written")
    changes_cmd.add_argument("--json", action="store_true", help="JSON instead of Markdown")
    return parser


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
def _progress():  # type: ignore[no-untyped-def]
    if not sys.stderr.isatty():
        def line(result, total):  # type: ignore[no-untyped-def]
            print(f"{result.delegation}: {'failed' if result.error else 'built'}",
                  file=sys.stderr, flush=True)
        yield line
        return
    from rich.progress import Progress

    with Progress(transient=True) as progress:
        task = progress.add_task("building editions", total=None)

        def advance(result, total):  # type: ignore[no-untyped-def]
            progress.update(task, total=total, advance=1)
        yield advance


class _StderrHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        prefix = "" if record.levelno >= logging.WARNING else "  "
        print(prefix + record.getMessage(), file=sys.stderr)


def _quiet_stdout() -> None:
    """Point stdout at the null device: flushing what is left must not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _seconds(text: str) -> float:
    """--wait: a number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} is not 0 or more seconds")
    return value


def run() -> NoReturn:
    """The `briefing` command: main(), then exit without tearing the interpreter down.
    Freeing every module and object at exit took 0.1-0.14 s of a 0.9 s build; the exit
    handlers still run, every output is already closed and fsynced (output.save_atomic),
    locks go with the process. Under a tracer or profiler, and for `python -m briefing`
    (how profilers and coverage run it), the exit is the normal one."""
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
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage message
        return EXIT_USAGE if exc.code else 0
    logger = logging.getLogger("briefing")
    logger.handlers[:] = [_StderrHandler()]
    logger.setLevel(logging.INFO if getattr(args, "verbose", False) else logging.WARNING)
    logger.propagate = False
    try:
        if args.command == "batch":
            return _batch(args)
        if args.command == "changes":
            previous = load_snapshot(args.output, find_briefing(args.path).name)
            if previous is None:
                raise UsageError(f"no edition of {find_briefing(args.path).name} in "
                                 f"{args.output} to compare with: build into it first, or "
                                 "give its folder with -o")
            report = compare(previous,
                             snapshot(prepare(args.path, args.theme, args.layout, args.strict)))
            print(json.dumps(report, ensure_ascii=False, indent=2) if args.json
                  else markdown(report), end="" if not args.json else "\n")
        elif args.command == "check":
            document = check(args.path, theme=args.theme, layout=args.layout,
                             strict=args.strict)
            print(f"{args.path}: OK ({len(document.blocks)} blocks)")
        else:
            formats = FORMATS if args.format == "all" else (args.format,)
            with _fewer_collections():
                report = build_report(args.path, args.output, formats=formats,
                                      theme=args.theme, layout=args.layout,
                                      strict=args.strict, force=args.force,
                                      wait_s=args.wait, redline=args.redline)
            for path in report.written:
                print(f"wrote {path}")
            for path in report.up_to_date:
                print(f"up to date {path}")
        return exit_code_for(None)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(Path.cwd()), file=sys.stderr)
        count = len(exc.diagnostics)
        print(f"{count} error{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return exit_code_for(exc)
    except BriefingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exit_code_for(exc)
    except BrokenPipeError:  # `briefing changes | head`: the reader has gone, as for cat
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        print("interrupted; existing outputs are untouched", file=sys.stderr)
        return 130
    except Exception:  # a bug of ours: say so, keep the details
        with tempfile.NamedTemporaryFile("w", prefix="briefing-crash-", suffix=".txt",
                                         delete=False) as report:
            traceback.print_exc(file=report)
        print(f"internal error, please report it with {report.name}", file=sys.stderr)
        return EXIT_INTERNAL
