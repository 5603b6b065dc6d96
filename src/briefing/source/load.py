"""Read YAML strictly, keeping the line of every value.

Every scalar stays a string (the schema converts it), so YAML 1.1's implicit typing never
turns `no` into False or `01234` into 668. Duplicate keys, tags, anchors and aliases are
refused: they are either mistakes or attacks (alias bombs) in hand-written content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.reader
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from ..errors import ContentError, Diagnostic, error
from ..limits import FILE_BYTES, NESTING_DEPTH

_PLAIN_TAGS = {BaseResolver.DEFAULT_SCALAR_TAG, BaseResolver.DEFAULT_SEQUENCE_TAG,
               BaseResolver.DEFAULT_MAPPING_TAG}

Path_ = tuple[str | int, ...]


class _ComposeOnly(Reader, Scanner, Parser, Composer, BaseResolver):
    """Builds the node tree only; BaseResolver gives every untagged node a plain tag."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        BaseResolver.__init__(self)


@dataclass
class Loaded:
    """Plain data (dicts, lists, strings) and the 1-based line of every path in it."""

    file: Path
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    # problems that left the data usable (a duplicate key keeps its first value), reported
    # together with the schema's so that one run shows them all
    problems: list[Diagnostic] = field(default_factory=list)
    # spreadsheet cell of a path ("Sheet1!D14"), for data read from CSV or XLSX: given
    # one by one, or for a table of figures by the column of each field (see cell_of)
    cells: dict[Path_, str] = field(default_factory=dict)
    columns: dict[Path_, str] = field(default_factory=dict)  # field path -> "Sheet1!D"
    # other files merged into this data (a theme's `extends:` chain)
    includes: list[Path] = field(default_factory=list)
    # ids of figures a table row defined but its problem left out (a row with more cells
    # than the header): the row is reported, a use of its figure is not reported again
    refused: set[str] = field(default_factory=set)
    # what builds but may be a mistake (a CSV row without its last, optional cells): warned
    # of with the content's other warnings (lint.py), errors with --strict
    warnings: list[Diagnostic] = field(default_factory=list)

    def cell_of(self, path: Path_) -> str | None:
        """The spreadsheet cell a value came from, if it came from one."""
        if path in self.cells:
            return self.cells[path]
        column = self.columns.get(path[2:])
        line = self.lines.get(path[:2])
        return f"{column}{line}" if column and line and len(path) > 2 else None

    def line_of(self, path: Path_) -> int | None:
        """Line of the deepest prefix of `path` that exists in the file."""
        best: int | None = self.lines.get(())
        current: Path_ = ()
        for part in path:
            current = current + (part,)
            if current in self.lines:
                best = self.lines[current]
            else:
                current = current[:-1]
        return best


