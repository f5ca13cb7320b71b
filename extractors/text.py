"""Reading figures, standards and periods out of Malay (and English) report text.

Pure functions on strings; shared by every format. Nothing here knows about tables. The
readers that tables call for every cell are memoised (`cached`): report cells repeat ("0",
"100%", "14 hari bekerja"), and their results are frozen values.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

WS = re.compile(r"\s+")
cached = lru_cache(maxsize=1 << 16)


# Characters no reader sees: soft hyphens, zero-width spaces and joiners, word joiners, BOMs
# (pasted from word processors into CMS pages: "4\u00ad4" is 44, not 4 and 4).
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


@cached
def fold(text: str | None) -> str:
    """Whitespace folded to single spaces, ends stripped, invisible characters dropped."""
    return WS.sub(" ", (text or "").translate(INVISIBLE)).strip()


# ---------------------------------------------------------------- none markers and numbers

# Printed where a figure is not published: null, never 0.
NOT_PUBLISHED = {"", "tb", "tbc", "t/b", "n/a", "na", "tiada maklumat", "belum"}
# Printed for "none": reads as 0.
NONE_WORDS = {
    "tiada", "nil", "-", "--", "–", "—", "/", "tiada aduan", "no complaint", "no complaints",
    "none", "sifar", "kosong", "tiada permohonan", "tiada kes", "no application", "no applications",
    "no case", "no cases",
}
# "None received" in a percentage cell: nothing to measure, so no percentage (a count of 0 elsewhere).
NOTHING_RECEIVED = {"tiada aduan", "no complaint", "no complaints", "tiada permohonan", "tiada kes",
                    "no application", "no applications", "no case", "no cases"}

_DIGITS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "lapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "kosong": 0, "sifar": 0, "tiada": 0,
}
_ENGLISH = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_ENGLISH.update({w: 10 * n for n, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)})
_ENGLISH_RX = "|".join(sorted(_ENGLISH, key=len, reverse=True))


@cached
def malay_number_words(text: str) -> float | None:
    """'empat belas' -> 14, 'satu ratus tujuh' -> 107, 'dua puluh satu' -> 21, 'seribu' -> 1000,
    'setengah' -> 0.5; English too: 'twelve' -> 12, 'Twenty-One' -> 21, 'one hundred' -> 100.
    None unless every word is a number word."""
    words = fold(text).lower().replace("-", " ").split()
    if not words:
        return None
    if words in (["setengah"], ["separuh"]):
        return 0.5
    total = part = small = 0
    for word in words:
        if word in _DIGITS or word in _ENGLISH:
            small += _DIGITS.get(word, _ENGLISH.get(word))
        elif word == "belas":
            small += 10
        elif word == "puluh":
            small = (small or 1) * 10
        elif word in ("ratus", "seratus", "hundred"):
            part += 100 if word == "seratus" else (small or 1) * 100
            small = 0
        elif word in ("ribu", "seribu", "thousand"):
            total += 1000 if word == "seribu" else (part + small or 1) * 1000
            part = small = 0
        elif word == "and" and small + part + total:
            continue
        else:
            return None
    return float(total + part + small)


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = re.compile(rf"(?<![\w.])({_NUM})(?![\d])")
_PARENS = re.compile(r"\(\s*(\d[\d,]*)\s*\)")


def to_number(token: str) -> float:
    return float(token.replace(",", ""))


@dataclass(frozen=True)
class Figure:
    """What one figure cell says: a count, a percentage, a fraction, a unit word."""

    count: float | None = None
    pct: float | None = None
    denominator: float | None = None  # "5/6": count 5 of 6
    unit: str | None = None
    pct_decimals: int | None = None
    printed: bool = False  # the cell printed anything at all (blank and TB are not printed)
    none_word: bool = False  # a word or mark for none ("Tiada", "NIL", "-"), read as 0


_PCT_SIGN = r"\s*(?:%|(?:peratus|per\s?cent)\b)"  # "95%", "95 peratus", "95 percent", "95 per cent"
_PCT = re.compile(rf"({_NUM}){_PCT_SIGN}", re.I)
_DECIMAL_COMMA_PCT = re.compile(rf"(?<![\d,])(\d{{1,3}},\d{{1,2}}){_PCT_SIGN}", re.I)  # "98,5%"
_DECIMAL_COMMA = re.compile(r"\d{1,3},\d{1,2}")  # "95,5" alone in a percentage column: no thousands in a share
_OF = r"(?:daripada|drpd|out\s+of)"  # "12 daripada 15": a part of a whole
_FRACTION = re.compile(rf"(?<![\d.])(\d[\d,]*)\s*(?:/|\b(?:{_OF}|of)\b)\s*(\d[\d,]*)(?![\d/])", re.I)
_UNIT_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+")


# Thousands grouped by dots or spaces ("12.480", "1 204"): a count is never a fraction.
_DOT_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d,]|\.\d|\s*%)")
_SPACE_THOUSANDS = re.compile(r"^\d{1,3}(?: \d{3})+(?=(?: [^\W\d]+){0,2}$)")


def _thousands(text: str) -> str:
    """A count's thousands separators dropped where they are dots or spaces."""
    text = _DOT_THOUSANDS.sub(lambda m: m.group(0).replace(".", ""), text)
    return _SPACE_THOUSANDS.sub(lambda m: m.group(0).replace(" ", ""), text)


