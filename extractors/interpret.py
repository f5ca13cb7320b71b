"""The one interpreter: cell grids (from HTML or PDF alike) to pledge rows of the contract.

A pipeline of small steps, each a function of its own:
  find the header rows -> assign column roles -> walk the body rows, classifying each as
  repeated header, section heading, note, continuation of a row broken by a page, total or
  pledge -> read figures, standard and item number -> expand monthly matrices by period column.
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import dataclass, field, replace
from itertools import groupby
from statistics import median

from . import charter
from . import columns as C
from .grid import Grid
from ..schema.checks import Links, RowLinks, pct_agrees
from .text import (DURATION_UNIT, NONE_WORDS, NOT_PUBLISHED, NUMBER, PAGE_NUMBER, TOTAL_LABEL, YEAR, Figure, Period,
                   cached, column_period, find_year, fold, labelled_parts, looks_like_heading, malay_number_words,
                   named_counts, narrative_counts, narrative_share, parse_figure, parse_period, parse_standard, says_total,
                   stated_pct, to_number)

MAX_HEADER_ROWS = 4
# A spanning row printed under every pledge as a form's prompt: left empty, no heading and no
# pledge; filled in ("Justifikasi ...: Permohonan tidak lengkap"), the remark of the pledge above.
BOILERPLATE = re.compile(
    r"(?:justifikasi|justification|sebab(?:-sebab)?|reasons?)\b(?:\s*\(?(?:\s*(?:jika|if|sekiranya|bagi|for))?"
    r"\s+[^.:;()]{0,80}?\b(?:tidak|not|gagal|fail)\b[^.:;()]{0,80}\)?)?\s*[.:]?", re.I)
# a table's footnote spanning its last row: "* Nota: ...", "Note: ...", "Sumber: ...", "Petunjuk: ..."
FOOTNOTE = re.compile(r"\*|(?:nota|note|notes|sumber|source|petunjuk|legend)\s*[:：]", re.I)
BULLET = re.compile(r"^[•●▪■◦·*\-–]\s*")
NUMBERED_ITEM = re.compile(r"\d+(?:\.\d+)*")  # "2", "1.3": the number lettered sub-items ("a)") belong to


@dataclass
class Context:
    """What carries from row to row and table to table within one document."""

    year: int | None
    period: Period | None
    section: str | None = None
    columns: list[C.Column] | None = None
    header_texts: set[str] = field(default_factory=set)  # the header's cell texts, lower case: a header printed again
    table_no: int = 0
    group: list[dict] = field(default_factory=list)  # rows the next total row closes
    subtotals: list[dict] = field(default_factory=list)  # total rows a grand total closes
    subtotalled: list[dict] = field(default_factory=list)  # the rows those total rows close
    parent_item: str | None = None  # the number "a)" sub-items belong to
    parent_row: dict | None = None  # the row of that number
    last_pledge: dict | None = None  # the row a continuation or a note belongs to
    responsible: str | None = None  # a unit column filled once for its group of rows
    division: tuple[str, list[dict]] | None = None  # a lettered division row printing figures, and its rows
    charter: bool = False  # a charter page: the title or a line so far says "Piagam Pelanggan"
    page_title: str = ""  # the document's title
    text_section: str | None = None  # the last heading of the text outside tables
    title_pledge: str | None = None  # the pledge printed as the title of its own small table
    group_pages: set[int] = field(default_factory=set)  # pages the rows since the last total were printed on
    links: Links = field(default_factory=dict)  # what each printed row is to the others
    legend: str = ""  # the document's text outside tables, where abbreviations are spelled out
    part_roles: dict[str, tuple[str, bool]] = field(default_factory=dict)  # labels of labelled-part cells ("c", "tc")
    period_counts: bool = False  # the period cells of the table are bare counts, not percentages
    period_fractions: bool = False  # most period cells of the table are "met/total %": a bare 0 is no cases
    shares_of_one: set[int] = field(default_factory=set)  # columns printing their percentages as 0.95 for 95%
    unreported: set[int] = field(default_factory=set)  # the last period columns, not reported yet: no rows


def find_header(grid: Grid, year: int | None) -> tuple[int, int]:
    """(start, end) of the header rows at the top of a grid ((0, 0) when it starts with body
    rows). Title rows spanning the table may stand above the header (they are skipped); a
    spanning row below it is a section heading."""
    start = 0
    while start < min(3, len(grid.rows)) and _is_title_row(grid.rows[start]) \
            and C.header_score(grid.rows[start], year) < 2:
        start += 1
    end = start
    for row in grid.rows[start:start + MAX_HEADER_ROWS]:
        if end > start and _is_title_row(row):
            break
        if C.header_score(row, year) >= 1 and not _has_figures_unlabelled(row):
            end += 1
        else:
            break
    while end > start and C.header_score(grid.rows[end - 1], year) == 0:
        end -= 1
    return (start, end) if end > start else (0, 0)


def _is_title_row(row: list[str]) -> bool:
    """One text spanning the row (or most of it), or standing alone in it."""
    values = [t for t in map(fold, row) if t]
    return len(set(values)) == 1 and (len(values) >= max(2, len(row) // 2) or len(values) == 1) and len(row) > 2


def _has_figures_unlabelled(row: list[str]) -> bool:
    return len(C.bare_figures(row)) >= 2


def combined_headers(rows: list[list[str]]) -> list[str]:
    """Each column's header texts top to bottom, repeats (from spans) dropped; line breaks
    inside a cell kept (a narrow cell may break a word)."""
    width = max(len(r) for r in rows)
    out = []
    for c in range(width):
        parts: list[str] = []
        for row in rows:
            text = row[c].strip() if c < len(row) else ""
            if text and text not in parts:
                parts.append(text)
        out.append(" | ".join(parts))
    return out


def interpret(grids: list[Grid], year: int | None, period: Period | None, title: str = "") -> tuple[list[dict], Links]:
    """Pledge rows (dicts of the pledges contract, without document keys) of all grids, and
    what the rows are to each other (the checks read both). The text outside tables counts as a
    table only where it holds pledges."""
    ctx = Context(year=year, period=period, charter=bool(charter.CHARTER.search(title)), page_title=title,
                  legend="\n".join([g.context for g in grids] + [r[0] for g in grids if g.text_lines for r in g.rows]))
    rows: list[dict] = []
    listed: list[dict] = []
    for grid in grids:
        if grid.text_lines:
            found = interpret_lines(grid, ctx)
            ctx.table_no += bool(found)
            rows.extend(found)
            listed.extend(found)
            continue
        ctx.table_no += 1
        grid = turned(grid, ctx.year)
        if find_header(grid, year)[1]:  # a table under its own header: the period its heading names, if any
            ctx.period = table_period(grid.context, period) or period
            ctx.year = ctx.period.end.year if ctx.period is not period else year  # (its matrix's months' year)
        parts = period_parts(grid, ctx.year)
        if len(parts) == 1:
            rows.extend(interpret_grid(grid, ctx))
            continue
        before, whole_table = replace(ctx), ctx.period
        for part, part_period, whole in parts:  # each read as the table of its period, from the same state
            for name in PART_STATE:
                setattr(ctx, name, copy(getattr(before, name)))
            ctx.period = part_period
            found = interpret_grid(part, ctx)
            for row in found if whole else ():
                row["is_total"] = True  # a pledge's figures over all the periods: a total of them
            rows.extend(found)
        ctx.period = whole_table
    # a pledge printed as the title of its table is that table's, not an item of a list
    titles = {(r["item_no"], r["pledge"]) for r in rows if r not in listed}
    return [r for r in rows if r not in listed or (r["item_no"], r["pledge"]) not in titles], ctx.links


def turned(grid: Grid, year: int | None) -> Grid:
    """A table printed turned, the months down the rows ("JAN" ... "DIS") and the pledges across
    as column headers, as the table the right way round. A column of figures per pledge: the
    matrix, a row per pledge (its header and its column's cells), a column per month (and per
    total row under the months). The same figures under each pledge's header ("Lesen premis"
    over "Diterima | Menepati"): a row per pledge and month, the pledge's months closed by the
    total row under them. Every figure column must be a pledge's (its header, or the one above
    its figure's, a few words naming no count, target or cumulative, or stating a standard);
    the grid itself otherwise."""
    start, end = find_header(grid, year)
    body = grid.rows[end:]
    if not end or len(body) < 2:
        return grid
    headers = combined_headers(grid.rows[start:end])
    months = [c for c in C.assign_roles(headers, body, year) if c.role == C.ROW_PERIOD]
    if len(months) != 1:
        return grid
    at = months[0].index
    kept = [r for r, row in enumerate(body) if column_period(fold(row[at]), year) or says_total(fold(row[at]))]
    if len(kept) < 2 or sum(says_total(fold(body[r][at])) for r in kept) == len(kept):
        return grid
    pledges: dict[str, list[tuple[int, str]]] = {}  # each pledge's columns and the figures' headers
    for index, header in enumerate(headers):
        values = [fold(body[r][index]) for r in kept if fold(body[r][index])]
        top, _, last = header.rpartition(" | ")
        if index == at or not values or C.header_role(last, year)[0] == C.ITEM:
            continue
        if sum(C.bare_figure(v) or v.lower() in NONE_WORDS | NOT_PUBLISHED for v in values) < 0.7 * len(values):
            return grid
        if top and C.header_role(last, year)[0] in READ_ROLES and _names_a_pledge(top.split(" | ")[-1], year):
            pledges.setdefault(top.split(" | ")[-1], []).append((index, last))
        elif _names_a_pledge(last, year):
            pledges.setdefault(_PCT_MARK.sub("", last), []).append((index, ""))
        else:
            return grid
    shapes = {tuple(fold(name).lower() for _, name in columns) for columns in pledges.values()}
    if len(pledges) < 2 or len(shapes) != 1:
        return grid
    shape = next(iter(pledges.values()))
    if len(shape) == 1:
        rows = [["Perkhidmatan"] + [fold(body[r][at]) for r in kept]]
        rows += [[pledge] + [body[r][index] for r in kept] for pledge, [(index, _)] in pledges.items()]
    else:
        rows = [["Perkhidmatan", "Bulan"] + [name for _, name in shape]]
        rows += [[pledge, body[r][at]] + [body[r][index] for index, _ in columns]
                 for pledge, columns in pledges.items() for r in kept]
    page = grid.row_pages[end]
    return replace(grid, rows=rows, row_pages=[page] * len(rows), row_bboxes=[None] * len(rows))


_PCT_MARK = re.compile(r"\s*(?:\(\s*%\s*\)|%)\s*$")  # "Lesen premis (%)": the pledge's figures are percentages


def _names_a_pledge(header: str, year: int | None) -> bool:
    """A column header that is a pledge: words naming no count, target, cumulative or average
    ("Lesen premis (%)"), or a standard's promise ("Aduan diselesaikan dalam 7 hari")."""
    words = re.findall(r"[^\W\d_]{2,}", fold(header))
    if len(words) < 2 or C.NEGATIVE.search(header) or C.TARGET_WORDS.search(header) or C.AVERAGE_WORDS.search(header):
        return False
    role = C.header_role(header, year)[0]
    return role in (None, C.PLEDGE, C.ACHIEVEMENT, C.NARRATIVE, C.REMARKS) or parse_standard(header) is not None \
        and role not in (C.CUMULATIVE, C.TOTAL, C.PENDING, C.BROUGHT_FORWARD, C.PERIOD)


