"""The DOCX's zip: large parts (the embedded fonts) deflated once and the stream reused
from the cache, giving the very bytes zipfile writes by itself."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

from docx.opc.packuri import PackURI

from briefing.writers.docx.package import DEFLATE_CACHED_FROM, _DatedZip

STAMP = (2024, 1, 15, 0, 0, 0)


def zipped(blob: bytes, ours: bool) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if ours:
            _DatedZip(archive, STAMP).write(PackURI("/word/fonts/font1.odttf"), blob)
        else:
            entry = zipfile.ZipInfo("word/fonts/font1.odttf", date_time=STAMP)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, blob)
    return out.getvalue()


def it_writes_a_cached_deflate_stream_as_zipfile_would(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    blob = os.urandom(DEFLATE_CACHED_FROM) + bytes(DEFLATE_CACHED_FROM)  # half compressible
    expected = zipped(blob, ours=False)
    first, second = zipped(blob, ours=True), zipped(blob, ours=True)  # computed, then cached
    assert list((tmp_path / "cache").glob("deflate-*.bin"))
    assert first == second == expected
    with zipfile.ZipFile(io.BytesIO(second)) as archive:
        assert archive.testzip() is None
        assert archive.read("word/fonts/font1.odttf") == blob
