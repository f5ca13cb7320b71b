"""Charter pledges printed outside tables (sample 000): bulleted and numbered lists, and a pledge
paragraph under its heading, read from the HTML page and from both PDF readers alike; the text
around them that names times but pledges nothing gives no row."""

from __future__ import annotations

from pathlib import Path

import pytest

from piagam.extractors.document import read_document

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def read(data: bytes, url: str = "https://example.invalid/piagam.html", **kw):
    return read_document(data, source_id="t", agency="t", url=url, **kw)


def list_rows(result) -> list[dict]:
    return [r for r in result.pledges if r["cells"] and len(r["cells"]) == 1]


@pytest.mark.parametrize("name,reader", [("000_charter.html", "pdfium"), ("000_charter.pdf", "pdfium"),
                                         ("000_charter.pdf", "pdfplumber")])
def test_sample_000_complaint_pledges_come_out_of_its_lists(name, reader):
    result = read((SAMPLES / name).read_bytes(), url=(SAMPLES / name).as_uri(), pdf_reader=reader)
    rows = list_rows(result)
    got = [(r["section"], r["item_no"], r["standard_value"], r["standard_unit"], r["standard_working_days"])
           for r in rows]
    assert got == [
        ("PENGURUSAN ADUAN DAN MAKLUMBALAS", None, 2.0, "day", True),
        ("PENGURUSAN ADUAN DAN MAKLUMBALAS", None, 10.0, "day", True),
        ("PENGURUSAN ADUAN DAN MAKLUMBALAS", None, 5.0, "day", True),
        ("TATACARA KEWANGAN", None, 21.0, "day", False),
        ("PIAGAM ADUAN AWAM", "1", 1.0, "day", True),
        ("PIAGAM ADUAN AWAM", "2", 20.0, "day", True),
        ("PIAGAM ADUAN AWAM", "3", 2.0, "month", False),
        ("PIAGAM ADUAN AWAM", "4", 3.0, "week", False),
    ]
    # a bullet's text wrapped over two PDF lines is one pledge, its standard read across the break
    first = rows[0]
    assert first["pledge"].startswith("Pengadu akan menerima surat akuan") and first["pledge"].endswith("di pejabat ini.")
    assert first["standard"] == "dua (2) hari bekerja"
    assert all(r["met"] is None and r["total"] is None and not r["is_total"] for r in rows)
    # the vision ("dalam tempoh 5 tahun"), the links, the address ("8 jam sehari") and the
    # complaint line without a time give no row; the table's one pledge is still there
    texts = " ".join(r["pledge"] for r in result.pledges)
    assert "Menjadi pejabat" not in texts and "Portal Rasmi" not in texts and "Alamat" not in texts
    assert "talian" not in texts and "Memberikan perkhidmatan" not in texts
    [table_row] = [r for r in result.pledges if r not in rows]
    assert (table_row["section"], table_row["item_no"], table_row["standard_value"], table_row["standard_unit"]) \
        == ("UNIT PUSAKA", "1", 9.0, "month")
    assert result.findings == []
    if name.endswith(".pdf"):  # where to find it again: the page and the lines' box
        assert first["page"] == 1 and first["bbox"][3] - first["bbox"][1] > 15  # two lines tall


def page(body: str, title: str = "Piagam Pelanggan") -> bytes:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>".encode()


def test_an_ordered_list_is_numbered_as_a_browser_shows_it():
    result = read(page('<h3>KAMI BERJANJI</h3><ol type="a" start="2"><li>Menjawab surat dalam tempoh '
                       '<b>7 hari</b> bekerja</li><li>Mengeluarkan lesen dalam masa 24 jam</li></ol>'))
    assert [(r["item_no"], r["pledge"], r["standard_value"], r["standard_unit"]) for r in result.pledges] == [
        ("b", "Menjawab surat dalam tempoh 7 hari bekerja", 7.0, "day"),
        ("c", "Mengeluarkan lesen dalam masa 24 jam", 24.0, "hour")]
    assert result.document["status"] == "ok"


