"""Table shapes of agencies the development reports do not show, each read through the whole
pipeline (invented agencies, pledges and figures): what must come out, and no false error."""

from __future__ import annotations

import pytest

from piagam.extractors.text import parse_standard
from test_layout_variety import run, table, td


@pytest.mark.parametrize("text, value, unit", [
    ("Panggilan telefon dijawab dalam 3 deringan", 3, "ring"),
    ("Calls answered within three (3) rings", 3, "ring"),
    ("Panggilan dijawab sebelum deringan ketiga", 3, "ring"),
    ("Pelanggan dilayan dalam 30 saat", 30, "second"),
    ("Served within 45 seconds", 45, "second"),
])
def test_rings_and_seconds_are_standards(text, value, unit):
    standard = parse_standard(text)
    assert (standard.value, standard.unit, standard.working_days) == (value, unit, False)


def test_a_pledge_in_rings_reads_its_standard_in_a_table():
    result = run(table(td("Bil", "Piagam", "Sasaran", "Pencapaian"),
                       td("1", "Talian aduan dijawab dalam 5 deringan", "90%", "96%")))
    [row] = result.pledges
    assert (row["standard"], row["standard_value"], row["standard_unit"]) == ("5 deringan", 5.0, "ring")


DIVISIONS = [td("Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati", "Tidak Menepati"),
             td("A", "UNIT PELESENAN", "36", "31", "5"),  # its rows add up to 35, 30 and 5
             td("1", "Lesen pasar malam dalam 5 hari", "23", "20", "3"),
             td("2", "Permit gerai dalam 10 hari", "12", "10", "2"),
             td("B", "UNIT HASIL", "15", "15", "0"),
             td("1", "Resit cukai dalam 10 minit", "10", "10", "0"),
             td("2", "Bayaran balik dalam 14 hari", "5", "5", "0")]


@pytest.mark.parametrize("grand", [("50", "45", "5"),  # the pledges' sum
                                   ("51", "46", "5")])  # the division rows' sum
def test_a_division_row_printing_a_wrong_sum_of_its_rows_is_the_one_blamed(grand):
    result = run(table(*DIVISIONS, td("", "JUMLAH BESAR", *grand)))
    assert [(f["rule"], f["severity"], f["item_no"], f["stated"], f["expected"]) for f in result.findings] == [
        ("section_total", "error", "A", "36", "35")]
    assert "division row" in result.findings[0]["message"]


def test_a_matrix_printed_turned_months_down_the_rows_and_a_column_per_pledge_is_read_per_pledge_and_month():
    result = run(table(td("Bil", "Bulan", "Kelulusan pelan bangunan dalam 30 hari (%)", "Aduan awam dijawab dalam 3 hari (%)"),
                       td("1", "Januari", "100%", "95%"), td("2", "Februari", "98%", "90%"), td("3", "Mac", "", ""),
                       td("", "PURATA", "99%", "92.5%")), title="Pencapaian Piagam Pelanggan 2025")
    assert [(r["pledge"], r["standard_value"], r["period_label"], r["achievement_pct"], r["is_total"])
            for r in result.pledges] == [
        ("Kelulusan pelan bangunan dalam 30 hari", 30, "Januari 2025", 100, False),
        ("Kelulusan pelan bangunan dalam 30 hari", 30, "Februari 2025", 98, False),
        ("Kelulusan pelan bangunan dalam 30 hari", 30, "PURATA 2025", 99, True),
        ("Aduan awam dijawab dalam 3 hari", 3, "Januari 2025", 95, False),
        ("Aduan awam dijawab dalam 3 hari", 3, "Februari 2025", 90, False),
        ("Aduan awam dijawab dalam 3 hari", 3, "PURATA 2025", 92.5, True)]
    assert str(result.pledges[0]["period_start"]) == "2025-01-01"
    assert result.findings == []


