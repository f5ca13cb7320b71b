"""The development set's HTML tables printed a little differently, as other agencies print the
same figures: the figure columns in another order, percentages without "%", counts without
thousands separators, headers in other letter cases. The interpreter reads a table from what its
columns hold and how they add up, so every variant gives the same figures on the same rows and
the same `error` findings as the page as published. Real pages are read from ../shared/realdev;
the variants are made from their grids in memory."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from piagam.extractors import columns as C
from piagam.extractors import document, html
from piagam.extractors.grid import Grid
from piagam.extractors.interpret import combined_headers, find_header

REALDEV = Path(__file__).resolve().parent.parent.parent / "shared" / "realdev"
FIGURES = ["total", "met", "missed", "met_pct", "missed_pct", "achievement_pct", "target_pct"]
# the roles a block of columns may be moved with: what a column holds, not where it stands
MOVABLE = {C.MET, C.MET_PCT, C.MISSED, C.MISSED_PCT, C.TOTAL, C.TARGET, C.ACHIEVEMENT}


def _figure_blocks(grid: Grid) -> tuple[int, list[list[int]]] | None:
    """The body's first row and the blocks of adjacent figure columns under one top header cell
    (a count and its percentage under "Menepati"), when the table has two or more and their
    header texts are all different (a page printing one header twice says nothing by order)."""
    start, body = find_header(grid, None)
    if not body:
        return None
    headers = combined_headers(grid.rows[start:body])
    if len(set(headers)) < len(headers):
        return None
    roles = C.assign_roles(headers, grid.rows[body:], None)
    movable = [c.index for c in roles if c.role in MOVABLE]
    if len(movable) < 2 or movable != list(range(movable[0], movable[-1] + 1)):
        return None
    top = grid.rows[start]
    blocks: list[list[int]] = []
    for i in movable:
        if blocks and top[i] and top[i] == top[blocks[-1][-1]]:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    return (body, blocks) if len(blocks) >= 2 else None


def reversed_blocks(grid: Grid) -> Grid:
    found = _figure_blocks(grid)
    if found is None:
        return grid
    _, blocks = found
    order = [i for block in reversed(blocks) for i in block]
    first, last = blocks[0][0], blocks[-1][-1]
    keep = list(range(first)) + order + list(range(last + 1, grid.width))
    out = copy.copy(grid)
    out.rows = [[row[i] for i in keep] for row in grid.rows]
    return out


def _body_cells(change: Callable[[str], str]) -> Callable[[Grid], Grid]:
    def variant(grid: Grid) -> Grid:
        body = find_header(grid, None)[1]
        if not body:
            return grid
        out = copy.copy(grid)
        out.rows = grid.rows[:body] + [[change(cell) for cell in row] for row in grid.rows[body:]]
        return out
    return variant


def _header_cells(change: Callable[[str], str]) -> Callable[[Grid], Grid]:
    def variant(grid: Grid) -> Grid:
        start, body = find_header(grid, None)
        if not body:
            return grid
        out = copy.copy(grid)
        out.rows = grid.rows[:start] + [[change(c) for c in row] for row in grid.rows[start:body]] + grid.rows[body:]
        return out
    return variant


def _no_percent_sign(cell: str) -> str:
    return re.sub(r"^(\d+(?:\.\d+)?)\s*%$", r"\1", cell.strip()) if re.fullmatch(r"\d+(?:\.\d+)?\s*%", cell.strip()) \
        else cell


def _no_thousands_separator(cell: str) -> str:
    return cell.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", cell.strip()) else cell


VARIANTS = {
    "figure column groups in reverse order": reversed_blocks,
    "percentages without %": _body_cells(_no_percent_sign),
    "counts without thousands separators": _body_cells(_no_thousands_separator),
    "headers in lower case": _header_cells(str.lower),
    "headers in upper case": _header_cells(str.upper),
}


def _reading(path: Path) -> tuple[dict, list]:
    result = document.read_document(path.read_bytes(), source_id="t", agency="t", url=path.name)
    rows: dict = {}
    for r in result.pledges:
        key = (r["section"], r["item_no"], r["is_total"], (r["pledge"] or "")[:30], (r["period_label"] or "").lower())
        rows.setdefault(key, []).append(tuple(r[name] for name in FIGURES))
    errors = sorted((f["rule"], f["item_no"] or "", f["row_no"] or 0) for f in result.findings
                    if f["severity"] == "error")
    return {k: sorted(v, key=str) for k, v in rows.items()}, errors


@pytest.fixture(scope="module")
def as_published() -> dict[str, tuple[dict, list]]:
    pages = sorted(REALDEV.glob("*.html"))
    assert pages, f"the development set is missing: {REALDEV} (../shared/realdev)"
    return {page.name: _reading(page) for page in pages}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_a_table_printed_differently_reads_the_same(name, as_published, monkeypatch):
    variant, extract = VARIANTS[name], html.extract

    def printed_differently(data: bytes):
        parsed = extract(data)
        parsed.grids = [grid if grid.text_lines else variant(grid) for grid in parsed.grids]
        return parsed

    monkeypatch.setattr(document.html, "extract", printed_differently)
    differing = []
    for page, (rows, errors) in as_published.items():
        got_rows, got_errors = _reading(REALDEV / page)
        if got_rows != rows or got_errors != errors:
            changed = [k for k in rows if got_rows.get(k) != rows[k]][:2]
            differing.append(f"{page}: rows {changed} {[got_rows.get(k) for k in changed]}; "
                             f"errors {errors} -> {got_errors}")
    assert not differing, "\n".join(differing)


def test_a_page_read_again_after_others_reads_the_same(as_published):
    # nothing a reading caches or keeps may change the next one: every page read again, in reverse
    # order, and a share of the PDFs twice (each reader process reads many documents in turn)
    for page in sorted(as_published, reverse=True):
        assert _reading(REALDEV / page) == as_published[page], page
    pdfs = sorted(REALDEV.glob("*.pdf"))[::4]
    first = {pdf.name: _reading(pdf) for pdf in pdfs}
    assert {pdf.name: _reading(pdf) for pdf in reversed(pdfs)} == first
