"""Visual regression: every page of the sample, in the stacked and parallel layouts,
rendered small with pypdfium2 and compared with the reference images in tests/pdf/refs/.

On a difference, the actual, expected and diff images are written to tests/pdf/failures/
(ignored by git). After an intended change: `pytest tests/pdf/test_visual.py
--update-goldens`, then look at every changed image before committing."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageChops

from tests.conftest import Edition

REFS = Path(__file__).parent / "refs"
FAILURES = Path(__file__).parent / "failures"
SCALE = 0.4  # about 29 dpi: layout, not glyph shapes
# a pixel "differs" when its gray level moves by more than this; anti-aliasing differences
# between pdfium builds stay well below it
PIXEL_TOLERANCE = 64
MAX_DIFFERING = 0.002  # share of a page's pixels


def render(pdf_path: Path) -> list[Image.Image]:
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        return [pdf[i].render(scale=SCALE, grayscale=True).to_pil().convert("L")
                for i in range(len(pdf))]
    finally:
        pdf.close()


@pytest.mark.parametrize("layout", ["stacked", "parallel"])
def it_looks_like_the_reference_pages(layout: str, sample_edition: Edition,
                                      update_goldens: bool) -> None:
    pages = render(sample_edition("investor", layout)["pdf"])
    refs = REFS / layout
    if update_goldens:
        refs.mkdir(parents=True, exist_ok=True)
        for old in refs.glob("page-*.png"):
            old.unlink()
        for number, image in enumerate(pages, start=1):
            image.save(refs / f"page-{number:02d}.png", optimize=True)
        pytest.skip(f"wrote {len(pages)} reference pages for {layout}")
    expected = sorted(refs.glob("page-*.png"))
    assert len(pages) == len(expected), f"{len(pages)} pages, references have {len(expected)}"
    failures = []
    for number, (actual, ref_path) in enumerate(zip(pages, expected, strict=True), start=1):
        reference = Image.open(ref_path).convert("L")
        if actual.size != reference.size:
            failures.append(f"page {number}: size {actual.size} != {reference.size}")
            continue
        diff = ImageChops.difference(actual, reference)
        differing = sum(diff.point(lambda v: 255 if v > PIXEL_TOLERANCE else 0).histogram()[255:])
        share = differing / (actual.width * actual.height)
        if share > MAX_DIFFERING:
            FAILURES.mkdir(exist_ok=True)
            stem = f"{layout}-page-{number:02d}"
            actual.save(FAILURES / f"{stem}-actual.png")
            reference.save(FAILURES / f"{stem}-expected.png")
            diff.point(lambda v: 255 - min(255, v * 4)).save(FAILURES / f"{stem}-diff.png")
            failures.append(f"page {number}: {share:.2%} of pixels differ (see {FAILURES})")
    assert not failures, "\n".join(failures)
