"""PDF tables in the shapes real reports print them: a row the page break cuts in two,
as a browser prints a long table (the first part at the foot of one page, its column rules
running to the page's end without a closing rule, the rest of its text at the head of the next
page under the repeated header); tables of two columns: months and their counts, numbered
pledges; tables without rules under a title, their cells at the top or the bottom of their rows
(a pledge's first lines above its numbers), a group header over the months."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from piagam.extractors.document import read_document

COLUMNS = [40, 70, 300, 380, 450, 530]  # x of the column rules
HEADER = ["Bil.", "Janji Pelanggan", "Diterima", "Menepati", "Tidak Menepati"]
ROW_H = 30


def _row(c, top: float, texts: list[str], close: bool = True, height: float = ROW_H) -> float:
    """Draw one row from `top` (points from the page's top) down; its bottom rule only if `close`."""
    _, page_h = A4
    y_top, y_bottom = page_h - top, page_h - top - height
    c.line(COLUMNS[0], y_top, COLUMNS[-1], y_top)
    if close:
        c.line(COLUMNS[0], y_bottom, COLUMNS[-1], y_bottom)
    for x in COLUMNS:
        c.line(x, y_top, x, y_bottom)
    for k, text in enumerate(texts):
        for n, line in enumerate(text.split("\n")):
            c.drawString(COLUMNS[k] + 3, y_top - 12 - 11 * n, line)
    return top + height


def cut_row_pdf(first: str = "Memproses tuntutan bayaran balik yang\nlengkap kepada pemohon",
                rest: str = "dalam tempoh 7 hari bekerja") -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 9)
    _, page_h = A4
    c.drawString(40, page_h - 40, "Laporan Pencapaian Piagam Pelanggan Jabatan Contoh, Mac 2024")
    top = _row(c, 700, HEADER)
    top = _row(c, top, ["1.", "Menjawab aduan dalam tempoh 3 hari", "20", "20", "0"])
    top = _row(c, top, ["2.", "Mengeluarkan permit dalam 5 hari", "12", "11", "1"])
    top = _row(c, top, ["3.", first, "40", "38", "2"],
               close=False, height=page_h - 18 - top)  # the page ends inside the row
    c.showPage()
    c.setFont("Helvetica", 9)
    top = _row(c, 40, HEADER)
    top = _row(c, top, ["", rest, "", "", ""])
    top = _row(c, top, ["4.", "Membalas surat dalam 14 hari", "9", "8", "1"])
    c.save()
    return buf.getvalue()


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("first, rest", [
    ("Memproses tuntutan bayaran balik yang\nlengkap kepada pemohon", "dalam tempoh 7 hari bekerja"),
    ("Memproses tuntutan bayaran balik yang\nlengkap kepada pemohon dalam tempoh", "7 hari bekerja"),  # no item 7
])
def test_a_row_cut_by_the_page_break_is_one_whole_row(reader, first, rest):
    result = read_document(cut_row_pdf(first, rest), source_id="t", agency="Jabatan Contoh", url="cut.pdf",
                           pdf_reader=reader)
    rows = {r["item_no"]: r for r in result.pledges}
    assert list(rows) == ["1", "2", "3", "4"]
    third = rows["3"]
    assert (third["total"], third["met"], third["missed"]) == (40, 38, 2)
    assert third["pledge"] == ("Memproses tuntutan bayaran balik yang lengkap kepada pemohon "
                               "dalam tempoh 7 hari bekerja")
    assert third["page"] == 1 and third["remarks"] is None
    assert not [f for f in result.findings if f["severity"] == "error"]


def two_column_pdf(lines: list[str], rows: list[tuple[str, str]]) -> bytes:
    """Lines of text, then a ruled table of two columns."""
    buf = io.BytesIO()
    style = getSampleStyleSheet()["Normal"]
    table = Table(rows, colWidths=[120, 340])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black")]))
    SimpleDocTemplate(buf, pagesize=A4).build([Paragraph(line, style) for line in lines] + [table])
    return buf.getvalue()


def test_a_ruled_table_of_two_columns_months_and_counts_is_read():
    data = two_column_pdf(["Pencapaian Piagam Pelanggan Majlis Contoh Tahun 2024",
                           "1. Memangkas pokok di jalan utama sekurang-kurangnya 2 kali sebulan"],
                          [("Bulan", "Kerja Pemangkasan"), ("JANUARI", "2"), ("FEBRUARI", "2"), ("MAC", "3"),
                           ("APRIL", "-"), ("MEI", "-"), ("JUN", "-")])  # the months to come marked "-"
    result = read_document(data, source_id="t", agency="Majlis Contoh", url="dua.pdf")
    assert [(r["item_no"], r["period_label"], r["total"]) for r in result.pledges] == [
        ("1", "JANUARI 2024", 2), ("1", "FEBRUARI 2024", 2), ("1", "MAC 2024", 3)]
    assert {r["pledge"] for r in result.pledges} == {"Memangkas pokok di jalan utama sekurang-kurangnya 2 kali sebulan"}


def test_a_ruled_table_of_numbered_pledges_on_a_charter_page_is_read():
    data = two_column_pdf(["Pencapaian Piagam Pelanggan Jabatan Contoh 2024", "Unit Latihan"],
                          [("Bil", "Piagam Pelanggan"), ("1.", "Sijil kursus dikeluarkan dalam tempoh 14 hari"),
                           ("2.", "Penilaian kursus mencapai sekurang-kurangnya 80%")])
    result = read_document(data, source_id="t", agency="Jabatan Contoh", url="piagam.pdf")
    assert [(r["item_no"], r["standard"], r["target_pct"]) for r in result.pledges] == [
        ("1", "14 hari", None), ("2", None, 80.0)]


