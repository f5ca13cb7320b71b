"""Tables without rules: words with their boxes placed into columns found from the header.

Used for PDF pages whose tables have no ruling lines (and for any source of positioned words,
such as OCR). Steps, each a small function:
  words -> lines -> phrases (words close together on a line)
  -> the header band (the first lines naming known column headers)
  -> leaf header cells (the lowest phrase of each stack; a phrase over several leaves is a
     group label) -> column boundaries placed in the body's whitespace between header cells
  -> body lines to cells -> lines grouped into rows (a row starts where a number or figure
     column has content, or after a larger vertical gap) -> a grid.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from statistics import median

from .columns import header_role
from .grid import Grid
from .text import NONE_WORDS, NOT_PUBLISHED, fold, looks_like_heading, says_total

NONE_MARKS = NONE_WORDS | NOT_PUBLISHED

ANY_YEAR = 2000  # month headers ("JAN") are header words whatever the report's year
LINE_TOLERANCE = 2.5  # points: words whose tops differ less stand on one line
MAX_HEADER_LINES = 14  # a header of narrow cells wraps to many lines


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 8.0


@dataclass
class WordRun:
    """Words that stand together: a phrase, or a whole line."""

    words: list[Word]

    @cached_property  # a run's words are all in place before anything asks (to_lines, to_phrases)
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


@dataclass
class Phrase(WordRun):
    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1


@dataclass
class Line(WordRun):
    phrases: list[Phrase] = field(default_factory=list)


@dataclass
class Columns:
    """Column boundaries (x positions between columns) and the header texts of each column."""

    edges: list[float]  # len = n_columns - 1
    headers: list[list[str]]  # header rows as cells, spans repeated

    def index(self, x: float) -> int:
        return sum(x > e for e in self.edges)


def to_lines(words: list[Word]) -> list[Line]:
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        if lines and abs(word.top - lines[-1].words[0].top) <= LINE_TOLERANCE:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
        line.phrases = to_phrases(line.words)
    return lines


def to_phrases(words: list[Word]) -> list[Phrase]:
    """Words of a line split where the gap is wider than a space (a column gap)."""
    phrases: list[Phrase] = []
    last_x1 = 0.0  # the x1 of the last phrase (of its last word)
    for word in words:
        if phrases and word.x0 - last_x1 <= max(3.0, 0.75 * word.size):
            phrases[-1].words.append(word)
        else:
            phrases.append(Phrase([word]))
        last_x1 = word.x1
    return phrases


def _header_phrases(line: Line, year: int | None) -> int:
    if _is_prose(line):
        return 0  # (a header cell's line is a few words: "(potholes) akan dilaksanakan dalam tempoh 1" is a pledge's)
    return sum(len(p.words) <= 4 and header_role(p.text, year)[0] is not None for p in line.phrases)


def _is_prose(line: Line) -> bool:
    """A line of running text (a justified paragraph's wide spaces split it into phrases): many
    words spaced evenly, or most of them lower case. Header cells are short and capitalised, with
    wide gaps between cells and narrow ones inside them."""
    words = [w.text for w in line.words if w.text[:1].isalpha()]
    gaps = [b.x0 - a.x1 for a, b in zip(line.words, line.words[1:])]
    even = len(gaps) >= 6 and max(gaps) < 2 * max(median(gaps), 1.0) \
        and sum(header_role(w, ANY_YEAR)[0] is not None for w in words) < len(words) / 2  # not "JAN FEB MAC ..."
    return len(words) >= 6 and (even or sum(w[0].islower() for w in words) > 0.6 * len(words))


_FIGURE = re.compile(r"^[\d.,/%()\s-]+%?$|^\d[\d,.]*\s*%$")


def is_figure_phrase(text: str) -> bool:
    return bool(_FIGURE.match(text)) and any(ch.isdigit() for ch in text)


def _is_item(text: str) -> bool:
    return bool(re.match(r"^(?:\d{1,3}(?:\.\d{1,2}){0,3}[.)]?|[a-zA-Z][.)]|[ivxIVX]{1,4}[.)]|\((?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})\))$",
                         text))  # "1.", "1.2", "a)", "iv.", "(b)"


def _is_body_line(line: Line) -> bool:
    return any(is_figure_phrase(p.text) for p in line.phrases) or (
        bool(line.phrases) and _is_item(line.phrases[0].words[0].text))


def find_header(lines: list[Line], year: int | None) -> tuple[int, int] | None:
    """(first, end) line indexes of the header band, or None when no header is on the page."""
    for i, line in enumerate(lines):
        if _header_phrases(line, year) >= 2 or (_header_phrases(line, year) >= 1 and len(line.phrases) >= 3):
            end = i + 1
            pitch = _pitch(lines)
            while end < len(lines) and end - i < MAX_HEADER_LINES:
                nxt = lines[end]
                if _is_body_line(nxt) and not _wraps_header(nxt, lines[i:end]) \
                        or nxt.top - lines[end - 1].bottom > 1.2 * pitch:
                    break
                left = min(w.x0 for line in lines[i:end] for w in line.words)
                if _is_prose(nxt):
                    break  # a pledge's first line (its cell printed at the bottom of a taller row)
                lone = nxt.phrases[0] if len(nxt.phrases) == 1 else None
                if lone and end + 1 < len(lines) \
                        and (lone.x0 <= left + 10 or header_role(lone.text, year)[0] == "section") \
                        and (_is_body_line(lines[end + 1]) or _header_phrases(lines[end + 1], year) == 0):
                    break  # a section heading at the table's left edge, or naming a division, above the first rows
                end += 1
            return _header_top(lines, i, end), end
    return None


def _wraps_header(line: Line, band: list[Line]) -> bool:
    """A line of header words wrapped under the figure columns' headers ("1 (Jan-M" under
    "Sukuan"): no percentage in it, and it starts right of the band's first two cells, where a
    body row starts with its number and pledge."""
    cells = sorted((p for b in band for p in b.phrases), key=lambda p: p.x0)
    return len(cells) >= 2 and not any("%" in p.text for p in line.phrases) and line.phrases[0].x0 > cells[1].x1


def _header_top(lines: list[Line], first: int, end: int) -> int:
    """The band's first line moved up over the lines stacked close above it: cells centred in a
    tall header row print their lines at other heights than their neighbours' ("JANJI" midway)."""
    steps = [b.top - a.top for a, b in zip(lines[first:end], lines[first + 1:end])]
    step = median(steps) if steps else lines[first].bottom - lines[first].top
    cells = sorted((p for line in lines[first:end] for p in line.phrases), key=lambda p: p.x0)
    size = median(w.size for line in lines[first:end] for w in line.words)
    while first > 0 and lines[first].top - lines[first - 1].top <= 2 * step \
            and not _is_prose(lines[first - 1]) and not _is_body_line(lines[first - 1]) \
            and not _is_title(lines[first - 1], cells, size):
        first -= 1
    return first


