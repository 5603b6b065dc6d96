"""`briefing docs [TOPIC]`: the documentation installed with briefing, printed by topic.

docs/ of the checkout ships in the wheel as the package data briefing.doc_files, so that a
hint's "see `briefing docs limits`" works wherever briefing is installed. A topic is a
page's name (`limits` is docs/limits.md), `fonts` (the fonts' README and licences, which
the pages link to) or an example file to copy (`examples/crontab`).
"""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError
from .source.hints import with_hint
from .theme.locate import builtin_dir

EXAMPLES = "examples"


def topics() -> dict[str, Path]:
    """Every topic's name -> its file: the pages by name, then `fonts`, then the examples."""
    folder = builtin_dir("briefing.doc_files")
    found = {page.stem: page for page in sorted(folder.glob("*.md"))}
    found["fonts"] = builtin_dir("briefing.font_files") / "README.md"
    examples = sorted((folder / EXAMPLES).glob("*"))
    found |= {f"{EXAMPLES}/{file.name}": file for file in examples
              if file.is_file() and not file.name.startswith(".")}
    return found


def topic_text(name: str) -> str:
    """A topic's text as it is written; UsageError (with the closest topic) for a name that
    is not one."""
    found = topics()
    if name not in found:
        raise UsageError(with_hint(f"no topic '{name}' in the documentation (`briefing "
                                   "docs` lists the topics)", name, found))
    return found[name].read_text(encoding="utf-8")


def topic_list() -> str:
    """The topics, one a line with the title of its page, and the example files."""
    found = topics()
    pages = [name for name in found if not name.startswith(f"{EXAMPLES}/")]
    width = max(len(name) for name in pages) + 2
    lines = ["briefing docs TOPIC prints one of these:", ""]
    lines += [f"  {name:<{width}}{_title(found[name])}" for name in pages]
    examples = [name for name in found if name not in pages]
    if examples:
        lines += ["", "files to copy (briefing docs examples/crontab > crontab):", ""]
        lines += [f"  {name}" for name in examples]
    return "\n".join(lines) + "\n"


def _title(page: Path) -> str:
    """A page's first heading, its one-line description."""
    with page.open(encoding="utf-8") as lines:
        return next((line[2:].strip() for line in lines if line.startswith("# ")), "")