def unruled_pdf(title: list[str], rows: list[list[str]], widths: list[float], spans: list, valign: str,
                extra: tuple = ()) -> bytes:
    """A table printed without a rule (whitespace only), its cells aligned `valign`, under a
    title in a larger type; `extra`: more TableStyle commands."""
    styles = getSampleStyleSheet()
    return pdf_of([Paragraph(line, styles["Normal"]) for line in title]
                  + [cell_table(rows, widths, spans, valign, extra)])


def cell_table(rows: list[list[str]], widths: list[float], spans: list = (), valign: str = "TOP", extra: tuple = (),
               **table_args):
    """A table of 8pt cells (texts longer than 12 characters wrap), no rule unless `extra` says."""
    cell = getSampleStyleSheet()["Normal"].clone("cell", fontSize=8, leading=9)
    table = Table([[Paragraph(text, cell) if len(text) > 12 else text for text in row] for row in rows],
                  colWidths=widths, **table_args)
    table.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 8), ("VALIGN", (0, 0), (-1, -1), valign)]
                              + [("SPAN", *span) for span in spans] + list(extra)))
    return table


def pdf_of(flowables: list, pagesize=landscape(A4)) -> bytes:
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=pagesize).build(flowables)
    return buf.getvalue()


@pytest.mark.parametrize("valign", ["TOP", "MIDDLE", "BOTTOM"])
def test_an_unruled_table_with_cells_at_the_top_middle_or_bottom_of_their_rows(valign):
    rows = [["Bil", "Perkhidmatan", "Bil. Permohonan Diterima", "Bil. Permohonan Diproses Dalam Tempoh",
             "Bil. Permohonan Diproses Melebihi Tempoh", "Peratus Pencapaian"],
            ["BAHAGIAN PERLESENAN", "", "", "", "", ""],
            ["1.1", "Memproses permohonan lesen premis perniagaan dalam tempoh 3 hari bekerja yang lengkap dan "
             "teratur", "40", "38", "2", "95%"],  # three lines: above, beside and below the figures (MIDDLE)
            ["1.2", "Permit sementara", "10", "9", "1", "90%"],
            ["", "JUMLAH", "50", "47", "3", "94%"]]
    data = unruled_pdf(["LAPORAN PENCAPAIAN PIAGAM PELANGGAN JABATAN CONTOH", "BAGI BULAN MAC 2025"], rows,
                       [30, 200, 90, 120, 120, 80], [((0, 1), (5, 1))], valign)
    result = read_document(data, source_id="t", agency="Jabatan Contoh", url="tanpa-garis.pdf")
    got = [(r["section"], r["item_no"], r["pledge"], r["total"], r["met"], r["missed"], r["met_pct"], r["is_total"])
           for r in result.pledges]
    assert got == [("BAHAGIAN PERLESENAN", "1.1", "Memproses permohonan lesen premis perniagaan dalam tempoh 3 hari "
                    "bekerja yang lengkap dan teratur", 40, 38, 2, 95.0, False),
                   ("BAHAGIAN PERLESENAN", "1.2", "Permit sementara", 10, 9, 1, 90.0, False),
                   ("BAHAGIAN PERLESENAN", None, "JUMLAH", 50, 47, 3, 94.0, True)]
    assert result.findings == []


def test_an_unruled_matrix_under_a_group_header_keeps_its_numbers():
    rows = [["Bil", "Piagam Pelanggan", "Pencapaian (%)", "", ""], ["", "", "Jan", "Feb", "Mac"],
            ["1", "Aduan dijawab dalam tempoh 7 hari", "100", "95", "98"],
            ["2", "Lesen dikeluarkan dalam tempoh 3 hari", "90", "100", ""]]
    data = unruled_pdf(["PENCAPAIAN PIAGAM PELANGGAN 2025"], rows, [30, 250, 60, 60, 60],
                       [((2, 0), (4, 0)), ((0, 0), (0, 1)), ((1, 0), (1, 1))], "TOP")
    result = read_document(data, source_id="t", agency="Jabatan Contoh", url="matriks.pdf")
    assert [(r["item_no"], r["period_label"], r["achievement_pct"]) for r in result.pledges] == [
        ("1", "Jan 2025", 100.0), ("1", "Feb 2025", 95.0), ("1", "Mac 2025", 98.0),
        ("2", "Jan 2025", 90.0), ("2", "Feb 2025", 100.0)]


def test_an_unruled_division_heading_between_rows_starts_its_division():
    # the heading runs past the narrow number column; nothing in the figures' columns beside it
    rows = [["Bil", "Piagam", "Jumlah Diterima", "Menepati Piagam", "", "Tidak Menepati Piagam", ""],
            ["", "", "", "Bil", "%", "Bil", "%"],
            ["UNIT HASIL", "", "", "", "", "", ""],
            ["1", "Resit cukai dikeluarkan serta-merta", "900", "900", "100", "0", "0"],
            ["2", "Notis tunggakan dihantar dalam 7 hari", "40", "36", "90", "4", "10"],
            ["UNIT PELESENAN", "", "", "", "", "", ""],
            ["1", "Lesen penjaja dalam tempoh 5 hari bekerja", "25", "24", "96", "1", "4"],
            ["", "JUMLAH", "965", "960", "99.48", "5", "0.52"]]
    spans = [((0, 0), (0, 1)), ((1, 0), (1, 1)), ((2, 0), (2, 1)), ((3, 0), (4, 0)), ((5, 0), (6, 0)),
             ((0, 2), (6, 2)), ((0, 5), (6, 5))]
    data = unruled_pdf(["LAPORAN PENCAPAIAN PIAGAM PELANGGAN BULAN JUN 2025"], rows, [30, 230, 70, 50, 50, 50, 50],
                       spans, "TOP")
    result = read_document(data, source_id="t", agency="Majlis Contoh", url="bahagian.pdf")
    assert [(r["section"], r["item_no"], r["total"], r["met"], r["missed"]) for r in result.pledges] == [
        ("UNIT HASIL", "1", 900, 900, 0), ("UNIT HASIL", "2", 40, 36, 4),
        ("UNIT PELESENAN", "1", 25, 24, 1), ("UNIT PELESENAN", None, 965, 960, 5)]
    assert result.findings == []


