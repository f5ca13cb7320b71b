"""Small pages in the other shapes agencies publish (LAYOUTS.md), each read through the whole
pipeline: the figures that must come out, and the findings, no more."""

from __future__ import annotations

from piagam.extractors.document import read_document
from piagam.extractors.interpret import table_period
from piagam.extractors.text import parse_period


def run(body: str, title: str = "Pencapaian Piagam Pelanggan Mac 2025"):
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>".encode()
    return read_document(page, source_id="t", agency="t", url="https://example.invalid/laporan.html")


def table(*rows: str) -> str:
    return "<table border=1>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"


def td(*cells: str) -> str:
    return "".join(f"<td>{c}</td>" for c in cells)


def test_a_title_row_inside_the_table_gives_the_period_and_is_not_a_header():
    result = run(table('<td colspan="5"><b>LAPORAN PENCAPAIAN PIAGAM PELANGGAN BAGI BULAN OGOS 2024</b></td>',
                       td("Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati", "Tidak Menepati"),
                       td("1.", "Kelulusan lesen premis", "40", "38", "2")), title="Piagam")
    [row] = result.pledges
    assert (row["item_no"], row["total"], row["met"], row["missed"]) == ("1", 40, 38, 2)
    assert (str(row["period_start"]), row["period_label"]) == ("2024-08-01", "OGOS 2024")


def test_achievement_printed_without_the_percent_sign():
    result = run(table(td("Bil", "Piagam", "Sasaran", "Pencapaian"),
                       td("1", "Aduan diselesaikan dalam 7 hari", "90", "95"),
                       td("2", "Bayaran dalam 14 hari", "100", "87")))
    assert [(r["target_pct"], r["achievement_pct"]) for r in result.pledges] == [(90.0, 95.0), (100.0, 87.0)]
    assert [f["rule"] for f in result.findings] == ["below_target"]


def test_the_one_percentage_of_a_counts_table_is_checked_as_the_share_met():
    result = run(table(td("Bil", "Perkhidmatan", "Bil. Diterima", "Bil. Menepati", "Pencapaian (%)"),
                       td("1", "Permohonan tanah", "107", "106", "100%"),
                       td("2", "Carian rasmi", "50", "49", "98%")))
    assert [r["met_pct"] for r in result.pledges] == [100.0, 98.0]
    [finding] = result.findings
    assert (finding["rule"], finding["item_no"], finding["expected"]) == ("met_pct", "1", "99.07%")


def test_without_a_total_column_the_whole_is_met_plus_missed():
    result = run(table(td("No", "Service", "Fulfilled", "%", "Exceeded", "%"),
                       td("1", "Counter service in 15 minutes", "45", "90%", "5", "10%"),
                       td("2", "Refunds in 14 days", "30", "75%", "5", "25%")))
    assert [(r["met"], r["missed"], r["total"]) for r in result.pledges] == [(45, 5, None), (30, 5, None)]
    # 30 of 35 is 85.71%, not 75%; 5 of 35 is 14.29%, not 25%
    assert sorted((f["rule"], f["item_no"], f["stated"], f["expected"]) for f in result.findings) == [
        ("met_pct", "2", "75%", "85.71%"), ("missed_pct", "2", "25%", "14.29%")]


def test_more_met_than_received_is_an_error():
    result = run(table(td("Bil", "Perkhidmatan", "Jumlah Diterima", "Bil. Menepati"),
                       td("1", "Lesen iklan", "12", "14")))
    [finding] = result.findings
    assert (finding["rule"], finding["stated"], finding["expected"]) == ("counts_sum", "14", "<= 12")


def test_a_page_laid_out_in_a_table_still_yields_its_report_table():
    inner = table(td("Bil", "Janji", "Tempoh", "Pencapaian (%)"),
                  td("1", "Menjawab panggilan telefon", "3 deringan", "100%"))
    result = run(f"<table><tr><td>Menu</td><td>{inner}</td></tr></table>")
    [row] = result.pledges
    assert (row["pledge"], row["achievement_pct"]) == ("Menjawab panggilan telefon", 100.0)


def test_a_mixed_case_division_row_is_a_section():
    result = run(table(td("Bil", "Perkhidmatan", "Tempoh", "Pencapaian (%)"),
                       td("Bahagian Khidmat Pengurusan", "", "", ""),
                       td("1", "Tempahan bilik mesyuarat", "1 hari", "100%")))
    [row] = result.pledges
    assert row["section"] == "Bahagian Khidmat Pengurusan"


def test_words_alone_in_the_number_column_are_a_heading_not_an_item_number():
    # an unruled PDF prints a spanning heading in the first column only: "Licensing Unit" is no item
    result = run(table(td("No", "Services", "Received", "Fulfilled", "Exceeded"),
                       td("Licensing Unit", "", "", "", ""),
                       td("1)", "Business premise licence within 7 days", "184", "180", "4"),
                       td("Enforcement Unit", "", "", "", ""),
                       td("1)", "Action on illegal structures within 14 days", "29", "25", "4"),
                       td("Overall", "", "213", "205", "8")))
    assert [(r["section"], r["item_no"], r["total"], r["is_total"]) for r in result.pledges] == [
        ("Licensing Unit", "1", 184, False), ("Enforcement Unit", "1", 29, False), ("Enforcement Unit", None, 213, True)]
    assert result.findings == []


def test_a_page_without_a_pledge_table_is_empty_with_a_reason():
    result = run(table(td("Nama", "Jawatan"), td("Ali bin Abu", "Pegawai Tadbir")))
    assert result.document["status"] == "empty"
    assert result.document["error"] == "None of the 1 tables is a pledge table."
    assert result.pledges == []


def test_periods_printed_as_day_ranges():
    from piagam.extractors.text import parse_period

    quarter = parse_period("Laporan bagi tempoh 1 Januari - 31 Mac 2024")
    assert (str(quarter.start), str(quarter.end)) == ("2024-01-01", "2024-03-31")
    numeric = parse_period("Tempoh: 01/07/2023 - 31/12/2023")
    assert (str(numeric.start), str(numeric.end)) == ("2023-07-01", "2023-12-31")
    days = parse_period("Dalam tempoh 1 hingga 30 November 2022")  # days of one month, not the year to date
    assert (str(days.start), str(days.end)) == ("2022-11-01", "2022-11-30")


