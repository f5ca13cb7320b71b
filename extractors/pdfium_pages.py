"""PDF pages read with pypdfium2: words with their boxes, ruling lines, ruled tables.

The fast reader behind `extractors.pdf`. pdfium hands out a page's text and the box of any
character at the speed of the raw text, so a page costs a few milliseconds instead of
pdfminer's layout analysis. Coordinates are PDF points with the origin at the top left of the page as it is
displayed, as pdfplumber gives them (top = page top - y on an upright page; a page with a
/Rotate, such as a landscape table on a portrait page, is turned first).

Ruled tables are found exactly as pdfplumber's `find_tables()` finds them (its own edge
merging, intersections and table grouping, on the ruling segments of the page's path
objects); only its quadratic cell search is replaced by one that looks up the grid's
neighbours directly, with the same result.
"""

from __future__ import annotations

import ctypes
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfplumber.table import Table, merge_edges
from pdfplumber.utils import filter_edges

from .grid import BBox
from .text import fold
from .words import Line, Word, lines_text, to_lines

SNAP = JOIN = INTERSECT = 3.0  # pdfplumber's default table settings
EDGE_MIN_LENGTH = 3.0
LINE_CLUSTER = 3.0  # pdfplumber's extract_text y_tolerance: words this close in top share a line
# A bullet is a list mark, never part of a word; pdfium gives a hyphen that ends a line as U+FFFE
# (it joins the word across the break): the word before it keeps its hyphen, as printed ("(Apr-").
WORD = re.compile(r"[^\s\ufffd\ufffe\x00-\x1f•]+\ufffe?")
BULLET_GLYPHS = "•●▪■◦\uf0b7\uf0a7\uf0a8\uf076\uf0d8\uf0fc"  # list marks (the \uf0.. of Symbol and Wingdings)
BULLET = re.compile(f"[{BULLET_GLYPHS}\x7f]")
DESCENT = 0.207  # below the baseline, as a share of the font size (pdfminer's box: Helvetica)


