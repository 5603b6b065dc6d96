"""The pipeline, one function per step, and the only place that runs them in order:

    load_content -> validate -> resolve_theme -> build_document -> check_styles
      -> check_glyphs -> write_pdf | write_docx -> publish_edition

The layout is chosen once, before validation (layout.py); the theme is resolved for it, and
what the build takes from the theme arrives as `BuildSettings`. `prepare` runs every step
before the writers; `render` runs one writer (`WriteOptions` say how: a redline is the DOCX
with revisions); `build_outputs` is a whole build: prepare, render, then save;
`update_draft_outputs` brings an official's draft up to date (the DOCX with `draft`).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import drafts
from .build import BuildSettings, build_document, check_texts, figure_values
from .build_io import (
    BRIEFING_FILE,
    DEFAULT_NAME,
    BuildReport,
    find_briefing,
    input_files,
    output_stem,
    stopwatch,
)
from .changes import CHANGES_JSON, content_as_of, snapshot
from .content.delegations import Delegation
from .content.schema import Content, validate
from .content.tables import load_table
from .editions import inputs_digest, publish_outputs
from .errors import ContentError, Diagnostic, DraftError, Severity, error, in_file_order
from .fonts import check_glyphs
from .incremental import Manifest, output_lock
from .layout import choose_layout
from .lint import lint
from .model import Document
from .output import save_atomic
from .publish import publish_edition, repair
from .revisions import revisions
from .source.load import Loaded, load_yaml
from .style_names import check_styles
from .theme.locate import search_dirs
from .theme.resolve import ResolvedTheme, resolve_theme, with_docx_options
from .writers import EditedDraft, WriteOptions, count_pages, read_draft, write

log = logging.getLogger("briefing")


@dataclass(frozen=True)
class Prepared:
    """Everything the writers need: the document model and its resolved theme."""

    content: Content
    theme: ResolvedTheme
    document: Document


def load_content(folder: Path) -> tuple[Loaded, list[Loaded]]:
    """Step 1: read briefing.yaml and the figure files it names."""
    briefing = load_yaml(folder / BRIEFING_FILE)
    if not isinstance(briefing.data, dict) or not briefing.data:
        shape = "is empty" if not briefing.data else \
            f"holds a {'list' if isinstance(briefing.data, list) else 'single value'}"
        raise ContentError([error(briefing.file, 1, "", f"{BRIEFING_FILE} {shape}; it must be "
                                  "a mapping of cover:, sections: and the other fields",
                                  "start from `briefing new`, or the example in "
                                  "`briefing docs content-format`")])
    names = briefing.data.get("figures", ["figures.yaml"]) if isinstance(briefing.data, dict) \
        else ["figures.yaml"]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        return briefing, []  # validate() reports the wrong type with its line
    problems: list[Diagnostic] = []
    figure_files = []
    for i, name in enumerate(names):
        path = (folder / name).resolve()
        if Path(name).is_absolute() or not path.is_relative_to(folder.resolve()):
            problems.append(error(briefing.file, briefing.line_of(("figures", i)),
                                  f"figures[{i}]", f"'{name}' is outside the briefing folder"))
            continue
        if not path.is_file():
            problems.append(error(briefing.file, briefing.line_of(("figures", i)),
                                  f"figures[{i}]", f"figure file '{name}' not found"))
            continue
        try:
            tabular = path.suffix.lower() in (".csv", ".xlsx")
            figure_files.append(load_table(path) if tabular else load_yaml(path))
        except ContentError as exc:
            problems += exc.diagnostics
    if problems:
        raise ContentError(problems)
    return briefing, figure_files


def _one_per_line(diagnostics: list[Diagnostic], texts: list[Diagnostic]) -> list[Diagnostic]:
    """Drop follow-on errors: a value the loader refused also fails the schema; a text the
    schema refused is not reported again for its templates. The problems of one text (two
    unknown figures) are all kept."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for d in diagnostics:
        key = (d.file, d.line, d.field_path) if d.line else (d, None)
        if key not in seen:
            seen.add(key)
            kept.append(d)
    return kept + [d for d in texts if (d.file, d.line, d.field_path) not in seen]


def prepare(path: Path, theme: str | None = None, layout: str | None = None,
            strict: bool = False, edition: Delegation | None = None) -> Prepared:
    """Run every step up to the writers; raise ContentError with every problem found.
    Warnings are logged; with `strict` they are errors too. Under `reusing_preparation`,
    the same arguments with unchanged input files give the Prepared of the last call."""
    reuse, key = _reuse, (str(path.resolve()), theme, layout, strict, id(edition))
    if reuse is not None and key in reuse and reuse[key][0] == _stamps(reuse[key][1]):
        return reuse[key][1]
    content = prepare_content(path, layout)
    prepared = prepare_edition(content, prepare_theme(content, theme), strict, edition)
    if reuse is not None:
        reuse[key] = (_stamps(prepared), prepared)
    return prepared


_reuse: dict[tuple[object, ...], tuple[object, Prepared]] | None = None


