"""The sample reports: the layouts of LAYOUTS.md, each with the rows a reader must get from it (the
expected rows are the truth the tables are drawn from). The agencies, pledges and figures are
invented; 000-004 and 011-013 take the shapes of real published reports."""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass, field
from datetime import date

EXPECT_KEYS = [
    "section", "item_no", "pledge", "standard_value", "standard_unit", "standard_working_days",
    "met", "met_pct", "missed", "missed_pct", "total", "target_pct", "achievement_pct", "cumulative",
    "responsible", "is_total", "period_label", "period_start", "period_end",
]


@dataclass
class Cell:
    text: str  # may hold <b>, <br>, <ul><li> markup
    colspan: int = 1
    rowspan: int = 1


@dataclass
class TableSpec:
    header: list[list[Cell]]
    body: list[list[Cell]]
    widths: list[float]  # relative column widths


@dataclass
class Report:
    name: str
    title: list[str]
    intro: list[str] = field(default_factory=list)  # paragraphs (or whole <ul>/<ol> lists) before the tables
    tables: list[TableSpec] = field(default_factory=list)
    expected: list[dict] = field(default_factory=list)
    landscape: bool = True
    pdf_styles: tuple[str, ...] = ("ruled",)  # "ruled" and/or "unruled"
    layout: str = ""
    scanned: bool = False  # also as an image-only (scanned) copy of the ruled PDF
    outro: list[str] = field(default_factory=list)  # paragraphs or lists after the tables