@cached
def parse_figure(text: str | None, percent_column: bool = False) -> Figure:
    """Read one figure cell.

    '7' -> count 7; '100%' -> pct 100; '25 aduan' -> count 25, unit aduan; 'Tiada' -> 0;
    '' or 'TB' -> nothing (null); '5/6 83%' -> count 5 of 6, pct 83 ('5 daripada 6' too);
    '100% 15 Penyelenggaraan' -> pct 100, count 15; 'empat belas (14)' -> 14;
    '12.480' and '1 204' -> 12480 and 1204 (outside a percentage column).
    In a percentage column a bare number is a percentage.
    """
    raw = fold(text)
    if not percent_column:
        raw = _thousands(raw)
    low = raw.lower().strip(" .")
    if low in NOT_PUBLISHED:
        return Figure()
    if percent_column and low in NOTHING_RECEIVED:
        return Figure()
    if low in NONE_WORDS:
        return Figure(pct=0.0, printed=True, none_word=True) if percent_column else \
            Figure(count=0.0, printed=True, none_word=True)
    if percent_column and _DECIMAL_COMMA.fullmatch(raw):
        token = raw.replace(",", ".")
        return Figure(pct=to_number(token), pct_decimals=_decimals(token), printed=True)
    pct = decimals = count = denominator = None
    rest = raw
    m = _DECIMAL_COMMA_PCT.search(rest) or _PCT.search(rest)
    if m:
        token = m.group(1).replace(",", ".") if m.re is _DECIMAL_COMMA_PCT else m.group(1)
        pct = to_number(token)
        decimals = _decimals(token)
        rest = (rest[: m.start()] + " " + rest[m.end():]).strip()
    m = _FRACTION.search(rest)
    if m:
        count, denominator = to_number(m.group(1)), to_number(m.group(2))
        rest = (rest[: m.start()] + " " + rest[m.end():]).strip()
    if count is None:
        m = _PARENS.search(rest) or _first_count(rest)
        if m:
            count = to_number(m.group(1))
            rest = (rest[: m.start()] + " " + rest[m.end():]).strip()
        else:
            words = malay_number_words(re.sub(r"[^\w ]", " ", rest))
            if words is not None:
                count, rest = words, ""
    leftover = fold(re.sub(r"[():;,.\-]", " ", rest))
    leftover = " ".join(w for w in leftover.split() if malay_number_words(w) is None or w.lower() == "tiada" and count != 0)
    if percent_column and pct is None and count is not None and denominator is None:
        if len(leftover.split()) > 2:  # "Satu (1) aduan diterima menerusi Talikhidmat": a sentence
            return Figure()
        pct, decimals, count = count, _decimals(NUMBER.search(raw).group(1)) if NUMBER.search(raw) else 0, None
    unit = None
    if leftover and (count is not None or denominator is not None):
        words = [w for w in _UNIT_WORD.findall(leftover) if w.lower() not in {"bil", "jumlah"}]
        if words and len(words) <= 2:
            unit = " ".join(words)
    if leftover.lower() in NONE_WORDS and count is None and pct is None:
        count = 0.0
    return Figure(count=count, pct=pct, denominator=denominator, unit=unit,
                  pct_decimals=decimals, printed=count is not None or pct is not None)


_PART = re.compile(r"(?<![\w])([A-Za-z]{1,12})\s*[:=]\s*(\d[\d,]*)(?![\d.])")


@cached
def labelled_parts(text: str | None, known: frozenset[str] = frozenset()) -> dict[str, int]:
    """A cell printed as labelled counts: 'J:43 100% c : 43 tc: 0 dt: 0' -> {'j': 43, 'c': 43,
    'tc': 0, 'dt': 0}; {} unless two labels or more, or one of the `known` labels (those the
    table's other cells print: 'J:21 100%')."""
    parts = {m.group(1).lower(): int(to_number(m.group(2))) for m in _PART.finditer(fold(text))}
    return parts if len(parts) >= 2 or parts.keys() & known else {}


_NAMED_COUNT = r"([A-Za-z]+(?:\s+[A-Za-z]+){0,2})\s*[:=]?\s*(\d{1,3}(?:,\d{3})+|\d+)(?![\d.,]?\d)"
_NAMED_COUNTS = re.compile(rf"{_NAMED_COUNT}(?:\s*[,;/|]?\s*{_NAMED_COUNT})*")


@cached
def named_counts(text: str | None) -> list[tuple[str, int]]:
    """A cell printing nothing but counts each after its name ('Terima: 8', 'Diterima 8, Selesai
    8', 'Tidak Menepati 2'): the names and counts; [] for any other cell."""
    text = fold(text).strip(" .")
    if len(text) > 80 or not _NAMED_COUNTS.fullmatch(text):
        return []
    return [(m.group(1), int(to_number(m.group(2)))) for m in re.finditer(_NAMED_COUNT, text)]


@cached
def stated_pct(words: str | None) -> float | None:
    """The one percentage words state: a pledge's promise ("sekurang-kurangnya 95% pegawai ...",
    "lapan puluh lima peratus (85%)", "at least 90% of the planned courses"), its target; a
    narrative's share ("... 38 daripadanya diselesaikan (95%)")."""
    found = {to_number(m.group(1)) for m in _PCT.finditer(fold(words))}
    return found.pop() if len(found) == 1 else None


def _first_count(text: str) -> re.Match | None:
    """The first number of a cell that is not a year mentioned in a sentence ("tahun 2023")."""
    for m in NUMBER.finditer(text):
        if not (YEAR.fullmatch(m.group(1)) and len(text) > 12):
            return m
    return None


def _decimals(token: str) -> int:
    return len(token.split(".")[1]) if "." in token else 0