def test_periods_of_two_months_and_in_brackets_and_from_a_files_name_not_its_upload_folder():
    from piagam.extractors.text import parse_period

    both = parse_period("Laporan Pencapaian Bagi Bulan Mei & Jun 2024")
    assert (both.label, str(both.start), str(both.end)) == ("Mei & Jun 2024", "2024-05-01", "2024-06-30")
    half = parse_period("Pencapaian Piagam Pelanggan (Januari-Jun) 2024")
    assert (half.label, str(half.start), str(half.end)) == ("Januari-Jun 2024", "2024-01-01", "2024-06-30")
    page = table(td("Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati"), td("1", "Aduan dalam 3 hari", "10", "9"))
    data = f"<html><body>{page}</body></html>".encode()
    uploaded = "https://majlis.example.invalid/wp-content/uploads/2024/04/Pencapaian-Piagam-Mac-2024.html"
    result = read_document(data, source_id="t", agency="t", url=uploaded)  # uploaded in April, the report of March
    assert [r["period_label"] for r in result.pledges] == ["Mac 2024"]


def test_nested_time_buckets_and_a_grand_total_after_subtotals_are_not_errors():
    result = run(table(td("Bil", "Perkhidmatan", "Jumlah", "Menepati sasaran 1 minggu", "Melebihi 1 minggu",
                          "Melebihi 2 minggu"),
                       '<td colspan="6">UNIT A</td>',
                       td("1", "Lesen baharu", "10", "7", "3", "1"),  # > 2 weeks is inside > 1 week
                       td("", "JUMLAH", "10", "7", "3", "1"),
                       '<td colspan="6">UNIT B</td>',
                       td("1", "Pembaharuan lesen", "20", "20", "0", "0"),
                       td("", "JUMLAH KESELURUHAN", "30", "27", "3", "1")))
    assert [f for f in result.findings if f["severity"] == "error"] == []
    wrong = run(table(td("Bil", "Perkhidmatan", "Jumlah", "Menepati", "Tidak Menepati"),
                      '<td colspan="5">UNIT A</td>', td("1", "Lesen", "10", "7", "3"), td("", "JUMLAH", "10", "7", "3"),
                      '<td colspan="5">UNIT B</td>', td("1", "Permit", "20", "20", "0"),
                      td("", "JUMLAH KESELURUHAN", "31", "28", "3")))
    assert sorted(f["rule"] for f in wrong.findings if f["severity"] == "error") == ["section_total"]


def test_a_narrative_count_for_the_year_to_date_is_not_the_months_total():
    result = run(table(td("Bil", "Janji", "Tempoh", "Pencapaian", "Peratusan Pencapaian", "Kumulatif"),
                       td("1", "Memproses tuntutan", "7 hari", "Bagi tempoh 1 Mac 2025 hingga 31 Mac 2025, sebanyak "
                          "12 tuntutan diproses.", "100%", "Pencapaian dari Jan - Mac : (40 tuntutan)"),
                       td("2", "Memaklumkan keputusan", "14 hari", "1 Januari 2025 hingga 31 Mac 2025, sebanyak "
                          "lapan puluh (80) keputusan telah dimaklumkan.", "100%", ""),
                       td("3", "Menjawab aduan", "3 hari", "Sehingga bulan Mac 2025 sejumlah 9 aduan dijawab. "
                          "Sebanyak 2 aduan diterima bagi bulan Mac 2025.", "100%", ""),
                       td("4", "Membalas emel", "1 hari", "Setakat ini sebanyak 30 emel dibalas.", "100%", ""),
                       td("5", "Mengeluarkan permit", "3 hari", "Bagi tempoh 1 Mac hingga 31 Mac, sebanyak 6 "
                          "permit dikeluarkan.", "100%", ""),
                       td("6", "Memproses bantuan", "2 bulan", "Dalam tempoh 1 hingga 31 Mac 2025 tiada (0) "
                          "permohonan diterima.", "0% (0 permohonan)", "")),
                 title="Pencapaian Piagam Pelanggan Sehingga Mac 2025")
    got = [(r["item_no"], r["total"], r["cumulative"]) for r in result.pledges]
    assert got == [("1", 12, 40), ("2", None, 80), ("3", 2, 9), ("4", None, 30), ("5", 6, None), ("6", 0, None)]
    assert result.findings == []


def test_a_lone_percentage_that_is_a_target_is_not_checked_as_the_share_met():
    # the same 90% on every row whatever the counts: a target, not met/total
    result = run(table(td("Bil", "Perkhidmatan", "Bil. Diterima", "Bil. Menepati", "Pencapaian (%)"),
                       td("1", "Permohonan tanah", "107", "96", "90%"),
                       td("2", "Carian rasmi", "50", "49", "90%"),
                       td("3", "Lesen", "40", "30", "90%")))
    assert [(r["met"], r["total"], r["met_pct"], r["achievement_pct"]) for r in result.pledges] == [
        (96, 107, None, 90.0), (49, 50, None, 90.0), (30, 40, None, 90.0)]
    assert result.findings == []


def test_an_achievement_against_the_target_is_neither_the_target_nor_the_share_met():
    result = run(table(td("Bil", "Perkhidmatan", "Jumlah Diterima", "Bil. Menepati", "Sasaran (%)",
                          "Pencapaian Berbanding Sasaran (%)"),
                       td("1", "Permohonan tanah", "100", "90", "90%", "100%"),
                       td("2", "Carian rasmi", "50", "40", "100%", "80%")))
    assert [(r["met_pct"], r["target_pct"], r["achievement_pct"]) for r in result.pledges] == [
        (None, 90.0, 100.0), (None, 100.0, 80.0)]
    assert [(f["rule"], f["item_no"]) for f in result.findings] == [("below_target", "2")]


