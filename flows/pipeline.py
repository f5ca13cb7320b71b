"""The plain-Python core of a run, shared by `piagam extract` and the Prefect flow:
archive the bytes, read the document, write its rows, count what happened."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from ..extractors.document import Result, read_document, validate
from ..schema.dataset import write_document
from .archive import archive


@dataclass
class Summary:
    out: str
    documents: Counter = field(default_factory=Counter)
    pledges: int = 0
    findings: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def add(self, result: Result) -> None:
        doc = result.document
        self.documents[doc["status"]] += 1
        self.pledges += len(result.pledges)
        self.findings.update(f["severity"] for f in result.findings)
        if doc["status"] != "ok":
            self.failures.append(f"{doc['status']}: {doc['url']}: {doc['error']}")

    def text(self) -> str:
        docs = ", ".join(f"{n} {s}" for s, n in sorted(self.documents.items())) or "none"
        finds = ", ".join(f"{n} {s}" for s, n in sorted(self.findings.items())) or "none"
        lines = [f"documents: {docs}", f"pledge rows: {self.pledges}", f"findings: {finds}"]
        lines += [f"  {line}" for line in self.failures]
        lines.append(f"written to {self.out}")
        return "\n".join(lines)


def failed_document(*, source_id: str, agency: str, url: str, reason: str, title: str = "") -> Result:
    """The `documents` row of a document that could not even be fetched."""
    return Result({
        "doc_id": None, "source_id": source_id, "agency": agency, "url": url, "title": title or None,
        "format": None, "fetched_at": datetime.now(timezone.utc), "size_bytes": None, "pages": None,
        "status": "failed", "error": reason, "n_pledges": 0, "n_findings": 0,
    })


def process(data: bytes, out: str | Path, *, source_id: str, agency: str, url: str, title: str = "",
            fetched_at: datetime | None = None) -> Result:
    """Archive, read and write one document; never raises for bad input."""
    digest, path = archive(out, data, {"url": url, "fetched_at": fetched_at, "source_id": source_id})
    result = validate(read_document(data, source_id=source_id, agency=agency, url=url, title=title,
                                    fetched_at=fetched_at))
    result.document["archive_path"] = path
    write_document(out, result.document, result.pledges, result.findings)
    return result