_DURATION = r"(?:hari|jam|minit|minggu|bulan|tahun|working|days?|hours?|minutes?|weeks?|months?|years?)\b"
# Counts stated in a sentence: "Sebanyak 15 aduan", "sebanyak satu ratus tujuh (107)
# permohonan", "tiada (0) permohonan", "948 aduan (telah) diterima", "a total of 50 complaints",
# "12 complaints were received" (not "7 hari selepas diterima": a duration).
# The count is the one group of the branch that matched (`_stated`).
_SENTENCE_COUNT = re.compile(
    r"(?:sebanyak|sejumlah|seramai|jumlah|a\s+total\s+of)\s+(?:[a-z ]+?(?:\s(?:19|20)\d\d)?\s*:?\s*)?\(?\s*(\d[\d,]*)\s*\)?"
    r"|(?<![\d.,])(\d[\d,]*)(?=\s+(?!" + _DURATION + r")(?:[^\W\d]+\s+){1,2}?(?:telah\s+|were\s+|was\s+|have\s+been\s+|has\s+been\s+)?"
    r"(?:diterima|received)\b)", re.I
)


def _stated(m: re.Match) -> str:
    """The count a match of _SENTENCE_COUNT states."""
    return m.group(m.lastindex)


# none stated: "tiada (0) permohonan", or in words, "tiada permohonan diterima", "no complaints were received"
_NO_COUNT = re.compile(
    r"\b(?:tiada|sifar)\s*\(\s*0\s*\)|\btiada\s+(?:sebarang\s+)?(?:[^\W\d]+\s+){1,3}?(?:telah\s+)?diterima\b"
    r"|\bno\s+(?:[^\W\d]+\s+){1,3}?(?:(?:were|was|has\s+been|have\s+been)\s+)?received\b", re.I)
_SENTENCE_END = re.compile(r"(?<!\d)[.;](?!\d)\s+")


def sentence_count(text: str | None, period: "Period | None" = None) -> float | None:
    """The count a narrative sentence states for the report's period, or None."""
    return narrative_counts(text, period)[0]


_OF_WHOLE = re.compile(rf"(?<![\d.,])(\d[\d,]*)\s+{_OF}\s+(?:jumlah\s+)?(\d[\d,]*)(?![\d,.])", re.I)


_NOT_MET = re.compile(r"\b(?:tidak|gagal|lewat|melebihi|belum|not|failed|late|exceeded)\b", re.I)
# a standard's bound, not a miss: "dalam tempoh tidak melebihi 3 hari", "not exceeding 5 days"
_WITHIN = re.compile(r"\b(?:tidak\s+(?:melebihi|lewat)|not\s+(?:exceeding|more|later))\b", re.I)


_OF_THEM = re.compile(r"(?<![\d.,])(\d[\d,]*)\s+(?:daripadanya|of\s+them)\b", re.I)
# "... 12 aduan diterima dan kesemuanya diselesaikan", "... and all of them were answered": the whole
_ALL_OF_THEM = re.compile(r"\b(?:kesemuanya|semuanya|all\s+of\s+them|all\s+(?:were|was|have\s+been|has\s+been))\b",
                          re.I)
# "Kesemua 12 aduan telah diselesaikan", "all 30 complaints were answered": a whole, all of it (not
# "... daripada kesemua 5 cawangan": where the cases came from)
_ALL_COUNT = re.compile(r"(?<!daripada )(?<!dari )(?<!from )(?<!di )(?<!in )(?<!at )\b(?:kesemua|semua|all)\s+"
                        r"\(?(\d[\d,]*)\)?(?![\d.,%])(?!\s*" + _DURATION + ")", re.I)
_CLAUSE_END = re.compile(r",|\b(?:manakala|tetapi|namun|sementara|while|whereas|but)\b", re.I)
# "... daripadanya masih dalam tindakan": neither met nor missed yet
_PENDING = re.compile(r"\b(?:masih|dalam\s+tindakan|dalam\s+proses|sedang|in\s+progress|pending)\b", re.I)


def narrative_share(text: str | None, period: "Period | None" = None) -> tuple[int, int, bool] | None:
    """The part and the whole a narrative sentence states, and whether the part missed the
    standard: "sebanyak 12 daripada 15 aduan diselesaikan" -> (12, 15, False), "2 daripada 40
    bayaran tidak dibuat dalam tempoh" -> (2, 40, True), "sebanyak 40 aduan diterima dan 38
    daripadanya diselesaikan" -> (38, 40, False) (the whole: the count stated before "of
    them"; "... 12 aduan diterima dan kesemuanya diselesaikan", "kesemua 12 aduan diselesaikan" ->
    (12, 12, False)); None without
    one, or where the sentence says the part is still in hand ("masih dalam tindakan"). A whole
    that is a year or smaller than its part is none, and so is a share of the year to date ("Dari
    1 Januari hingga 31 Oktober 2024, 95 daripada 100 ...")."""
    folded = fold(text)
    shares = [(m.group(1), m.group(2), m.start(), m.end()) for m in _OF_WHOLE.finditer(folded)]
    shares += [(m.group(1), m.group(1), m.start(), m.end()) for m in _ALL_COUNT.finditer(folded)]
    for m in [*_OF_THEM.finditer(folded), *_ALL_OF_THEM.finditer(folded)]:
        stated = list(_SENTENCE_COUNT.finditer(folded, 0, m.start()))
        if stated:
            part = m.group(1) if m.re is _OF_THEM else _stated(stated[-1])
            shares.append((part, _stated(stated[-1]), stated[-1].start(), m.end()))
    for part_text, whole_text, start, end in sorted(shares, key=lambda share: share[3]):
        part, whole = to_number(part_text), to_number(whole_text)
        if _reaches_back(_sentence_before(folded, start), period):
            continue
        if part.is_integer() and whole.is_integer() and part <= whole and not YEAR.fullmatch(whole_text):
            # what the sentence says of the part, up to the next clause ("..., 1 lagi sedang diproses")
            clause = _CLAUSE_END.split(_SENTENCE_END.split(folded[end:], maxsplit=1)[0], maxsplit=1)[0]
            if _PENDING.search(clause):
                continue
            return int(part), int(whole), bool(_NOT_MET.search(_WITHIN.sub(" ", clause)))
    return None