def test_quarters_named_with_their_year_and_a_run_of_years_are_column_headers():
    # "Q1 2024" and bare years have no word of three letters: they must not read as figures
    for headers, periods in ((("Q1 2024", "Q2 2024", "Q3 2024"), ("2024-01-01", "2024-04-01", "2024-07-01")),
                             (("S1/2023", "S2/2023", "S3/2023"), ("2023-01-01", "2023-04-01", "2023-07-01")),
                             (("2022", "2023", "2024"), ("2022-01-01", "2023-01-01", "2024-01-01"))):
        result = run(table(td("Bil", "Piagam", "Sasaran", *headers),
                           td("1", "Permit pasar malam dalam tempoh 3 hari", "90%", "18/20 90%", "25/25 100%", "9/10 90%"),
                           td("2", "Aduan longkang tersumbat dalam 2 hari", "90%", "95%", "88%", "")))
        got = [(r["item_no"], str(r["period_start"]), r["met"], r["total"], r["met_pct"], r["achievement_pct"])
               for r in result.pledges]
        assert got == [("1", periods[0], 18, 20, 90.0, None), ("1", periods[1], 25, 25, 100.0, None),
                       ("1", periods[2], 9, 10, 90.0, None), ("2", periods[0], None, None, None, 95.0),
                       ("2", periods[1], None, None, None, 88.0)], headers
        assert [(f["rule"], f["item_no"]) for f in result.findings] == [("below_target", "2")], headers


def test_a_row_of_counts_that_could_be_years_is_no_header():
    result = run(table(td("Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati", "Tidak Menepati"),
                       td("1", "Cukai taksiran dibayar di kaunter", "2031", "2020", "11")))
    assert [(r["total"], r["met"], r["missed"]) for r in result.pledges] == [(2031, 2020, 11)]


def test_a_total_sentence_across_the_target_and_the_achievement_is_the_achievement_only():
    result = run(table(td("Bil", "Piagam Pelanggan", "Sasaran", "Pencapaian"),
                       td("1", "Bil air dibayar balik dalam 14 hari", "95%", "98%"),
                       td("2", "Aduan dijawab dalam 3 hari", "95%", "96%"),
                       '<td colspan="4">PERATUS PENCAPAIAN KESELURUHAN BAGI TEMPOH INI IALAH - 97%</td>'))
    assert [(r["is_total"], r["target_pct"], r["achievement_pct"]) for r in result.pledges] == [
        (False, 95.0, 98.0), (False, 95.0, 96.0), (True, None, 97.0)]


def test_a_yearly_target_beside_quarterly_counts_is_a_count_not_a_percentage():
    result = run(table(td("Bil", "Piagam", "Sasaran Tahunan", "Suku 1", "Suku 2", "Suku 3", "Suku 4"),
                       td("1", "Program kesedaran awam 12 kali setahun", "12", "3", "6", "9", ""),
                       td("2", "Lawatan tapak 40 kali setahun", "40", "8", "19", "31", "")),
                 title="Pencapaian Piagam Pelanggan 2025")
    got = [(r["item_no"], r["period_label"], r["total"], r["target_pct"], r["remarks"]) for r in result.pledges]
    assert got[:3] == [("1", "Suku 1 2025", 3, None, "Sasaran Tahunan: 12"), ("1", "Suku 2 2025", 6, None,
                       "Sasaran Tahunan: 12"), ("1", "Suku 3 2025", 9, None, "Sasaran Tahunan: 12")]
    assert [r["target_pct"] for r in result.pledges] == [None] * 6 and result.findings == []


def test_counts_under_each_month_give_a_row_per_month_checked_month_by_month():
    result = run(table('<td rowspan="2">Bil</td><td rowspan="2">Piagam</td><td colspan="2">Januari</td>'
                       '<td colspan="2">Februari</td>',
                       td("Diterima", "Selesai Dalam Tempoh", "Diterima", "Selesai Dalam Tempoh"),
                       '<td colspan="6">UNIT PELESENAN</td>',
                       td("1", "Lesen kedai makan dalam 7 hari", "10", "9", "14", "14"),
                       td("2", "Lesen penjaja dalam 3 hari", "6", "6", "4", "3"),
                       td("", "JUMLAH", "16", "15", "19", "17")), title="Pencapaian Piagam Pelanggan 2026")
    got = [(r["section"], r["item_no"], r["period_label"], r["total"], r["met"], r["is_total"]) for r in result.pledges]
    assert got == [("UNIT PELESENAN", "1", "Januari 2026", 10, 9, False), ("UNIT PELESENAN", "2", "Januari 2026", 6, 6, False),
                   ("UNIT PELESENAN", None, "Januari 2026", 16, 15, True),
                   ("UNIT PELESENAN", "1", "Februari 2026", 14, 14, False), ("UNIT PELESENAN", "2", "Februari 2026", 4, 3, False),
                   ("UNIT PELESENAN", None, "Februari 2026", 19, 17, True)]
    # February's total says 19 received where its rows add up to 18: that month's total, and only it
    [finding] = result.findings
    assert (finding["rule"], finding["severity"], str(finding["period_start"])) == ("section_total", "error", "2026-02-01")


def test_a_row_numbering_or_lettering_the_columns_is_no_pledge():
    for labels in (td("1", "2", "3", "4", "5", "6"), td("", "", "(a)", "(b)", "(c)", "(b/a) x 100")):
        result = run(table(td("Bil", "Piagam Pelanggan", "Diterima", "Menepati", "Tidak Menepati", "% Menepati"),
                           labels,
                           td("1", "Bil air dibayar balik dalam 14 hari", "120", "114", "6", "95"),
                           td("2", "Pendaftaran dalam 1 hari", "60", "60", "0", "100")))
        assert [(r["item_no"], r["total"], r["met"], r["missed"], r["met_pct"]) for r in result.pledges] == [
            ("1", 120, 114, 6, 95.0), ("2", 60, 60, 0, 100.0)], labels
        assert result.findings == [], labels  # "1 | 2 | 3 | 4 | 5 | 6" read as counts: 4 + 5 is not 3