@contextlib.contextmanager
def reusing_preparation() -> Iterator[None]:
    """Within the block, `prepare` hands back its last result while no input file changed
    (by size and modification time): the watch loop's PDF pass and DOCX pass prepare once."""
    global _reuse
    if _reuse is not None:  # already reusing: the outer block decides when to stop
        yield
        return
    _reuse = {}
    try:
        yield
    finally:
        _reuse = None


def _stamps(prepared: Prepared) -> list[tuple[Path, int, int]]:
    stamps = []
    for file in input_files(prepared):
        try:
            stat = file.stat()
            stamps.append((file, stat.st_size, stat.st_mtime_ns))
        except OSError:
            stamps.append((file, -1, -1))
    return stamps


def prepare_content(path: Path, layout: str | None = None) -> Content:
    """Steps 1-2: the briefing's files, loaded and validated for the layout (`layout`, else
    the briefing's own)."""
    folder = find_briefing(path)
    log.info("Step 1 - load_content %s", folder)
    briefing_file, figure_files = load_content(folder)
    log.info("Step 2 - validate")
    checked = validate(folder, briefing_file, figure_files,
                       choose_layout(briefing_file.data, layout))
    if checked.content is None:  # the texts' problems too, in the same run
        raise ContentError(_one_per_line(checked.problems, check_texts(
            briefing_file, checked.figures, set(checked.broken_figures))))
    return checked.content


def prepare_theme(content: Content, theme: str | None = None) -> ResolvedTheme:
    """Step 3: the theme (the briefing's, or `theme`), resolved for the content's layout."""
    log.info("Step 3 - resolve_theme %s", theme or content.briefing.theme)
    styles_dirs, fonts_dirs = search_dirs(content.folder)
    try:  # a theme path is relative to the working folder, or in briefing.yaml to its folder
        resolved = resolve_theme(theme or content.briefing.theme, styles_dirs, fonts_dirs,
                                 Path() if theme else content.folder)
    except ContentError as exc:
        if theme:  # asked for on the command line: nothing to locate in the files
            raise
        loaded = content.briefing_file
        located = [replace(d, file=loaded.file, line=loaded.line_of(("theme",)))
                   if d.file is None and d.field_path == "theme" else d
                   for d in exc.diagnostics]
        raise ContentError(located) from None
    return resolved.for_languages(content.layout.languages)


def build_settings(theme: ResolvedTheme) -> BuildSettings:
    """What build_document takes from the theme: its name, labels and heading numbering,
    and where an edition's greeting and contact go."""
    return BuildSettings(theme.name, theme.labels, theme.heading_numbering, theme.greeting_at,
                         theme.contact_at, theme.glosses)


def prepare_edition(content: Content, resolved: ResolvedTheme, strict: bool = False,
                    edition: Delegation | None = None) -> Prepared:
    """Steps 4-6: the document model, its styles and glyphs checked, its warnings logged."""
    log.info("Step 4 - build_document")
    document: Document | None = None
    problems: list[Diagnostic] = []
    try:
        document = build_document(content, build_settings(resolved), content.layout, edition)
    except ContentError as exc:  # reported with the styles' problems, in the same run
        problems = exc.diagnostics
    log.info("Step 5 - check_styles")
    problems += check_styles(content, resolved)
    if problems or document is None:
        raise ContentError(problems)
    log.info("Step 6 - check_glyphs")
    check_glyphs(document, resolved, edition.texts() if edition else ())
    warnings = in_file_order(lint(content, document))
    if strict and warnings:  # printed, and counted, as the errors they now are
        raise ContentError([replace(d, severity=Severity.ERROR) for d in warnings])
    for diagnostic in warnings:
        log.warning(diagnostic.format(Path.cwd()))
    return Prepared(content, resolved, document)


def check_pages(prepared: Prepared) -> int:
    """Step 7 without writing, for `check`: the PDF laid out (and its pages counted), so
    that what only the layout finds is found before `build`."""
    log.info("Step 7 - count_pages")
    return count_pages(prepared.document, prepared.theme)


def render(prepared: Prepared, fmt: str, options: WriteOptions = WriteOptions()) -> bytes:
    """Step 7: one writer turns the model into a file's bytes."""
    log.info("Step 7 - write_%s", fmt)
    return write(fmt, prepared.document, prepared.theme, options)


def redline_options(prepared: Prepared, old_figures: dict[str, dict[str, Any]]) -> WriteOptions:
    """The writer options of a redline: every text changed since the edition of
    `old_figures` (a snapshot's figures) becomes a tracked change."""
    log.info("Step 4 - build_document (the previous edition, for the redline)")
    content = prepared.content
    before = build_document(content_as_of(content, old_figures), build_settings(prepared.theme),
                            content.layout)
    author = prepared.document.cover.publisher.get(prepared.document.languages[0])
    return WriteOptions(revisions=revisions(before, prepared.document, f"briefing ({author})"))


