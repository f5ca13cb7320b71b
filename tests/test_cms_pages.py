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
                          "tidak melebihi 14 hari.")))
    got = [(r["met"], r["missed"], r["total"]) for r in result.pledges]
    # "tidak melebihi 7 hari" is the standard's bound, not a miss; "masih dalam tindakan": neither yet
    assert got == [(12, None, 12), (30, None, 30), (8, None, 8), (None, 20, 20), (None, None, None), (39, None, 40)]
    assert result.findings == []
