"""The sample reports: each seed layout, and variants covering LAYOUTS.md, with the rows a
reader must get from them (the expected rows are the truth the tables are drawn from, or a
transcription of the seed for the seed layouts)."""

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


def _seed_tables(text: str, header_prefix: str) -> list[list[list[str]]]:
    """The tab-separated tables of a seed text: lists of rows of cells (header rows included)."""
    tables, current = [], None
    for line in text.splitlines():
        if line.startswith(header_prefix):
            current = [line.split("\t")]
            tables.append(current)
        elif current is not None and "\t" in line:
            current.append(line.split("\t"))
    return tables


# ------------------------------------------------------------------ 001: counts per division

COUNTS_HEADER = [
    [Cell("JANJI", colspan=2, rowspan=2), Cell("Menepati Tempoh Masa / Standard Piagam Pelanggan", colspan=2),
     Cell("Tidak Menepati Tempoh Masa/Standard Piagam Pelanggan", colspan=2),
     Cell("Jumlah Perkhidmatan", rowspan=2)],
    [Cell("Jumlah Menepati Standard"), Cell("% Menepati Standard"),
     Cell("Jumlah Tidak Menepati Standard"), Cell("% Tidak Menepati Standard")],
]
def seed_counts(text: str) -> Report:
    lines = text.splitlines()
    title = [plain(l.replace("*", "")) for l in lines if l.startswith("**")]
    title = [t for part in title for t in part.split("  ") if t.strip()]
    intro = [l.strip() for l in lines if l.strip() and "\t" not in l and not l.startswith(("**", "JANJI"))]
    p = period("JANUARI 2022", date(2022, 1, 1), date(2022, 1, 31))
    tables, expected, section = [], [], None
    for rows in _seed_tables(text, "JANJI"):
        body = []
        for cells in rows[2:]:
            if not any(c.strip() for c in cells):
                continue
            if all(not c.strip() for c in cells[1:]):
                body.append([Cell(cells[0], colspan=7)])
                section = plain(cells[0])
                continue
            total = "PURATA" in "".join(cells)
            figures = [c for c in cells[1:] if c.strip() and "PURATA" not in c]
            numbers = [plain(f) for f in figures[-5:]]
            row = dict(section=section, met=int(numbers[0]), met_pct=float(numbers[1].rstrip("%")),
                       missed=int(numbers[2]), missed_pct=float(numbers[3].rstrip("%")), total=int(numbers[4]), **p)
            if total:
                body.append([Cell(cells[0] or cells[1], colspan=2)] + [Cell(f) for f in figures])
                expected.append(expect(pledge="PURATA KESELURUHAN", is_total=True, **row))
            else:
                body.append([Cell(c) for c in cells[:7]])
                row = expect(item_no=cells[0].strip().rstrip("."), pledge=plain(cells[1]), **row)
                for key in ("standard_value", "standard_unit", "standard_working_days"):
                    del row[key]  # the standards of seed 001 are checked in its own test
                expected.append(row)
        tables.append(TableSpec(COUNTS_HEADER, body, [0.5, 6, 1.3, 1.3, 1.3, 1.3, 1.3]))
    return Report("001_counts", title, intro, tables, expected, layout="counts", scanned=True)


# ------------------------------------------------------------------ 002: percentages only

def seed_percentages(text: str) -> Report:
    [rows] = _seed_tables(text, "BAHAGIAN / UNIT")
    header = [[Cell(h) for h in rows[0]]]
    p = period("2023 (JULAI – DISEMBER)", date(2023, 7, 1), date(2023, 12, 31))
    groups: list[tuple[str, list[list[str]]]] = []
    for cells in rows[1:]:
        if not any(c.strip() for c in cells):
            continue
        cells = cells + [""] * (5 - len(cells))
        if cells[0].strip():
            groups.append((cells[0].strip(), []))
        groups[-1][1].append(cells)
    body, expected = [], []
    units = {"Hari": "day", "Jam": "hour", "Tahun": "year"}
    for section, group in groups:
        for k, cells in enumerate(group):
            first = [Cell(section, rowspan=len(group))] if k == 0 else []
            body.append(first + [Cell(c) for c in cells[1:5]])
            text_ = plain(cells[1])
            m = re.match(r"(\d+)\.\s+(.*)", text_)
            several = len(re.findall(r"(?:^|\s)\d\.\s", text_)) > 1
            item, pledge = (m.group(1), m.group(2)) if m and not several else (None, text_)
            s = re.match(r"(\d+) (Hari|Jam|Tahun)( Bekerja)?", cells[2].strip())
            pct = lambda c: float(re.match(r"\d+", c.strip()).group(0)) if c.strip() else None  # noqa: E731
            expected.append(expect(section=section, item_no=item, pledge=pledge,
                                   standard_value=float(s.group(1)) if s else None,
                                   standard_unit=units[s.group(2)] if s else None,
                                   standard_working_days=bool(s.group(3)) if s and s.group(2) == "Hari" else (False if s else None),
                                   target_pct=pct(cells[3]), achievement_pct=pct(cells[4]), **p))
    title = ["PENCAPAIAN PIAGAM PELANGGAN MAJLIS DAERAH PUTATAN BAGI TAHUN 2023 (JULAI – DISEMBER)"]
    table = TableSpec(header, body, [1.6, 5, 1.3, 1.3, 1.5])
    return Report("002_percentages", title, [], [table], expected, landscape=False,
                  pdf_styles=("ruled", "unruled"), layout="percentages")