def test_an_unruled_table_of_counts_under_each_month_gives_a_row_per_month():
    rows = [["Bil", "Piagam", "Mac", "", "April", ""],
            ["", "", "Terima", "Selesai", "Terima", "Selesai"],
            ["1", "Aduan jalan berlubang dalam 3 hari", "22", "20", "18", "18"],
            ["2", "Pokok tumbang dialihkan dalam 1 hari", "4", "4", "7", "6"]]
    spans = [((2, 0), (3, 0)), ((4, 0), (5, 0)), ((0, 0), (0, 1)), ((1, 0), (1, 1))]
    data = unruled_pdf(["PENCAPAIAN PIAGAM PELANGGAN 2026"], rows, [30, 220, 60, 60, 60, 60], spans, "TOP")
    result = read_document(data, source_id="t", agency="Majlis Contoh", url="bulanan.pdf")
    assert [(r["item_no"], r["period_label"], r["total"], r["met"]) for r in result.pledges] == [
        ("1", "Mac 2026", 22, 20), ("2", "Mac 2026", 4, 4), ("1", "April 2026", 18, 18), ("2", "April 2026", 7, 6)]
    assert result.findings == []


def test_unruled_bucket_counts_under_one_header_cell_are_a_column_each():
    # one header cell over three columns; each pledge prints the buckets' names over its counts
    rows = [["Bil", "Piagam Pelanggan", "Bilangan Permohonan Diproses", "", ""],
            ["1.", "Kelulusan permit kerja di tapak dalam tempoh 5 hari bekerja", "Menepati 5 hari",
             "Melebihi 5 hari tetapi tidak melebihi 10 hari", "Melebihi 10 hari"],
            ["", "", "31", "4", "2"],
            ["2.", "Salinan pelan diperakui dalam tempoh 2 hari", "Menepati 2 hari",
             "Melebihi 2 hari tetapi tidak melebihi 5 hari", "Melebihi 5 hari"],
            ["", "", "12", "0", "1"],
            ["3.", "Aduan kerosakan lampu awam dibaiki dalam tempoh 1 hari", "Menepati 1 hari",
             "Melebihi 1 hari tetapi tidak melebihi 3 hari", "Melebihi 3 hari"],
            ["", "", "", "3", ""]]
    data = unruled_pdf(["LAPORAN PENCAPAIAN PIAGAM PELANGGAN BAGI BULAN OGOS 2025"], rows,
                       [30, 230, 80, 90, 80], [((2, 0), (4, 0))], "TOP")
    result = read_document(data, source_id="t", agency="Jabatan Contoh", url="baldi.pdf")
    assert [(r["item_no"], r["met"], r["missed"], r["total"]) for r in result.pledges] == [
        ("1", 31, None, None), ("2", 12, None, None), ("3", None, None, None)]  # buckets: no one missed count
    assert not [f for f in result.findings if f["severity"] == "error"]


