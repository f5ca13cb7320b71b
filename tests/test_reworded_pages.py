"""Pages worded or arranged a little differently from the development reports: other header
wordings, item numbers in brackets, no number column, figures with units, tables wrapped in
layout tables. Invented agencies and pledges, read through the whole pipeline."""

from __future__ import annotations

import pytest

from test_layout_variety import run, table, td  # the same small pages, read through the whole pipeline


@pytest.mark.parametrize("met, missed", [
    ("Mematuhi Piagam", "Tidak Mematuhi Piagam"),
    ("Sasaran Tercapai", "Sasaran Tidak Tercapai"),
    ("Tepat Masa", "Tidak Tepat Masa"),
    ("Diselesaikan", "Belum Diselesaikan"),
    ("Dalam Tempoh", "Lebih Tempoh"),
    ("Dalam Tempoh", "Melepasi Tempoh"),
    ("Within Standard", "Exceeding Standard"),
    ("Met", "Delayed"),
    ("Capai", "Tidak Capai"),
    ("Berjaya", "Tidak Berjaya"),
    ("Ikut Piagam", "Tidak Ikut Piagam"),
    ("Mengikut Tempoh", "Melepasi Tempoh"),
    ("Siap", "Belum Siap"),
    ("Selesai ≤ 7 hari", "Selesai > 7 hari"),
    ("Diproses Dalam Tempoh", "Tertangguh"),
    ("Compliant", "Non-compliant"),
    ("On Schedule", "Behind Schedule"),
    ("Sempurna", "Tidak Sempurna"),  # a wording no rule knows, and the same negated
    ("Lulus", "Belum Lulus"),
    ("Met Standard", "Did Not Meet Standard"),
    ("Resolved Within Charter", "Resolved Outside Charter"),
])
def test_other_wordings_of_met_and_missed_name_their_columns(met, missed):
    result = run(table(td("Bil", "Perkhidmatan", "Jumlah Diterima", met, f"% {met}", missed, f"% {missed}"),
                       td("1", "Kelulusan permit gerai dalam 7 hari bekerja", "40", "36", "90%", "4", "10%"),
                       td("2", "Salinan resit dalam 15 minit", "12", "12", "100%", "0", "0%")))
    assert [(r["total"], r["met"], r["met_pct"], r["missed"], r["missed_pct"]) for r in result.pledges] == [
        (40, 36, 90.0, 4, 10.0), (12, 12, 100.0, 0, 0.0)]
    assert result.findings == []


def test_a_bare_percentage_column_is_the_share_of_the_count_it_agrees_with_not_of_its_neighbour():
    result = run(table(td("Bil", "Perkhidmatan", "Bil. Kes Diterima", "Bil. Kes Selesai", "Bil. Kes Belum Selesai",
                          "Peratus"),
                       td("1", "Aduan longkang dalam 3 hari", "20", "19", "1", "95"),
                       td("2", "Lesen iklan dalam 7 hari", "10", "8", "2", "80")))
    assert [(r["met"], r["missed"], r["met_pct"], r["missed_pct"]) for r in result.pledges] == [
        (19, 1, 95.0, None), (8, 2, 80.0, None)]
    assert result.findings == []


def test_a_column_no_header_names_that_is_met_plus_missed_is_the_total_guessed():
    result = run(table(td("No.", "Service", "Volume", "Achieved", "Not Achieved", "%"),
                       td("1", "Permits issued within 7 working days", "120", "114", "6", "95"),
                       td("2", "Complaints answered within 3 days", "48", "48", "0", "100"),
                       td("3", "Refunds paid within 14 days", "30", "25", "3", "83.33")))  # 25 + 3 is not 30
    assert [(r["total"], r["met"], r["missed"], r["met_pct"]) for r in result.pledges] == [
        (120, 114, 6, 95.0), (48, 48, 0, 100.0), (30, 25, 3, 83.33)]
    assert "total" in result.pledges[0]["guessed"]
    assert [(f["item_no"], f["rule"], f["severity"]) for f in result.findings] == [("3", "counts_sum", "warning")]