# ------------------------------------------------------------------ 003: narrative

NARRATIVE_003 = [  # item, standard (value, unit, working), achievement %, total, cumulative, responsible
    ("1", (90, "day", True), 0, 0, 6, "UPEN"),
    ("2", (14, "day", True), 0, 0, 2, "UPEN"),
    ("3", None, None, None, None, "BKP"),
    ("3a", (7, "day", False), 100, 15, 207, "BKP"),
    ("3b", (21, "day", True), 100, 7, 143, "BKP"),
    ("3c", (90, "day", False), 100, 4, 34, "BKP"),
    ("4", (10, "day", False), 100, 404, 3544, "BKP"),
    ("5", (21, "day", False), 100, 16, 1154, "BKP"),
    ("6", (14, "day", False), 100, None, None, "DN & MMK"),
    ("7", (2, "day", True), 100, 5, 35, "DN & MMK"),
    ("8", (15, "day", False), 100, 19, 223, "BPSM"),
    ("9", (15, "day", False), 100, 67, 184, "BPSM"),
    ("10", (15, "day", False), 100, 2, 9, "BPSM"),
    ("11", (7, "day", True), 100, 107, 920, "BPSM"),
    ("12", (9, "day", True), 0, None, 17, "BKT"),
    ("13", (3, "day", True), 0, None, None, "BKT"),
    ("14", (3, "day", True), 100, 4, 49, "BK"),
    ("15", None, None, None, None, "BK"),
    (None, (14, "day", True), None, None, None, "BK"),
    (None, (365, "day", False), None, None, None, "BK"),
    ("16", (1, "month", False), 100, None, 10, "BK"),
    ("17", None, 100, None, 3, "BAD"),
    ("18", None, None, None, None, "BPM"),
    ("18a", (15, "day", True), 100, 68, None, "BPM"),
    ("18b", (30, "day", True), None, None, None, "BPM"),
    ("18c", (80, "day", True), None, None, None, "BPM"),
    ("19", None, None, None, None, "BPM"),
    ("19a", (1, "day", True), 100, 54, 286, "BPM"),
    ("19b", (2, "day", True), None, None, None, "BPM"),
    ("20", (14, "day", True), 100, None, 80, "INTEGRITI"),  # its 80 is stated for 1 Jan - 30 Nov: to date
]


def seed_narrative(text: str) -> Report:
    tables = _seed_tables(text, "BIL\t")
    header = [[Cell(h) for h in tables[0][0]]]
    p = period("SEHINGGA NOVEMBER TAHUN 2023", date(2023, 1, 1), date(2023, 11, 30))
    specs, expected, truth = [], [], iter(NARRATIVE_003)
    for rows in tables:
        body = []
        for cells in rows[1:]:
            if not any(c.strip() for c in cells):
                continue
            cells = [_lists(c) for c in cells + [""] * (7 - len(cells))]
            if all(not c.strip() for c in cells[1:]):
                body.append([Cell(cells[0], colspan=7)])  # a note spanning the table
                continue
            body.append([Cell(c) for c in cells[:7]])
            item, standard, achieved, total, cumulative, responsible = next(truth)
            pledge = plain(cells[1])
            pledge = re.sub(r"^[a-z]\)\s*", "", pledge)
            # "100% 15 aduan": 15 met, 100% of the period's cases; a percentage alone is an achievement
            counted = total is not None and achieved is not None
            target = stated.group(1) if (stated := re.search(r"(\d+)% aduan", plain(cells[1]))) else None
            expected.append(expect(
                item_no=item, pledge=pledge, target_pct=float(target) if target else None,  # "90% aduan ... hendaklah"
                achievement_pct=None if counted else achieved, total=total,
                met=total * achieved // 100 if counted else None, met_pct=achieved if counted else None,
                cumulative=cumulative,
                responsible=responsible, standard_value=standard[0] if standard else None,
                standard_unit=standard[1] if standard else None,
                standard_working_days=standard[2] if standard else None, **p))
        specs.append(TableSpec(header, body, [0.5, 3, 1.3, 4, 1.5, 1.7, 1]))
    title = ["LAPORAN PENCAPAIAN PIAGAM PELANGGAN PEJABAT SETIAUSAHA KERAJAAN NEGERI PERAK",
             "SEHINGGA NOVEMBER TAHUN 2023"]
    # the PDF prints it as one table with its header repeated on every page
    merged = TableSpec(header, [row for spec in specs for row in spec.body], specs[0].widths)
    report = Report("003_narrative", title, [], [merged], expected, layout="narrative")
    report.html_tables = specs
    return report