def test_cases_still_in_progress_are_in_the_total_but_neither_met_nor_missed():
    result = run(table(td("Bil", "Piagam", "Jumlah Diterima", "Selesai Dalam Tempoh", "Selesai Melebihi Tempoh",
                          "Dalam Tindakan", "% Selesai Dalam Tempoh"),
                       td("1", "Aduan jalan dalam 7 hari", "50", "40", "4", "6", "80"),
                       td("2", "Lesen dalam 14 hari", "20", "18", "0", "2", "100"),
                       td("3", "Permit dalam 3 hari", "10", "7", "1", "0", "70")))
    assert [(r["total"], r["met"], r["missed"], r["met_pct"], r["responsible"], r["remarks"]) for r in result.pledges] == [
        (50, 40, 4, 80.0, None, "Dalam Tindakan: 6"), (20, 18, 0, 100.0, None, "Dalam Tindakan: 2"),
        (10, 7, 1, 70.0, None, "Dalam Tindakan: 0")]
    # 40 + 4 + 6 make 50; 18 of the 18 done is 100%: no inconsistency. Item 3: 7 + 1 + 0 is not 10
    assert [(f["item_no"], f["rule"]) for f in result.findings] == [("3", "counts_sum")]


def test_cases_brought_forward_and_the_balance_left_are_in_the_workload_not_item_numbers():
    result = run(table(td("Bil", "Perkhidmatan", "Baki Bulan Lepas", "Diterima", "Jumlah", "Selesai Dalam Tempoh",
                          "Selesai Melebihi Tempoh", "Baki"),
                       td("1", "Aduan parit tersumbat dalam 5 hari", "4", "30", "34", "27", "2", "5"),
                       td("2", "Kelulusan iklan dalam 10 hari", "2", "12", "14", "11", "1", "2"),
                       td("3", "Sijil siap dalam 7 hari", "1", "9", "10", "6", "1", "1")))
    assert [(r["item_no"], r["total"], r["met"], r["missed"], r["remarks"]) for r in result.pledges] == [
        ("1", 34, 27, 2, "Baki Bulan Lepas: 4; Baki: 5"), ("2", 14, 11, 1, "Baki Bulan Lepas: 2; Baki: 2"),
        ("3", 10, 6, 1, "Baki Bulan Lepas: 1; Baki: 1")]
    # 4 + 30 = 34 = 27 + 2 + 5 adds up; item 3 leaves 2 of its 10 cases unaccounted for
    assert [(f["item_no"], f["rule"], f["severity"]) for f in result.findings] == [("3", "counts_sum", "error")]


def test_a_total_of_the_cases_received_adds_up_with_the_cases_brought_forward():
    result = run(table(td("No", "Service", "Brought Forward", "Received", "Completed Within Charter",
                          "Completed Late", "Outstanding"),
                       td("1", "Complaints about drains resolved within 5 days", "4", "30", "27", "2", "5"),
                       td("2", "Advertising permits approved within 10 days", "2", "12", "11", "1", "2")))
    assert [(r["item_no"], r["total"], r["met"], r["missed"], r["remarks"]) for r in result.pledges] == [
        ("1", 30, 27, 2, "Brought Forward: 4; Outstanding: 5"), ("2", 12, 11, 1, "Brought Forward: 2; Outstanding: 2")]
    assert result.findings == []  # 27 + 2 + 5 = 30 + 4


def test_a_column_of_small_counts_right_of_the_item_numbers_does_not_renumber_the_rows():
    result = run(table(td("Bil", "Aduan", "Diterima", "Selesai Dalam Tempoh", "Dirujuk"),
                       td("1", "Jalan rosak dibaiki dalam 3 hari", "20", "17", "3"),
                       td("2", "Sampah dikutip dalam 1 hari", "40", "38", "2")))
    assert [(r["item_no"], r["total"], r["met"]) for r in result.pledges] == [("1", 20, 17), ("2", 40, 38)]


def test_a_sub_item_named_in_the_number_column_keeps_its_name_as_the_pledge():
    result = run(table(td("Bil", "Perkhidmatan", "Diterima", "Selesai Dalam Tempoh", "%"),
                       td("3", "Ambulans tiba di lokasi dalam 30 minit", "", "", ""),
                       td("a) Kecemasan", "", "40", "38", "95"),
                       td("b) Bukan kecemasan", "", "20", "20", "100")))
    assert [(r["item_no"], r["pledge"], r["total"], r["met"]) for r in result.pledges] == [
        ("3", "Ambulans tiba di lokasi dalam 30 minit", None, None), ("3a", "Kecemasan", 40, 38),
        ("3b", "Bukan kecemasan", 20, 20)]


def test_a_bare_zero_beside_the_rows_own_fractions_is_no_cases_not_zero_percent():
    result = run(table(td("Bil", "Piagam", "Sasaran", "Jan", "Feb", "Mac"),
                       td("1", "Aduan dijawab dalam 3 hari", "90%", "12/12 100%", "0", "9/10 90%"),
                       td("2", "Permit dalam 7 hari", "90%", "96%", "91%", "0")))
    got = [(r["item_no"], r["period_label"], r["total"], r["met_pct"], r["achievement_pct"]) for r in result.pledges]
    assert got == [("1", "Jan 2025", 12, 100.0, None), ("1", "Feb 2025", 0, None, None), ("1", "Mac 2025", 10, 90.0, None),
                   ("2", "Jan 2025", None, None, 96.0), ("2", "Feb 2025", None, None, 91.0),
                   ("2", "Mac 2025", None, None, 0.0)]  # among percentages a 0 is 0%
    assert [(f["rule"], f["item_no"]) for f in result.findings] == [("below_target", "2")]