def test_a_share_named_by_two_columns_is_checked_only_as_a_guess():
    # "Selesai Ikut Jadual" and "Selesai Lepas Jadual" both read as met: which "%" is the share
    # of which count is not known, so a check on them is a warning, not an error
    result = run(table(td("Bil", "Perkhidmatan", "Jumlah Diterima", "Selesai Ikut Jadual", "%  Selesai Ikut Jadual",
                          "Selesai Lepas Jadual", "% Selesai Lepas Jadual"),
                       td("1", "Kelulusan permit gerai", "40", "36", "90%", "4", "10%"),
                       td("2", "Salinan resit", "0", "0", "0%", "0", "0%"),
                       td("3", "Pendaftaran vendor", "0", "0", "0%", "0", "0%")))
    assert result.pledges[0]["total"] == 40
    assert result.findings and {f["severity"] for f in result.findings} == {"warning"}


def test_item_numbers_in_brackets_are_the_rows_numbers():
    result = run(table(td("Bil.", "Perkhidmatan", "Jumlah Diterima", "Menepati", "Tidak Menepati"),
                       td("(1)", "Kelulusan permit gerai", "40", "38", "2"),
                       td("(2)", "(a) Salinan resit", "12", "12", "0")))
    assert [(r["item_no"], r["pledge"], r["met"]) for r in result.pledges] == [
        ("1", "Kelulusan permit gerai", 38), ("2", "(a) Salinan resit", 12)]


def test_figures_with_their_unit_start_the_body_under_a_one_row_header():
    # no number column: the first row's cells all have words, but "100% 30 permohonan" and
    # "4 kes" are figures, never header cells
    narrative = run(table(td("Janji Piagam Pelanggan", "Tempoh", "Pencapaian", "Peratus Pencapaian", "Tindakan"),
                          td("1. Kelulusan lesen penjaja dalam tempoh 14 hari bekerja", "14 hari bekerja",
                             "Sebanyak 30 permohonan diterima dan kesemuanya diselesaikan", "100% 30 permohonan",
                             "Unit Lesen"),
                          td("2. Aduan awam dijawab dalam tempoh 3 hari", "3 hari",
                             "Sebanyak 12 aduan diterima dan kesemuanya dijawab", "100% 12 aduan", "Unit Aduan")))
    assert [(r["item_no"], r["met"], r["met_pct"], r["total"]) for r in narrative.pledges] == [
        ("1", 30, 100.0, 30), ("2", 12, 100.0, 12)]
    months = run("<p>Penyelenggaraan lampu jalan rosak dalam tempoh 7 hari</p>"
                 + table(td("Bulan", "Kerja Penyelenggaraan"), td("Januari", "4 kes"), td("Februari", "6 kes")))
    assert [(r["period_label"], r["total"]) for r in months.pledges] == [("Januari 2025", 4), ("Februari 2025", 6)]


def test_a_numbered_pledge_spanning_the_row_over_its_sub_items_is_their_parent_not_a_heading():
    result = run(table(td("Janji", "Jumlah Diterima", "Menepati", "Tidak Menepati"),
                       '<td colspan="4">UNIT PENGUATKUASAAN</td>',
                       td("1. Notis kesalahan dikeluarkan dalam 3 hari", "9", "9", "0"),
                       '<td colspan="4">2. Penyelenggaraan taman rekreasi mengikut jadual berikut:</td>',
                       td("a) Pemotongan rumput setiap 2 minggu", "20", "19", "1"),
                       td("b) Pembersihan tandas setiap hari", "30", "30", "0")))
    assert [(r["section"], r["item_no"]) for r in result.pledges] == [
        ("UNIT PENGUATKUASAAN", "1"), ("UNIT PENGUATKUASAAN", "2"), ("UNIT PENGUATKUASAAN", "2a"),
        ("UNIT PENGUATKUASAAN", "2b")]
    assert result.pledges[1]["met"] is None and result.findings == []


def laid_out(content: str) -> str:
    """A page laid out in a table: a menu cell and a content cell."""
    return f'<table width="100%"><tr><td valign="top">Utama<br>Profil<br>Hubungi Kami</td><td>{content}</td></tr></table>'


