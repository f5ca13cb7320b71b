"""Unruled tables: which lines of positioned words can be a header. A justified paragraph above a
table spaces its words evenly, as a row of month headers does; only the paragraph is running text."""

from piagam.extractors.words import ANY_YEAR, Word, _header_phrases, to_lines


def _line(words: str, step: float, width: float):
    return to_lines([Word(w, 50 + k * step, 50 + k * step + width, 100, 108) for k, w in enumerate(words.split())])[0]


def test_evenly_spaced_month_headers_are_a_header_line():
    assert _header_phrases(_line("JAN FEB MAC APR MEI JUN JUL OGOS SEPT OKT NOV DIS", 40, 20), ANY_YEAR) >= 10


def test_a_justified_paragraph_line_is_no_header_line():
    paragraph = "yang diuruskan oleh Pejabat Daerah Contoh sepanjang bulan Jun 2024. Maklumat pencapaian"
    assert _header_phrases(_line(paragraph, 52, 40), ANY_YEAR) == 0