def _sentence_before(text: str, at: int) -> str:
    """The words of the sentence that position `at` of a text stands in, up to it."""
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    return text[starts[-1] if starts else 0:at]


def narrative_counts(text: str | None, period: "Period | None" = None) -> tuple[float | None, float | None]:
    """(count of the period, count to date) a narrative cell states. A count whose sentence
    names a span reaching back before the report's month ("1 Januari 2023 hingga 30 November
    2023, sebanyak lapan puluh (80)", "sehingga bulan Oktober", "setakat 30 Jun") is a
    year-to-date count, not the period's."""
    count = to_date = None
    for sentence in _SENTENCE_END.split(fold(text)):
        m = _SENTENCE_COUNT.search(sentence) or _NO_COUNT.search(sentence)
        if not m:
            continue
        value = to_number(_stated(m)) if m.re is _SENTENCE_COUNT else 0.0
        if _reaches_back(sentence[: m.start()], period):
            to_date = value if to_date is None else to_date
        elif count is None:
            count = value
    return count, to_date


_TO_DATE = re.compile(
    r"\bsetakat\b|\bsehingga\s+bulan\b|\bkumulatif\b|\bterkumpul\b|\bsepanjang\s+tahun\b|\bsejak\s+awal\s+tahun\b"
    r"|\byear\s+to\s+date\b|\b(?:dari|bagi\s+tempoh|tempoh)\s+(?:1\s+)?jan(?:uari)?\b.*\b(?:hingga|sehingga|to)\b",
    re.I,
)


def _reaches_back(prefix: str, period: "Period | None") -> bool:
    """A sentence's own span ("Bagi tempoh 1 Januari hingga 30 November 2023") covers more than
    the report's month: it starts before the month the report closes with."""
    stated = parse_period(prefix, period.end.year if period else None)
    if stated is None:  # no span with its year: "setakat ini", "sehingga bulan Oktober", "dari Januari ..."
        return bool(_TO_DATE.search(prefix)) and not (period and period.end.month == 1)
    if (stated.start.year, stated.start.month) == (stated.end.year, stated.end.month):
        return False
    if period is None:
        return stated.start.month == 1
    month_start = date(period.end.year, period.end.month, 1)
    return stated.start < period.start or _is_to_date(period) and stated.start < month_start


def _is_to_date(period: "Period") -> bool:
    """A report period printed as "Sehingga November 2023": the year to date of a monthly report."""
    return bool(re.match(r"(?:sehingga|hingga|until|setakat|as at)\b", period.label, re.I))


# ---------------------------------------------------------------- standards

UNIT_WORDS = {
    "minit": "minute", "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute",
    "jam": "hour", "hour": "hour", "hours": "hour", "hrs": "hour",
    "hari": "day", "day": "day", "days": "day", "haribulan": None,
    "minggu": "week", "week": "week", "weeks": "week",
    "bulan": "month", "month": "month", "months": "month",
    "tahun": "year", "year": "year", "years": "year",
    "saat": "second", "second": "second", "seconds": "second", "sec": "second", "secs": "second",
    "deringan": "ring", "ring": "ring", "rings": "ring",  # a telephone answered "dalam 3 deringan"
}
_FREQ = {"sehari": "day", "seminggu": "week", "sebulan": "month", "setahun": "year"}


@dataclass(frozen=True)
class Standard:
    value: float | None
    unit: str | None
    working_days: bool | None  # None for a date ("sebelum 31 Mei")
    printed: str = ""  # the words of the text that state the standard


_UNITS_RX = (r"(?:minit|minutes?|mins?|jam|hours?|hrs|hari|days?|minggu|weeks?|bulan|months?|tahun|years?"
             r"|saat|seconds?|secs?|deringan|rings?)")
_UNIT_RX = rf"(?P<unit>{_UNITS_RX})\b"
_UNIT = re.compile(_UNIT_RX, re.I)
DURATION_UNIT = re.compile(rf"{_UNITS_RX}|kali|times", re.I)  # "15 hari", "12 kali" count days or rounds, not cases
_WORDNUM = (r"(?:\b(?:satu|dua|tiga|empat|lima|enam|tujuh|lapan|sembilan|sepuluh|sebelas|belas|puluh|"
            rf"ratus|seratus|setengah|separuh|{_ENGLISH_RX}|hundred)[\s-]*)+")
_STANDARD = re.compile(
    rf"(?:(?:{_WORDNUM})?\(?\s*(?P<lo>{_NUM})\s*\)?\s*(?:{_UNITS_RX}\b)?\s*(?:-|–|hingga|sehingga|to|ke)\s*)?"
    rf"(?:(?P<words>{_WORDNUM})\s*)?(?:\(\s*(?P<pnum>\d+)\s*\)\s*(?:{_WORDNUM})?|(?P<num>{_NUM})"
    rf"(?:\s*\(\s*(?:{_WORDNUM})\s*\))?)?\s*"
    rf"(?P<before>(?:working|business)\s+)?"
    rf"{_UNIT_RX}(?P<tail>(?:\s*\(\s*\d+\s*\))?(?:\s*hari)?\s*(?:waktu\s+)?(?:bekerja|working|kerja)?)",
    re.I,
)
_FREQUENCY = re.compile(
    rf"(?:({_NUM})|({_WORDNUM}))\s*(?:\(\s*\d+\s*\)\s*)?(?:kali|hari)\s+(sehari|seminggu|sebulan|setahun)", re.I)