def plain(text: str) -> str:
    """Cell markup as a reader sees it: tags dropped, entities decoded, whitespace folded."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text))).strip()


def expect(**values) -> dict:
    row = {k: None for k in EXPECT_KEYS}
    row["is_total"] = False
    unknown = set(values) - set(row)
    assert not unknown, unknown
    row.update(values)
    return row


def period(label: str, start: date, end: date) -> dict:
    return {"period_label": label, "period_start": start.isoformat(), "period_end": end.isoformat()}


def months(label: str, year: int, first: int, last: int) -> dict:
    return period(label, date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1]))


# ------------------------------------------------------------------ 001: counts per division
# 000-004 take the shapes of real published reports; the agencies, pledges, figures and notes are invented.

COUNTS_HEADER = [
    [Cell("JANJI", colspan=2, rowspan=2), Cell("Menepati Tempoh Masa / Standard Piagam Pelanggan", colspan=2),
     Cell("Tidak Menepati Tempoh Masa/Standard Piagam Pelanggan", colspan=2),
     Cell("Jumlah Perkhidmatan", rowspan=2)],
    [Cell("Jumlah Menepati Standard"), Cell("% Menepati Standard"),
     Cell("Jumlah Tidak Menepati Standard"), Cell("% Tidak Menepati Standard")],
]
# division: pledges (text, met, missed) and, where the division's total row misprints its count, that count
COUNTS_001: list[tuple[str, list[tuple[str, int, int]], int | None]] = [
    ("UNIT PERANCANG PEMBANGUNAN NEGERI", [
        ("Mengedarkan kertas cadangan projek kepada ahli Jawatankuasa Pembangunan dalam tempoh <b>14 hari</b> "
         "bekerja.", 9, 0),
        ("Menyediakan laporan kemajuan projek negeri dalam tempoh <b>10 hari</b> bekerja selepas akhir bulan", 1, 0),
        ("Menilai permohonan geran pembangunan luar bandar tidak melebihi <b>4 bulan</b> dari tarikh permohonan "
         "lengkap didaftarkan.", 0, 0)], None),
    ("BAHAGIAN SUMBER MANUSIA", [
        ("Memproses dokumen persaraan pegawai dalam tempoh 21 hari dari tarikh dokumen lengkap diterima "
         "<b>(Seksyen Perjawatan)</b>", 4, 0),
        ("Memproses tuntutan bayaran balik rawatan pergigian dalam tempoh 10 hari bekerja dari tarikh tuntutan "
         "diterima <b>(Seksyen Perjawatan)</b>", 27, 0),
        ("Mengeluarkan arahan pertukaran sementara dalam tempoh 7 hari hingga 21 hari daripada tarikh keputusan "
         "mesyuarat <b>(Seksyen Perjawatan)</b>", 38, 0),
        ("Memproses permohonan cuti belajar bergaji penuh dalam tempoh <b>30 Hari</b> bekerja dari tarikh "
         "permohonan lengkap diterima <b>(Seksyen Perjawatan)</b>", 3, 0),
        ("Mengeluarkan surat kelulusan menghadiri seminar di luar negeri dalam masa 10 hari dari tarikh "
         "permohonan diterima <b>(Seksyen Perjawatan)</b>", 22, 0),
        ("Memuktamadkan pemangkuan jawatan dalam tempoh 5 bulan daripada tarikh kekosongan diisytiharkan "
         "<b>(Seksyen Prestasi &amp; Kerjaya)</b>", 0, 0),
        ("Menyelesaikan kes tatatertib dalam tempoh 6 bulan setelah laporan siasatan lengkap diterima "
         "<b>(Seksyen Prestasi &amp; Kerjaya)</b>", 0, 0),
        ("Memproses permohonan pergerakan gaji tahunan dalam tempoh 2 bulan setelah markah prestasi disahkan "
         "<b>(Seksyen Prestasi &amp; Kerjaya)</b>", 0, 0),
        ("Memproses permohonan pinjaman komputer pegawai dalam tempoh 1 bulan <b>(Seksyen Prestasi &amp; "
         "Kerjaya)</b>", 0, 0),
        ("Mengatur sesi bimbingan bagi pegawai yang dirujuk dalam masa 5 hari dari tarikh rujukan diterima "
         "<b>(Seksyen Prestasi &amp; Kerjaya)</b>", 12, 0),
        ("Mengeluarkan sijil kursus induksi dalam tempoh 6 minggu dari tarikh tamat kursus <b>(Seksyen "
         "Latihan)</b>", 41, 0),
        ("Memproses permohonan pengecualian peperiksaan jabatan dalam tempoh 3 minggu dari tarikh permohonan "
         "diterima <b>(Seksyen Latihan)</b>", 2, 0)], None),
    ("PEJABAT MAJLIS MESYUARAT NEGERI", [
        ("Mengedarkan kertas perbincangan kepada Ahli Majlis Mesyuarat Negeri dalam tempoh masa <b>lima (5) "
         "hari</b> bekerja sebelum mesyuarat bersidang.", 246, 0),
        ("Menyiapkan draf minit mesyuarat dalam tempoh masa <b>empat (4) hari</b> bekerja selepas mesyuarat "
         "bersidang.", 3, 0),
        ("Memaklumkan keputusan segera <b>(tindakan serta-merta)</b> kepada jabatan berkenaan dalam masa "
         "<b>satu (1) hari</b> selepas mesyuarat.", 31, 0),
        ("Memaklumkan keputusan <b>(biasa)</b> kepada jabatan berkenaan dalam tempoh <b>enam (6) hari</b> "
         "selepas minit disahkan.", 212, 0),
        ("Memproses permohonan peruntukan khas ahli majlis dalam tempoh <b>tujuh (7) hari</b> bekerja.", 14, 0),
        ("Memproses tuntutan elaun perjalanan ahli majlis dalam masa tiga <b>(3) hari</b> bekerja.", 8, 0)], None),
    ("BAHAGIAN PIHAK BERKUASA TEMPATAN", [
        ("Memanjangkan pekeliling kerajaan negeri kepada semua PBT dalam tempoh <b>5 hari</b> bekerja dari "
         "tarikh pekeliling diterima.", 2, 0),
        ("Menyediakan kertas pertimbangan mesyuarat negeri dalam tempoh <b>10 hari</b> bekerja selepas "
         "maklumat lengkap diterima.", 6, 0),
        ("Mengemukakan baucer geran tahunan PBT kepada Bendahari Negeri dalam tempoh <b>5 hari</b> "
         "bekerja selepas permohonan lengkap diterima.", 23, 0),
        ("Mengemukakan penyata kewangan PBT yang telah disemak sebelum <b>30 Jun</b> setiap tahun.", 0, 0),
        ("Memanjangkan aduan awam berkaitan PBT kepada PBT terlibat dalam tempoh <b>2 hari</b> bekerja selepas "
         "aduan diterima.", 0, 0),
        ("Melawat kaunter setempat PBT di seluruh negeri sebelum <b>20 haribulan</b> setiap bulan.", 1, 0),
        ("Menyalurkan geran penyelenggaraan jalan kepada PBT <b>2 kali</b> setahun (sebelum akhir Mac dan "
         "September).", 0, 0)], None),
    ("BAHAGIAN TEKNOLOGI MAKLUMAT", [
        ("Menambah baik modul sistem dalaman yang dibangunkan oleh bahagian ini dalam tempoh selewat-lewatnya "
         "<b>dua (2) bulan</b> dari tarikh permintaan pengguna diterima. (e-Permohonan)", 6, 0),
        ("Membaiki gangguan rangkaian dan kerosakan komputer di semua bahagian di bawah Pejabat "
         "Setiausaha Kerajaan Negeri Contoh dalam tempoh <b>8 jam</b> dari masa aduan diterima.", 9, 0),
        ('Mengemas kini kandungan portal negeri ( <a href="https://portal.contoh.example">'
         "https://portal.contoh.example</a> ) dalam tempoh <b>satu (1) hari</b> bekerja dari tarikh bahan "
         "diterima.", 21, 0),
        ("Mendaftar nama domain kecil dan ruang pelayan bagi laman web bahagian dan jabatan negeri dalam tempoh "
         "<b>48 jam</b> dari masa permohonan diterima.", 0, 0),
        ('Membuka akaun e-mel rasmi ( <a href="https://mel.contoh.example">https://mel.contoh.example</a> ) '
         "dalam tempoh <b>24 jam</b> dari masa permohonan lengkap diterima.", 13, 0),
        ("Mengadakan latihan aplikasi pejabat kepada kakitangan bahagian di bawah pejabat ini dalam masa "
         "<b>(3)tiga bulan</b>", 2, 0)], 52),  # the rows add up to 51
    ("BAHAGIAN INTEGRITI", [
        ("Mengakui penerimaan aduan salah laku dalam tempoh dua (2) hari bekerja", 3, 0),
        ("Menyiasat aduan salah laku dalam tempoh tiga puluh hari (30) hari bekerja (kecuali kes yang dirujuk "
         "kepada agensi penguatkuasaan)", 1, 0)], None),
    ("BAHAGIAN PERUMAHAN AWAM", [
        ("Menerima bayaran sewa rumah awam di kaunter dalam tempoh tidak lebih <b>15 minit</b>", 38, 2),
        ("Memproses permohonan pertukaran penyewa rumah awam dalam masa <b>45 hari</b> bekerja dari tarikh "
         "permohonan lengkap diterima", 9, 1),
        ("Mengambil tindakan ke atas aduan kerosakan rumah awam dalam masa <b>7 hari</b> dari tarikh aduan "
         "diterima.", 10, 0)], None),
    ("BAHAGIAN KHIDMAT PENGURUSAN", [
        ("Permohonan tempahan kenderaan jabatan diluluskan dalam masa <b>2 hari</b> bekerja.", 21, 0),
        ("Tempahan bilik penginapan pegawai di Rumah Rehat Negeri Contoh, Kuala Lumpur disahkan dalam masa "
         "<b>2 jam</b> .", 0, 0),
        ("Bayaran elaun lebih masa disediakan dalam masa <b>10 hari</b> bekerja daripada tarikh tuntutan "
         "lengkap diterima.", 512, 0),
        ("Baucer bayaran kepada pembekal disediakan dalam masa <b>10 hari</b> bekerja dari tarikh invois "
         "lengkap diterima.", 694, 0),
        ("Resit rasmi dikeluarkan dalam masa <b>setengah jam</b> selepas bayaran diterima di kaunter.", 27, 0),
        ("Pesanan tempatan dikeluarkan dalam masa <b>4 hari</b> daripada tarikh permohonan lengkap diterima.",
         386, 0),
        ("Keputusan Jawatankuasa Sebut Harga dimaklumkan kepada jabatan pelaksana tidak lebih daripada "
         "<b>5 hari</b> selepas tarikh mesyuarat.", 0, 0),
        ("Surat setuju terima kepada penyebut harga yang berjaya dikeluarkan tidak lebih daripada <b>5 hari</b> "
         "selepas tarikh keputusan", 0, 0),
        ("Membaiki kerosakan kecil bangunan pejabat dalam masa <b>7 hari</b> bekerja.", 17, 0),
        ("Memastikan kawasan pejabat dibersihkan oleh kontraktor mengikut jadual dalam masa <b>2 hari</b> "
         "bekerja selepas aduan.", 9, 0),
        ("Memastikan kenderaan jabatan diservis mengikut jadual dalam masa <b>6 bulan</b> .", 12, 0),
        ("Memastikan bekalan alat tulis pejabat mencukupi dalam masa <b>2 minggu</b> .", 31, 0),
        ("Mengemas kini daftar harta modal dalam masa <b>7 hari</b> bekerja selepas aset diterima.", 14, 0),
        ("Memeriksa aset alih supaya sentiasa boleh digunakan dalam masa <b>3 bulan</b> .", 5, 0)], None),
    ("UNIT AUDIT DALAMAN", [
        ("Melaksanakan <b>lapan (8)</b> pengauditan jabatan negeri setahun.", 1, 0),
        ("Mengeluarkan draf laporan pengauditan dalam tempoh <b>sepuluh (10)</b> hari bekerja selepas kerja "
         "lapangan.", 0, 0),
        ("Mengeluarkan laporan muktamad pengauditan dalam tempoh <b>lima (5)</b> hari bekerja selepas "
         "mesyuarat penutup.", 0, 0),
        ("Melaksanakan pemeriksaan mengejut wang tunai di <b>pusat /</b> kaunter kutipan negeri", 0, 0),
        ("Melaksanakan semakan pematuhan terhadap 12 jabatan negeri setahun.", 0, 0),
        ("Memantau tindakan susulan laporan audit sebanyak (3) kali setahun", 0, 0)], None),
    ("BAHAGIAN PELANCONGAN", [
        ("Mengumpul dan menganalisa statistik ketibaan pelawat <b>1 bulan</b> sekali.", 1, 0),
        ("Mengadakan persembahan seni tradisional di Panggung Terbuka sebanyak <b>2 hari seminggu</b>", 0, 0),
        ("Memproses permohonan sewaan Panggung Terbuka dalam <b>2 hari</b> waktu bekerja", 0, 0),
        ("Memproses permohonan mempamerkan risalah pelancongan dalam <b>5 hari</b> dari tarikh permohonan "
         "diterima", 2, 0)], None),
    ("BAHAGIAN PROGRAM KHAS", [
        ("Menyediakan kertas taklimat program khas dalam tempoh <b>10 hari bekerja</b>", 6, 0),
        ("Menyediakan dan mengedarkan laporan lawatan dalam tempoh <b>2-5 hari bekerja</b>", 7, 0),
        ("Memantau projek khas negeri – pertanian dan perumahan – yang diluluskan setiap 2 bulan sekali", 4, 0)], None),
    ("BAHAGIAN GEOSPATIAL DAN UTILITI", [
        ("Menyemak permohonan laluan kabel utiliti di atas tanah kerajaan dalam 2 hari waktu bekerja", 11, 0),
        ("Mengeluarkan notis caj proses dalam 1 hari bekerja waktu bekerja", 6, 0),
        ("Mengeluarkan permit laluan sementara dalam 4 hari bekerja dari tarikh bayaran diterima", 3, 0),
        ("Memasukkan rekod laluan utiliti ke dalam pangkalan data peta digital dalam 2 hari waktu bekerja", 0, 0),
        ("Menyediakan kertas pertimbangan pajakan dalam 10 hari bekerja selepas maklumat lengkap diterima", 0, 0),
        ("Mengeluarkan surat kelulusan pajakan dalam 2 hari bekerja selepas keputusan pihak berkuasa "
         "negeri", 0, 0)], None),
    ("BAHAGIAN KOMUNIKASI KORPORAT", [
        ("Mendaftar aduan yang diterima melalui surat dan memanjangkannya kepada jabatan berkenaan dalam "
         "<b>tempoh 3 hari</b>", 0, 0),
        ("Menerbitkan Warta Berita Pejabat <b>setiap 4 bulan</b>", 0, 0),
        ("Menerbitkan Laporan Tahunan pejabat bagi tahun lalu <b>sebelum Ogos Tahun Semasa</b>", 0, 0),
        ("Menerbitkan Kalendar Rasmi Negeri bagi tahun hadapan <b>sebelum November Tahun Semasa</b>", 1, 0),
        ("Mesyuarat Penyelarasan Sasaran Kerja Jabatan Negeri <b>Setiap 3 Bulan</b>", 0, 0),
        ("Mesyuarat Jawatankuasa Aduan Awam Peringkat Negeri <b>Setiap 3 Bulan</b>", 0, 0),
        ("Kajian Kepuasan Pelanggan di kaunter Kompleks Pentadbiran Negeri <b>Setiap 6 Bulan</b>", 0, 0),
        ("Menganjurkan Pertandingan Kumpulan Inovasi Peringkat Negeri <b>Sebelum September Tahun Semasa</b>",
         0, 0),
        ("Mengadakan Majlis Anugerah Perkhidmatan Cemerlang Peringkat Negeri <b>Pada 15 Disember Tahun "
         "Semasa</b>", 0, 0)], None),
]


def _shares(met: int, missed: int) -> tuple[int, int]:
    """The printed whole percentages met and missed; a row of no cases prints 100% and 0%."""
    total = met + missed
    return (100, 0) if total == 0 else (round(100 * met / total), round(100 * missed / total))


def counts() -> Report:
    """Counts per division, one table per division under the same two-row header: the division a
    bold row spanning the table, items numbered "1.", standards in bold in the pledge (digits,
    words, "setengah jam", "(3)tiga bulan"), links in pledges, a "(Seksyen ...)" suffix, a row of
    no cases printed 100% met (a warning each), and a PURATA KESELURUHAN total row per division,
    one of which misprints its count (one more than its rows)."""
    p = period("JANUARI 2022", date(2022, 1, 1), date(2022, 1, 31))
    tables, expected = [], []
    for section, pledges, misprinted in COUNTS_001:
        body = [[Cell(f"<b>{section}</b>", colspan=7)]]
        sums = [0, 0]
        for k, (text, met, missed) in enumerate(pledges, start=1):
            met_pct, missed_pct = _shares(met, missed)
            body.append([Cell(f"{k}."), Cell(text), Cell(str(met)), Cell(f"{met_pct}%"), Cell(str(missed)),
                         Cell(f"{missed_pct}%"), Cell(str(met + missed))])
            expected.append(expect(section=section, item_no=str(k), pledge=plain(text), met=met,
                                   met_pct=float(met_pct), missed=missed, missed_pct=float(missed_pct),
                                   total=met + missed, **p))
            for key in ("standard_value", "standard_unit", "standard_working_days"):
                del expected[-1][key]  # the standards of 001 are checked in its own test
            sums = [sums[0] + met, sums[1] + missed]
        met, missed = sums
        if misprinted:  # the published error: the count printed one more than the rows give
            met = misprinted - missed
        met_pct, missed_pct = _shares(met, missed)
        body.append([Cell("<b>PURATA KESELURUHAN</b>", colspan=2)] + [Cell(f"<b>{v}</b>") for v in (
            met, f"{met_pct}%", missed, f"{missed_pct}%", met + missed)])
        expected.append(expect(section=section, pledge="PURATA KESELURUHAN", is_total=True, met=met,
                               met_pct=float(met_pct), missed=missed, missed_pct=float(missed_pct),
                               total=met + missed, **p))
        tables.append(TableSpec(COUNTS_HEADER, body, [0.5, 6, 1.3, 1.3, 1.3, 1.3, 1.3]))
    title = ["PENCAPAIAN PIAGAM PELANGGAN", "PEJABAT SETIAUSAHA KERAJAAN NEGERI CONTOH", "JANUARI 2022"]
    intro = ["Laporan ini memaparkan pencapaian janji perkhidmatan setiap bahagian bagi bulan Januari 2022 untuk "
             "makluman orang ramai, seperti yang dikehendaki oleh pekeliling kemajuan perkhidmatan awam.",
             "Bilangan urusan yang menepati dan yang tidak menepati standard dikira oleh setiap bahagian "
             "daripada daftar urusan masing-masing. Sebarang pertanyaan tentang laporan ini boleh dikemukakan "
             "kepada <b>Unit Kualiti dan Inovasi</b> pejabat ini."]
    return Report("001_counts", title, intro, tables, expected, layout="counts", scanned=True)


# ------------------------------------------------------------------ 002: percentages only

# division, pledge cell, standard cell, target cell, achievement cell; a division of several rows
# names itself on its first row only (a cell spanning them)
PERCENTAGES_002 = [
    ("BAHAGIAN KHIDMAT PENGURUSAN", [
        ("1. Melayan setiap pelanggan di kaunter dengan sopan dan memberi penerangan yang jelas tentang urusan "
         "mereka.", "7 Hari", "100%", "100%"),
        ("2. Memastikan kemudahan awam di taman dan gerai majlis sentiasa boleh digunakan oleh penduduk Bukit "
         "Contoh", "7 Hari", "100%", "100%"),
        ("3. Menerima dan menyiasat aduan mengenai perkhidmatan majlis serta memberi jawapan dalam tempoh "
         "5 hari.", "7 Hari", "90%", "96%"),
        ("4. Memastikan dewan orang ramai yang ditempah disediakan sebelum tarikh majlis pelanggan.",
         "7 Hari", "100%", "100%"),
        ("5. Memastikan setiap kakitangan menghadiri latihan sekurang-kurangnya 7 hari setahun.",
         "7 Hari", "85%", "92%"),
        ("6. Memastikan jawatan kosong diisi dalam tempoh 6 bulan selepas kekosongan berlaku.",
         "7 Hari", "80%", "100%"),
        ("7. Memastikan pemeriksaan dalaman dijalankan supaya kerja dan prosedur mematuhi peraturan kewangan.",
         "7 Hari", "90%", "95%")]),
    ("BAHAGIAN KEJURUTERAAN", [
        ("Memastikan kerja pembangunan di kawasan majlis dipantau dan mengikut pelan yang diluluskan.",
         "45 Hari / 90 Hari", "85%", "85%")]),
    ("BAHAGIAN PERKHIDMATAN PERBANDARAN", [
        ("Menganjurkan gotong-royong kebersihan bersama persatuan penduduk mengikut zon kediaman",
         "1 Tahun", "100% (Zon)", "100%")]),
    ("UNIT TEKNOLOGI MAKLUMAT", [
        ("Memastikan rangkaian dan peralatan ICT majlis berfungsi sepanjang masa, setiap aduan kerosakan diambil "
         "tindakan dalam tempoh 4 jam selepas aduan diterima dan maklumat di laman web majlis dikemas kini dalam "
         "tempoh 48 jam.", "1 Tahun", "100%", "100%")]),
    ("BAHAGIAN PENGUATKUASA", [
        ("Menjalankan rondaan dan tindakan penguatkuasaan secara adil tanpa memilih kasih.",
         "1 Tahun", "100%", "100%")]),
    ("BAHAGIAN HASIL", [
        ("Mengurus hasil dan perbelanjaan majlis dengan jujur dan teratur.", "", "", "")]),
    ("UNIT PELESENAN", [  # two numbered pledges in one cell, its list left open as printed
        ('<ol style="list-style-type: none"> 1. Lesen perniagaan tanpa risiko dikeluarkan dalam tempoh 24 jam, '
         "manakala lesen berisiko dalam tempoh 21 hari. 2. Memastikan setiap gerai makanan berlesen diperiksa "
         "sekurang-kurangnya sekali setahun oleh pegawai kesihatan majlis. ", "24 Jam", "100%", "100%")]),
    ("UNIT LANDSKAP", [
        ("Memastikan pokok di tepi jalan dipangkas dan taman awam di bawah jagaan majlis diselenggara.",
         "40 Hari Bekerja", "100%", "100%")]),
    ("UNIT PENILAIAN HARTA", [
        ("Memastikan setiap pegangan dinilai secara saksama dan tepat pada masanya.", "1 Tahun", "100%", "100%")]),
]


def percentages() -> Report:
    """Percentages only: a target and an achievement per pledge, the standard in its own column
    (a pledge's own durations are not its standard), a division cell spanning its rows, "45 Hari /
    90 Hari", "100% (Zon)", a row with no figures, and two numbered pledges in one cell (no item
    number: the cell is one pledge)."""
    header = [[Cell(h) for h in ("BAHAGIAN / UNIT", "PIAGAM PELANGGAN", "KUALITI /KUANTITI MASA",
                                 "SASARAN PENCAPAIAN PERSEPSI", "PENCAPAIAN PIAGAM PELANGGAN (%)")]]
    p = period("2023 (JULAI – DISEMBER)", date(2023, 7, 1), date(2023, 12, 31))
    units = {"Hari": "day", "Jam": "hour", "Tahun": "year"}
    body, expected = [], []
    for section, rows in PERCENTAGES_002:
        for k, cells in enumerate(rows):
            first = [Cell(section, rowspan=len(rows))] if k == 0 else []
            body.append(first + [Cell(c) for c in cells])
            text = plain(cells[0])
            m = re.match(r"(\d+)\.\s+(.*)", text)
            several = len(re.findall(r"(?:^|\s)\d\.\s", text)) > 1
            item, pledge = (m.group(1), m.group(2)) if m and not several else (None, text)
            s = re.match(r"(\d+) (Hari|Jam|Tahun)( Bekerja)?", cells[1])
            pct = lambda c: float(re.match(r"\d+", c).group(0)) if c else None  # noqa: E731
            expected.append(expect(section=section, item_no=item, pledge=pledge,
                                   standard_value=float(s.group(1)) if s else None,
                                   standard_unit=units[s.group(2)] if s else None,
                                   standard_working_days=bool(s.group(3)) if s and s.group(2) == "Hari" else (False if s else None),
                                   target_pct=pct(cells[2]), achievement_pct=pct(cells[3]), **p))
    title = ["PENCAPAIAN PIAGAM PELANGGAN MAJLIS DAERAH BUKIT CONTOH BAGI TAHUN 2023 (JULAI – DISEMBER)"]
    table = TableSpec(header, body, [1.6, 5, 1.3, 1.3, 1.5])
    return Report("002_percentages", title, [], [table], expected, landscape=False,
                  pdf_styles=("ruled", "unruled"), layout="percentages")


# ------------------------------------------------------------------ 003: narrative

NARRATIVE_HEADER = ["BIL", "JANJI PIAGAM PELANGGAN 2023", "TEMPOH", "PENCAPAIAN", "PERATUSAN PENCAPAIAN",
                    "KUMULATIF", "TINDAKAN"]
TO_DATE = "Pencapaian dari Jan – Nov : "
# the tables as printed (one per group of pledges; a row of one cell spans the table), each pledge
# row with its truth: item, standard (value, unit, working), achievement %, total, cumulative, responsible
NARRATIVE_003 = [
    [(["1.", "Menilai cadangan pelaburan yang dikemukakan oleh syarikat swasta.", "60 hari bekerja",
       "Bagi tempoh 1 November 2023 hingga 30 November 2023 tiada (0) cadangan pelaburan diterima untuk dinilai "
       "dan diputuskan dalam masa dua (2) bulan.", "0% 0 Cadangan", "Pencapaian dari Jan - Nov : (9 cadangan)",
       "UPW"], ("1", (60, "day", True), 0, 0, 9, "UPW")),
     (["2.", "Memberi ulasan teknikal tentang kesan sosial projek yang dirujuk oleh jabatan lain.",
       "10 hari bekerja", "Bagi tempoh 1 November 2023 hingga 30 November 2023, tiada (0) ulasan teknikal "
       "diminta dalam tempoh 10 hari bekerja.", "0% 0 Ulasan", TO_DATE + "(5 ulasan)", ""],
      ("2", (10, "day", True), 0, 0, 5, "UPW"))],
    [(["3.", "Membaiki kerosakan di Kompleks Pentadbiran Wilayah:", "", "", "", "", "BPB"],
      ("3", None, None, None, None, "BPB")),
     (["", "a) Kerosakan kecemasan", "5 hari", "Sebanyak 22 aduan kerosakan kecemasan dilaporkan pada "
       "Nov 2023 dan kesemuanya dibaiki dalam tempoh piagam.", "100% 22 Penyelenggaraan",
       TO_DATE + "(241 Penyelenggaraan)", ""], ("3a", (5, "day", False), 100, 22, 241, "BPB")),
     (["", "b) Kerosakan kecil (minor)", "14 hari bekerja", "Sebanyak 9 aduan dilaporkan pada Nov 2023; kesemua "
       "kerosakan kecil dibaiki dalam tempoh piagam", "100% 9 aduan",
       "Pencapaian dari Jan - Nov : (118 Penyelenggaraan)", ""], ("3b", (14, "day", True), 100, 9, 118, "BPB")),
     (["", "c) Kerosakan besar (major)", "60 hari", "Sebanyak 3 aduan dilaporkan pada Nov 2023.",
       "100% 3 Penyelenggaraan", "Pencapaian dari Jan - Nov : (27 Penyelenggaraan)", ""],
      ("3c", (60, "day", False), 100, 3, 27, "BPB")),
     (["4.", "Menyediakan baucar bayaran kepada kontraktor.", "14 hari dari tarikh penerimaan tuntutan yang "
       "lengkap", "Bagi tempoh 1 Nov 2023 hingga 30 Nov 2023 , sebanyak 318 baucar bernilai RM 4,512,760.35 "
       "telah disediakan dan dibayar dalam tempoh yang ditetapkan.", "100% 318 Baucar", TO_DATE + "(2987 Baucar)",
       ""], ("4", (14, "day", False), 100, 318, 2987, "BPB")),
     (["5.", "Menyalurkan biasiswa wilayah kepada pelajar yang layak bagi semester baharu.", "30 hari",
       "Bagi tempoh 1 Nov 2023 sehingga 30 November 2023 , sebanyak 24 baucar bernilai RM 96,000.00 telah "
       "disediakan dan dibayar dalam tempoh yang ditetapkan.", "100% 24 Baucar", TO_DATE + "(861 Baucar)", ""],
      ("5", (30, "day", False), 100, 24, 861, "BPB"))],
    [(["6.", "Mengedarkan notis persidangan kepada semua Ahli Majlis Wilayah.", "10 hari sebelum Persidangan "
       "Majlis Wilayah", "Notis persidangan kepada semua Ahli Majlis Wilayah diedarkan pada 13 November 2023 "
       "untuk persidangan yang bermula 27 November 2023.", "100%", "", "SMW"],
      ("6", (10, "day", False), 100, None, None, "SMW")),
     (["7.", "Memastikan keputusan Mesyuarat Jawatankuasa Eksekutif Wilayah (JEW) diedarkan",
       "Tiga (3) hari bekerja", "Keputusan JEW diedarkan dalam tempoh tiga (3) hari bekerja selepas minit "
       "mesyuarat disahkan. Perincian : 1. 02.11.2023 pengesahan Minit JEW Bil. 41 Edaran pada 06.11.2023 "
       "2. 09.11.2023 pengesahan Minit JEW Bil. 42 Edaran pada 13.11.2023 3. 16.11.2023 pengesahan Minit JEW "
       "Bil. 43 Edaran pada 20.11.2023 4. 23.11.2023 pengesahan Minit JEW Bil. 44 Edaran pada 27.11.2023",
       "100% 4 Mesyuarat", TO_DATE + "(44 Mesyuarat)", ""], ("7", (3, "day", True), 100, 4, 44, "SMW"))],
    [(["8.", "Mengemukakan permohonan pengesahan jawatan kepada Suruhanjaya Perkhidmatan Wilayah", "20 hari",
       "Pengesahan Jawatan: 26 permohonan", "100% 26 permohonan", TO_DATE + "(251 permohonan)", "BSM"],
      ("8", (20, "day", False), 100, 26, 251, "BSM")),
     (["9.", "Mengemukakan permohonan penyerapan ke skim pencen kepada Suruhanjaya Perkhidmatan Wilayah",
       "20 hari", "Penyerapan Skim Pencen: 41 permohonan", "100% 41 permohonan", TO_DATE + "(163 permohonan)",
       ""], ("9", (20, "day", False), 100, 41, 163, "BSM")),
     (["10.", "Mengemukakan permohonan pemangkuan kepada Suruhanjaya Perkhidmatan Wilayah", "20 hari",
       "Pemangkuan: 5 permohonan", "100% 5 permohonan", TO_DATE + "(38 permohonan)", ""],
      ("10", (20, "day", False), 100, 5, 38, "BSM")),
     (["11.", "Memproses permohonan cuti rehat di luar negara yang lengkap melalui sistem dalam talian.",
       "Lima (5) hari bekerja", "Bagi tempoh 1 November 2023 hingga 30 November 2023 , sebanyak sembilan puluh "
       "dua (92) permohonan cuti di luar negara diproses dalam masa 5 hari bekerja selepas permohonan "
       "lengkap sampai sehingga diluluskan oleh Setiausaha Wilayah atau Timbalannya.", "100% 92 permohonan",
       TO_DATE + "(804 permohonan)", ""], ("11", (5, "day", True), 100, 92, 804, "BSM"))],
    [(["12.", "Memproses tuntutan geran tahunan wilayah kepada 11 majlis tempatan (termasuk MBC dan MPC).",
       "Lapan (8) hari bekerja", "Tiada tuntutan geran dikemukakan pada bulan November 2023. Sepanjang "
       "1 Januari hingga 30 November 2023, geran tahunan dibayar kepada 11 majlis tempatan menepati "
       "piagam.", "0% bayaran menepati piagam", "Pencapaian dari Jan - Nov : (11 majlis)", "BKW"],
      ("12", (8, "day", True), 0, None, 11, "BKW")),
     (["13.", "Mengeluarkan surat kebenaran kepada majlis tempatan selepas Mesyuarat Perancangan diadakan.",
       "Dua (2) hari bekerja", "Tiada Mesyuarat Perancangan diadakan & tiada surat kebenaran dikeluarkan.",
       "0%", "", ""], ("13", (2, "day", True), 0, None, None, "BKW")),
     (["14.", "Mengakui penerimaan aduan kepada pengadu melalui sistem aduan dalam talian.", "2 hari bekerja",
       "Bagi tempoh 1 November 2023 hingga 30 November 2023 , sejumlah enam (6) aduan telah diterima dan "
       "kesemuanya telah diakui dalam tempoh dua (2) hari bekerja.", "100% (6 Aduan)", TO_DATE + "(58 aduan)",
       "BPA"], ("14", (2, "day", True), 100, 6, 58, "BPA")),
     (["15.", "Penyelesaian aduan awam melalui sistem aduan dalam talian:", "", "", "", "", ""],
      ("15", None, None, None, None, "BPA")),
     (["", "<ul><li>Biasa</li></ul>", "15 hari bekerja", "Dua (2) aduan dalam tindakan: <ul><li>Bahagian Sumber "
       "Manusia (1)</li><li>Bahagian Kewangan Wilayah (1)</li></ul>", "", "", ""],
      (None, (15, "day", True), None, None, None, "BPA")),
     (["", "<ul><li>Kompleks</li></ul>", "180 hari", "Tiada aduan", "", "", ""],
      (None, (180, "day", False), None, None, None, "BPA"))],
    [(["16.", "Mengadakan Hari Bersama Pelanggan", "1 kali sebulan", "Hari Bersama Pelanggan telah diadakan "
       "pada 16 November 2023 di Dewan Serbaguna Kampung Contoh.", "100% (Program)", TO_DATE + "(11 Program)",
       "BPA"], ("16", (1, "month", False), 100, None, 11, "BPA")),
     (["17.", "Membentangkan laporan audit yang bebas dan seimbang kepada Jawatankuasa Audit Wilayah.",
       "Setiap suku tahun Mac, Jun, September, Disember", "Laporan audit telah disiapkan dan dibentangkan "
       "dalam: <ul><li>a) Mesyuarat Jawatankuasa Audit Wilayah Bil. 1/2023 pada 15 Mac 2023</li><li>b) "
       "Mesyuarat Jawatankuasa Audit Wilayah Bil. 2/2023 pada 21 Jun 2023</li><li>c) Mesyuarat Jawatankuasa "
       "Audit Wilayah Bil. 3/2023 pada 27 September 2023</li></ul>",
       "100% (Laporan) Dibentangkan bagi suku pertama hingga ketiga tahun 2023", TO_DATE + "(3 Mesyuarat)",
       "UAD"], ("17", None, 100, None, 3, "UAD"))],
    [(["18.", "Menyiapkan permintaan pindaan sistem aplikasi dalam tempoh menurut "
       "kategori di bawah:", "", "", "", "", "BTM"], ("18", None, None, None, None, "BTM")),
     (["", "a) Kecil", "10 hari bekerja", "47 permintaan", "100% (47 Penyelenggaraan)", "", ""],
      ("18a", (10, "day", True), 100, 47, None, "BTM")),
     (["", "b) Sederhana", "25 hari bekerja", "0 permintaan", "", "", ""],
      ("18b", (25, "day", True), None, None, None, "BTM")),
     (["", "c) Besar", "60 hari bekerja", "0 permintaan", "", "", ""],
      ("18c", (60, "day", True), None, None, None, "BTM")),
     (["Dari 1 Januari 2023 – 30 November 2023 sebanyak 512 permintaan penyelenggaraan diterima mengikut "
       "kategori seperti berikut; Kategori Kecil – 498 permintaan Kategori Sederhana - 12 permintaan Kategori "
       "Besar– 2 permintaan"], None),
     (["19.", "Rangkaian ICT Wilayah dijaga supaya sentiasa berfungsi. Sokongan rangkaian diukur menurut "
       "aduan yang dilaporkan; 95% aduan yang dilaporkan hendaklah "
       "diselesaikan dalam tempoh di bawah:", "", "", "", "", "BTM"],
      ("19", None, None, None, None, "BTM")),
     (["", "a) Dalam lingkungan 30km", "1 hari bekerja", "38 aduan dalam lingkungan 30km (Kompleks "
       "Pentadbiran) dan 4 aduan dalam lingkungan 30km (Pejabat Cawangan) diselesaikan dalam tempoh piagam.",
       "100% (42 Penyelenggaraan)", TO_DATE + "(319 Aduan)", ""],
      ("19a", (1, "day", True), 100, 42, 319, "BTM")),
     (["", "b) Melebihi 30 km", "3 hari bekerja", "Tiada aduan melebihi 30km", "", "", ""],
      ("19b", (3, "day", True), None, None, None, "BTM"))],
    # its 63 is stated for 1 Jan - 30 Nov: to date, not the month's
    [(["20.", "Memaklumkan keputusan rayuan tatatertib kepada pegawai berkenaan dalam tempoh",
       "21 hari bekerja dari tarikh mesyuarat", "1 Januari 2023 hingga 30 November 2023, sebanyak enam puluh "
       "tiga (63) keputusan rayuan tatatertib telah dimaklumkan kepada pegawai berkenaan dalam tempoh dua puluh "
       "satu (21) hari dari tarikh mesyuarat.", "100%", TO_DATE + "(63 Keputusan)", "INTEGRITI"],
      ("20", (21, "day", True), 100, None, 63, "INTEGRITI"))],
]


def narrative() -> Report:
    """Narrative achievements: the month's count in a sentence and beside its percentage ("100% 22
    Penyelenggaraan", "0% 0 Cadangan", "100% (6 Aduan)"), a percentage alone an achievement, a
    year-to-date column, the responsible unit on a group's first row only, lettered and bulleted
    sub-items, a target in a pledge ("95% aduan ... hendaklah"), a note spanning the table; in
    HTML one table per group, in the PDF one table with its header on every page."""
    header = [[Cell(h) for h in NARRATIVE_HEADER]]
    p = period("SEHINGGA NOVEMBER TAHUN 2023", date(2023, 1, 1), date(2023, 11, 30))
    specs, expected = [], []
    for rows in NARRATIVE_003:
        body = []
        for cells, truth in rows:
            if truth is None:
                body.append([Cell(cells[0], colspan=7)])  # a note spanning the table
                continue
            body.append([Cell(c) for c in cells])
            item, standard, achieved, total, cumulative, responsible = truth
            pledge = re.sub(r"^[a-z]\)\s*", "", plain(cells[1]))
            # "100% 22 aduan": 22 met, 100% of the period's cases; a percentage alone is an achievement
            counted = total is not None and achieved is not None
            target = stated.group(1) if (stated := re.search(r"(\d+)% aduan", pledge)) else None
            expected.append(expect(
                item_no=item, pledge=pledge, target_pct=float(target) if target else None,  # "95% aduan ... hendaklah"
                achievement_pct=None if counted else achieved, total=total,
                met=total * achieved // 100 if counted else None, met_pct=achieved if counted else None,
                cumulative=cumulative, responsible=responsible, standard_value=standard[0] if standard else None,
                standard_unit=standard[1] if standard else None,
                standard_working_days=standard[2] if standard else None, **p))
        specs.append(TableSpec(header, body, [0.5, 3, 1.3, 4, 1.5, 1.7, 1]))
    title = ["LAPORAN PENCAPAIAN PIAGAM PELANGGAN PEJABAT PENTADBIRAN WILAYAH CONTOH", "SEHINGGA NOVEMBER TAHUN 2023"]
    # the PDF prints it as one table with its header repeated on every page
    merged = TableSpec(header, [row for spec in specs for row in spec.body], specs[0].widths)
    report = Report("003_narrative", title, [], [merged], expected, layout="narrative")
    report.html_tables = specs
    return report


# ------------------------------------------------------------------ 000: charter only

UNITS_000 = ["UNIT PENTADBIRAN", "UNIT PERANCANGAN TANAH", "UNIT PENGAMBILAN &amp; PELUPUSAN",
             "UNIT PENDAFTARAN HAKMILIK", "UNIT KUTIPAN HASIL", "UNIT PUSAKA"]  # the last is above the table
UNIT_PROMISE = "Unit ini komited memberi layanan yang cepat, tepat dan mesra kepada setiap pelanggan."
COMPLAINT_BULLETS_000 = [  # pledge, standard (value, unit, working)
    ("Pengadu akan menerima surat akuan terima aduan melalui pos atau emel dalam tempoh dua (2) hari "
     "bekerja dari tarikh aduan didaftarkan di pejabat ini.", (2, "day", True)),
    ("Jawapan bagi aduan tentang urusan pejabat ini akan sampai kepada pengadu dalam tempoh sepuluh (10) hari "
     "bekerja selepas surat akuan terima dihantar (aduan yang memerlukan lawatan tapak atau rujukan kepada pihak "
     "lain mungkin mengambil masa yang lebih lama).", (10, "day", True)),
    ("Aduan mengenai jabatan atau agensi lain akan dirujuk kepada agensi berkenaan, dengan salinan kepada "
     "pengadu, dalam tempoh lima (5) hari bekerja selepas surat akuan terima dihantar.", (5, "day", True)),
]
FINANCE_000 = ("Memastikan tuntutan pembekal dibayar dalam tempoh tidak melebihi 21 hari dari tarikh invois "
               "yang lengkap diterima.")
COMPLAINTS_000 = [  # item, standard (value, unit, working) of the numbered complaint pledges
    ("1", "Setiap aduan akan didaftarkan dan diakui dalam tempoh 1 hari bekerja.", (1, "day", True)),
    ("2", "Aduan biasa akan diselesaikan dalam tempoh 20 hari bekerja dari tarikh aduan didaftarkan.",
     (20, "day", True)),
    ("3", "Aduan yang memerlukan siasatan di lapangan akan diselesaikan dalam tempoh tidak melebihi 2 bulan.",
     (2, "month", False)),
    ("4", "Pengadu akan dimaklumkan kemajuan aduan setiap 3 minggu.", (3, "week", False)),
    ("5", "Aduan boleh dikemukakan melalui talian 07-555 0142 atau emel aduan@ptd-contoh.example.", None),
]


def _ul(items: list[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>"


def charter() -> Report:
    """A charter with no figures: units each with a promise, one small table, bulleted complaint
    pledges and a finance pledge as a paragraph under a heading (pledges printed outside any
    table), text that names times but pledges nothing (vision, links, address, a bullet with no
    time) and a numbered complaint charter."""
    intro = [part for unit in UNITS_000 for part in (f"<b>{unit}</b>", UNIT_PROMISE)]
    table = TableSpec([[Cell("BIL"), Cell("PERKARA"), Cell("TEMPOH MASA")]],
                      [[Cell("1."), Cell("Penyelesaian permohonan pembahagian pusaka kecil dari tarikh permohonan "
                                          "lengkap diterima"), Cell("9 Bulan")]], [0.6, 6, 1.5])
    expected = [expect(section="UNIT PUSAKA", item_no="1",
                       pledge="Penyelesaian permohonan pembahagian pusaka kecil dari tarikh permohonan lengkap "
                              "diterima", standard_value=9.0, standard_unit="month", standard_working_days=False)]
    links = ["Portal Rasmi Negeri Contoh", "Jabatan Ukur Contoh", "Pejabat Tanah dan Galian Contoh",
             "Sistem Aduan Awam Contoh", "Direktori Kakitangan"]
    outro = ["<b>UNIT PENGUATKUASAAN &amp; UKUR</b>", UNIT_PROMISE,
             _ul(["Memberikan perkhidmatan yang teratur dan berkesan."]),
             "<b>PENGURUSAN ADUAN DAN MAKLUMBALAS</b>", _ul([b for b, _ in COMPLAINT_BULLETS_000]),
             "<b>TATACARA KEWANGAN</b>", FINANCE_000,
             "<b>PIAGAM ADUAN AWAM</b>", _ul([c[1] for c in COMPLAINTS_000], "ol"),
             "<b>VISI</b>", "Menjadi pejabat tanah yang dipercayai oleh penduduk Teluk Contoh dalam tempoh 5 tahun.",
             _ul(links), "Alamat: Pejabat Tanah Daerah Teluk Contoh, 99000 Teluk Contoh. Dibuka 8 jam sehari."]
    for bullet, standard in COMPLAINT_BULLETS_000:
        expected.append(expect(section="PENGURUSAN ADUAN DAN MAKLUMBALAS", pledge=bullet,
                               standard_value=float(standard[0]), standard_unit=standard[1],
                               standard_working_days=standard[2]))
    expected.append(expect(section="TATACARA KEWANGAN", pledge=FINANCE_000, standard_value=21.0, standard_unit="day",
                           standard_working_days=False))
    for item, pledge, standard in COMPLAINTS_000:
        if standard:
            expected.append(expect(section="PIAGAM ADUAN AWAM", item_no=item, pledge=pledge,
                                   standard_value=float(standard[0]), standard_unit=standard[1],
                                   standard_working_days=standard[2]))
    return Report("000_charter", ["PIAGAM PELANGGAN"], intro, [table], expected, landscape=False, layout="charter",
                  outro=outro)


# ------------------------------------------------------------------ 004: programme matrix

PROGRAMMES_004 = [
    ("Kemudahan untuk pelanggan berkeperluan khas",
     "Memudahkan pelanggan kurang upaya, warga emas dan ibu hamil berurusan di kaunter",
     "1. Pelanggan kurang upaya<br/>2. Warga emas<br/>3. Ibu hamil",
     "Menyediakan tempat letak kereta, kerusi roda dan kaunter keutamaan", "UKP",
     "Setiap premis menyediakan kaunter keutamaan menjelang akhir tahun 2010"),
    ("Kaunter urusan khas", "Memberi layanan yang pantas kepada pelanggan yang memerlukan perhatian segera",
     "1. Tetamu rasmi jabatan,<br/>2. Pelanggan yang dipanggil semula untuk membetulkan rekod (di bawah prosedur "
     "pemulihan perkhidmatan)<br/>3. Pelanggan yang memerlukan dokumen segera dengan kelulusan Ketua Cawangan",
     "Menyediakan kaunter berasingan dan pegawai bertugas", "Ketua Cawangan/Pengarah Negeri",
     "Tiada aduan dari kaunter urusan khas<br/>Bilangan surat penghargaan diterima"),
    ("Piawaian Layanan di Kaunter", "Memastikan pegawai kaunter mengamalkan adab perkhidmatan yang ditetapkan",
     "Kakitangan kaunter",
     "Manual Operasi Kaunter, Garis Panduan Pakaian dan Penampilan, Kod Tingkah Laku Pegawai, Senarai Semak "
     "Dokumen, Notis Hak Pelanggan",
     "UKP, Pengarah Negeri / Ketua Cawangan / Penyelia Kaunter",
     "Tiada aduan<br/>Bilangan surat penghargaan diterima"),
    ("Penambahbaikan Proses Kerja",
     "Memendekkan masa menunggu pelanggan<br/>Mengurangkan borang yang perlu diisi", "Pereka proses, pelaksana",
     "Menyemak semula (review) aliran kerja dan borang sedia ada", "Bahagian Teknologi Maklumat dan Pengarah Operasi",
     "Peratus pelanggan yang menilai perkhidmatan sebagai cemerlang dalam borang maklum balas"),
    ("Keseragaman Tafsiran Peraturan",
     "Memastikan semua pegawai mentafsir peraturan dengan cara yang sama", "Pegawai/Penyelia", "", "Pegawai/Penyelia",
     "Pelanggan di semua cawangan menerima layanan yang sama"),
]


def programmes() -> Report:
    """A programme matrix with no figures: a programme per row, its aim, targets as numbered lines,
    actions, who is responsible and its indicators; one action cell empty."""
    header = [[Cell(h) for h in ("PROGRAM", "MATLAMAT", "SASARAN", "TINDAKAN", "TANGGUNGJAWAB",
                                 "INDIKATOR PENCAPAIAN")]]
    body = [[Cell(c) for c in row] for row in PROGRAMMES_004]
    expected = [expect(pledge=plain(row[0]), responsible=plain(row[4])) for row in PROGRAMMES_004]
    intro = ["Bahagian Khidmat Pelanggan", "\"Pelanggan Didahulukan Setiap Masa\""]
    return Report("004_programmes", ["JABATAN REKOD PENDUDUK CONTOH: PIAGAM PELANGGAN"], intro,
                  [TableSpec(header, body, [2, 2.5, 2, 2.5, 1.6, 2.4])], expected, layout="programmes")


# ------------------------------------------------------------------ synthetic variants

SERVICES = [
    ("Pengeluaran resit bayaran cukai tanah", "15 Minit", (15, "minute", False)),
    ("Permohonan salinan geran hakmilik", "1 hari bekerja", (1, "day", True)),
    ("Pendaftaran urusniaga pindahmilik tanah", "3 hari bekerja", (3, "day", True)),
    ("Carian rasmi hakmilik tanah", "30 minit", (30, "minute", False)),
    ("Permohonan pecah sempadan dan tukar syarat tanah", "69 hingga 111 hari", (111, "day", False)),
    ("Kelulusan permit pengeluaran bahan batuan", "14 hari bekerja", (14, "day", True)),
    ("Permohonan lesen pendudukan sementara (LPS)", "setengah jam", (0.5, "hour", False)),
    ("Pengesahan dokumen dan surat akuan", "serta-merta", (0.0, "minute", False)),
    ("Penyelesaian aduan awam melalui SISPAA", "7 hari bekerja", (7, "day", True)),
    ("Permohonan pembahagian pusaka kecil", "6 bulan", (6, "month", False)),
    ("Pembayaran pampasan pengambilan tanah", "3 bulan", (3, "month", False)),
    ("Lawatan tapak permohonan tanah baharu", "2 minggu", (2, "week", False)),
]
LONG_PLEDGE = ("Memproses permohonan pemberimilikan tanah kerajaan bagi tujuan pertanian, kediaman dan "
               "perniagaan termasuk penyediaan laporan tanah, lawatan tapak, semakan pelan akui dan "
               "pembentangan kertas pertimbangan kepada Jawatankuasa Tanah Daerah sebelum dikemukakan "
               "kepada Pihak Berkuasa Negeri untuk keputusan, dengan makluman bertulis kepada pemohon "
               "pada setiap peringkat proses / Processing applications for the alienation of state land")


def _fmt_count(n: int, k: int) -> str:
    """Counts in the styles agencies print: thousands separators or not, NIL and '-' for none."""
    if n == 0:
        return ["NIL", "-", "0", "Tiada"][k % 4]
    return f"{n:,}" if n >= 1000 and k % 2 == 0 else str(n)


def _trunc(part: int, whole: int, decimals: int = 2) -> float:
    scale = 10 ** decimals
    return int(100 * part * scale // whole) / scale


def counts_bilingual() -> Report:
    """Total first, bilingual two-row header, sections as spanning rows lettered A., B., numbering
    restarting per section, thousands separators, NIL and '-', truncated 2-decimal percentages, a
    JUMLAH / TOTAL row, two real inconsistencies, a long row split by the page break."""
    header = [
        [Cell("Bil / No.", rowspan=2), Cell("Perkhidmatan / Service", rowspan=2),
         Cell("Standard", rowspan=2), Cell("Jumlah Diterima / Total Received", rowspan=2),
         Cell("Menepati / Fulfilled", colspan=2), Cell("Tidak Menepati / Exceeded", colspan=2),
         Cell("Catatan / Remarks", rowspan=2)],
        [Cell("Bil"), Cell("%"), Cell("Bil"), Cell("%")],
    ]
    p = period("Julai - Disember 2024", date(2024, 7, 1), date(2024, 12, 31))
    sections = ["A. UNIT PENDAFTARAN / REGISTRATION", "B. UNIT HASIL / REVENUE", "C. UNIT PEMBANGUNAN TANAH"]
    body, expected, k = [], [], 0
    totals = [0, 0, 0]
    for s, section in enumerate(sections):
        body.append([Cell(f"<b>{section}</b>", colspan=8)])
        for i in range(14):
            service, standard, parsed = SERVICES[(s * 5 + i) % len(SERVICES)]
            pledge = f"{service} / {service.split()[0]} service {s + 1}.{i + 1}"
            if s == 1 and i == 13:
                pledge = LONG_PLEDGE
            total = [1270, 107, 52, 0, 3456, 18, 240, 9, 1000, 75][k % 10] + (k * 7) % 13
            missed = [20, 1, 3, 0, 0, 2, 11, 0, 1, 4][k % 10] if total else 0
            met = total - missed
            met_pct, missed_pct = (_trunc(met, total), _trunc(missed, total)) if total else (None, None)
            stated_total, stated_met_pct = total, met_pct
            remarks = ""
            if (s, i) == (0, 1):  # 106 of 107 printed as 100%: an error
                met, missed, total = 106, 1, 107
                met_pct, missed_pct = 99.06, 0.93
                stated_met_pct = 100.0
                stated_total = total
            if (s, i) == (1, 2):  # met + missed != total
                stated_total = met + missed + 1
            if missed:
                remarks = "Kekurangan kakitangan / staff shortage"
            cells = [f"{i + 1}.", pledge, standard, _fmt_count(stated_total, k), _fmt_count(met, k),
                     f"{stated_met_pct:.2f}%" if stated_met_pct is not None else "TB",
                     _fmt_count(missed, k + 1),
                     f"{missed_pct:.2f}%" if missed_pct is not None else "TB", remarks]
            body.append([Cell(c) for c in cells])
            expected.append(expect(
                section=section, item_no=str(i + 1), pledge=pledge, standard_value=float(parsed[0]),
                standard_unit=parsed[1], standard_working_days=parsed[2], met=met, met_pct=stated_met_pct,
                missed=missed, missed_pct=missed_pct, total=stated_total, **p))
            totals = [totals[0] + stated_total, totals[1] + met, totals[2] + missed]
            k += 1
    body.append([Cell("<b>JUMLAH / TOTAL</b>", colspan=3), Cell(f"{totals[0]:,}"), Cell(f"{totals[1]:,}"),
                 Cell(f"{_trunc(totals[1], totals[0]):.2f}%"), Cell(f"{totals[2]:,}"),
                 Cell(f"{_trunc(totals[2], totals[0]):.2f}%"), Cell("")])
    expected.append(expect(section=sections[-1], pledge="JUMLAH / TOTAL", is_total=True, total=totals[0],
                           met=totals[1], met_pct=_trunc(totals[1], totals[0]), missed=totals[2],
                           missed_pct=_trunc(totals[2], totals[0]), **p))
    title = ["PEJABAT DAERAH DAN TANAH CONTOH", "LAPORAN PENCAPAIAN PIAGAM PELANGGAN / CLIENT CHARTER ACHIEVEMENT",
             "BAGI TEMPOH Julai - Disember 2024"]
    table = TableSpec(header, body, [0.7, 4.2, 1.4, 1.3, 1, 1.2, 1, 1.2, 2])
    return Report("005_counts_bilingual", title, [], [table], expected, landscape=False,
                  pdf_styles=("ruled", "unruled"), layout="counts")


MONTHS = ["JAN", "FEB", "MAC/MAR", "APR", "MEI", "JUN", "JUL", "OGOS/AUG", "SEP", "OKT/OCT", "NOV", "DIS/DEC"]


def monthly_matrix() -> Report:
    """One column per month, Malay and English names mixed, months not yet reported blank, a
    division column filled once per group, fractions "45/50 90%" beside plain percentages."""
    header = [[Cell("BAHAGIAN"), Cell("BIL"), Cell("PIAGAM PELANGGAN"), Cell("SASARAN (%)")]
              + [Cell(m) for m in MONTHS]]
    groups = [("BAHAGIAN KHIDMAT PENGURUSAN", 3), ("BAHAGIAN KEWANGAN", 2)]
    body, expected, n = [], [], 0
    for section, size in groups:
        for i in range(size):
            service, standard, parsed = SERVICES[n]
            pledge = f"{service} dalam tempoh {standard}"
            target = [100, 90, 95, 80, 100][n]
            cells = []
            for month in range(12):
                if month >= 9:
                    cells.append("")  # not yet reported
                elif (n, month) == (1, 4):
                    cells.append("45/50 90%")
                else:
                    value = [100, 98.5, 92, 100, 87.25][(n + month) % 5]
                    cells.append(f"{value:g}%")
            first = [Cell(section, rowspan=size)] if i == 0 else []
            body.append(first + [Cell(f"{n + 1}."), Cell(pledge), Cell(f"{target}%")] + [Cell(c) for c in cells])
            for month, cell in enumerate(cells):
                if not cell:
                    continue  # a month not reported yet gives no row
                row = dict(section=section, item_no=str(n + 1), pledge=pledge, standard_value=float(parsed[0]),
                           standard_unit=parsed[1], standard_working_days=parsed[2], target_pct=float(target),
                           **months(f"{MONTHS[month]} 2024", 2024, month + 1, month + 1))
                if cell == "45/50 90%":
                    row.update(met=45, total=50, met_pct=90.0)
                elif cell:
                    row.update(achievement_pct=float(cell.rstrip("%")))
                expected.append(expect(**row))
            n += 1
    title = ["PENCAPAIAN PIAGAM PELANGGAN BAGI TAHUN 2024", "MAJLIS PERBANDARAN CONTOH"]
    table = TableSpec(header, body, [2, 0.5, 4.5, 1] + [0.8] * 12)
    return Report("006_monthly_matrix", title, [], [table], expected, layout="monthly matrix")


QUARTERS = ["Sukuan 1 (Jan-Mac)", "Sukuan 2 (Apr-Jun)", "Sukuan 3 (Jul-Sep)", "Sukuan 4 (Okt-Dis)"]


def quarterly_matrix() -> Report:
    """One column per quarter holding met/total fractions, sub-items a) b) under numbered items."""
    header = [[Cell("No."), Cell("Perkhidmatan"), Cell("Tempoh")] + [Cell(q) for q in QUARTERS]]
    items = [("1", "Pengurusan aduan kerosakan:", None), ("1a", "a) Kerosakan kecemasan", 0),
             ("1b", "b) Kerosakan kecil", 1), ("2", "Pembayaran bil dan invois pembekal", 2),
             ("3", "Pengeluaran permit", 5)]
    body, expected = [], []
    for item, text, service in items:
        if service is None:
            body.append([Cell(item + "."), Cell(text), Cell("")] + [Cell("") for _ in QUARTERS])
            # no figure in any quarter: the pledge once, for the report's year
            expected.append(expect(item_no=item, pledge=text, **months("TAHUN 2023", 2023, 1, 12)))
            continue
        _, standard, parsed = SERVICES[service]
        cells = []
        for q in range(4):
            total = 40 + 10 * q + service
            met = total - (q + service) % 3
            cells.append(f"{met}/{total}")
        number = item + "." if item.isdigit() else ""
        body.append([Cell(number), Cell(text), Cell(standard)] + [Cell(c) for c in cells])
        for q, (cell, label) in enumerate(zip(cells, QUARTERS)):
            met, total = map(int, cell.split("/"))
            expected.append(expect(item_no=item, pledge=re.sub(r"^[a-z]\)\s*", "", text),
                                   standard_value=float(parsed[0]), standard_unit=parsed[1],
                                   standard_working_days=parsed[2], met=met, total=total,
                                   **months(f"{label} 2023", 2023, 3 * q + 1, 3 * q + 3)))
    title = ["LAPORAN PENCAPAIAN PIAGAM PELANGGAN TAHUN 2023", "HOSPITAL DAERAH CONTOH"]
    return Report("007_quarterly_matrix", title, [], [TableSpec(header, body, [0.6, 4, 1.5, 1.3, 1.3, 1.3, 1.3])],
                  expected, landscape=False, layout="quarterly matrix")


def time_buckets() -> Report:
    """Time buckets: met within the target week, missed by one week or by two; Malay number
    words in count cells; reasons for a miss; headings as spanning rows."""
    header = [[Cell("Bil"), Cell("Jenis Permohonan"), Cell("Tempoh"), Cell("Jumlah Permohonan"),
               Cell("Menepati sasaran 1 minggu"), Cell("Melebihi 1 minggu"), Cell("Melebihi 2 minggu"),
               Cell("Sebab tidak menepati")]]
    p = period("Sehingga 30 Jun 2024", date(2024, 1, 1), date(2024, 6, 30))
    rows = [("UNIT LESEN", [("Lesen perniagaan baharu", 120, 110, 7, 3), ("Pembaharuan lesen", 340, 340, 0, 0)]),
            ("UNIT BANGUNAN", [("Kelulusan pelan bangunan", 14, 10, 3, 1), ("Sijil layak menduduki", 9, 9, 0, 0)])]
    body, expected = [], []
    words = {14: "empat belas (14)", 9: "sembilan (9)", 10: "sepuluh (10)", 3: "tiga (3)", 1: "satu (1)"}
    for section, services in rows:
        body.append([Cell(f"<b>{section}</b>", colspan=8)])
        for n, (name, total, met, late1, late2) in enumerate(services, start=1):
            fmt = (lambda v: words.get(v, str(v))) if section == "UNIT BANGUNAN" else str  # noqa: E731
            cells = [f"{n})", name, "1 minggu", fmt(total), fmt(met), fmt(late1) if late1 else "Tiada",
                     fmt(late2) if late2 else "Tiada", "Dokumen tidak lengkap" if late1 else ""]
            body.append([Cell(c) for c in cells])
            expected.append(expect(section=section, item_no=str(n), pledge=name, standard_value=1.0,
                                   standard_unit="week", standard_working_days=False, total=total, met=met,
                                   missed=None, **p))  # late buckets: no one missed count is printed
    title = ["PENCAPAIAN PIAGAM PELANGGAN", "JABATAN PERLESENAN DAN BANGUNAN, Sehingga 30 Jun 2024"]
    return Report("008_time_buckets", title, [], [TableSpec(header, body, [0.5, 3, 1, 1.2, 1.3, 1.2, 1.2, 2])],
                  expected, landscape=False, layout="time buckets")


def numerator_denominator() -> Report:
    """English Numerator / Denominator headers with a bare "Peratus (%)" column, numbering in
    "1)" and "1.1" styles with "a." sub-items, counts with unit words, percentages printed
    "100 %" or without the sign, bilingual pledge cells (Malay, then English on its own line),
    no section headings, and the overall result as a sentence spanning the table."""
    header = [[Cell("No."), Cell("Perkhidmatan / Service"),
               Cell("Bilangan diselesaikan dalam tempoh (Numerator)"),
               Cell("Jumlah diterima (Denominator)"), Cell("Peratus (%)")]]
    items = [("1)", "1", "Kelulusan permit kerja sementara", "Approval of temporary work permits", "25 aduan", 25, 25,
              "25 aduan", "100 %"),
             ("2)", "2", "Pengeluaran sijil pendaftaran", "Issuance of registration certificates", "141 stesen", 141, 150,
              "150 stesen", "94.00"),
             ("a.", "2a", "Sijil baharu", "New certificates", "90", 90, 92, "92", "97.82 %"),
             ("b.", "2b", "Sijil ganti", "Replacement certificates", "51", 51, 58, "58", "87.93"),
             ("3.1", "3.1", "Bayaran balik deposit", "Refund of deposits", "Bil Resit 1,204", 1204, 1210,
              "Bil Resit 1,210", "99.50%")]
    body, expected = [], []
    p = months("BULAN 8 TAHUN 2024", 2024, 8, 8)
    for number, item, malay, english, met_cell, met, total, total_cell, pct_cell in items:
        body.append([Cell(number), Cell(f"{malay}<br/><i>{english}</i>"), Cell(met_cell), Cell(total_cell),
                     Cell(pct_cell)])
        expected.append(expect(item_no=item, pledge=f"{malay} {english}", met=met, total=total,
                               met_pct=float(pct_cell.replace("%", "").strip()), **p))
    body.append([Cell("<b>PERATUS PENCAPAIAN KESELURUHAN IALAH - 98%</b>", colspan=5)])
    expected.append(expect(pledge="PERATUS PENCAPAIAN KESELURUHAN IALAH - 98%", is_total=True, met_pct=98.0, **p))
    title = ["PENCAPAIAN PIAGAM PELANGGAN BULAN 8 TAHUN 2024", "LEMBAGA CONTOH NEGERI"]
    return Report("009_numerator_denominator", title, [],
                  [TableSpec(header, body, [0.6, 5, 2, 2, 1.2])], expected, landscape=False,
                  pdf_styles=("ruled", "unruled"), layout="counts")


def counts_styles() -> Report:
    """Counts in the other printed styles: the total first headed "Jumlah Keseluruhan", "Aduan
    Selesai | Belum Selesai", a lone "Pencapaian (%)" that is the share met, the reasons headed
    "Sebab Tidak Menepati"; thousands grouped by dots ("12.480") and spaces ("1 204"); "-",
    "Tiada" and "0" for none beside blank and "TB" for not published; Roman-numbered sections
    and "i)" sub-items; a JUMLAH per section and a JUMLAH BESAR; the quarter as "Suku Tahun
    Pertama"."""
    header = [[Cell("Bil."), Cell("Perkhidmatan"), Cell("Tempoh"), Cell("Jumlah Keseluruhan"),
               Cell("Aduan Selesai"), Cell("Belum Selesai"), Cell("Pencapaian (%)"), Cell("Sebab Tidak Menepati")]]
    p = months("SUKU TAHUN PERTAMA 2024", 2024, 1, 3)
    # section, number, item, pledge, standard cell, (value, unit, working), total, met, missed, %, reason
    rows = [
        ("I. BAHAGIAN PERKHIDMATAN BANDAR", [
            ("1.", "1", "Kutipan sisa pepejal domestik", "3 kali seminggu", (3, "week", False),
             ("12.480", 12480), ("12.476", 12476), ("4", 4), "99.96", "Lori rosak"),
            ("2.", "2", "Penyelenggaraan lampu jalan:", "", None, ("", None), ("", None), ("", None), "", ""),
            ("i)", "2i", "Lampu padam", "3 hari bekerja", (3, "day", True),
             ("1 204", 1204), ("1 198", 1198), ("6", 6), "99.50", "Alat ganti lewat"),
            ("ii)", "2ii", "Tiang lampu rosak", "14 hari bekerja", (14, "day", True),
             ("Tiada", 0), ("-", 0), ("0", 0), "", ""),
            ("3.", "3", "Permohonan lesen penjaja", "7 hari bekerja", (7, "day", True),
             ("340", 340), ("325", 325), ("15", 15), "95.58", "Dokumen tidak lengkap"),
            ("4.", "4", "Aduan awam melalui i-Aduan", "15 hari bekerja", (15, "day", True),
             ("TB", None), ("", None), ("", None), "", ""),
        ]),
        ("II. BAHAGIAN PERANCANGAN", [
            ("1.", "1", "Kelulusan pelan bangunan", "30 hari bekerja", (30, "day", True),
             ("1.050", 1050), ("1.000", 1000), ("50", 50), "95.24", "Ulasan agensi teknikal lewat"),
        ]),
    ]
    body, expected, grand = [], [], [0, 0, 0]
    for section, services in rows:
        body.append([Cell(f"<b>{section}</b>", colspan=8)])
        sums = [0, 0, 0]
        for number, item, pledge, standard, parsed, total, met, missed, pct, reason in services:
            body.append([Cell(c) for c in (number, pledge, standard, total[0], met[0], missed[0], pct, reason)])
            expected.append(expect(
                section=section, item_no=item, pledge=pledge, total=total[1], met=met[1], missed=missed[1],
                met_pct=float(pct) if pct else None, standard_value=float(parsed[0]) if parsed else None,
                standard_unit=parsed[1] if parsed else None, standard_working_days=parsed[2] if parsed else None,
                **p))
            sums = [a + (b or 0) for a, b in zip(sums, (total[1], met[1], missed[1]))]
        share = _trunc(sums[1], sums[0])
        body.append([Cell("<b>JUMLAH</b>", colspan=3)] + [Cell(f"<b>{v:,}</b>".replace(",", ".")) for v in sums]
                    + [Cell(f"<b>{share:.2f}</b>"), Cell("")])
        expected.append(expect(section=section, pledge="JUMLAH", is_total=True, total=sums[0], met=sums[1],
                               missed=sums[2], met_pct=share, **p))
        grand = [a + b for a, b in zip(grand, sums)]
    share = _trunc(grand[1], grand[0])
    body.append([Cell("<b>JUMLAH BESAR</b>", colspan=3)] + [Cell(f"<b>{v:,}</b>".replace(",", ".")) for v in grand]
                + [Cell(f"<b>{share:.2f}</b>"), Cell("")])
    expected.append(expect(section=rows[-1][0], pledge="JUMLAH BESAR", is_total=True, total=grand[0], met=grand[1],
                           missed=grand[2], met_pct=share, **p))
    title = ["LAPORAN PENCAPAIAN PIAGAM PELANGGAN", "MAJLIS BANDARAYA CONTOH", "SUKU TAHUN PERTAMA 2024"]
    table = TableSpec(header, body, [0.6, 4, 1.5, 1.3, 1.2, 1.2, 1.2, 2.4])
    return Report("010_counts_styles", title, [], [table], expected, landscape=False,
                  pdf_styles=("ruled", "unruled"), layout="counts")


