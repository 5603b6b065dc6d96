"""ReportLab's parsed TrueType fonts, kept in the disk cache (cache.py) as JSON.

ReportLab parses a font subset into tables of Python ints (character to glyph, widths,
metrics, glyph offsets): 12-14 ms for a 1.2 MB CJK subset, at every cold build. Loading
those tables from JSON takes a fraction of it. An entry is keyed by the SHA-256 of the
subset's bytes and the ReportLab version, so it is only ever read for the very bytes and
the very parser it came from; it is our own file in the user's cache folder, read with
`json` (no code runs from it), and anything unreadable or unexpected in it means parsing
the font again, as without the cache.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from array import array
from typing import Any
from weakref import WeakKeyDictionary

import reportlab
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

from .cache import cached

FORMAT = 1  # bump when the encoding below changes
# a TTFont's attributes made fresh, not stored: its per-document state, its encoding
# object (no data) and the parsed face, stored on its own
FRESH = ("fontName", "state", "encoding", "face")
# the face's attributes not stored: the font's bytes (the subset itself) and the scaling
# function ReportLab makes from the units per em
UNSTORED = ("_ttf_data", "_pdfScale")


def parsed_font(name: str, data: bytes) -> TTFont:
    """ReportLab's TTFont of the TrueType font `data`, registered under `name`, from the
    cache when an entry for these bytes and this ReportLab exists, else parsed (and kept)."""
    parsed: list[TTFont] = []

    def parse() -> bytes:
        parsed.append(TTFont(name, io.BytesIO(data)))
        return _stored(parsed[0])

    key = (f"{hashlib.sha256(data).hexdigest()}-reportlab{reportlab.Version}-v{FORMAT}"
           f"-{sys.byteorder}")  # the arrays are in the machine's byte order
    entry = cached("parsed", key, parse)
    if parsed:
        return parsed[0]
    try:
        return _restored(name, data, entry)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):
        return TTFont(name, io.BytesIO(data))  # an entry we cannot read: parse as before


class _NotStorable(ValueError):
    """A value of a type the encoding does not know (a ReportLab release's new attribute)."""


def _stored(font: TTFont) -> bytes:
    """The entry for a freshly parsed font: a JSON header, then the long number columns as
    arrays; empty (never read back) if any attribute does not survive the round trip."""
    own = {k: v for k, v in vars(font).items() if k not in FRESH}
    face = {k: v for k, v in vars(font.face).items() if k not in UNSTORED}
    columns = _Columns()
    try:
        header = json.dumps({"font": columns.encoded(own), "face": columns.encoded(face)},
                            separators=(",", ":"), allow_nan=False).encode()
    except (_NotStorable, ValueError, OverflowError):
        return b""
    entry = header + b"\0" + columns.blob()
    back = _Columns.read(entry)
    if back.decoded("font") != own or back.decoded("face") != face:
        return b""
    return entry


def _restored(name: str, data: bytes, entry: bytes) -> TTFont:
    """The TTFont as ReportLab's constructor leaves it, from a stored entry."""
    stored = _Columns.read(entry)
    face = TTFontFace.__new__(TTFontFace)
    vars(face).update(stored.decoded("face"))
    face._ttf_data = data
    face._pdfScale = _scale(face.unitsPerEm)
    font = TTFont.__new__(TTFont)
    vars(font).update(stored.decoded("font"))
    font.fontName, font.face, font.encoding = name, face, TTEncoding()
    font.state = WeakKeyDictionary()
    return font


def _scale(units_per_em: int) -> Any:
    """ReportLab's conversion of font units to thousandths of an em (TTFontFile)."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


class _Columns:
    """Attributes as tagged JSON values, their long runs of numbers as arrays (int64 or
    float64) after the header: loading the cmap and metrics of a CJK subset from JSON took
    as long as ReportLab parsing them. Tags: "=" JSON as it is, "name" ReportLab's name
    bytes, "bytes", "tuple", "list" / "tuples" / "dict" / "lists" (int keys to lists of
    ints) of number columns."""

    LONG = 16  # shorter runs stay in the JSON

    def __init__(self, header: dict[str, Any] | None = None, blob: bytes = b"") -> None:
        self.header = header or {}
        self.parts: list[bytes] = []
        self.size = 0
        self.data = memoryview(blob)

    @classmethod
    def read(cls, entry: bytes) -> _Columns:
        header, _, blob = entry.partition(b"\0")
        return cls(json.loads(header), blob)

    def blob(self) -> bytes:
        return b"".join(self.parts)

    def encoded(self, attributes: dict[str, Any]) -> dict[str, list[Any]]:
        return {name: self._tagged(value) for name, value in attributes.items()}

    def decoded(self, part: str) -> dict[str, Any]:
        return {name: self._untagged(*tagged) for name, tagged in self.header[part].items()}

    def _tagged(self, value: Any) -> list[Any]:
        kind = type(value)
        if kind in (list, dict) and len(value) > self.LONG:
            if kind is list and all(type(v) in (int, float) for v in value):
                return ["list", self._column(value)]
            if kind is list and all(type(v) is tuple and len(v) == len(value[0]) for v in value):
                return ["tuples", [self._column(list(c)) for c in zip(*value, strict=True)]]
            if kind is dict and all(type(k) is int for k in value):
                values = list(value.values())
                if all(type(v) is list and v for v in values):
                    # a glyph's characters: nearly always one; the others' rest in the JSON
                    rest = [[i, v[1:]] for i, v in enumerate(values) if len(v) > 1]
                    return ["lists", self._column(list(value)),
                            self._column([v[0] for v in values]), rest]
                return ["dict", self._column(list(value)), self._column(values)]
        if _plain(value):
            return ["=", value]
        if kind is TTFNameBytes:
            return ["name", value.ustr]
        if kind is bytes:
            return ["bytes", value.hex()]
        if kind is tuple and _plain(list(value)):
            return ["tuple", list(value)]
        raise _NotStorable(kind.__name__)

    def _untagged(self, tag: str, *payload: Any) -> Any:
        if tag == "=":
            return payload[0]
        if tag == "name":
            return TTFNameBytes(payload[0].encode("utf8"))
        if tag == "bytes":
            return bytes.fromhex(payload[0])
        if tag == "tuple":
            return tuple(payload[0])
        if tag == "list":
            return self._numbers(payload[0])
        if tag == "tuples":
            return list(zip(*map(self._numbers, payload[0]), strict=True))
        if tag == "dict":
            return dict(zip(self._numbers(payload[0]), self._numbers(payload[1]), strict=True))
        if tag == "lists":
            keys, firsts = self._numbers(payload[0]), self._numbers(payload[1])
            lists = list(map(list, zip(firsts)))
            for i, rest in payload[2]:
                lists[i] += rest
            return dict(zip(keys, lists, strict=True))
        raise ValueError(f"unknown tag {tag!r}")

    def _column(self, numbers: list[Any]) -> list[Any]:
        """[type code, offset, count] of the numbers appended as an array of one type."""
        if all(type(n) is int for n in numbers):
            code = "q"
        elif all(type(n) is float for n in numbers):
            code = "d"
        else:
            raise _NotStorable("a column of mixed numbers")
        data = array(code, numbers).tobytes()
        self.parts.append(data)
        self.size += len(data)
        return [code, self.size - len(data), len(numbers)]

    def _numbers(self, column: list[Any]) -> list[Any]:
        code, offset, count = column
        numbers = array(code)
        numbers.frombytes(self.data[offset:offset + count * numbers.itemsize])
        if len(numbers) != count:
            raise ValueError("a truncated column")
        return numbers.tolist()


def _plain(value: Any) -> bool:
    """Whether JSON gives `value` back as it is: the exact types, no tuples, str keys."""
    if value is None or type(value) in (bool, int, float, str):
        return True
    if type(value) is list:
        return all(_plain(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    return False