_ONCE = re.compile(r"\b(?:(sehari|seminggu|sebulan|setahun)\s+sekali|sekali\s+(sehari|seminggu|sebulan|setahun))\b", re.I)
# a date to meet: "sebelum 31 Mei", "sebelum 15 haribulan" (a month's name checked apart)
_DEADLINE = re.compile(r"\b(?:sebelum|selewat-?lewatnya|before)\s+(?:tarikh\s+)?\d{1,2}(?:hb\b|\s*haribulan\b|\s+([A-Za-z]+))",
                       re.I)
_EVERY = re.compile(r"\bsetiap\s+(\d+)\s*(minggu|bulan|tahun)", re.I)
_EVERY_ONE = re.compile(r"\bsetiap\s+(hari|minggu|bulan|tahun)\b", re.I)  # "setiap hari": once a day
_RING_ORDINAL = re.compile(r"\bderingan\s+ke-?\s*(\d+|[a-z]+)\b", re.I)  # "sebelum deringan ketiga": by the 3rd ring
_IMMEDIATE = re.compile(r"\b(serta[- ]?merta|segera|immediately|on the spot)\b", re.I)


@cached
def parse_standard(text: str | None) -> Standard | None:
    """'14 hari bekerja' -> 14 day working; '24 jam' -> 24 hour; 'setengah jam' -> 0.5 hour;
    '3 kali seminggu' -> 3 per week (value 3, unit week); '69 hingga 111 hari' -> 111 day;
    'dua (2) hingga tiga (3) bulan' -> 3 month; 'lima (5) hari bekerja', '5 (lima) hari bekerja' -> 5 day working;
    'within two (2) Working Days', 'Twenty-One (21) Working Days' -> day working; 'serta-merta' -> 0 minute;
    'sebulan sekali' -> 1 per month; 'sebelum 31 Mei' -> a date to meet (no value, no unit);
    'setiap hari' -> 1 per day; '30 saat' -> 30 second; 'dalam 3 deringan', 'sebelum deringan ketiga' -> 3 ring.
    None when the text states no standard."""
    raw = fold(re.sub(r"<[^>]+>", " ", text or ""))
    if not raw:
        return None
    m = _FREQUENCY.search(raw)
    if m:
        value = to_number(m.group(1)) if m.group(1) else malay_number_words(m.group(2))
        return Standard(value, _FREQ[m.group(3).lower()], False, fold(m.group(0)))
    m = _ONCE.search(raw)
    if m:
        return Standard(1.0, _FREQ[(m.group(1) or m.group(2)).lower()], False, m.group(0))
    m = _EVERY.search(raw)
    if m:
        return Standard(to_number(m.group(1)), UNIT_WORDS[m.group(2).lower()], False, m.group(0))
    for m in (_STANDARD.finditer(raw) if _UNIT.search(raw) else ()):  # no unit word: none (found quickly)
        unit = UNIT_WORDS.get(m.group("unit").lower())
        if unit is None:
            continue
        if m.group("pnum"):
            value = to_number(m.group("pnum"))
        elif m.group("num"):
            value = to_number(m.group("num"))
        elif m.group("words"):
            value = malay_number_words(m.group("words"))
        else:
            continue
        if value is None:
            continue
        if m.group("lo") is not None:
            value = max(value, to_number(m.group("lo")))
        working = unit == "day" and bool(m.group("before") or re.search(r"bekerja|working|kerja", m.group("tail"), re.I))
        return Standard(value, unit, working, fold(m.group(0)))
    m = _RING_ORDINAL.search(raw)
    if m and (value := to_number(m.group(1)) if m.group(1).isdigit() else malay_number_words(m.group(1))):
        return Standard(value, "ring", False, m.group(0))
    m = _IMMEDIATE.search(raw)
    if m:
        return Standard(0.0, "minute", False, m.group(0))
    m = _DEADLINE.search(raw)
    if m and (m.group(1) is None or m.group(1).lower() in MONTHS):
        return Standard(None, None, None, m.group(0))  # no duration: working days or not says nothing
    m = _EVERY_ONE.search(raw)  # (a date to meet "sebelum 30 Jun setiap tahun" is the date's)
    if m:
        return Standard(1.0, UNIT_WORDS[m.group(1).lower()], False, m.group(0))
    return None


# A standard promised in a sentence: "... dalam tempoh tiga (3) hari bekerja", "... tidak melebihi
# 14 hari", "Lesen premis - 3 hari bekerja", "... diproses serta-merta", "2 kali seminggu".
_PROMISE = re.compile(
    r"(?:\bdalam(?:\s+(?:tempoh|masa|jangka\s+masa))*(?:\s+tidak\s+melebihi)?|\btidak\s+(?:melebihi|lewat"
    r"(?:\s+dari(?:pada)?)?|lebih(?:\s+dari(?:pada)?)?)|\bselewat-?lewatnya(?:\s+dalam)?|\bkurang\s+dari(?:pada)?"
    r"|\bwithin|\bnot\s+later\s+than|\bno\s+later\s+than|\bno\s+more\s+than|\bin|\bsebelum"
    r"|[-–—:])\s*(?:tempoh\s+|masa\s+)?$",
    re.I,
)


