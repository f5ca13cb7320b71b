"""PDF to grids: ruled tables from their lines, other tables from word boxes, one page at a time.

Two readers give the same grids: pypdfium2 (`pdfium_pages`, the default: fast) and
pdfplumber (the reference, and the baseline of the bench). Each page is asked the same
things: whether it has text or pictures, its ruled tables, its words, its text, the text above
a table. A page with no text but a picture is scanned: its words come from OCR (`ocr`), read
for all such pages of the document before the pages are walked.

A table that runs over several pages comes back as one grid (its pages stitched together);
repeated header rows and rows broken by the page are left to the interpreter, which knows
what a header is.
"""

from __future__ import annotations

import io
import re

import pdfplumber
import pypdfium2 as pdfium

from . import ocr
from .grid import Document, Grid
from .pdfium_pages import RuledTable, open_pages
from .text import fold
from .words import WordTables, lines_text, pdfplumber_words


class PdfError(Exception):
    """A PDF that cannot be read; the message is one sentence for the user."""

    status = "failed"


class NoText(PdfError):
    """A PDF that opens but has no text on any page: scanned, or blank."""

    status = "empty"


def _fill_spans(table) -> tuple[list[list[str]], list]:
    """Cell texts of a ruled table (pdfplumber's rows and cell texts) with merged cells
    repeated into each position."""
    rows, texts = table.rows, table.texts
    width = max((len(r) for r in texts), default=0)
    col_x0 = [min((r.cells[c][0] for r in rows if c < len(r.cells) and r.cells[c]), default=None)
              for c in range(width)]
    grid: list[list[str]] = []
    for r, (row, line) in enumerate(zip(rows, texts)):
        out: list[str] = []
        for c in range(width):
            text = line[c] if c < len(line) else None
            if text is None:
                left = next((k for k in range(c - 1, -1, -1) if k < len(row.cells) and row.cells[k]), None)
                if left is not None and col_x0[c] is not None and row.cells[left][2] > col_x0[c] + 1:
                    text = out[left]
                elif r > 0 and (c >= len(row.cells) or row.cells[c] is None):
                    text = grid[r - 1][c]
            out.append(_clean(text))
        grid.append(out)
    return grid, [r.bbox for r in rows]


CID = re.compile(r"\(cid:\d+\)")


def _clean(text: str | None) -> str:
    """Cell text with glyphs the font could not map ("(cid:127)", a bullet) dropped."""
    lines = [fold(CID.sub(" ", line)) for line in (text or "").split("\n")]
    return "\n".join(line for line in lines if line)


class PlumberPage:
    """A pdfplumber page asked what `extract` asks of a page."""

    def __init__(self, page) -> None:
        self.page = page

    def has_text(self) -> bool:
        return bool(self.page.chars)

    def has_images(self) -> bool:
        return bool(self.page.images)

    def text(self) -> str:
        return self.page.extract_text() or ""

    def ruled_tables(self) -> list[RuledTable]:
        return [RuledTable(t.rows, t.extract(), t.bbox) for t in self.page.find_tables()]

    def words(self) -> list:
        return pdfplumber_words(self.page)

    def context(self, top: float) -> str:
        """The text printed above a table on its page (title, period, section heading)."""
        if top <= 1:
            return ""
        page = self.page
        region = page.crop((0, 0, page.width, min(top, page.height)))
        return "\n".join(fold(line) for line in (region.extract_text() or "").split("\n") if fold(line))

    def close(self) -> None:
        self.page.close()


def _open_plumber(data: bytes):
    pdf = pdfplumber.open(io.BytesIO(data), password="")  # an empty user password opens
    return pdf, len(pdf.pages), (PlumberPage(page) for page in pdf.pages)


READERS = {"pdfium": open_pages, "pdfplumber": _open_plumber}


