"""What a table column holds, read from its header wording (Malay and English) and its cells.

Header wordings seen in published reports (see LAYOUTS.md): "Jumlah Menepati Standard",
"% Tidak Menepati", "Melebihi 1 minggu", "Fulfilled / Exceeded", "Numerator | Denominator",
"JUMLAH KESELURUHAN", "SASARAN", "PENCAPAIAN (%)", "KUMULATIF", "TINDAKAN", "Catatan", and
one column per month or quarter. Roles are decided by meaning, never by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..schema.checks import pct_agrees
from .text import (DURATION_UNIT, MONTHS, NONE_WORDS, NOT_PUBLISHED, YEAR, Period, cached, column_period, find_year,
                   fold, parse_figure)

ITEM, SECTION, PLEDGE, STANDARD = "item_no", "section", "pledge", "standard"
MET, MET_PCT, MISSED, MISSED_PCT, TOTAL = "met", "met_pct", "missed", "missed_pct", "total"
TARGET, ACHIEVEMENT, CUMULATIVE = "target_pct", "achievement_pct", "cumulative"
NARRATIVE, RESPONSIBLE, REMARKS, PERIOD = "narrative", "responsible", "remarks", "period"
PENDING = "pending"  # cases still being handled ("Dalam Tindakan", "Baki"): neither met nor missed yet
BROUGHT_FORWARD = "brought_forward"  # cases left from the period before ("Baki Bulan Lepas"): a part of the workload
OVERALL = "overall"  # beside period columns: the figure of their whole span ("PURATA PENCAPAIAN (%)")
ROW_PERIOD = "row_period"  # a column of months down the rows: each row is that period of one pledge
FIGURE_ROLES = {MET, MET_PCT, MISSED, MISSED_PCT, TOTAL, TARGET, ACHIEVEMENT, CUMULATIVE, PERIOD, OVERALL}


def _rx(*words: str) -> re.Pattern:
    return re.compile(r"(?<![a-z])(?:" + "|".join(words) + r")(?![a-z])", re.I)


PCT_WORDS = _rx("%", "peratus", "peratusan", "percent", "percentage", r"\(%\)", "rate", "kadar")
NEGATIVE = _rx(r"tidak\s+menepati", r"lebih\s+dari(?:pada)?\s+tempoh", r"selepas\s+tempoh", r"tidak\s+mencapai", r"tidak\s+selesai", "melebihi", "exceeded",
               "exceed", r"not\s+met", r"not\s+fulfilled", r"unfulfilled", r"gagal", r"lewat", "late",
               r"luar\s+tempoh", r"tidak\s+(?:patuh|mematuhi)", "missed", r"tidak\s+(?:ter|di)?capai",
               r"belum\s+(?:di)?selesai(?:kan)?", "tertunggak", "beyond", r"not\s+within",
               r"not\s+achieved", r"not\s+completed", r"not\s+on\s+time", r"tidak\s+dalam\s+tempoh",
               r"tidak\s+diselesaikan", r"tidak\s+disiapkan", r"tidak\s+tepat(?:\s+pada)?\s+masa(?:nya)?",
               r"lebih\s+tempoh", "melepasi", "melampaui", "exceeding", "delayed", "overdue", r"tidak\s+berjaya",
               r"tidak\s+(?:meng)?ikut", r"non-?\s?complian(?:t|ce)", r"behind\s+schedule", r"(?:belum|tidak)\s+siap",
               "tertangguh", r">\s*\d", r"(?<!tidak\s)lebih\s+(?:dari(?:pada)?\s+)?\d", r"more\s+than\s+\d", r"(?:did|does)\s+not\s+meet", r"not\s+meet(?:ing)?", "unmet", "outside")
POSITIVE = _rx("menepati", "fulfilled", "met", "mencapai", r"dalam\s+tempoh", "numerator",
               "selesai", "diselesaikan", "disiapkan", "achieved", "resolved", "completed", "on time", "within", "patuh",
               "mematuhi", "tercapai", "dicapai", r"tepat(?:\s+pada)?\s+masa(?:nya)?", r"tidak\s+melebihi",
               "capai", "berjaya", r"(?:meng)?ikut\s+(?:piagam|tempoh|jadual|standard)", r"complian(?:t|ce)",
               r"on\s+schedule", "siap", r"[<≤]\s*\d", r"dalam\s+(?:masa\s+|tempoh\s+)?\d", r"kurang\s+(?:dari(?:pada)?\s+)?\d",
               r"less\s+than\s+\d", r"tidak\s+lebih\s+(?:dari(?:pada)?\s+)?\d")
TOTAL_WORDS = _rx(r"jumlah\s+perkhidmatan", r"jumlah\s+keseluruhan", r"jumlah\s+diterima", "denominator",
                  "total", r"(?:no\.?|number)\s+of\s+(?:applications|cases|complaints|requests)", r"jumlah\s+kes", r"jumlah\s+permohonan", r"jumlah\s+aduan", "diterima",
                  r"bilangan\s+(?:kes|permohonan|aduan|diterima)", r"bil\.?\s+(?:mohon|permohonan|aduan|kes|terima)", "terima",
                  "jumlah", "received", "keseluruhan", "bilangan")
TARGET_WORDS = _rx("sasaran", "target", "kpi")
ACHIEVE_WORDS = _rx("pencapaian", "achievement", "prestasi", "performance", "capaian")
PENDING_WORDS = _rx(r"dalam\s+tindakan", r"dalam\s+proses", r"sedang\s+diproses", r"sedang\s+diambil\s+tindakan",
                    r"in\s+progress", "pending", r"under\s+process(?:ing)?", "baki", "balance", "outstanding", r"carried\s+forward",
                    r"c/f")
BROUGHT_FORWARD_WORDS = _rx(r"bulan\s+(?:lepas|lalu|sebelum(?:nya)?)", r"tahun\s+(?:lepas|lalu)", "terdahulu",
                            r"baki\s+awal", r"brought\s+forward", r"b/f", r"previous\s+(?:month|period|year)",
                            r"last\s+(?:month|year)")
CUMULATIVE_WORDS = _rx("kumulatif", "cumulative", "terkumpul", "year to date", "ytd", "setakat ini")
RESPONSIBLE_WORDS = _rx("tanggungjawab", "bertanggungjawab", "tindakan", "bhg", "responsible", "pelaksana", "pemilik",
                        "owner", "action by", "pegawai bertanggungjawab", "seksyen/unit", "bahagian/seksyen/unit")
OWNER_WORDS = _rx("tanggungjawab", "bertanggungjawab", "responsible", "owner", "pemilik", "pegawai")
SECTION_WORDS = _rx("bahagian", "unit", "jabatan", "seksyen", "division", "department", "cawangan",
                    "pusat tanggungjawab", "pejabat", "zon")
PLEDGE_WORDS = _rx("janji", "piagam", "perkara", "perkhidmatan", "pledge", "service", "services",
                   "program", "jenis", "aktiviti", "proses", "charter", "butiran", "keterangan perkhidmatan",
                   "deskripsi", "description", "item")
STANDARD_WORDS = _rx("tempoh", "standard", "standards", "masa", "piawaian", "kualiti", "kuantiti",
                     "time", "duration", "tempoh masa")
AGAINST_TARGET = _rx("berbanding", "against", "versus", "vs", "sasaran", "target", "kpi")
REMARK_WORDS = _rx("catatan", "sebab", "justifikasi", "ulasan", "remarks", "remark", "kaedah",
                   "pengukuran", "reason", "reasons", "notes", "note", "keterangan", "matlamat",
                   "indikator", "goal", "indicator", "measure", "punca", "status")
MEASURE_WORDS = _rx("kaedah", "pengukuran", "indikator", "indicator", "measure", "measurement")  # how a pledge is measured
REMARK_FIRST = _rx("indikator", "indicator", r"kaedah\s+pengukuran", "justifikasi", "sebab", "reasons?")
AVERAGE_WORDS = _rx("purata", "average", "mean", "min")
ROW_PERIOD_HEADER = re.compile(r"^(?:bulan|month|months|tempoh laporan|period)$", re.I)
ITEM_HEADER = re.compile(r"^(?:bil|no|#|num|nombor|item no|s/n|sn)\.?(?:\s*/\s*(?:no|bil|#)\.?)?$", re.I)


@dataclass
class Column:
    index: int
    header: str  # the header texts of the column joined top to bottom
    role: str | None
    period: Period | None = None
    group: Period | None = None  # a period column's group header when it is a period ("1st Quarter" over "Jan")
    guessed: bool = False  # the role was inferred from what the cells hold, no header names it


@cached
def header_role(header: str, year: int | None) -> tuple[str | None, Period | None]:
    """The role a header wording names, or None when the wording says nothing known. A word
    broken over two lines of a narrow cell ("SASARA / N (%)") is read joined again too."""
    header = re.sub(r"\s*([/-])\s*\n\s*|\s*\n\s*([/-])\s*", r"\1\2", header)
    parts = header.split(" | ")
    above = find_year(" ".join(parts[:-1])) or year  # the year a group header over the months names ("2024")
    own = column_period(parts[-1], above) if len(parts) > 1 else None
    if own is not None and not (NEGATIVE.search(header) or POSITIVE.search(header) or TARGET_WORDS.search(header)):
        return PERIOD, own  # a month under "PENCAPAIAN (%)", under its quarter or its year is that month
    role = _header_role(header, year)
    if role[0] is None and "\n" in header:
        role = _header_role(header.replace("\n", ""), year)
    if role[0] is None and PCT_WORDS.search(header) and len(fold(header)) <= 25:
        return ACHIEVEMENT, None  # a bare "%", "Peratus (%)", "Percentage"
    return role


def _header_role(header: str, year: int | None) -> tuple[str | None, Period | None]:
    h = fold(header).lower()
    if not h:
        return None, None
    if ITEM_HEADER.match(h):
        return ITEM, None
    if ROW_PERIOD_HEADER.match(h):
        return ROW_PERIOD, None
    pct = bool(PCT_WORDS.search(h))
    period = column_period(fold(header), year)
    if period is not None and not (NEGATIVE.search(h) or POSITIVE.search(h) or TARGET_WORDS.search(h)
                                   or CUMULATIVE_WORDS.search(h)):
        return PERIOD, period
    if CUMULATIVE_WORDS.search(h):  # "Pencapaian Kumulatif (Jan - Nov)": the year to date
        return CUMULATIVE, None
    if BROUGHT_FORWARD_WORDS.search(h) and not PCT_WORDS.search(h):  # "Baki Bulan Lepas", "Brought Forward"
        return BROUGHT_FORWARD, None
    if PENDING_WORDS.search(h) and not PCT_WORDS.search(h):  # "Dalam Tindakan", "Baki": not the unit taking action
        return PENDING, None
    if REMARK_FIRST.search(h):  # "Sebab tidak menepati": the reasons, not a count
        return REMARKS, None
    if NEGATIVE.search(re.sub(r"tidak\s+melebihi", "", h)):  # "Melebihi 1 minggu tetapi tidak melebihi 2"
        return (MISSED_PCT if pct else MISSED), None
    if POSITIVE.search(h) and not ACHIEVE_WORDS.search(h.replace("menepati", "")) or "numerator" in h:
        return (MET_PCT if pct else MET), None
    target, achieve = TARGET_WORDS.search(h), ACHIEVE_WORDS.search(h)
    if target and not (achieve and achieve.start() < target.start()):
        return TARGET, None  # "Sasaran (%)", "Sasaran Pencapaian": a target
    if achieve:  # "Pencapaian (%)", "Pencapaian Berbanding Sasaran (%)": an achievement
        return (ACHIEVEMENT if pct or target else NARRATIVE), None
    if TOTAL_WORDS.search(h):
        return TOTAL, None
    if RESPONSIBLE_WORDS.search(h):
        return RESPONSIBLE, None
    if STANDARD_WORDS.match(h) and not re.search(r"janji|perkhidmatan|perkara|service|pledge", h):
        return STANDARD, None  # "Tempoh Piagam", "Standard Piagam": the charter's standard
    if PLEDGE_WORDS.search(h):
        return PLEDGE, None
    if SECTION_WORDS.search(h):
        return SECTION, None
    if STANDARD_WORDS.search(h):
        return STANDARD, None
    if REMARK_WORDS.search(h):
        return REMARKS, None
    return None, None


def header_score(row: list[str], year: int | None) -> int:
    """How many distinct cells of a row read as column headers (0 for a row holding a figure)."""
    if bare_figures(row):
        return 0
    seen = set()
    for cell in row:
        text = fold(cell)
        if not text or text in seen or len(text) > 90:
            continue
        if _figure_with_words(text):
            return 0
        if header_role(text, year)[0] is not None and not _NUMBERED_SENTENCE.match(text):
            seen.add(text)
    return len(seen)


# "1. Aduan awam dijawab dalam tempoh 3 hari": a numbered pledge, no header cell (its words may name one)
_NUMBERED_SENTENCE = re.compile(r"^\(?\d{1,3}(?:\.\d{1,2})*[.)]\s*[^\d\s]\S*(?:\s+\S+){3,}")


def bare_figures(row: list[str]) -> list[str]:
    """The cells of a row that are figures with no word to them, as body rows print them; the
    years of a matrix's columns, in a run ("2022 | 2023 | 2024") or one spanning its months, are
    headers, not figures."""
    cells = [text for text in map(fold, row) if text and len(text) <= 90 and bare_figure(text)]
    years = sorted({int(text) for text in cells if YEAR.fullmatch(text)})
    if len(cells) >= 2 and all(YEAR.fullmatch(text) for text in cells) \
            and years == list(range(years[0], years[0] + len(years))):
        return []
    return cells


@cached
def bare_figure(text: str) -> bool:
    """A figure with no word to it ("12", "95%", "3/4"), as a body cell prints it; a quarter
    with its year ("Q1 2024", "S2/2023") is a period's name, no figure, though it has no word."""
    return parse_figure(text).printed and not re.search(r"[a-z]{3}", text, re.I) \
        and (column_period(text, None) is None or bool(YEAR.fullmatch(fold(text))))


