"""The raw archive: every fetched body kept as evidence, in WARC files, before anything parses it.

`<out>/warc/piagam-<time>-<pid>.warc.gz` holds one gzip member per record (WARC 1.1, sha256
digests), starting with a `warcinfo` record: for each body fetched over HTTP, a `request`
record (what was sent, without Authorization or Cookie values) and a `response` record holding
the status line, the headers and the payload as the server sent them (still gzip-compressed if
it was sent so; only Transfer-Encoding is left out, the payload being stored de-chunked); a
`resource` record for a local file; a `revisit` record when a site answers 304 Not Modified
(what it still published, and when, without a second copy). No stored address holds a
`user:password@` (the fetcher removes them before anything is sent).

`<out>/warc/index.cdxj` is the index, in the web archives' CDXJ form: one line per response,
resource or revisit record, `<SURT> <14-digit timestamp> {json}` with url, mime, status,
digest, length, offset and filename (as pywb reads it), plus `sha256` (of the decoded body: the
`documents` row's doc_id) and `source`. `read_bytes` finds a document's bytes by that sha256;
the `documents` table's `archive_path` holds the same location as `<file>#<offset>`. Any WARC
tool (warcio, pywb, replayweb.page) reads the files.

Bodies reach the archive through temporary files (`warc/.spool-<pid>/`, flows.fetch): each is
copied into the WARC file from its file, never held whole in memory; the folder goes when the
run ends, and a folder a killed run left is removed by the next run.

On an object store (`s3://` output), which cannot append, each record is a WARC file of its own
(`warc/<sha256>-<time>.warc.gz`, with its warcinfo and request) written in one PUT, and the
index is rewritten whole.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import threading
from datetime import datetime, timezone
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from piagam import __version__

from ..schema.dataset import Root
from .fetch import Fetched

INDEX = "index.cdxj"
SPOOL = ".spool-"  # + the process id: a folder of bodies being fetched


def _sweep(folder: str) -> None:
    """Remove the spool folders of processes that ended without removing theirs (killed)."""
    for name in os.listdir(folder):
        if name.startswith(SPOOL) and name[len(SPOOL):].isdigit() and not _alive(int(name[len(SPOOL):])):
            shutil.rmtree(os.path.join(folder, name), ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


class _Sha256Writer(WARCWriter):
    @staticmethod
    def _create_digester():
        return Digester("sha256")


def payload_digest(sha256_hex: str) -> str:
    """The WARC form (sha256:BASE32) of a hex sha256."""
    return "sha256:" + base64.b32encode(bytes.fromhex(sha256_hex)).decode()


def surt(url: str) -> str:
    """The Sort-friendly URI Reordering Transform of an address, as CDX indexes key them:
    `https://www.jpa.gov.my/a?b` is `my,gov,jpa)/a?b`."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return f"file:{parts.path}"
    host = (parts.hostname or "").lower().removeprefix("www.")
    key = ",".join(reversed(host.split(".")))
    if parts.port and parts.port != {"http": 80, "https": 443}.get(parts.scheme):
        key += f":{parts.port}"
    return f"{key}){parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")