# what reading a table changes in the Context, set back for each period's part of a table
PART_STATE = ("section", "division", "group", "subtotals", "subtotalled", "parent_item", "parent_row", "last_pledge",
              "responsible", "group_pages")


def period_parts(grid: Grid, year: int | None) -> list[tuple[Grid, Period | None, bool]]:
    """A table whose figure columns stand under period headers ("Jan" over "Terima | Selesai",
    "Feb" over the same) as one table per period: the columns under no period and those under
    that one, its header without the period's name; the table itself (and no period) otherwise.
    Every period must head the same figures. The same figures under a total's header ("JUMLAH",
    "PURATA") are one more table, of the periods' whole span, whose rows are totals (True)."""
    start, end = find_header(grid, year)
    if end - start < 2:
        return [(grid, None, False)]
    groups: dict[Period, list[tuple[int, str]]] = {}  # a period's columns and their figures' roles
    spans: dict[str, list[tuple[int, str]]] = {}  # a total's columns and their figures' roles
    for index, header in enumerate(combined_headers(grid.rows[start:end])):
        top, _, rest = header.partition(" | ")
        period = column_period(top, year) if rest else None
        role = C.header_role(rest, year)[0] if rest else None
        if role in READ_ROLES and period is not None and period.start is not None:
            groups.setdefault(period, []).append((index, role))
        elif role in READ_ROLES and period is None and says_total(fold(top)):
            spans.setdefault(top, []).append((index, role))
    shapes = {tuple(role for _, role in columns) for columns in groups.values()}
    if len(groups) < 2 or len(shapes) != 1:
        return [(grid, None, False)]
    periods = list(groups)
    wholes = {(top, _span(top, periods[0], periods[-1])): columns for top, columns in spans.items()
              if tuple(role for _, role in columns) in shapes}
    grouped = {i for columns in [*groups.values(), *wholes.values()] for i, _ in columns}
    parts = [(_part(grid, (start, end), grouped, columns, lambda text: column_period(text, year) == period), period,
              False) for period, columns in groups.items()]
    return parts + [(_part(grid, (start, end), grouped, columns, lambda text: text.strip() == top), period, True)
                    for (top, period), columns in wholes.items()]


def _part(grid: Grid, header: tuple[int, int], grouped: set[int], columns: list[tuple[int, str]], named) -> Grid:
    """The table of one group of a table's figure columns: the columns in no group and the
    group's, the group's name (`named`) left out of the header: "Terima", not "Jan | Terima"."""
    indexes = {i for i, _ in columns}
    keep = [i for i in range(grid.width) if i not in grouped or i in indexes]
    rows = [[row[i] for i in keep] for row in grid.rows]
    for r in range(*header):
        rows[r] = ["" if keep[k] in indexes and named(text) else text for k, text in enumerate(rows[r])]
    return replace(grid, rows=rows)


def _span(label: str, first: Period, last: Period) -> Period:
    """The period of a figure over a run of period columns ("PURATA", "JUMLAH"): from the first
    to the last, labelled with the year where the label names none."""
    if last.end and str(last.end.year) not in label:
        label = f"{label} {last.end.year}"
    return Period(label, first.start, last.end)


def interpret_lines(grid: Grid, ctx: Context) -> list[dict]:
    """Pledge rows of the bulleted or numbered pledges printed outside tables (charter pages)."""
    found, ctx.charter, ctx.text_section = charter.pledges(grid, ctx.charter, ctx.text_section)
    rows = []
    for pledge in found:
        block = pledge.block
        row = _empty_row()
        boxes = [b for b in grid.row_bboxes[block.first:block.last + 1] if b]
        row.update(section=pledge.section or ctx.section, item_no=block.item_no, pledge=block.text,
                   standard=pledge.standard.printed, page=grid.row_pages[block.first], table_no=ctx.table_no + 1,
                   row_no=block.first + 1, cells=[block.printed],
                   bbox=[min(b[0] for b in boxes), boxes[0][1], max(b[2] for b in boxes), boxes[-1][3]] if boxes else None)
        _read_standard(row)
        rows.append(_with_period(row, ctx.period))
    return rows


