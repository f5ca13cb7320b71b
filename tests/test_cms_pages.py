"""Report pages in the shapes content-management sites (WordPress, Joomla, Drupal, government
portal templates) publish, with invented agencies and pledges: what a reader sees of them is
what is read, no more and no less."""

from __future__ import annotations

from piagam.extractors.document import read_document


def run(body: str, title: str = "Pencapaian Piagam Pelanggan Mei 2026"):
    page = f"<html><head><title>{title}</title></head><body>{body}</body></html>".encode()
    return read_document(page, source_id="t", agency="t", url="https://example.invalid/pencapaian.html")


def table(*rows: str, attrs: str = 'border="1"') -> str:
    return f"<table {attrs}>" + "".join(f"<tr>{r}</tr>" for r in rows) + "</table>"


def td(*cells: str) -> str:
    return "".join(f"<td>{c}</td>" for c in cells)


def test_a_narrative_saying_all_of_the_count_were_done_gives_the_count_met_of_it():
    result = run(table(td("No.", "Piagam", "Pencapaian"),
                       td("1", "Aduan dijawab dalam 3 hari bekerja",
                          "Sebanyak 12 aduan diterima dan kesemuanya diselesaikan dalam tempoh."),
                       td("2", "Complaints answered within 3 working days",
                          "A total of 30 complaints were received and all of them were answered in time."),
                       td("3", "Lesen dalam 7 hari", "Sebanyak 8 permohonan diterima. Semuanya diproses dalam tempoh "
                          "tidak melebihi 7 hari bekerja."),
                       td("4", "Sewa dewan dalam 5 hari", "Sebanyak dua puluh (20) permohonan diterima dan semuanya "
                          "tidak dapat diproses dalam tempoh."),
                       td("5", "Aduan kebersihan dalam 2 hari", "Sebanyak 6 aduan diterima dan kesemuanya masih dalam "
                          "tindakan."),
                       td("6", "Bayaran dalam 14 hari", "Sebanyak 40 bayaran dibuat dan 39 daripadanya dalam tempoh "
                          "tidak melebihi 14 hari."),
                       td("7", "Permit dalam 7 hari", "9 daripada 10 permit dikeluarkan dalam tempoh, 1 lagi sedang "
                          "diproses."),
                       td("8", "Sijil dalam 5 hari", "18 daripada 20 sijil dikeluarkan dalam tempoh manakala 2 lewat.")))
    got = [(r["met"], r["missed"], r["total"]) for r in result.pledges]
    # "tidak melebihi 7 hari" is the standard's bound, not a miss; "masih dalam tindakan": neither yet;
    # what the next clause says of the rest ("1 lagi sedang diproses", "2 lewat") is not said of the part
    assert got == [(12, None, 12), (30, None, 30), (8, None, 8), (None, 20, 20), (None, None, None), (39, None, 40),
                   (9, None, 10), (18, None, 20)]
    assert result.findings == []


COUNTS = (td("Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati Standard", "Tidak Menepati Standard"),
          td("1", "Lesen perniagaan dalam 7 hari bekerja", "40", "38", "2"),
          td("2", "Aduan lampu jalan dalam 3 hari", "25", "25", "0"))


def test_a_table_printed_again_for_other_screens_and_hidden_is_read_once():
    phone = table(td("Perkhidmatan", "Jumlah Diterima", "Menepati Standard"),
                  td("Lesen perniagaan dalam 7 hari bekerja", "40", "38"),
                  td("Aduan lampu jalan dalam 3 hari", "25", "25"))  # fewer columns: each cell the desktop's
    for copies in (
        f'<div class="d-none d-md-block">{table(*COUNTS)}</div><div class="d-md-none">{table(*COUNTS)}</div>',
        f'{table(*COUNTS)}<div style="display: none">{table(*COUNTS)}</div>',
        f'<div class="visible-xs">{phone}</div><div class="hidden-xs">{table(*COUNTS)}</div>',
        f'{table(*COUNTS, attrs="hidden")}{table(*COUNTS)}',
        f'{table(*COUNTS)}<div aria-hidden="true">{table(*COUNTS)}</div>',
    ):
        result = run(copies)
        assert [(r["item_no"], r["total"], r["met"], r["missed"]) for r in result.pledges] == [
            ("1", 40, 38, 2), ("2", 25, 25, 0)], copies


