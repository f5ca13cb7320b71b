"""Evidence for a finding in a PDF: the table region of its page, the offending row highlighted."""

from __future__ import annotations

import base64
import io

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

SCALE = 1.5  # pixels per PDF point (108 dpi): small files, legible print
MARGIN = 6  # points around the table region


def table_region(rows: list[dict]) -> tuple[float, float, float, float] | None:
    """The box (x0, top, x1, bottom) holding the given rows' boxes (the rows of one table on one page)."""
    boxes = [r["bbox"] for r in rows if r.get("bbox")]
    if not boxes:
        return None
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


class PdfPictures:
    """Cuts pictures out of one PDF's pages; each page is rendered once."""

    def __init__(self, data: bytes):
        self.pdf = pdfium.PdfDocument(data)
        self.pages: dict[int, Image.Image] = {}

    def close(self) -> None:
        self.pdf.close()

    def page(self, number: int) -> Image.Image:
        if number not in self.pages:
            self.pages[number] = self.pdf[number - 1].render(scale=SCALE).to_pil().convert("RGB")
        return self.pages[number]

    def picture(self, page: int, region, row_box) -> str:
        """A PNG data: URI of the region of a page, with the row's box filled in translucent red."""
        image = self.page(page)
        x0, top, x1, bottom = region
        if row_box:  # the region always shows the row, even when the rows around it were not found
            x0, top, x1, bottom = min(x0, row_box[0]), min(top, row_box[1]), max(x1, row_box[2]), max(bottom, row_box[3])
        box = [max(0, int((x0 - MARGIN) * SCALE)), max(0, int((top - MARGIN) * SCALE)),
               min(image.width, int((x1 + MARGIN) * SCALE)), min(image.height, int((bottom + MARGIN) * SCALE))]
        crop = image.crop(box).convert("RGBA")
        if row_box:
            layer = Image.new("RGBA", crop.size, (0, 0, 0, 0))
            rx0, rtop, rx1, rbottom = (v * SCALE for v in row_box)
            rect = [rx0 - box[0], rtop - box[1], rx1 - box[0], rbottom - box[1]]
            ImageDraw.Draw(layer).rectangle(rect, fill=(230, 40, 40, 60), outline=(200, 0, 0, 255), width=3)
            crop = Image.alpha_composite(crop, layer)
        buffer = io.BytesIO()
        crop.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(buffer, format="PNG", optimize=True)
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