def test_shares_printed_as_fractions_of_one_are_percentages_when_the_counts_say_so():
    result = run(table(td("Bil", "Perkhidmatan", "Diterima", "Menepati", "Tidak Menepati", "% Menepati", "% Tidak Menepati"),
                       td("1", "Aduan dalam 7 hari", "40", "38", "2", "0.95", "0.05"),
                       td("2", "Permohonan dalam 14 hari", "20", "20", "0", "1.00", "0"),
                       td("3", "Permit dalam 3 hari", "8", "6", "2", "0.75", "0.25")))
    assert [(r["met_pct"], r["missed_pct"]) for r in result.pledges] == [(95.0, 5.0), (100.0, 0.0), (75.0, 25.0)]
    assert result.findings == []
    # small missed shares printed as percentages ("0.5" is 0.5%: 1 of 200) stay as printed
    result = run(table(td("Bil", "Perkhidmatan", "Diterima", "Menepati", "Tidak Menepati", "% Tidak Menepati"),
                       td("1", "Resit dalam 1 hari", "200", "199", "1", "0.5"),
                       td("2", "Bil dalam 3 hari", "125", "124", "1", "0.8")))
    assert [r["missed_pct"] for r in result.pledges] == [0.5, 0.8] and result.findings == []


def test_a_table_under_its_own_month_heading_in_a_quarterly_report_is_that_months():
    header = td("Bil", "Perkhidmatan", "Diterima", "Menepati", "Tidak Menepati")
    body = ("<h3>Januari 2026</h3>" + table(header, td("1", "Aduan dalam 7 hari", "10", "9", "1")) +
            "<h3>Februari 2026</h3>" + table(header, td("1", "Aduan dalam 7 hari", "12", "12", "0")) +
            "<p>Dikemaskini pada 2 April 2026</p>" + table(header, td("1", "Aduan dalam 7 hari", "22", "21", "1")))
    result = run(body, title="Laporan Pencapaian Piagam Pelanggan Suku Pertama 2026")
    assert [(r["table_no"], r["period_label"], str(r["period_start"]), str(r["period_end"])) for r in result.pledges] == [
        (1, "Januari 2026", "2026-01-01", "2026-01-31"), (2, "Februari 2026", "2026-02-01", "2026-02-28"),
        (3, "Suku Pertama 2026", "2026-01-01", "2026-03-31")]  # a date of update names no period
    # a PDF title wrapped over two lines ("... JANUARI -" / "MAC 2026") is the report's, no table's own
    report = parse_period("LAPORAN PIAGAM PELANGGAN JANUARI - MAC 2026")
    assert table_period("LAPORAN PIAGAM PELANGGAN JANUARI -\nMAC 2026", report) is None
    assert table_period("LAPORAN PIAGAM PELANGGAN JANUARI - MAC 2026\nFebruari 2026", report).label == "Februari 2026"


def test_a_lone_bilangan_beside_met_and_missed_is_the_total():
    result = run(table(td("Bil", "Piagam Pelanggan", "Bilangan", "Menepati", "Tidak Menepati"),
                       td("1", "Aduan dijawab dalam 7 hari", "40", "38", "2"),
                       td("2", "Lesen dalam 3 hari", "12", "10", "1")))
    assert [(r["total"], r["met"], r["missed"]) for r in result.pledges] == [(40, 38, 2), (12, 10, 1)]
    assert [(f["rule"], f["item_no"]) for f in result.findings] == [("counts_sum", "2")]


def test_a_month_printed_as_a_dash_is_not_below_its_target():
    result = run(table(td("Bil", "Piagam", "Sasaran", "Jan", "Feb", "Mac"),
                       td("1", "Aduan dijawab dalam tempoh 5 hari", "90%", "96%", "85%", "-"),
                       td("2", "Lesen dikeluarkan dalam tempoh 7 hari", "90%", "100%", "Tiada", "-")))
    # March, a dash on every row, is not reported yet: no rows
    assert [(r["item_no"], r["period_label"], r["achievement_pct"]) for r in result.pledges] == [
        ("1", "Jan 2025", 96.0), ("1", "Feb 2025", 85.0), ("2", "Jan 2025", 100.0), ("2", "Feb 2025", 0.0)]
    assert [(f["rule"], f["item_no"], str(f["period_start"])) for f in result.findings] == [
        ("below_target", "1", "2025-02-01")]


def test_a_share_met_over_100_is_an_achievement_not_a_met_pct_error():
    result = run(table(td("Bil", "Perkhidmatan", "Bil. Diterima", "Bil. Menepati", "Pencapaian (%)"),
                       td("1", "Permohonan tanah", "100", "90", "112%"),
                       td("2", "Carian rasmi", "50", "50", "100%")))
    assert [(r["met_pct"], r["achievement_pct"]) for r in result.pledges] == [(None, 112.0), (None, 100.0)]
    assert [(f["rule"], f["severity"]) for f in result.findings] == [("range", "warning")]


def test_other_header_wordings_name_their_columns():
    result = run(table(td("Bil", "Perkhidmatan", "Tempoh Piagam", "No. of Applications", "Within Standard",
                          "Beyond Standard", "Unit Bertanggungjawab"),
                       td("1", "Kelulusan permit", "14 hari bekerja", "20", "18", "3", "Unit Perlesenan")))
    [row] = result.pledges
    assert (row["standard_value"], row["standard_working_days"], row["total"], row["met"], row["missed"],
            row["responsible"]) == (14.0, True, 20, 18, 3, "Unit Perlesenan")
    [finding] = result.findings  # 18 within + 3 beyond is not the 20 received
    assert (finding["rule"], finding["stated"], finding["expected"]) == ("counts_sum", "20", "21")
    english = run(table(td("No.", "Service", "Standard", "Received", "Within standard", "%", "Not within standard", "%",
                           "Status"),
                        td("1", "Issue a licence", "3 working days", "50", "48", "96%", "2", "4%", "Tercapai")))
    [row] = english.pledges
    assert (row["total"], row["met"], row["met_pct"], row["missed"], row["missed_pct"]) == (50, 48, 96.0, 2, 4.0)
    assert row["remarks"] == "Tercapai"
    assert english.findings == []


