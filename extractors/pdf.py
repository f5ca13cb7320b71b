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
from typing import NamedTuple

import pdfplumber
import pypdfium2 as pdfium
from pdfplumber.table import merge_edges
from pdfplumber.utils import filter_edges

from . import ocr
from .columns import item_token
from .grid import Document, Grid
from .pdfium_pages import (BULLET_GLYPHS, EDGE_MIN_LENGTH, JOIN, SNAP, RuledTable, open_pages, open_sides,
                           page_break_rules)
from .text import PAGE_NUMBER, fold
from .words import Line, WordTables, is_figure_phrase, lines_text, pdfplumber_words, to_lines, to_phrases


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
# A running header or footer that numbers the page ("Jabatan Contoh   Muka surat 3", "Page 2 of 5",
# "- 4 -", "3"), printed in the page's top or bottom margin: page furniture, no row of a table
PAGE_FURNITURE = re.compile(rf"(?:^|\s)(?:{PAGE_NUMBER.pattern})(?:\s|$)|^[-–]?\s*\d{{1,4}}\s*[-–]?$"
                            r"|^\d{1,4}\s*/\s*\d{1,4}$", re.I)
MARGIN = 0.06  # of the page's height, at its top and at its bottom


def _clean(text: str | None) -> str:
    """Cell text with glyphs the font could not map ("(cid:127)", a bullet) dropped."""
    lines = [fold(CID.sub(" ", line)) for line in (text or "").split("\n")]
    return "\n".join(line for line in lines if line)


class PlumberPage:
    """A pdfplumber page asked what `extract` asks of a page."""

    def __init__(self, page) -> None:
        self.page = page
        self.height = page.height

    def has_text(self) -> bool:
        return bool(self.page.chars)

    def has_images(self) -> bool:
        return bool(self.page.images)

    def text(self) -> str:
        return self.page.extract_text() or ""

    def ruled_tables(self) -> list[RuledTable]:
        edges = merge_edges(self.page.edges, SNAP, SNAP, JOIN, JOIN)
        edges = filter_edges(edges, min_length=EDGE_MIN_LENGTH)
        closing = page_break_rules(edges, self.page.height) + open_sides(edges)
        return [RuledTable(t.rows, t.extract(), t.bbox) for t in self.page.find_tables(
            {"explicit_horizontal_lines": [e for e in closing if e["orientation"] == "h"],
             "explicit_vertical_lines": [e for e in closing if e["orientation"] == "v"]})]

    def lines(self) -> list[Line]:
        if not hasattr(self, "_lines"):
            self._lines = to_lines(pdfplumber_words(self.page))
        return self._lines

    def bullets(self) -> list[tuple[float, float, float]]:
        """(x1, top, bottom) of the list bullets printed on the page."""
        return [(c["x1"], c["top"], c["bottom"]) for c in self.page.chars if _is_bullet(c["text"])]

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
    last_table: Grid | None = None  # a ruled table at the top of a page may continue it
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
                        lines = to_lines(ocr_words[number - 1])
                        if number <= 2:
                            text_parts.append(lines_text(lines))
                        grids.extend(unruled.add_page(number, lines))
                    continue
                if number <= 2:
                    text_parts.append(page.text())
                tables = [part for t in page.ruled_tables() for part in stacked_tables(t) if _is_grid(part)]
                lines = body_lines(page.lines(), page.height)
                page_grids = [] if tables else unruled.add_page(number, lines)
                filled = [_fill_spans(table) for table in tables]
                totals = [_total_line_under(rows, table.bbox, lines) if k == len(tables) - 1 else None
                          for k, (table, (rows, _)) in enumerate(zip(tables, filled))]
                boxes = [t.bbox for t in tables] + [total[1] for total in totals if total] \
                    or [(-1e9, top, 1e9, bottom) for top, bottom in unruled.spans]
                above, below = text_grids(page, lines, boxes, number)
                grids.extend(above + page_grids)
                last_table = page_grids[-1] if page_grids else last_table
                for k, (table, (rows, bboxes), total) in enumerate(zip(tables, filled, totals)):
                    if total:
                        rows, bboxes = rows + [total[0]], bboxes + [total[1]]
                    if not any(any(c for c in r) for r in rows):
                        continue
                    grid = Grid(rows, row_pages=[number] * len(rows), row_bboxes=bboxes,
                                context=page.context(table.bbox[1]), locator=f"page {number}")
                    previous = last_table
                    if (k == 0 and previous is not None and previous.width == grid.width
                            and previous.row_pages[-1] == number - 1 and _continues(page, table)):
                        previous.rows.extend(grid.rows)
                        previous.row_pages.extend(grid.row_pages)
                        previous.row_bboxes.extend(grid.row_bboxes)
                    else:
                        grids.append(grid)
                        last_table = grid
                grids.extend(below)
            finally:
                page.close()
    finally:
        pdf.close()
    if not grids and not has_text and not scanned:
        raise NoText(f"The PDF has no text and no pictures on any of its {n_pages} pages.")
    text = "\n".join(text_parts)
    title = " ".join([fold(line) for line in text.split("\n") if fold(line)][:2])
    return Document(grids=grids, title=title, text=text[:3000], pages=n_pages, scanned_pages=scanned)


