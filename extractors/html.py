"""HTML pages to grids: every <table>, rowspan and colspan expanded into a full grid, <br> and
block tags as line breaks inside a cell. Tables nested in a cell are read as their own grids; a
table the page is laid out in (menu and content cells around the report's tables) gives its text
to them as the text around them, as a page of divs would."""

from __future__ import annotations

import re
from itertools import islice

from lxml import etree

from .grid import Document, Grid
from .text import fold, parse_period

BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table"}
MAX_SPAN = 200  # a rowspan/colspan beyond this is a broken page, not a table
# Text inside these is code or annotation, not the page's text (in a cell, only script and style).
NOT_TEXT = {"script", "style", "template", "rt", "rp"}
WALK_EVENTS = ("start", "end", "comment", "pi")  # an element's text at its start, its tail at its end
FOOTNOTE_MARK = re.compile(r"\s*[\d*†‡#]{1,3}\s*")  # a superscript footnote reference in a cell
# What hides an element from some or all readers: inline style, the `hidden` attribute, and the
# responsive classes of CSS frameworks (Bootstrap's d-none / d-md-none / hidden-xs / visible-sm,
# Foundation's show-for-small-only, UIkit's uk-hidden, screen-reader-only copies); not classes
# that hide only in print ("hidden-print", "d-print-none") or only an overflow.
HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
HIDING_CLASS = re.compile(r"(?!\S*print|overflow)(?:d(?:-\w+)?-none|(?:\w+-)?hidden(?:-\w+)*|visible-\w+|hide(?:-\w+)*"
                          r"|show-for-[\w-]+"
                          r"|\w+-only|invisible)", re.I)


# Browsers read these labels as windows-1252 (WHATWG), and so do the pages that declare them.
AS_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"}
BOMS = {b"\xef\xbb\xbf": "utf-8-sig", b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}


def decode(data: bytes) -> str:
    """Text of an HTML document whatever its declared or undeclared encoding."""
    bom = next((enc for mark, enc in BOMS.items() if data.startswith(mark)), None)
    head = data[:4096].decode("ascii", "replace")
    m = re.search(r"charset\s*=\s*[\"']?([\w-]+)", head, re.I)
    declared = m.group(1).lower() if m else None
    declared = "windows-1252" if declared in AS_WINDOWS_1252 else declared
    candidates = [e for e in (bom, declared) if e] + ["utf-8", "windows-1252"]
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace")


def cell_text(cell: etree._Element) -> str:
    """A cell's text with <br> and block elements as line breaks, nested tables left out."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag
            if tag == "br":
                parts.append("\n")
            elif tag == "sup" and FOOTNOTE_MARK.fullmatch(text_of(child, "")):
                pass  # "95%<sup>1</sup>": a footnote's mark, not a digit of the figure
            elif isinstance(tag, str) and tag not in ("script", "style", "table"):  # not a comment
                block = tag in BLOCK_TAGS
                if block:
                    parts.append("\n")
                walk(child)
                if block:
                    parts.append("\n")
            if child.tail:
                parts.append(child.tail)

    if len(cell):
        walk(cell)
    else:  # most cells: text alone
        parts.append(cell.text or "")
    lines = [fold(line) for line in "".join(parts).replace("\xa0", " ").split("\n")]
    return "\n".join(line for line in lines if line)


def _span(cell: etree._Element, name: str) -> int:
    value = cell.get(name)
    if value is None:
        return 1
    try:
        return max(1, min(MAX_SPAN, int(value.strip() or 1)))
    except ValueError:
        return 1


def table_grid(table: etree._Element) -> list[list[str]]:
    """The full grid of one <table> as a browser shows it: spanned cells repeated into each
    position they cover, the footer's rows last, rows and cells the page hides left out."""
    rows = [tr for tr in table.iter("tr") if next(tr.iterancestors("table")) is table  # not a nested table's
            and not _hidden_by_page(tr)]
    # a <tfoot> (its totals) shows under the body wherever the page writes it (HTML 4 put it first)
    rows.sort(key=lambda tr: tr.getparent().tag == "tfoot")
    grid: list[list[str | None]] = []
    pending: dict[tuple[int, int], str] = {}  # (row, col) -> text carried by a rowspan
    for r, tr in enumerate(rows):
        line: list[str | None] = []
        col = 0

        def fill_pending() -> None:
            nonlocal col
            while (r, col) in pending:
                line.append(pending.pop((r, col)))
                col += 1

        fill_pending()
        for cell in tr:
            if cell.tag not in ("td", "th") or _hidden_by_page(cell):
                continue
            text = cell_text(cell)
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            for c in range(colspan):
                line.append(text)
                for k in range(1, rowspan):
                    if r + k < len(rows):
                        pending[(r + k, col)] = text
                col += 1
                fill_pending()
        grid.append(line)
    for (r, c), text in sorted(pending.items()):
        if r < len(grid):
            grid[r].extend([""] * (c - len(grid[r])) + [text])
    return [[c or "" for c in row] for row in grid]


