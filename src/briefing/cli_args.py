"""The command line's arguments: every command and option of `briefing`, with its help
text and the checks argparse makes of each value (exit code 2 for a usage error)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import FORMATS, __version__
from .layout import LAYOUTS, unknown_layout
from .source.hints import with_hint


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing", description="Bilingual (Chinese + English) briefings as PDF and DOCX.")
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("path", type=Path, help="briefing folder, e.g. content/xicheng-2023")
        sub.add_argument("--theme", metavar="NAME|FILE",
                         help="a theme's name (investor, print, gov) or a theme file "
                         "(./office.yaml); overrides the briefing's own")
        sub.add_argument("--layout", type=layout_name, choices=LAYOUTS,
                         help="arrangement of the languages (overrides the briefing's own)")
        talk = sub.add_mutually_exclusive_group()
        talk.add_argument("-v", "--verbose", action="store_true", help="log each step")
        talk.add_argument("-q", "--quiet", action="store_true",
                          help="print errors only (no 'wrote ...' lines, no warnings)")
        sub.add_argument("--strict", action="store_true",
                         help="treat warnings (stale figures, typed numbers...) as errors")

    build_cmd = commands.add_parser("build", help="build the PDF and/or DOCX")
    common(build_cmd)
    build_cmd.add_argument("-o", "--output", type=Path, default=Path("build"), metavar="OUTDIR",
                           help="output folder (default: build/)")
    build_cmd.add_argument("--format", choices=(*FORMATS, "all"), default="all",
                           help="what to write (default: all)")
    build_cmd.add_argument("--redline", action="store_true",
                           help="also write <id>.redline.docx: the changes since the edition "
                           "last published in OUTDIR (--publish) as Word tracked changes")
    build_cmd.add_argument("--reference-doc", type=Path, default=None, metavar="FILE",
                           help="start the DOCX from an office's own .docx: its styles, page "
                           "setup, headers, footers and fonts (over the theme's "
                           "docx.reference_doc)")
    build_cmd.add_argument("--embed-fonts", action="store_true",
                           help="carry the theme's free faces (the PDF's: FandolFang, Noto "
                           "Sans SC...), subset, inside the DOCX, for readers without the "
                           "fonts it names")
    build_cmd.add_argument("--publish", action="store_true",
                           help="record this edition in OUTDIR's manifest as the one given "
                           "to officials: the baseline of later redlines")
    build_cmd.add_argument("--name", default="{id}", metavar="PATTERN",
                           help="file name of the outputs: {id}, {theme}, {layout} "
                           "(default {id}; '{id}-{theme}-{layout}' keeps editions apart)")
    build_cmd.add_argument("--force", action="store_true",
                           help="rebuild even the outputs whose inputs did not change")
    build_cmd.add_argument("--wait", type=seconds, default=300, metavar="SECONDS",
                           help="how long to wait for another build writing to OUTDIR "
                           "(default 300)")
    build_cmd.add_argument("--json", action="store_true",
                           help="print one JSON object with the result on stdout, and "
                           "nothing else there (see `briefing docs cli`)")
    build_cmd.add_argument("--on-change", metavar="CMD",
                           help="run CMD when a figure changed since the last edition, "
                           "with the path of <name>.changes.json as its last argument and "
                           "in $BRIEFING_CHANGES")
    new_cmd = commands.add_parser("new", help="start a briefing: a folder with briefing.yaml, "
                                  "figures.csv and a README")
    new_cmd.add_argument("path", type=Path, help="the new folder (must not exist)")
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
    watch_cmd = commands.add_parser(
        "watch", help="build, then rebuild on every save of the content, figures, images, "
        "theme or fonts (Ctrl+C to stop)")
    common(watch_cmd)
    watch_cmd.add_argument("-o", "--output", type=Path, default=Path("build"), metavar="OUTDIR",
                           help="output folder (default: build/)")
    watch_cmd.add_argument("--format", choices=(*FORMATS, "all"), default="all",
                           help="what to write (default: all; the PDF first)")
    changes_cmd = commands.add_parser(
        "changes", help="the figures that changed since the last build into OUTDIR")
    common(changes_cmd)
    changes_cmd.add_argument("-o", "--output", type=Path, default=Path("build"),
                             metavar="OUTDIR", help="where the last build was written")
    changes_cmd.add_argument("--name", default="{id}", metavar="PATTERN",
                             help="the name the outputs were built with (build --name; "
                             "default {id})")
    changes_cmd.add_argument("--json", action="store_true", help="JSON instead of Markdown")
    draft_cmd = commands.add_parser(
        "update-draft", help="an official's edited DOCX with the current figures, as "
        "tracked changes (their edits kept)")
    draft_cmd.add_argument("draft", type=Path, help="the edited draft (a DOCX from build)")
    draft_cmd.add_argument("-o", "--output", type=Path, default=None, metavar="OUT",
                           help="where to write the result (default: DRAFT.updated.docx; "
                           "never the draft itself)")
    draft_cmd.add_argument("--briefing", type=Path, default=None, metavar="PATH",
                           help="the briefing folder (default: content/<id> named by the draft)")
    draft_cmd.add_argument("-v", "--verbose", action="store_true", help="log each step")
    docs_cmd = commands.add_parser(
        "docs", help="print a topic of the documentation installed with briefing (without "
        "TOPIC: list the topics)")
    docs_cmd.add_argument("topic", nargs="?", metavar="TOPIC",
                          help="e.g. content-format, themes, cli, limits, batch")
    return parser


def layout_name(text: str) -> str:
    """--layout: one of LAYOUTS, or a usage error that says which was meant."""
    if text in LAYOUTS:
        return text
    raise argparse.ArgumentTypeError(with_hint(unknown_layout(text), text, LAYOUTS))


def seconds(text: str) -> float:
    """--wait: a number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} is not 0 or more seconds")
    return value