def test_a_hidden_copy_printing_its_figures_spaced_otherwise_is_a_copy():
    desktop = table(td("Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati", "Pencapaian"),
                    td("1", "Lesen perniagaan dalam 7 hari bekerja", "1,240", "1,178", "95%"),
                    td("2", "Aduan lampu jalan dalam 3 hari", "25", "25", "100%"))
    phone = table(td("Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati", "Pencapaian"),
                  td("1", "Lesen perniagaan dalam 7 hari bekerja", "1240", "1 178", "95 %"),
                  td("2", "Aduan lampu jalan dalam 3 hari", "25", "25", "100 %"))
    for copies in (f'{desktop}<div style="display:none">{phone}</div>',
                   f'<div class="d-none d-md-block">{desktop}</div><div class="d-md-none">{phone}</div>'):
        result = run(copies)
        assert [(r["item_no"], r["total"], r["met"]) for r in result.pledges] == [("1", 1240, 1178), ("2", 25, 25)]


def test_hidden_tables_of_their_own_and_identical_tables_all_shown_are_all_read():
    other_year = (COUNTS[0], td("1", "Lesen perniagaan dalam 7 hari bekerja", "31", "30", "1"))
    # a closed tab (another year's table), identical tables all shown, copies hidden only in print
    for page, n in ((f'{table(*COUNTS)}<div class="tab-pane" style="display:none">{table(*other_year)}</div>', 3),
                    (table(*COUNTS) + table(*COUNTS), 4),
                    (f'<div class="hidden-print overflow-hidden">{table(*COUNTS)}{table(*COUNTS)}</div>', 4)):
        assert len(run(page).pledges) == n, page


def test_a_month_cell_printing_its_share_with_a_count_gives_the_count_too():
    result = run(table(td("Bil", "Piagam", "Jan", "Feb", "Mac"),
                       td("1", "Permit diproses dalam 14 hari bekerja", "100%<br>(12)", "95% (19)", "100% 5 permit")),
                 title="Pencapaian Piagam Pelanggan Suku Pertama 2026")
    got = [(r["period_label"], r["met"], r["total"], r["met_pct"] or r["achievement_pct"]) for r in result.pledges]
    # as in a pledge's own cell: the count met and its share, the total only where the share is whole
    assert got == [("Jan 2026", 12, 12, 100.0), ("Feb 2026", 19, None, 95.0), ("Mac 2026", 5, 5, 100.0)]
    assert result.findings == []


def test_a_tables_caption_names_its_period():
    caption = "<caption>Pencapaian Piagam Pelanggan Bagi Bulan Februari 2026</caption>"
    result = run(table(*COUNTS).replace("<tr>", caption + "<tr>", 1), title="Pencapaian Piagam Pelanggan")
    assert [(r["period_label"], str(r["period_start"])) for r in result.pledges] == [("Februari 2026", "2026-02-01")] * 2
    months = (f'<table border="1"><caption>Tahun {year}</caption><tr>{td("Bil", "Piagam", "Jan", "Feb")}</tr>'
              f'<tr>{td("1", "Aduan dalam 3 hari", "98%", "97%")}</tr></table>' for year in (2025, 2026))
    result = run("".join(months), title="Pencapaian Piagam Pelanggan")
    assert [str(r["period_start"]) for r in result.pledges] == ["2025-01-01", "2025-02-01", "2026-01-01", "2026-02-01"]


