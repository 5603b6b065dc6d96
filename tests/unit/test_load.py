"""The YAML loader keeps every scalar as text, and refuses what hand-written content
should never contain."""

from pathlib import Path

import pytest

from briefing.errors import ContentError
from briefing.limits import FILE_BYTES
from briefing.source.load import load_yaml


def load(tmp_path: Path, text: str):
    file = tmp_path / "x.yaml"
    file.write_text(text, encoding="utf-8")
    return load_yaml(file)


def problems(tmp_path: Path, text: str) -> list[str]:
    """What loading reports: a raised error, or the problems kept beside usable data."""
    try:
        found = load(tmp_path, text).problems
    except ContentError as exc:
        found = exc.diagnostics
    assert found, "expected a problem"
    return [d.format() for d in found]


def it_keeps_implicitly_typed_scalars_as_text(tmp_path: Path) -> None:
    data = load(tmp_path, "a: no\nb: 01234\nc: 1:20\nd: 2023-12-31\ne: ~\n").data
    assert data == {"a": "no", "b": "01234", "c": "1:20", "d": "2023-12-31", "e": "~"}


def it_records_the_line_of_every_value(tmp_path: Path) -> None:
    loaded = load(tmp_path, "a:\n  b:\n    - x\n    - y\n")
    assert loaded.line_of(("a", "b", 1)) == 4
    assert loaded.line_of(("a", "b", 1, "missing")) == 4


def it_refuses_duplicate_keys_naming_both_lines(tmp_path: Path) -> None:
    [message] = problems(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert message.endswith("x.yaml:3: a: duplicate key 'a' (first given on line 1)")
    assert load(tmp_path, "a: 1\nb: 2\na: 3\n").data["a"] == "1"


def it_refuses_tags(tmp_path: Path) -> None:
    [message] = problems(tmp_path, "a: !!python/object:os.system x\n")
    assert ":1: a: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed" in message


def it_refuses_aliases_so_alias_bombs_cannot_expand(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" \
           "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    found = problems(tmp_path, bomb)
    assert found and all("anchors and aliases" in m for m in found)
    assert len(found) <= 20


def it_reports_syntax_errors_with_their_line(tmp_path: Path) -> None:
    [message] = problems(tmp_path, "a: 1\nb: [unclosed\nc: 2\n")
    assert "x.yaml:2: a value that starts with [ is read as a list: quote the text, or close " \
        "the list with ]" in message


def it_refuses_oversized_files(tmp_path: Path) -> None:
    [message] = problems(tmp_path, "a: " + "x" * (FILE_BYTES.value + 1))
    assert "the limit is" in message


def it_refuses_text_that_is_not_utf8(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_bytes("a: x\nb: 西城区".encode("gbk"))
    with pytest.raises(ContentError) as caught:
        load_yaml(file)
    [found] = caught.value.diagnostics
    assert "not UTF-8" in found.message and "column 4" in found.message
    assert found.line == 2


def it_accepts_a_utf8_byte_order_mark(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_bytes("\ufeffa: 西城区\n".encode("utf-8"))
    assert load_yaml(file).data == {"a": "西城区"}
