"""The audit report of a synthetic month of 30 agencies (300 documents, each report published as
HTML and PDF, written by three runs), opened in a real headless Chromium: findings printed twice
counted once, agencies in natural order, charts of the top agencies and a selector that work,
filters and search, the evidence pictures (every error's) as files loaded lazily, the others'
evidence the archived PDF at the page, a progress line per step while it builds.
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
    assert write_month(out, AGENCIES, runs=3) == 300
    # three runs wrote the month: still one file per table and partition
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*.parquet")) == [
        f"{table}/period=2026-10/part-0.parquet" for table in ("documents", "findings", "pledges")]
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
    assert "data:image" not in text
    # a picture per PDF page with an error (the first page of findings is all errors here), none for the warnings
    pictures = {(p.name[:24], int(p.name.split("-p")[1].split("-")[0]))
                for p in (out / "reports" / "evidence").glob("*.png")}
    errors = {(r["doc_id"][:24], int(r["page"])) for r in rows if r["severity"] == "error" and r["page"]}
    assert pictures == errors and len(errors) == 3 * AGENCIES
    assert any(r["severity"] == "warning" and r["page"] and (r["doc_id"][:24], int(r["page"])) not in errors
               for r in rows)


def test_the_month_in_a_real_browser(month):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium): apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    _, html, rows, _ = month
    facts_of = lambda **want: {r["finding_no"] for r in rows if all(r[k] == v for k, v in want.items())}  # noqa: E731
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

        # the charts: drawn, the 20 lowest % met and the 20 with most errors, never 30 legend entries
        for chart in ("chart-lowest", "chart-agencies", "chart-rules"):
            assert page.locator(f"svg#{chart}").is_visible()
            assert page.locator(f"svg#{chart} rect").evaluate_all("rs => rs.every(r => r.getBBox().width > 0)")
        assert page.locator("svg#chart-lowest g.bar").count() == 20
        assert page.locator("svg#chart-agencies g.bar").count() == 20
        assert page.locator("svg#chart-met rect").count() == 2  # the legend: the agency and the median
        lowest = page.locator("svg#chart-lowest g.bar").nth(3)
        name = lowest.get_attribute("data-agency")
        lowest.click()  # the agency's % met over time and its findings
        assert page.locator("#chart-agency").input_value() == name
        assert name in page.locator("svg#chart-met").inner_html()
        assert int(page.locator("#shown").inner_text()) == len(facts_of(agency=name))
        assert set(page.locator("#findings > tbody > tr").evaluate_all("rs => rs.map(r => r.dataset.agency)")) == {name}

        # the selector: another agency's % met, the number of its summary row, against the median
        other = agency_name(7)
        page.select_option("#chart-agency", other)
        points = page.locator("svg#chart-met circle title").evaluate_all("ts => ts.map(t => t.textContent)")
        [mine] = [t for t in points if t.startswith(other + " ")]
        row = page.locator("#summary > tbody > tr", has=page.locator("td:first-child", has_text=other)).filter(
            has_text="2026-10").first
        assert mine.endswith(f": {row.locator('td').nth(4).inner_text()} met")
        assert len(points) == 2 and any(t.startswith("median of all agencies") for t in points)

        # a bar of the most errors, and of a rule, filter the findings
        busiest = page.locator("svg#chart-agencies g.bar").first
        busiest.click()
        assert page.locator("#filter-agency").input_value() == busiest.get_attribute("data-agency")
        assert int(page.locator("#shown").inner_text()) == len(facts_of(agency=busiest.get_attribute("data-agency")))
        page.select_option("#filter-agency", "")
        page.locator("svg#chart-rules g.bar[data-rule=zero_total_pct]").click()
        assert int(page.locator("#shown").inner_text()) == len(facts_of(rule="zero_total_pct"))
        page.select_option("#filter-rule", "")

        # filters, search and paging over every finding
        page.select_option("#filter-severity", "error")
        assert int(page.locator("#shown").inner_text()) == len(facts_of(severity="error"))
        assert page.locator("#findings > tbody > tr").count() == 100 and page.locator("#more").is_visible()
        # every error's PDF evidence has its picture, a file loaded only when its row is in view
        assert page.locator("#findings > tbody > tr").evaluate_all(
            "rs => rs.every(r => r.querySelectorAll('img.row-picture').length === 1)")
        pictures = page.locator("#findings img.row-picture")
        assert pictures.first.get_attribute("loading") == "lazy"
        pictures.first.scroll_into_view_if_needed()
        pictures.first.evaluate("img => img.decode()")
        assert pictures.first.evaluate("img => img.naturalWidth > 100")
        page.locator("#more").click()
        assert page.locator("#findings > tbody > tr").count() == min(200, len(facts_of(severity="error")))
        # a warning past the first page: its evidence is the archived PDF at the page, with the cells as printed
        page.select_option("#filter-severity", "warning")
        warning = page.locator("#findings > tbody > tr").first
        assert warning.locator("img.row-picture").count() == 0 and warning.locator(".cells td").count() > 2
        [pdf] = [d for d in warning.locator(".document").all() if "(PDF," in d.inner_text()]
        printed_page = pdf.inner_text().split("page ")[1].split(".")[0]
        assert pdf.locator("a", has_text="archived copy").get_attribute("href").endswith(f".pdf#page={printed_page}")
        page.select_option("#filter-severity", "")
        page.fill("#search", "unit hasil")
        page.wait_for_function("document.querySelector('#findings > tbody > tr .message') && "
                               "[...document.querySelectorAll('#findings > tbody > tr')].length < 100")
        assert all("UNIT HASIL" in t for t in page.locator("#findings > tbody > tr").all_inner_texts())
        assert page.locator("#summary > tbody > tr:visible").count() == 0  # no agency is named so
        page.fill("#search", agency_name(12))  # "... 12": its summary row and findings only
        page.wait_for_function("document.querySelectorAll('#summary > tbody > tr:not([hidden])').length === 1")
        assert page.locator("#summary > tbody > tr:visible").inner_text().startswith(agency_name(12))
        assert int(page.locator("#shown").inner_text()) == len(facts_of(agency=agency_name(12)))
        browser.close()
    assert errors == []