def _by_address(func, restype, *argtypes):
    """A pdfium function called with plain addresses: ctypes passes ints as `c_void_p` about
    twice as fast as the bindings' typed pointers, and these calls run for every word."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(func, ctypes.c_void_p).value)


_V, _I = ctypes.c_void_p, ctypes.c_int
_ORIGIN = _by_address(raw.FPDFText_GetCharOrigin, _I, _V, _I, _V, _V)
_BOX = _by_address(raw.FPDFText_GetCharBox, _I, _V, _I, _V, _V, _V, _V)
_SIZE = _by_address(raw.FPDFText_GetFontSize, ctypes.c_double, _V, _I)
# the page's objects and their paths' segments, walked for the rules of every page
_COUNT_OBJECTS = _by_address(raw.FPDFPage_CountObjects, _I, _V)
_OBJECT = _by_address(raw.FPDFPage_GetObject, _V, _V, _I)
_FORM_COUNT = _by_address(raw.FPDFFormObj_CountObjects, _I, _V)
_FORM_OBJECT = _by_address(raw.FPDFFormObj_GetObject, _V, _V, ctypes.c_ulong)
_TYPE = _by_address(raw.FPDFPageObj_GetType, _I, _V)
_MATRIX = _by_address(raw.FPDFPageObj_GetMatrix, _I, _V, _V)
_COUNT_SEGMENTS = _by_address(raw.FPDFPath_CountSegments, _I, _V)
_SEGMENT = _by_address(raw.FPDFPath_GetPathSegment, _V, _V, _I)
_POINT = _by_address(raw.FPDFPathSegment_GetPoint, _I, _V, _V, _V)
_SEGMENT_TYPE = _by_address(raw.FPDFPathSegment_GetType, _I, _V)
_CLOSES = _by_address(raw.FPDFPathSegment_GetClose, _I, _V)


@dataclass
class RuledTable:
    """A table found from ruling lines: pdfplumber's rows (cell boxes, None under a span),
    each cell's text, and the table's box."""

    rows: list
    texts: list[list[str | None]]
    bbox: BBox


class PdfiumPage:
    def __init__(self, page: pdfium.PdfPage) -> None:
        self.page = page
        self.display = _display(page)
        self.height = page.get_size()[0 if page.get_rotation() in (90, 270) else 1]  # as displayed
        self._words: list[Word] | None = None
        self._lines: list[Line] | None = None
        self._textpage: pdfium.PdfTextPage | None = None

    def close(self) -> None:
        if self._textpage is not None:
            self._textpage.close()
        self.page.close()

    def textpage(self) -> pdfium.PdfTextPage:
        if self._textpage is None:
            self._textpage = self.page.get_textpage()
        return self._textpage

    def has_text(self) -> bool:
        return self.textpage().count_chars() > 0

    def has_images(self) -> bool:
        return next(_objects(self.page.raw, raw.FPDF_PAGEOBJ_IMAGE), None) is not None

    # -------------------------------------------------------------- words

    def words(self) -> list[Word]:
        if self._words is None:
            self._words = self._read_words(self._rule_xs())
        return self._words

    def lines(self) -> list[Line]:
        """The page's words in lines, top to bottom (worked out once: the text, the text around
        the tables and the unruled tables all read them)."""
        if self._lines is None:
            self._lines = to_lines(self.words())
        return self._lines

    def _read_words(self, rules: dict[float, list[tuple[float, float]]]) -> list[Word]:
        textpage = self.textpage()
        tp = textpage.raw
        n = raw.FPDFText_CountChars(tp)
        text = textpage.get_text_range(0, n) if n > 0 else ""
        if len(text) != n:  # characters outside the BMP: fall back to one call per character
            text = "".join(chr(raw.FPDFText_GetUnicode(tp, i)) for i in range(n))
        out = (ctypes.c_double * 6)()  # what the calls write
        at = ctypes.addressof(out)
        ox, oy, bl, br, bb, bt = (at + 8 * k for k in range(6))  # origin x, y; box left, right, bottom, top
        page = ctypes.cast(tp, ctypes.c_void_p).value
        rule_xs = sorted(rules)
        a, b, c, d, e, f = self.display  # inline: this loop runs for every word of every page
        words: list[Word] = []
        last_end = 0  # where the last word ended in the text
        for m in WORD.finditer(text):
            token = m.group()
            i, j = m.start(), m.end() - 1 - (token[-1] == "\ufffe")
            broken = "\n" in text[last_end:i]  # (pdfium breaks some pages' lines between every few letters)
            last_end = m.end()
            _ORIGIN(page, i, ox, oy)
            _BOX(page, j, bl, br, bb, bt)
            size = _SIZE(page, i) or 8.0
            x, y, left, right, bottom, top = out[:]  # a slice: one list, faster than unpacking the array
            x0, base = a * x + c * y + e, b * x + d * y + f
            x1 = max(x0, a * left + c * bottom + e, a * right + c * top + e)
            word = Word(token.replace("\ufffe", "-"), x0, x1, base - (1 - DESCENT) * size, base + DESCENT * size,
                        size)
            if broken and words and _glued(words[-1], word, rule_xs):
                last = words[-1]  # a "line break" between letters printed side by side: one word
                words[-1] = Word(last.text + word.text, last.x0, max(last.x1, word.x1), last.top, last.bottom, last.size)
                continue
            k = bisect_right(rule_xs, x0 + 0.5)
            if k < len(rule_xs) and rule_xs[k] < x1 - 0.5 and _crosses(rules[rule_xs[k]], word):
                words.extend(self._split(tp, i, token, word, rule_xs[k]))
            else:
                words.append(word)
        return words

    def _split(self, tp, start: int, text: str, word: Word, at: float) -> list[Word]:
        """A word that runs across a vertical rule (two cells' texts with no space between)."""
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        cut = len(text)
        def left_right(k: int) -> tuple[float, float]:
            raw.FPDFText_GetCharBox(tp, start + k, *(ctypes.byref(v) for v in (left, right, bottom, top)))
            xs = (_apply(self.display, left.value, bottom.value)[0], _apply(self.display, right.value, top.value)[0])
            return min(xs), max(xs)

        for k in range(len(text)):
            if sum(left_right(k)) / 2 > at:
                cut = k
                break
        if cut in (0, len(text)):
            return [word]
        split = left_right(cut)[0]
        return [Word(text[:cut], word.x0, split, word.top, word.bottom, word.size),
                Word(text[cut:], split, word.x1, word.top, word.bottom, word.size)]

    def bullets(self) -> list[tuple[float, float, float]]:
        """(x1, top, bottom) of the list bullets printed on the page (its words leave them out)."""
        textpage = self.textpage()
        text = textpage.get_text_range()
        if len(text) != textpage.count_chars():  # characters outside the BMP: indexes would not match
            return []
        out = []
        for m in BULLET.finditer(text):
            left, bottom, right, top = textpage.get_charbox(m.start())
            corners = [_apply(self.display, x, y) for x, y in ((left, bottom), (right, top))]  # as displayed
            out.append((max(x for x, _ in corners), min(y for _, y in corners), max(y for _, y in corners)))
        return out

    def text(self) -> str:
        """The page's text line by line, top to bottom (what pdfplumber's extract_text gives)."""
        return lines_text(self.lines())

    def context(self, top: float) -> str:
        """The text printed above `top` on the page."""
        above = ([w.text for w in line.words if w.top < top] for line in self.lines())
        return "\n".join(fold(" ".join(texts)) for texts in above if texts)

    # -------------------------------------------------------------- rules and ruled tables

    def edges(self) -> list[dict]:
        """Horizontal and vertical segments of the page's paths, merged as pdfplumber merges
        them (snapped and joined within 3 points), shorter than 3 points dropped."""
        if not hasattr(self, "_edges"):
            found = []
            for obj, matrix in _objects(self.page.raw, raw.FPDF_PAGEOBJ_PATH):
                found.extend(_segments(obj, _compose(matrix, self.display)))
            edges = merge_edges(found, snap_x_tolerance=SNAP, snap_y_tolerance=SNAP,
                                join_x_tolerance=JOIN, join_y_tolerance=JOIN) if found else []
            self._edges = filter_edges(edges, min_length=EDGE_MIN_LENGTH)
        return self._edges

    def _rule_xs(self) -> dict[float, list[tuple[float, float]]]:
        rules: dict[float, list[tuple[float, float]]] = defaultdict(list)
        for e in self.edges():
            if e["orientation"] == "v":
                rules[e["x0"]].append((e["top"], e["bottom"]))
        return rules

    def ruled_tables(self) -> list[RuledTable]:
        edges = self.edges()
        if not edges:
            return []
        edges = edges + page_break_rules(edges, self.height) + open_sides(edges)
        tables = [Table(None, cells) for cells in connected_tables(grid_cells(intersections(edges)))]
        return [RuledTable(t.rows, self._texts(t.rows), t.bbox) for t in tables]

    def _by_middle(self) -> tuple[list[Word], list[float]]:
        """The page's words top to bottom by their middles, and the middles (for bisecting)."""
        if not hasattr(self, "_middles"):
            words = sorted(self.words(), key=_v_mid)
            self._middles = words, [_v_mid(w) for w in words]
        return self._middles

    def _texts(self, rows) -> list[list[str | None]]:
        """Each cell's words (their middle inside the cell, as pdfplumber places characters)
        as lines of text."""
        words, mids = self._by_middle()
        out = []
        for row in rows:
            cells = [c for c in row.cells if c is not None]  # side by side, left to right
            lefts = [c[0] for c in cells]
            placed: dict[int, list[Word]] = defaultdict(list)
            for w in words[bisect_left(mids, row.bbox[1]):bisect_left(mids, row.bbox[3])]:
                k = bisect_right(lefts, (w.x0 + w.x1) / 2) - 1
                if k >= 0 and _inside(w, cells[k]):
                    placed[k].append(w)
            texts = iter([_cell_text(placed[k]) for k in range(len(cells))])
            out.append([None if cell is None else next(texts) for cell in row.cells])
        return out


def _glued(last: Word, word: Word, rule_xs: list[float]) -> bool:
    """Two pieces pdfium's text breaks apart that stand on one baseline, the second right after
    the first (closer than a fifth of the type's size), with no rule between: one word."""
    gap = word.x0 - last.x1
    return abs(word.bottom - last.bottom) < 0.5 and -0.5 <= gap <= 0.2 * last.size \
        and bisect_right(rule_xs, last.x1 - 0.5) == bisect_right(rule_xs, word.x0 + 0.5)


def _v_mid(w: Word) -> float:
    return (w.top + w.bottom) / 2


def _inside(w: Word, bbox) -> bool:
    h_mid, v_mid = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return bbox[0] <= h_mid < bbox[2] and bbox[1] <= v_mid < bbox[3]


def _cell_text(words: list[Word]) -> str:
    """Words clustered into lines by their tops (within 3 points of the previous one)."""
    if not words:
        return ""
    lines: list[list[Word]] = []
    last = None
    for w in sorted(words, key=lambda w: w.top):
        if last is not None and w.top <= last + LINE_CLUSTER:
            lines[-1].append(w)
        else:
            lines.append([w])
        last = w.top
    return "\n".join(" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines)


def _crosses(spans: list[tuple[float, float]], word: Word) -> bool:
    mid = (word.top + word.bottom) / 2
    return any(top <= mid <= bottom for top, bottom in spans)


PAGE_END = 0.2  # the top and bottom fifth of a page, where a page break cuts a row


def page_break_rules(edges: list[dict], height: float) -> list[dict]:
    """The rules a page break left out: where three or more column rules of a ruled table end
    together below its last row rule, near the foot of the page, the row they frame was cut by
    the page (its closing rule is printed on the next page, or never); a rule joining their ends
    closes it. Likewise for column rules starting together above the first row rule near the
    head of the page. The table must have two closed rows, and the open part be no taller than
    twice the tallest: a table ruled only by its columns stays unruled."""
    verticals = [e for e in edges if e["orientation"] == "v"]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    added = []
    for end, outward, near in (("bottom", 1, lambda y: y > height * (1 - PAGE_END)),
                               ("top", -1, lambda y: y < height * PAGE_END)):
        for group in _together(sorted(verticals, key=lambda e: e[end]), end):
            y = group[0][end]
            xs = sorted({round(e["x0"], 1) for e in group})
            if len(xs) < 3 or not near(y):
                continue
            rules = sorted({round(h["top"], 1) for h in horizontals if h["x0"] <= xs[0] + SNAP
                            and h["x1"] >= xs[-1] - SNAP and min(e["top"] for e in group) - SNAP <= h["top"]
                            <= max(e["bottom"] for e in group) + SNAP})
            if len(rules) < 3:  # a header and a row at least, closed
                continue
            open_part = (y - rules[-1]) if outward > 0 else (rules[0] - y)
            if SNAP < open_part <= 2 * max(b - a for a, b in zip(rules, rules[1:])):
                added.append({"x0": xs[0], "x1": xs[-1], "top": y, "bottom": y, "width": xs[-1] - xs[0],
                              "height": 0.0, "orientation": "h", "object_type": "line"})
    return added


def open_sides(edges: list[dict]) -> list[dict]:
    """The outer rules of a table printed without its box, only the rules between its rows and
    columns (Word's inside borders): two or more row rules of one extent with column rules
    between their ends that do not reach those ends get a column rule joining the ends on each
    side; column rules reaching together past the outermost row rule get a row rule joining
    them, the open part no taller than twice the tallest row the rules close (a table ruled by
    its columns and a rule under its header stays unruled)."""
    verticals = [e for e in edges if e["orientation"] == "v"]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    added = []
    for hs in _same_extent(horizontals):
        x0, x1 = hs[0]["x0"], hs[0]["x1"]
        vs = [v for v in verticals if x0 - SNAP <= v["x0"] <= x1 + SNAP
              and v["bottom"] >= hs[0]["top"] - SNAP and v["top"] <= hs[-1]["top"] + SNAP]
        if len(vs) < 2:
            continue
        top, bottom = min(hs[0]["top"], *(v["top"] for v in vs)), max(hs[-1]["top"], *(v["bottom"] for v in vs))
        for x in (x0, x1):
            if not any(abs(v["x0"] - x) <= SNAP and v["top"] < bottom and v["bottom"] > top for v in verticals):
                added.append({"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0,
                              "height": bottom - top, "orientation": "v", "object_type": "line"})
        tallest = max(b["top"] - a["top"] for a, b in zip(hs, hs[1:]))
        for y, ends in ((top, [v["top"] for v in vs]), (bottom, [v["bottom"] for v in vs])):
            inner = hs[0]["top"] if y == top else hs[-1]["top"]
            if SNAP < abs(y - inner) <= 2 * tallest and sum(abs(end - y) <= SNAP for end in ends) >= 2 \
                    and not any(abs(h["top"] - y) <= SNAP and h["x0"] < x1 and h["x1"] > x0 for h in horizontals):
                added.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0,
                              "height": 0.0, "orientation": "h", "object_type": "line"})
    return added


