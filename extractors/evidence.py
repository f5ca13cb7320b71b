"""Evidence for findings in a PDF: a picture of the tables they lie in, cut from the page.

One picture per page (the region its pledge rows cover, as the reader found them), so every
finding of that page shares one file; the report draws each finding's row over it (the row's box
is given as a fraction of the picture by `mark`). Only the region is rendered, in 16 greys, at
108 dpi (the report shows it narrower still; the file opens larger): small and fast to make.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pypdfium2 as pdfium
from PIL import Image

SCALE = 1.5  # pixels per PDF point (108 dpi): legible print, small files, 2.5x faster than 144 dpi
MARGIN = 6  # points around the table region
GREYS = [level * 17 for level in range(16) for _ in "rgb"]  # a 4-bit palette: 16 greys
TO_GREYS = [value >> 4 for value in range(256)]


def region(boxes: list) -> tuple[float, float, float, float]:
    """The box around row boxes (x0, top, x1, bottom in PDF points), with a margin (within the page)."""
    return (max(0.0, min(b[0] for b in boxes) - MARGIN), max(0.0, min(b[1] for b in boxes) - MARGIN),
            max(b[2] for b in boxes) + MARGIN, max(b[3] for b in boxes) + MARGIN)


def mark(area: tuple, row_box) -> tuple[float, float, float, float]:
    """The row's box as fractions (left, top, width, height) of the region's picture."""
    x0, top, x1, bottom = area
    w, h = x1 - x0, bottom - top
    return ((row_box[0] - x0) / w, (row_box[1] - top) / h, (row_box[2] - row_box[0]) / w, (row_box[3] - row_box[1]) / h)


def size(area: tuple) -> tuple[int, int]:
    """The picture's size in pixels (what the report reserves for it before it loads)."""
    return round((area[2] - area[0]) * SCALE), round((area[3] - area[1]) * SCALE)


def images(data: bytes, areas: list[tuple[int, tuple]]) -> Iterator[Image.Image]:
    """The regions (page number, box) of one PDF as greyscale images, in order; only each region
    is rendered. PDFium is not thread-safe: call it from one thread at a time."""
    pdf = pdfium.PdfDocument(data)
    try:
        for number, (x0, top, x1, bottom) in areas:
            page = pdf[number - 1]
            try:
                width, height = page.get_size()
                crop = (max(0.0, x0), max(0.0, height - bottom), max(0.0, width - x1), max(0.0, top))
                yield page.render(scale=SCALE, crop=crop, grayscale=True).to_pil().convert("L")
            finally:
                page.close()
    finally:
        pdf.close()


def png(image: Image.Image) -> bytes:
    """The image as a PNG of 16 greys (2x faster to make than of 256, 1.4x smaller); Pillow lets
    go of the GIL while it compresses, so threads make them side by side."""
    image = image.point(TO_GREYS)
    image.putpalette(GREYS)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", bits=4, compress_level=1)
    return buffer.getvalue()