def test_a_table_per_division_under_its_heading_and_footnote_rows():
    head = td("Bil", "Piagam", "Diterima", "Menepati", "Tidak Menepati")
    result = run("<h3>Bahagian Perancangan</h3>" + table(head, td("1", "Ulasan pelan dalam 14 hari", "10", "10", "0"),
                                                          '<td colspan="5">* Nota: Ulasan pelan kecil sahaja</td>')
                 + "<h3>Unit Sambungan dan Meter</h3>" + table(head, td("1", "Sambungan air dalam 7 hari", "30", "28", "2"))
                 + "<p>Dikemaskini pada 5 Jun 2026</p><h4>Bahagian Kewangan</h4>"
                 + table(td("1", "Bayaran dalam 14 hari", "40", "40", "0"))  # no header of its own: the same columns
                 + table(head, '<td colspan="5"><strong>Cawangan Utara</strong></td>',
                         td("1", "Aduan paip dalam 24 jam", "50", "49", "1"), '<td colspan="5">Sumber: Unit Aduan</td>'))
    assert [(r["section"], r["pledge"], r["total"], r["remarks"]) for r in result.pledges] == [
        ("Bahagian Perancangan", "Ulasan pelan dalam 14 hari", 10, None),
        ("Unit Sambungan dan Meter", "Sambungan air dalam 7 hari", 30, None),
        ("Bahagian Kewangan", "Bayaran dalam 14 hari", 40, None),
        ("Cawangan Utara", "Aduan paip dalam 24 jam", 50, None)]



def test_a_footer_written_before_the_body_closes_the_table():
    page = ('<table class="views-table"><thead><tr><th>No.</th><th>Service</th><th>Received</th><th>Within Standard</th>'
            '</tr></thead><tfoot><tr><th colspan="2">Total</th><th>71</th><th>66</th></tr></tfoot><tbody>'
            f'<tr>{td("1", "Trade licence in 5 working days", "50", "47")}</tr>'
            f'<tr>{td("2", "Water tanker in 24 hours", "20", "19")}</tr></tbody></table>')
    result = run(page)
    assert [(r["item_no"], r["total"], r["is_total"]) for r in result.pledges] == [
        ("1", 50, False), ("2", 20, False), (None, 71, True)]
    assert [(f["rule"], f["stated"], f["expected"]) for f in result.findings] == [("section_total", "71", "70")]


def test_a_hidden_accordion_of_another_month_with_the_same_figures_is_read():
    pct = (td("Bil", "Piagam", "Pencapaian"), td("1", "Aduan dalam 3 hari", "100%"), td("2", "Lesen dalam 7 hari", "100%"))
    result = run(f'<h3>Januari 2026</h3><div class="panel">{table(*pct)}</div>'
                 f'<h3>Februari 2026</h3><div class="panel" style="display:none">{table(*pct)}</div>',
                 title="Pencapaian Piagam Pelanggan 2026")
    assert [(r["item_no"], r["period_label"]) for r in result.pledges] == [
        ("1", "Januari 2026"), ("2", "Januari 2026"), ("1", "Februari 2026"), ("2", "Februari 2026")]


def test_the_last_quarters_not_reported_yet_give_no_rows():
    result = run(table(td("No.", "Client Charter", "Target", "Q1", "Q2", "Q3", "Q4"),
                       td("1", "New water connection within 10 working days", "90%", "92.5%", "94%", "-", "&nbsp;"),
                       td("2", "Burst pipe repaired within 24 hours", "95%", "97,5%", "96%", "—", "-"),
                       td("3", "Bill disputes settled within 14 days", "85%", "0%", "-", "", "")),
                 title="Client Charter Achievement 2025")
    got = [(r["item_no"], r["period_label"], r["achievement_pct"]) for r in result.pledges]
    # Q3 and Q4 print nothing but dashes: not reported yet, no 0% achieved; "0%" and a dash among figures stay
    assert got == [("1", "Q1 2025", 92.5), ("1", "Q2 2025", 94.0), ("2", "Q1 2025", 97.5), ("2", "Q2 2025", 96.0),
                   ("3", "Q1 2025", 0.0), ("3", "Q2 2025", 0.0)]
    assert [(f["rule"], f["item_no"], f["severity"]) for f in result.findings] == [("below_target", "3", "info")]



