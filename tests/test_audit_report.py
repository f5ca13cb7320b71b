"""The auditor's report of seed 001 as a person sees it: opened in a real headless Chromium,
each finding listed once with its evidence in both documents (message, cells as printed, the
highlighted PDF row), filters that work, no console error; and the findings CSV beside it."""

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
        process((SAMPLES / name).read_bytes(), out, source_id="suk-contoh", agency="SUK Contoh",
                url=(SAMPLES / name).as_uri())
    written = audit(out)
    return out, Path(written[0]), Path(written[1])


def test_the_csv_lists_every_finding_with_its_evidence(report):
    out, _, csv_path = report
    rows = list(csv.DictReader(csv_path.open(encoding="utf-8")))
    assert len(rows) == len(read_table(out, "findings")) == 62
    [pdf_error] = [r for r in rows if r["rule"] == "section_total" and r["page"]]
    assert pdf_error["section"] == "BAHAGIAN TEKNOLOGI MAKLUMAT"
    assert (pdf_error["stated"], pdf_error["expected"], pdf_error["difference"]) == ("52", "51", "-1")
    pledges = read_table(out, "pledges")
    [page] = pledges[pledges.is_total & pledges.page.notna()
                     & (pledges.section == "BAHAGIAN TEKNOLOGI MAKLUMAT")]["page"].tolist()
    assert pdf_error["source_link"].endswith(f"/001_counts.pdf#page={int(page)}")
    assert pdf_error["cells"].startswith("PURATA KESELURUHAN")
    assert pdf_error["archive_path"].split("#")[0].endswith(".warc.gz") and Path(pdf_error["archive_path"].split("#")[0]).exists()
    assert Path(pdf_error["archived_copy"]).read_bytes().startswith(b"%PDF")  # the bytes as published
    # the HTML and the PDF print the same error: one finding of the report, shown by both documents
    [html_error] = [r for r in rows if r["rule"] == "section_total" and not r["page"]]
    assert html_error["finding_no"] == pdf_error["finding_no"]
    assert len({r["finding_no"] for r in rows}) == 31


def test_the_report_offline_in_a_real_browser(report, tmp_path):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium): apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    _, html_path, _ = report
    text = html_path.read_text(encoding="utf-8")
    assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text
    assert "data:image" not in text  # the pictures are files beside the report, one per page with findings
    assert 1 <= len(list(html_path.parent.glob("evidence/*.png"))) < 31
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
        assert rows.count() == 31  # 62 findings in two documents: each printed in the HTML and the PDF
        [error_row] = page.locator("#findings > tbody > tr[data-severity=error]").all()
        assert error_row.locator(".message").inner_text().startswith(
            "The rows of BAHAGIAN TEKNOLOGI MAKLUMAT add up to 51 cases; the total row says 52.")
        assert (error_row.locator(".stated").inner_text(), error_row.locator(".expected").inner_text()) == ("52", "51")
        assert "PURATA KESELURUHAN" in error_row.locator(".cells").inner_text()
        documents = error_row.locator(".document").all_inner_texts()
        assert len(documents) == 2 and {"(HTML," in d for d in documents} == {True, False}
        # the PDF's evidence shows its table region, the row marked on it, as a file beside the report
        picture = error_row.locator("img.row-picture")
        assert picture.get_attribute("loading") == "lazy" and picture.get_attribute("src").startswith("evidence/")
        picture.scroll_into_view_if_needed()
        picture.evaluate("img => img.decode()")
        assert picture.evaluate("img => img.complete && img.naturalWidth > 300 && img.naturalHeight > 40")
        mark = error_row.locator(".row-mark").bounding_box()
        shown = picture.bounding_box()
        assert mark["width"] > 0.8 * shown["width"] and mark["height"] < 0.2 * shown["height"]
        assert page.locator("#findings img.row-picture").count() == 31  # every PDF finding has its picture
        assert "BAHAGIAN TEKNOLOGI MAKLUMAT" in page.locator("#agencies-with-errors").inner_text()
        assert page.locator("svg#chart-met circle").count() == 2  # the agency and the median of all
        assert page.locator("svg#chart-rules rect").count() == 2
        page.screenshot(path=str(tmp_path / "audit-report.png"))

        page.select_option("#filter-severity", "error")
        assert page.locator("#findings > tbody > tr:visible").count() == 1
        assert page.locator("#shown").inner_text() == "1"
        page.select_option("#filter-severity", "")
        page.select_option("#filter-rule", "zero_total_pct")
        assert page.locator("#findings > tbody > tr:visible").count() == 30
        page.select_option("#filter-rule", "")
        page.locator("#findings > thead th", has_text="Severity").click()  # sort: ascending puts errors first
        assert page.locator("#findings > tbody > tr").first.get_attribute("data-severity") == "error"
        page.locator("#findings > thead th", has_text="Severity").click()
        assert page.locator("#findings > tbody > tr").first.get_attribute("data-severity") == "warning"
        page.screenshot(path=str(tmp_path / "audit-report-sorted.png"), full_page=False)
        browser.close()
    assert errors == []
    assert all(u.startswith("file:") for u in requests), requests


def test_audit_of_an_empty_folder_says_so_in_one_sentence(tmp_path, capsys):
    from piagam.flows.cli import main

    assert main(["audit", "--out", str(tmp_path / "nothing")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("piagam: There is no dataset at ") and "Traceback" not in err
    assert not (tmp_path / "nothing").exists()


def test_a_torn_archive_costs_the_pictures_not_the_report(tmp_path):
    process((SAMPLES / "001_counts.pdf").read_bytes(), tmp_path, source_id="suk-contoh", agency="SUK Contoh",
            url=(SAMPLES / "001_counts.pdf").as_uri())
    for warc in (tmp_path / "warc").glob("*.warc.gz"):
        warc.write_bytes(b"torn")
    html, csv_path = (Path(p) for p in audit(tmp_path, progress=lambda _: None)[:2])
    text = html.read_text(encoding="utf-8")
    assert text.count("The archived PDF could not be read (") == 31  # said under each PDF finding
    assert not list((tmp_path / "reports").glob("evidence/*.png"))
    assert all(not r["archived_copy"] for r in csv.DictReader(csv_path.open(encoding="utf-8")))
