"""Table shapes of agencies the development reports do not show, each read through the whole
pipeline (invented agencies, pledges and figures): what must come out, and no false error."""

from __future__ import annotations

import pytest

from piagam.extractors.text import parse_standard
from test_layout_variety import run, table, td


@pytest.mark.parametrize("text, value, unit", [
    ("Panggilan telefon dijawab dalam 3 deringan", 3, "ring"),
    ("Calls answered within three (3) rings", 3, "ring"),
    ("Panggilan dijawab sebelum deringan ketiga", 3, "ring"),
    ("Pelanggan dilayan dalam 30 saat", 30, "second"),
    ("Served within 45 seconds", 45, "second"),
])
def test_rings_and_seconds_are_standards(text, value, unit):
    standard = parse_standard(text)
    assert (standard.value, standard.unit, standard.working_days) == (value, unit, False)


def test_a_pledge_in_rings_reads_its_standard_in_a_table():
    result = run(table(td("Bil", "Piagam", "Sasaran", "Pencapaian"),
                       td("1", "Talian aduan dijawab dalam 5 deringan", "90%", "96%")))
    [row] = result.pledges
    assert (row["standard"], row["standard_value"], row["standard_unit"]) == ("5 deringan", 5.0, "ring")
