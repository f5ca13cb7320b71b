"""`cumulative_decrease` over every version in the dataset: monthly reports whose year-to-date
column ("Kumulatif", as in sample 003) goes down from one month to the next are found, with the
earlier document as evidence; a new year starts again; a month published twice is compared at
the highest cumulative either version printed."""

from __future__ import annotations


from piagam.flows.cli import main
from piagam.schema.catalog import connect


def report(month: str, year: int, rows: list[tuple[str, int, int, int]]) -> str:
    body = "".join(f"<tr><td>{i}.</td><td>{text}</td><td>7 hari bekerja</td><td>{met}</td><td>{missed}</td>"
                   f"<td>{met + missed}</td><td>{cumulative}</td></tr>"
                   for i, (text, met, missed, cumulative) in enumerate(rows, 1))
    return f"""<html><head><title>Pencapaian Piagam Pelanggan {month} {year}</title></head><body>
<h2>LAPORAN PENCAPAIAN PIAGAM PELANGGAN BAGI BULAN {month} {year}</h2>
<table border="1"><tr><th>Bil</th><th>Piagam Pelanggan</th><th>Standard</th><th>Jumlah Menepati Standard</th>
<th>Jumlah Tidak Menepati Standard</th><th>Jumlah</th><th>Kumulatif</th></tr>
<tr><td colspan="7">BAHAGIAN KHIDMAT PENGURUSAN</td></tr>{body}</table></body></html>"""


def extract(tmp_path, out, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert main(["extract", str(path), "--out", str(out), "--source", "pw-contoh", "--agency", "PW Contoh"]) == 0


def findings(out):
    con = connect(out)  # the views' paths are relative to out
    return con.execute("""select f.period, f.item_no, f.stated, f.expected, f.message, o.period_label, f.other_doc_id
                          from findings f left join documents o on o.doc_id = f.other_doc_id
                          where f.rule = 'cumulative_decrease' order by f.period""").fetchall()


def test_a_year_to_date_count_that_goes_down_is_found(tmp_path):
    out = tmp_path / "out"
    extract(tmp_path, out, "okt.html", report("OKTOBER", 2023, [("Aduan awam diselesaikan", 15, 0, 120),
                                                                ("Permohonan cuti diproses", 4, 1, 40)]))
    # same pledges, printed with other case and spacing; item 1 falls from 120 to 110, item 2 rises
    extract(tmp_path, out, "nov.html", report("NOVEMBER", 2023, [("Aduan  Awam diselesaikan", 10, 0, 110),
                                                                 ("Permohonan cuti diproses.", 3, 0, 43)]))
    # January starts a new year: a small cumulative after December is no decrease
    extract(tmp_path, out, "dis.html", report("DISEMBER", 2023, [("Aduan awam diselesaikan", 5, 0, 125)]))
    extract(tmp_path, out, "jan.html", report("JANUARI", 2024, [("Aduan awam diselesaikan", 6, 0, 6)]))

    [(period, item, stated, expected, message, earlier, other)] = findings(out)
    assert (period, item, stated, expected, earlier) == ("2023-11", "1", "110", ">= 120", "OKTOBER 2023")
    assert message == ("The year-to-date cumulative of item 1 of BAHAGIAN KHIDMAT PENGURUSAN falls from 120 in "
                       "OKTOBER 2023 to 110 in NOVEMBER 2023.")
    assert other is not None

    # the agency publishes November again with 130: no decrease from October in that version, the
    # first version keeps its finding, and December's 125 is now below November's 130
    extract(tmp_path, out, "nov.html", report("NOVEMBER", 2023, [("Aduan awam diselesaikan", 10, 0, 130),
                                                                 ("Permohonan cuti diproses", 3, 0, 43)]))
    again = findings(out)
    assert [row[:4] for row in again] == [("2023-11", "1", "110", ">= 120"), ("2023-12", "1", "125", ">= 130")]
    assert again[0][-1] == other and again[1][5] == "NOVEMBER 2023"
    con = connect(out)  # the views' paths are relative to out
    assert con.execute("select count(*) from documents where period = '2023-11'").fetchone() == (2,)

    # December published again with 135: that version has no finding, and the run before's are
    # written anew, never duplicated
    extract(tmp_path, out, "dis.html", report("DISEMBER", 2023, [("Aduan awam diselesaikan", 5, 0, 135)]))
    assert findings(out) == again
