"""Properties of the text parsers (extractors/text.py) over generated inputs: what a report
prints in a known form reads back as the value it was made from, and no text makes a parser
raise."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from piagam.extractors.text import (
    column_period, malay_number_words, parse_figure, parse_period, parse_standard, sentence_count,
)

UNITS = ["satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "lapan", "sembilan"]
MONTHS_MS = ["Januari", "Februari", "Mac", "April", "Mei", "Jun", "Julai", "Ogos", "September",
             "Oktober", "November", "Disember"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
years = st.integers(1990, 2099)
months = st.integers(1, 12)
case = st.sampled_from([str, str.upper, str.lower, str.title])


def malay(n: int) -> str:
    """n (0 to 999,999) in Malay number words, as a report writes them: 'seratus dua puluh satu'."""
    if n == 0:
        return "kosong"
    words = []
    thousands, rest = divmod(n, 1000)
    if thousands:
        words.append("seribu" if thousands == 1 else f"{malay(thousands)} ribu")
    hundreds, rest = divmod(rest, 100)
    if hundreds:
        words.append("seratus" if hundreds == 1 else f"{UNITS[hundreds - 1]} ratus")
    tens, ones = divmod(rest, 10)
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif tens == 1:
        words.append(f"{UNITS[ones - 1]} belas")
    else:
        if tens:
            words.append(f"{UNITS[tens - 1]} puluh")
        if ones:
            words.append(UNITS[ones - 1])
    return " ".join(words)


@given(st.integers(0, 10**9))
def test_a_count_with_thousands_separators_reads_back(n):
    assert parse_figure(f"{n:,}").count == n
    assert parse_figure(f"{n:,} aduan").count == n


@given(st.integers(0, 10**6), st.integers(0, 99))
def test_a_decimal_figure_reads_back(whole, cents):
    assert parse_figure(f"{whole:,}.{cents:02d}").count == float(f"{whole}.{cents:02d}")


@given(st.integers(0, 1000), st.sampled_from(["", " "]))
def test_n_percent_gives_pct_n(n, space):
    figure = parse_figure(f"{n}{space}%")
    assert figure.pct == n and figure.count is None and figure.pct_decimals == 0


@given(st.integers(0, 100), st.integers(0, 9))
def test_a_percentage_with_decimals_keeps_them(n, tenth):
    figure = parse_figure(f"{n}.{tenth}%")
    assert figure.pct == float(f"{n}.{tenth}") and figure.pct_decimals == 1


@given(st.integers(0, 999_999), case)
def test_malay_number_words_read_back(n, style):
    assert malay_number_words(style(malay(n))) == n


@given(st.integers(1, 999), case)
def test_a_figure_in_words_with_its_digits_reads_back(n, style):
    assert parse_figure(style(f"{malay(n)} ({n})")).count == n


@given(st.integers(1, 365), case)
def test_n_working_days_is_a_working_day_standard(n, style):
    standard = parse_standard(style(f"{n} hari bekerja"))
    assert (standard.value, standard.unit, standard.working_days) == (n, "day", True)


@given(st.integers(1, 999), st.sampled_from([("minit", "minute"), ("jam", "hour"), ("hari", "day"),
                                             ("minggu", "week"), ("bulan", "month"), ("tahun", "year")]))
def test_n_units_is_a_standard_in_that_unit(n, unit):
    standard = parse_standard(f"Dalam tempoh {n} {unit[0]}")
    assert (standard.value, standard.unit, standard.working_days) == (n, unit[1], False)


@given(st.integers(1, 60), case)
def test_words_and_digits_of_working_days_agree(n, style):
    standard = parse_standard(style(f"{malay(n)} ({n}) hari bekerja"))
    assert (standard.value, standard.unit, standard.working_days) == (n, "day", True)


@given(months, years, st.sampled_from([MONTHS_MS, MONTHS_EN]), case,
       st.sampled_from(["{m} {y}", "PENCAPAIAN PIAGAM PELANGGAN BAGI BULAN {m} {y}", "Laporan {m}, {y}"]))
def test_a_month_label_gives_that_month(month, year, names, style, template):
    period = parse_period(style(template.format(m=names[month - 1], y=year)))
    assert (period.start, period.end.month, period.end.year) == (date(year, month, 1), month, year)


@given(months, years, st.sampled_from([MONTHS_MS, MONTHS_EN]), case)
def test_a_month_column_header_gives_that_month(month, year, names, style):
    for header in (names[month - 1], names[month - 1][:3]):
        period = column_period(style(header), year)
        assert period is not None, header
        assert (period.start, period.end.month) == (date(year, month, 1), month)


@given(st.integers(0, 10**7), st.sampled_from(["Sebanyak", "sejumlah", "Seramai"]))
def test_a_count_stated_in_a_sentence_reads_back(n, word):
    assert sentence_count(f"{word} {n:,} aduan telah diterima.") == n


# Text made of what report cells hold, so that the parsers' patterns do match parts of it.
TOKENS = (UNITS + MONTHS_MS + MONTHS_EN + ["belas", "puluh", "ratus", "ribu", "seribu", "setengah", "tiada",
          "hari", "bekerja", "jam", "minit", "kali", "seminggu", "setiap", "sehingga", "hingga", "suku",
          "tahun", "bulan", "sebanyak", "Q", "-", "–", "/", "%", "(", ")", ",", ".", "TB", "2023", "31",
          "0", "1,000", "99.5", "1st", "quarter", "separuh", "pertama", "serta-merta", "<b>", "\n", " "])
report_text = st.text() | st.lists(st.sampled_from(TOKENS) | st.integers(0, 10**6).map(str)).map(" ".join) \
    | st.lists(st.sampled_from(TOKENS)).map("".join)


@settings(max_examples=500)
@given(report_text, st.booleans(), st.integers(1990, 2099) | st.none())
def test_no_text_makes_a_parser_raise(text, percent_column, year):
    parse_figure(text, percent_column)
    malay_number_words(text)
    parse_standard(text)
    parse_period(text, year)
    column_period(text, year)
    sentence_count(text)


@given(months, months, years, st.sampled_from([MONTHS_MS, MONTHS_EN]), st.sampled_from([" - ", " hingga ", "-"]))
def test_a_month_range_gives_those_months(first, last, year, names, dash):
    first, last = min(first, last), max(first, last)
    period = parse_period(f"Pencapaian {names[first - 1]}{dash}{names[last - 1]} {year}")
    assert (period.start, period.end.month, period.end.year) == (date(year, first, 1), last, year)


ENGLISH = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
           "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def english(n: int) -> str:
    """n (1 to 99) in English words, as a report writes them: 'Twenty-One'."""
    if n < 20:
        return ENGLISH[n - 1]
    tens, ones = divmod(n, 10)
    return TENS[tens - 2] + (f"-{ENGLISH[ones - 1]}" if ones else "")


@given(st.integers(1, 99), case, st.sampled_from(["Day", "Days", "days"]))
def test_english_words_and_digits_of_working_days_agree(n, style, day):
    standard = parse_standard(f"To process the licence within {style(english(n))} ({n}) Working {day}.")
    assert (standard.value, standard.unit, standard.working_days) == (n, "day", True)
    assert standard.printed.lower() == f"{english(n)} ({n}) working {day}".lower()


@given(st.integers(1, 99), case)
def test_english_number_words_without_digits_read_back(n, style):
    assert malay_number_words(style(english(n))) == n
    standard = parse_standard(f"within {style(english(n))} working days from the date of receipt")
    assert (standard.value, standard.unit, standard.working_days) == (n, "day", True)


@given(st.integers(1, 30), st.integers(1, 30), case)
def test_a_range_in_words_and_digits_is_its_upper_bound(lo, span, style):
    hi = lo + span
    text = f"dalam tempoh {malay(lo)} ({lo}) hingga {malay(hi)} ({hi}) bulan"
    standard = parse_standard(style(text))
    assert (standard.value, standard.unit) == (hi, "month")
    assert standard.printed.lower() == text.removeprefix("dalam tempoh ").lower()


def test_words_that_are_no_figure_in_a_percentage_cell():
    """Nothing received is no percentage (a count of 0 in a count cell); a sentence is no
    figure, whatever number it mentions; a figure with a unit word still reads."""
    for text in ("Tiada Aduan", "No complaint", "Satu (1) aduan diterima menerusi Talikhidmat",
                 "There is no achievement report this month", "TBC"):
        assert not parse_figure(text, percent_column=True).printed, text
    assert parse_figure("Tiada Aduan").count == 0
    assert parse_figure("NIL", percent_column=True).pct == 0
    assert parse_figure("95", percent_column=True).pct == 95
    assert (parse_figure("25 aduan").count, parse_figure("25 aduan").unit) == (25, "aduan")