def test_characters_no_reader_sees_split_no_figure():
    # pasted from a word processor: a soft hyphen inside 44, zero-width spaces around 45
    result = run(table(td("Bil", "Perkhidmatan", "Jumlah Diterima", "Selesai Dalam Tempoh", "Peratus (%)"),
                       td("1.", "Lesen&#8203; penjaja dalam 3 hari", "&#8203;45&#8203;", "4&shy;4", "97,8")))
    [row] = result.pledges
    assert (row["pledge"], row["total"], row["met"], row["met_pct"]) == ("Lesen penjaja dalam 3 hari", 45, 44, 97.8)
    assert result.findings == []


def test_an_achievement_cell_printing_its_counts_labelled_gives_them():
    result = run(table(td("Bil", "Piagam Pelanggan", "Sasaran", "Pencapaian"),
                       td("1", "Permohonan lesen dalam 7 hari", "90%", "Diterima: 20<br>Selesai: 19<br>95%"),
                       td("2", "Complaints answered in 3 days", "90%", "Received: 8, Resolved: 8 (100%)"),
                       td("3", "Bayaran dalam 14 hari", "95%", "Diterima: 10<br>Selesai: 9<br>100%")))
    assert [(r["total"], r["met"], r["met_pct"], r["achievement_pct"]) for r in result.pledges] == [
        (20, 19, 95.0, None), (8, 8, 100.0, None), (10, 9, 100.0, None)]
    assert [(f["rule"], f["item_no"], f["severity"]) for f in result.findings] == [("met_pct", "3", "error")]


def test_a_narrative_count_stated_without_sebanyak():
    result = run(table(td("Bil", "Piagam", "Pencapaian"),
                       td("1", "Aduan dalam 3 hari", "12 aduan telah diterima dan kesemuanya diselesaikan dalam tempoh."),
                       td("2", "Complaints in 3 days", "40 complaints were received and 38 of them were resolved in time."),
                       td("3", "Permit dalam 7 hari", "Permohonan diproses dalam 7 hari selepas diterima; kesemuanya "
                          "dalam tempoh.")))  # 7 days, no count
    assert [(r["met"], r["total"]) for r in result.pledges] == [(12, 12), (38, 40), (None, None)]



def test_a_numbered_pledge_spanning_the_number_column_and_short_rows():
    result = run(table('<th colspan="2">Perkhidmatan</th>' + td("Standard", "Diterima", "Menepati", "Tidak Menepati",
                                                                 "Catatan"),
                       td("1.", "Lesen iklan", "7 hari", "10", "9", "1"),  # a cell short
                       '<td colspan="2">2. Permit pasar malam</td>' + td("3 hari", "5", "5", "0", "", ""),  # one over
                       td("3.", "Sewa gerai", "14 hari", "8", "8", "0"),
                       '<td colspan="2">JUMLAH</td>' + td("", "23", "22", "1", "")))
    assert [(r["item_no"], r["pledge"], r["total"], r["met"], r["missed"]) for r in result.pledges] == [
        ("1", "Lesen iklan", 10, 9, 1), ("2", "Permit pasar malam", 5, 5, 0), ("3", "Sewa gerai", 8, 8, 0),
        (None, "JUMLAH", 23, 22, 1)]
    assert result.findings == []


def test_a_superscript_footnote_mark_is_no_digit_of_the_figure():
    result = run(table(td("Bil", "Piagam", "Sasaran", "Pencapaian"),
                       td("1", "Lesen dalam 7 hari", "90%", "95%<sup>1</sup>"),
                       td("2", "Permit dalam 3 hari", "90%", "40/40<sup>2</sup>")))
    assert [(r["achievement_pct"], r["met"], r["total"]) for r in result.pledges] == [(95.0, None, None), (None, 40, 40)]


def test_rows_and_cells_the_page_hides_are_not_read():
    page = ('<table border="1">'
            f'<tr><td style="display:none">id</td>{td("Bil", "Perkhidmatan", "Diterima", "Menepati")}</tr>'
            f'<tr><td style="display:none">17</td>{td("1", "Lesen dalam 7 hari", "20", "19")}</tr>'
            f'<tr style="display: none">{td("2", "Permit lama (dimansuhkan)", "0", "0")}</tr>'
            f'<tr><td hidden>18</td>{td("2", "Permit dalam 3 hari", "8", "8")}</tr></table>')
    result = run(page)
    assert [(r["item_no"], r["pledge"], r["total"], r["met"]) for r in result.pledges] == [
        ("1", "Lesen dalam 7 hari", 20, 19), ("2", "Permit dalam 3 hari", 8, 8)]