def build_outputs(path: Path, out: Path, formats: tuple[str, ...], theme: str | None = None,
                  layout: str | None = None, strict: bool = False, force: bool = False,
                  wait_s: float = 300, redline: bool = False,
                  publish: bool = False, reference_doc: Path | None = None,
                  embed_fonts: bool = False, record: bool = True,
                  name: str = DEFAULT_NAME) -> BuildReport:
    """A build: every step, then every stale output (and the redline) rendered before any
    is saved, then published with the manifest and the change report as one unit
    (publish.py), under the output folder's lock (briefing.build_report says more). The
    redline's baseline is the edition last published (`publish`), never the last build; a
    redline that no longer matches the outputs is removed, with the same unit. Without
    `record`, no change report or snapshot is written (the watch loop's DOCX pass, after
    the PDF pass of the same save, which wrote them). `name` is the outputs' file name
    pattern (output_stem)."""
    laps: dict[str, float] = {}
    lap = stopwatch(laps)
    changes = None
    with output_lock(out, wait_s):
        lap("wait")
        repair(out)  # an edition a killed run committed but did not finish moving
        prepared = prepare(path, theme, layout, strict)
        prepared = replace(prepared, theme=with_docx_options(prepared.theme, reference_doc,
                                                             embed_fonts))
        manifest = Manifest(out)
        briefing_id = prepared.content.id
        stem = output_stem(name, prepared)
        targets = {fmt: out / f"{stem}.{fmt}" for fmt in formats}
        digests = {fmt: inputs_digest(prepared, fmt, strict=strict,
                                      **({"embed_fonts": True} if embed_fonts else {}))
                   for fmt in formats}
        stale = [fmt for fmt in formats
                 if force or not manifest.up_to_date(targets[fmt], digests[fmt])]
        lap("prepare")
        rendered = {}
        for fmt in stale:
            rendered[fmt] = render(prepared, fmt)
            lap(fmt)
        redline_target = out / f"{stem}.redline.docx"
        baseline = manifest.baseline(briefing_id) if redline and not publish else None
        if redline and baseline is None:
            log.warning("no redline: %s", "this build publishes the edition (nothing to "
                        "compare it with)" if publish else "no edition of this briefing was "
                        f"published to officials in {out} yet (build --publish)")
        redlined: dict[Path, bytes] = {}
        if baseline is not None:  # the DOCX again, with the changes as tracked changes
            redlined[redline_target] = render(prepared, "docx", redline_options(
                prepared, baseline["figures"]))  # type: ignore[arg-type]
            lap("redline")
        others: dict[str, bytes | None] = {t.name: data for t, data in redlined.items()}
        if not redlined and (rendered or publish) and redline_target.exists():
            others[redline_target.name] = None  # it no longer matches the outputs
            log.warning("removed %s: it no longer matches the outputs (build --redline "
                        "makes it again)", redline_target.name)
        if publish:
            manifest.publish(briefing_id, snapshot(prepared))
        if rendered or publish:
            changes = publish_outputs(out, prepared, manifest, {
                targets[fmt]: (digests[fmt], data) for fmt, data in rendered.items()},
                stem, record, others, since=(briefing_id,))
        else:  # a redline alone: the outputs and the manifest are as they were
            publish_edition(out, others)
        lap("save")
    laps["total"] = round(sum(laps.values()), 3)
    return BuildReport([targets[f] for f in formats], [targets[f] for f in stale] + list(redlined),
                       [targets[f] for f in formats if f not in stale], changes,
                       out / CHANGES_JSON.format(id=stem) if changes else None,
                       laps)


def update_draft_outputs(edited: Path, output: Path | None = None,
                         briefing: Path | None = None) -> drafts.DraftUpdate:
    """update-draft: the official's draft `edited` with the current figures as tracked
    changes, saved to `output` (default EDITED.updated.docx, never `edited`) with its
    reports. The briefing is the one the draft names (or `briefing`), as the draft's theme
    and layout build it; DraftError for a file that is not ours, damaged, or another's."""
    output = output or drafts.default_output(edited)
    if output.resolve() == edited.resolve():
        raise DraftError(f"{output}: that is the official's own file; give another -o "
                         "(the draft is never changed in place)")
    try:
        data = edited.read_bytes()
    except OSError as exc:
        raise DraftError(f"{edited}: cannot read it ({exc.strerror})") from None
    given = read_draft(data, str(edited))
    folder = find_briefing(briefing) if briefing else drafts.draft_briefing(edited,
                                                                           given.briefing)
    prepared = prepare(folder, theme=given.theme or None, layout=given.layout or None)
    if prepared.content.id != given.briefing:
        raise DraftError(f"{edited}: a draft of briefing '{given.briefing}', not of "
                         f"'{prepared.content.id}' ({folder})")
    updated = render(prepared, "docx", WriteOptions(
        draft=EditedDraft(data, figure_values(prepared.content, (
            (v.figure, v.attribute) for v in given.values)))))
    labels = {(fig_id, lang): getattr(figure.label, lang)
              for fig_id, figure in prepared.content.figures.items() for lang in ("zh", "en")}
    report = drafts.report(edited, output, given, read_draft(updated, str(output)), labels)
    reports = drafts.report_paths(output)
    save_atomic(output, updated)
    save_atomic(reports[0], drafts.markdown(report).encode("utf-8"))
    save_atomic(reports[1], drafts.as_json(report))
    return drafts.DraftUpdate(output, reports, report)
