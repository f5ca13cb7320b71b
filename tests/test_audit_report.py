"""The auditor's report of seed 001 as a person sees it: opened in a real headless Chromium,
each finding listed with its evidence (message, cells as printed, the highlighted PDF row),
filters that work, no console error; and the findings CSV beside it."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import SAMPLES
from piagam.flows.audit import audit
from piagam.flows.pipeline import process
from piagam.schema.dataset import read_table

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("audit")
    for name in ("001_counts.html", "001_counts.pdf"):
        process((SAMPLES / name).read_bytes(), out, source_id="kelantan", agency="SUK Kelantan",
                url=(SAMPLES / name).as_uri())
    written = audit(out)
    return out, Path(written[0]), Path(written[1])


def test_the_csv_lists_every_finding_with_its_evidence(report):
    out, _, csv_path = report
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert len(rows) == len(read_table(out, "findings")) == 62
    [pdf_error] = [r for r in rows if r["rule"] == "section_total" and r["page"]]
    assert pdf_error["section"] == "BAHAGIAN PENGURUSAN TEKNOLOGI MAKLUMAT"
    assert (pdf_error["stated"], pdf_error["expected"], pdf_error["difference"]) == ("39", "38", "-1")
    pledges = read_table(out, "pledges")
    [page] = pledges[pledges.is_total & pledges.page.notna()
                     & (pledges.section == "BAHAGIAN PENGURUSAN TEKNOLOGI MAKLUMAT")]["page"].tolist()
    assert pdf_error["source_link"].endswith(f"/001_counts.pdf#page={int(page)}")
    assert pdf_error["cells"].startswith("PURATA KESELURUHAN")
    assert pdf_error["archive_path"].split("#")[0].endswith(".warc.gz") and Path(pdf_error["archive_path"].split("#")[0]).exists()
    assert Path(pdf_error["archived_copy"]).read_bytes().startswith(b"%PDF")  # the bytes as published


def test_the_report_offline_in_a_real_browser(report, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium): apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    _, html_path, _ = report
    text = html_path.read_text(encoding="utf-8")
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text
    errors, requests = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(html_path.as_uri())
        page.wait_for_load_state("load")

        rows = page.locator("#findings > tbody > tr")
        assert rows.count() == 62
        error_rows = page.locator("#findings > tbody > tr[data-severity=error]")
        assert error_rows.count() == 2
        for i in range(2):
            row = error_rows.nth(i)
            assert row.locator(".message").inner_text().startswith(
                "The rows of BAHAGIAN PENGURUSAN TEKNOLOGI MAKLUMAT add up to 38 cases; the total row says 39.")
            assert (row.locator(".stated").inner_text(), row.locator(".expected").inner_text()) == ("39", "38")
            assert "PURATA KESELURUHAN" in row.locator(".cells").inner_text()
        # the PDF finding shows its table region, the row highlighted, as an image that loaded
        picture = page.locator("#findings tr[data-severity=error] img.row-picture")
        assert picture.count() == 1
        assert picture.evaluate("img => img.complete && img.naturalWidth > 300 && img.naturalHeight > 40")
        assert page.locator("#findings img.row-picture").count() == 31  # every PDF finding has its picture
        assert "BAHAGIAN PENGURUSAN TEKNOLOGI MAKLUMAT" in page.locator("#agencies-with-errors").inner_text()
        assert page.locator("svg#chart-met circle").count() == 1 and page.locator("svg#chart-rules rect").count() == 2
        page.screenshot(path=str(tmp_path / "audit-report.png"))

        page.select_option("#filter-severity", "error")
        assert page.locator("#findings > tbody > tr:visible").count() == 2
        assert page.locator("#shown").inner_text() == "2"
        page.select_option("#filter-severity", "")
        page.select_option("#filter-rule", "zero_total_pct")
        assert page.locator("#findings > tbody > tr:visible").count() == 60
        page.select_option("#filter-rule", "")
        page.locator("#findings > thead th", has_text="Severity").click()  # sort: ascending puts errors first
        assert page.locator("#findings > tbody > tr").first.get_attribute("data-severity") == "error"
        page.locator("#findings > thead th", has_text="Severity").click()
        assert page.locator("#findings > tbody > tr").first.get_attribute("data-severity") == "warning"
        page.screenshot(path=str(tmp_path / "audit-report-sorted.png"), full_page=False)
        browser.close()
    assert errors == []
    assert all(u.startswith(("file:", "data:")) for u in requests), requests


def test_audit_of_an_empty_folder_says_so_in_one_sentence(tmp_path, capsys):
    from piagam.flows.cli import main

    assert main(["audit", "--out", str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("piagam: There is no dataset at ") and "Traceback" not in err
    assert not (tmp_path / "nothing").exists()
