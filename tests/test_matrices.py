"""Monthly, quarterly and yearly matrices and their totals, in shapes agencies publish (invented
pages, read through the whole pipeline)."""

from __future__ import annotations

from piagam.extractors.document import read_document

from test_layout_variety import run, table, td  # the same small pages, read through the whole pipeline
from test_pdf_tables import unruled_pdf


def test_a_year_spanning_its_months_heads_them_and_gives_them_its_year():
    # "2023" over JAN FEB, "2024" over the next JAN FEB: a header row of years, not a row of figures
    page = ("<table border=1><tr><th rowspan=2>Bil</th><th rowspan=2>Perkhidmatan</th><th colspan=2>2023</th>"
            "<th colspan=2>2024</th></tr><tr><th>JAN</th><th>FEB</th><th>JAN</th><th>FEB</th></tr>"
            "<tr>" + td("1", "Kelulusan pelan bangunan dalam 30 hari", "95%", "97%", "99%", "98%") + "</tr></table>")
    result = run(page, title="Pencapaian Piagam Pelanggan")
    assert [(r["period_label"], str(r["period_start"]), r["achievement_pct"]) for r in result.pledges] == [
        ("JAN 2023", "2023-01-01", 95.0), ("FEB 2023", "2023-02-01", 97.0),
        ("JAN 2024", "2024-01-01", 99.0), ("FEB 2024", "2024-02-01", 98.0)]
    assert result.findings == []


def test_a_matrix_under_a_heading_naming_another_year_is_that_years():
    # one page, the 2023 matrix then the 2024 one: the second heading is no part of the first's period
    header = td("Bil", "Perkhidmatan", "JAN", "FEB")
    body = ("<h3>PENCAPAIAN TAHUN 2023</h3>" + table(header, td("1", "Kelulusan pelan dalam 30 hari", "95%", "97%")) +
            "<h3>PENCAPAIAN TAHUN 2024</h3>" + table(header, td("1", "Kelulusan pelan dalam 30 hari", "91%", "93%")))
    result = run(body, title="Pencapaian Piagam Pelanggan")
    assert [(r["period_label"], str(r["period_start"]), r["achievement_pct"]) for r in result.pledges] == [
        ("JAN 2023", "2023-01-01", 95.0), ("FEB 2023", "2023-02-01", 97.0),
        ("JAN 2024", "2024-01-01", 91.0), ("FEB 2024", "2024-02-01", 93.0)]


def test_a_pledges_next_months_printed_without_its_number_and_text_are_its_rows():
    # a pledge cell spanning its months prints blank on the rows below in a PDF
    result = run(table(td("Bil", "Perkhidmatan", "Bulan", "Diterima", "Selesai Dalam Tempoh", "%"),
                       td("1", "Lesen penjaja dalam 7 hari", "Januari", "12", "12", "100%"),
                       td("", "", "Februari", "10", "9", "90%"),
                       td("2", "Permit iklan dalam 14 hari", "Januari", "4", "4", "100%"),
                       td("", "", "Februari", "6", "5", "83%")))
    assert [(r["item_no"], r["pledge"], r["standard"], r["period_label"], r["total"], r["met"]) for r in result.pledges] == [
        ("1", "Lesen penjaja dalam 7 hari", "7 hari", "Januari 2025", 12, 12),
        ("1", "Lesen penjaja dalam 7 hari", "7 hari", "Februari 2025", 10, 9),
        ("2", "Permit iklan dalam 14 hari", "14 hari", "Januari 2025", 4, 4),
        ("2", "Permit iklan dalam 14 hari", "14 hari", "Februari 2025", 6, 5)]
    assert result.findings == []


def test_half_year_columns_are_period_columns():
    for first, second in (("H1", "H2"), ("Separuh Tahun Pertama", "Separuh Tahun Kedua"), ("1st Half", "2nd Half")):
        result = run(table(td("Bil", "Piagam Pelanggan", first, second),
                           td("1", "Lesen perniagaan dalam 7 hari bekerja", "95%", "97%")), title="Pencapaian 2024")
        assert [(r["period_label"], str(r["period_start"]), str(r["period_end"]), r["achievement_pct"])
                for r in result.pledges] == [(f"{first} 2024", "2024-01-01", "2024-06-30", 95.0),
                                             (f"{second} 2024", "2024-07-01", "2024-12-31", 97.0)], first