def _is_title(line: Line, cells: list[Phrase], size: float) -> bool:
    """A line over the table, not in its header: printed larger or smaller than the header, one
    phrase naming a period or a division over the pledges' or numbers' header, or over no
    header cell ("Bagi tempoh Januari hingga Jun 2025" printed close above it), or one phrase reaching across the header's
    first cells into the figures' ("LAPORAN PENCAPAIAN ... JABATAN CONTOH", centred on the page;
    a group header spans the figure columns only)."""
    if abs(median(w.size for w in line.words) - size) > 1:
        return True
    if len(line.phrases) == 1 and header_role(line.phrases[0].text, ANY_YEAR)[0] in ("period", "section"):
        under = [c for c in cells if _overlap(line.phrases[0], c) > 0]  # (a year over its months groups them)
        return not under or any(header_role(c.text, ANY_YEAR)[0] in ("pledge", "item_no") for c in under)
    return len(line.phrases) == 1 and len(cells) >= 3 and \
        line.phrases[0].x0 < cells[1].x1 and line.phrases[0].x1 > cells[2].x0


def _pitch(lines: list[Line]) -> float:
    gaps = [b.top - a.top for a, b in zip(lines, lines[1:]) if 0 < b.top - a.top < 40]
    return median(gaps) if gaps else 10.0