_OPENS_WITH_FIGURE = re.compile(r"^\d[\d,.]*\s*(%)?(?:\s|$)")


@cached
def _figure_with_words(text: str) -> bool:
    """A body cell's figure opening the cell with its unit or a count after it ("25 aduan",
    "100% 43,607 bayaran"; a figure alone: `bare_figure`). A header's number names a duration or
    a date ("1 minggu", "1 - 31 Januari")."""
    figure = parse_figure(text)
    if not figure.printed or not re.search(r"[a-z]{3}", text, re.I):
        return False
    opening = _OPENS_WITH_FIGURE.match(text)
    if not opening:
        return False
    if opening.group(1):
        return True
    unit = figure.unit or ""
    return bool(unit) and not DURATION_UNIT.match(unit) and not any(w.lower() in MONTHS for w in unit.split())


_ITEM_TOKEN = re.compile(
    r"^\s*(?:(?P<num>\d{1,3}(?:\.\d{1,2}){0,3})\s*[.):;]?|\((?P<bracketed>\d{1,3})\)"
    r"|\(?(?P<alpha>[a-z]|[ivx]{1,4}|[IVX]{1,4}|[A-Z])\s*[.)])"
    r"(?=\s|$)|^\s*(?P<glued>\d{1,3})[.)](?=[A-Z])"  # "1)Menyelesaikan", "2.Aduan": the number glued to the text
    r"|^\s*(?P<before_pct>\d{1,2})\.(?=(?:\d{2}|100)\s*%)"  # "1.95% projek": item 1, then "95% projek"
)


