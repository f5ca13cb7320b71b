"""The raw archive: every fetched body kept as evidence, in WARC files, before anything parses it.

`<out>/warc/piagam-<time>-<pid>.warc.gz` holds one gzip member per record (WARC 1.1, sha256
digests): a `response` record for each body fetched over HTTP (the status line and headers as
received, the body decoded), a `resource` record for a local file, and a `revisit` record when
a site answers 304 Not Modified (what it still published, and when, without a second copy).
`<out>/warc/index.jsonl` maps each record's sha256 to `<file>#<offset>`, so a document's bytes
come back by sha256 (`read_bytes`); the `documents` table's `archive_path` holds the same
location. Any WARC tool (warcio, pywb, replayweb.page) reads the files.

On an object store (`s3://` output), which cannot append, each record is a WARC file of its own
(`warc/<sha256>-<time>.warc.gz`) written in one PUT, and the index is rewritten whole.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from datetime import datetime, timezone
from http import HTTPStatus
from io import BytesIO
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from ..schema.dataset import Root
from .fetch import Fetched

_DROPPED = {"content-encoding", "transfer-encoding", "content-length"}  # the body is stored decoded


class _Sha256Writer(WARCWriter):
    @staticmethod
    def _create_digester():
        return Digester("sha256")


def payload_digest(sha256_hex: str) -> str:
    """The WARC form (sha256:BASE32) of a hex sha256."""
    return "sha256:" + base64.b32encode(bytes.fromhex(sha256_hex)).decode()


class Archive:
    """Appends records to this run's WARC file; safe to share between threads."""

    def __init__(self, out: str | Path | Root):
        self.root = Root.of(out)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        self.name = f"piagam-{stamp}-{os.getpid()}.warc.gz"
        self.index = self.root.path("warc", "index.jsonl")
        self._lock = threading.Lock()
        if self.root.local:
            os.makedirs(self.root.path("warc"), exist_ok=True)

    def _write(self, record, entry: dict) -> str:
        line = (json.dumps(entry) + "\n").encode()
        with self._lock:
            if self.root.local:
                path = self.root.path("warc", self.name)
                with open(path, "ab") as warc:
                    offset = warc.tell()
                    _Sha256Writer(warc, gzip=True, warc_version="1.1").write_record(record)
                location = f"{path}#{offset}"
                with open(self.index, "a", encoding="utf-8") as index:
                    index.write(json.dumps({**entry, "location": location}) + "\n")
                return location
            buffer = BytesIO()
            _Sha256Writer(buffer, gzip=True, warc_version="1.1").write_record(record)
            path = self.root.path("warc", f"{entry['sha256']}-{self.name}")
            self.root.write_bytes(path, buffer.getvalue())
            location = f"{self.root.uri(path)}#0"
            line = (json.dumps({**entry, "location": location}) + "\n").encode()
            earlier = self.root.read_bytes(self.index) if self.root.exists(self.index) else b""
            self.root.write_bytes(self.index, earlier + line)
            return location

    def _warc_headers(self, fetched: Fetched, sha256: str, source_id: str) -> dict:
        return {"WARC-Date": fetched.fetched_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "WARC-Payload-Digest": payload_digest(sha256), "WARC-Piagam-Source": source_id}

    def store(self, fetched: Fetched, sha256: str, source_id: str) -> str:
        """Archive a fetched body; returns its location `<file>#<offset>`."""
        writer = _Sha256Writer(BytesIO(), warc_version="1.1")
        warc_headers = self._warc_headers(fetched, sha256, source_id)
        if fetched.url.startswith("file://"):
            record = writer.create_warc_record(fetched.url, "resource", payload=BytesIO(fetched.data),
                                               length=len(fetched.data), warc_headers_dict=warc_headers,
                                               warc_content_type="application/octet-stream")
        else:
            kept = [(k, v) for k, v in fetched.headers.items() if k.lower() not in _DROPPED]
            if fetched.headers.get("content-encoding"):
                warc_headers["WARC-Piagam-Decoded"] = fetched.headers["content-encoding"]
            http = StatusAndHeaders(f"{fetched.status} {_phrase(fetched.status)}",
                                    kept + [("Content-Length", str(len(fetched.data)))], protocol="HTTP/1.1")
            record = writer.create_warc_record(fetched.url, "response", payload=BytesIO(fetched.data),
                                               length=len(fetched.data), http_headers=http,
                                               warc_headers_dict=warc_headers)
        return self._write(record, {"sha256": sha256, "url": fetched.url, "type": record.rec_type,
                                    "date": warc_headers["WARC-Date"], "status": fetched.status})

    def revisit(self, fetched: Fetched, sha256: str, source_id: str, first_date: str) -> str:
        """Record that `fetched.url` was still the document `sha256` (a 304); returns the location."""
        writer = _Sha256Writer(BytesIO(), warc_version="1.1")
        warc_headers = self._warc_headers(fetched, sha256, source_id)
        http = StatusAndHeaders(f"{fetched.status} {_phrase(fetched.status)}", list(fetched.headers.items()),
                                protocol="HTTP/1.1")
        record = writer.create_revisit_record(fetched.url, warc_headers.pop("WARC-Payload-Digest"), fetched.url,
                                              first_date, http_headers=http, warc_headers_dict=warc_headers)
        record.rec_headers.replace_header("WARC-Profile",
                                          "http://netpreserve.org/warc/1.1/revisit/server-not-modified")
        return self._write(record, {"sha256": sha256, "url": fetched.url, "type": "revisit",
                                    "date": warc_headers["WARC-Date"], "status": fetched.status})


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def read_record(location: str) -> bytes:
    """The body of the record at `<file>#<offset>` (a local path or an object-store URL)."""
    path, _, offset = location.rpartition("#")
    root = Root(path)
    # a local WARC file is opened where it lies; an object-store one holds one record, read whole
    with (open(root.base, "rb") if root.local else BytesIO(root.read_bytes(root.base))) as warc:
        warc.seek(int(offset))
        record = next(iter(ArchiveIterator(warc)))
        return record.content_stream().read()


def archived_bytes(archive_path: str) -> bytes:
    """The raw bytes of an archived document, from the `archive_path` of its documents row."""
    return read_record(archive_path)


def locate(out: str | Path | Root, sha256: str) -> str | None:
    """Where the bytes of `sha256` are archived (a response or resource record), or None."""
    root = Root.of(out)
    index = root.path("warc", "index.jsonl")
    if not root.exists(index):
        return None
    for line in root.read_bytes(index).decode("utf-8", "replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:  # a line torn by an interrupted run
            continue
        if entry.get("sha256") == sha256 and entry.get("type") != "revisit":
            return entry["location"]
    return None


def read_bytes(out: str | Path | Root, sha256: str) -> bytes | None:
    """A document's bytes back from the archive by their sha256, or None if never archived."""
    location = locate(out, sha256)
    return read_record(location) if location else None