def _same_extent(horizontals: list[dict]) -> list[list[dict]]:
    """Row rules in groups of two or more that begin and end together, each top to bottom."""
    groups: list[list[dict]] = []
    for h in sorted(horizontals, key=lambda e: e["top"]):
        group = next((g for g in groups if abs(g[0]["x0"] - h["x0"]) <= SNAP and abs(g[0]["x1"] - h["x1"]) <= SNAP),
                     None)
        if group is None:
            groups.append([h])
        else:
            group.append(h)
    return [g for g in groups if len(g) >= 2]


def _together(verticals: list[dict], end: str) -> list[list[dict]]:
    """Vertical rules (sorted by `end`) in groups whose `end`s lie within SNAP of the next."""
    groups: list[list[dict]] = []
    for e in verticals:
        if groups and e[end] - groups[-1][-1][end] <= SNAP:
            groups[-1].append(e)
        else:
            groups.append([e])
    return groups


def intersections(edges: list[dict]) -> dict[tuple[float, float], tuple[set[int], set[int]]]:
    """pdfplumber's `edges_to_intersections` (the points where a vertical and a horizontal edge
    meet within INTERSECT points), each point with the ids of its vertical and its horizontal
    edges; the horizontals near each vertical are bisected for instead of all scanned."""
    horizontals = sorted((e for e in edges if e["orientation"] == "h"), key=lambda e: e["top"])
    tops = [h["top"] for h in horizontals]
    points: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    for v in edges:
        if v["orientation"] != "v":
            continue
        x = v["x0"]
        for h in horizontals[bisect_left(tops, v["top"] - INTERSECT):bisect_right(tops, v["bottom"] + INTERSECT)]:
            if h["x0"] - INTERSECT <= x <= h["x1"] + INTERSECT:
                vs, hs = points.setdefault((x, h["top"]), (set(), set()))
                vs.add(id(v))
                hs.add(id(h))
    return points