def header_columns(header: list[Line], body: list[Line]) -> Columns:
    """Leaf header cells (the lowest phrase of each stack) give the columns; boundaries go
    where the body's phrases leave the most room between neighbouring header cells."""
    phrases = [p for line in header for p in line.phrases]
    leaves = [p for p in phrases if not any(
        q is not p and q.top > p.top + 1 and _overlap(p, q) > 0 for q in phrases)]
    leaves.sort(key=lambda p: p.x0)
    # stacks: every phrase sits over the leaves it overlaps
    spans = {id(p): [k for k, leaf in enumerate(leaves) if _overlap(p, leaf) > 0] for p in phrases}
    _widen_group_labels(header, leaves, spans)
    lefts = [min(min(p.x0 for p in phrases if spans[id(p)] == [k]), leaf.x0) for k, leaf in enumerate(leaves)]
    rights = [max(max(p.x1 for p in phrases if spans[id(p)] == [k]), leaf.x1) for k, leaf in enumerate(leaves)]
    body_phrases = [p for line in body for p in line.phrases if len(line.phrases) > 1]
    edges = []
    figures_set = _figures_set(lefts, rights, body)
    for k in range(len(leaves) - 1):
        lo, hi = (lefts[k] + rights[k]) / 2, (lefts[k + 1] + rights[k + 1]) / 2
        lo = max(lo, rights[k] - 0.5 * (rights[k] - lefts[k]))
        edges.append(_boundary(lo, hi, body_phrases, (rights[k], lefts[k + 1]), figures_set))
    splits = _figure_subcolumns(edges, body, body_phrases)
    columns = Columns(sorted(edges + [x for _, x in splits]), [])
    rows = _header_rows(header, spans)
    groups = {k: spans[id(p)] for p in rows[0] if len(spans[id(p)]) > 1 for k in spans[id(p)]} \
        if len(rows) > 1 else {}
    stacks = ["\n".join(p.text for p in phrases if spans[id(p)] == [k]) for k in range(len(leaves))]
    for r, line_group in enumerate(rows):
        row = [""] * len(leaves)
        for p in line_group:
            targets = spans[id(p)] or [columns.index((p.x0 + p.x1) / 2)]
            if r == 0 and len(targets) == 1 and targets[0] in groups:
                targets = groups[targets[0]]  # a group label's wrapped line
            for k in targets:
                if k in groups:
                    row[k] = (row[k] + "\n" + p.text).strip()
        columns.headers.append([row[k] if k in groups else stacks[k] for k in range(len(leaves))])
    for k, _ in reversed(splits):  # a sub-column under its leaf's header, as a span repeats it
        for cells in columns.headers:
            cells.insert(k, cells[k])
    return columns


def _figure_subcolumns(edges: list[float], body: list[Line], body_phrases: list[Phrase]) -> list[tuple[int, float]]:
    """Columns the body prints under one header cell: at least two lines whose phrases in that
    column are all figures, standing apart where they stand ("20   0   0" under "BILANGAN
    AKTIVITI", the buckets' names printed under each pledge). (column, boundary) of each split."""
    columns = Columns(edges, [])
    splits = []
    for k in range(len(edges) + 1):
        lines = [[p for p in line.phrases if columns.index((p.x0 + p.x1) / 2) == k] for line in body]
        figures = [ps for ps in lines if len(ps) >= 2 and all(is_figure_phrase(p.text) for p in ps)]
        if len(figures) < 2:
            continue
        slots = _slots(sorted((p for ps in figures for p in ps), key=lambda p: p.x0))
        if len(slots) < 2 or any(len({_slot(slots, p) for p in ps}) < len(ps) for ps in figures):
            continue  # figures that do not line up in columns
        for a, b in zip(slots, slots[1:]):
            splits.append((k, _quietest(a[1], b[0], body_phrases, prefer=(a[1] + b[0]) / 2)))
    return splits


