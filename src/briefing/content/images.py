"""Images named by content (a cover logo): found safely and checked before any writer runs.

A path must stay inside the briefing folder (no absolute paths, `..` or symlinks out of it),
name a regular file of a sane size, and be a PNG or JPEG that Pillow can decode within a
pixel limit, so that a typo, a hostile path or a decompression bomb is a located error.
"""

from __future__ import annotations

import warnings
from pathlib import Path

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"PNG", "JPEG"}


class ImageProblem(Exception):
    pass


def check_image(folder: Path, name: str) -> Path:
    """The resolved path of a content image; raises ImageProblem saying what is wrong."""
    from PIL import Image, UnidentifiedImageError  # only for briefings with images

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
    if path.stat().st_size > MAX_IMAGE_BYTES:
        raise ImageProblem(f"image '{name}' is larger than {MAX_IMAGE_BYTES // 2**20} MB")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.format not in FORMATS:
                    raise ImageProblem(f"image '{name}' is {image.format}; use PNG or JPEG")
                if image.width * image.height > MAX_PIXELS:
                    raise ImageProblem(f"image '{name}' has {image.width}x{image.height} "
                                       f"pixels; the limit is {MAX_PIXELS:,}")
                image.verify()
    except ImageProblem:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageProblem(f"image '{name}' cannot be read: {exc}") from None
    return path