def test_a_turned_matrix_of_fractions_checks_each_pledges_total_down_its_column():
    result = run(table(td("Bulan", "Lesen premis", "Permit iklan"),
                       td("JAN", "27/27", "10/12"), td("FEB", "30/31", "8/8"), td("JUMLAH", "57/58", "19/20")),
                 title="Pencapaian Piagam Pelanggan 2025")
    assert [(r["pledge"], r["met"], r["total"]) for r in result.pledges] == [
        ("Lesen premis", 27, 27), ("Lesen premis", 30, 31), ("Lesen premis", 57, 58),
        ("Permit iklan", 10, 12), ("Permit iklan", 8, 8), ("Permit iklan", 19, 20)]


def test_a_pages_footer_taken_into_the_table_is_no_row_and_no_count():
    # a PDF's table finder takes the footer line in: its page number is no count of the table
    result = run(table(td("Bil", "Perkhidmatan", "Menepati", "Tidak Menepati", "Jumlah"),
                       td("1", "Lesen pasar malam dalam 5 hari", "20", "3", "23"),
                       td("", "Majlis Perbandaran Contoh", "", "", "Muka surat 2"),
                       td("2", "Permit gerai dalam 10 hari", "10", "2", "12"),
                       td("", "JUMLAH", "30", "5", "35")))
    assert [r["item_no"] for r in result.pledges] == ["1", "2", None]
    assert result.findings == []


@pytest.mark.parametrize("met, missed", [("Dalam 7 hari", "Lebih 7 hari"), ("Kurang dari 7 hari", "Lebih dari 7 hari"),
                                         ("Tidak lebih 7 hari", "Lebih 7 hari"),
                                         ("Less than 14 days", "More than 14 days")])
def test_counts_headed_by_the_time_they_took_are_met_and_missed(met, missed):
    result = run(table(td("Bil", "Perkhidmatan", "Jumlah Permohonan", met, missed, "Peratus Pencapaian"),
                       td("1", "Lesen penjaja", "40", "38", "2", "95%"), td("2", "Permit iklan", "10", "9", "1", "90%"),
                       td("", "JUMLAH", "50", "47", "3", "94%")))
    assert [(r["met"], r["missed"], r["total"], r["met_pct"]) for r in result.pledges] == [
        (38, 2, 40, 95), (9, 1, 10, 90), (47, 3, 50, 94)]
    assert result.findings == []


def test_a_cumulative_share_beside_quarters_is_one_row_for_their_span_not_a_count_in_every_quarter():
    result = run(table(td("Bil", "Perkhidmatan", "Sasaran", "Suku 1 (%)", "Suku 2 (%)", "Kumulatif (%)"),
                       td("1", "Lesen penjaja dalam 7 hari", "95%", "100", "96", "98")),
                 title="Pencapaian Piagam Pelanggan 2025")
    assert [(r["period_label"], r["achievement_pct"], r["cumulative"], r["is_total"]) for r in result.pledges] == [
        ("Suku 1 2025", 100, None, False), ("Suku 2 2025", 96, None, False),
        ("Kumulatif (%) 2025", 98, None, True)]
    # printed as met of total: the span's counts
    result = run(table(td("Bil", "Perkhidmatan", "Suku 1", "Suku 2", "Kumulatif Jan-Jun"),
                       td("1", "Lesen penjaja dalam 7 hari", "25/27", "30/30", "55/57")),
                 title="Pencapaian Piagam Pelanggan 2025")
    assert [(r["met"], r["total"], r["cumulative"], r["is_total"]) for r in result.pledges] == [
        (25, 27, None, False), (30, 30, None, False), (55, 57, None, True)]