def all_reports() -> list[Report]:
    """Every sample report."""
    return [charter(), counts(), percentages(), narrative(), programmes(), counts_bilingual(), monthly_matrix(),
            quarterly_matrix(), time_buckets(), numerator_denominator(), counts_styles(),
            monthly_groups(), quarter_groups(), counts_prompts()]


# ------------------------------------------------------------------ 011-013: layouts seen on real pages
# The shapes of real agency tables; the agencies, pledges, figures and notes are invented.

MONTHS_011 = [("Jan.", 1), ("Feb", 2), ("Mac", 3), ("APRIL", 4)]


def monthly_groups() -> Report:
    """Month columns under a group header ("PRESTASI / PERFORMANCE (%)", "PERFORMANCE"), months
    not yet reported blank, "16/16 100%" cells, a "PURATA / AVERAGE (%)" column that is the
    average of the months reported (a row for their whole span, not a figure of each month),
    a Malay pledge with its English after it (its first duration the standard), English
    standards ("within five (5) working days", "Twenty-Eight (28) Working Days", "eighteen
    working days"), a second table with lettered items under spanning headings and a remarks
    column whose header names the charter (a second pledge column: remarks)."""
    year, body, expected = 2021, [], []
    header = [[Cell("Bil/ No", rowspan=2), Cell("JANJI PERKHIDMATAN / SERVICE PLEDGE", rowspan=2),
               Cell("PRESTASI / PERFORMANCE (%)", colspan=4), Cell("PURATA / AVERAGE (%)", rowspan=2)],
              [Cell(m) for m, _ in MONTHS_011]]
    # item, pledge, (value, unit, working), month cells, average
    items = [
        ("1", "Mengesahkan tempahan ruang tambatan bot dalam masa 48 jam dan mengeluarkan invois dalam tempoh "
              "2 hari bekerja; Confirm mooring bookings within 48 hours", (48, "hour", False), ["100", "98", "", ""], "99"),
        ("2", "Memulangkan wang cagaran kunci gudang dalam tempoh 5 hari bekerja; Return warehouse key deposits "
              "within 5 working days", (5, "day", True), ["41", "58", "", ""], "49.5"),
        ("3", "Inspect cargo cranes reported faulty within five (5) working days", (5, "day", True),
         ["16/16 100%", "33/35 94%", "40/41 98%", ""], "97.33%"),
        ("4", "Approve annual berth passes within Twenty-Eight (28) Working Days", (28, "day", True),
         ["100%", "85%", "30%", ""], "71.67%"),
        ("5", "Publish tide-gauge readings requested by fishermen within eighteen working days", (18, "day", True),
         ["90", "", "", ""], ""),
    ]
    for item, pledge, standard, cells, average in items:
        body.append([Cell(item), Cell(pledge)] + [Cell(c) for c in cells] + [Cell(average)])
        base = dict(item_no=item, pledge=pledge, standard_value=float(standard[0]), standard_unit=standard[1],
                    standard_working_days=standard[2])
        for (label, month), cell in zip(MONTHS_011, cells):
            if cell:  # a month not reported yet gives no row
                expected.append(expect(**base, **_period_cell(cell), **months(f"{label} {year}", year, month, month)))
        if average:
            expected.append(expect(**base, **_period_cell(average), is_total=True,  # the months' average
                                   **months(f"PURATA / AVERAGE (%) {year}", year, 1, 4)))
    first = TableSpec(header, body, [0.6, 5, 1, 1, 1, 1, 1.3])
    header = [[Cell("PLEDGE TO HARBOUR USERS", rowspan=2), Cell("PERFORMANCE", colspan=4),
               Cell("WHERE THE CHARTER WAS NOT KEPT (IF ANY)", rowspan=2)],
              [Cell(m) for m in ("JAN", "FEB", "MAC", "APRIL")]]
    sections = [("1. HANDLING OF HARBOUR USERS' FEEDBACK", [
        ("a", "Confirm that a feedback form has been logged within 48 hours of its submission.", (48, "hour", False),
         ["100", "100", "100", ""], ""),
        ("b", "Send a written outcome on each feedback form within 10 working days of logging it.",
         (10, "day", True), ["100", "90", "100", ""], "Pegawai kes berkursus sepanjang Februari")]),
        ("2. JETTY HALL BOOKINGS", [
            ("a", "Confirm jetty hall bookings within ten (10) days of a completed form.", (10, "day", False),
             ["100", "100", "", ""], "")])]
    body = []
    for section, rows in sections:
        body.append([Cell(section, colspan=6)])
        for item, pledge, standard, cells, remark in rows:
            body.append([Cell(f"{item}. {pledge}")] + [Cell(c) for c in cells] + [Cell(remark)])
            for (label, month), cell in zip(zip(("JAN", "FEB", "MAC", "APRIL"), range(1, 5)), cells):
                if not cell:
                    continue
                expected.append(expect(section=section, item_no=item, pledge=pledge, standard_value=float(standard[0]),
                                       standard_unit=standard[1], standard_working_days=standard[2],
                                       **_period_cell(cell), **months(f"{label} {year}", year, month, month)))
    second = TableSpec(header, body, [5.5, 1, 1, 1, 1, 2.5])
    title = [f"Prestasi Janji Perkhidmatan Lembaga Pelabuhan Kuala Contoh Tahun {year}"]
    return Report("011_monthly_groups", title, ["(Hanya janji yang boleh diukur dilaporkan di sini)"],
                  [first, second], expected, landscape=False, pdf_styles=("ruled", "unruled"),
                  layout="monthly matrix")