@cached
def item_token(text: str) -> tuple[str | None, str]:
    """The item number a cell or a pledge text begins with, and the text after it.
    '1.' -> '1'; '3)' -> '3'; '(2)' -> '2'; 'a)' -> 'a'; 'b .' -> 'b'; '1.1.1' -> '1.1.1'; 'I.' -> 'I'."""
    raw = fold(text)
    m = _ITEM_TOKEN.match(raw)
    if not m:
        return None, raw
    token = (m.group("num") or m.group("bracketed") or m.group("alpha") or m.group("glued") or m.group("before_pct")
             or "").rstrip(".")
    if token.isdigit() and len(token) > 3:
        return None, raw
    return token, raw[m.end():].strip()


def looks_like_item(text: str) -> bool:
    token, rest = item_token(text)
    return token is not None and not rest


def _share_over_periods(column: Column, body: list[list[str]], columns: list[Column]) -> bool:
    """A total beside percentage periods ("KESELURUHAN" after JAN ... DIS) that is each row's
    share over them: its figures printed with "%", or each among its row's period figures (99
    beside 96 to 100), never above 100; a sum of monthly counts is above its largest month."""
    periods = [c.index for c in columns if c.role == PERIOD]
    spread, texts = False, [fold(row[column.index]) for row in body if fold(row[column.index])]
    if not texts:
        return False
    if sum("%" in text for text in texts) >= 0.6 * len(texts):
        return True
    for row in body:
        own = parse_figure(fold(row[column.index]), percent_column=True).pct
        values = [parse_figure(fold(row[i]), percent_column=True).pct for i in periods]
        values = [v for v in values if v is not None]
        if own is None or not values:
            continue
        if own > 100 or not min(values) - 1 <= own <= max(values) + 1:
            return False
        spread = spread or len({v for v in values if v}) >= 2
    return spread


