"""Pledges printed outside tables: the bulleted or numbered lists (and one-sentence paragraphs
under a heading) of a charter page, read from a grid of text lines (`Grid.text_lines`).

  lines -> blocks (a bullet or a number starts one; a PDF line close under it continues it)
  -> headings, pledges, other text. A pledge needs a charter context (the title or a line
  before it: "Piagam Pelanggan", "Kami berjanji ...") and a time standard the sentence
  promises ("dalam tempoh 3 hari bekerja"); vision, mission, addresses and notes have none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .columns import item_token
from .grid import Grid
from .text import Standard, fold, looks_like_heading, pledged_standard

BULLET = re.compile(r"^(?:[•●▪■◦·*\-–→➢➤✓✔]|[\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf0a8])\s*")
CHARTER = re.compile(
    r"piagam\s+pelanggan|client'?s?\s+charter|customer\s+charter|kami\s+(?:berjanji|komited|menjamin|berikrar)"
    r"|janji\s+(?:kami|perkhidmatan)|our\s+(?:pledge|promise|commitment)|we\s+(?:pledge|promise)",
    re.I,
)
# "1. ", "3.1. ", "a) ", "(iv) ", glued "2.Aduan", "3.90% ..." (item 3): not "3 hari"
NUMBERED = re.compile(r"^\(?[\dA-Za-z.]{1,8}[.)](?:\s|(?=[A-Z])|(?=(?:\d{2}|100)\s*%))")
NOT_PLEDGE = re.compile(r"^(?:nota|catatan|notes?|perhatian|peringatan)\b", re.I)
# headings under which nothing is a pledge, whatever times the text names
NOT_PLEDGES = re.compile(r"^(?:visi|misi|objektif|matlamat|moto|slogan|dasar kualiti|alamat|hubungi|"
                         r"waktu (?:pejabat|operasi|urusan)|vision|mission|objectives?|address|contact)\b", re.I)
MAX_PLEDGE = 400  # characters: a longer block is a paragraph of prose, not one pledge


@dataclass
class Block:
    first: int  # row index of its first line in the grid
    last: int
    marked: bool  # it starts with a bullet or an item number
    item_no: str | None
    text: str  # without its bullet or number
    printed: str  # as printed, lines joined


@dataclass
class Pledge:
    block: Block
    section: str | None
    standard: Standard


def blocks(grid: Grid) -> list[Block]:
    """The grid's lines as blocks of text. In a PDF a wrapped line (close under the line
    before, with no bullet or number of its own, not a heading) continues its block."""
    out: list[Block] = []
    for r, row in enumerate(grid.rows):
        line = fold(row[0])
        if not line:
            continue
        bullet = BULLET.match(line)
        token, rest = item_token(line)
        if bullet or numbered(line):
            text = line[bullet.end():] if bullet else rest
            out.append(Block(r, r, True, None if bullet else token, text, line))
        elif out and _wraps(grid, out[-1].last, r) and not looks_like_heading(line) \
                and not (not out[-1].marked and looks_like_heading(out[-1].text)):
            out[-1].text, out[-1].printed, out[-1].last = f"{out[-1].text} {line}", f"{out[-1].printed} {line}", r
        else:
            out.append(Block(r, r, False, None, line, line))
    return out


def numbered(text: str) -> bool:
    """The text opens with an item number ("1. Aduan ...", "2.Aduan ..."; not "3 hari ...")."""
    token, rest = item_token(text)
    return token is not None and bool(rest) and bool(NUMBERED.match(text))


def _wraps(grid: Grid, above: int, below: int) -> bool:
    """Line `below` is the next line of the same block as line `above` (PDF lines only): close
    under it, and `above` stops mid-sentence."""
    a, b = grid.row_bboxes[above], grid.row_bboxes[below]
    if a is None or b is None or grid.row_pages[above] != grid.row_pages[below] \
            or re.search(r"[.:;!?]$", fold(grid.rows[above][0])):
        return False
    height = a[3] - a[1]
    return 0 <= b[1] - a[3] <= 0.6 * height and abs(b[0] - a[0]) <= 4 * height


def pledges(grid: Grid, charter: bool, section: str | None) -> tuple[list[Pledge], bool, str | None]:
    """The pledges of a grid of text lines, whether the charter context holds after it, and the
    heading in force after it (`section`: the one in force before)."""
    found: list[Pledge] = []
    heading, after_heading = section, False
    for block in blocks(grid):
        charter = charter or bool(CHARTER.search(block.text))
        standard = pledged_standard(block.text) if len(block.text) <= MAX_PLEDGE else None
        if standard is None and not block.marked and looks_like_heading(block.text):
            if not CHARTER.search(block.text):  # ("PIAGAM PELANGGAN" is the page's title, no division's)
                heading = block.text.rstrip(" :")
            after_heading = True
            continue
        pledged = charter and standard is not None and not NOT_PLEDGE.match(block.text) \
            and not (heading and NOT_PLEDGES.match(heading)) \
            and (block.marked or after_heading and _one_sentence(block.text))
        if pledged:
            found.append(Pledge(block, heading, standard))
        after_heading = after_heading and (block.marked or pledged)  # (a PDF draws a list's bullets: no text)
    return found, charter, heading


def _one_sentence(text: str) -> bool:
    return len(re.findall(r"[.!?](?:\s|$)", text.rstrip(". "))) == 0