def test_a_number_glued_to_its_pledge_still_numbers_it():
    # "2.Aduan": no space after the number; "3.90% ...": item 3 then a 90% target, as typed
    result = read(page("<h3>KAMI BERJANJI</h3><p>1. Surat dijawab dalam tempoh 7 hari bekerja.</p>"
                       "<p>2.Aduan kaunter diselesaikan dalam masa 24 jam.</p>"
                       "<p>3.90% permohonan permit diluluskan dalam tempoh 14 hari.</p>"))
    assert [(r["item_no"], r["pledge"], r["standard_value"]) for r in result.pledges] == [
        ("1", "Surat dijawab dalam tempoh 7 hari bekerja.", 7.0),
        ("2", "Aduan kaunter diselesaikan dalam masa 24 jam.", 24.0),
        ("3", "90% permohonan permit diluluskan dalam tempoh 14 hari.", 14.0)]


def test_a_table_of_one_column_of_numbered_pledges_gives_them():
    rows = ["1. Projek pembangunan kecil disiapkan mengikut jadual", "2. Aduan awam dijawab dalam tempoh 3 hari bekerja",
            "3.Permit sementara dikeluarkan dalam masa 24 jam"]
    table = "<table border=1><tr><th>Piagam Pelanggan</th></tr>" + "".join(f"<tr><td>{r}</td></tr>" for r in rows)
    result = read(page("<h3>Piagam Pelanggan Jabatan Contoh</h3>" + table + "</table>"))
    assert [(r["item_no"], r["pledge"], r["standard_value"], r["standard_unit"]) for r in result.pledges] == [
        ("1", "Projek pembangunan kecil disiapkan mengikut jadual", None, None),
        ("2", "Aduan awam dijawab dalam tempoh 3 hari bekerja", 3.0, "day"),
        ("3", "Permit sementara dikeluarkan dalam masa 24 jam", 24.0, "hour")]


def test_lists_outside_a_charter_page_are_not_pledges():
    body = "<ul><li>Mesyuarat diadakan dalam tempoh 3 hari</li><li>Laporan disiapkan dalam 14 hari</li></ul>"
    result = read(page(body, title="Berita Jabatan"))
    assert result.pledges == []
    assert (result.document["status"], result.document["error"]) == ("empty", "No table was found in the document.")


def test_a_report_table_beside_a_list_keeps_its_table_number_and_findings():
    table = ("<table border=1><tr><td>Bil</td><td>Perkhidmatan</td><td>Jumlah Diterima</td><td>Menepati</td>"
             "<td>% Menepati</td></tr><tr><td>1</td><td>Lesen premis</td><td>107</td><td>106</td><td>100%</td></tr>"
             "</table>")
    result = read(page("<p>Nota:</p><ul><li>Nota: dikira dalam tempoh 14 hari bekerja</li></ul>" + table,
                       title="Pencapaian Piagam Pelanggan Mac 2025"))
    [row] = result.pledges
    assert (row["item_no"], row["table_no"]) == ("1", 1)
    assert [(f["rule"], f["table_no"]) for f in result.findings] == [("met_pct", 1)]


def test_frequencies_in_words_dates_to_meet_and_times_from_an_event_are_pledged_standards():
    result = read(page("<h3>KAMI BERJANJI</h3><ol><li>Rumput di taman dipotong sebulan sekali.</li>"
                       "<li>Sampah dikutip tiga (3) kali seminggu.</li><li>Bil cukai dihantar sebelum 31 Januari "
                       "setiap tahun.</li><li>Notis mesyuarat dihantar 14 hari sebelum mesyuarat.</li>"
                       "<li>Kaunter dibuka 5 hari seminggu.</li></ol>"))
    assert [(r["item_no"], r["standard"], r["standard_value"], r["standard_unit"], r["standard_working_days"])
            for r in result.pledges] == [
        ("1", "sebulan sekali", 1.0, "month", False), ("2", "tiga (3) kali seminggu", 3.0, "week", False),
        ("3", "sebelum 31 Januari", None, None, None), ("4", "14 hari", 14.0, "day", False)]


def test_pledges_one_a_line_without_bullets_under_the_charter_title_are_rows():
    # as a PDF prints a bulleted list: its bullets drawn, not written
    result = read(page("<h3>PIAGAM PELANGGAN</h3><p>Pendaftaran pelajar baharu - 1 hari</p>"
                       "<p>Pengeluaran transkrip - 3 hari bekerja</p><p>Pertukaran kursus - 2 minggu</p>"
                       "<p>Kaunter dibuka setiap hari.</p><p>Yuran dibayar dalam tempoh 14 hari.</p>"))
    assert [(r["section"], r["standard"]) for r in result.pledges] == [
        (None, "1 hari"), (None, "3 hari bekerja"), (None, "2 minggu")]