def assign_roles(headers: list[str], body: list[list[str]], year: int | None) -> list[Column]:
    """Columns with their roles, from the header wordings, refined by what the cells hold."""
    columns = []
    for i, header in enumerate(headers):
        role, period = header_role(header, year)
        group = column_period(header.rsplit(" | ", 1)[0], year) if role == PERIOD and " | " in header else None
        columns.append(Column(i, fold(header), role, period, group if group != period else None))
    cells = [[fold(row[c.index]) for row in body if fold(row[c.index])] for c in columns]
    for column, values in zip(columns, cells):
        if not values:
            continue
        items = sum(looks_like_item(v) for v in values) / len(values)
        if len(values) >= 3 and column.role in (None, PLEDGE, SECTION, STANDARD) and \
                sum(column_period(v, year) is not None for v in values) >= 0.7 * len(values):
            column.role = ROW_PERIOD  # "Bulan" over JANUARI ... DISEMBER
        elif items >= 0.6 and column.role in (None, PLEDGE, ITEM, SECTION) and \
                not any(c.role in (ROW_PERIOD, PLEDGE, ITEM) for c in columns[:column.index]):
            column.role = ITEM  # (right of the months, the pledges or the item numbers, "2" is a count)
        elif column.role == NARRATIVE:  # "PENCAPAIAN" over "100%", "95 peratus" or "95" is a percentage,
            # among "Tiada Aduan"s
            said = [v for v in values if v.lower().strip(" .") not in NONE_WORDS | NOT_PUBLISHED]
            if said and sum(_is_figure(v) and (parse_figure(v).pct is not None or not re.search(r"[a-z]", v, re.I))
                            for v in said) / len(said) >= 0.6:
                column.role = ACHIEVEMENT
        elif column.role in FIGURE_ROLES and sum(_is_figure(v) or v.lower() in NOT_PUBLISHED for v in values) \
                / len(values) < 0.5:
            column.role = REMARKS  # "SASARAN" over "1. OKU 2. warga emas" is not a target %
    # in a table of one pledge's periods down the rows, an unnamed column of figures is its count
    # ("Kerja Pemotongan": 2) or, printed with %, its achievement
    if any(c.role == ROW_PERIOD for c in columns):
        for column, values in zip(columns, cells):
            if column.role is None and values and sum(_is_figure(v) for v in values) >= 0.7 * len(values):
                column.role = ACHIEVEMENT if sum("%" in v for v in values) >= 0.5 * len(values) else TOTAL
                column.guessed = True
    _negated_pairs(columns)
    # cumulative columns, each of its own span ("Kumulatif Suku 1", "Kumulatif Suku 2"): progress period by period
    spans = [(c, column_period(c.header, year)) for c in columns if c.role == CUMULATIVE]
    if len(spans) >= 2 and all(period is not None for _, period in spans):
        for column, period in spans:
            column.role, column.period = PERIOD, period
    # an average beside period columns is the figure of their whole span, not of each period; so
    # is a cumulative one printing shares ("Kumulatif (%)": 98, "55/57"), no year-to-date count
    if any(c.role == PERIOD for c in columns):
        for column, values in zip(columns, cells):
            shares = bool(values) and sum("%" in v or parse_figure(v).denominator is not None for v in values) \
                >= 0.5 * len(values)
            if column.role in (None, ACHIEVEMENT, MET_PCT, NARRATIVE, TOTAL) and AVERAGE_WORDS.search(column.header) \
                    or column.role == CUMULATIVE and (PCT_WORDS.search(column.header) or shares) \
                    or column.role == TOTAL and _share_over_periods(column, body, columns):
                column.role = OVERALL
    # a unit column to the right of the pledge is the responsible unit, to the left a section
    pledge_at = next((c.index for c in columns if c.role == PLEDGE), None)
    if pledge_at is None:  # "BAHAGIAN/UNIT" naming a different unit on every row: what the rows are about
        pledge_at = next((c.index for c, values in zip(columns, cells) if c.role == SECTION and len(values) >= 2
                          and len(set(values)) >= 0.8 * len(values)), None)
    if pledge_at is None:
        pledge_at = _longest_text_column(columns, cells)
    if pledge_at is not None:
        columns[pledge_at].role = PLEDGE
    for column in columns:
        if pledge_at is not None and column.role == SECTION and column.index > pledge_at:
            column.role = RESPONSIBLE
        if pledge_at is not None and column.role == RESPONSIBLE and column.index < pledge_at \
                and SECTION_WORDS.search(column.header):
            column.role = SECTION
    # a bare "%" ("Peratus (%)") beside a met (missed) count column is its percentage: the one on
    # its left (else its right), unless another count is the one it is the share of on more rows
    for k, column in enumerate(columns):
        if column.role != ACHIEVEMENT or re.sub(r"[^a-z]", "", PCT_WORDS.sub("", column.header.lower())):
            continue
        left = columns[k - 1] if k > 0 and columns[k - 1].role in (MET, MISSED) else None
        right = columns[k + 1] if k + 1 < len(columns) and columns[k + 1].role in (MET, MISSED) else None
        beside = left or right
        agreeing = {c.index: _agreeing(column, c, columns, body) for c in columns if c.role in (MET, MISSED)}
        count = max((c for c in columns if c.index in agreeing), default=None,
                    key=lambda c: (agreeing[c.index], c is beside, c is left))
        if count is not None and not agreeing[count.index]:
            count = beside
        if count is not None:
            column.role = MET_PCT if count.role == MET else MISSED_PCT
    # in a table that prints met counts, its one percentage ("%", "Pencapaian (%)") is the % met,
    # unless its header or its figures say it is something else
    roles = [c.role for c in columns]
    if MET in roles and MET_PCT not in roles and roles.count(ACHIEVEMENT) == 1 and PERIOD not in roles:
        column = columns[roles.index(ACHIEVEMENT)]
        if not AGAINST_TARGET.search(column.header) and _reads_as_share_met(column, columns, body):
            column.role = MET_PCT
    # "TINDAKAN" beside "TANGGUNGJAWAB": the one that names an owner is the responsible unit
    owners = [c for c in columns if c.role == RESPONSIBLE]
    if len(owners) > 1:
        keep = next((c for c in owners if OWNER_WORDS.search(c.header)), owners[0])
        for column in owners:
            if column is not keep:
                column.role = REMARKS
    # a single-valued role named twice: the first column keeps it, later ones become remarks
    seen: set[str] = set()
    for column in columns:
        if column.role in (PLEDGE, STANDARD, RESPONSIBLE, SECTION, ITEM, TARGET):
            if column.role in seen:
                column.role = ITEM if column.role == ITEM else REMARKS
            seen.add(column.role)
    _copied_met_header(columns, body)
    _unnamed_total(columns, body)
    _doubt_twice_named(columns)
    return columns


