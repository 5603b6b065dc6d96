"""The DOCX package's bytes, the same for the same input: every zip entry dated with the
edition's day, not the clock (python-docx's own `save` stamps them with the time), for a
build and for an updated draft alike."""

from __future__ import annotations

import datetime
import hashlib
import io
import zipfile
import zlib
from typing import cast

import docx.document
from docx.opc.packuri import PackURI
from docx.opc.phys_pkg import PhysPkgWriter
from docx.opc.pkgwriter import PackageWriter

from ...cache import cached


def package_bytes(doc: docx.document.Document, day: datetime.date) -> bytes:
    """The package's bytes, each zip entry dated `day`: python-docx's package writer is
    given a zip whose entries carry that date instead of the clock. (Re-zipping
    python-docx's own output instead cost 0.05 s of decompressing and compressing the
    fonts again.)"""
    package = doc.part.package
    for part in package.parts:
        part.before_marshal()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        # _DatedZip has the one method of PhysPkgWriter's that these use
        writer = cast(PhysPkgWriter, _DatedZip(archive, (day.year, day.month, day.day, 0, 0, 0)))
        # (python-docx leaves these two private helpers unannotated)
        PackageWriter._write_content_types_stream(writer, package.parts)  # type: ignore[no-untyped-call]
        PackageWriter._write_pkg_rels(writer, package.rels)  # type: ignore[no-untyped-call]
        PackageWriter._write_parts(writer, package.parts)
    return out.getvalue()


class _DatedZip:
    """The `write(pack_uri, blob)` that python-docx's PackageWriter asks of a zip."""

    def __init__(self, archive: zipfile.ZipFile, stamp: tuple[int, int, int, int, int, int]):
        self.archive, self.stamp = archive, stamp

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        if len(blob) < DEFLATE_CACHED_FROM:
            self.archive.writestr(entry, blob)
            return
        entry.file_size = len(blob)  # as writestr sets it: the same header
        with self.archive.open(entry, "w") as sink:
            if hasattr(sink, "_compressor"):  # zipfile's writer (CPython 3.11-3.13)
                sink._compressor = _Deflated(deflated(blob))
            sink.write(blob)


# Parts this large (the embedded fonts, ~1.2 MB each) are deflated once and the stream kept
# in the cache: compressing them took 0.07 s a build. zlib gives the same stream for the
# same bytes, so the file is what zipfile alone writes.
DEFLATE_CACHED_FROM = 256 * 1024


def deflated(blob: bytes) -> bytes:
    """The raw deflate stream zipfile writes for `blob` (level 6, no zlib header)."""
    def compress() -> bytes:
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        return compressor.compress(blob) + compressor.flush()
    return cached("deflate", hashlib.sha256(blob).hexdigest(), compress)


class _Deflated:
    """A compressor that hands zipfile the stream already made (its CRC and sizes it
    still computes from the bytes written)."""

    def __init__(self, stream: bytes) -> None:
        self.stream = stream

    def compress(self, data: bytes) -> bytes:
        stream, self.stream = self.stream, b""
        return stream

    def flush(self) -> bytes:
        return b""