def _period_cell(cell: str) -> dict:
    """The figures one period cell gives: 'met/total pct%' or a percentage; nothing when blank."""
    m = re.fullmatch(r"(\d+)/(\d+) (\d+)%", cell)
    if m:
        return dict(met=int(m.group(1)), total=int(m.group(2)), met_pct=float(m.group(3)))
    return dict(achievement_pct=float(cell.rstrip("%"))) if cell else {}


def quarter_groups() -> Report:
    """Month columns under quarter group headers ("1st Quarter" over Jan Feb Mac): each month is
    its own period; "Tiada Aduan" and a sentence ("Dua (2) aduan diterima ...") spanning a
    quarter's months are no figure, one row for the quarter with the words as its remark; "No
    complaint" in one month's cell is no figure for that month; a "PERATUSAN KESELURUHAN" row
    spanning each quarter's months is a total row per quarter."""
    year = 2022
    quarters = [("1st Quarter", ["Jan", "Feb", "Mac"]), ("2nd Quarter", ["Apr", "May", "Jun"])]
    header = [[Cell("Bil.", rowspan=2), Cell("Service Commitment", rowspan=2)]
              + [Cell(q, colspan=3) for q, _ in quarters],
              [Cell(m) for _, names in quarters for m in names]]
    # item, pledge, (value, unit, working), cells per quarter: 3 month cells, or one spanning text
    items = [
        ("2", "To replace a lost ferry season pass within one (1) Working Day.", (1, "day", True),
         [["100%", "96%", "100%"], ["100%", "100%", "0%"]]),
        ("4", "To approve the renewal of jetty kiosk leases within Fourteen (14) Working Days.", (14, "day", True),
         [["100%", "93%", "100%"], ["88%", "40%", "0%"]]),
        ("7", "To answer passenger complaints within Five (5) Working Days.", (5, "day", True),
         ["Tiada Aduan", "Dua (2) aduan diterima melalui peti cadangan di jeti"]),
        ("11", "To reply to charter-boat enquiries within twenty (20) days.", (20, "day", False),
         [["No complaint", "100%", "97%"], ["100%", "TBC", ""]]),
    ]
    body, expected = [], []
    for item, pledge, standard, per_quarter in items:
        row = [Cell(item + "."), Cell(pledge)]
        base = dict(item_no=item, pledge=pledge, standard_value=float(standard[0]), standard_unit=standard[1],
                    standard_working_days=standard[2])
        for q, ((quarter, names), cells) in enumerate(zip(quarters, per_quarter)):
            if isinstance(cells, str):
                row.append(Cell(cells, colspan=3))
                expected.append(expect(**base, **months(f"{quarter} {year}", year, 3 * q + 1, 3 * q + 3)))
                continue
            row += [Cell(c) for c in cells]
            for k, (name, cell) in enumerate(zip(names, cells)):
                if cell in ("", "TBC"):  # not published: no row
                    continue
                figures = _period_cell(cell) if re.match(r"\d", cell) else {}
                expected.append(expect(**base, **figures, **months(f"{name} {year}", year, 3 * q + k + 1, 3 * q + k + 1)))
        body.append(row)
    totals = (98.25, 61.14)  # the mean of each quarter's printed percentages
    body.append([Cell("PERATUSAN KESELURUHAN", colspan=2)] + [Cell(f"{value}%", colspan=3) for value in totals])
    for q, ((quarter, _), value) in enumerate(zip(quarters, totals)):
        expected.append(expect(pledge="PERATUSAN KESELURUHAN", is_total=True, achievement_pct=value,
                               **months(f"{quarter} {year}", year, 3 * q + 1, 3 * q + 3)))
    title = [f"Contoh Ferry Corporation: Service Commitment Results {year}"]
    return Report("012_quarter_groups", title, ["Note: each commitment is measured quarter by quarter"],
                  [TableSpec(header, body, [0.6, 4.5] + [1] * 6)], expected, landscape=False,
                  layout="quarterly matrix")