def load_yaml(file: Path) -> Loaded:
    """Load one YAML file. Problems that make it unreadable raise ContentError; the rest are
    kept in `Loaded.problems` (duplicate keys, tags, aliases: the value is dropped)."""
    try:
        size = file.stat().st_size
    except OSError as exc:
        raise ContentError([error(file, None, "", f"cannot read file: {exc.strerror}")]) from None
    if size > FILE_BYTES.value:
        raise ContentError([error(file, None, "", FILE_BYTES.message("the file", size),
                                  FILE_BYTES.hint)])
    text = utf8_text(file, file.read_bytes(), "save the file as UTF-8")
    try:
        root = _compose(text)
    except RecursionError:  # nesting deeper than Python's stack: located without recursion
        raise ContentError([_too_deep(file, _deep_line(text))]) from None
    except yaml.MarkedYAMLError as exc:
        line, message, hint = yaml_problem(exc, text)
        raise ContentError([error(file, line, "", message, hint)]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, by position
        line = text.count("\n", 0, exc.position) + 1
        raise ContentError([error(file, line, "", f"character U+{exc.character:04X} is not "
                                  "allowed in a YAML file", "delete it (a control character "
                                  "pasted from another program?)")]) from None
    except yaml.YAMLError as exc:
        raise ContentError([error(file, None, "", f"YAML: {exc}")]) from None
    loaded = Loaded(file, None)
    if root is None:
        loaded.data = {}
        return loaded
    loaded.data = _to_plain(root, (), loaded, loaded.problems, set())
    return loaded


# a line whose value starts with {{ or {%: `en: {{ n }} were signed`, `- {{ n }} ...`
_TEMPLATE_FIRST = re.compile(r"\s*(?:-\s+)*(?:[^\s:{#-][^:]*:\s+)?\{[{%]")
_QUOTE_HINT = ("quote a value that starts with { [ * & ! | > ' \" % @ ` or contains ': ' "
               "or ' #'")


def yaml_problem(exc: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str, str | None]:
    """PyYAML's complaint (its words name parser states: "expected <block end>, but found
    '<scalar>'") as the line to look at, what is wrong there and what to do about it."""
    problem, context = str(exc.problem or exc.context or ""), str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    lines = text.splitlines()
    here = lines[mark.line] if mark and mark.line < len(lines) else ""
    if _TEMPLATE_FIRST.match(here):  # only then: a {{ later in the text is not the cause
        return line, "a value that starts with {{ must be quoted", \
            'put the whole text in double quotes: en: "{{ signed_projects }} were signed"'
    if "'\\t'" in problem:  # PyYAML writes the tab as '\t'
        return line, "a tab indents this line: YAML indents with spaces only", None
    if "cannot start any token" in problem or "undefined alias" in problem:
        char = here.split(":", 1)[-1].strip()[:1] or "this character"
        return line, f"a value that starts with {char} must be quoted", _QUOTE_HINT
    for opening, closing, kind in (("[", "]", "list"), ("{", "}", "mapping")):
        if f"',' or '{closing}'" in problem:
            start = exc.context_mark.line + 1 if exc.context_mark else line
            return start, (f"a value that starts with {opening} is read as a {kind}: quote "
                           f"the text, or close the {kind} with {closing}"), None
    if "mapping values are not allowed" in problem:
        return line, ("a second ': ' on this line: quote a value that contains ': ', or put "
                      "the key on a line of its own, indented"), None
    if "end of stream" in problem and "quoted" in context:
        start = exc.context_mark.line + 1 if exc.context_mark else None
        return start, "a quote opened on this line is never closed", None
    if "expected <block end>" in problem or "could not find expected ':'" in problem:
        return line, ("this line is indented differently from the lines before it: the keys "
                      "of one mapping, and the '- ' of one list, start in the same column"), \
            "or, if the line is a value, " + _QUOTE_HINT
    cleaned = problem.replace("<scalar>", "a value").replace("<block end>", "the end of a "
                                                                        "block")
    return line, f"the file is not valid YAML here: {cleaned}", _QUOTE_HINT


if getattr(yaml, "__with_libyaml__", False):
    class _CComposeOnly(yaml.CBaseLoader):
        """libyaml's parser; every node gets its kind's plain tag (BaseResolver's answer,
        without its per-node lookups of path and implicit resolvers, which it has none of)."""

        _TAGS = {ScalarNode: BaseResolver.DEFAULT_SCALAR_TAG,
                 SequenceNode: BaseResolver.DEFAULT_SEQUENCE_TAG,
                 MappingNode: BaseResolver.DEFAULT_MAPPING_TAG}

        def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
            return self._TAGS[kind]


def _compose(text: str) -> Node | None:
    """The node tree, through libyaml where PyYAML has it (ten times faster). A file libyaml
    refuses is composed again in Python, whose messages the error cases expect."""
    if getattr(yaml, "__with_libyaml__", False):
        try:
            return yaml.compose(text, Loader=_CComposeOnly)
        except yaml.YAMLError:
            pass
    return _ComposeOnly(text).get_single_node()


def _too_deep(file: Path, line: int | None) -> Diagnostic:
    return error(file, line, "", NESTING_DEPTH.message("the data here"), NESTING_DEPTH.hint)


def _deep_line(text: str) -> int | None:
    """The line where the nesting first goes past the limit, from the event stream (which
    PyYAML parses without recursion)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.BaseLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > NESTING_DEPTH.value:
                    mark = event.start_mark
                    return mark.line + 1 if mark is not None else None
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return None


def _to_plain(node: Node, path: Path_, loaded: Loaded, problems: list[Diagnostic],
              seen: set[int]) -> Any:
    line = node.start_mark.line + 1
    loaded.lines[path] = line
    if len(path) >= NESTING_DEPTH.value and not isinstance(node, ScalarNode):
        raise ContentError([_too_deep(loaded.file, line)])
    if id(node) in seen:
        problems.append(error(loaded.file, line, format_path(path), "anchors and aliases "
                              "(&name, *name) are not supported; write the value out"))
        return None
    seen.add(id(node))
    if node.tag not in _PLAIN_TAGS:
        problems.append(error(loaded.file, line, format_path(path),
                              f"YAML tag '{node.tag}' is not allowed"))
        return None
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SequenceNode):
        return [_to_plain(item, path + (i,), loaded, problems, seen)
                for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    if node.flow_style and any(isinstance(k, MappingNode) for k, _ in node.value):
        problems.append(error(loaded.file, line, format_path(path),  # en: {{ x }}
                              "a value that starts with {{ must be quoted",
                              'put the whole text in double quotes: en: "{{ x }}"'))
        return None
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if not isinstance(key_node, ScalarNode):
            problems.append(error(loaded.file, key_line, format_path(path),
                                  "a key must be plain text"))
            continue
        key = key_node.value
        if key == "<<":
            problems.append(error(loaded.file, key_line, format_path(path),
                                  "merge keys (<<) are not supported"))
            continue
        if key in result:
            first = loaded.lines.get(path + (key,))
            problems.append(error(loaded.file, key_line, format_path(path + (key,)),
                                  f"duplicate key '{key}' (first given on line {first})"))
            continue
        result[key] = _to_plain(value_node, path + (key,), loaded, problems, seen)
        loaded.lines[path + (key,)] = key_line
    return result


def format_path(path: Path_) -> str:
    """('sections', 3, 'blocks', 1) -> 'sections[3].blocks[1]'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def utf8_text(file: Path, data: bytes, advice: str) -> str:
    """`data` read as UTF-8 (a byte-order mark dropped), or an error at the line and column
    of the first byte that is not: a file saved as GBK is found where it starts to differ."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        column = len(data[line_start:exc.start].decode("utf-8", "replace")) + 1
        line = data.count(b"\n", 0, exc.start) + 1
        raise ContentError([error(file, line, "", f"not UTF-8 text (column {column}: byte "
                                  f"0x{data[exc.start]:02X})", advice)]) from None