def interpret_grid(grid: Grid, ctx: Context) -> list[dict]:
    header_start, body_start = find_header(grid, ctx.year)
    if body_start:
        headers = grid.rows[header_start:body_start]
        body = [row for row in grid.rows[body_start:]
                if not _is_title_row(row) and not any(says_total(fold(c)) for c in row)]
        columns = C.assign_roles(combined_headers(headers), body, ctx.year)
        ctx.title_pledge = _pledge_above(grid.rows[:header_start], grid.context, columns, ctx.page_title)
        if not _is_pledge_table(columns, ctx.charter, body) and not ctx.title_pledge:
            return []
        ctx.columns, ctx.responsible = columns, None
        ctx.header_texts = {fold(c).lower() for row in headers for c in row if fold(c)}
        ctx.period_counts = _counts_not_percentages(body, columns)
        ctx.period_fractions = _fractions_in_periods(body, columns)
        ctx.shares_of_one = _shares_of_one(body, columns)
        ctx.unreported = _unreported_periods(body, columns)
        ctx.part_roles = part_roles([fold(row[c.index]) for row in body for c in columns if c.role in C.FIGURE_ROLES],
                                    ctx.legend, ctx.year)
        if _report_title(grid.context) and not _context_heading(grid.context):
            ctx.section = None  # a new report (a file of monthly reports): no heading carries over
    elif ctx.columns is not None and len(ctx.columns) == grid.width:
        columns = ctx.columns  # a table continuing the previous one without its header
    else:
        return []
    # its division's name printed above it, or in its header over the pledges ("BAHAGIAN PENTADBIRAN")
    ctx.section = next(filter(None, (_division_in(row, columns) for row in grid.rows[header_start:body_start])),
                       None) or _context_heading(grid.context) or ctx.section
    out: list[dict] = []
    unreported = _unreported_months(grid.rows, body_start, columns, ctx.year)
    last_page = None  # the page of the last body row read: a row on the next page may continue it
    header_label: dict[int, str] = {}  # the pledge printed in a sub-header row, for the figures under it
    for r in range(body_start, len(grid.rows)):
        cells = grid.rows[r]
        if _is_repeated_header(cells, ctx) or _column_labels(cells):
            ctx.section = _division_in(cells, columns) or ctx.section  # the header again, over the next division
            continue
        relabelled = _sub_header(cells, columns, ctx.year)
        if relabelled:  # "Menepati sasaran 1 minggu | Melebihi 1 minggu ..." under a pledge: its columns' roles
            columns = relabelled
            header_label = {c.index: cells[c.index] for c in columns if c.role in LABEL_ROLES and fold(cells[c.index])}
            continue
        if r + 1 < len(grid.rows) and _spanned_blank(cells, grid.rows[r + 1], columns):
            continue
        if header_label and not any(fold(cells[c.index]) for c in columns if c.role in LABEL_ROLES):
            cells = [header_label.get(k, text) for k, text in enumerate(cells)]  # its figures, one row down
        header_label = {}
        if r in unreported:  # a month not reported yet: its "-" is no count of none, and no figure no row
            counted = {c.index for c in columns if c.role in COUNT_ROLES}
            cells = ["" if k in counted else text for k, text in enumerate(cells)]
            if not any(fold(cells[c.index]) for c in columns if c.role in C.FIGURE_ROLES):
                continue
        texts = [fold(c) for c in cells]
        if not any(texts):
            continue
        if grid.row_pages[r] is not None:
            ctx.group_pages.add(grid.row_pages[r])
        new_page = last_page is not None and grid.row_pages[r] is not None and grid.row_pages[r] != last_page
        last_page = grid.row_pages[r]
        kind = _row_kind(texts, columns, new_page)
        if kind == "pledge" and grid.lines_grouped and _only_text(cells, columns):
            kind = "continuation"
        if kind == "boilerplate":
            continue
        if kind == "heading":
            ctx.section = _distinct_text(texts)
            ctx.parent_item, ctx.division = None, None
            continue
        if kind == "note":
            if ctx.last_pledge is not None:
                ctx.last_pledge["remarks"] = _join(ctx.last_pledge["remarks"], _distinct_text(texts))
            continue
        if kind == "continuation" and ctx.last_pledge is not None:
            _append_continuation(ctx.last_pledge, cells, columns)
            continue
        link = ctx.links[(ctx.table_no, r + 1)] = RowLinks()
        row = _read_row(cells, columns, ctx, kind, link)
        row.update(page=grid.row_pages[r], table_no=ctx.table_no, row_no=r + 1,
                   bbox=list(grid.row_bboxes[r]) if grid.row_bboxes[r] else None, cells=list(cells))
        if kind == "total":
            row["is_total"] = True
            row["item_no"] = None
            months = (cells[c.index] for c in columns if c.role == C.ROW_PERIOD)
            row["pledge"] = _label(cells, columns) or _distinct_text(months)  # "JUMLAH" under the months
            row.update(standard=None, standard_value=None, standard_unit=None, standard_working_days=None)
            link.across_pages = len(ctx.group_pages) > 1  # a row of its group may be lost at the break
            ctx.group_pages = set()
            if ctx.group:  # a total closes the rows since the last total...
                link.closes = [(g["table_no"], g["row_no"]) for g in ctx.group]
                if ctx.subtotals:  # ...or, as a grand total, the subtotals above and those rows
                    link.closes_too = [(g["table_no"], g["row_no"]) for g in ctx.subtotals + ctx.group]
                ctx.subtotals.append(row)
                ctx.subtotalled += ctx.group
            else:  # ...or, right after other totals, those totals (a grand total), or their rows (a subtotal erred)
                link.closes = [(g["table_no"], g["row_no"]) for g in ctx.subtotals]
                link.closes_too = [(g["table_no"], g["row_no"]) for g in ctx.subtotalled]
                ctx.subtotals, ctx.subtotalled = [], []
            ctx.group = []
        else:
            item = row["item_no"]
            if item is not None and NUMBERED_ITEM.fullmatch(item) and ctx.division is not None:
                name, division_rows = ctx.division  # the division row above heads these rows: their section
                ctx.section = name
                for printed in division_rows + [row]:
                    printed["section"] = name
            if item is not None:
                if NUMBERED_ITEM.fullmatch(item):
                    ctx.parent_item, ctx.parent_row = item, row
                elif ctx.parent_item is not None and not item.isupper():  # ("B" after "2": a division, no "2B")
                    row["item_no"] = ctx.parent_item + item
                    link.parent = (ctx.parent_row["table_no"], ctx.parent_row["row_no"])
                    if row["standard"] is None and ctx.parent_row["standard"] is not None:
                        row["standard"] = ctx.parent_row["standard"]  # "a) Data hidrologi" under "4. ... 7 hari bekerja"
                        _read_standard(row)
            elif ctx.last_pledge is not None and row["pledge"] is None and _names_a_month(cells, columns, ctx.year):
                _carry_pledge(row, ctx.last_pledge)  # the next month of the pledge above, its cells left blank
            ctx.group.append(row)
            ctx.last_pledge = row
        expanded = _expand_periods(row, cells, columns, ctx)
        link.progress = _progress(expanded)
        ctx.division = (row["pledge"], expanded) if kind != "total" and _names_a_division(row) else None
        out.extend(expanded)
    return out


def _names_a_division(row: dict) -> bool:
    """A lettered row printing figures whose label is a division's name, no pledge ("A. | UNIT
    HASIL | 40 | 38 | 2"): where numbered rows follow it, it heads them (their section)."""
    return re.fullmatch(r"[A-Z]|[IVX]{1,4}", row["item_no"] or "") is not None and row["standard"] is None \
        and looks_like_heading(row["pledge"] or "")


def _names_a_month(cells: list[str], columns: list[C.Column], year: int | None) -> bool:
    """The row's cell in a column of months down the rows names a period."""
    return any(column_period(fold(cells[c.index]), year) for c in columns if c.role == C.ROW_PERIOD)


def _carry_pledge(row: dict, above: dict) -> None:
    """A row of months down the rows printing no number and no pledge (a cell spanning the
    pledge's months, blank in a PDF) is the pledge above's."""
    row.update(item_no=above["item_no"], pledge=above["pledge"], standard=row["standard"] or above["standard"])
    _read_standard(row)


CONTEXT_HEADING = re.compile(r"^(?:UNIT|BAHAGIAN|SEKSYEN|CAWANGAN|DIVISION|SECTION)\b(?!.*(?:PIAGAM|PENCAPAIAN|LAPORAN))[^a-z]{0,100}$")
# a division's name in title case ("Bahagian Khidmat Pengurusan", "Unit Pelesenan dan Penguatkuasaan"):
# every word capitalised but the small ones
TITLED_HEADING = re.compile(r"(?:Unit|Bahagian|Seksyen|Cawangan|Division|Section)(?:\s+(?:[A-Z0-9(&][^\s.;:,]*"
                            r"|dan|di|of|and|the|for|bagi|[-–]))+")


# the words alone, naming no division: a column's name ("BAHAGIAN/UNIT", "Bahagian / Seksyen")
GENERIC_DIVISION = re.compile(r"(?:\s*(?:unit|bahagian|seksyen|cawangan|division|section|jabatan|dan|and|[/&,\-])\s*)+",
                              re.I)


# a line dating the page, not the report: "Dikemaskini ...", "Diterbitkan pada 3 April 2026", "Posted on ..."
NOT_THE_PERIOD = re.compile(r"kemaskini|tarikh|updated|update|disediakan|dicetak|printed|prepared|diterbitkan"
                            r"|\bposted\b|\bpublished\b", re.I)


def table_period(context: str, report: Period | None) -> Period | None:
    """The period a short heading right above a table names ("Januari 2026", "Pencapaian Bulan
    Februari 2026") where it lies within the report's and is narrower (a table a month in a
    quarter's report) or lies wholly outside it (the next year's table on the same page); none
    for a date of update, or a text longer than a heading."""
    if report is None or report.start is None or report.end is None:
        return None
    for line in reversed([fold(line) for line in context.split("\n") if fold(line)][-3:]):
        if len(line) > 60 or NOT_THE_PERIOD.search(line):
            continue
        found = parse_period(line, report.end.year)
        if found is not None and found.label.lower() in report.label.lower():
            return None  # a piece of the report's own title wrapped onto its line ("... JANUARI -" / "MAC 2026")
        if found is not None:
            narrower = report.start <= found.start and found.end <= report.end and found.end - found.start < report.end - report.start
            apart = found.end < report.start or report.end < found.start
            return found if narrower or apart else None
    return None