# promised whatever words come before: a frequency ("3 kali seminggu", "sebulan sekali", "setiap 3 bulan"), a date
# ("setiap hari" alone may be an office's hours, "Kaunter dibuka setiap hari": promised only after a promise)
_KEPT_ANYWAY = re.compile(r"\b(?:se)?kali\b|^(?:setiap\s+\d|sebelum|selewat|before)\b", re.I)
# a time counted from an event: "14 hari sebelum mesyuarat", "7 hari selepas aduan diterima"
_FROM_EVENT = re.compile(r"\s*(?:sebelum|selepas|setelah|dari(?:pada)?\s+tarikh|before|after|from\s+the\s+date)\b", re.I)


def pledged_standard(sentence: str | None) -> Standard | None:
    """The time standard a sentence promises, or None when its time is not a promise (a plan
    "5 tahun", a date of an event, an office's hours "5 hari seminggu")."""
    raw = fold(re.sub(r"<[^>]+>", " ", sentence or ""))
    standard = parse_standard(raw)
    if standard is None:
        return None
    if _IMMEDIATE.fullmatch(standard.printed) or _KEPT_ANYWAY.search(standard.printed):
        return standard
    at = raw.find(standard.printed)
    return standard if at > 0 and (_PROMISE.search(raw[:at]) or _FROM_EVENT.match(raw[at + len(standard.printed):])) \
        else None


# the number of a page as its header or footer prints it: "Muka surat 3", "Halaman 2 / 5", "Page 1 of 4"
PAGE_NUMBER = re.compile(r"(?:muka\s*surat|halaman|hlm\.?|page|pg\.?)\s*:?\s*\d{1,4}"
                         r"(?:\s*(?:/|dari|daripada|drp\.?|of)\s*\d{1,4})?", re.I)


TOTAL_LABEL = re.compile(
    r"^\s*(?:jumlah|total|grand total|purata|peratusan|keseluruhan|overall|average|min(?!\s*[:.]?\s*\d)|"
    r"jumlah keseluruhan|purata keseluruhan|peratus keseluruhan)\b"
    r"|\bkeseluruhan\b.*\b(?:ialah|adalah)\b",
    re.I,
)


@cached
def says_total(text: str) -> bool:
    """A total row's words ("JUMLAH", "Purata keseluruhan") in a (folded) text."""
    return bool(TOTAL_LABEL.search(text))


def looks_like_heading(text: str) -> bool:
    """Upper case, or a division's name ("Bahagian Khidmat Pengurusan"), and short."""
    return len(text) < 120 and _heading_words(text)


@cached  # short texts only: a long paragraph is no heading, and is not kept
def _heading_words(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    upper = bool(letters) and sum(ch.isupper() for ch in letters) / len(letters) > 0.8
    return upper or bool(re.match(r"(?:bahagian|unit|seksyen|cawangan|division)\b", text, re.I))


# ---------------------------------------------------------------- periods

MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "february": 2, "feb": 2, "febuari": 2,
    "mac": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "jun": 6, "june": 6,
    "julai": 7, "july": 7, "jul": 7,
    "ogos": 8, "august": 8, "aug": 8, "ogo": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "disember": 12, "december": 12, "dis": 12, "dec": 12,
}
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_YEAR = r"(?:19|20)\d\d"
YEAR = re.compile(_YEAR)
_DASH = r"\s*(?:-|–|—|hingga|sehingga|to|until|ke|sampai)\s*"


@dataclass(frozen=True)
class Period:
    """A reporting period as printed; start and end are None where the page prints no year
    (a month column "JAN" of a report that names no year anywhere)."""

    label: str
    start: date | None
    end: date | None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_P_RANGE = re.compile(  # "Julai - Disember 2023", "(Januari-Jun) 2024", "Mei & Jun 2024"
    rf"\b({_MONTH})\.?(?:\s+({_YEAR}))?(?:{_DASH}|\s*(?:&|dan|and)\s*)({_MONTH})\.?\)?\s+(?:tahun\s+)?({_YEAR})\b", re.I)
_P_DAY_RANGE = re.compile(
    rf"\b(\d{{1,2}})\s+({_MONTH})\.?(?:\s+({_YEAR}))?{_DASH}(\d{{1,2}})\s+({_MONTH})\.?\s+({_YEAR})\b", re.I)
_P_DAYS_OF_MONTH = re.compile(rf"\b(\d{{1,2}}){_DASH}(\d{{1,2}})\s+({_MONTH})\.?\s+({_YEAR})\b", re.I)
_P_NUMERIC_RANGE = re.compile(
    rf"\b(\d{{1,2}})[./-](\d{{1,2}})[./-]({_YEAR}){_DASH}(\d{{1,2}})[./-](\d{{1,2}})[./-]({_YEAR})\b")
_P_UNTIL_DATE = re.compile(rf"\b(?:sehingga|hingga|until|as at|setakat)\s+(\d{{1,2}})\s+({_MONTH})\s+({_YEAR})\b", re.I)
_P_UNTIL_NUMERIC = re.compile(rf"\b(?:sehingga|hingga|until|as at|setakat)\s+(\d{{1,2}})[./-](\d{{1,2}})[./-]({_YEAR})\b", re.I)
_P_UNTIL_MONTH = re.compile(rf"\b(?:sehingga|hingga|until|setakat)\s+(?:bulan\s+)?({_MONTH})\s+(?:tahun\s+)?({_YEAR})\b", re.I)
_P_MONTH = re.compile(rf"\b({_MONTH})\.?\s*(?:tahun\s+)?[,']?\s*({_YEAR})\b", re.I)
_QUARTER = r"\b(?:suku(?:an)?(?:\s+tahun)?\s*(?:ke\s*-?\s*)?([1-4]|pertama|kedua|ketiga|keempat)|([1-4])(?:st|nd|rd|th)?\s+quarter|[qs]([1-4]))\b"
_P_QUARTER = re.compile(rf"{_QUARTER}[^0-9]{{0,40}}?({_YEAR})", re.I)
_P_YEAR_QUARTER = re.compile(rf"\b({_YEAR})\b[^0-9]{{0,40}}?{_QUARTER}", re.I)  # "TAHUN 2024 SUKU TAHUN PERTAMA"
_ORDINALS = {"pertama": 1, "kedua": 2, "ketiga": 3, "keempat": 4}
_P_HALF = re.compile(rf"\b(?:separuh\s+tahun\s+(pertama|kedua)|(first|second|1st|2nd)\s+half|h([12]))\b[^0-9]{{0,20}}({_YEAR})",
                     re.I)