def _slots(phrases: list[Phrase]) -> list[tuple[float, float]]:
    """The x extents of phrases that overlap one another, left to right (by more than a point:
    figures of two columns set against each other may touch, a total table's under a column)."""
    slots: list[tuple[float, float]] = []
    for p in phrases:
        if slots and p.x0 < slots[-1][1] - 1:
            slots[-1] = (slots[-1][0], max(slots[-1][1], p.x1))
        else:
            slots.append((p.x0, p.x1))
    return slots


def _slot(slots: list[tuple[float, float]], p: Phrase) -> int:
    return next(i for i, (x0, x1) in enumerate(slots) if x0 <= p.x0 <= x1)


def _widen_group_labels(header: list[Line], leaves: list[Phrase], spans: dict[int, list[int]]) -> None:
    """A group label over leaves below it also covers the bare leaves (nothing above them) to its
    right, up to the next phrase of its line: left-aligned, "1st Quarter" reaches only over Jan.
    A label is one whose cell ends above the cells under it (they stand apart wider than a cell's
    wrapped lines): "Tidak" of "Tidak / Menepati / Tempoh", centred in a tall row, is no label."""
    phrases = [q for line in header for q in line.phrases]
    bare = [not any(q.bottom < leaf.top and _overlap(q, leaf) > 0 for q in phrases) for leaf in leaves]
    for line in header:
        for p, nxt in zip(line.phrases, line.phrases[1:] + [None]):
            own = spans[id(p)]
            if not own or leaves[own[0]] is p:
                continue
            under = min((q.top for q in phrases if q.top > p.bottom and _overlap(p, q) > 0), default=p.bottom)
            if under - p.bottom < 0.5 * p.words[0].size:
                continue
            end = nxt.x0 if nxt is not None else float("inf")
            extra = [k for k, leaf in enumerate(leaves) if k > own[-1] and bare[k] and leaf.top > p.bottom
                     and leaf.x0 < end]
            run = [k for n, k in enumerate(extra) if k == own[-1] + 1 + n]
            spans[id(p)] = own + run


def _header_rows(header: list[Line], spans: dict[int, list[int]]) -> list[list[Phrase]]:
    """Header lines grouped into header rows: a group label's line apart from the lines of the
    cells under it (a line with two phrases under one phrase of the row above starts a new row)."""
    rows: list[list[Phrase]] = []
    for line in header:
        if rows and not any(len(spans[id(p)]) > 1 and sum(
                set(spans[id(q)]) <= set(spans[id(p)]) for q in line.phrases if spans[id(q)]) >= 2
                for p in rows[-1]):
            rows[-1].extend(line.phrases)
        else:
            rows.append(list(line.phrases))
    return rows


def _overlap(a: Phrase, b: Phrase) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _figures_set(lefts: list[float], rights: list[float], body: list[Line]) -> int:
    """How the body sets its figures against their headers' texts: 1 to the right, -1 to the
    left, 0 when no column tells, or they disagree. A column of two or more figures tells by
    its own ends (`_own_set`), else by where it stands: under one header reaching past its
    text's right end, not its left (or the other way), or past the last header's text. Item
    numbers ("1.", "2)") are no figures here: set apart from the counts, often left in a
    narrow column."""
    figures = sorted((p for line in body for p in line.phrases
                      if is_figure_phrase(p.text) and p.text[-1] not in ".)"), key=lambda p: p.x0)
    seen = set()
    for x0, x1 in _slots(figures):
        column = [p for p in figures if x0 <= p.x0 and p.x1 <= x1]
        if len(column) < 2:
            continue
        under = [k for k in range(len(lefts)) if min(x1, rights[k]) > max(x0, lefts[k])]
        if own := _own_set(column):
            seen.add(own)
        elif len(under) == 1:
            k = under[0]
            seen.add(1 if x1 > rights[k] + 2 and x0 > lefts[k] + 2 else -1 if x0 < lefts[k] - 2 and x1 < rights[k] - 2
                     else 0)
        elif not under and x0 > max(rights):  # past the last header's text: its column's, set right
            seen.add(1)
    seen.discard(0)
    return seen.pop() if len(seen) == 1 else 0


