"""The one thing per-format extractors produce: a table as a grid of cell texts, with where
each row was found (page and box for PDF, table path for HTML)."""

from __future__ import annotations

from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass
class Grid:
    """A table: rows of cell texts (line breaks inside a cell kept as '\\n'), every row as wide
    as the table, spanned cells repeated into every position they cover."""

    rows: list[list[str]]
    row_pages: list[int | None] = field(default_factory=list)  # 1-based page of each row
    row_bboxes: list[BBox | None] = field(default_factory=list)
    context: str = ""  # text printed before the table: title, headings (periods, sections)
    locator: str = ""  # where the table was found: "table[2]" or "page 3"
    lines_grouped: bool = False  # rows were grouped from text lines (unruled, OCR): a wrapped
    # cell's last lines may stand as a row of their own
    text_lines: bool = False  # not a table: the lines of running text outside tables (headings,
    # paragraphs, list items with their bullet or number as printed), one cell per row

    def __post_init__(self) -> None:
        width = max((len(r) for r in self.rows), default=0)
        self.rows = [list(r) + [""] * (width - len(r)) for r in self.rows]
        n = len(self.rows)
        self.row_pages = (self.row_pages + [None] * n)[:n]
        self.row_bboxes = (self.row_bboxes + [None] * n)[:n]

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


@dataclass
class Document:
    """What a per-format extractor returns: the tables, the text around them, page count."""

    grids: list[Grid]
    title: str = ""
    text: str = ""  # the document's own text outside tables (first part), for the period
    pages: int = 1
    scanned_pages: int = 0  # pages with no text layer, only a picture