_P_YEAR_RANGE_MONTHS = re.compile(rf"\b({_YEAR})\s*\(\s*({_MONTH}){_DASH}({_MONTH})\s*\)", re.I)
_P_BULAN_N = re.compile(rf"\bbulan\s+(\d{{1,2}})\b[^0-9]{{0,20}}({_YEAR})?", re.I)
_P_YEAR = re.compile(rf"\b(?:tahun|year|bagi tahun)\s+({_YEAR})\b", re.I)
_P_ISO = re.compile(rf"({_YEAR})[-_/.](0[1-9]|1[0-2])(?![0-9])")


def parse_period(text: str | None, default_year: int | None = None) -> Period | None:
    """The reporting period a title, heading or URL names.

    'JANUARI 2022' -> Jan 2022; 'Julai - Disember 2023' -> Jul-Dec 2023;
    'Sehingga 30 Jun 2017' -> Jan-30 Jun 2017 (year to date); 'Sehingga November Tahun 2023'
    -> Jan-Nov 2023; 'Suku Pertama 2024' / '1st Quarter 2024' / 'S1 2024' (suku 1) -> Q1;
    'Bulan 8 2024' -> Aug.
    """
    raw = fold(text)
    if not raw:
        return None
    m = _P_DAY_RANGE.search(raw)
    if m:  # "1 Januari - 31 Mac 2024"
        y2 = int(m.group(6))
        try:
            return Period(m.group(0), date(int(m.group(3) or y2), MONTHS[m.group(2).lower()], int(m.group(1))),
                          date(y2, MONTHS[m.group(5).lower()], int(m.group(4))))
        except ValueError:
            pass
    m = _P_DAYS_OF_MONTH.search(raw)
    if m:  # "1 hingga 30 November 2022": days of one month
        year, month = int(m.group(4)), MONTHS[m.group(3).lower()]
        try:
            return Period(m.group(0), date(year, month, int(m.group(1))), date(year, month, int(m.group(2))))
        except ValueError:
            pass
    m = _P_NUMERIC_RANGE.search(raw)
    if m:  # "01/01/2024 - 31/03/2024"
        d = [int(g) for g in m.groups()]
        try:
            return Period(m.group(0), date(d[2], d[1], d[0]), date(d[5], d[4], d[3]))
        except ValueError:
            pass
    m = _P_YEAR_RANGE_MONTHS.search(raw)
    if m:
        year = int(m.group(1))
        return Period(m.group(0), date(year, MONTHS[m.group(2).lower()], 1),
                      _month_end(year, MONTHS[m.group(3).lower()]))
    m = _P_RANGE.search(raw)
    if m:
        y2 = int(m.group(4))
        m1, m2 = MONTHS[m.group(1).lower()], MONTHS[m.group(3).lower()]
        y1 = int(m.group(2)) if m.group(2) else (y2 if m1 <= m2 else y2 - 1)
        return Period(m.group(0).replace(")", ""), date(y1, m1, 1), _month_end(y2, m2))
    m = _P_UNTIL_DATE.search(raw)
    if m:
        year, month, day = int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))
        try:
            return Period(m.group(0), date(year, 1, 1), date(year, month, day))
        except ValueError:
            pass
    m = _P_UNTIL_NUMERIC.search(raw)
    if m:  # "Sehingga 31.12.2025"
        year, month, day = int(m.group(3)), int(m.group(2)), int(m.group(1))
        try:
            return Period(m.group(0), date(year, 1, 1), date(year, month, day))
        except ValueError:
            pass
    m = _P_UNTIL_MONTH.search(raw)
    if m:
        year = int(m.group(2))
        return Period(m.group(0), date(year, 1, 1), _month_end(year, MONTHS[m.group(1).lower()]))
    m = _P_QUARTER.search(raw)
    after = _P_YEAR_QUARTER.search(raw) if not m else None
    if m or after:
        year, groups = (int(m.group(4)), m.groups()[:3]) if m else (int(after.group(1)), after.groups()[1:])
        q = _ORDINALS.get((groups[0] or "").lower()) or int(groups[0] or groups[1] or groups[2])
        return Period((m or after).group(0), date(year, 3 * q - 2, 1), _month_end(year, 3 * q))
    m = _P_HALF.search(raw)
    if m:
        first = (m.group(1) or m.group(2) or m.group(3)).lower() in ("pertama", "first", "1st", "1")
        year = int(m.group(4))
        return Period(m.group(0), date(year, 1 if first else 7, 1), _month_end(year, 6 if first else 12))
    m = _P_MONTH.search(raw)
    if m:
        year, month = int(m.group(2)), MONTHS[m.group(1).lower()]
        return Period(m.group(0), date(year, month, 1), _month_end(year, month))
    m = _P_BULAN_N.search(raw)
    if m and 1 <= int(m.group(1)) <= 12 and (m.group(2) or default_year):
        year, month = int(m.group(2) or default_year), int(m.group(1))
        return Period(m.group(0), date(year, month, 1), _month_end(year, month))
    m = _P_ISO.search(raw)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        return Period(m.group(0), date(year, month, 1), _month_end(year, month))
    m = _P_YEAR.search(raw)
    if m:
        year = int(m.group(1))
        return Period(m.group(0), date(year, 1, 1), date(year, 12, 31))
    return None