class Archive:
    """Appends records to this run's WARC file; safe to share between threads."""

    def __init__(self, out: str | Path | Root):
        self.root = Root.of(out)
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
        self.name = f"piagam-{stamp}-{os.getpid()}.warc.gz"
        self.index = self.root.path("warc", INDEX)
        self._lock = threading.Lock()
        # where the fetcher streams the bodies of this process until they are archived and read:
        # beside the WARC files on a local disk, the system's temporary folder otherwise
        self.spool = self.root.path("warc", f"{SPOOL}{os.getpid()}") if self.root.local else None
        if self.root.local:
            os.makedirs(self.root.path("warc"), exist_ok=True)
            _sweep(self.root.path("warc"))

    def _warcinfo(self, writer: WARCWriter, filename: str):
        return writer.create_warcinfo_record(filename, {
            "software": f"piagam/{__version__}", "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "robots": "obey", "description": "Client charter reports harvested by piagam"})

    def _write(self, records: list, entry: dict) -> str:
        """Append `records` (the last one is indexed); returns its location `<file>#<offset>`."""
        with self._lock:
            if self.root.local:
                filename = self.name
                path = self.root.path("warc", filename)
                with open(path, "ab") as warc:
                    writer = _Sha256Writer(warc, gzip=True, warc_version="1.1")
                    if warc.tell() == 0:
                        writer.write_record(self._warcinfo(writer, filename))
                    for record in records[:-1]:
                        writer.write_record(record)
                    offset = warc.tell()
                    writer.write_record(records[-1])
                    length = warc.tell() - offset
            else:
                filename = f"{entry['sha256']}-{self.name}"
                path = self.root.path("warc", filename)
                buffer = BytesIO()
                writer = _Sha256Writer(buffer, gzip=True, warc_version="1.1")
                for record in [self._warcinfo(writer, filename), *records[:-1]]:
                    writer.write_record(record)
                offset = buffer.tell()
                writer.write_record(records[-1])
                length = buffer.tell() - offset
                self.root.write_bytes(path, buffer.getvalue())
            record = records[-1]
            date = record.rec_headers.get_header("WARC-Date")
            fields = {"url": record.rec_headers.get_header("WARC-Target-URI"), "mime": entry.pop("mime"),
                      **({"status": str(entry["status"])} if entry.get("status") else {}),
                      "digest": record.rec_headers.get_header("WARC-Payload-Digest"), "length": str(length),
                      "offset": str(offset), "filename": filename, "sha256": entry["sha256"],
                      "source": entry["source"]}
            line = f"{surt(fields['url'])} {''.join(c for c in date if c.isdigit())[:14]} {json.dumps(fields)}\n"
            if self.root.local:
                with open(self.index, "a", encoding="utf-8") as index:
                    index.write(line)
            else:
                earlier = self.root.read_bytes(self.index) if self.root.exists(self.index) else b""
                self.root.write_bytes(self.index, earlier + line.encode("utf-8"))
            return f"{self.root.uri(path)}#{offset}"

    def _warc_headers(self, fetched: Fetched, source_id: str) -> dict:
        return {"WARC-Date": fetched.fetched_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), "WARC-Piagam-Source": source_id}

    def store(self, fetched: Fetched, sha256: str, source_id: str) -> str:
        """Archive a fetched body (copied from its temporary file, never held whole); returns its
        location `<file>#<offset>`."""
        writer = _Sha256Writer(BytesIO(), warc_version="1.1")
        warc_headers = self._warc_headers(fetched, source_id)
        entry = {"sha256": sha256, "source": source_id, "status": None,
                 "mime": fetched.headers.get("content-type", "application/octet-stream").split(";")[0].strip()}
        payload, length = fetched.open_payload()
        with payload:
            if fetched.url.startswith("file://"):
                warc_headers["WARC-Payload-Digest"] = payload_digest(sha256)
                record = writer.create_warc_record(fetched.url, "resource", payload=payload, length=length,
                                                   warc_headers_dict=warc_headers,
                                                   warc_content_type="application/octet-stream")
                return self._write([record], entry)
            http = StatusAndHeaders(f"{fetched.status} {fetched.reason or _phrase(fetched.status)}",
                                    [(k, v) for k, v in fetched.raw_headers if k.lower() != "transfer-encoding"],
                                    protocol=fetched.http_version)
            response = writer.create_warc_record(fetched.url, "response", payload=payload, length=length,
                                                 http_headers=http, warc_headers_dict=warc_headers)
            target = urlsplit(fetched.url)
            sent = StatusAndHeaders(f"GET {target.path or '/'}{'?' + target.query if target.query else ''} "
                                    f"{fetched.http_version}", fetched.request_headers, is_http_request=True)
            request = writer.create_warc_record(
                fetched.url, "request", http_headers=sent,
                warc_headers_dict={**warc_headers,
                                   "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")})
            return self._write([request, response], {**entry, "status": fetched.status})

    def revisit(self, fetched: Fetched, sha256: str, source_id: str, first_date: str) -> str:
        """Record that `fetched.url` was still the document `sha256` (a 304); returns the location."""
        writer = _Sha256Writer(BytesIO(), warc_version="1.1")
        warc_headers = self._warc_headers(fetched, source_id)
        http = StatusAndHeaders(f"{fetched.status} {fetched.reason or _phrase(fetched.status)}",
                                fetched.raw_headers, protocol=fetched.http_version)
        record = writer.create_revisit_record(fetched.url, payload_digest(sha256), fetched.url,
                                              first_date, http_headers=http, warc_headers_dict=warc_headers)
        record.rec_headers.replace_header("WARC-Profile",
                                          "http://netpreserve.org/warc/1.1/revisit/server-not-modified")
        return self._write([record], {"sha256": sha256, "source": source_id, "status": fetched.status,
                                      "mime": "warc/revisit"})


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def read_record(location: str) -> bytes:
    """The body of the record at `<file>#<offset>` (a local path or an object-store URL),
    decoded as the server encoded it (gzip, deflate)."""
    path, _, offset = location.rpartition("#")
    root = Root(path)
    # a local WARC file is opened where it lies; an object-store one holds one document, read whole
    with (open(root.base, "rb") if root.local else BytesIO(root.read_bytes(root.base))) as warc:
        warc.seek(int(offset))
        record = next(iter(ArchiveIterator(warc)))
        return record.content_stream().read()


def archived_bytes(archive_path: str) -> bytes:
    """The raw bytes of an archived document, from the `archive_path` of its documents row."""
    return read_record(archive_path)


def locate(out: str | Path | Root, sha256: str) -> str | None:
    """Where the bytes of `sha256` are archived (a response or resource record), from the CDXJ
    index, or None."""
    root = Root.of(out)
    index = root.path("warc", INDEX)
    if not root.exists(index):
        return None
    for line in root.read_bytes(index).decode("utf-8", "replace").splitlines():
        try:
            fields = json.loads(line.split(" ", 2)[2])
        except (ValueError, IndexError):  # a line torn by an interrupted run
            continue
        if fields.get("sha256") == sha256 and fields.get("mime") != "warc/revisit":
            return f"{root.uri(root.path('warc', fields['filename']))}#{fields['offset']}"
    return None


def read_bytes(out: str | Path | Root, sha256: str) -> bytes | None:
    """A document's bytes back from the archive by their sha256, or None if never archived."""
    location = locate(out, sha256)
    return read_record(location) if location else None