def _lists(cell: str) -> str:
    """The seed's inline <ul> fragments as list items a browser and a PDF both show."""
    if "<ul" not in cell:
        return cell
    head, _, rest = cell.partition("<ul")
    rest = re.sub(r"^[^>]*>", "", rest)
    items = [i.strip() for i in re.split(r"\s{2,}|(?<=\))\s+(?=[A-Z])|\s+(?=[a-c]\)\s)", rest) if i.strip()]
    return (head.strip() + " " if head.strip() else "") + "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


# ------------------------------------------------------------------ 000: charter only

COMPLAINTS_000 = [  # item, standard (value, unit, working) of the numbered complaint pledges
    ("1", "Aduan akan diakui penerimaannya dalam tempoh 1 hari bekerja.", (1, "day", True)),
    ("2", "Aduan akan diselesaikan dalam tempoh 15 hari bekerja dari tarikh aduan diterima.", (15, "day", True)),
    ("3", "Aduan yang memerlukan siasatan lanjut akan diselesaikan dalam tempoh tidak melebihi 3 bulan.",
     (3, "month", False)),
    ("4", "Pengadu akan dimaklumkan status aduan setiap 2 minggu.", (2, "week", False)),
    ("5", "Aduan boleh dibuat melalui talian 09-778 1234 atau emel ptjb@kelantan.gov.my.", None),
]


def _ul(items: list[str], tag: str = "ul") -> str:
    return f"<{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>"


def seed_charter(text: str) -> Report:
    """The seed's units, its one table, its bulleted complaint pledges and its finance pledge as a
    paragraph under a heading (the pledges printed outside any table), with text that names
    times but pledges nothing (vision, links, address); and a numbered complaint charter."""
    units = re.findall(r"^(UNIT [A-Z &]+)\s*$", text, re.M)
    intro = []
    for unit in units:
        intro.append(f"<b>{unit.strip()}</b>")
        intro.append("Kami berusaha memberi perkhidmatan yang baik kepada orang ramai.")
    table = TableSpec([[Cell("BIL"), Cell("PERKARA"), Cell("TEMPOH MASA")]],
                      [[Cell("1."), Cell("Permohonan tuntutan Pesaka Kecil dari tarikh permohonan diterima"),
                        Cell("6 Bulan")]], [0.6, 6, 1.5])
    expected = [expect(section="UNIT PESAKA KECIL", item_no="1",
                       pledge="Permohonan tuntutan Pesaka Kecil dari tarikh permohonan diterima",
                       standard_value=6.0, standard_unit="month", standard_working_days=False)]
    complaints = text[text.index("PENGURUSAN ADUAN DAN MAKLUMBALAS"):text.index("TATACARA KEWANGAN")]
    bullets = [b.strip() for b in re.findall(r"^ • (.+)$", complaints, re.M)]
    finance = re.search(r"^(Memastikan bayaran bil.+)$", text, re.M).group(1).strip()
    links = [b.strip() for b in re.findall(r"^ • (.+)$", text[text.index(finance):], re.M)][:5]
    outro = ["<b>UNIT PENGUATKUASAAN &amp; TEKNIKAL</b>",
             "Kami berusaha memberi perkhidmatan yang baik kepada orang ramai.",
             _ul(["Menjanjikan perkhidmatan yang berkualiti dan efisyen."]),
             "<b>PENGURUSAN ADUAN DAN MAKLUMBALAS</b>", _ul(bullets),
             "<b>TATACARA KEWANGAN</b>", finance,
             "<b>PIAGAM ADUAN AWAM</b>", _ul([c[1] for c in COMPLAINTS_000], "ol"),
             "<b>VISI</b>", "Menjadi pejabat tanah yang cemerlang di Kelantan dalam tempoh 5 tahun.",
             _ul(links), "Alamat: Pejabat Tanah Jajahan Bachok, 16300 Bachok, Kelantan. Dibuka 8 jam sehari."]
    for bullet, standard in zip(bullets, [(3, "day", True), (7, "day", True), (7, "day", True)]):
        expected.append(expect(section="PENGURUSAN ADUAN DAN MAKLUMBALAS", pledge=plain(bullet),
                               standard_value=float(standard[0]), standard_unit=standard[1],
                               standard_working_days=standard[2]))
    expected.append(expect(section="TATACARA KEWANGAN", pledge=finance, standard_value=14.0, standard_unit="day",
                           standard_working_days=False))
    for item, pledge, standard in COMPLAINTS_000:
        if standard:
            expected.append(expect(section="PIAGAM ADUAN AWAM", item_no=item, pledge=pledge,
                                   standard_value=float(standard[0]), standard_unit=standard[1],
                                   standard_working_days=standard[2]))
    report = Report("000_charter", ["PIAGAM PELANGGAN"], intro[: 2 * units.index("UNIT PESAKA KECIL") + 2],
                    [table], expected, landscape=False, layout="charter", outro=outro)
    return report