def test_a_grand_total_that_adds_up_its_rows_is_no_error_under_a_wrong_subtotal():
    header = td("Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati", "Tidak Menepati")
    result = run(table(header, '<td colspan=5>BAHAGIAN PERLESENAN</td>',
                       td("1", "Lesen perniagaan dalam 7 hari", "40", "38", "2"),
                       td("2", "Pembaharuan lesen dalam 1 hari", "25", "25", "0"),
                       td("", "Jumlah", "64", "62", "2"),  # 65 and 63: this subtotal is wrong
                       '<td colspan=5>BAHAGIAN KESIHATAN</td>',
                       td("1", "Aduan kebersihan dalam 3 hari", "12", "10", "2"),
                       td("", "Jumlah", "12", "10", "2"),
                       td("", "JUMLAH KESELURUHAN", "77", "73", "4")))  # right: the rows' sum
    assert [(f["rule"], f["section"], f["stated"], f["expected"]) for f in result.findings] == [
        ("section_total", "BAHAGIAN PERLESENAN", "64", "65")]


def _grouped(groups: list[str], subs: list[str], *rows: str) -> str:
    """A table whose figure columns stand under group headers, `subs` under each."""
    top = "<tr><th rowspan=2>Bil</th><th rowspan=2>Perkhidmatan</th>" + "".join(
        f"<th colspan={len(subs)}>{g}</th>" for g in groups) + "</tr>"
    return f"<table border=1>{top}<tr>{''.join(f'<th>{s}</th>' for s in subs * len(groups))}</tr>" + "".join(
        f"<tr>{r}</tr>" for r in rows) + "</table>"


def test_the_years_figures_under_a_total_beside_the_months_are_no_months_figures():
    # "JUMLAH" over the same "Terima | Selesai" as each month: the year's counts, one total row per pledge
    result = run(_grouped(["JAN", "FEB", "JUMLAH"], ["Terima", "Selesai"],
                          td("1", "Lesen premis dalam 7 hari", "10", "9", "8", "8", "18", "17"),
                          td("2", "Permit iklan dalam 14 hari", "4", "4", "6", "5", "10", "9")), title="Laporan 2024")
    assert sorted((r["item_no"], r["period_label"], r["total"], r["met"], r["is_total"]) for r in result.pledges) == [
        ("1", "FEB 2024", 8, 8, False), ("1", "JAN 2024", 10, 9, False), ("1", "JUMLAH 2024", 18, 17, True),
        ("2", "FEB 2024", 6, 5, False), ("2", "JAN 2024", 4, 4, False), ("2", "JUMLAH 2024", 10, 9, True)]
    # "PURATA" over the same "%" as each month: the average, not every month's figure
    result = run(_grouped(["JAN", "FEB", "PURATA"], ["%"], td("1", "Lesen premis dalam 7 hari", "95", "97", "96")),
                 title="Laporan 2024")
    assert [(r["period_label"], r["achievement_pct"], r["is_total"]) for r in result.pledges] == [
        ("JAN 2024", 95.0, False), ("FEB 2024", 97.0, False), ("PURATA 2024", 96.0, True)]
    assert result.findings == []


def test_a_month_header_naming_its_percentage_is_the_months_column():
    # "JAN (%)" in HTML, "JAN" over "%" in one cell of an unruled PDF: each month its own rows
    for heads in (("JAN (%)", "FEB (%)"), ("JAN\n%", "FEB\n%"), ("% Jan", "% Feb")):
        result = run(table(td("Bil", "Perkhidmatan", *heads), td("1", "Lesen premis dalam 7 hari", "95", "97"),
                           td("2", "Permit iklan dalam 14 hari", "90", "100")))
        assert [(r["item_no"], str(r["period_start"]), r["achievement_pct"]) for r in result.pledges] == [
            ("1", "2025-01-01", 95.0), ("1", "2025-02-01", 97.0), ("2", "2025-01-01", 90.0),
            ("2", "2025-02-01", 100.0)], heads


