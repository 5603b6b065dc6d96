"""Images in every mode a camera or an editor saves (issue 17): normalised for the writers
(both show the picture, in its colours), or refused by `check` with the reason."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx
import pypdf
import pytest
from PIL import Image

import briefing
from tests.conftest import problems_of
from tests.hostile.makers import briefing_copy, image_block

RED = (200, 20, 20)


def _png16_rgb(path: Path) -> None:
    """A 48-bit RGB PNG (Pillow cannot save one): red, 16 bits a channel."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    width, height = 20, 10
    row = b"\0" + struct.pack(">HHH", RED[0] * 257, RED[1] * 257, RED[2] * 257) * width
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(row * height)) + chunk(b"IEND", b""))


MAKERS = {
    "cmyk.jpg": lambda p: Image.new("RGB", (40, 30), RED).convert("CMYK").save(p, "JPEG"),
    "rgb16.png": _png16_rgb,
    "grey16.png": lambda p: Image.new("I;16", (40, 30), 200 * 257).save(p, "PNG"),
    "palette.png": lambda p: Image.new("RGB", (40, 30), RED).convert("P").save(p, "PNG"),
    "palette-transparent.png": lambda p: Image.new("RGB", (40, 30), RED).convert("P").save(
        p, "PNG", transparency=0),
    "alpha.png": lambda p: Image.new("RGBA", (40, 30), RED + (128,)).save(p, "PNG"),
    "grey-alpha.png": lambda p: Image.new("LA", (40, 30), (200, 128)).save(p, "PNG"),
    "bilevel.png": lambda p: Image.new("1", (40, 30), 1).save(p, "PNG"),
    "grey.jpg": lambda p: Image.new("L", (40, 30), 200).save(p, "JPEG"),
    "progressive.jpg": lambda p: Image.new("RGB", (40, 30), RED).save(p, "JPEG",
                                                                        progressive=True),
}


@pytest.mark.parametrize("name", sorted(MAKERS))
def it_shows_every_kind_of_image_in_both_formats(name: str, tmp_path: Path) -> None:
    folder = briefing_copy(tmp_path / "b")
    MAKERS[name](folder / name)
    image_block(folder, name)
    briefing.check(folder)
    pdf, docx_path = briefing.build(folder, tmp_path / "out")
    document = docx.Document(str(docx_path))
    assert len(document.inline_shapes) == 1
    blob = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip.embed
    part = document.part.related_parts[blob]
    from io import BytesIO
    with Image.open(BytesIO(part.blob)) as shown:
        assert shown.mode in ("RGB", "RGBA", "L", "LA")
        if name.startswith(("cmyk", "rgb16", "palette.")):  # the colour survived
            with Image.open(folder / name) as original:
                want = original.convert("RGB").getpixel((5, 5)) if "16" not in name else RED
            got = shown.convert("RGB").getpixel((5, 5))
            assert all(abs(a - b) < 12 for a, b in zip(got, want, strict=True)), (got, want)
    images = [o for page in pypdf.PdfReader(str(pdf)).pages
              for o in (page["/Resources"].get("/XObject") or {}).values()
              if o.get_object()["/Subtype"] == "/Image"]
    assert images


def it_keeps_an_image_the_writers_take_as_it_is(tmp_path: Path) -> None:
    folder = briefing_copy(tmp_path / "b")
    Image.new("RGB", (40, 30), RED).save(folder / "plain.png")
    image_block(folder, "plain.png")
    [image] = [b for b in briefing.check(folder).blocks if type(b).__name__ == "Image"]
    assert image.file == (folder / "plain.png").resolve()  # type: ignore[attr-defined]


@pytest.mark.parametrize("cut", [0.5, 0.9])
def it_refuses_a_truncated_image(tmp_path: Path, cut: float) -> None:
    folder = briefing_copy(tmp_path / "b")
    Image.effect_noise((200, 200), 60).convert("RGB").save(folder / "photo.jpg", "JPEG")
    data = (folder / "photo.jpg").read_bytes()
    (folder / "photo.jpg").write_bytes(data[:int(len(data) * cut)])
    image_block(folder, "photo.jpg")
    [problem] = problems_of(folder)
    assert problem.line and problem.field_path.endswith("image.file")
    assert "cannot be read" in problem.message and problem.hint