def counts_prompts() -> Report:
    """A counts table with the form's prompt "Justifikasi jika sasaran Piagam Pelanggan tidak
    dicapai" (or its English) spanning the table after pledges, left empty (no heading, no
    pledge) or filled in (the remark of the pledge above); a narrative spanning the table after
    a pledge (its remark); item numbers glued to the text ("1)Mengeluarkan"); a range standard
    "empat (4) hingga enam (6) minggu"; "TBC" (not published); a sentence spanning a pledge's
    figure cells (no figures, its remark); and the JUMLAH row in a table of its own after the
    pledges, closing them."""
    header = [[Cell("JANJI PELANGGAN", rowspan=2), Cell("MENEPATI STANDARD PIAGAM", colspan=2),
               Cell("TIDAK MENEPATI STANDARD PIAGAM", colspan=2), Cell("JUMLAH PERKHIDMATAN", rowspan=2)],
              [Cell("BILANGAN MENEPATI"), Cell("% MENEPATI"), Cell("BILANGAN TIDAK MENEPATI"),
               Cell("% TIDAK MENEPATI")]]
    p = months("Sehingga Bulan Disember 2020", 2020, 1, 12)
    prompt = "Justifikasi jika sasaran Piagam Pelanggan tidak dicapai"
    # item, pledge, (value, unit, working), cells (met, %, missed, %, total) or one spanning text,
    # figures, the row spanning the table after it
    items = [
        ("1", "Mengeluarkan resit bayaran sewa gerai di kaunter dalam masa lima (5) minit.",
         (5, "minute", False), ["8214", "100%", "0", "0%", "8214"],
         dict(met=8214, met_pct=100.0, missed=0, missed_pct=0.0, total=8214),
         "Kaunter bayaran yang beroperasi pada 31 Disember 2020 ialah 4 daripada 5 buah (80.00 %)"),
        ("2", "Meluluskan permit papan iklan dalam tempoh empat (4) hingga enam (6) minggu selepas semua "
              "dokumen sokongan diterima.", (6, "week", False), ["57", "86%", "9", "14%", "66"],
         dict(met=57, met_pct=86.0, missed=9, missed_pct=14.0, total=66),
         prompt + ": Pelan lokasi papan iklan tidak disertakan oleh pemohon."),
        ("3", "Hari terbuka majlis dianjurkan seperti yang dijadualkan dalam kalendar tahunan.", None,
         ["TBC", "TBC", "-", "-", "TBC"], dict(missed=0, missed_pct=0.0), prompt + "."),
        ("4", "Bayaran kepada pembekal dibuat dalam tempoh sepuluh (10) hari selepas invois lengkap diterima.",
         (10, "day", False), "Akaun ditutup pada 18 Disember 2020. No achievement is reported for this month.", {},
         "Justification where the pledged time is not kept"),
        ("5", "Menghubungi pengadu dalam masa empat puluh lapan (48) jam dari waktu aduan direkodkan.",
         (48, "hour", False), ["203", "98%", "4", "2%", "207"],
         dict(met=203, met_pct=98.0, missed=4, missed_pct=2.0, total=207), prompt),
    ]
    body, expected = [], []
    for item, pledge, standard, cells, figures, after in items:
        cells_ = [Cell(cells, colspan=5)] if isinstance(cells, str) else [Cell(c) for c in cells]
        body.append([Cell(f"{item}){pledge}")] + cells_)
        body.append([Cell(after, colspan=6)])
        expected.append(expect(item_no=item, pledge=pledge, standard_value=float(standard[0]) if standard else None,
                               standard_unit=standard[1] if standard else None,
                               standard_working_days=standard[2] if standard else None, **figures, **p))
    total_header = [row[:-1] if k == 0 else row for k, row in enumerate(header)]
    total_body = [[Cell("JUMLAH"), Cell("8474"), Cell("99.8%"), Cell("13"), Cell("0.2%")]]
    expected.append(expect(pledge="JUMLAH", is_total=True, met=8474, met_pct=99.8, missed=13, missed_pct=0.2, **p))
    title = ["Laporan Pencapaian Piagam Pelanggan Majlis Perbandaran Contoh Jaya Sehingga Bulan Disember 2020"]
    return Report("013_counts_prompts", title, [], [TableSpec(header, body, [5, 1.3, 1.3, 1.3, 1.3, 1.3]),
                                                   TableSpec(total_header, total_body, [5, 1.3, 1.3, 1.3, 1.3])],
                  expected, landscape=False, layout="counts")
