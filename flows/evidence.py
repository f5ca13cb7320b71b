"""Evidence for a finding in a PDF: the table of its page, the offending row highlighted."""

from __future__ import annotations

import base64
import io

import pdfplumber
import pypdfium2 as pdfium
from PIL import Image, ImageDraw

SCALE = 2  # pixels per PDF point (144 dpi): legible print, small files
MARGIN = 6  # points around the table region


class PdfPictures:
    """Cuts pictures out of one PDF's pages; each page is rendered once."""

    def __init__(self, data: bytes):
        self.pdf = pdfium.PdfDocument(data)
        self.plumber = pdfplumber.open(io.BytesIO(data))
        self.pages: dict[int, Image.Image] = {}
        self.tables: dict[int, list[tuple]] = {}

    def close(self) -> None:
        self.pdf.close()
        self.plumber.close()

    def table_box(self, page: int, row_box) -> tuple:
        """The box of the ruled table on the page that holds the row (the row's own box if none does)."""
        if page not in self.tables:
            self.tables[page] = [t.bbox for t in self.plumber.pages[page - 1].find_tables()]
        x0, top, x1, bottom = row_box
        centre = ((x0 + x1) / 2, (top + bottom) / 2)
        return next((b for b in self.tables[page] if b[0] <= centre[0] <= b[2] and b[1] <= centre[1] <= b[3]),
                    tuple(row_box))

    def page(self, number: int) -> Image.Image:
        if number not in self.pages:
            self.pages[number] = self.pdf[number - 1].render(scale=SCALE).to_pil().convert("RGB")
        return self.pages[number]

    def picture(self, page: int, row_box) -> str:
        """A PNG data: URI of the table holding the row, the row's box filled in translucent red."""
        image = self.page(page)
        x0, top, x1, bottom = self.table_box(page, row_box)
        box = [max(0, int((x0 - MARGIN) * SCALE)), max(0, int((top - MARGIN) * SCALE)),
               min(image.width, int((x1 + MARGIN) * SCALE)), min(image.height, int((bottom + MARGIN) * SCALE))]
        crop = image.crop(box).convert("RGBA")
        layer = Image.new("RGBA", crop.size, (0, 0, 0, 0))
        rx0, rtop, rx1, rbottom = (v * SCALE for v in row_box)
        rect = [rx0 - box[0], rtop - box[1], rx1 - box[0], rbottom - box[1]]
        ImageDraw.Draw(layer).rectangle(rect, fill=(230, 40, 40, 60), outline=(200, 0, 0, 255), width=3)
        crop = Image.alpha_composite(crop, layer)
        buffer = io.BytesIO()
        crop.convert("P", palette=Image.Palette.ADAPTIVE, colors=64).save(buffer, format="PNG", optimize=True)
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