def _context_heading(context: str) -> str | None:
    """A division heading printed just above a table: "UNIT PESAKA KECIL" among the last lines,
    "Bahagian Perancangan" as the very last (a heading of its own, not a page's subtitle)."""
    lines = [fold(line) for line in context.split("\n") if fold(line) and not GENERIC_DIVISION.fullmatch(fold(line))]
    last = lines[-1] if lines else ""
    if len(last) <= 100 and TITLED_HEADING.fullmatch(last) and not re.search(r"piagam|pencapaian|laporan", last, re.I):
        return last
    return next((line for line in reversed(lines[-4:]) if CONTEXT_HEADING.match(line)), None)


def _report_title(context: str) -> bool:
    """A report's title (a line naming a period) printed just above a table."""
    lines = [fold(line) for line in context.split("\n") if fold(line)]
    return any(len(line) < 150 and _names_period(line) for line in lines[-4:])


@cached
def _names_period(line: str) -> bool:
    """A short line names a period (its tables repeat on every page of a report)."""
    return parse_period(line) is not None


def _sub_header(cells: list[str], columns: list[C.Column], year: int | None) -> list[C.Column] | None:
    """A row whose figure cells all name columns ("Menepati sasaran 1 minggu", "Melebihi 1
    minggu tetapi tidak melebihi 2 minggu") is a header printed under its pledge: the columns
    with the roles it names, for the rows below it."""
    texts = {c.index: fold(cells[c.index]) for c in columns if c.role in C.FIGURE_ROLES and fold(cells[c.index])}
    if len(texts) < 2 or len(set(texts.values())) < len(texts) or \
            any("%" in t or len(re.findall(r"[^\W\d]{3,}", t)) < 2 for t in texts.values()):
        return None  # a name per column: not a text spanning them, not figures ("100%"), not "25 aduan"
    named = {index: C.header_role(text, year)[0] for index, text in texts.items()}
    if None in named.values() or not set(named.values()) <= C.FIGURE_ROLES:
        return None
    return [replace(c, role=named.get(c.index, c.role), header=fold(cells[c.index]) or c.header) for c in columns]


def _pledge_above(title_rows: list[list[str]], context: str, columns: list[C.Column], page_title: str) -> str | None:
    """A pledge printed as the title of its own small table, whose rows are measures
    ("Achievements") of its period or figure columns, or periods ("Bulan": JANUARI ...): the
    title's text, or for a table of periods the line printed just above it, or where no such
    line is a pledge's, the page's title stating a standard. Its label column becomes the
    rows' remark."""
    title = _distinct_text(c for row in title_rows for c in row)
    roles = {c.role for c in columns}
    if not title and C.ROW_PERIOD in roles:
        title = next((fold(line) for line in reversed(context.split("\n")) if fold(line)), "")
        if len(title.split()) < 4:
            title = _pledge_titled(page_title)
    if C.PLEDGE in roles or len(title.split()) < 4 or not roles & (C.FIGURE_ROLES | {C.ROW_PERIOD}):
        return None
    for column in columns:
        if column.role is None:
            column.role = C.REMARKS
    return title


def _pledge_titled(page_title: str) -> str:
    """A page's title that states a standard ("Aduan diselesaikan dalam 7 hari bekerja 2025"),
    its period left out: the pledge of the page's table; "" for any other title."""
    title = fold(page_title)
    if parse_standard(title) is None:
        return ""
    period = parse_period(title)
    if period is not None:
        title = title.replace(period.label, "")
    return re.sub(rf"(?:\s*[-–:,|]?\s*{YEAR.pattern})+\s*$", "", title).strip(" -–:,|")


_UNIT_PREFIX = re.compile(r"^(?P<unit>[^/|\d][^/|]{1,40}?)(?:/| \| )(?P<pledge>\S.*)$")


def _split_unit(title: str) -> tuple[str | None, str]:
    """'Engineering/Process and approve building plans ...': the unit and the pledge."""
    m = _UNIT_PREFIX.match(title)
    if m and len(m["unit"].split()) <= 4 and len(m["pledge"].split()) >= 4:
        return m["unit"].strip(), m["pledge"].strip()
    return None, title


def _is_pledge_table(columns: list[C.Column], charter_page: bool, body: list[list[str]]) -> bool:
    """Pledges with figures, standards, owners or remarks; on a charter page, numbered pledges
    alone (in their own column, or opening the pledges' cells: "1. Aduan dijawab ...")."""
    roles = {c.role for c in columns}
    if C.PLEDGE not in roles:
        return False
    pledges = [fold(row[c.index]) for row in body for c in columns if c.role == C.PLEDGE and fold(row[c.index])]
    numbered = C.ITEM in roles or len(pledges) >= 2 and sum(
        charter.numbered(text) for text in pledges) >= 0.6 * len(pledges)
    return len(roles & (C.FIGURE_ROLES | {C.STANDARD, C.RESPONSIBLE, C.REMARKS})) >= 1 or charter_page and numbered


def _division_in(cells: list[str], columns: list[C.Column]) -> str | None:
    """A division's name printed in a header row over the pledges, in place of "Perkhidmatan"."""
    return next((name for c in columns if c.role in (C.ITEM, C.PLEDGE, C.SECTION)
                 if (name := _context_heading(fold(cells[c.index])))), None)


def _is_repeated_header(cells: list[str], ctx: Context) -> bool:
    """A header row printed again (on every page): most of its cells are header cells."""
    values = [t.lower() for t in map(fold, cells) if t]
    return bool(values) and sum(v in ctx.header_texts for v in values) / len(values) >= 0.6


LABEL_ROLES = (C.ITEM, C.PLEDGE, C.STANDARD)  # what names a row's pledge
CONTINUED = (C.PLEDGE, C.STANDARD, C.REMARKS, C.NARRATIVE)  # columns whose text a page break may cut


