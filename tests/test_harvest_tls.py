"""An agency site served over HTTPS with a certificate the usual CA certificates do not vouch
for (as a site with an incomplete certificate chain is): the harvest says so in one sentence,
without retrying, and reads the site when the source names the missing CA certificate
(`tls_verify: <file>`) or turns the check off (`tls_verify: false`)."""

from __future__ import annotations

import ssl

import duckdb
import trustme

from agency_site import AgencySite, Page
from conftest import SAMPLES

PDF = (SAMPLES / "001_counts.pdf").read_bytes()


def test_an_unverifiable_certificate_is_one_sentence_and_a_named_ca_file_reads_the_site(tmp_path, prefect_server):
    from piagam.flows.harvest import harvest

    ca = trustme.CA()
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server)
    ca.cert_pem.write_to_path(str(tmp_path / "agency-ca.pem"))
    sources = tmp_path / "sources.yaml"
    with AgencySite(tls=server) as site:
        site.pages["/pencapaian.pdf"] = Page(PDF, "application/pdf")
        url = f"{site.base}/pencapaian.pdf"
        sources.write_text(f"""
defaults: {{allow_private: true, requests_per_second: 100, retries: 2, retry_delay: 0.05}}
sources:
  - {{id: unchecked-chain, agency: Agensi A, urls: ["{url}"]}}
  - {{id: with-ca-file, agency: Agensi B, urls: ["{url}"], tls_verify: agency-ca.pem}}
  - {{id: without-check, agency: Agensi C, urls: ["{url}"], tls_verify: false}}
""", encoding="utf-8")
        summary = harvest(sources_file=str(sources), out=str(tmp_path / "out"), return_state=True).result(
            raise_on_failure=False)  # the flow is Failed: a document failed
        served = len(site.hits("/pencapaian.pdf"))
    docs = {source: (status, error, n) for source, status, error, n in duckdb.execute(
        f"select source_id, status, error, n_pledges from '{tmp_path}/out/documents/**/*.parquet'").fetchall()}
    status, error, _ = docs["unchecked-chain"]
    assert status == "failed"
    assert error.startswith("127.0.0.1 has a TLS certificate that could not be verified (")
    assert "after" not in error and "tls_verify: <file of CA certificates>" in error  # not retried: no "after 3 tries"
    assert docs["with-ca-file"][0] == docs["without-check"][0] == "ok"
    assert docs["with-ca-file"][2] == docs["without-check"][2] == 94
    assert served == 2  # the unverified source never got as far as a request
    assert summary.documents["ok"] == 2