_NEGATION = re.compile(r"^(?:tidak|belum|not|non)[\s-]+", re.I)


def _negated_pairs(columns: list[Column]) -> None:
    """Two headers no rule knows, one the other negated ("Sempurna | Tidak Sempurna", "% Lulus |
    % Belum Lulus"): the met and the missed count (or their shares)."""
    unknown = {}
    for column in columns:
        last = column.header.split(" | ")[-1].lower()
        words = re.sub(r"\s+", " ", PCT_WORDS.sub(" ", last)).strip()
        if words and (column.role is None or column.role == ACHIEVEMENT and _header_role(words, None)[0] is None):
            unknown[(words, bool(PCT_WORDS.search(last)))] = column
    for (words, pct), negated in unknown.items():
        plain = unknown.get((_NEGATION.sub("", words), pct))
        if plain is not None and plain is not negated:
            plain.role, negated.role = (MET_PCT, MISSED_PCT) if pct else (MET, MISSED)


def _doubt_twice_named(columns: list[Column]) -> None:
    """A share named by two columns, or the met count by two differently worded ones: the
    wordings were misread more likely than the table holds two of them (late counts in buckets,
    "Melebihi 1 minggu | Melebihi 2 minggu", are the missed count's parts). Which figure the row
    holds is a guess."""
    for role in (MET, MET_PCT, MISSED_PCT):
        named = [c for c in columns if c.role == role]
        if len(named) > 1 and (role != MET or len({c.header for c in named}) > 1):
            for column in named:
                column.guessed = True