def _row_kind(texts: list[str], columns: list[C.Column], new_page: bool) -> str:
    """What a body row is (its cells' texts folded): heading, note, total, pledge, or the
    continuation of the row above it that a page break cut in two."""
    values = [t for t in texts if t]
    distinct = list(dict.fromkeys(values))
    label_cols = [c.index for c in columns if c.role in (C.ITEM, C.PLEDGE, C.SECTION)]
    label = _label(texts, columns)
    figures = [texts[c.index] for c in columns if c.role in C.FIGURE_ROLES and texts[c.index]
               and texts[c.index] not in (label,)]
    has_item = any(_opens_with_item(texts[i]) for i in label_cols if texts[i])
    month = next((texts[c.index] for c in columns if c.role == C.ROW_PERIOD), "")
    if figures and all(PAGE_NUMBER.fullmatch(text) for text in figures):
        return "boilerplate"  # a page's footer: "Pejabat ... | Muka surat 3"
    if says_total(label) and not has_item or TOTAL_LABEL.match(month):
        return "total"  # "JUMLAH" in the label, or under the months of a table of months down the rows
    if new_page and not has_item and not figures and len(values) == 1 and \
            all(c.role in CONTINUED for c in columns if texts[c.index]):
        return "continuation"  # the rest of a row the page break cut, in the pledge's own column
    if len(distinct) == 1 and len(values) >= 2 or (len(values) == 1 and not figures):
        text = distinct[0]
        if says_total(text):
            return "total"
        if FOOTNOTE.match(text) and (len(values) >= 2 or parse_standard(text) is None):
            return "boilerplate"  # the table's footnote (not a starred pledge): no pledge's remark, no heading
        prompt = BOILERPLATE.match(text)
        if prompt:
            return "note" if text[prompt.end():].strip() else "boilerplate"
        if len(values) == 1 and len(text) > 60 and not looks_like_heading(text) and \
                not any(c.role == C.ITEM for c in columns) and all(c.role == C.PLEDGE for c in columns if texts[c.index]):
            return "pledge"  # in a table that numbers none, a pledge whose figures are all blank
        if len(text) > 60 and re.search(r"\d", text) and not looks_like_heading(text) and C.item_token(text)[0] is None:
            return "note"  # a sentence with figures spanning the table: "Projek aktif ... 235 projek ..."
        if NUMBERED_ITEM.fullmatch(C.item_token(text)[0] or "") and not looks_like_heading(text):
            return "pledge"  # "2. Pemantauan kontraktor ..." spanning the row over its sub-items a), b): their parent
        if len(values) >= max(2, len(texts) // 2) and len(text) <= 120 or len(values) == 1 and \
                looks_like_heading(text) and re.fullmatch(r"[A-Za-z]|[IVX]{1,4}", C.item_token(text)[0] or ""):
            return "heading"  # one text spanning the table, or a lettered division: "A. UNIT HASIL", "II. ..."
        if C.item_token(text)[0] is None:
            if len(text) > 120 or re.search(r"\d", text) and text.lower() != text.upper() and len(text) > 60:
                return "note"
            only = [c for c in columns if texts[c.index]]
            if len(values) >= 2 or only and only[0].role in (C.ITEM, C.SECTION, C.PLEDGE):
                if len(values) >= 2 or looks_like_heading(text) or only[0].role == C.ITEM:
                    return "heading"  # (words alone in the numbers' column: a heading run over from its start)
    if new_page and not has_item and not figures:
        return "continuation"
    return "pledge"


def _opens_with_item(text: str) -> bool:
    """An item number opens the text; a bare number before a lower-case word ("14 hari bekerja
    ...", the rest of a row a page break cut) is the text's own."""
    return C.item_token(text)[0] is not None and not re.match(r"\d+\s+[a-z]", text)


COUNT_ROLES = (C.MET, C.MISSED, C.TOTAL, C.CUMULATIVE)
SPAN_FIGURES = ("met", "met_pct", "missed", "missed_pct", "total")  # beside period columns: their whole span's
READ_ROLES = COUNT_ROLES + (C.MET_PCT, C.MISSED_PCT, C.TARGET, C.ACHIEVEMENT)  # the figures a row's cells give


def _unreported_months(rows: list[list[str]], body_start: int, columns: list[C.Column], year: int | None) -> set[int]:
    """The rows of a table of months down the rows that are months not reported yet: the last
    months, after one with a count, whose count cells hold nothing or only a mark ("-")."""
    period = next((c for c in columns if c.role == C.ROW_PERIOD), None)
    counts = [c for c in columns if c.role in COUNT_ROLES]
    if period is None or not counts:
        return set()
    months = [r for r in range(body_start, len(rows)) if column_period(fold(rows[r][period.index]), year)]
    unreported: set[int] = set()
    for r in reversed(months):
        marks = [fold(rows[r][c.index]) for c in counts]
        if any(parse_figure(m).count is not None and m.lower() not in NONE_WORDS for m in marks):
            return unreported
        unreported.add(r)
    return set()  # no month has a count: the table is read as printed


_LABEL_OR_FORMULA = re.compile(r"[\s()\[\]/×*÷=+\-.,%\d]*(?:[a-z](?![a-z])[\s()\[\]/×*÷=+\-.,%\d]*)+", re.I)


def _column_labels(cells: list[str]) -> bool:
    """A row naming the columns under the header, not a pledge: their numbers in order ("1 | 2 |
    3 | 4"), or letters and the formulas made of them ("(a) | (b) | (b/a) x 100")."""
    texts = [t for t in map(fold, cells) if t]
    if len(texts) < 2:
        return False
    if all(t.isdigit() for t in texts):  # from the first column on, across most of the row
        return texts[0] == "1" and bool(fold(cells[0]) or fold(cells[1])) and 2 * len(texts) >= len(cells) >= 3 \
            and all(int(b) == int(a) + 1 for a, b in zip(texts, texts[1:]))
    return all(_LABEL_OR_FORMULA.fullmatch(t) for t in texts) and sum(bool(re.search(r"[a-z]", t, re.I))
                                                                       for t in texts) >= 2


def _spanned_blank(cells: list[str], below: list[str], columns: list[C.Column]) -> bool:
    """A row with no figure whose words all repeat in the row below (a pledge cell spanning
    both): the pledge's row is the one below, which has its figures."""
    words = [fold(cells[c.index]) for c in columns if c.role not in C.FIGURE_ROLES]
    return any(words) and words == [fold(below[c.index]) for c in columns if c.role not in C.FIGURE_ROLES] \
        and not any(fold(cells[c.index]) for c in columns if c.role in C.FIGURE_ROLES)


def _only_text(cells: list[str], columns: list[C.Column]) -> bool:
    """Text in the pledge or remark columns only: no number, standard or figure."""
    filled = {c.role for c in columns if fold(cells[c.index])}
    return bool(filled) and filled <= {C.PLEDGE, C.REMARKS, C.NARRATIVE} and not C.item_token(
        next(fold(cells[c.index]) for c in columns if c.role in filled and fold(cells[c.index])))[0]


def _label(cells: list[str], columns: list[C.Column]) -> str:
    """The text of a row's number, pledge and section cells, repeats (from spans) dropped."""
    return _distinct_text(cells[c.index] for c in columns if c.role in (C.ITEM, C.PLEDGE, C.SECTION))


def _distinct_text(texts) -> str:
    """Texts joined once each (a spanned cell repeats its text), empty ones left out."""
    return " ".join(t for t in dict.fromkeys(map(fold, texts)) if t)


def _append_continuation(row: dict, cells: list[str], columns: list[C.Column]) -> None:
    for column in columns:
        text = fold(cells[column.index])
        if not text:
            continue
        if column.role == C.PLEDGE:
            row["pledge"] = _join(row["pledge"], text, " ")
        elif column.role in (C.REMARKS, C.NARRATIVE):
            row["remarks"] = _join(row["remarks"], text, " ")
        elif column.role == C.STANDARD:
            row["standard"] = _join(row["standard"], text, " ")
        elif column.role == C.RESPONSIBLE:
            row["responsible"] = _join(row["responsible"], text, " ")
    row["cells"] = ["\n".join(part for part in (a, b) if part) for a, b in zip(row["cells"], cells)]


def _join(a: str | None, b: str | None, sep: str = "; ") -> str | None:
    a, b = fold(a), fold(b)
    if not a:
        return b or None
    if not b:
        return a
    return a + sep + b


def _empty_row() -> dict:
    row: dict = {k: None for k in (
        "section", "item_no", "pledge", "standard", "standard_value", "standard_unit",
        "standard_working_days", "met", "met_pct", "missed", "missed_pct", "total", "target_pct",
        "achievement_pct", "cumulative", "count_unit", "remarks", "responsible")}
    row["is_total"] = False
    row["none_marked"] = []
    row["guessed"] = []
    return row


def _read_row(cells: list[str], columns: list[C.Column], ctx: Context, kind: str, link: RowLinks) -> dict:
    row = _empty_row()
    stated = to_date = None  # the counts a narrative cell states for the period and the year to date
    share: tuple[int, int, bool] | None = None  # "12 daripada 15 aduan ...": part, whole, the part missed
    units: list[str] = []
    count_units: dict[str, str] = {}  # the unit word each count is printed with ("15 penyelenggaraan")
    remarks: list[str] = []
    named = ""  # the words after the item number in the number column
    totals: list[int] = []  # the counts of the total columns ("Diterima", "Jumlah")
    spanning = _spanning_sentences(cells, columns)
    # a pledge text spanning the figure columns ("3. ... dalam empat (4) minggu:") is no figure
    spanned_pledge = {fold(cells[c.index]) for c in columns if c.role == C.PLEDGE} - {""} if kind != "total" else set()
    figure_texts = [fold(cells[c.index]) for c in columns if c.role in C.FIGURE_ROLES]
    spread = {t for t in figure_texts if len(t.split()) >= 4 and figure_texts.count(t) >= 2}  # one sentence, several cells
    for column in columns:
        raw = cells[column.index]
        text = fold(raw)
        role = column.role
        if text in spanned_pledge and role in C.FIGURE_ROLES:
            continue
        if text in spanning:  # "Closing date ... There is no achievement report this month."
            if column.role != C.PERIOD and text not in remarks:
                remarks.append(text)
            continue
        if role == C.TARGET and text in spread:
            continue  # "... KESELURUHAN ... IALAH - 97%" across the target and the achievement: what was achieved
        if role == C.TARGET and ctx.period_counts and text and "%" not in text:
            remarks.append(f"{column.header.split(' | ')[-1]}: {text}")  # "12" programmes a year, beside counts: no %
            continue
        if role == C.ITEM:
            token, rest = C.item_token(text)
            row["item_no"] = token if token is not None else (text or None)
            named = rest if _opens_with_item(text) else ""  # "a) Kecemasan": a sub-item named in the number column
        elif role == C.PLEDGE:
            token, rest = C.item_token(text)
            if token is not None and row["item_no"] in (None, token) and not _several_items(raw):  # (or spanning both)
                row["item_no"] = token
                text = rest
            row["pledge"] = _join(row["pledge"], BULLET.sub("", text), " ")
        elif role == C.SECTION:
            if text:
                ctx.section = text
        elif role == C.STANDARD:
            row["standard"] = _join(row["standard"], text, " ")
        elif role == C.RESPONSIBLE:
            if text:
                ctx.responsible = text
            row["responsible"] = ctx.responsible
        elif role in (C.PENDING, C.BROUGHT_FORWARD) and text:  # "Dalam Tindakan 6", "Baki Bulan Lepas 5": in the
            figure = parse_figure(text)  # workload, neither met nor missed (the link's field of the role's name)
            if figure.count is not None and figure.count == int(figure.count):
                setattr(link, role, getattr(link, role) + int(figure.count))
            remarks.append(f"{column.header.split(' | ')[-1]}: {text}")
        elif role == C.REMARKS and text:
            remarks.append(f"{column.header.split(' | ')[-1]}: {text}" if _many_remark_columns(columns) else text)
        elif role == C.NARRATIVE and text:
            remarks.append(text)
            count, so_far = narrative_counts(text, ctx.period)
            stated = int(count) if stated is None and count is not None else stated
            to_date = int(so_far) if to_date is None and so_far is not None else to_date
            share = share or narrative_share(text, ctx.period)
        elif role in READ_ROLES:
            counts = role in COUNT_ROLES
            figure = _count_in_parts(raw) if counts else None
            figure = figure or parse_figure(text, percent_column=not counts)
            parts = labelled_parts(text, frozenset(ctx.part_roles)) if ctx.part_roles and not counts else {}
            by_name = _named_counts(text, ctx.year) if counts else {}
            if set(by_name) - {role}:  # "Terima: 8", "Selesai: 8" under one "Bilangan": each count where its name says
                row.update(by_name)
                continue
            if role in (C.ACHIEVEMENT, C.MET_PCT) and parts.keys() & ctx.part_roles.keys() and \
                    all(row[field] is None for field in ("met", "missed", "total", "met_pct")):
                _put_parts(row, parts, ctx.part_roles, figure)  # "Diterima: 20 / Selesai: 19 / 95%" in one cell
                continue
            if counts and figure.unit and DURATION_UNIT.fullmatch(figure.unit):
                continue  # "Jumlah Kutipan: 15 hari": days of work, not cases
            if counts and figure.count is not None and figure.count != int(figure.count):
                if 0 <= figure.count <= 100 and row["achievement_pct"] is None:  # "99.20": a share, not cases
                    row["achievement_pct"] = figure.count
                    row["guessed"].append("achievement_pct")
                continue
            if column.index in ctx.shares_of_one and figure.pct is not None:
                figure = replace(figure, pct=round(100 * figure.pct, 10))
            if role == C.TOTAL and figure.count is not None and figure.denominator is None:
                totals.append(int(figure.count))
            (_put_count if counts else _put_pct)(row, role, figure)
            if role == C.MISSED and figure.count is not None and figure.denominator is None:
                link.missed_parts.append(int(figure.count))  # late buckets, one a column
            if figure.none_word:
                row["none_marked"].append(role)
            if column.guessed and figure.printed and role not in row["guessed"]:
                row["guessed"].append(role)
            if figure.unit:
                units.append(figure.unit)
                if figure.count:  # (a count of none says nothing of its cases' kind: "0 data")
                    count_units[role] = figure.unit.split()[0].lower()
            if _no_figure(text, figure) and text not in remarks:
                remarks.append(text)  # "Tiada Aduan" in a percentage cell, "There is no ... report"
    if len(totals) > 1:
        row["total"] = _whole_of_totals(totals, link.brought_forward)
    if row["pledge"] is None and named:
        row["pledge"] = named
    narrative = [t for c in columns if c.role == C.NARRATIVE for t in [fold(cells[c.index])] if t]
    if share and row["met"] is None and row["missed"] is None and row["total"] is None:
        _read_share(row, *share, said=stated_pct(" ".join(narrative)))
    if row["met"] is not None and row["met_pct"] is not None and row["total"] is None:
        row["total"] = _whole_of(row["met"], row["met_pct"], stated, narrative)
        if row["total"] is None and stated is not None and stated >= row["met"]:
            row["total"] = stated  # "Jumlah ulasan diterima ...: 1,018" though 881 is not the 85.5% printed of it
            row["guessed"].append("total")
    elif row["total"] is None and stated is not None and row["achievement_pct"] is not None:
        row["total"] = stated
    if row["cumulative"] is None and to_date is not None:
        row["cumulative"] = to_date  # "1 Januari hingga 30 November, sebanyak 80"
    row["count_unit"] = units[0] if units else None
    if len(set(count_units.values())) > 1:  # "Bil Resit 1,250" and "15 Penyelenggaraan": maybe not the same cases
        row["guessed"] = row["guessed"] + [role for role in count_units if role not in row["guessed"]]
    row["remarks"] = "; ".join(remarks) if remarks else None
    row["section"] = ctx.section
    if row["target_pct"] is None and kind != "total":  # "sekurang-kurangnya 95%" in the pledge, its standard, its measure
        measures = [fold(cells[c.index]) for c in columns if c.role == C.REMARKS and C.MEASURE_WORDS.search(c.header)]
        row["target_pct"] = stated_pct(" ".join(t for t in (row["pledge"], row["standard"], *measures) if t))
    if ctx.title_pledge and row["pledge"] is None:
        unit, pledge = _split_unit(ctx.title_pledge)
        token, rest = C.item_token(pledge)
        row["item_no"], row["pledge"] = (token, rest) if token is not None and rest else (row["item_no"], pledge)
        row["section"] = unit or row["section"]
    if sum(c.role == C.MISSED for c in columns) > 1:
        # late counts in buckets ("melebihi 1 minggu", "melebihi 2"), even one of them filled: no one missed count
        row["missed"] = None
    _read_standard(row)
    return row


def _whole_of_totals(totals: list[int], brought_forward: int) -> int:
    """The total of a row printing several total columns: the one the others (with the cases
    brought forward) add up to ("Diterima 40 | Jumlah 45" beside "Baki Bulan Lepas 5"), the one
    figure they all print, or else their sum (the parts of a whole: "Baru | Ulangan")."""
    largest = max(totals)
    rest = sum(totals) - largest
    if largest in (rest, rest + brought_forward) or len(set(totals)) == 1:
        return largest
    return sum(totals)


def _count_in_parts(raw: str) -> Figure | None:
    """A count cell printed as labelled parts, one a line ("627 bil persekutuan / 9,957 bil
    negeri", a part's words maybe wrapped): their sum. None unless every part is a count and
    nothing else."""
    if "\n" not in raw:
        return None  # one line: one part
    lines: list[str] = []
    for line in (fold(line) for line in raw.split("\n")):
        if lines and line and (not re.match(r"\d", line) or YEAR.fullmatch(line)):
            lines[-1] += " " + line  # a part's words wrapped onto the next line ("796 bilangan bil / persekutuan", "tahun / 2016")
        elif line:
            lines.append(line)
    if len(lines) < 2:
        return None
    parts = [parse_figure(line) for line in lines]
    if any(p.count is None or p.pct is not None or p.denominator is not None or not re.match(r"\d", line)
           for p, line in zip(parts, lines)):
        return None
    return Figure(count=sum(p.count for p in parts), unit=parts[0].unit, printed=True)


def _named_counts(text: str, year: int | None) -> dict[str, int]:
    """The counts of a cell that names each ("Terima: 8", "Diterima 8, Selesai 8"), by the role
    its name stands for; {} unless every name stands for a count (received, met, missed), each once."""
    parts = named_counts(text)
    roles = [C.header_role(name, year)[0] for name, _ in parts]
    if not parts or not set(roles) <= {C.MET, C.MISSED, C.TOTAL} or len(set(roles)) < len(roles):
        return {}
    return {role: value for role, (_, value) in zip(roles, parts)}


def _spanning_sentences(cells: list[str], columns: list[C.Column]) -> set[str]:
    """Texts of four words or more spanning two figure cells or more (not the row's label too,
    as a total sentence spanning the whole row is): a remark, not figures."""
    texts = [fold(cells[c.index]) for c in columns if c.role in C.FIGURE_ROLES]
    repeated = {t for t in texts if len(t.split()) >= 4 and texts.count(t) >= 2
                and not re.match(r"\d", t)  # "4 perayaan dan program" as met and as total: a count twice
                and malay_number_words(re.sub(r"[^\w ]|\d", " ", t)) is None}  # "satu ratus tujuh (107)" twice too
    if not repeated:
        return repeated
    label = _label(cells, columns)
    return {t for t in repeated if t not in label}


_INLINE_NUMBER = re.compile(r"(?:^|\s)(\d{1,2})[.)]\s+(?=[A-Z])")


def _several_items(cell: str) -> bool:
    """A cell holding several numbered pledges ("1. ... 2. ...") has no one item number."""
    numbers = _INLINE_NUMBER.findall(cell)
    return "1" in numbers and "2" in numbers


def _many_remark_columns(columns: list[C.Column]) -> bool:
    return sum(c.role == C.REMARKS for c in columns) > 1


def _put_count(row: dict, role: str, figure: Figure) -> None:
    if figure.count is None and figure.denominator is None:
        if figure.pct is not None and role in (C.MET, C.MISSED):
            row[role + "_pct"] = figure.pct if row[role + "_pct"] is None else row[role + "_pct"]
        return
    if figure.denominator is not None and role == C.TOTAL:  # "73/74 98.65%" in a total's column: 73 met of 74
        _put_pct(row, C.MET_PCT, figure)
        return
    if figure.denominator is not None:  # "5/6" in a count column: 5 of 6
        row[role] = _add(row[role], figure.count)
        if row["total"] is None:
            row["total"] = int(figure.denominator)
        return
    row[role] = _add(row[role], figure.count)  # time buckets: several "melebihi" columns add up
    if figure.pct is not None and role in (C.MET, C.MISSED) and row[role + "_pct"] is None:
        row[role + "_pct"] = figure.pct


def _add(current: int | None, value: float | None) -> int | None:
    if value is None:
        return current
    return int(value) + (current or 0)


def _put_pct(row: dict, role: str, figure: Figure) -> None:
    if figure.denominator is not None and figure.count is not None:  # "27/27 100%"
        row["met"], row["total"] = int(figure.count), int(figure.denominator)
        row["met_pct"] = figure.pct if figure.pct is not None else row["met_pct"]
        return
    if figure.pct is not None and figure.count is not None and role in (C.ACHIEVEMENT, C.MET_PCT, C.MISSED_PCT):
        count = C.MISSED if role == C.MISSED_PCT else C.MET  # "90% 36 aduan", "48 (96%)": 36 (48) met, and its share
        if row[count] is None:
            row[count + "_pct"], row[count] = figure.pct, int(figure.count)
            return
    if figure.pct is not None:
        row[role] = figure.pct
    if figure.count is not None and role == C.ACHIEVEMENT and row["total"] is None:
        row["total"] = int(figure.count)


def _read_share(row: dict, part: int, whole: int, missed: bool, said: float | None) -> None:
    """A narrative's "12 daripada 15 aduan diselesaikan": 12 met of 15 (or missed, where the
    sentence says "tidak ..."); a percentage printed beside it (or `said` in the sentence: "...
    (80%)") that is the share met (or missed) of those counts is that share; one printed beside
    it that is not stays an achievement (one in the sentence is left: what it is a share of is
    not said)."""
    row["missed" if missed else "met"], row["total"] = part, whole
    pct = row["achievement_pct"] if row["achievement_pct"] is not None else said
    if row["met_pct"] is None and row["missed_pct"] is None and pct is not None:
        met = whole - part if missed else part
        if pct_agrees(pct, met, whole):
            row["met_pct"], row["achievement_pct"] = pct, None
        elif missed and pct_agrees(pct, part, whole):
            row["missed_pct"], row["achievement_pct"] = pct, None


def _whole_of(met: int, met_pct: float, stated: int | None, narrative: list[str]) -> int | None:
    """The total of a row that prints a count met and its percentage ("90% 36 aduan"): the count
    its narrative states that the percentage makes the whole of (40: 36 is 90% of 40), or the
    count itself at 100%. None when no printed count agrees."""
    if met == 0:  # any whole agrees with 0%: only the count the narrative states for the period
        return stated
    # any count it prints ("empat puluh (40)", "diterima ...: 1,018") but a year: the percentage picks the one
    counts = [int(value) for text in narrative for n in NUMBER.findall(text)
              if not YEAR.fullmatch(n) and (value := to_number(n)).is_integer()]
    wholes = [n for n in ([stated] if stated is not None else []) + counts
              if n and n >= met and pct_agrees(met_pct, met, n)]
    if wholes:
        return wholes[0]
    return met if met_pct == 100 else None


def _read_standard(row: dict) -> None:
    source = row["standard"] or row["pledge"]
    standard = parse_standard(source)
    if standard is None:
        return
    if row["standard"] is None:
        row["standard"] = standard.printed
    row["standard_value"] = standard.value
    row["standard_unit"] = standard.unit
    row["standard_working_days"] = standard.working_days


def _expand_periods(row: dict, cells: list[str], columns: list[C.Column], ctx: Context) -> list[dict]:
    """One row per period column of a monthly or quarterly matrix; the row itself otherwise.
    A text spanning the months of a quarter (a total, or words that are no figure) is one row
    for the quarter; an average beside the periods ("PURATA") one row for their whole span, and
    so do counts beside them ("Jumlah Diterima"): they are no period's."""
    period_columns = [c for c in columns if c.role == C.PERIOD]
    if not period_columns:
        own = next((column_period(fold(cells[c.index]), ctx.year) for c in columns if c.role == C.ROW_PERIOD), None)
        return [_with_period(row, own or ctx.period)]
    spanned = [name for name in SPAN_FIGURES if row[name] is not None]
    each = dict(row, **dict.fromkeys(spanned))  # what every period's row has of the pledge's
    out = []
    figures = [t for t in (fold(cells[c.index]) for c in period_columns) if t and t != "0"]
    fractions = ctx.period_fractions or bool(figures) and all(parse_figure(t).denominator is not None for t in figures)
    for group, grouped in groupby(period_columns, key=lambda c: c.group):
        members = list(grouped)
        texts = [fold(cells[c.index]) for c in members]
        if group and len(texts) > 1 and texts[0] and len(set(texts)) == 1 and \
                (row["is_total"] or not parse_figure(texts[0], percent_column=True).printed):
            out.append(_with_period(_period_figure(dict(each), texts[0], ctx.part_roles), group))
            continue
        for column, text in zip(members, texts):
            if text.lower().strip(" .") not in NOT_PUBLISHED and column.index not in ctx.unreported:  # blank or "TB" (a month not reported yet): no row
                no_cases = fractions and text == "0"  # "0" among "27/27 100%" (the table's or the row's): nothing received
                out.append(_with_period(_period_figure(dict(each), text, ctx.part_roles, ctx.period_counts or no_cases),
                                        column.period))
    if not out:
        return [_with_period(row, ctx.period)]  # no figure in any period: the pledge once
    first, last = period_columns[0].period, period_columns[-1].period
    overall = [c for c in columns if c.role == C.OVERALL and parse_figure(fold(cells[c.index]), percent_column=True).printed]
    for column in overall:  # the pledge's figure over all its periods (with its counts): a total row of them
        average = dict(row, is_total=True)
        out.append(_with_period(_period_figure(average, fold(cells[column.index]), ctx.part_roles),
                                _span(column.header.split(" | ")[-1], first, last)))
    if spanned and not overall:
        label = next(c.header.split(" | ")[-1] for c in columns if c.role in READ_ROLES and fold(cells[c.index]))
        out.append(_with_period(dict(row, is_total=True), _span(label, first, last)))
    return out


def _progress(rows: list[dict]) -> bool:
    """A pledge's period achievements beside one target are cumulative progress toward it (the
    year's): the periods share their start and grow ("Jan-Mac", "Jan-Jun"), or three or more
    periods' figures each rise over the last from under half the target (20%, 45%, 70% of a
    95% target), as shares of cases do not."""
    periods = sorted((r for r in rows if not r["is_total"] and r["period_start"] is not None
                      and r["achievement_pct"] is not None), key=lambda r: r["period_end"])
    if len(periods) < 2 or len({r["target_pct"] for r in periods}) != 1 or periods[0]["target_pct"] is None:
        return False
    values = [r["achievement_pct"] for r in periods]
    growing = len({r["period_start"] for r in periods}) == 1 and len({r["period_end"] for r in periods}) == len(periods)
    rising = len(periods) >= 3 and values[0] <= periods[0]["target_pct"] / 2 and all(a < b for a, b in zip(values, values[1:]))
    return growing or rising


def part_roles(texts: list[str], legend: str, year: int | None) -> dict[str, tuple[str, bool]]:
    """The count each label of a table's labelled-part cells stands for: named by the label's
    own words or by its expansion in the document's legend ("C : Mencapai Sasaran" -> met,
    "TC : Tidak mencapai Sasaran" -> missed); failing that, by the arithmetic of the cells: the
    label whose count is the sum of the others' in most cells is the total ("J:43 ... c: 43
    tc: 0 dt: 0"), the one the cell's percentage is the share of, met, and the met label negated
    ("tc": tidak c), missed: (role, guessed)."""
    cells = [labelled_parts(text) for text in texts]
    pcts = [parse_figure(text, percent_column=True).pct for text, parts in zip(texts, cells) if parts]
    cells = [parts for parts in cells if parts]
    labels = sorted({label for parts in cells for label in parts})
    roles = {}
    for label in labels:
        spelled = re.search(rf"(?<![A-Za-z]){re.escape(label)}\s*[:=]\s*([A-Za-z][^,;:\n]*?)\s*(?=[,;\n]|$)",
                            legend, re.I)
        role = C.header_role(spelled.group(1) if spelled else label, year)[0]
        if role in (C.MET, C.MISSED, C.TOTAL):
            roles[label] = role
    named = set(roles)
    totals = [label for label in labels if label not in roles and _sum_of_the_others(label, cells)]
    if totals and C.TOTAL not in roles.values():  # where two add up alike (c: 43 = J: 43), the one printed first
        roles[min(totals, key=lambda label: sum(list(p).index(label) for p in cells if label in p))] = C.TOTAL
    total = next((label for label, role in roles.items() if role == C.TOTAL), None)
    for label in labels:
        if total is None or C.MET in roles.values():
            break
        shares = [pct_agrees(pct, parts[label], parts[total]) for parts, pct in zip(cells, pcts)
                  if pct is not None and parts.get(total) and label in parts]
        if label not in roles and shares and sum(shares) > len(shares) / 2:
            roles[label] = C.MET
    met = next((label for label, role in roles.items() if role == C.MET), None)
    for label in labels:  # the met label negated: "tc" (tidak c), "nm" (not m), "xm"
        if met and C.MISSED not in roles.values() and label not in roles and label[1:] == met and label[0] in "tnx":
            roles[label] = C.MISSED
    return {label: (role, label not in named) for label, role in roles.items()}


def _counts_not_percentages(body: list[list[str]], columns: list[C.Column]) -> bool:
    """Period cells printed as bare numbers, none with "%", under headers that name no
    percentage, are counts when they do not read as achievements: one above 100, or most far
    below (13, 9, 28 cases a month; achievements cluster near 100; the 0 of months not yet
    reported says neither)."""
    period = [c for c in columns if c.role == C.PERIOD]
    if not period or any(C.PCT_WORDS.search(c.header) or C.ACHIEVE_WORDS.search(c.header) for c in columns):
        return False  # a "%" or "Pencapaian" over the months: achievements, whatever their size
    texts = [fold(row[c.index]) for row in body for c in period if fold(row[c.index])]
    figures = [parse_figure(t) for t in texts]
    values = [f.count for f in figures if f.count is not None and f.pct is None and f.denominator is None]
    if not values or any("%" in t for t in texts) or any(not float(v).is_integer() for v in values):
        return False
    return max(values) > 100 or median([v for v in values if v] or values) < 50


def _shares_of_one(body: list[list[str]], columns: list[C.Column]) -> set[int]:
    """The percentage columns that print a share as a fraction of one ("0.95" for 95%): every
    figure between 0 and 1, some inside, no "%"; a share of the counts beside it when 100 times
    it is their ratio on most rows where it is not, an achievement or a target when none is
    under one half (achievements cluster near 100%; "0.5" missed may well be 0.5%)."""
    by_role = {c.role: c for c in columns}
    out = set()
    for column in columns:
        if column.role not in (C.MET_PCT, C.MISSED_PCT, C.ACHIEVEMENT, C.TARGET):
            continue
        rows = [(row, parse_figure(fold(row[column.index]), percent_column=True).pct) for row in body
                if fold(row[column.index])]
        values = [pct for _, pct in rows if pct is not None]
        if not values or any("%" in row[column.index] for row, _ in rows) or not all(0 <= v <= 1 for v in values) \
                or not any(0 < v < 1 for v in values):
            continue
        part = by_role.get(C.MET if column.role == C.MET_PCT else C.MISSED if column.role == C.MISSED_PCT else None)
        whole = by_role.get(C.TOTAL)
        if part is not None and whole is not None:
            counts = [(parse_figure(row[part.index]).count, parse_figure(row[whole.index]).count, pct)
                      for row, pct in rows if pct is not None]
            counts = [(p, w, pct) for p, w, pct in counts if p is not None and w]
            scaled = sum(pct_agrees(round(100 * pct, 10), int(p), int(w)) and not pct_agrees(pct, int(p), int(w))
                         for p, w, pct in counts)
            if counts and scaled > len(counts) / 2:
                out.add(column.index)
        elif column.role in (C.ACHIEVEMENT, C.TARGET) and min(values) >= 0.5:
            out.add(column.index)
    return out


UNREPORTED_MARKS = {"", "-", "--", "–", "—", "/", "nil"}


def _unreported_periods(body: list[list[str]], columns: list[C.Column]) -> set[int]:
    """The last period columns of a table, after the last one with a figure, where every row
    prints nothing or a dash: periods not reported yet, no 0% achieved ("0%" is printed as
    achieved). None when no period column has a figure (the table is read as printed)."""
    period = [c.index for c in columns if c.role == C.PERIOD]
    out: set[int] = set()
    for index in reversed(period):
        texts = [fold(row[index]).lower() for row in body]
        if not all(t in UNREPORTED_MARKS for t in texts):
            return out
        out.add(index)
    return set()


def _fractions_in_periods(body: list[list[str]], columns: list[C.Column]) -> bool:
    """Most period cells print a count of a total ("27/27 100%")."""
    texts = [fold(row[c.index]) for row in body for c in columns if c.role == C.PERIOD and fold(row[c.index])]
    return bool(texts) and sum(parse_figure(t).denominator is not None for t in texts) > 0.6 * len(texts)


def _sum_of_the_others(label: str, cells: list[dict[str, int]]) -> bool:
    sums = [parts[label] == sum(v for k, v in parts.items() if k != label) for parts in cells if label in parts]
    return sum(sums) > len(sums) / 2


def _put_parts(row: dict, parts: dict[str, int], part_roles: dict[str, tuple[str, bool]], figure: Figure) -> None:
    """The counts of a cell printed as labelled parts, each in the field its label stands for,
    and the cell's percentage as the share met."""
    for label, value in parts.items():
        if label in part_roles:
            role, guessed = part_roles[label]
            row[role] = value
            row["guessed"] = row["guessed"] + [role] * guessed
    if any(value for label, value in parts.items() if label not in part_roles):
        row["missed"] = None  # cases in a state of their own ("dalam tindakan"): met + missed is no total
    row["met_pct"] = figure.pct


def _period_figure(row: dict, text: str, part_roles: dict[str, str], counts: bool = False) -> dict:
    """A row given the figure of one period cell (a count where the table's period cells are
    counts); a text that is no figure is its remark."""
    figure = parse_figure(text, percent_column=not counts)
    if counts and figure.count is not None and figure.denominator is None:
        row["total"] = int(figure.count)
        row["none_marked"] = row["none_marked"] + ["total"] * figure.none_word
        row["guessed"] = row["guessed"] + ["total"]  # counts by their size, under headers that do not say
        return row
    parts = labelled_parts(text, frozenset(part_roles)) if part_roles else {}
    if parts:  # "J:97 100% c : 62 tc: 0 dt: 0"
        _put_parts(row, parts, part_roles, figure)
    elif figure.denominator is not None and figure.count is not None:
        row["met"], row["total"] = int(figure.count), int(figure.denominator)
        row["met_pct"] = figure.pct
    elif figure.pct is not None and figure.count is not None and figure.count == int(figure.count):
        _put_pct(row, C.ACHIEVEMENT, figure)  # "100% (12)", "90% 36 aduan": a count met and its share, as in a
        row["total"] = _whole_of(row["met"], row["met_pct"], None, [])  # pledge's own cell
    else:
        row["achievement_pct"] = figure.pct
    row["none_marked"] = row["none_marked"] + ["achievement_pct"] * figure.none_word
    if _no_figure(text, figure):
        row["remarks"] = _join(row["remarks"], text)
    return row


def _no_figure(text: str, figure: Figure) -> bool:
    """Words in a figure cell that give no figure and do not say "not published" ("TBC"): a remark."""
    return bool(text) and not figure.printed and text.lower().strip(" .") not in NOT_PUBLISHED


def _with_period(row: dict, period: Period | None) -> dict:
    row["period_label"] = period.label if period else None
    row["period_start"] = period.start if period else None
    row["period_end"] = period.end if period else None
    return row


def document_year(*texts: str) -> int | None:
    for text in texts:
        year = find_year(text)
        if year:
            return year
    return None