def test_an_unruled_division_heading_after_a_subtotal_labelled_in_the_number_column_starts_its_division():
    # "JUMLAH" in the numbers' column: it starts its row as a number does, and the heading below starts its own
    rows = [["Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati", "Tidak Menepati"],
            ["UNIT A", "", "", "", ""],
            ["1.", "Kelulusan lesen perniagaan dalam 7 hari", "40", "38", "2"],
            ["2.", "Pembaharuan lesen dalam 1 hari", "25", "25", "0"],
            ["JUMLAH", "", "65", "63", "2"],
            ["UNIT B", "", "", "", ""],
            ["1.", "Aduan kebersihan diselesaikan dalam 3 hari", "12", "10", "2"],
            ["2.", "Kutipan sampah mengikut jadual", "30", "30", "0"],
            ["JUMLAH", "", "42", "40", "2"]]
    data = unruled_pdf(["LAPORAN PENCAPAIAN PIAGAM PELANGGAN 2024"], rows, [50, 230, 90, 60, 80],
                       [((0, 1), (4, 1)), ((0, 5), (4, 5))], "TOP")
    result = read_document(data, source_id="t", agency="Majlis Contoh", url="unit.pdf")
    assert [(r["section"], r["item_no"], r["pledge"], r["total"]) for r in result.pledges] == [
        ("UNIT A", "1", "Kelulusan lesen perniagaan dalam 7 hari", 40), ("UNIT A", "2", "Pembaharuan lesen dalam 1 hari", 25),
        ("UNIT A", None, "JUMLAH", 65), ("UNIT B", "1", "Aduan kebersihan diselesaikan dalam 3 hari", 12),
        ("UNIT B", "2", "Kutipan sampah mengikut jadual", 30), ("UNIT B", None, "JUMLAH", 42)]
    assert result.findings == []


def test_counts_beside_the_months_are_the_spans_not_every_months():
    # "Jumlah Diterima | Jumlah Selesai" beside months of counts received: the year's, one total row per pledge
    result = run(table(td("Bil", "Perkhidmatan", "JAN", "FEB", "Jumlah Diterima", "Jumlah Selesai"),
                       td("1", "Lesen premis dalam 7 hari", "12", "15", "27", "26"),
                       td("2", "Permit iklan dalam 14 hari", "3", "0", "3", "3")), title="Laporan 2024")
    assert [(r["item_no"], r["period_label"], r["total"], r["met"], r["is_total"]) for r in result.pledges] == [
        ("1", "JAN 2024", 12, None, False), ("1", "FEB 2024", 15, None, False),
        ("1", "Jumlah Diterima 2024", 27, 26, True), ("2", "JAN 2024", 3, None, False),
        ("2", "FEB 2024", 0, None, False), ("2", "Jumlah Diterima 2024", 3, 3, True)]
    assert [f for f in result.findings if f["rule"] == "counts_sum"] == []


def test_a_fraction_under_a_total_header_is_met_of_the_total():
    # "JUMLAH" beside months of "met/total %" prints the year's "73/74 98.65%": 73 met of 74
    result = run(table(td("Bil", "Perkhidmatan", "JAN", "FEB", "JUMLAH"),
                       td("1", "Lesen premis dalam 7 hari", "36/37 97%", "37/37 100%", "73/74 98.65%")))
    assert [(r["period_label"], r["met"], r["total"], r["met_pct"], r["is_total"]) for r in result.pledges] == [
        ("JAN 2025", 36, 37, 97.0, False), ("FEB 2025", 37, 37, 100.0, False), ("JUMLAH 2025", 73, 74, 98.65, True)]
    assert result.findings == []


