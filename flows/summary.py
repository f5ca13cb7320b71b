"""What a run did, for the person and the scheduler that started it: documents by status, pledge
rows and findings, the documents that failed and why, what the run noticed (a listing with no
matching link), the exit code (0 everything read, 1 some documents failed, 2 the run could not
go on: its output could not be written, 130/143 stopped by SIGINT/SIGTERM, flows.signals), the
text printed at the end and the JSON kept as `<out>/runs/<time>.json`."""

from __future__ import annotations

import json
import signal
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone

from piagam import __version__

from ..extractors.document import Result
from ..schema.dataset import Root

MAX_LISTED = 1000  # documents and findings listed by name in the JSON and the artifacts, at most


def short(url: str, most: int = 200) -> str:
    """An address as shown in a line of text (a crafted one can be 100 kB long)."""
    return url if len(url) <= most else url[:most] + "..."


@dataclass
class Summary:
    out: str
    documents: Counter = field(default_factory=Counter)
    pledges: int = 0
    findings: Counter = field(default_factory=Counter)
    failures: list[dict] = field(default_factory=list)  # the documents not ok: source, url, status, why
    errors: list[dict] = field(default_factory=list)  # the error findings of the documents read
    notes: list[str] = field(default_factory=list)  # what else went wrong, one sentence each
    fetches: Counter = field(default_factory=Counter)
    extractions: Counter = field(default_factory=Counter)
    started: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    saved: str | None = None  # where the JSON was written
    fatal: str | None = None  # why the run could not go on (its output could not be written), one sentence
    stopped: str | None = None  # the signal that stopped the run early (flows.signals)

    def add(self, result: Result | None, fetch: str | None = None, extraction: str | None = None) -> None:
        """Count a document; `result` is None for one unchanged since the last run."""
        if fetch:
            self.fetches[fetch] += 1
        if extraction:
            self.extractions[extraction] += 1
        if result is None:
            self.documents["unchanged"] += 1
            return
        doc = result.document
        self.documents[doc["status"]] += 1
        self.pledges += len(result.pledges)
        self.findings.update(f["severity"] for f in result.findings)
        if doc["status"] != "ok" and len(self.failures) < MAX_LISTED:
            self.failures.append({"source_id": doc["source_id"], "url": doc["url"], "title": doc.get("title"),
                                  "status": doc["status"], "error": doc["error"]})
        for item in result.findings:
            if item["severity"] == "error" and len(self.errors) < MAX_LISTED:
                self.errors.append({"source_id": doc["source_id"], "url": doc["url"], "page": item.get("page"),
                                    "rule": item["rule"], "message": item["message"],
                                    "stated": item.get("stated"), "expected": item.get("expected")})

    @property
    def failed(self) -> int:
        return self.documents["failed"]

    @property
    def exit_code(self) -> int:
        """0 when every document was read (or was unchanged), 1 when some failed, 2 when the run
        could not go on, 128 + the signal's number (130 SIGINT, 143 SIGTERM) when one stopped it."""
        if self.stopped:
            return 128 + signal.Signals[self.stopped]
        return 2 if self.fatal else 1 if self.failed else 0

    def text(self) -> str:
        def counts(counter):
            return ", ".join(f"{n} {s}" for s, n in sorted(counter.items())) or "none"

        pledges = f"pledge rows: {self.pledges}"
        if self.documents["unchanged"]:
            pledges += (f" (read this run; the {self.documents['unchanged']} unchanged documents were not read "
                        f"again and their rows stay in the dataset)")
        lines = [f"documents: {counts(self.documents)}", pledges, f"findings: {counts(self.findings)}"]
        if self.fetches:
            lines.append(f"fetches: {counts(self.fetches)}")
        if self.extractions:
            lines.append(f"extractions: {counts(self.extractions)}")
        lines += [f"  {f['status']}: {short(f['url'])}: {f['error']}" for f in self.failures]
        lines += [f"  note: {note}" for note in self.notes]
        if self.fatal:
            lines.append(f"could not go on: {self.fatal}")
        lines.append(f"written to {self.out}")
        if self.saved:
            lines.append(f"run summary: {self.saved}")
        return "\n".join(lines)

    def as_dict(self) -> dict:
        return {"piagam": __version__, "started": self.started.isoformat(timespec="seconds"),
                "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"), "out": self.out,
                "exit_code": self.exit_code, "documents": dict(self.documents), "pledge_rows": self.pledges,
                "findings": dict(self.findings), "fetches": dict(self.fetches),
                "extractions": dict(self.extractions), "failures": self.failures, "error_findings": self.errors,
                "notes": self.notes, "fatal": self.fatal, "stopped": self.stopped, "summary_file": self.saved}

    def save(self) -> str:
        """Write the summary as `<out>/runs/<time>.json`; returns where (a path or the store's URL)."""
        root = Root(self.out)
        path = root.path("runs", self.started.strftime("%Y-%m-%dT%H%M%S.%fZ") + ".json")
        self.saved = root.uri(path)
        root.write_bytes(path, self.json().encode("utf-8"))
        return self.saved

    def json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, ensure_ascii=False, default=str)