def test_a_templates_table_is_never_read_and_a_noscript_copy_is_read_once():
    template = table(COUNTS[0], td("{{no}}", "Lesen dalam 7 hari bekerja", "40", "38", "2"))
    for page in (f"{table(*COUNTS)}<template>{template}</template>", f"{table(*COUNTS)}<noscript>{table(*COUNTS)}</noscript>"):
        assert [(r["item_no"], r["total"]) for r in run(page).pledges] == [("1", 40), ("2", 25)], page
    assert [(r["item_no"], r["total"]) for r in run(f"<noscript>{table(*COUNTS)}</noscript>").pledges] == [
        ("1", 40), ("2", 25)]  # the only copy


def test_a_header_naming_its_division_over_the_pledges_gives_the_section():
    def head(division: str) -> str:
        return "".join(f"<td><strong>{t}</strong></td>" for t in ("Bil", division, "Diterima", "Menepati",
                                                                    "Tidak Menepati"))
    result = run(table(head("BAHAGIAN PENTADBIRAN"), td("1", "Surat dijawab dalam 7 hari", "30", "30", "0"),
                       td("2", "Bayaran dalam 14 hari", "25", "24", "1"),
                       head("Bahagian Perlesenan"), td("1", "Lesen premis dalam 7 hari", "12", "11", "1")))
    assert [(r["section"], r["item_no"], r["total"]) for r in result.pledges] == [
        ("BAHAGIAN PENTADBIRAN", "1", 30), ("BAHAGIAN PENTADBIRAN", "2", 25), ("Bahagian Perlesenan", "1", 12)]
    # the column's name, no division's
    result = run(table(td("Bil", "BAHAGIAN/UNIT", "Pencapaian"), td("1", "Aduan dijawab dalam 3 hari", "100%")))
    assert [r["section"] for r in result.pledges] == [None]


def test_a_narrative_saying_all_of_a_count_names_the_count_after_the_word():
    result = run(table(td("Bil", "Piagam", "Pencapaian"),
                       td("1", "Aduan dalam 3 hari", "Kesemua 12 aduan telah diselesaikan dalam tempoh."),
                       td("2", "Letters in 5 days", "All 30 letters were answered within 5 working days."),
                       td("3", "Permit dalam 7 hari", "Semua 3 hari bekerja dipatuhi."),  # a duration, no count
                       td("4", "Aduan dalam 5 hari", "Sebanyak 12 aduan diterima daripada kesemua 5 cawangan.")))
    assert [(r["met"], r["total"]) for r in result.pledges] == [(12, 12), (30, 30), (None, None), (None, None)]



def test_the_date_a_page_was_posted_or_updated_is_not_its_period():
    for meta in ('<div class="entry-meta">Diterbitkan pada <time datetime="2026-04-03">3 April 2026</time></div>',
                 "<p>Dikemaskini pada 3 April 2026</p>", "<p>Posted on 3 April 2026 by admin</p>"):
        result = run(f"<h1>Pencapaian Piagam Pelanggan</h1>{meta}<p>Berikut adalah pencapaian bagi bulan Mac 2026.</p>"
                     + table(*COUNTS), title="Pencapaian Piagam Pelanggan")
        assert {r["period_label"] for r in result.pledges} == {"Mac 2026"}, meta


def test_a_page_dated_only_by_its_update_has_no_period_but_its_year():
    result = run("<p>Dikemaskini pada 21 Mac 2026</p>" + table(td("Bil", "Piagam", "Jan", "Feb"),
                                                               td("1", "Aduan dalam 3 hari", "98%", "97%")),
                 title="Pencapaian Piagam Pelanggan")
    assert result.document.get("period_label") is None
    assert [(r["period_label"], str(r["period_start"])) for r in result.pledges] == [
        ("Jan 2026", "2026-01-01"), ("Feb 2026", "2026-02-01")]