def grid_cells(points: dict[tuple[float, float], tuple[set[int], set[int]]]) -> list[tuple[float, float, float, float]]:
    """pdfplumber's `intersections_to_cells` (for each intersection, the smallest cell whose
    four corners are intersections joined by edges), with each corner's neighbours below and
    to the right looked up by column and row instead of scanned from all points. Two points
    are joined when they share an edge: a vertical one in a column, a horizontal one in a row."""
    columns: dict[float, list] = defaultdict(list)
    rows: dict[float, list] = defaultdict(list)
    place = {}  # a point's index in its column and in its row
    for pt in sorted(points):
        place[pt] = len(columns[pt[0]]), len(rows[pt[1]])
        columns[pt[0]].append(pt)
        rows[pt[1]].append(pt)
    cells = []
    for pt, (i, j) in place.items():
        verticals, horizontals = points[pt]
        rights = rows[pt[1]][j + 1:]
        for d in columns[pt[0]][i + 1:]:
            if verticals.isdisjoint(points[d][0]):
                continue
            d_horizontals = points[d][1]
            cell = next(((pt[0], pt[1], r[0], d[1]) for r in rights if not horizontals.isdisjoint(points[r][1])
                         and (corner := points.get((r[0], d[1])))
                         and not corner[0].isdisjoint(points[r][0]) and not corner[1].isdisjoint(d_horizontals)),
                        None)
            if cell is not None:
                cells.append(cell)
                break
    return cells