def test_quarters_named_in_words_are_period_columns():
    result = run(table(td("Bil", "Piagam", "Suku Tahun Pertama", "Suku Tahun Kedua", "Suku Tahun Ketiga",
                          "Suku Tahun Keempat"),
                       td("1", "Aduan dijawab dalam 7 hari", "100%", "98%", "", "")),
                 title="Pencapaian Piagam Pelanggan 2025")
    assert [(r["period_label"], str(r["period_start"]), str(r["period_end"]), r["achievement_pct"])
            for r in result.pledges] == [("Suku Tahun Pertama 2025", "2025-01-01", "2025-03-31", 100.0),
                                         ("Suku Tahun Kedua 2025", "2025-04-01", "2025-06-30", 98.0)]


def test_late_buckets_are_no_printed_missed_count_but_are_added_up_by_the_checks():
    result = run(table(td("Bil", "Perkhidmatan", "Jumlah", "Menepati sasaran 1 minggu",
                          "Melebihi 1 minggu tetapi tidak melebihi 2 minggu", "Melebihi 2 minggu"),
                       td("1", "Lesen penjaja", "12", "9", "2", "1"),
                       td("2", "Permit acara", "15", "10", "2", "1")))  # 10 + 2 + 1 is 13, not 15
    assert [(r["met"], r["missed"], r["total"]) for r in result.pledges] == [(9, None, 12), (10, None, 15)]
    [finding] = result.findings
    assert (finding["rule"], finding["item_no"], finding["stated"], finding["expected"]) == ("counts_sum", "2", "15", "13")


def test_a_pledge_over_its_own_bucket_header_owns_the_figures_below_and_a_spanned_blank_is_one_row():
    buckets = td("Menepati sasaran 2 minggu", "Melebihi 2 minggu tetapi tidak melebihi 4 minggu", "Melebihi 4 minggu")
    result = run(table(td("Bil.", "Piagam Pelanggan") + '<td colspan="3">Bilangan aktiviti yang menepati sasaran</td>',
                       td("1)", "Aduan hutan disiasat dalam tempoh dua minggu") + buckets,
                       td("", "", "14", "2", "0"),  # the figures under the pledge's own header
                       '<td rowspan="2">2)</td><td rowspan="2">Lawatan berpandu ke taman negeri</td>' + td("", "", ""),
                       td("", "", "")))
    assert [(r["item_no"], r["pledge"], r["met"], r["total"]) for r in result.pledges] == [
        ("1", "Aduan hutan disiasat dalam tempoh dua minggu", 14, None), ("2", "Lawatan berpandu ke taman negeri", None, None)]


def test_the_months_not_reported_yet_in_a_table_of_months_give_no_rows():
    result = run("<p>3. Menyelenggara lampu jalan sekurang-kurangnya 4 kali sebulan</p>" + table(
        td("Bulan", "Jumlah Diterima", "Selesai", "Selesai (%)"),
        td("JANUARI", "4", "4", "100"), td("FEBRUARI", "-", "-", "-"),  # reported: none received
        td("MAC", "6", "5", "83"), td("APRIL", "-", "-", "0"), td("MEI", "", "", ""), td("JUMLAH", "11", "9", "82")),
        title="Pencapaian Piagam Pelanggan 2025")
    assert [(r["period_label"], r["total"], r["met"], r["met_pct"], r["is_total"]) for r in result.pledges] == [
        ("JANUARI 2025", 4, 4, 100.0, False), ("FEBRUARI 2025", 0, 0, 0.0, False), ("MAC 2025", 6, 5, 83.0, False),
        ("APRIL 2025", None, None, 0.0, False), (None, 11, 9, 82.0, True)]  # "JUMLAH" under the months: their total
    assert [(f["rule"], f["row_no"]) for f in result.findings if f["severity"] == "error"] == [("section_total", 7)]


def test_a_met_header_copied_over_the_misses_reads_them_as_missed_guessed():
    result = run(table(td("Piagam Pelanggan", "Jumlah Menepati Standard", "Peratus (%) Menepati Standard",
                          "Jumlah Menepati Standard", "Peratus (%) Menepati Standard", "Jumlah Perkhidmatan"),
                       td("Bayaran kepada pembekal dalam 7 hari", "40", "80 %", "10", "25 %", "50"),
                       td("Resit kaunter dalam 2 minit", "30", "100 %", "-", "-", "30")))
    assert [(r["met"], r["met_pct"], r["missed"], r["missed_pct"], r["total"]) for r in result.pledges] == [
        (40, 80.0, 10, 25.0, 50), (30, 100.0, 0, 0.0, 30)]
    assert result.pledges[0]["guessed"] == ["missed", "missed_pct"]
    # 10 of 50 is 20%, not 25%, and 80% + 25% is not 100%: said, as warnings, since no header names the misses
    assert sorted((f["rule"], f["severity"]) for f in result.findings) == [("missed_pct", "warning"),
                                                                           ("pct_sum", "warning")]


def test_a_fraction_in_a_count_column_is_a_share_not_cases():
    result = run(table(td("Bil", "Piagam", "Bil. Menepati", "% Menepati", "Bil. Tidak Menepati", "Jumlah"),
                       td("1", "Lesen dalam 3 hari", "18", "90", "2", "20"),
                       td("2", "Portal dalam talian sepanjang masa", "99.50", "100", "0", "99.50")))
    second = result.pledges[1]
    assert (second["met"], second["total"], second["achievement_pct"]) == (None, None, 99.5)
    assert "achievement_pct" in second["guessed"]
    assert not [f for f in result.findings if f["severity"] == "error"]