def _unnamed_total(columns: list[Column], body: list[list[str]]) -> None:
    """A column of counts whose header names no role ("Volume", "Applications"), in a table of
    met and missed counts and no total: the total (guessed) where it is their sum on most rows."""
    roles = {c.role: c for c in columns}
    if TOTAL in roles or MET not in roles or MISSED not in roles:
        return
    count = lambda row, c: parse_figure(fold(row[c.index])).count
    for column in columns:
        if column.role is not None:
            continue
        sums = [(count(row, column), count(row, roles[MET]), count(row, roles[MISSED])) for row in body]
        sums = [(whole, met + missed) for whole, met, missed in sums if None not in (whole, met, missed)]
        if len(sums) >= 2 and sum(whole == parts for whole, parts in sums) >= 0.6 * len(sums):
            column.role, column.guessed = TOTAL, True
            return


def _copied_met_header(columns: list[Column], body: list[list[str]]) -> None:
    """"Menepati" printed over two pairs of columns, no "Tidak Menepati" anywhere: a header
    copied across the misses. Where the two counts add up to the total on every row that prints
    all three, the second pair is the missed count and its share (guessed: no header names them)."""
    if any(c.role in (MISSED, MISSED_PCT) for c in columns):
        return
    mets = [c for c in columns if c.role == MET]
    total = next((c for c in columns if c.role == TOTAL), None)
    if len(mets) != 2 or mets[0].header != mets[1].header or total is None:
        return
    sums = [(parse_figure(fold(row[mets[0].index])).count, parse_figure(fold(row[mets[1].index])).count,
             parse_figure(fold(row[total.index])).count) for row in body]
    checked = [(a, b, t) for a, b, t in sums if None not in (a, b, t)]
    if not checked or any(a + b != t for a, b, t in checked):
        return
    for role, other in ((MET, MISSED), (MET_PCT, MISSED_PCT)):
        named = [c for c in columns if c.role == role]
        if len(named) == 2 and named[0].header == named[1].header:
            named[1].role, named[1].guessed = other, True


