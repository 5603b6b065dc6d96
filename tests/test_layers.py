"""Which package may import which (docs/architecture.md, "Dependencies"): read from the
source with `ast`, every import counted, the lazy ones inside functions too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "briefing"

# importer (a module or package of briefing) -> what it must never import
FORBIDDEN = {
    "briefing.content": ("briefing.theme", "briefing.writers"),
    "briefing.theme": ("briefing.content", "briefing.writers"),
    "briefing.writers": ("briefing.content", "briefing.blocks"),
    "briefing.blocks": ("briefing.theme", "briefing.writers"),
    "briefing.writers.pdf": ("briefing.writers.docx",),
    "briefing.writers.docx": ("briefing.writers.pdf",),
    "briefing.model": ("reportlab", "docx", "pydantic", "briefing.content", "briefing.blocks"),
}
# the neutral layer imports nothing of briefing but itself, errors.py and limits.py (the
# bounds every stage enforces, issue 17)
NEUTRAL = ("briefing.source", "briefing.errors", "briefing.limits")


def module_name(file: Path) -> str:
    parts = file.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(file: Path) -> set[str]:
    """Absolute names of every module `file` imports (for `from x import y`, both x and
    x.y, since y may be a module)."""
    name = module_name(file)
    package = name if file.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                parent = ".".join(base + ([node.module] if node.module else []))
            else:
                parent = node.module or ""
            found.add(parent)
            found |= {f"{parent}.{alias.name}" for alias in node.names}
    return found


def within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


MODULES = sorted(PACKAGE.rglob("*.py"))


def violations(importer: str, forbidden: tuple[str, ...]) -> list[str]:
    return [f"{module_name(f)} imports {imported}" for f in MODULES
            if within(module_name(f), importer)
            for imported in sorted(imports_of(f))
            if any(within(imported, banned) for banned in forbidden)]


@pytest.mark.parametrize("importer", sorted(FORBIDDEN))
def it_keeps_each_layer_off_the_ones_it_must_not_know(importer: str) -> None:
    assert violations(importer, FORBIDDEN[importer]) == []


def it_keeps_the_neutral_layer_free_of_every_stage() -> None:
    stages = tuple(sorted({module_name(f).split(".")[1] for f in MODULES
                           if module_name(f) != "briefing"} - {"source", "errors", "limits"}))
    assert {"content", "theme", "model", "writers"} <= set(stages)
    found = [v for neutral in NEUTRAL
             for v in violations(neutral, tuple(f"briefing.{s}" for s in stages))]
    assert found == []


def it_resolves_relative_imports_as_python_does() -> None:
    # the checker itself: a rule it cannot see would pass for nothing
    assert "briefing.source.load" in imports_of(PACKAGE / "theme" / "resolve.py")
    assert "briefing.errors" in imports_of(PACKAGE / "source" / "load.py")
    assert "briefing.theme.resolve" in imports_of(PACKAGE / "writers" / "docx" / "blocks.py")
    assert violations("briefing.theme", ("briefing.source",)) != []


# only pipeline.py orchestrates: outside writers/, no module reaches into a writer's own
# modules (a draft's register is read through `writers.read_draft`), and only the pipeline
# runs the writers table
WRITER_INTERNALS = ("briefing.writers.docx", "briefing.writers.pdf")
WRITERS_TABLE = ("briefing.writers.write", "briefing.writers.writer_for",
                 "briefing.writers.WRITERS", "briefing.writers.read_draft")


def it_leaves_orchestration_to_the_pipeline_alone() -> None:
    outside = [f for f in MODULES if not within(module_name(f), "briefing.writers")]
    internals = [f"{module_name(f)} imports {imported}" for f in outside
                 for imported in sorted(imports_of(f))
                 if any(within(imported, w) for w in WRITER_INTERNALS)]
    table = [f"{module_name(f)} imports {imported}" for f in outside
             if module_name(f) != "briefing.pipeline"
             for imported in sorted(imports_of(f)) if imported in WRITERS_TABLE]
    assert internals == [] and table == []
    assert "briefing.writers.write" in imports_of(PACKAGE / "pipeline.py")  # the check sees it
