"""The other printed styles of counts tables (sample 010, LAYOUTS.md): thousands grouped by dots
and spaces, words and dashes for none beside blanks, Roman-numbered sections and "i)" sub-items,
"Belum Selesai" and "Sebab Tidak Menepati" columns, JUMLAH per section and JUMLAH BESAR, the
quarter printed "Suku Tahun Pertama": read alike from HTML, ruled and unruled PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from piagam.extractors.document import read_document
from piagam.extractors.text import column_period, parse_figure, parse_period

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
STYLES = ["010_counts_styles.html", "010_counts_styles.pdf", "010_counts_styles.unruled.pdf"]


def read(data: bytes, name: str):
    return read_document(data, source_id="t", agency="t", url=f"https://example.invalid/{name}")


@pytest.mark.parametrize("name", STYLES)
def test_counts_in_every_printed_style(name):
    result = read((SAMPLES / name).read_bytes(), name)
    rows = {(r["section"][:3], r["item_no"] or r["pledge"]): r for r in result.pledges}
    figures = {key: (r["total"], r["met"], r["missed"], r["met_pct"]) for key, r in rows.items()}
    assert figures == {
        ("I. ", "1"): (12480, 12476, 4, 99.96),  # "12.480": dots group thousands
        ("I. ", "2"): (None, None, None, None),
        ("I. ", "2i"): (1204, 1198, 6, 99.5),  # "1 204": so do spaces
        ("I. ", "2ii"): (0, 0, 0, None),  # "Tiada", "-", "0": none; a blank % is not published
        ("I. ", "3"): (340, 325, 15, 95.58),
        ("I. ", "4"): (None, None, None, None),  # "TB" and blanks: not published
        ("I. ", "JUMLAH"): (14024, 13999, 25, 99.82),
        ("II.", "1"): (1050, 1000, 50, 95.24),
        ("II.", "JUMLAH"): (1050, 1000, 50, 95.23),
        ("II.", "JUMLAH BESAR"): (15074, 14999, 75, 99.5),
    }
    assert rows[("I. ", "1")]["remarks"] == "Lori rosak"  # "Sebab Tidak Menepati" is a reason, not a count
    assert rows[("I. ", "1")]["section"] == "I. BAHAGIAN PERKHIDMATAN BANDAR"
    assert {(str(r["period_start"]), str(r["period_end"])) for r in result.pledges} == {("2024-01-01", "2024-03-31")}
    assert result.document["period_label"] == "SUKU TAHUN PERTAMA 2024"
    assert result.findings == []  # the section totals and the grand total over them all add up


def test_a_wrong_figure_printed_with_dot_thousands_is_found():
    page = (SAMPLES / "010_counts_styles.html").read_text(encoding="utf-8").replace("<td>12.476</td>", "<td>12.466</td>")
    result = read(page.encode(), "010.html")
    found = sorted((f["rule"], f["item_no"], f["stated"], f["expected"]) for f in result.findings)
    # 12.466 met + 4 missed is not the 12.480 printed, and 99.96% is 12.466 of 12.470, not of the
    # 12.480 printed; the section's JUMLAH then no longer adds up either
    assert found == [("counts_sum", "1", "12480", "12470"), ("met_pct", "1", "99.96%", "99.89%"),
                     ("section_total", None, "13999", "13989")]


def test_printed_number_and_period_styles():
    assert [parse_figure(t).count for t in ("1.234", "1 234", "12 345 aduan", "1,234", "1.5", "-", "Tiada")] == [
        1234, 1234, 12345, 1234, 1.5, 0, 0]
    assert parse_figure("98.425", percent_column=True).pct == 98.425  # a percentage keeps its decimals
    assert parse_figure("").count is None and parse_figure("TB").count is None
    assert (parse_period("Laporan S2 2024").start, parse_period("Laporan S2 2024").end) == (date(2024, 4, 1),
                                                                                          date(2024, 6, 30))
    assert parse_period("Januari - Jun 2024").end == date(2024, 6, 30)
    year_first = parse_period("LAPORAN PIAGAM PELANGGAN TAHUN 2024 SUKU TAHUN PERTAMA")  # not the whole year
    assert (year_first.start, year_first.end) == (date(2024, 1, 1), date(2024, 3, 31))
    assert column_period("S4", 2024).start == date(2024, 10, 1)


def test_a_month_with_its_year_in_short_heads_a_column():
    # Excel's "Jan-26", "Mac 26"; "01/2026", "2026-02": the year they print, not the document's
    for header, start in (("Jan-26", date(2026, 1, 1)), ("Mac 26", date(2026, 3, 1)), ("Ogos'25", date(2025, 8, 1)),
                          ("01/2026", date(2026, 1, 1)), ("2026-02", date(2026, 2, 1))):
        period = column_period(header, 2024)
        assert (period.label, period.start, period.end.month) == (header, start, start.month), header
    # a fraction whose whole could be a year is no month: "5/2024" may be 5 cases of 2,024
    assert column_period("5/2024", 2024) is None and column_period("26 Jan", 2024) is None
    result = read(("<html><body><table border=1><tr><th>Bil</th><th>Piagam</th><th>Jan-26</th><th>Feb-26</th></tr>"
                   "<tr><td>1</td><td>Aduan dijawab dalam 3 hari</td><td>96%</td><td>100%</td></tr>"
                   "</table></body></html>").encode(), "excel.html")
    assert [(r["period_label"], str(r["period_start"]), r["achievement_pct"]) for r in result.pledges] == [
        ("Jan-26", "2026-01-01", 96.0), ("Feb-26", "2026-02-01", 100.0)]


def test_half_years_in_english_and_dates_with_dots_name_the_period():
    for title, start, end in (("Client Charter Performance 1st Half 2025", date(2025, 1, 1), date(2025, 6, 30)),
                              ("Second half of 2025", date(2025, 7, 1), date(2025, 12, 31)),
                              ("Prestasi H2 2025", date(2025, 7, 1), date(2025, 12, 31)),
                              ("Pencapaian Sehingga 31.12.2025", date(2025, 1, 1), date(2025, 12, 31)),
                              ("Pencapaian Sehingga 30/06/2025", date(2025, 1, 1), date(2025, 6, 30))):
        period = parse_period(title)
        assert (period.start, period.end) == (start, end), title


def test_a_decimal_comma_without_a_percent_sign_in_a_percentage_column():
    # a share has no thousands: "95,5" under "% Menepati" is 95.5%, as "95,5%" is; "1,234" stays a count
    assert [parse_figure(t, percent_column=True).pct for t in ("95,5", "99,20", "100,0", "95,5%")] == [
        95.5, 99.2, 100.0, 95.5]
    assert parse_figure("1,234").count == 1234
    result = read(("<html><body><table border=1><tr><th>Bil</th><th>Perkhidmatan</th><th>Diterima</th>"
                   "<th>Menepati</th><th>% Menepati</th></tr><tr><td>1</td><td>Aduan dalam 7 hari</td><td>200</td>"
                   "<td>191</td><td>95,5</td></tr></table></body></html>").encode(), "koma.html")
    assert [(r["met"], r["total"], r["met_pct"]) for r in result.pledges] == [(191, 200, 95.5)]
    assert result.findings == []