def _reads_as_share_met(pct: Column, columns: list[Column], body: list[list[str]]) -> bool:
    """A percentage column's figures could be met/total: none over 100; when two rows or more
    can be checked, at least one is met/total (an achievement against a target agrees with
    none); and not one figure under 100 printed on every row whatever the counts (a target)."""
    values = {value for row in body if (value := parse_figure(fold(row[pct.index]), percent_column=True).pct) is not None}
    if any(value > 100 for value in values):
        return False
    shares = _shares(pct, next(c for c in columns if c.role == MET), columns, body)
    checked, agreed = len(shares), sum(pct_agrees(*share) for share in shares)
    if checked >= 3 and len(values) == 1 and min(values) < 100 and agreed < checked:
        return False
    return checked < 2 or agreed > 0


def _agreeing(pct: Column, part: Column, columns: list[Column], body: list[list[str]]) -> int:
    """On how many rows a percentage column's figure is the share of a count column's."""
    return sum(pct_agrees(*share) for share in _shares(pct, part, columns, body))


def _shares(pct: Column, part: Column, columns: list[Column], body: list[list[str]]) -> list[tuple[float, float, float]]:
    """(percentage, count, whole) of each row that prints a percentage column's figure, a count
    column's and the whole the count is part of: the total, else met + missed."""
    index = {c.role: c.index for c in reversed(columns)}
    out = []
    for row in body:
        value = parse_figure(fold(row[pct.index]), percent_column=True).pct
        count = parse_figure(fold(row[part.index])).count
        whole = parse_figure(fold(row[index[TOTAL]])).count if TOTAL in index else None
        if whole is None and MET in index and MISSED in index:
            met, missed = (parse_figure(fold(row[index[role]])).count for role in (MET, MISSED))
            whole = met + missed if None not in (met, missed) else None
        if value is not None and count is not None and whole and count <= whole:
            out.append((value, count, whole))
    return out


def _is_figure(text: str) -> bool:
    figure = parse_figure(text)
    return figure.printed and len(text) < 60


def _longest_text_column(columns: list[Column], cells: list[list[str]]) -> int | None:
    best, best_len = None, 0.0
    for column, values in zip(columns, cells):
        if column.role in FIGURE_ROLES or not values:
            continue
        mean = sum(len(v) for v in values) / len(values)
        if mean > best_len and mean > 15:
            best, best_len = column.index, mean
    return best