def test_a_page_laid_out_in_a_table_keeps_the_text_around_its_tables():
    months = run(laid_out("<h3>Pencapaian Piagam Pelanggan Mei 2025</h3>"
                          "<p>Membaiki lampu jalan yang rosak dalam tempoh 3 hari bekerja</p>"
                          + table(td("Bulan", "Jumlah Aduan", "Pencapaian (%)"), td("April", "14", "100%"),
                                  td("Mei", "9", "89%"))))
    assert [(r["pledge"], r["period_label"], r["achievement_pct"]) for r in months.pledges] == [
        ("Membaiki lampu jalan yang rosak dalam tempoh 3 hari bekerja", "April 2025", 100.0),
        ("Membaiki lampu jalan yang rosak dalam tempoh 3 hari bekerja", "Mei 2025", 89.0)]
    charter = run(laid_out("<h2>Piagam Pelanggan</h2><p>Kami berjanji:</p>"
                           "<ol><li>Mengeluarkan permit gerai dalam tempoh 7 hari bekerja.</li>"
                           "<li>Menjawab aduan dalam tempoh 3 hari bekerja.</li></ol>" + table(td("Alamat", "Telefon"))),
                   title="Piagam Pelanggan")
    assert [(r["item_no"], r["standard_value"]) for r in charter.pledges] == [("1", 7.0), ("2", 3.0)]


def test_a_bare_percentage_printed_before_its_count_is_the_share_of_that_count():
    result = run(table(td("Perkhidmatan", "Jumlah Diterima", "Peratus", "Dalam Tempoh", "Peratus", "Lewat"),
                       td("Kelulusan permit gerai", "40", "90%", "36", "10%", "4"),
                       td("Salinan resit", "12", "100%", "12", "0%", "0"),
                       td("Pendaftaran vendor", "8", "75%", "6", "25%", "2")))
    assert [(r["met"], r["met_pct"], r["missed"], r["missed_pct"], r["achievement_pct"]) for r in result.pledges] == [
        (36, 90.0, 4, 10.0, None), (12, 100.0, 0, 0.0, None), (6, 75.0, 2, 25.0, None)]
    assert result.findings == []


@pytest.mark.parametrize("total_pct, errors", [("88.9%", []), ("95%", ["met_pct", "section_total"])])
def test_a_total_percentage_without_a_total_column_is_the_ratio_of_met_to_met_and_missed(total_pct, errors):
    # no total column: the rows' wholes are met + missed (a row at 100% stood for its own total,
    # the other for none, the ratio came out at 160%, and 88.9% against the mean 87.5% was an error)
    result = run(table(td("Bil", "Perkhidmatan", "Bil. Menepati", "% Menepati", "Bil. Tidak Menepati",
                          "% Tidak Menepati"),
                       td("1", "Aduan dijawab dalam 3 hari bekerja", "50", "100%", "0", "0%"),
                       td("2", "Lesen dikeluarkan dalam 7 hari", "30", "75%", "10", "25%"),
                       td("", "JUMLAH", "80", total_pct, "10", "")))
    assert [(r["met"], r["missed"], r["met_pct"], r["is_total"]) for r in result.pledges] == [
        (50, 0, 100.0, False), (30, 10, 75.0, False), (80, 10, float(total_pct[:-1]), True)]
    assert sorted(f["rule"] for f in result.findings if f["severity"] == "error") == errors


def test_a_pledge_with_blank_months_in_a_table_that_numbers_none_is_still_a_pledge():
    # no number column: a long pledge with a figure in its words and every month blank was taken
    # for a note printed across the table, and the pledge was lost
    result = run(table(td("Piagam Pelanggan", "JAN", "FEB"),
                       td("Aduan awam dijawab dalam tempoh tiga (3) hari bekerja dari tarikh terima", "12", "9"),
                       td("Latihan kakitangan sekurang-kurangnya tujuh (7) hari dalam setahun bagi setiap pegawai",
                          "", ""),
                       td("Permit sementara dikeluarkan dalam tempoh dua (2) hari bekerja selepas bayaran", "4", "6")),
                 title="Pencapaian Piagam Pelanggan 2025")
    pledges = list(dict.fromkeys(r["pledge"][:20] for r in result.pledges))
    assert pledges == ["Aduan awam dijawab d", "Latihan kakitangan s", "Permit sementara dik"]
    [blank] = [r for r in result.pledges if r["pledge"].startswith("Latihan")]
    assert (blank["total"], blank["achievement_pct"], blank["is_total"]) == (None, None, False)