def test_every_day_is_a_standard_and_a_sub_item_takes_its_parents_standard():
    assert (parse_standard("Menyapu kawasan pasar setiap hari").value, parse_standard("setiap hari").unit) == (1, "day")
    deadline = parse_standard("Laporan tahunan diterbitkan sebelum 31 Mac setiap tahun")  # the date is the standard
    assert (deadline.printed, deadline.value, deadline.unit) == ("sebelum 31 Mac", None, None)
    result = run(table(td("Bil", "Perkhidmatan", "Diterima", "Selesai"),
                       td("3.", "Membekal data kepada pelanggan dalam tempoh lima (5) hari bekerja", "", ""),
                       td("a)", "Data cerapan hujan", "12", "12"), td("b)", "Peta guna tanah", "4", "4")))
    assert [(r["item_no"], r["standard"], r["standard_value"], r["standard_working_days"]) for r in result.pledges] == [
        ("3", "lima (5) hari bekerja", 5, True), ("3a", "lima (5) hari bekerja", 5, True),
        ("3b", "lima (5) hari bekerja", 5, True)]


def test_a_turned_table_of_counts_under_each_pledges_header_is_a_row_per_pledge_and_month():
    top = ("<tr><th rowspan=2>Bulan</th><th colspan=3>Lesen penjaja dalam 7 hari</th>"
           "<th colspan=3>Permit iklan dalam 14 hari</th></tr>"
           "<tr>" + "<th>Diterima</th><th>Menepati</th><th>Tidak Menepati</th>" * 2 + "</tr>")
    rows = [td("JAN", "10", "9", "1", "5", "5", "0"), td("FEB", "12", "12", "0", "4", "3", "1"),
            td("JUMLAH", "22", "21", "1", "10", "8", "1")]  # the permits' months add up to 9 and 8
    result = run(f"<table border=1>{top}" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>",
                 title="Pencapaian Piagam Pelanggan 2025")
    assert [(r["pledge"], r["period_label"], r["total"], r["met"], r["missed"], r["is_total"])
            for r in result.pledges] == [
        ("Lesen penjaja dalam 7 hari", "JAN 2025", 10, 9, 1, False),
        ("Lesen penjaja dalam 7 hari", "FEB 2025", 12, 12, 0, False),
        ("Lesen penjaja dalam 7 hari", None, 22, 21, 1, True),
        ("Permit iklan dalam 14 hari", "JAN 2025", 5, 5, 0, False),
        ("Permit iklan dalam 14 hari", "FEB 2025", 4, 3, 1, False),
        ("Permit iklan dalam 14 hari", None, 10, 8, 1, True)]
    assert [(f["rule"], f["severity"], f["stated"], f["expected"]) for f in result.findings] == [
        ("counts_sum", "error", "10", "9"), ("section_total", "error", "10", "9")]


@pytest.mark.parametrize("months, severity", [(("5/6", "7/7", "6/7"), "error"),
                                              (("5/6", "7/7", ""), "warning")])  # a month unprinted: maybe lost
def test_a_matrix_total_column_of_fractions_is_checked_against_its_months(months, severity):
    result = run(table(td("Bil", "Perkhidmatan", "Jan", "Feb", "Mac", "JUMLAH"),
                       td("1", "Lesen penjaja dalam 7 hari", *months, "19/20"),
                       td("2", "Permit iklan dalam 14 hari", "3/3", "4/5", "2/2", "9/10")),
                 title="Pencapaian Piagam Pelanggan 2025")
    assert [(f["rule"], f["severity"], f["item_no"]) for f in result.findings] == [("section_total", severity, "1")]
    assert "periods of item 1" in result.findings[0]["message"]


def test_cumulative_period_counts_ending_at_the_total_column_add_up():
    result = run(table(td("Bil", "Perkhidmatan", "Suku 1", "Suku 2", "Suku 3", "Jumlah"),
                       td("1", "Lesen penjaja dalam 7 hari", "5/6", "11/13", "19/20", "19/20")),
                 title="Pencapaian Piagam Pelanggan 2025")
    assert [r["is_total"] for r in result.pledges] == [False, False, False, True]
    assert result.findings == []