_PERCENT_MARK = re.compile(r"\(\s*%\s*\)|%")


@cached
def column_period(header: str, year: int | None) -> Period | None:
    """The period one column of a monthly or quarterly matrix stands for.

    'JAN' -> January; 'MAC/MAR' -> March; 'Sukuan 1 (Jan-Mac)' -> Q1; '1st Quarter' -> Q1;
    'Jan-Mar' -> Q1; '2023' -> the year. None for a column that is not a period. The label is
    the header with the year added where it prints none ('JAN 2024'), without a percentage
    marker ('Suku 1 (%)' -> 'Suku 1 2024'): the figures' unit, not the period's name.
    """
    raw = fold(_PERCENT_MARK.sub(" ", header))
    low = raw.lower()
    if not raw:
        return None
    short = _month_of_year(low)
    if short:  # "Jan-26", "01/2026", "2026-01": one month of its year
        return Period(raw, date(short[0], short[1], 1), _month_end(*short))
    if YEAR.fullmatch(raw):
        y = int(raw)
        return Period(raw, date(y, 1, 1), date(y, 12, 31))
    ym = YEAR.search(raw)
    y = int(ym.group(0)) if ym else year
    label = raw if ym or y is None else f"{raw} {y}"  # the label says its year: "JAN 2024"
    months = _column_months(low)
    if months is None and ym and not YEAR_WORDS.sub("", YEAR.sub("", low)).strip(" ()-:"):
        months = (1, 12)  # "Pencapaian 2020", "Tahun 2020": the year's column
    if months is None:
        return None
    if y is None:
        return Period(label, None, None)  # no year printed anywhere: the label alone
    return Period(label, date(y, months[0], 1), _month_end(y, months[1]))


_MONTH_SHORT_YEAR = re.compile(rf"({_MONTH})\.?\s*[-'’/ ]\s*(\d\d)")  # "Jan-26", "Mac 26", "Ogos'26"
# "01/2026", "2026-01": two digits for the month ("5/2024" is as likely 5 cases of 2,024)
_NUMBERED_MONTH = re.compile(r"(0[1-9]|1[0-2])\s*[/.-]\s*((?:19|20)\d\d)|((?:19|20)\d\d)\s*[/.-]\s*(0[1-9]|1[0-2])")


def _month_of_year(low: str) -> tuple[int, int] | None:
    """(year, month) of a column header naming one month with its year in short: a month's name
    and the year's last two digits ("jan-26"), or the month's number and the year ("01/2026")."""
    m = _MONTH_SHORT_YEAR.fullmatch(low)
    if m:
        return 2000 + int(m.group(2)), MONTHS[m.group(1)]
    m = _NUMBERED_MONTH.fullmatch(low)
    if m:
        return (int(m.group(2)), int(m.group(1))) if m.group(1) else (int(m.group(3)), int(m.group(4)))
    return None


YEAR_WORDS = re.compile(r"\b(?:pencapaian|prestasi|achievement|performance|tahun|year|bagi|for)\b")


ORDINALS = ["pertama", "kedua", "ketiga", "keempat"]
_C_RANGE = re.compile(rf"\b({_MONTH})\.?\s*(?:-|–|hingga|to)\s*({_MONTH})\b")
_C_QUARTER = re.compile(r"(?:suku(?:an)?(?:\s+tahun)?\s*(?:ke\s*-?\s*)?|\b[qs]|\bquarter\s*)([1-4])\b"
                        r"|\b([1-4])(?:st|nd|rd|th)?\s+(?:quarter|suku)"
                        r"|\bsuku(?:an)?(?:\s+tahun)?\s+(?:ke\s*-?\s*)?(pertama|kedua|ketiga|keempat)\b")
_C_HALF = re.compile(r"\bseparuh\s+(?:tahun\s+)?(pertama|kedua)\b|\b(first|second|1st|2nd)\s+half\b|\bh([12])\b")
_C_WORDS = re.compile(r"[\s/()\-.,%]+")  # ("JAN (%)": the month's percentage)


def _column_months(low: str) -> tuple[int, int] | None:
    """The first and last month a period column's header names: a range, a quarter, a half-year,
    a month."""
    m = _C_RANGE.search(low)
    if m:
        return MONTHS[m.group(1)], MONTHS[m.group(2)]
    half = _C_HALF.search(low)
    if half:
        return (1, 6) if (half.group(1) or half.group(2) or half.group(3)) in ("pertama", "first", "1st", "1") else (7, 12)
    q = _C_QUARTER.search(low)
    if q:
        n = int(q.group(1) or q.group(2)) if q.group(1) or q.group(2) else ORDINALS.index(q.group(3)) + 1
        return 3 * n - 2, 3 * n
    words = [w for w in _C_WORDS.split(low) if w and not YEAR.fullmatch(w)]
    months = {MONTHS.get(w) for w in words}
    if words and None not in months and len(months) == 1:
        month = months.pop()
        return month, month
    return None


_A_YEAR = re.compile(rf"\b({_YEAR})\b")


def find_year(text: str | None) -> int | None:
    m = _A_YEAR.search(text or "")
    return int(m.group(1)) if m else None
