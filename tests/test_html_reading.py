"""What the HTML reader makes of a page: the grids a browser's table shows, the text around it,
and nothing of what a browser does not show (comments, scripts, templates)."""

from piagam.extractors.document import read_document
from piagam.extractors.html import extract

PAGE = """<!DOCTYPE html><html><head><title>Piagam Pelanggan</title>
<style>td { color: red }</style><script>var total = 99;</script></head>
<body>
<h1>Laporan Pencapaian</h1><p>Januari&nbsp;2026</p>
<ul><li>Kaunter<li>Talian</ul>
<table>
  <tr><th rowspan="2">Perkhidmatan</th><th colspan="2">Bilangan</th></tr>
  <tr><th>Diterima</th><th>Selesai</th></tr>
  <tr><td>Lesen<br>baharu</td><td>10<!-- 11? --></td><td><script>x()</script>9</td></tr>
  <tr><td>Permit<table><tr><td>nested</td></tr></table></td><td>5</td></tr>
</table>
<template><h2>Hidden</h2></template><p>Disediakan oleh Unit Aduan</p>
</body></html>"""


def test_a_table_reads_as_a_browser_shows_it():
    doc = extract(PAGE.encode("utf-8"))
    lines, table, nested, after = doc.grids
    assert lines.text_lines and lines.rows == [["Laporan Pencapaian"], ["Januari 2026"], ["• Kaunter"], ["• Talian"]]
    assert table.rows == [
        ["Perkhidmatan", "Bilangan", "Bilangan"],
        ["Perkhidmatan", "Diterima", "Selesai"],
        ["Lesen\nbaharu", "10", "9"],
        ["Permit", "5", ""],
    ]
    assert table.context == "Laporan Pencapaian\nJanuari 2026\nKaunter\nTalian"
    assert nested.rows == [["nested"]]
    assert after.rows == [["Disediakan oleh Unit Aduan"]]
    assert doc.title == "Piagam Pelanggan"
    assert "Hidden" not in doc.text and "var total" not in doc.text and "11?" not in doc.text
    assert "Laporan Pencapaian Januari 2026 Kaunter Talian Perkhidmatan Bilangan" in doc.text


def test_a_page_without_content_reads_as_no_grids():
    for page in (b"", b"   ", b"<!-- nothing -->", b"<title>Only a title</title>"):
        doc = extract(page)
        assert doc.grids == []


def test_a_long_comment_is_skipped_and_a_text_too_long_fails_the_page_whole():
    table = "<table><tr><th>Perkhidmatan</th><th>Diterima</th></tr><tr><td>Lesen</td><td>7</td></tr></table>"
    # an 11 MB comment is over lxml's size for one value, yet only skipped: the table after it is read
    doc = extract(f"<html><body><!-- {'x' * 11_000_000} -->{table}</body></html>".encode())
    assert [g.rows for g in doc.grids if not g.text_lines] == [[["Perkhidmatan", "Diterima"], ["Lesen", "7"]]]
    # an 11 MB text stops lxml there and drops the table after it: the page fails, not read in part
    read = read_document(f"<html><body><p>{'x' * 11_000_000}</p>{table}</body></html>".encode(),
                         source_id="t", agency="a", url="file:///long.html")
    assert (read.document["status"], read.document["error"], read.pledges) == (
        "failed", "The HTML holds a single text too long to be read (over 10 MB between two tags).", [])