@pytest.mark.parametrize("target", ["≥ 90%", ">= 90%", "90% ke atas", "Sekurang-kurangnya 90%", "Min 90%", "Min. 90%"])
def test_a_target_printed_with_words_is_the_target_and_keeps_the_row(target):
    # "Min 90%" (a minimum) once read as a "Min" (mean) total label: the row left the column
    # statistics and its achievement went to the remarks
    result = run(table(td("Bil", "Perkhidmatan", "Sasaran", "Pencapaian"),
                       td("1", "Aduan dijawab dalam 3 hari bekerja", target, "95%"),
                       td("2", "Permit dikeluarkan dalam 7 hari", target, "88%")))
    assert [(r["target_pct"], r["achievement_pct"], r["remarks"]) for r in result.pledges] == [
        (90.0, 95.0, None), (90.0, 88.0, None)]


def test_a_share_of_the_printed_total_is_checked_whatever_the_other_part_prints():
    # missed printed "-": met + missed against the total may mean no data (a warning), but 656 of
    # 689 is 95.21% whatever the missed cell says, and the printed 100% is an error
    result = run(table(td("Bil", "Perkhidmatan", "Jumlah Menepati", "% Menepati", "Jumlah Tidak Menepati",
                          "% Tidak Menepati", "Jumlah Diterima"),
                       td("1", "Aduan dijawab dalam 4 minggu", "656", "100%", "-", "0%", "689")))
    found = sorted((f["rule"], f["severity"]) for f in result.findings)
    assert found == [("counts_sum", "warning"), ("met_pct", "error")]


def test_equal_counts_in_words_side_by_side_are_two_figures_not_one_spanning_cell():
    # total = met printed in words: the same text in two cells, as a colspan repeats its text
    result = run(table(td("Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati", "Pencapaian"),
                       td("1", "Lesen gerai diproses dalam 5 hari", "satu ratus tujuh (107)",
                          "satu ratus tujuh (107)", "100%"),
                       td("2", "Aduan dijawab dalam 3 hari", "dua puluh (20)", "lapan belas (18)", "90%")))
    assert [(r["total"], r["met"], r["remarks"]) for r in result.pledges] == [(107, 107, None), (20, 18, None)]


@pytest.mark.parametrize("spelled", ["95 peratus", "95 percent", "95 per cent", "95 Peratus"])
def test_a_percentage_spelled_out_is_read(spelled):
    result = run(table(td("Bil", "Perkhidmatan", "Sasaran", "Pencapaian"),
                       td("1", "Permit dikeluarkan dalam 7 hari", "90%", spelled),
                       td("2", "Aduan dijawab dalam 3 hari", "90%", "100 peratus")))
    assert [r["achievement_pct"] for r in result.pledges] == [95.0, 100.0]


def test_counts_named_in_their_cells_under_one_count_header_are_total_and_met():
    # "Bilangan" spans two cells that name their own counts ("Terima: 8", "Selesai: 8")
    result = run(table('<td rowspan=2>Bil</td><td rowspan=2>Perkhidmatan</td><td colspan=2>Bilangan</td>'
                       '<td rowspan=2>Pencapaian</td>', "",
                       td("1", "Lesen dikeluarkan dalam 3 hari", "Terima: 8", "Selesai: 8", "100%"),
                       td("2", "Aduan dijawab dalam 7 hari", "Terima: 20", "Selesai: 18", "90%")))
    assert [(r["total"], r["met"]) for r in result.pledges] == [(8, 8), (20, 18)]
    assert result.findings == []


def test_counts_named_together_in_one_count_cell_are_total_and_met():
    result = run(table(td("Bil", "Perkhidmatan", "Bilangan", "Pencapaian"),
                       td("1", "Lesen dikeluarkan dalam 3 hari", "Diterima 8, Selesai 8", "100%"),
                       td("2", "Aduan dijawab dalam 7 hari", "Diterima 1,020; Selesai 918", "90%")))
    assert [(r["total"], r["met"], r["achievement_pct"]) for r in result.pledges] == [(8, 8, 100.0), (1020, 918, 90.0)]
    assert result.findings == []