def _own_set(figures: list[Phrase]) -> int:
    """How a column's figures are set by their own ends: 1 right (more right ends even than
    left ends), -1 left, told only by three or more figures, two or more of another width than
    most (figures of one width tell nothing, nor one line's, nor two: a line's and a total
    table's figure set otherwise under it; such a figure among more does not undo it), else 0."""
    if len(figures) < 3:
        return 0
    right, left = _even([p.x1 for p in figures]), _even([p.x0 for p in figures])
    widths = [p.x1 - p.x0 for p in figures]
    varied = sum(abs(w - median(widths)) > 3 for w in widths) >= 2
    return (right > left) - (left > right) if max(right, left) >= 2 / 3 and varied else 0


def _boundary(lo: float, hi: float, phrases: list[Phrase], texts: tuple[float, float], figures_set: int) -> float:
    """The boundary between two header cells (their middles `lo`, `hi`; `texts`: where the left
    one's text ends and the right one's begins): in the body's gap there. A column of figures
    standing between the two headers' texts goes with the one its alignment
    points to (its own, `_own_set`; else the table's, `_figures_set`): set
    right, it ends its column, the one on the left; set left, it begins the one on the right.
    A lone figure standing apart beside the column (a total table's under it) is not of it."""
    prefer = (texts[0] + texts[1]) / 2
    inside = [p for p in phrases if max(lo, texts[0]) < p.x0 and p.x1 < min(hi, texts[1])]
    if inside and all(is_figure_phrase(p.text) for p in inside):
        columns = sorted(([p for p in inside if x0 <= p.x0 and p.x1 <= x1]
                          for x0, x1 in _slots(sorted(inside, key=lambda p: p.x0))), key=len)
        column = columns[-1]
        if len(column) >= 2 and all(len(c) == 1 for c in columns[:-1]):
            own = _own_set(column)
            if (own or figures_set) > 0:
                return _quietest(max(p.x1 for p in column), hi, phrases, prefer)
            if (own or figures_set) < 0:
                return _quietest(lo, min(p.x0 for p in column), phrases, prefer)
    return _quietest(lo, hi, phrases, prefer)


def _even(xs: list[float]) -> float:
    """The share of the positions that are one (within 2 points: a glyph's box stands in from
    its advance, "1" most): a column's figures set to that side have most of their ends there
    (a line printed otherwise, a total table's, does not undo it)."""
    middle = median(xs)
    return sum(abs(x - middle) < 2 for x in xs) / len(xs)


def _quietest(lo: float, hi: float, phrases: list[Phrase], prefer: float) -> float:
    """The x in [lo, hi] that the fewest body phrases cross (the column gap)."""
    if hi <= lo:
        return (lo + hi) / 2
    best, best_key = prefer, None
    steps = max(4, int(hi - lo))
    spans = [(p.x0, p.x1) for p in phrases if p.x0 < hi and p.x1 > lo and p.x0 < p.x1]  # only these can cross
    starts, ends = sorted(x0 for x0, _ in spans), sorted(x1 for _, x1 in spans)
    for s in range(steps + 1):
        x = lo + (hi - lo) * s / steps
        crossing = bisect_left(starts, x) - bisect_right(ends, x)  # begun before x, not ended by x
        key = (crossing, abs(x - prefer))
        if best_key is None or key < best_key:
            best, best_key = x, key
    return best


def line_cells(line: Line, columns: Columns) -> list[str]:
    """A body line's text per column; a lone phrase reaching over several columns spans them."""
    n = len(columns.edges) + 1
    cells = [""] * n
    if len(line.phrases) == 1:  # a line of one phrase reaching past its column
        p = line.phrases[0]
        first, last = columns.index(p.x0 + 1), columns.index(p.x1 - 1)
        if last - first >= 2:
            return [p.text] * n  # a heading or a note spanning the table
        if last > first:
            return [p.text if k == first else "" for k in range(n)]  # a long line of one cell
    for p in line.phrases:
        _put(cells, p, columns)
    return cells