def extract(data: bytes, reader: str = "pdfium") -> Document:
    """The grids of a PDF, read page by page (one page in memory at a time)."""
    try:
        pdf, n_pages, pages = READERS[reader](data)
    except Exception as exc:  # pdfminer and pdfium raise many kinds for broken files
        raise PdfError(describe_pdf_error(exc, data)) from None
    grids: list[Grid] = []
    text_parts: list[str] = []
    unruled = WordTables()
    scanned = 0
    has_text = False
    try:
        ocr_words = None  # OCR of the scanned pages, all at once when the first one comes
        for number, page in enumerate(pages, start=1):
            try:
                page_text = page.has_text()
                has_text = has_text or page_text
                if not page_text and page.has_images():  # a scanned page: no text layer, a picture
                    scanned += 1
                    if ocr_words is None:
                        ocr_words = _scanned_words(data)
                    if number - 1 in ocr_words:
                        words = ocr_words[number - 1]
                        if number <= 2:
                            text_parts.append(lines_text(words))
                        grids.extend(unruled.add_page(number, words))
                    continue
                if number <= 2:
                    text_parts.append(page.text())
                tables = [t for t in page.ruled_tables() if _is_grid(t)]
                if not tables:
                    grids.extend(unruled.add_page(number, page.words()))
                for k, table in enumerate(tables):
                    rows, bboxes = _fill_spans(table)
                    if not any(any(c for c in r) for r in rows):
                        continue
                    grid = Grid(rows, row_pages=[number] * len(rows), row_bboxes=bboxes,
                                context=page.context(table.bbox[1]), locator=f"page {number}")
                    previous = grids[-1] if grids else None
                    if (k == 0 and previous is not None and previous.width == grid.width
                            and previous.row_pages[-1] == number - 1 and _continues(page, table)):
                        previous.rows.extend(grid.rows)
                        previous.row_pages.extend(grid.row_pages)
                        previous.row_bboxes.extend(grid.row_bboxes)
                    else:
                        grids.append(grid)
            finally:
                page.close()
    finally:
        pdf.close()
    if not grids and not has_text and not scanned:
        raise NoText(f"The PDF has no text and no pictures on any of its {n_pages} pages.")
    text = "\n".join(text_parts)
    title = " ".join([fold(line) for line in text.split("\n") if fold(line)][:2])
    return Document(grids=grids, title=title, text=text[:3000], pages=n_pages, scanned_pages=scanned)


def _scanned_words(data: bytes) -> dict[int, list]:
    """OCR words of the pages without a text layer (none when Tesseract is not installed).
    Whether it is installed is asked only of a PDF with such pages (asking runs Tesseract)."""
    doc = pdfium.PdfDocument(data, password="")
    try:
        pages = ocr.scanned_pages(doc)
        return ocr.read_pages(doc, pages) if pages and ocr.available() else {}
    finally:
        doc.close()


def _is_grid(table) -> bool:
    """Rules that form a table: at least two rows and three columns (zebra fills and boxes
    around text are not tables; such pages go the unruled way)."""
    return len(table.rows) >= 2 and max((len(r.cells) for r in table.rows), default=0) >= 3


def _continues(page, table) -> bool:
    """A table at the top of a page continues the last one when little text stands above it."""
    return len(page.context(table.bbox[1])) < 80


def describe_pdf_error(exc: Exception, data: bytes = b"") -> str:
    if type(exc).__name__ == "PdfminerException" and exc.args and isinstance(exc.args[0], Exception):
        exc = exc.args[0]  # pdfplumber wraps what pdfminer raised
    name = type(exc).__name__
    text = str(exc).lower()
    if "password" in text or "encrypt" in text or name == "PDFPasswordIncorrect":
        return "The PDF is encrypted with a password, so it cannot be read."
    if data and b"%%EOF" not in data[-2048:]:
        return "The PDF is truncated (its end is missing), so it cannot be parsed."
    if "no /root" in text or "format error" in text or "eof" in text or "startxref" in text or "syntax" in text:
        return "The PDF is damaged or truncated and cannot be parsed."
    if isinstance(exc, RecursionError):
        return "The PDF nests its objects too deeply to be read."
    return f"The PDF cannot be parsed ({name})."