def _total_line_under(rows: list[list[str]], bbox, lines: list[Line]) -> tuple[list[str], tuple] | None:
    """The line printed right under a ruled table as a table of its own without rules (a grand
    total under the last division's): a label and then as many figures as the table's last row
    has, placed as that row places its label and figures (the rule-less table's columns need not
    line up with the ruled one's). (row, bbox), or None for any other line."""
    if not rows:
        return None
    last = rows[-1]
    figures = [k for k, text in enumerate(last) if text and is_figure_phrase(text)]
    labels = [k for k, text in enumerate(last) if text and not is_figure_phrase(text)]
    under = [line for line in lines if line.top >= bbox[3] - 1]
    if not figures or not labels or labels[-1] > figures[0] or not under:
        return None
    line = min(under, key=lambda line: line.top)
    phrases = line.phrases
    if line.top - bbox[3] > 1.5 * (line.bottom - line.top) or len(phrases) != len(figures) + 1 \
            or is_figure_phrase(phrases[0].text) or not all(is_figure_phrase(p.text) for p in phrases[1:]):
        return None
    row = [""] * len(last)
    row[labels[-1]] = phrases[0].text
    for k, p in zip(figures, phrases[1:]):
        row[k] = p.text
    return row, (line.words[0].x0, line.top, line.words[-1].x1, line.bottom)


def _is_bullet(text: str) -> bool:
    """A list bullet: a bullet character, or a glyph the font could not map ("(cid:127)")."""
    return text in BULLET_GLYPHS or (text[:5] == "(cid:" and bool(CID.fullmatch(text)))


def body_lines(lines: list[Line], height: float) -> list[Line]:
    """The page's lines but a running header or footer numbering the page."""
    def furniture(line: Line) -> bool:
        in_margin = line.top > height * (1 - MARGIN) or line.bottom < height * MARGIN
        return in_margin and bool(PAGE_FURNITURE.search(" ".join(w.text for w in line.words)))

    return [line for line in lines if not furniture(line)]


def text_grids(page, lines: list[Line], boxes: list, number: int) -> tuple[list[Grid], list[Grid]]:
    """The page's `lines` of text outside its tables (`boxes`: x0, top, x1, bottom) as grids of
    one cell per line, a bullet printed before a line given as "•": those above the first
    table, and the others."""
    def inside(line) -> bool:
        middle = (line.top + line.bottom) / 2
        return any(top - 1 <= middle <= bottom + 1 and line.words[0].x0 < x1 and line.words[-1].x1 > x0
                   for x0, top, x1, bottom in boxes)

    first_top = min((box[1] for box in boxes), default=float("inf"))
    above, below = [], []
    for line in lines:
        if any(_is_bullet(w.text) for w in line.words):
            words = [w for w in line.words if not _is_bullet(w.text)]
            if not words:
                continue
            line = Line(words, to_phrases(words))
        if not inside(line):
            (below if line.bottom > first_top else above).append(line)
    if not above and not below:
        return [], []
    bullets = page.bullets()
    return _lines_grids(above, bullets, number), _lines_grids(below, bullets, number)


