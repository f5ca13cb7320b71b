"""Table layouts seen on real agency pages (samples 011-013, invented agencies in those shapes,
from HTML and ruled PDF): months
under a group header or under their quarter, an average column beside the months, words that
are no figure in figure cells, English standards, the form's "Justifikasi jika ..." prompt
rows, item numbers glued to the text, and a JUMLAH printed in a table of its own."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import SAMPLES, read
from piagam.flows.cli import main
from piagam.schema.catalog import connect

FORMATS = [".html", ".pdf"]


def rows_of(result, item):
    return [r for r in result.pledges if r["item_no"] == item]


def periods(rows):
    return [(r["period_label"], str(r["period_start"]), str(r["period_end"])) for r in rows]


@pytest.mark.parametrize("suffix", FORMATS)
def test_months_under_an_achievement_group_header_are_a_row_each(suffix):
    result = read(SAMPLES / f"011_monthly_groups{suffix}")
    item2 = rows_of(result, "2")
    # the months not yet reported (blank) give no row; the average is the row of the whole span
    assert periods(item2) == [("Jan. 2021", "2021-01-01", "2021-01-31"), ("Feb 2021", "2021-02-01", "2021-02-28"),
                              ("PURATA / AVERAGE (%) 2021", "2021-01-01", "2021-04-30")]
    assert [r["achievement_pct"] for r in item2] == [41.0, 58.0, 49.5]
    item3 = rows_of(result, "3")  # "16/16 100%": met of total and its percentage, per month
    assert [(r["met"], r["total"], r["met_pct"], r["achievement_pct"]) for r in item3] == [
        (16, 16, 100.0, None), (33, 35, 94.0, None), (40, 41, 98.0, None), (None, None, None, 97.33)]
    assert len(rows_of(result, "5")) == 1  # January only; no average printed: no row for the span
    # the second table: "PERFORMANCE" over JAN ... APRIL, lettered items under spanning headings
    feedback = [r for r in result.pledges
                if r["section"] == "1. HANDLING OF HARBOUR USERS' FEEDBACK" and r["item_no"] == "b"]
    assert [r["achievement_pct"] for r in feedback] == [100.0, 90.0, 100.0]  # APRIL blank: no row
    assert {r["remarks"] for r in feedback} == {"Pegawai kes berkursus sepanjang Februari"}
    assert (feedback[0]["standard"], feedback[0]["standard_value"], feedback[0]["standard_working_days"]) == (
        "10 working days", 10.0, True)
    assert not [f for f in result.findings if f["severity"] == "error"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_months_under_their_quarter_keep_their_own_period(suffix):
    result = read(SAMPLES / f"012_quarter_groups{suffix}")
    item2 = rows_of(result, "2")
    assert [r["period_label"] for r in item2] == ["Jan 2022", "Feb 2022", "Mac 2022", "Apr 2022", "May 2022", "Jun 2022"]
    assert [r["period_start"] for r in item2] == [date(2022, m, 1) for m in range(1, 7)]
    assert [r["achievement_pct"] for r in item2] == [100.0, 96.0, 100.0, 100.0, 100.0, 0.0]
    # "Tiada Aduan" and a sentence spanning a quarter's months: no figure, the quarter's remark
    complaints = rows_of(result, "7")
    assert [(r["period_label"], r["achievement_pct"], r["remarks"]) for r in complaints] == [
        ("1st Quarter 2022", None, "Tiada Aduan"),
        ("2nd Quarter 2022", None, "Dua (2) aduan diterima melalui peti cadangan di jeti")]
    assert (complaints[0]["standard_value"], complaints[0]["standard_working_days"]) == (5.0, True)
    enquiries = rows_of(result, "11")  # "No complaint" in one month, "TBC" in another
    assert [(r["achievement_pct"], r["remarks"]) for r in enquiries] == [
        (None, "No complaint"), (100.0, None), (97.0, None), (100.0, None)]  # May "TBC" and June blank: no row
    assert not [r for r in result.pledges if r["achievement_pct"] == 2.0]  # "Dua (2) aduan ..." is no 2%
    totals = [r for r in result.pledges if r["is_total"]]
    assert [(r["pledge"], r["achievement_pct"]) + periods([r])[0] for r in totals] == [
        ("PERATUSAN KESELURUHAN", 98.25, "1st Quarter 2022", "2022-01-01", "2022-03-31"),
        ("PERATUSAN KESELURUHAN", 61.14, "2nd Quarter 2022", "2022-04-01", "2022-06-30")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_form_prompts_glued_numbers_and_sentences_in_figure_cells(suffix, tmp_path):
    out = tmp_path / "out"
    assert main(["extract", str(SAMPLES / f"013_counts_prompts{suffix}"), "--out", str(out)]) == 0
    con = connect(out)  # the views' paths are relative to out
    rows = con.execute("""select item_no, pledge, section, standard, standard_value, standard_unit, met, met_pct,
                                 missed, total, remarks, is_total from pledges order by table_no, row_no""").fetchall()
    # the prompt rows are neither headings nor pledges
    assert [r[2] for r in rows] == [None] * 6
    assert not [r for r in rows if "justifi" in r[1].lower()]
    # filled in, the prompt is the remark of the pledge above; left empty, it is nothing
    assert rows[1][10] == ("Justifikasi jika sasaran Piagam Pelanggan tidak dicapai: Pelan lokasi papan iklan "
                           "tidak disertakan oleh pemohon.")
    assert [r[0] for r in rows if "justifi" in (r[10] or "").lower()] == ["2"]
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5", None]  # "1)Mengeluarkan": item 1
    assert rows[0][1].startswith("Mengeluarkan resit")
    assert "beroperasi pada 31 Disember 2020" in rows[0][10]  # the narrative after item 1
    assert rows[1][3:6] == ("empat (4) hingga enam (6) minggu", 6.0, "week")
    assert rows[2][6:10] == (None, None, 0, None)  # "TBC": not published; "-": none
    # a sentence spanning item 4's figure cells: no figure read out of it ("18"), its remark
    assert rows[3][6:10] == (None, None, None, None)
    assert "No achievement is reported for this month" in rows[3][10]
    assert rows[5][1::10] == ("JUMLAH", True)
    assert con.execute("select count(*) from findings where severity = 'error'").fetchone() == (0,)


def test_a_total_in_a_table_of_its_own_closes_the_pledges_above(tmp_path):
    page = (SAMPLES / "013_counts_prompts.html").read_text(encoding="utf-8")
    wrong = tmp_path / "wrong.html"
    wrong.write_text(page.replace("<td>8474</td>", "<td>8471</td>"), encoding="utf-8")
    errors = [f for f in read(wrong).findings if f["severity"] == "error"]
    assert [(f["rule"], f["stated"], f["expected"]) for f in errors if f["rule"] == "section_total"] == [
        ("section_total", "8471", "8474")]


@pytest.mark.parametrize("average", ["PURATA PENCAPAIAN (%)", "PURATA", "AVERAGE"])
def test_a_total_row_of_a_matrix_with_an_average_is_checked_month_by_month(tmp_path, average):
    """Each month of the JUMLAH row against the same month of the pledges (never against their
    average's row, which starts on the same day as January)."""
    def page(january_total: str) -> str:
        rows = [("1", "Memproses permohonan merancang dalam tempoh 30 hari bekerja", "27/27 100%", "57/57 100%", "100%"),
                ("2", "Memproses permohonan alamat dalam tempoh 14 hari bekerja", "3/4 75%", "4/4 100%", "87.5%"),
                ("JUMLAH", "", january_total, "61/61 100%", "98%")]
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        return (f"<html><body><h3>PENCAPAIAN PIAGAM PELANGGAN 2023</h3><table border=1><tr><th>BIL</th>"
                f"<th>Piagam Pelanggan</th><th>JAN</th><th>FEB</th><th>{average}</th></tr>{body}"
                f"</table></body></html>")
    right, wrong = tmp_path / "right.html", tmp_path / "wrong.html"
    right.write_text(page("30/31 96.77%"), encoding="utf-8")
    wrong.write_text(page("31/31 100%"), encoding="utf-8")
    result = read(right)
    whole = f"{average} 2023"
    assert [(r["item_no"], r["period_label"], r["met"], r["total"], r["achievement_pct"]) for r in result.pledges] == [
        ("1", "JAN 2023", 27, 27, None), ("1", "FEB 2023", 57, 57, None), ("1", whole, None, None, 100.0),
        ("2", "JAN 2023", 3, 4, None), ("2", "FEB 2023", 4, 4, None), ("2", whole, None, None, 87.5),
        (None, "JAN 2023", 30, 31, None), (None, "FEB 2023", 61, 61, None), (None, whole, None, None, 98.0)]
    assert {(str(r["period_start"]), str(r["period_end"])) for r in result.pledges if r["period_label"] == whole} == {
        ("2023-01-01", "2023-02-28")}
    assert not [f for f in result.findings if f["severity"] == "error"]
    [finding] = [f for f in read(wrong).findings if f["rule"] == "section_total"]
    assert (str(finding["period_start"]), str(finding["period_end"]), finding["stated"], finding["expected"]) == (
        "2023-01-01", "2023-01-31", "31", "30")


def test_nothing_received_is_no_percentage_but_a_count_of_none(tmp_path):
    page = tmp_path / "percentages.html"
    page.write_text("""<html><body><h3>Pencapaian Piagam Pelanggan Mac 2025</h3><table border=1>
<tr><th>Bil</th><th>Piagam</th><th>Tempoh</th><th>Jumlah Aduan</th><th>Sasaran (%)</th><th>Pencapaian (%)</th></tr>
<tr><td>1</td><td>Respond to complaints</td><td>3 (three) working days</td><td>No complaint</td><td>100</td>
<td>Tiada Aduan</td></tr>
<tr><td>2</td><td>Reply to enquiries</td><td>within fourteen (14) days</td><td>12</td><td>90</td><td>95</td></tr>
</table></body></html>""", encoding="utf-8")
    result = read(page)
    assert [(r["total"], r["target_pct"], r["achievement_pct"], r["remarks"]) for r in result.pledges] == [
        (0, 100.0, None, "Tiada Aduan"), (12, 90.0, 95.0, None)]
    assert [(r["standard_value"], r["standard_unit"], r["standard_working_days"]) for r in result.pledges] == [
        (3.0, "day", True), (14.0, "day", False)]
    assert not result.findings  # no "below target" for a pledge with nothing to measure
