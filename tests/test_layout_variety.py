"""Small pages in the other shapes agencies publish (LAYOUTS.md), each read through the whole
pipeline: the figures that must come out, and the findings, no more."""

from __future__ import annotations

from piagam.extractors.document import read_document


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
                          "permit dikeluarkan.", "100%", "")))
    got = [(r["item_no"], r["total"], r["cumulative"]) for r in result.pledges]
    assert got == [("1", 12, 40), ("2", None, 80), ("3", 2, 9), ("4", None, 30), ("5", 6, None)]
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