def _lines_grids(lines: list, bullets: list[tuple[float, float, float]], number: int) -> list[Grid]:
    """Lines of a page as a grid of one cell per line (none for no lines)."""
    def bulleted(line) -> bool:
        x0, middle = line.words[0].x0, (line.top + line.bottom) / 2
        return any(x1 <= x0 + 1 and x0 - x1 < 24 and top - 2 <= middle <= bottom + 2 for x1, top, bottom in bullets)

    if not lines:
        return []
    rows = [[("• " if bulleted(line) else "") + _clean(" ".join(p.text for p in line.phrases))] for line in lines]
    boxes = [(min(w.x0 for w in line.words), line.top, max(w.x1 for w in line.words), line.bottom) for line in lines]
    return [Grid(rows, row_pages=[number] * len(lines), row_bboxes=boxes, locator=f"page {number} text",
                 text_lines=True)]


def _scanned_words(data: bytes) -> dict[int, list]:
    """OCR words of the pages without a text layer (none when Tesseract is not installed).
    Whether it is installed is asked only of a PDF with such pages (asking runs Tesseract)."""
    doc = pdfium.PdfDocument(data, password="")
    try:
        pages = ocr.scanned_pages(doc)
        return ocr.read_pages(doc, pages) if pages and ocr.available() else {}
    finally:
        doc.close()


class _Row(NamedTuple):
    cells: list  # each cell's box, None under a span (as pdfplumber's rows)
    bbox: tuple


def _crossed(row, other) -> bool:
    """A column boundary of `other` runs through the middle of one of `row`'s cells."""
    edges = {x for c in other.cells if c is not None for x in (c[0], c[2])}
    return any(c[0] + 1 < x < c[2] - 1 for c in row.cells if c is not None for x in edges)


def stacked_tables(table: RuledTable) -> list[RuledTable]:
    """A ruled table that is two tables printed one right under the other (their rules touch, so
    they join): split between two rows whose column boundaries each run through the other's
    cells (a header spanning its columns, a heading spanning the table or a cell spanning rows
    crosses no boundary of the other row). Each part keeps the columns its rows start a cell in."""
    rows = table.rows
    cuts = [k for k in range(1, len(rows)) if _crossed(rows[k], rows[k - 1]) and _crossed(rows[k - 1], rows[k])]
    if not cuts:
        return [table]
    parts = []
    for start, end in zip([0] + cuts, cuts + [len(rows)]):
        part, texts = rows[start:end], table.texts[start:end]
        width = max(len(r.cells) for r in part)
        keep = [c for c in range(width) if any(c < len(r.cells) and r.cells[c] is not None for r in part)]
        part = [_Row([r.cells[c] if c < len(r.cells) else None for c in keep], r.bbox) for r in part]
        texts = [[line[c] if c < len(line) else None for c in keep] for line in texts]
        boxes = [r.bbox for r in part]
        parts.append(RuledTable(part, texts, (min(b[0] for b in boxes), boxes[0][1], max(b[2] for b in boxes),
                                              boxes[-1][3])))
    return parts


FIGURE_CELL = re.compile(r"\d[\d.,]*\s*%?|[-–—]")  # a figure, or a mark for none


def _is_grid(table) -> bool:
    """Rules that form a table: at least two rows and three columns, or three rows and two
    columns whose right one holds figures ("JANUARI | 2") or whose left one numbers the rows
    below the header ("1. | Surat ..."); zebra fills and boxes around text are not tables, and
    such pages go the unruled way."""
    width = max((len(r.cells) for r in table.rows), default=0)
    if len(table.rows) < 2 or width < 2:
        return False
    if width >= 3:
        return True
    pairs = [(fold(line[0] or ""), fold(line[1] or "")) for line in table.texts if len(line) == 2]
    figures = sum(bool(FIGURE_CELL.fullmatch(right)) for _, right in pairs)
    numbered = sum(token is not None and not rest for token, rest in (item_token(left) for left, _ in pairs[1:]))
    return len(pairs) >= 3 and (figures >= 0.6 * len(pairs) or numbered >= 0.6 * (len(pairs) - 1))


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