def without_internal_subset(text: str) -> str:
    """The page without a DOCTYPE's internal subset ('<!DOCTYPE html [ <!ENTITY ...> ]>'): entity
    declarations there are attacks (entity expansion, external entities), never report content."""
    start = text.find("<!DOCTYPE", 0, 4096)
    if start == -1:
        start = text.find("<!doctype", 0, 4096)
    bracket = text.find("[", start, start + 200) if start != -1 else -1
    end = text.find("]>", bracket) if bracket != -1 and ">" not in text[start:bracket] else -1
    if end == -1:
        return text
    return text[:start] + "<!DOCTYPE html>" + text[end + 2:]


class HtmlError(Exception):
    """An HTML page lxml cannot read whole; the message is one sentence for the user."""

    status = "failed"


def parse(data: bytes) -> etree._Element | None:
    """The page's <html> element (None for a page without one element): lxml's HTML parser, told
    never to touch the network and to keep its size limits (no huge_tree); the HTML parser expands
    no entity declared in a page. XHTML is read as HTML on purpose."""
    parser = etree.HTMLParser(no_network=True)
    parser.feed(without_internal_subset(decode(data)).removeprefix("\ufeff"))
    root = parser.close()
    for error in parser.feed_error_log:
        # lxml stops at a fatal resource limit and drops the rest of the page, so the page is not
        # read at all rather than read in part; an over-long comment is only an error and harmless
        if error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT and error.level == etree.ErrorLevels.FATAL:
            if "depth" in error.message:
                raise HtmlError("The HTML nests its contents too deeply to be read.")
            raise HtmlError("The HTML holds a single text too long to be read (over 10 MB between two tags).")
    return root


def text_of(element: etree._Element, separator: str = " ") -> str:
    """The text a reader sees in an element: no comments, nothing inside script, style, template, rt
    or rp."""
    if element.tag in NOT_TEXT or next(element.iterancestors(*NOT_TEXT), None) is not None:
        return ""
    parts: list[str] = []
    walk = etree.iterwalk(element, events=WALK_EVENTS)
    for event, node in walk:
        if event == "start":
            if node.tag in NOT_TEXT:
                walk.skip_subtree()
            elif node.text:
                parts.append(node.text)
        elif node is not element and node.tail:
            parts.append(node.tail)
    return separator.join(parts)