def test_a_count_in_labelled_parts_whose_words_wrap_is_their_sum():
    result = run(table(td("Bil", "Janji", "Jumlah Menepati", "Jumlah Tidak Menepati", "Jumlah Perkhidmatan"),
                       td("1)", "Bayaran invois dalam 14 hari", "1,200", "0",
                          "500 bilangan bil<br>persekutuan<br>700 bilangan bil<br>negeri"),
                       td("2)", "Program komuniti setiap tahun", "10 program<br>bagi tahun<br>2016", "0",
                          "10 program<br>bagi tahun<br>2016")))  # a year on a line of its own is no part
    assert [(r["met"], r["missed"], r["total"]) for r in result.pledges] == [(1200, 0, 1200), (10, 0, 10)]
    assert result.findings == []


def test_labelled_counts_in_month_cells_read_by_their_arithmetic_and_alone():
    result = run(table(td("Bil", "Piagam", "JAN", "FEB", "MAC"),
                       td("1", "Ulasan pelan dalam 14 hari", "J:12<br>100%<br>c : 12<br>tc: 0",
                          "J:8<br>100%", "J:10<br>90%<br>c : 9<br>tc: 1"),
                       td("2", "Kelulusan permit dalam 7 hari", "J:5<br>100%<br>c : 5<br>tc: 0",
                          "J:6<br>100%<br>c : 4<br>tc: 0", "J:3<br>100%<br>c : 3<br>tc: 0")),
                 title="Pencapaian Piagam Pelanggan 2025")
    got = [(r["item_no"], r["period_label"], r["total"], r["met"], r["missed"], r["met_pct"]) for r in result.pledges]
    assert got == [("1", "JAN 2025", 12, 12, 0, 100.0), ("1", "FEB 2025", 8, None, None, 100.0),
                   ("1", "MAC 2025", 10, 9, 1, 90.0), ("2", "JAN 2025", 5, 5, 0, 100.0),
                   ("2", "FEB 2025", 6, 4, 0, 100.0), ("2", "MAC 2025", 3, 3, 0, 100.0)]
    # no legend names the labels: what "c" and "tc" are is guessed, so item 2 in FEB (4 + 0 is not 6) warns
    assert {(f["rule"], f["item_no"], f["severity"]) for f in result.findings} == {
        ("counts_sum", "2", "warning"), ("met_pct", "2", "warning")}


def test_a_bare_zero_among_month_cells_of_counts_of_totals_is_no_cases():
    result = run(table(td("Bil", "Piagam", "JAN", "FEB", "MAC"),
                       td("1", "Ulasan pelan dalam 30 hari", "0", "3/3 100%", "9/10 90%"),
                       td("2", "Kelulusan permit dalam 7 hari", "5/5 100%", "2/2 100%", "4/4 100%")),
                 title="Pencapaian Piagam Pelanggan 2025")
    first = [(r["period_label"], r["met"], r["total"], r["met_pct"], r["achievement_pct"])
             for r in result.pledges if r["item_no"] == "1"]
    assert first == [("JAN 2025", None, 0, None, None), ("FEB 2025", 3, 3, 100.0, None),
                     ("MAC 2025", 9, 10, 90.0, None)]


def test_numbered_pledges_alone_in_a_table_of_a_charter_page_are_rows():
    body = table(td("Bil", "Piagam Pelanggan"), td("1.", "Surat tawaran dikeluarkan dalam tempoh 14 hari bekerja"),
                 td("2.", "Aduan dijawab dalam tempoh 3 hari bekerja"))
    result = run(body, title="Piagam Pelanggan Bahagian Latihan")
    assert [(r["item_no"], r["standard"], r["met"]) for r in result.pledges] == [
        ("1", "14 hari bekerja", None), ("2", "3 hari bekerja", None)]
    assert run(body, title="Senarai Dokumen").pledges == []  # not a charter page: a list, not pledges


def test_a_narrative_part_of_a_whole_gives_the_counts():
    result = run(table(td("Bil", "Janji", "Pencapaian", "Peratus"),
                       td("1", "Menjawab aduan dalam 3 hari", "Sebanyak 12 daripada 15 aduan diselesaikan dalam "
                          "tempoh 3 hari.", "80%"),
                       td("2", "Bayaran dalam 14 hari", "2 daripada 40 bayaran tidak dibuat dalam tempoh 14 hari.", "95%"),
                       td("3", "Permit dalam 7 hari", "9 daripada 10 permit dikeluarkan.", "95%")))
    got = [(r["met"], r["missed"], r["total"], r["met_pct"], r["achievement_pct"]) for r in result.pledges]
    # 9 of 10 is not 95%: the percentage is no share of them, an achievement (maybe against a target)
    assert got == [(12, None, 15, 80.0, None), (None, 2, 40, 95.0, None), (9, None, 10, None, 95.0)]
    assert result.findings == []


def test_a_narrative_part_of_them_takes_the_count_stated_before_it_as_its_whole():
    result = run(table(td("Bil", "Janji", "Pencapaian"),
                       td("1", "Menjawab aduan dalam 3 hari", "Sebanyak 40 aduan diterima dan 38 daripadanya "
                          "diselesaikan dalam tempoh 3 hari."),
                       td("2", "Bayaran dalam 14 hari", "Sejumlah 1,200 bayaran dibuat; 30 daripadanya tidak dalam "
                          "tempoh."),
                       td("3", "Permit in 7 days", "A total of 50 applications were received and 48 of them were "
                          "approved within 7 days.")))
    got = [(r["met"], r["missed"], r["total"]) for r in result.pledges]
    assert got == [(38, None, 40), (None, 30, 1200), (48, None, 50)]
    assert result.findings == []


def test_a_share_stated_in_the_narrative_sentence_is_the_share_met_or_missed_when_the_counts_agree():
    result = run(table(td("Bil", "Janji", "Pencapaian"),
                       td("1", "Menjawab aduan dalam 3 hari", "Sebanyak 40 aduan diterima dan 38 daripadanya "
                          "diselesaikan dalam tempoh 3 hari (95%)."),
                       td("2", "Bayaran dalam 14 hari", "Sejumlah 200 bayaran dibuat; 10 daripadanya tidak dalam "
                          "tempoh (5%)."),
                       td("3", "Permit dalam 7 hari", "Sebanyak 20 permohonan diterima dan 18 daripadanya diluluskan "
                          "dalam tempoh, iaitu 80% daripada sasaran tahunan.")))  # 80%: a share of something else
    got = [(r["met"], r["missed"], r["total"], r["met_pct"], r["missed_pct"]) for r in result.pledges]
    assert got == [(38, None, 40, 95.0, None), (None, 10, 200, None, 5.0), (18, None, 20, None, None)]
    assert result.findings == []