def _put(cells: list[str], p: Phrase, columns: Columns) -> None:
    """A phrase's text added to the cell it stands in (its words each to its own when it crosses
    a column boundary)."""
    first, last = columns.index(p.x0 + 1), columns.index(p.x1 - 1)
    targets = [(columns.index((w.x0 + w.x1) / 2), w.text) for w in p.words] if first != last else \
        [(first, p.text)]
    for k, text in targets:
        cells[k] = (cells[k] + " " + text).strip()


def body_cells(lines: list[Line], columns: Columns) -> list[list[str]]:
    """Each body line's text per column (`line_cells`). A line whose figures stand apart yet fall
    two into one column, or a total's line whose first figure falls under its label (a total
    printed as a table of its own under the division's, its columns placed otherwise: "JUMLAH
    KESELURUHAN  107  103  4"), has its figures put in order into the columns right of its
    label, each as near as can be to where the other lines print that column's figures (or to
    the column's middle): never two figures read as one ("107 103")."""
    cells = [line_cells(line, columns) for line in lines]
    figures = [[p for p in line.phrases if is_figure_phrase(p.text)] for line in lines]
    crowded = [len({columns.index(_middle(p)) for p in ps}) < len(ps) for ps in figures]
    bounds = [min(w.x0 for line in lines for w in line.words)] + columns.edges + \
        [max(w.x1 for line in lines for w in line.words)]
    places = {k: [(a + b) / 2] for k, (a, b) in enumerate(zip(bounds, bounds[1:]))}
    for ps, bad in zip(figures, crowded):
        for p in ps if not bad else ():
            places[columns.index(_middle(p))].append(_middle(p))
    for i, line in enumerate(lines):
        last = max((n for n, p in enumerate(line.phrases) if p not in figures[i]), default=-1)
        labels, tail = line.phrases[:last + 1], line.phrases[last + 1:]  # (an item number is a label)
        right_of = max((columns.index(p.x1 - 1) for p in labels), default=-1)
        if not crowded[i] and not (any(columns.index(_middle(p)) <= right_of for p in tail)
                                   and any(says_total(p.text) for p in labels)):
            continue
        slots = [(k, median(xs[1:] or xs)) for k, xs in places.items() if k > right_of]
        chosen = _in_order([_middle(p) for p in tail], [x for _, x in slots])
        if chosen is None:
            continue
        cells[i] = [""] * (len(columns.edges) + 1)
        for p in labels:
            _put(cells[i], p, columns)
        for p, s in zip(tail, chosen):
            cells[i][slots[s][0]] = p.text
    return cells


def _middle(p: Phrase) -> float:
    return (p.x0 + p.x1) / 2


def _in_order(xs: list[float], slots: list[float]) -> list[int] | None:
    """The slots for xs (both left to right), one each and in order, nearest in sum; None when
    there are fewer slots than xs."""
    if len(xs) > len(slots):
        return None
    # best[j][i]: cost of xs[:i] in slots[:j], with the choice that gave it
    inf = float("inf")
    best = [[0.0] + [inf] * len(xs) for _ in range(len(slots) + 1)]
    for j in range(1, len(slots) + 1):
        for i in range(1, len(xs) + 1):
            best[j][i] = min(best[j - 1][i], best[j - 1][i - 1] + abs(xs[i - 1] - slots[j - 1]))
    chosen, i = [], len(xs)
    for j in range(len(slots), 0, -1):
        if i and best[j][i] != best[j - 1][i]:
            chosen.append(j - 1)
            i -= 1
    return chosen[::-1]


