"""Images named by content (a cover logo, image blocks): found safely, decoded whole and
normalised before any writer runs.

A path must stay inside the briefing folder (no absolute paths, `..` or symlinks out of it),
name a regular file within the size limits, and be a PNG or JPEG that Pillow decodes
completely (a truncated file is refused). An image the writers cannot take as it is (CMYK
or Adobe JPEG, 16-bit or palette PNG, odd modes) is converted once to an 8-bit RGB(A) PNG
kept in the cache, and the writers get that file: python-docx reads JFIF/Exif JPEGs and
8-bit PNGs only.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import warnings
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..limits import IMAGE_BYTES, IMAGE_PIXELS
from ..output import save_atomic

FORMATS = {"PNG", "JPEG"}
_WRITER_MODES = {"RGB", "L"}            # as they are, in either format
_PNG_ALPHA_MODES = {"RGBA", "LA"}       # kept in a PNG
NORMALISED_VERSION = 1                  # bump when the conversion changes


class ImageProblem(Exception):
    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.hint = hint


def check_image(folder: Path, name: str) -> Path:
    """The path the writers read for a content image (the file itself, or its normalised
    copy); raises ImageProblem saying what is wrong."""
    path = image_path(folder, name)
    from PIL import Image, UnidentifiedImageError  # only for briefings with images

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            bomb_check, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # ours below
            try:
                image = Image.open(path)
            finally:
                Image.MAX_IMAGE_PIXELS = bomb_check
            with image:
                if image.format not in FORMATS:
                    raise ImageProblem(f"image '{name}' is {image.format}; use PNG or JPEG")
                if image.width * image.height > IMAGE_PIXELS.value:
                    raise ImageProblem(IMAGE_PIXELS.message(
                        f"image '{name}' ({image.width}x{image.height})",
                        image.width * image.height), IMAGE_PIXELS.hint)
                image.load()  # decoded whole: a truncated or corrupt file fails here
                if _writers_take(path, image):
                    return path
                return _normalised(path, image)
    except ImageProblem:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError,
            Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageProblem(f"image '{name}' cannot be read: {exc}",
                           "save it again as PNG or JPEG (a file cut short, or damaged, "
                           "is refused)") from None


def image_path(folder: Path, name: str) -> Path:
    """The file a content image names, if it is a safe one (raises ImageProblem)."""
    if Path(name).is_absolute():
        raise ImageProblem(f"'{name}' is an absolute path: name a file in the briefing folder")
    root = folder.resolve()
    path = (folder / name).resolve()
    if not path.is_relative_to(root):
        raise ImageProblem(f"'{name}' is outside the briefing folder")
    if not path.exists():
        raise ImageProblem(f"image '{name}' not found")
    if not path.is_file():
        raise ImageProblem(f"'{name}' is not a regular file")
    size = path.stat().st_size
    if size > IMAGE_BYTES.value:
        raise ImageProblem(IMAGE_BYTES.message(f"image '{name}'", size), IMAGE_BYTES.hint)
    return path


def _writers_take(path: Path, image: Any) -> bool:
    """Whether both writers read the file as it is (`image`: an open PIL image)."""
    mode, fmt = image.mode, image.format
    with path.open("rb") as handle:
        head = handle.read(32)
    if fmt == "JPEG":  # python-docx knows a JPEG by its JFIF or Exif marker
        return mode in _WRITER_MODES and (head[2:4], head[6:10]) in (
            (b"\xff\xe0", b"JFIF"), (b"\xff\xe1", b"Exif"))
    bit_depth, colour_type = head[24], head[25]  # from IHDR
    return bit_depth == 8 and colour_type != 3 and mode in _WRITER_MODES | _PNG_ALPHA_MODES


def _normalised(path: Path, image: object) -> Path:
    """An 8-bit RGB or RGBA PNG of the image, made once per file content."""
    from PIL import Image

    assert isinstance(image, Image.Image)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
    target = _normalised_dir() / f"{digest}-v{NORMALISED_VERSION}.png"
    if target.is_file():
        return target
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if image.mode.startswith("I"):  # 16-bit grey: scaled to 8 bits, not clipped
        image = image.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    buffer = io.BytesIO()
    image.convert("RGBA" if has_alpha else "RGB").save(buffer, "PNG")
    try:
        save_atomic(target, buffer.getvalue())
    except OutputError:  # an unwritable cache: this process's temporary folder
        target = Path(tempfile.mkdtemp(prefix="briefing-image-")) / target.name
        save_atomic(target, buffer.getvalue())
    return target


def _normalised_dir() -> Path:
    from ..cache import cache_dir

    return cache_dir() / "images"
