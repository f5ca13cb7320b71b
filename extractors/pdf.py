"""PDF to grids with pdfplumber: ruled tables from their lines, pages read one at a time.

A table that runs over several pages comes back as one grid (its pages stitched together);
repeated header rows and rows broken by the page are left to the interpreter, which knows
what a header is.
"""

from __future__ import annotations

import io
import re

import pdfplumber

from .grid import Document, Grid
from .text import fold
from .words import WordTables, pdfplumber_words


class PdfError(Exception):
    """A PDF that cannot be read; the message is one sentence for the user."""


def _fill_spans(table) -> tuple[list[list[str]], list]:
    """Cell texts of a pdfplumber table with merged cells repeated into each position."""
    rows = table.rows
    texts = table.extract()
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


def _context(page, top: float) -> str:
    """The text printed above a table on its page (title, period, section heading)."""
    if top <= 1:
        return ""
    region = page.crop((0, 0, page.width, min(top, page.height)))
    return "\n".join(fold(line) for line in (region.extract_text() or "").split("\n") if fold(line))


def extract(data: bytes) -> Document:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        n_pages = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many kinds for broken files
        raise PdfError(describe_pdf_error(exc)) from None
    grids: list[Grid] = []
    text_parts: list[str] = []
    unruled = WordTables()
    try:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                if number <= 2:
                    text_parts.append(page.extract_text() or "")
                tables = page.find_tables()
                if not tables:
                    grids.extend(unruled.add_page(number, pdfplumber_words(page)))
                for k, table in enumerate(tables):
                    rows, bboxes = _fill_spans(table)
                    if not any(any(c for c in r) for r in rows):
                        continue
                    grid = Grid(rows, row_pages=[number] * len(rows), row_bboxes=bboxes,
                                context=_context(page, table.bbox[1]), locator=f"page {number}")
                    previous = grids[-1] if grids else None
                    if (k == 0 and previous is not None and previous.width == grid.width
                            and previous.row_pages[-1] == number - 1 and _continues(grid, page, table)):
                        previous.rows.extend(grid.rows)
                        previous.row_pages.extend(grid.row_pages)
                        previous.row_bboxes.extend(grid.row_bboxes)
                    else:
                        grids.append(grid)
            finally:
                page.close()
    finally:
        pdf.close()
    text = "\n".join(text_parts)
    title = " ".join([fold(line) for line in text.split("\n") if fold(line)][:2])
    return Document(grids=grids, title=title, text=text[:3000], pages=n_pages)


def _continues(grid: Grid, page, table) -> bool:
    """A table at the top of a page continues the last one when little text stands above it."""
    return len(_context(page, table.bbox[1])) < 80


def describe_pdf_error(exc: Exception) -> str:
    name = type(exc).__name__
    text = str(exc).lower()
    if "password" in text or "encrypt" in text or name == "PDFPasswordIncorrect":
        return "The PDF is encrypted with a password, so it cannot be read."
    if "no /root" in text or "eof" in text or "startxref" in text or "syntax" in text:
        return "The PDF is damaged or truncated and cannot be parsed."
    return f"The PDF cannot be parsed ({name})."