def extract(data: bytes) -> Document:
    root = parse(data)
    if root is None:
        return Document(grids=[], title="", text=" ")
    title = next(root.iter("title"), None)
    title = fold(text_of(title, "")) if title is not None else ""
    grids = []
    hidden: set[int] = set()  # positions in `grids` of tables hidden from some readers
    context: list[str] = []

    def add_context(text: str | None) -> None:
        text = fold(text)
        if text:
            context.append(text)

    # Text before each table (headings, paragraphs) gives periods and sections.
    body = next(root.iter("body"), root)
    lines_before = text_flow(body)  # the running text outside tables, up to each table
    tables = 0  # tables open around the walk: their text is theirs, not context
    layouts: set[etree._Element] = set()  # tables the page is laid out in
    walk = etree.iterwalk(body, events=WALK_EVENTS)
    for event, node in walk:
        if event == "start":
            if node.tag == "template":  # never shown: what a script fills in
                walk.skip_subtree()
            elif node.tag == "table":
                lines = lines_before.pop(node, None)
                if lines:
                    grids.append(_lines_grid(lines, context, len(grids)))
                rows = table_grid(node)
                if any(any(c for c in row) for row in rows):
                    if is_hidden(node, body):
                        hidden.add(len(grids))
                    caption = [fold(text_of(c)) for c in node.iterchildren("caption")]  # its title, in the table
                    grids.append(Grid(rows, context="\n".join([*context, *filter(None, caption)][-6:]),
                                      locator=f"table[{len(grids) + 1}]"))
                if is_layout(node, rows):  # its text is the context of the tables it holds
                    layouts.add(node)
                else:
                    context = []
                    tables += 1
            elif not tables and node.tag not in ("script", "style", "time"):  # (<time>: when the page was posted)
                add_context(node.text)
            continue
        if event == "end" and node.tag == "table":
            tables -= node not in layouts
        elif event != "end" and not tables:  # a comment's text is context too
            add_context(node.text)
        if node is not body and not tables:
            add_context(node.tail)
    if lines_before.get(None):
        grids.append(_lines_grid(lines_before[None], context, len(grids)))
    grids = without_hidden_copies(grids, hidden)
    heading = " ".join(fold(text_of(h)) for h in islice(root.iter("h1", "h2", "h3"), 4))
    return Document(grids=grids, title=title or heading, text=heading + " " + fold(text_of(body))[:2000])


def _hidden_by_page(element: etree._Element) -> bool:
    """A row or cell the page itself hides from every reader (its style, its `hidden`
    attribute): a browser shows the table without it."""
    return bool(HIDING_STYLE.search(element.get("style", ""))) or element.get("hidden") is not None


def is_hidden(element: etree._Element, top: etree._Element) -> bool:
    """The element, or one around it up to `top`, is hidden from some readers: by its style,
    its `hidden` or `aria-hidden` attribute, a class that hides it at some screen size, or a
    <noscript> around it (shown only where scripts do not run)."""
    for node in (element, *element.iterancestors()):
        if _hidden_by_page(node) or node.tag == "noscript" or node.get("aria-hidden", "").strip().lower() == "true" \
                or any(HIDING_CLASS.fullmatch(name) for name in node.get("class", "").split()):
            return True
        if node is top:
            return False
    return False


def without_hidden_copies(grids: list[Grid], hidden: set[int]) -> list[Grid]:
    """The grids without the tables a page prints twice for different screens (one copy for
    phones, one for desktops, one of them hidden): a hidden table whose every cell text another
    table kept prints too, and whose heading names no period of its own (a closed tab or
    accordion of another month under its own heading is that month's table, whatever its
    figures). Hidden tables of their own and identical tables all shown stay."""
    if not hidden:
        return grids
    texts = [{_as_compared(cell) for row in grid.rows for cell in row if cell} for grid in grids]
    dropped: set[int] = set()
    for i in sorted(hidden):
        own = _heading_period(grids[i].context)
        if any(j != i and j not in dropped and not grids[j].text_lines and texts[i] <= texts[j]
               and own in (None, _heading_period(grids[j].context)) for j in range(len(grids))):
            dropped.add(i)
    return [grid for i, grid in enumerate(grids) if i not in dropped]


def _as_compared(cell: str) -> str:
    """A cell's text as two copies of a table are compared, one copy printing "95 %" and "1 240"
    where the other prints "95%" and "1,240": no space before "%", no thousands separator."""
    return re.sub(r"(?<=\d)[,.\s](?=\d{3}(?!\d))", "", re.sub(r"\s+%", "%", cell))


def _heading_period(context: str) -> str | None:
    """The period the last line naming one before a table names ("Februari 2026")."""
    periods = (parse_period(line) for line in reversed(context.split("\n")) if len(line) < 100)
    return next((p.label for p in periods if p is not None), None)


