"""check_styles: every style a block names (`style:` in briefing.yaml) is one the theme
defines. A step of its own between resolve_theme and the writers: the build keeps the names
as written, and Word would silently ignore a style the file does not define."""

from __future__ import annotations

from .content.schema import Content
from .errors import Diagnostic, error
from .source.hints import did_you_mean
from .source.load import format_path
from .theme.resolve import ResolvedTheme


def check_styles(content: Content, theme: ResolvedTheme) -> list[Diagnostic]:
    """An error, located at its `style:` line, for each block style the theme lacks (every
    block of the briefing: what `check` accepts, every edition of it builds)."""
    loaded = content.briefing_file
    problems = []
    for s, section in enumerate(content.briefing.sections):
        for b, block in enumerate(section.blocks):
            style = getattr(block, "style", None)
            if style is not None and style not in theme.styles:
                path = ("sections", s, "blocks", b, "style")
                problems.append(error(loaded.file, loaded.line_of(path), format_path(path),
                                      f"unknown style '{style}' (theme {theme.name})",
                                      did_you_mean(style, theme.styles)))
    return problems