def connected_tables(cells: list[tuple[float, float, float, float]]) -> list[list[tuple]]:
    """pdfplumber's `cells_to_tables`: the cells in groups that touch corner to corner, the
    groups of more than one cell, top to bottom then left to right (by their top-left corner);
    grouped through their shared corners at once instead of sweeping the cells again and again."""
    parent = list(range(len(cells)))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    first_at: dict[tuple[float, float], int] = {}
    for k, (x0, top, x1, bottom) in enumerate(cells):
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            other = first_at.setdefault(corner, k)
            if other != k:
                parent[root(other)] = root(k)
    groups: dict[int, list[tuple]] = {}
    for k, cell in enumerate(cells):
        groups.setdefault(root(k), []).append(cell)
    tables = sorted(groups.values(), key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _objects(page_raw, kind: int):
    """(object, its matrix to page space) for every object of this kind (a path, an image),
    inside form XObjects too; objects are plain addresses."""
    page = ctypes.cast(page_raw, ctypes.c_void_p).value
    stack = [(_COUNT_OBJECTS(page), lambda k: _OBJECT(page, k), _IDENTITY)]
    while stack:
        count, get, outer = stack.pop()
        for k in range(count):
            obj = get(k)
            found = _TYPE(obj)
            if found == kind:
                yield obj, outer
            elif found == raw.FPDF_PAGEOBJ_FORM:
                inner = _compose(_matrix(obj), outer)
                stack.append((_FORM_COUNT(obj), lambda n, o=obj: _FORM_OBJECT(o, n), inner))


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _matrix(obj: int) -> tuple[float, ...]:
    m = raw.FS_MATRIX()
    _MATRIX(obj, ctypes.addressof(m))
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _display(page: pdfium.PdfPage) -> tuple[float, ...]:
    """The matrix from the page's PDF space to the page as displayed (its /Rotate applied,
    clockwise), with the origin at the top left and y down."""
    x0, y0, x1, y1 = page.get_mediabox()
    return {90: (0.0, 1.0, 1.0, 0.0, -y0, -x0), 180: (-1.0, 0.0, 0.0, 1.0, x1, -y0),
            270: (0.0, -1.0, -1.0, 0.0, y1, x1)}.get(page.get_rotation(), (1.0, 0.0, 0.0, -1.0, 0.0, y1))


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _compose(inner, outer):
    """inner then outer (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _segments(obj: int, outer) -> list[dict]:
    """The straight horizontal and vertical pieces of a path, as pdfplumber edge dicts (`outer`:
    from the path's space to the displayed page's, y down)."""
    a, b, c, d, e, f = _compose(_matrix(obj), outer)
    xy = (ctypes.c_float * 2)()
    px, py = ctypes.addressof(xy), ctypes.addressof(xy) + ctypes.sizeof(ctypes.c_float)
    edges = []
    start = current = None
    for k in range(_COUNT_SEGMENTS(obj)):
        seg = _SEGMENT(obj, k)
        _POINT(seg, px, py)
        x, y = xy[:]
        point = (a * x + c * y + e, b * x + d * y + f)
        kind = _SEGMENT_TYPE(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = current = point
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and current is not None:
            _add_edge(edges, current, point)
        current = point
        if _CLOSES(seg) and start is not None:
            _add_edge(edges, current, start)
            current = start
    return edges


def _add_edge(edges: list[dict], p, q) -> None:
    """An edge from p to q (displayed page points, y down) when it is horizontal or vertical."""
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 0.01 and abs(x0 - x1) >= 1:
        top = y0
        edges.append({"x0": min(x0, x1), "x1": max(x0, x1), "top": top, "bottom": top, "width": abs(x1 - x0),
                      "height": 0.0, "orientation": "h", "object_type": "line"})
    elif abs(x0 - x1) < 0.01 and abs(y0 - y1) >= 1:
        top, bottom = min(y0, y1), max(y0, y1)
        edges.append({"x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
                      "orientation": "v", "object_type": "line"})


def open_pages(data: bytes):
    """The document, its number of pages and a generator of its pages, each loaded only when
    it is read. An empty user password opens (as a viewer opens it without asking)."""
    doc = pdfium.PdfDocument(data, password="")
    return doc, len(doc), (PdfiumPage(doc[k]) for k in range(len(doc)))