def test_a_division_row_printing_its_rows_sum_above_them_is_not_added_again_into_the_grand_total():
    header = td("Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati", "Tidak Menepati")
    rows = [td("", "BAHAGIAN PERLESENAN", "65", "63", "2"), td("1", "Lesen perniagaan dalam 7 hari", "40", "38", "2"),
            td("2", "Pembaharuan lesen dalam 1 hari", "25", "25", "0"), td("", "BAHAGIAN KESIHATAN", "42", "40", "2"),
            td("1", "Aduan kebersihan dalam 3 hari", "12", "10", "2"), td("2", "Kutipan sampah ikut jadual", "30", "30", "0")]
    assert run(table(header, *rows, td("", "JUMLAH", "107", "103", "4"))).findings == []
    # a grand total wrong against either reading is still an error
    wrong = run(table(header, *rows, td("", "JUMLAH", "108", "103", "4"))).findings
    assert sorted((f["rule"], f["severity"]) for f in wrong) == [("counts_sum", "error"), ("section_total", "error")]


def test_a_lettered_division_row_after_numbered_pledges_is_no_sub_item_and_its_sum_is_not_added_again():
    header = td("Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati", "Tidak Menepati")
    result = run(table(header, td("A", "BAHAGIAN PERLESENAN", "65", "63", "2"),
                       td("1", "Lesen perniagaan dalam 7 hari", "40", "38", "2"),
                       td("2", "Pembaharuan lesen dalam 1 hari", "25", "25", "0"),
                       td("B", "BAHAGIAN KESIHATAN", "42", "40", "2"),
                       td("1", "Aduan kebersihan dalam 3 hari", "42", "40", "2"),
                       td("", "JUMLAH", "107", "103", "4")))
    assert [r["item_no"] for r in result.pledges] == ["A", "1", "2", "B", "1", None]
    assert result.findings == []


def test_bare_month_percentages_with_unreported_zeros_and_an_overall_column_are_percentages():
    # no "%" anywhere: the months not yet reported print 0 (half of the cells), and "KESELURUHAN"
    # prints each row's share over its months; a count table would print a sum above its months
    months = ["JAN", "FEB", "MAC", "APR", "MEI", "JUN"]
    result = run(table(td("Bil", "Bahagian", *months, "KESELURUHAN"),
                       td("1", "Unit Hasil", "96", "100", "98", "0", "0", "0", "98"),
                       td("2", "Unit Pelesenan", "90", "94", "92", "0", "0", "0", "92")),
                 title="Pencapaian Piagam Pelanggan 2025")
    by_period = [(r["item_no"], r["period_label"], r["achievement_pct"], r["total"], r["is_total"])
                 for r in result.pledges]
    assert by_period[:3] == [("1", "JAN 2025", 96.0, None, False), ("1", "FEB 2025", 100.0, None, False),
                             ("1", "MAC 2025", 98.0, None, False)]
    assert ("1", "KESELURUHAN 2025", 98.0, None, True) in by_period
    assert ("2", "KESELURUHAN 2025", 92.0, None, True) in by_period
    assert not any(r["total"] for r in result.pledges)
    assert not [f for f in result.findings if f["severity"] == "error"]


def test_a_sum_of_monthly_counts_beside_the_months_stays_a_count():
    result = run(table(td("Bil", "Perkhidmatan", "JAN", "FEB", "MAC", "JUMLAH"),
                       td("1", "Aduan dijawab dalam 3 hari", "12", "30", "25", "67"),
                       td("2", "Lesen dikeluarkan dalam 7 hari", "40", "38", "45", "123")),
                 title="Pencapaian Piagam Pelanggan 2025")
    totals = [(r["item_no"], r["total"]) for r in result.pledges if r["is_total"]]
    assert totals == [("1", 67), ("2", 123)]
    assert [r["total"] for r in result.pledges if not r["is_total"]] == [12, 30, 25, 40, 38, 45]


def test_a_span_figure_over_a_month_printed_as_a_mark_for_none_is_doubted_not_an_error():
    # "-" in February may mean no data: the months' 11/13 against JUMLAH 12/14 is uncertain
    def findings(february):
        result = run(table(td("Bil", "Perkhidmatan", "JAN", "FEB", "MAC", "JUMLAH"),
                           td("1", "Aduan dijawab dalam 3 hari", "5/6", february, "6/7", "12/14")),
                     title="Pencapaian Piagam Pelanggan 2025")
        return [(f["rule"], f["severity"]) for f in result.findings if f["rule"] == "section_total"]
    assert findings("0/0") == [("section_total", "error")]
    assert findings("-") == [("section_total", "warning")]