def group_rows(lines: list[Line], columns: Columns) -> list[tuple[list[list[str]], list[Line]]]:
    """Body lines grouped into table rows: (the lines' cells, the lines)."""
    cells = body_cells(lines, columns)
    n = len(columns.edges) + 1
    anchors = [k for k in range(n) if _is_anchor(k, cells)]
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])]
    size = median(w.size for line in lines for w in line.words) if lines else 8.0
    row_gap = max(min(gaps) if gaps else 0, 0) + max(2.5, 0.35 * size)  # (lines of a row's cells may overlap)
    # rows spaced wider than their lines: a line close under the last, without an item number, goes on its row
    items = [k for k in anchors[:1] if any(_is_item(c[k]) for c in cells)] if any(g > row_gap for g in gaps) else []
    spaced = any(g > row_gap for g in gaps)
    rows: list[tuple[list[list[str]], list[Line]]] = []
    for line, line_cells_ in zip(lines, cells):
        gap = line.top - rows[-1][1][-1].bottom if rows else 0.0
        close = bool(rows) and gap <= row_gap
        # rows spaced apart: a line close under lines with no number or figure yet (a cell printed at
        # the bottom of its row, the pledge's first lines above them) is the rest of their row
        unanchored = spaced and bool(rows) and not any(c[k] for c in rows[-1][0] for k in anchors) \
            and not _spanning(rows[-1][0][0])
        own_row = gap > 0.6 * size and _own_row(line_cells_, rows[-1][0], [k for k in anchors if k not in items])
        continues = close and (bool(items) and not any(line_cells_[k] for k in items) and not own_row or unanchored
                               or _heading_goes_on(line_cells_, rows[-1][0]))
        starts = (not rows or _spanning(line_cells_) or any(line_cells_[k] for k in anchors) and not continues
                  or not close or _spanning(rows[-1][0][0]) or _names_division(line_cells_))
        if starts:
            rows.append(([line_cells_], [line]))
        else:
            rows[-1][0].append(line_cells_)
            rows[-1][1].append(line)
    if any(g > row_gap for g in gaps):  # rows spaced apart: a heading of one phrase in the first column spans
        for row_cells, row_lines in rows:  # (a wrapped pledge's lone line is not one: lower case)
            if all(len(ln.phrases) == 1 for ln in row_lines) and all(c[0] for c in row_cells) and n > 1 \
                    and (len(row_lines) == 1 or _heading_goes_on(row_cells[-1], row_cells[:-1])) \
                    and looks_like_heading(" ".join(c[0] for c in row_cells)):
                row_cells[:] = [[c[0]] * n for c in row_cells]
    return rows


def _names_division(line: list[str]) -> bool:
    """A line whose only text names a division ("UNIT LESEN" in the pledge column): a heading of
    its own, never a wrapped pledge's last line, however close it stands under one."""
    texts = [c for c in line if c]
    return len(texts) == 1 and header_role(texts[0], ANY_YEAR)[0] == "section" and looks_like_heading(texts[0]) \
        and not any(ch.isdigit() for ch in texts[0])


def _heading_goes_on(line: list[str], row: list[list[str]]) -> bool:
    """A line carrying on a division heading that wraps in its narrow column ("UNIT" over "LESEN"
    in the numbers' column): a few words with no figure, alone in the column where the heading's
    lines stand alone."""
    filled = {k for cells in row for k, c in enumerate(cells) if c}
    if len(filled) != 1 or sum(bool(c) for c in line) != 1:
        return False
    k = filled.pop()
    return bool(line[k]) and _lone_heading(row[0], k) and len(line[k].split()) <= 4 \
        and not any(ch.isdigit() for ch in line[k])


def _own_row(line: list[str], row: list[list[str]], figure_columns: list[int]) -> bool:
    """A line with a label of its own and a figure in every figure column the row above fills
    already (set apart from it wider than a cell's wrapped lines): a row printed close under it
    (an unnumbered total), not the rest of that row ("27/27" over "100%" beside a wrapped pledge)."""
    filled = [k for k in figure_columns if any(is_figure_phrase(cells[k]) for cells in row)]
    labelled = any(text for k, text in enumerate(line) if text and k not in figure_columns)
    return bool(filled) and labelled and all(is_figure_phrase(line[k]) for k in filled)


def _lone_heading(cells: list[str], k: int) -> bool:
    """A line whose only text, in column k, reads as a heading and is no item number."""
    return sum(bool(c) for c in cells) == 1 and looks_like_heading(cells[k]) and not _is_item(cells[k])