# ------------------------------------------------------------------ 004: programme matrix

PROGRAMMES_004 = [
    ("Kemudahan untuk OKU, warga emas dan ibu mengandung",
     "Memberi keselesaan kepada OKU, warga emas dan ibu mengandung semasa berurusan dengan JPN",
     "1. OKU<br/>2. warga emas<br/>3. ibu mengandung",
     "Menyediakan kemudahan yang sesuai untuk OKU, warga emas dan ibu mengandung", "PRO",
     "Semua pejabat mempunyai kemudahan asas untuk OKU, warga emas dan ibu mengandung menjelang tahun 2009"),
    ("Kaunter pelanggan “VIP”", "Memberi keselesaan dan kepantasan perkhidmatan",
     "1. Tetamu kenamaan,<br/>2. Tetamu yang dijemput kembali untuk berurusan semula (selaras dengan sistem "
     "pemulihan piagam pelanggan)<br/>3. Tetamu yang memerlukan perkhidmatan khas/segera dengan kebenaran Pengarah",
     "Menyediakan kaunter khas dan petugas kaunter", "Pengarah BKP/Negeri",
     "Sifar aduan dari “VIP”<br/>Bilangan surat pujian/penghargaan diterima"),
    ("Standard Layanan Perkhidmatan Kepada Tetamu",
     "Memastikan petugas kaunter membudayakan etika perkhidmatan kaunter JPN", "Petugas kaunter",
     "Buku Panduan Pengurusan Kaunter, Buku Panduan Sahsiah Diri, Buku Kod Etika dan Tatakelakuan, Panduan "
     "Semakan Borang, Notis Hak Pelanggan, Do’s And Don’ts",
     "PRO, Pengarah Bahagian /Negeri / Ketua Pejabat /Penyelia",
     "Sifar aduan<br/>Bilangan surat pujian /penghargaan diterima"),
    ("Penambahbaikan Sistem Dan Prosedur",
     "Memudahkan tetamu berurusan di kaunter<br/>Mengurangkan karenah birokrasi", "Pembina sistem, pelaksana",
     "Kemaskini (review) sistem dan prosedur yang ada", "KICT dan Pengarah Bahagian Urus Niaga Utama",
     "Peratusan pencapaian cemerlang dalam borang maklumbalas pelanggan"),
    ("Penyeragaman Kefahaman Peraturan-peraturan",
     "Mewujudkan keseragaman kefahaman peraturan oleh anggota", "Pegawai/Penyelia", "", "Pegawai/Penyelia",
     "Standard perkhidmatan yang diterima oleh pelanggan adalah seragam"),
]


def seed_programmes(text: str) -> Report:
    assert "PROGRAM" in text and "INDIKATOR PENCAPAIAN" in text
    header = [[Cell(h) for h in ("PROGRAM", "MATLAMAT", "SASARAN", "TINDAKAN", "TANGGUNGJAWAB",
                                 "INDIKATOR PENCAPAIAN")]]
    body = [[Cell(c) for c in row] for row in PROGRAMMES_004]
    expected = [expect(pledge=plain(row[0]), responsible=plain(row[4])) for row in PROGRAMMES_004]
    intro = ["Pejabat Perkhidmatan Pelanggan", "\"Kepuasan Hati Pelanggan Keutamaan Kami\""]
    return Report("004_programmes", ["JABATAN PENDAFTARAN NEGARA: PIAGAM PELANGGAN"], intro,
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


def all_reports(seed) -> list[Report]:
    """Every sample report; `seed(prefix)` gives a seed's text."""
    return [seed_charter(seed("000")), seed_counts(seed("001")), seed_percentages(seed("002")),
            seed_narrative(seed("003")), seed_programmes(seed("004")), counts_bilingual(), monthly_matrix(),
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