def is_layout(table: etree._Element, rows: list[list[str]] | None = None) -> bool:
    """A table the page is laid out in (a menu cell and a content cell), whose cells hold the
    headings, paragraphs and lists around the report's tables: it holds tables, and none of its
    own rows (`rows`, its grid) holds three texts, as a report table's rows do."""
    if next(table.iterdescendants("table"), None) is None:
        return False
    return all(len({text for text in row if text}) < 3 for row in (table_grid(table) if rows is None else rows))


def _lines_grid(lines: list[str], context: list[str], n: int) -> Grid:
    return Grid([[line] for line in lines], context="\n".join(context[-6:]), locator=f"text[{n + 1}]",
                text_lines=True)


SKIPPED = {"script", "style", "head", "title", "noscript", "template"}


def _children(element: etree._Element) -> list:
    """An element's text, child elements and the text after each, in page order."""
    children = [element.text] if element.text else []
    for child in element:
        children.append(child)
        if child.tail:
            children.append(child.tail)
    return children


def text_flow(body: etree._Element) -> dict[etree._Element | None, list[str]]:
    """The lines of text outside tables, as a browser shows them (a list item with its bullet
    or its number), grouped by the table they stand before (the <table>; None for the lines
    after the last table)."""
    groups: dict[etree._Element | None, list[str]] = {}
    lines: list[str] = []
    parts: list[str] = []
    marker: list[str] = []  # the bullet or number of the list item whose first line is pending

    def flush() -> None:
        text = fold("".join(parts).replace("\xa0", " "))
        parts.clear()
        if text:
            lines.append(f"{marker.pop()} {text}".strip() if marker else text)

    # a walk with a stack of its own (a page may nest tags deeper than Python's recursion):
    # ("node", node, in_item), ("flush",), ("marker", text or None)
    stack: list[tuple] = [("node", body, False)]
    while stack:
        op = stack.pop()
        if op[0] == "flush":
            flush()
            continue
        if op[0] == "marker":
            flush()
            marker[:] = [op[1]] if op[1] is not None else []
            continue
        node, in_item = op[1], op[2]
        if isinstance(node, str):
            parts.append(node)
            continue
        if not isinstance(node.tag, str) or node.tag in SKIPPED:  # a comment, or no text to show
            continue
        if node.tag == "table" and not is_layout(node):
            if node is not body:
                flush()
                groups[node] = lines.copy()
                lines.clear()
                continue
        if node.tag == "br":
            if in_item:
                parts.append(" ")
            else:
                flush()
            continue
        todo: list[tuple] = []
        if node.tag in ("ul", "ol") and node is not body:
            n = _span(node, "start") - 1 if node.tag == "ol" else 0
            todo = [("marker", None)]
            for child in _children(node):  # its items, and what a sloppy page nests beside them
                if not isinstance(child, str) and child.tag == "li":
                    n += 1
                    todo += [("marker", _list_marker(node, n))] + [("node", c, True) for c in _children(child)] \
                        + [("marker", None)]
                else:
                    todo.append(("node", child, in_item))
        elif node.tag in BLOCK_TAGS and node is not body:
            todo = [("flush",)] + [("node", c, in_item) for c in _children(node)] + [("flush",)]
        else:
            todo = [("node", c, in_item) for c in _children(node)]
        stack.extend(reversed(todo))
    flush()
    if lines:
        groups[None] = lines
    return groups


def _list_marker(node: etree._Element, n: int) -> str:
    """What a browser prints before item n of a list: "•", "3.", "c.", "iv."; nothing when the
    list's style says none."""
    style = str(node.get("style", "")).replace(" ", "").lower()
    if "list-style-type:none" in style or "list-style:none" in style:
        return ""
    if node.tag == "ul":
        return "•"
    kind = str(node.get("type", "1"))
    if kind in ("a", "A"):
        label = chr(ord(kind) + (n - 1) % 26)
    elif kind in ("i", "I"):
        label = _roman(n) if kind == "I" else _roman(n).lower()
    else:
        label = str(n)
    return label + "."


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out