def test_a_chromium_printed_page_whose_text_pdfium_breaks_between_letters_reads_whole_words(tmp_path):
    """Chromium's print of a long table: pdfium's text of its second page puts a line break
    between every few letters ("M\\r\\ne\\r\\nm\\r\\na ..."), though they stand side by side."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium): apt-get install -y chromium")
    expected = []
    cells = ""
    for i in range(1, 60):
        total = 1000 + 7 * i
        met = total - i % 5
        pct = int(10000 * met / total) / 100
        expected.append((str(i), total, met, i % 5, pct))
        cells += (f"<tr><td>{i}</td><td>Memastikan permohonan lesen nombor {i} diproses dalam tempoh tujuh hari "
                  f"bekerja</td><td>{total:,}</td><td>{met:,}</td><td>{i % 5}</td><td>{pct:.2f}</td></tr>")
    page = tmp_path / "panjang.html"
    page.write_text("<!DOCTYPE html><html><head><style>@page { size: A4 landscape; margin: 12mm; } body { font-family: "
                    "sans-serif; font-size: 8pt; } table { border-collapse: collapse; width: 100%; } td, th { border: "
                    "1px solid #444; padding: 2px 4px; vertical-align: top; }</style></head><body><h1>Laporan "
                    "Pencapaian Piagam Pelanggan Jabatan Contoh Mac 2026</h1><table><tr><th>Bil</th><th>Piagam</th>"
                    "<th>Diterima</th><th>Menepati</th><th>Tidak Menepati</th><th>% Menepati</th></tr>" + cells +
                    "</table></body></html>", encoding="utf-8")
    pdf = tmp_path / "panjang.pdf"
    subprocess.run([str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", page.as_uri()], capture_output=True, timeout=120, check=True)
    assert len(pdfium.PdfDocument(pdf)) == 2
    result = read_document(pdf.read_bytes(), source_id="t", agency="Jabatan Contoh", url="panjang.pdf")
    assert [(r["item_no"], r["total"], r["met"], r["missed"], r["met_pct"]) for r in result.pledges] == expected
    assert result.findings == []


def test_two_ruled_tables_printed_one_right_under_the_other_are_two_tables():
    """Their rules touch, so the lines join them into one grid whose columns are both tables'
    boundaries: every column would be split in two and its counts doubled."""
    def ruled(rows, widths):
        table = Table(rows, colWidths=widths)
        table.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 8), ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
        return table

    first = ruled([["Bil", "Perkhidmatan", "Diterima", "Menepati", "Tidak Menepati"],
                   ["1", "Lesen premis dalam 3 hari", "60", "58", "2"], ["2", "Permit dalam 7 hari", "20", "20", "0"]],
                  [30, 200, 80, 80, 90])
    second = ruled([["Bil", "Aduan", "Diterima", "Selesai Dalam Tempoh", "Selesai Melebihi Tempoh"],
                    ["1", "Aduan jalan dalam 7 hari", "40", "36", "4"], ["2", "Aduan longkang dalam 5 hari", "10", "9", "1"]],
                   [40, 170, 60, 110, 100])
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=landscape(A4)).build(
        [Paragraph("LAPORAN PENCAPAIAN PIAGAM PELANGGAN MEI 2026", getSampleStyleSheet()["Heading3"]), first, second])
    for reader in ("pdfium", "pdfplumber"):
        result = read_document(buf.getvalue(), source_id="t", agency="Majlis Contoh", url="rapat.pdf", pdf_reader=reader)
        assert [(r["table_no"], r["item_no"], r["total"], r["met"], r["missed"]) for r in result.pledges] == [
            (1, "1", 60, 58, 2), (1, "2", 20, 20, 0), (2, "1", 40, 36, 4), (2, "2", 10, 9, 1)], reader
        assert result.findings == [], reader


def test_an_unruled_parent_item_after_bracketed_sub_items_starts_its_own_row():
    # "(a)", "(b)" are item numbers too: the number column marks where rows start, so "2." is a row
    rows = [["No.", "Perkhidmatan", "Standard", "Sasaran", "Pencapaian"],
            ["1.", "Perkhidmatan Kaunter", "", "", ""],
            ["(a)", "Bayaran cukai taksiran di kaunter", "10 minit", "95%", "97.50%"],
            ["(b)", "Pertanyaan am di kaunter", "5 minit", "95%", "100%"],
            ["2.", "Perkhidmatan Dalam Talian", "", "", ""],
            ["(a)", "Pengesahan bayaran dalam talian", "1 hari bekerja", "90%", "88.20%"]]
    data = unruled_pdf(["PENCAPAIAN PIAGAM PELANGGAN MAJLIS CONTOH 2024"], rows, [35, 250, 80, 60, 60],
                       [((1, 1), (4, 1)), ((1, 4), (4, 4))], "TOP")
    result = read_document(data, source_id="t", agency="Majlis Contoh", url="sub-item.pdf")
    assert [(r["item_no"], r["pledge"], r["achievement_pct"]) for r in result.pledges] == [
        ("1", "Perkhidmatan Kaunter", None), ("1a", "Bayaran cukai taksiran di kaunter", 97.5),
        ("1b", "Pertanyaan am di kaunter", 100.0), ("2", "Perkhidmatan Dalam Talian", None),
        ("2a", "Pengesahan bayaran dalam talian", 88.2)]


def test_an_unruled_unnumbered_total_right_under_a_numbered_row_is_a_row_of_its_own():
    rows = [["Bil", "Perkhidmatan", "Jumlah", "Menepati", "Tidak Menepati"],
            ["UNIT PENGUATKUASAAN", "", "", "", ""],
            ["1", "Tindakan ke atas iklan haram dalam 3 hari", "30", "28", "2"],
            ["2", "Siasatan aduan gerai dalam 5 hari", "12", "11", "1"],
            ["", "JUMLAH", "42", "39", "3"],
            ["UNIT KESIHATAN", "", "", "", ""],
            ["1", "Pemeriksaan premis makanan dalam 7 hari", "44", "44", "0"],
            ["", "JUMLAH", "44", "44", "0"],
            ["", "JUMLAH KESELURUHAN", "86", "83", "3"]]
    data = unruled_pdf(["LAPORAN PENCAPAIAN PIAGAM PELANGGAN JULAI 2024"], rows, [30, 260, 60, 60, 60],
                       [((0, 1), (4, 1)), ((0, 5), (4, 5))], "TOP",
                       [("TOPPADDING", (0, 1), (-1, 1), 8), ("TOPPADDING", (0, 5), (-1, 5), 8)])  # headings set apart
    result = read_document(data, source_id="t", agency="Majlis Contoh", url="jumlah-kecil.pdf")
    assert [(r["item_no"], r["total"], r["met"], r["missed"], r["is_total"]) for r in result.pledges] == [
        ("1", 30, 28, 2, False), ("2", 12, 11, 1, False), (None, 42, 39, 3, True),
        ("1", 44, 44, 0, False), (None, 44, 44, 0, True), (None, 86, 83, 3, True)]
    assert result.findings == []


def footed_pdf(left: str, right: str) -> bytes:
    """40 pledges and their total, printed without rules over two A4 pages, each page's foot
    carrying `left` and `right` ({n}: the page's number)."""
    rows = [["Bil", "Perkhidmatan", "Jumlah", "Menepati", "Tidak Menepati"]]
    rows += [[str(i), f"Permohonan jenis {i} diproses dalam tempoh {i % 5 + 2} hari bekerja", str(10 + i),
              str(10 + i - i % 3), str(i % 3)] for i in range(1, 41)]
    rows.append(["", "JUMLAH", "1220", "1180", "40"])

    def foot(canvas, doc):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(40, 22, left)
        canvas.drawRightString(555, 22, right.format(n=doc.page))

    buf = io.BytesIO()
    table = Table(rows, colWidths=[30, 300, 60, 60, 80], repeatRows=1)
    table.setStyle(TableStyle([("FONTSIZE", (0, 0), (-1, -1), 8), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(buf, pagesize=A4).build(
        [Paragraph("LAPORAN PENCAPAIAN PIAGAM PELANGGAN MAC 2025", getSampleStyleSheet()["Title"]), table],
        onFirstPage=foot, onLaterPages=foot)
    return buf.getvalue()


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
@pytest.mark.parametrize("left, right", [("Jabatan Contoh Ujian", "Muka surat {n}"), ("", "{n}"),
                                         ("Pejabat Contoh", "Page {n} of 2"), ("", "- {n} -")])
def test_a_footer_numbering_the_page_is_no_row_of_the_table(reader, left, right):
    # the page's number was read as a row's count: 41 cases missed against the total's 40
    result = read_document(footed_pdf(left, right), source_id="t", agency="Jabatan Contoh", url="kaki.pdf",
                           pdf_reader=reader)
    assert result.document["pages"] == 2
    assert [r["item_no"] for r in result.pledges] == [str(i) for i in range(1, 41)] + [None]
    assert all(r["missed"] == int(r["item_no"]) % 3 for r in result.pledges[:40])
    assert (result.pledges[-1]["is_total"], result.pledges[-1]["missed"]) == (True, 40)
    assert not any("Contoh" in (r["pledge"] or "") + (r["remarks"] or "") for r in result.pledges)


# a division of two pledges and its total, and the rows read from it with a grand total under it
GRAND_TOTAL_HEADER = ["Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati Tempoh", "Tidak Menepati Tempoh"]
GRAND_TOTAL_BODY = [["1", "Kutipan sampah pukal dalam tempoh 3 hari", "60", "58", "2"],
                    ["2", "Pembersihan longkang tersumbat dalam 5 hari", "47", "45", "2"],
                    ["", "JUMLAH", "107", "103", "4"]]
GRAND_TOTAL_READ = [("1", "Kutipan sampah pukal dalam tempoh 3 hari", 60, 58, 2),
                    ("2", "Pembersihan longkang tersumbat dalam 5 hari", 47, 45, 2),
                    (None, "JUMLAH", 107, 103, 4), (None, "JUMLAH KESELURUHAN", 107, 103, 4)]


@pytest.mark.parametrize("label, width, align", [(330, 50, "RIGHT"), (150, 50, "CENTER"), (150, 90, "LEFT"),
                                                 (220, 50, "LEFT"), (280, 35, "CENTER"), (330, 70, "CENTER"),
                                                 (380, 35, "LEFT"), (380, 90, "RIGHT")])
def test_an_unruled_grand_total_printed_as_a_table_of_its_own_keeps_its_figures_apart(label, width, align):
    # its columns are placed otherwise than the division's: two of its figures fall under one
    # header, or its first under its label; read as one ("107 103") they made a false error, and
    # its figures, set otherwise than the division's, must not move the division's columns
    division = [GRAND_TOTAL_HEADER, ["UNIT KEBERSIHAN", "", "", "", ""], *GRAND_TOTAL_BODY]
    grand = [["JUMLAH KESELURUHAN", "107", "103", "4"]]
    styles = getSampleStyleSheet()
    data = pdf_of([Paragraph("LAPORAN PENCAPAIAN PIAGAM PELANGGAN MAJLIS CONTOH BULAN OGOS 2025", styles["Heading3"]),
                   cell_table(division, [30, 250, 70, 70, 70], [((0, 1), (4, 1))]),
                   cell_table(grand, [label] + [width] * 3, extra=[("ALIGN", (1, 0), (-1, -1), align)])], A4)
    result = read_document(data, source_id="t", agency="Majlis Contoh", url="jumlah-besar.pdf")
    assert [(r["item_no"], r["pledge"], r["total"], r["met"], r["missed"]) for r in result.pledges] == GRAND_TOTAL_READ
    assert result.findings == []


@pytest.mark.parametrize("valign", ["TOP", "MIDDLE", "BOTTOM"])
def test_unruled_header_cells_of_unequal_lines_and_division_headings_wrapped_in_the_number_column(valign):
    # "Tidak / Menepati / Tempoh" beside "% Menepati" centred or set low in the header row: its
    # first line is no group label over "% Menepati"; "UNIT JALAN RAYA" wraps in the narrow "Bil"
    # column, one heading of three lines; a pledge of three lines has its figures beside any of them
    rows = [["Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati Tempoh", "Tidak Menepati Tempoh", "% Menepati"],
            ["UNIT HASIL CUKAI", "", "", "", "", ""],
            ["1.", "Memproses permohonan pendaftaran perniagaan baharu yang lengkap dalam tempoh tiga (3) hari "
             "bekerja dari tarikh penerimaan", "120", "117", "3", "97.50%"],
            ["2.", "Resit bayaran cukai dikeluarkan serta-merta", "35", "35", "0", "100%"],
            ["UNIT JALAN RAYA", "", "", "", "", ""],
            ["1.", "Menyelesaikan aduan kerosakan jalan dan lampu awam dalam tempoh tujuh (7) hari bekerja",
             "48", "40", "8", "83.33%"],
            ["", "JUMLAH", "203", "192", "11", "94.58%"]]
    styles = getSampleStyleSheet()
    data = pdf_of([Paragraph("LAPORAN PENCAPAIAN PIAGAM PELANGGAN JABATAN CONTOH JUN 2025", styles["Heading3"]),
                   cell_table(rows, [45, 230, 60, 60, 60, 55], valign=valign)], A4)
    result = read_document(data, source_id="t", agency="Jabatan Contoh", url="tengah.pdf")
    assert [(r["section"], r["item_no"], r["total"], r["met"], r["missed"], r["met_pct"]) for r in result.pledges] == [
        ("UNIT HASIL CUKAI", "1", 120, 117, 3, 97.5), ("UNIT HASIL CUKAI", "2", 35, 35, 0, 100.0),
        ("UNIT JALAN RAYA", "1", 48, 40, 8, 83.33), ("UNIT JALAN RAYA", None, 203, 192, 11, 94.58)]
    assert result.findings == []


@pytest.mark.parametrize("line, size, widths", [
    ("Bagi tempoh Januari hingga Jun 2025", 9, [30, 260, 70, 70, 70, 70]),
    ("Bagi tempoh Januari hingga Jun 2025", 8, [30, 260, 70, 70, 70, 70]),
    ("BAHAGIAN PENDAFTARAN TANAH", 8, [30, 260, 70, 70, 70, 70]),
    ("Bagi tempoh Januari hingga Jun 2025", 9, [25, 300, 90, 50, 90, 90])])  # over no header cell (a wide table)
def test_a_line_close_above_an_unruled_header_naming_the_period_or_division_is_no_header_cell(line, size, widths):
    rows = [["No.", "Janji Pelanggan", "Jumlah Permohonan", "Selesai Dalam Tempoh", "Selesai Melebihi Tempoh",
             "Peratus Pencapaian (%)"],
            ["1.", "Kelulusan pelan bangunan dalam 30 hari", "14", "13", "1", "92.85"],
            ["2.", "Sijil layak menduduki dalam 14 hari", "9", "9", "0", "100.00"],
            ["", "JUMLAH", "23", "22", "1", "95.65"]]
    styles = getSampleStyleSheet()
    data = pdf_of([Paragraph("LAPORAN PENCAPAIAN PIAGAM PELANGGAN PEJABAT TANAH CONTOH 2025", styles["Heading3"]),
                   Paragraph(line, styles["Normal"].clone("sub", fontSize=size, leading=size + 2)),
                   cell_table(rows, widths)], A4)
    result = read_document(data, source_id="t", agency="Pejabat Contoh", url="subtajuk.pdf")
    assert [(r["item_no"], r["total"], r["met"], r["missed"], r["met_pct"]) for r in result.pledges] == [
        ("1", 14, 13, 1, 92.85), ("2", 9, 9, 0, 100.0), (None, 23, 22, 1, 95.65)]
    assert {r["section"] for r in result.pledges} == {line if line.isupper() else None}
    assert result.findings == []


def test_unruled_figures_set_right_under_headers_set_left_stay_in_their_columns_over_pages():
    # each column's figures end at its right edge, nearer the next header than their own; the
    # header is printed again on every page, the last page holding one row
    rows, expected = [], []
    for i in range(1, 41):
        total = 7 + i * 137 % 2000
        met = total - i % 4
        pct = int(10000 * met / total) / 100
        pledge = f"Permohonan jenis {i} diproses dalam {3 + i % 5} hari" + \
            (" bekerja setelah dokumen lengkap diterima oleh kaunter perkhidmatan" if i % 3 == 0 else "")
        rows.append([f"{i}.", pledge, f"{total:,}", f"{met:,}", str(total - met), f"{pct:.2f}"])
        expected.append((str(i), total, met, total - met, pct))
    header = ["Bil", "Janji Pelanggan", "Jumlah Permohonan", "Selesai Dalam Tempoh", "Selesai Melebihi Tempoh",
              "Peratus Pencapaian (%)"]
    data = pdf_of([Paragraph("PENCAPAIAN PIAGAM PELANGGAN JABATAN CONTOH SUKU PERTAMA 2026", getSampleStyleSheet()["Heading3"]),
                   cell_table([header] + rows, [30, 330, 90, 90, 90, 90], extra=[("ALIGN", (2, 1), (-1, -1), "RIGHT")],
                              repeatRows=1)])
    for reader in ("pdfium", "pdfplumber"):
        result = read_document(data, source_id="t", agency="Jabatan Contoh", url="kanan.pdf", pdf_reader=reader)
        assert result.document["pages"] == 3
        assert [(r["item_no"], r["total"], r["met"], r["missed"], r["met_pct"]) for r in result.pledges] == expected
        assert result.findings == [], reader


@pytest.mark.parametrize("reader", ["pdfium", "pdfplumber"])
def test_a_table_ruled_only_between_its_rows_and_columns_keeps_its_outer_rows_and_columns(reader):
    # Word's inside borders: no box, so the rules' crossings alone leave out the header row, the
    # number column and the last column; division headings span the table (no column rule there)
    rows = [["Bil", "Perkhidmatan", "Jumlah Diterima", "Menepati Tempoh", "Tidak Menepati Tempoh", "% Menepati"],
            ["UNIT PERMIT", "", "", "", "", ""],
            ["1.", "Permit iklan sementara dikeluarkan dalam tempoh 5 hari bekerja selepas bayaran", "52", "50", "2",
             "96.15"],
            ["2.", "Permit pasar malam dalam 3 hari", "18", "18", "0", "100.00"],
            ["UNIT ADUAN", "", "", "", "", ""],
            ["1.", "Aduan awam dijawab dalam 2 hari", "1,204", "1,198", "6", "99.50"],
            ["", "JUMLAH", "1,274", "1,266", "8", "99.37"]]
    data = pdf_of([Paragraph("LAPORAN PENCAPAIAN PIAGAM PELANGGAN MAJLIS CONTOH MAC 2026", getSampleStyleSheet()["Heading3"]),
                   cell_table(rows, [30, 230, 60, 60, 60, 55], [((0, 1), (5, 1)), ((0, 4), (5, 4))],
                              extra=[("INNERGRID", (0, 0), (-1, -1), 0.5, "black")])], A4)
    result = read_document(data, source_id="t", agency="Majlis Contoh", url="dalam.pdf", pdf_reader=reader)
    assert [(r["section"], r["item_no"], r["total"], r["met"], r["missed"], r["met_pct"]) for r in result.pledges] == [
        ("UNIT PERMIT", "1", 52, 50, 2, 96.15), ("UNIT PERMIT", "2", 18, 18, 0, 100.0),
        ("UNIT ADUAN", "1", 1204, 1198, 6, 99.5), ("UNIT ADUAN", None, 1274, 1266, 8, 99.37)]
    assert result.findings == []


@pytest.mark.parametrize("figures, header", [("RIGHT", "LEFT"), ("CENTER", "CENTER"), ("LEFT", "CENTER")])
def test_unruled_cells_set_low_under_a_division_named_in_the_pledge_column(figures, header):
    # cells set low: a wrapped pledge's last line ("sistem") stands alone under the pledges'
    # header, a line no column of figures; the first division's name, printed in the pledge
    # column right under the header, is its division's heading, not a header line; figures
    # centred under centred headers stay under their own header
    rows = [["No.", "Janji Pelanggan", "Jumlah Permohonan", "Selesai Dalam Tempoh", "Selesai Melebihi Tempoh",
             "Peratus Pencapaian (%)"],
            ["", "Bahagian Kewangan", "", "", "", ""],
            ["1.", "Permit sementara dikeluarkan dalam 1 hari", "563", "560", "3", "99.46"],
            ["2.", "Aduan awam dijawab dalam tempoh 2 hari bekerja dari tarikh aduan diterima melalui sistem",
             "81", "76", "5", "93.82"],
            ["", "Bahagian Kejuruteraan Awam", "", "", "", ""],
            ["1.", "Resit bayaran dikeluarkan serta-merta", "1,990", "1,986", "4", "99.79"],
            ["", "JUMLAH", "2,634", "2,622", "12", "99.54"]]
    data = pdf_of([Paragraph("LAPORAN PENCAPAIAN PIAGAM PELANGGAN MAJLIS CONTOH JUN 2025", getSampleStyleSheet()["Heading3"]),
                   cell_table(rows, [45, 180, 70, 50, 90, 60], valign="BOTTOM",
                              extra=[("ALIGN", (2, 1), (-1, -1), figures), ("ALIGN", (0, 0), (-1, 0), header)])])
    result = read_document(data, source_id="t", agency="Majlis Contoh", url="rendah.pdf")
    assert [(r["section"], r["item_no"], r["total"], r["met"], r["missed"], r["met_pct"]) for r in result.pledges] == [
        ("Bahagian Kewangan", "1", 563, 560, 3, 99.46), ("Bahagian Kewangan", "2", 81, 76, 5, 93.82),
        ("Bahagian Kejuruteraan Awam", "1", 1990, 1986, 4, 99.79),
        ("Bahagian Kejuruteraan Awam", None, 2634, 2622, 12, 99.54)]
    assert result.pledges[1]["pledge"].endswith("melalui sistem")
    assert result.findings == []


@pytest.mark.parametrize("valign", ["TOP", "BOTTOM"])
def test_an_unruled_division_named_in_the_pledge_column_between_evenly_spaced_rows_starts_its_division(valign):
    # every row one line, spaced as evenly as the heading between them: the heading is no
    # wrapped last line of the pledge above it
    rows = [["Bil", "Piagam Pelanggan", "Bilangan Diterima", "Bilangan Menepati", "Bilangan Tidak Menepati", "Peratus"],
            ["", "UNIT HASIL", "", "", "", ""],
            ["1.", "Kelulusan pelan bangunan dalam 30 hari", "85", "85", "0", "100.00"],
            ["", "UNIT LESEN", "", "", "", ""],
            ["1.", "Lesen penjaja dalam tempoh 5 hari", "59", "54", "5", "91.52"],
            ["2.", "Permit sementara dalam 1 hari", "66", "66", "0", "100.00"],
            ["", "JUMLAH", "210", "205", "5", "97.61"]]
    data = pdf_of([Paragraph("LAPORAN PENCAPAIAN PIAGAM PELANGGAN MAJLIS CONTOH JUN 2025", getSampleStyleSheet()["Heading3"]),
                   cell_table(rows, [30, 300, 50, 70, 60, 70], valign=valign)])
    result = read_document(data, source_id="t", agency="Majlis Contoh", url="sama.pdf")
    assert [(r["section"], r["item_no"], r["pledge"], r["total"]) for r in result.pledges] == [
        ("UNIT HASIL", "1", "Kelulusan pelan bangunan dalam 30 hari", 85),
        ("UNIT LESEN", "1", "Lesen penjaja dalam tempoh 5 hari", 59), ("UNIT LESEN", "2", "Permit sementara dalam 1 hari", 66),
        ("UNIT LESEN", None, "JUMLAH", 210)]
    assert result.findings == []


@pytest.mark.parametrize("widths", [[45, 300, 50, 50, 60, 90], [25, 180, 60, 70, 60, 50], [30, 180, 50, 60, 60, 50]])
@pytest.mark.parametrize("label, width, align", [(150, 40, "LEFT"), (150, 80, "RIGHT"), (250, 60, "CENTER"),
                                                 (330, 40, "RIGHT"), (330, 80, "LEFT")])
def test_unruled_single_digit_figures_set_right_stay_in_their_column_over_a_grand_total_table(widths, label, width,
                                                                                             align):
    # the missed column holds only single digits, all of one width, standing between its header's
    # text and the next one's: the other columns tell they are set right, though the grand total
    # table's figures under them, set otherwise, bridge two columns or stand beside the digits
    rows = [["Bil", "Piagam Pelanggan", "Bilangan Diterima", "Bilangan Menepati", "Bilangan Tidak Menepati", "Peratus"],
            ["1.", "Aduan awam dijawab dalam tempoh 2 hari bekerja", "78", "78", "0", "100.00"],
            ["2.", "Pembersihan longkang tersumbat dalam 5 hari", "157", "152", "5", "96.81"],
            ["3.", "Kutipan sampah pukal dalam tempoh 3 hari", "9", "5", "4", "55.55"],
            ["4.", "Resit bayaran dikeluarkan serta-merta", "34", "33", "1", "97.05"],
            ["", "JUMLAH", "278", "268", "10", "96.40"]]
    grand = [["JUMLAH KESELURUHAN", "278", "268", "10", "96.40"]]
    styles = getSampleStyleSheet()
    data = pdf_of([Paragraph("LAPORAN PENCAPAIAN PIAGAM PELANGGAN MAJLIS CONTOH JUN 2025", styles["Heading3"]),
                   cell_table(rows, widths, extra=[("ALIGN", (2, 1), (-1, -1), "RIGHT")]),
                   cell_table(grand, [label] + [width] * 4, extra=[("ALIGN", (1, 0), (-1, -1), align)])], A4)
    result = read_document(data, source_id="t", agency="Majlis Contoh", url="digit.pdf")
    assert [(r["total"], r["met"], r["missed"]) for r in result.pledges][:5] == [
        (78, 78, 0), (157, 152, 5), (9, 5, 4), (34, 33, 1), (278, 268, 10)]
    assert not [f for f in result.findings if f["severity"] == "error"]


@pytest.mark.parametrize("valign", ["TOP", "MIDDLE", "BOTTOM"])
def test_an_unruled_table_of_one_pledge_and_single_digits_keeps_its_figures_in_their_columns(valign):
    # two lines of figures, all single digits but the percentages: only the percentages, standing
    # past the last header's text, tell the figures are set right
    rows = [["Bil", "Piagam Pelanggan", "Bilangan Diterima", "Bilangan Menepati", "Bilangan Tidak Menepati", "Peratus"],
            ["1.", "Pembersihan longkang tersumbat dalam tempoh 5 hari bekerja selepas aduan diterima",
             "8", "4", "4", "50.00"],
            ["", "JUMLAH", "8", "4", "4", "50.00"]]
    data = pdf_of([Paragraph("LAPORAN PENCAPAIAN PIAGAM PELANGGAN MAJLIS CONTOH JUN 2025",
                             getSampleStyleSheet()["Heading3"]),
                   cell_table(rows, [30, 180, 60, 90, 60, 60], valign=valign,
                              extra=[("ALIGN", (2, 1), (-1, -1), "RIGHT")])], A4)
    result = read_document(data, source_id="t", agency="Majlis Contoh", url="satu.pdf")
    assert [(r["total"], r["met"], r["missed"]) for r in result.pledges] == [(8, 4, 4), (8, 4, 4)]
    assert not [f for f in result.findings if f["severity"] == "error"]


@pytest.mark.parametrize("rules", [[("GRID", (0, 0), (-1, -1), 0.5, "black")], [("BOX", (0, 0), (-1, -1), 0.8, "black")],
                                   [("INNERGRID", (0, 0), (-1, -1), 0.5, "black")]])
@pytest.mark.parametrize("label, width, align", [(330, 50, "RIGHT"), (150, 90, "LEFT"), (380, 35, "CENTER")])
def test_a_grand_total_printed_without_rules_under_a_ruled_table_is_its_last_row(rules, label, width, align):
    # its label and figures are placed as the ruled table's last row places them, whatever
    # columns the rule-less table's own widths give them
    rows = [GRAND_TOTAL_HEADER, *GRAND_TOTAL_BODY]
    data = pdf_of([Paragraph("LAPORAN PENCAPAIAN PIAGAM PELANGGAN MAJLIS CONTOH BULAN OGOS 2025",
                             getSampleStyleSheet()["Heading3"]),
                   cell_table(rows, [30, 250, 70, 70, 70], extra=rules),
                   cell_table([["JUMLAH KESELURUHAN", "107", "103", "4"]], [label] + [width] * 3,
                              extra=[("ALIGN", (1, 0), (-1, -1), align)])], A4)
    result = read_document(data, source_id="t", agency="Majlis Contoh", url="jumlah-besar-bergaris.pdf")
    assert [(r["item_no"], r["pledge"], r["total"], r["met"], r["missed"]) for r in result.pledges] == GRAND_TOTAL_READ
    assert result.findings == []