def test_a_year_to_date_column_naming_its_months_is_the_cumulative_count_not_a_period():
    result = run(table(td("Bil", "Janji", "Diterima", "Selesai Dalam Tempoh", "% Selesai", "Kumulatif Jan-Nov"),
                       td("1", "Aduan dalam 3 hari", "15", "15", "100", "207"),
                       td("2", "Lesen dalam 7 hari", "8", "6", "75", "90 (92%)")),
                 title="Pencapaian Piagam Pelanggan November 2025")
    got = [(r["period_label"], r["total"], r["met"], r["met_pct"], r["achievement_pct"], r["cumulative"])
           for r in result.pledges]
    assert got == [("November 2025", 15, 15, 100.0, None, 207), ("November 2025", 8, 6, 75.0, None, 90)]
    assert result.findings == []
    # cumulative columns each of its own quarter are the progress quarter by quarter
    result = run(table(td("Bil", "Piagam", "Sasaran", "Kumulatif Suku 1", "Kumulatif Suku 2"),
                       td("1", "Aduan diselesaikan dalam 7 hari", "90%", "92%", "93%")),
                 title="Pencapaian Piagam Pelanggan Tahun 2025")
    assert [(r["period_label"], r["achievement_pct"]) for r in result.pledges] == [
        ("Kumulatif Suku 1 2025", 92.0), ("Kumulatif Suku 2 2025", 93.0)]


def test_counts_printed_with_different_unit_words_make_their_checks_warnings():
    # "Bil Resit 1,250" received, "100% 15 Penyelenggaraan" done: receipts and repairs may not be
    # the same cases, so 15 of 1,250 against 100% is no certain error; same units stay errors
    result = run(table(td("Bil", "Piagam", "Jumlah Diterima", "Pencapaian"),
                       td("1", "Lampu isyarat dibaiki dalam 24 jam", "Bil Resit 1,250", "100% 15 Penyelenggaraan"),
                       td("2", "Aduan longkang dalam 3 hari", "40 aduan", "100% 30 aduan")))
    assert [(r["total"], r["met"], r["met_pct"]) for r in result.pledges] == [(1250, 15, 100.0), (40, 30, 100.0)]
    assert [(f["item_no"], f["rule"], f["severity"]) for f in result.findings] == [
        ("1", "met_pct", "warning"), ("2", "met_pct", "error")]


def test_a_count_with_its_share_in_a_percentage_column_gives_both():
    result = run(table(td("Bil", "Piagam", "Bil. Diterima", "Bil. Selesai Dalam Tempoh (%)", "Bil. Tidak Selesai (%)"),
                       td("1", "Aduan dalam 7 hari", "50", "48 (96%)", "2 (4%)"),
                       td("2", "Permit dalam 5 hari", "10", "8 (90%)", "2 (20%)")))
    assert [(r["met"], r["met_pct"], r["missed"], r["missed_pct"], r["total"]) for r in result.pledges] == [
        (48, 96.0, 2, 4.0, 50), (8, 90.0, 2, 20.0, 10)]
    assert sorted((f["rule"], f["item_no"]) for f in result.findings) == [("met_pct", "2"), ("pct_sum", "2")]


def test_a_narrative_saying_none_was_received_is_a_total_of_none():
    result = run(table(td("Bil", "Janji", "Pencapaian", "Peratusan Pencapaian"),
                       td("1", "Lesen penjaja dalam 7 hari", "Tiada permohonan diterima bagi bulan Mac 2025.",
                          "0% 0 permohonan"),
                       td("2", "Reply to letters in 5 days", "No letters were received this month.", "0% 0 letters"),
                       td("3", "Sewa dewan dalam 14 hari", "Bagi bulan Mac 2025, tiada sebarang tempahan baharu "
                          "diterima.", "0%")))
    assert [(r["total"], r["met"], r["met_pct"], r["achievement_pct"]) for r in result.pledges] == [
        (0, 0, 0.0, None), (0, 0, 0.0, None), (0, None, None, 0.0)]
    assert [f for f in result.findings if f["severity"] == "error"] == []


def test_an_achievement_column_mostly_saying_none_came_is_still_percentages():
    result = run(table(td("Bil", "Piagam", "Pencapaian"), td("1", "Aduan dalam 3 hari", "100%"),
                       td("2", "Lesen dalam 7 hari", "Tiada Aduan"), td("3", "Sewa dewan dalam 14 hari", "Tiada Aduan"),
                       td("4", "Tapak dalam 30 hari", "TB"), td("5", "Permit dalam 7 hari", "98%")))
    assert [(r["item_no"], r["achievement_pct"], r["remarks"]) for r in result.pledges] == [
        ("1", 100.0, None), ("2", None, "Tiada Aduan"), ("3", None, "Tiada Aduan"), ("4", None, None), ("5", 98.0, None)]


def test_a_narrative_share_of_the_year_to_date_is_not_the_months_counts():
    result = run(table(td("Bil", "Janji", "Pencapaian", "Peratus"),
                       td("1", "Aduan dalam 7 hari", "Dari 1 Januari hingga 31 Mac 2025, 95 daripada 100 aduan "
                          "diselesaikan dalam tempoh.", "95%"),
                       td("2", "Permit dalam 3 hari", "Bagi bulan Mac 2025, 9 daripada 10 permit dikeluarkan. Sehingga "
                          "Mac 2025, 28 daripada 30 permit dikeluarkan.", "90%")))
    assert [(r["met"], r["total"], r["met_pct"], r["achievement_pct"]) for r in result.pledges] == [
        (None, None, None, 95.0), (9, 10, 90.0, None)]
