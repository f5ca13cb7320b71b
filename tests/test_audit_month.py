"""The audit report of a synthetic month of 30 agencies (300 documents, each report published as
HTML and PDF), opened in a real headless Chromium: findings printed twice counted once, agencies
in natural order, charts of the top agencies and a selector that work, filters and search, the
evidence pictures as files loaded lazily, a progress line per step while it builds.
bench/audit_month.py runs the same at 3,000 documents and times it."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from piagam.flows.audit import audit
from piagam.flows.report import natural

sys.path.insert(0, str(ROOT / "bench"))
from audit_month import agency_name, write_month  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
AGENCIES = 30


@pytest.fixture(scope="module")
def month(tmp_path_factory):
    out = tmp_path_factory.mktemp("month")
    assert write_month(out, AGENCIES) == 300
    lines = []
    written = audit(out, progress=lines.append)
    return out, Path(written[0]), list(csv.DictReader(Path(written[1]).open(encoding="utf-8"))), lines


def test_each_fact_is_counted_once_and_progress_is_shown(month):
    out, html, rows, lines = month
    assert any(line.startswith("read 300 documents") for line in lines)
    assert any(line.startswith("evidence pictures") for line in lines) and lines[-1].startswith("done (")
    facts = {r["finding_no"] for r in rows}
    assert len(rows) == 2 * len(facts)  # every finding is printed in the HTML and in the PDF of its report
    assert all({Path(r["source_link"].split("#")[0]).suffix for r in rows if r["finding_no"] == n} == {".html", ".pdf"}
               for n in list(facts)[:50])
    assert html.stat().st_size < 5_000 * 300  # under 15 MB for 3,000 documents
    text = html.read_text(encoding="utf-8")
    assert "data:image" not in text and len(list((out / "reports" / "evidence").glob("*.png"))) > 100


def test_the_month_in_a_real_browser(month):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium): apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    _, html, rows, _ = month
    errors_of = {}
    for r in rows:
        if r["severity"] == "error":
            errors_of.setdefault(r["agency"], set()).add(r["finding_no"])
    errors = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(html.as_uri(), wait_until="load")

        # agencies in natural order: Majlis Perbandaran 2 before Majlis Perbandaran 14
        options = page.locator("#filter-agency option").all_inner_texts()[1:]
        assert options == sorted((agency_name(n) for n in range(1, AGENCIES + 1)), key=natural)
        assert options.index(agency_name(2)) < options.index(agency_name(14))
        summary = page.locator("#summary > tbody > tr > td:first-child").all_inner_texts()
        assert summary == sorted(summary, key=natural) and len(summary) == AGENCIES

        # the charts: the 20 lowest % met and the 20 with most errors, never 30 legend entries
        assert page.locator("svg#chart-lowest g.bar").count() == 20
        assert page.locator("svg#chart-agencies g.bar").count() == 20
        assert page.locator("svg#chart-met rect").count() == 2  # the legend: the agency and the median
        lowest = page.locator("svg#chart-lowest g.bar").nth(3)
        name = lowest.get_attribute("data-agency")
        lowest.click()  # the agency's % met over time and its findings
        assert page.locator("#chart-agency").input_value() == name
        assert name in page.locator("svg#chart-met").inner_html()
        shown = int(page.locator("#shown").inner_text())
        assert shown == len({r["finding_no"] for r in rows if r["agency"] == name})
        assert set(page.locator("#findings > tbody > tr").evaluate_all("rs => rs.map(r => r.dataset.agency)")) == {name}

        # filters, search and paging over every finding
        page.select_option("#filter-agency", "")
        page.select_option("#filter-severity", "error")
        assert int(page.locator("#shown").inner_text()) == sum(len(v) for v in errors_of.values())
        assert page.locator("#findings > tbody > tr").count() == 100 and page.locator("#more").is_visible()
        page.locator("#more").click()
        assert page.locator("#findings > tbody > tr").count() == min(200, sum(len(v) for v in errors_of.values()))
        page.select_option("#filter-severity", "")
        page.fill("#search", "unit hasil")
        page.wait_for_function("document.querySelector('#findings > tbody > tr .message') && "
                               "[...document.querySelectorAll('#findings > tbody > tr')].length < 100")
        assert all("UNIT HASIL" in t for t in page.locator("#findings > tbody > tr").all_inner_texts())
        assert page.locator("#summary > tbody > tr:visible").count() == 0  # no agency is named so

        # the pictures are files, loaded only when their row is in view
        pictures = page.locator("#findings img.row-picture")
        assert pictures.first.get_attribute("loading") == "lazy"
        pictures.first.scroll_into_view_if_needed()
        pictures.first.evaluate("img => img.decode()")
        assert pictures.first.evaluate("img => img.naturalWidth > 100")
        browser.close()
    assert errors == []