def _spanning(cells: list[str]) -> bool:
    return len(cells) > 1 and len({c for c in cells if c}) == 1 and all(cells)


def _is_anchor(k: int, cells: list[list[str]]) -> bool:
    """A column of item numbers or figures: a row's first line has content there (a division
    heading alone on its line, in the numbers' column, is no item's; a total's "JUMLAH" there
    starts its row as a number does)."""
    values = [row[k] for row in cells if row[k] and not _spanning(row) and not _lone_heading(row, k)]
    if len(values) < 2:
        return False
    return sum(_is_item(v) or is_figure_phrase(v) or v.lower() in NONE_MARKS or says_total(v)
               for v in values) / len(values) >= 0.7


def table_end(lines: list[Line], start: int, limit: int) -> int:
    """Index after the last line of the table begun at `start`: the next header, or the first
    vertical gap much wider than the rows'."""
    pitch = _pitch(lines[start:limit])
    for i in range(start + 1, limit):
        if lines[i].top - lines[i - 1].bottom > 3.5 * pitch:
            return i
        if _header_phrases(lines[i], ANY_YEAR) >= 2 and len(lines[i].phrases) >= 3 and not _is_body_line(lines[i]):
            band = find_header(lines[i:limit], ANY_YEAR)  # (two phrases: a row's second line)
            return max(start + 1, _header_top(lines, i, i + band[1])) if band and band[0] == 0 else i
    return limit


class WordTables:
    """Unruled tables read page by page from positioned words; a table that runs on without
    its header on the next page continues the last grid."""

    def __init__(self) -> None:
        self.columns: Columns | None = None
        self.current: Grid | None = None
        self.spans: list[tuple[float, float]] = []  # (top, bottom) of the lines the last page's tables took

    def add_page(self, number: int, lines: list[Line]) -> list[Grid]:
        """The grids that start on this page (its words in lines: `to_lines`), each under its
        own header; rows above the page's first header continue the table of the page before."""
        started: list[Grid] = []
        self.spans = []
        header = find_header(lines, ANY_YEAR)
        first_header = header[0] if header else len(lines)
        if self.current is not None:
            start = next((k for k in range(first_header) if _is_body_line(lines[k])), None)
            if start is not None:
                stop = table_end(lines, start, first_header)
                self._add_rows(number, lines[start:stop])
                self.spans.append((lines[start].top, lines[stop - 1].bottom))
        i = 0
        while header is not None:
            first, end = i + header[0], i + header[1]
            stop = table_end(lines, end, len(lines))
            self.columns = header_columns(lines[first:end], lines[end:stop])
            context = "\n".join(" ".join(p.text for p in line.phrases) for line in lines[max(0, first - 6):first])
            self.current = Grid([list(r) for r in self.columns.headers],
                                row_pages=[number] * len(self.columns.headers), context=context,
                                locator=f"page {number}", lines_grouped=True)
            started.append(self.current)
            self._add_rows(number, lines[end:stop])
            self.spans.append((lines[first].top, lines[stop - 1].bottom))
            i = stop
            header = find_header(lines[i:], ANY_YEAR)
        return started

    def _add_rows(self, number: int, body: list[Line]) -> None:
        width = len(self.columns.edges) + 1
        for row_cells, row_lines in group_rows(body, self.columns):
            self.current.rows.append(["\n".join(c[k] for c in row_cells if c[k]) for k in range(width)])
            self.current.row_pages.append(number)
            self.current.row_bboxes.append((min(w.x0 for ln in row_lines for w in ln.words), row_lines[0].top,
                                            max(w.x1 for ln in row_lines for w in ln.words), row_lines[-1].bottom))


def lines_text(lines: list[Line]) -> str:
    """The lines as text, a line of the page per line."""
    return "\n".join(" ".join(w.text for w in line.words) for line in lines)


def pdfplumber_words(page) -> list[Word]:
    return [Word(fold(w["text"]), w["x0"], w["x1"], w["top"], w["bottom"], w.get("size", 8.0))
            for w in page.extract_words(x_tolerance=1.5, y_tolerance=2, extra_attrs=["size"]) if fold(w["text"])]