def test_the_rows_under_a_lettered_division_row_printing_figures_are_its_section():
    result = run(table(*DIVISIONS))
    assert [(r["item_no"], r["section"]) for r in result.pledges] == [
        ("A", "UNIT PELESENAN"), ("1", "UNIT PELESENAN"), ("2", "UNIT PELESENAN"),
        ("B", "UNIT HASIL"), ("1", "UNIT HASIL"), ("2", "UNIT HASIL")]
    # lettered pledges, no numbered rows under them: no division, no section
    result = run(table(td("Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati", "Tidak Menepati"),
                       td("A", "LESEN PREMIS", "20", "19", "1"), td("B", "PERMIT IKLAN", "8", "8", "0")))
    assert [(r["item_no"], r["section"]) for r in result.pledges] == [("A", None), ("B", None)]


MONTHS_DOWN = table(td("Bulan", "Diterima", "Menepati", "%"), td("Januari", "10", "9", "90"), td("Februari", "8", "8", "100"))


def test_a_table_of_months_whose_pledge_is_only_the_pages_title_is_that_pledges():
    result = run(MONTHS_DOWN, title="Permit iklan diluluskan dalam tempoh 5 hari bekerja - 2025")
    assert [(r["pledge"], r["standard_value"], r["period_label"], r["total"], r["met"]) for r in result.pledges] == [
        ("Permit iklan diluluskan dalam tempoh 5 hari bekerja", 5, "Januari 2025", 10, 9),
        ("Permit iklan diluluskan dalam tempoh 5 hari bekerja", 5, "Februari 2025", 8, 8)]
    # a title stating no standard names no pledge: no rows
    assert run(MONTHS_DOWN, title="Laporan Pencapaian Piagam Pelanggan 2025").pledges == []


@pytest.mark.parametrize("periods, figures, flagged", [
    (("Suku 1", "Suku 2", "Suku 3", "Suku 4"), ("20", "45", "70", "90"), ["2025-10-01"]),  # progress: short at the year's end
    (("Jan-Mac", "Jan-Jun", "Jan-Sep"), ("60", "80", "90"), []),  # each period from the year's start: progress
    (("Suku 1", "Suku 2", "Suku 3"), ("80", "85", "90"), ["2025-01-01", "2025-04-01", "2025-07-01"]),  # shares
])
def test_cumulative_progress_short_of_the_years_target_before_the_years_end_is_no_shortfall(periods, figures, flagged):
    result = run(table(td("Bil", "Perkhidmatan", "Sasaran", *[f"{p} (%)" for p in periods]),
                       td("1", "Kursus dilaksanakan mengikut jadual tahunan", "95%", *figures)),
                 title="Pencapaian Piagam Pelanggan 2025")
    assert [str(f["period_start"]) for f in result.findings if f["rule"] == "below_target"] == flagged


def test_a_quarter_column_beside_its_months_is_checked_against_them_and_the_total_against_the_quarters():
    header = td("Bil", "Perkhidmatan", "Jan", "Feb", "Mac", "Suku 1", "Apr", "Mei", "Jun", "Suku 2", "JUMLAH")
    result = run(table(header, td("1", "Lesen penjaja dalam 7 hari", "5/6", "7/7", "6/7", "18/20",
                                  "1/1", "2/2", "3/3", "6/6", "24/26")), title="Pencapaian Piagam Pelanggan 2025")
    assert result.findings == []
    # the first quarter misprinted: it is the one blamed, not the total that adds up over the months
    result = run(table(header, td("1", "Lesen penjaja dalam 7 hari", "5/6", "7/7", "6/7", "19/20",
                                  "1/1", "2/2", "3/3", "6/6", "24/26")), title="Pencapaian Piagam Pelanggan 2025")
    assert [(f["rule"], f["severity"], str(f["period_start"]), f["stated"], f["expected"]) for f in result.findings] == [
        ("section_total", "error", "2025-01-01", "19", "18")]
    assert "Suku 1 2025" in result.findings[0]["message"]
