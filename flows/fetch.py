"""Polite, bounded fetching of one document: file:// from disk, http(s) with httpx.

A `Fetcher` is shared by every document of a run. Towards each host it keeps at most a few
requests at once and a delay between their starts (the source's `concurrency` and
`requests_per_second`, or robots.txt's Crawl-delay if that is longer, up to MAX_WAIT); it obeys
robots.txt as Protego (Scrapy's parser) reads its first 500 KiB, wildcards included; it retries
connection errors, read timeouts, 408, 429 and 5xx with exponential backoff and jitter
(honouring a Retry-After up to MAX_WAIT); it follows redirects only to the source's own hosts.

Bounds: each read waits at most the source's `timeout`, and a whole response (connection to last
byte) at most its `deadline`, so a server dripping a byte a second or an endless chunked body
is cut off; a body is refused past the size cap, counting the decoded bytes (a gzip bomb is
stopped while it inflates). A body is never held in memory whole: it is streamed to a temporary
file in the fetcher's spool folder (the archive's, flows.archive) while it is hashed, and the
payload as received beside it when it was content-encoded; the archive copies them into its WARC
file and a reader process reads the file itself (`Fetched.body`), so the harvest's own memory
does not grow with the size or the number of the documents. `Fetched.discard` removes them.

Security: file:// addresses are read only for a source that lists local files (its `urls`, or a
file:// listing), never for a link found on a web page, and only regular files; the address a
connection actually reached is checked right after connecting, before the request is sent
(NAT64, IPv4-mapped, 6to4 and Teredo forms of private addresses included), so a name that
re-resolves to a private address is refused too; `user:password@` is removed from every address
and never sent. It sends If-None-Match / If-Modified-Since when it knows the document, and a 304
downloads nothing. Every error a user can meet is a `FetchError` whose message is one sentence.
"""

from __future__ import annotations

import email.utils
import hashlib
import ipaddress
import os
import random
import re
import shutil
import socket
import ssl
import stat
import tempfile
import threading
import time
import zlib
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote, urljoin, urlparse, urlsplit, urlunsplit

import certifi
import httpx
from protego import Protego

from piagam import __version__

from ..extractors.limits import Stopped, stopping
from .sources import Source

USER_AGENT = f"piagam/{__version__} (client charter report harvester)"
ROBOTS_AGENT = "piagam"
MAX_REDIRECTS = 5
MAX_WAIT = 60.0  # seconds: the longest Retry-After or Crawl-delay obeyed; a site asking more fails this run
ROBOTS_MAX_BYTES = 500 * 1024  # robots.txt is read this far (RFC 9309 asks for at least 500 KiB)
REDIRECTS = {301, 302, 303, 307, 308}
SECRET_HEADERS = {"authorization", "cookie", "proxy-authorization"}  # sent, but never archived
CHUNK = 256 * 1024  # bytes read from a local file at a time
NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


class FetchError(Exception):
    """A document that could not be fetched; the message is one sentence for the user."""


class CertificateError(FetchError):
    """The site's TLS certificate could not be verified."""


class PrivateAddress(FetchError):
    """A connection reached a private or loopback address the source does not allow."""


class UnknownHost(FetchError):
    """The host's name could not be resolved."""


@dataclass
class Fetched:
    url: str  # the final address, after redirects
    held: bytes | None  # the decoded body when it is held in memory (bytes given here); else it is in `path`
    status: int
    fetched_at: datetime
    headers: dict[str, str] = field(default_factory=dict)
    # as received, for the archive: the status line, every header in order, the payload (still
    # content-encoded) and the request that was sent
    raw_headers: list[tuple[str, str]] = field(default_factory=list)
    reason: str = ""
    http_version: str = "HTTP/1.1"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    path: str | None = None  # the decoded body's temporary file
    payload_path: str | None = None  # the payload as received, when it was content-encoded (else the body)
    sha256: str = ""  # of the decoded body
    size: int = 0  # of the decoded body

    def __post_init__(self):
        if self.held is not None and not self.sha256:
            self.sha256, self.size = hashlib.sha256(self.held).hexdigest(), len(self.held)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def data(self) -> bytes:
        """The decoded body, read back whole: for what is small (a listing page, robots.txt)."""
        if self.path is None:
            return self.held or b""
        with open(self.path, "rb") as body:
            return body.read()

    def head(self, size: int = 65536) -> bytes:
        """The first bytes of the decoded body (enough to tell a PDF from an HTML page)."""
        if self.path is None:
            return (self.held or b"")[:size]
        with open(self.path, "rb") as body:
            return body.read(size)

    def body(self) -> bytes | Path:
        """What a reader is handed: the body's file, or the bytes when they are in memory."""
        return Path(self.path) if self.path is not None else self.data

    def open_payload(self) -> tuple[BinaryIO, int]:
        """The payload as received (for the archive), opened, and its length."""
        path = self.payload_path or self.path
        if path is None:
            return BytesIO(self.data), self.size
        return open(path, "rb"), os.path.getsize(path)

    def discard(self) -> None:
        """Remove the body's temporary files (done with this document)."""
        for path in (self.path, self.payload_path):
            if path is not None:
                with suppress(FileNotFoundError):
                    os.remove(path)
        self.path = self.payload_path = None


class _Retry(Exception):
    """A response or error worth another try; `wait` is what the server asked for, if anything."""

    def __init__(self, reason: str, wait: float | None = None):
        super().__init__(reason)
        self.wait = wait


def without_credentials(url: str) -> str:
    """The address with any `user:password@` removed: never sent, never stored."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


def local_path(url: str) -> Path:
    return Path(unquote(urlparse(url).path))


def lists_local_files(source: Source, url: str) -> bool:
    """Whether `url` is a local file the source itself names: one of its `urls`, or a link of a
    file:// listing. A file:// link on a web page is never read."""
    return url in source.urls or (source.listing or "").startswith("file://")


def fetch_file(url: str, max_bytes: int, spool: str) -> Fetched:
    """A local file, copied into a temporary file of `spool` (hashed on the way) up to `max_bytes`."""
    path = local_path(url)
    try:
        with open(path, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):  # /dev/zero, a pipe, a device
                raise FetchError(f"{path} is not a regular file, so it was not read.")
            with _Spooled(spool, url, max_bytes) as body:
                while chunk := file.read(CHUNK):  # a file that grows (or lies about its size) stops at the cap
                    body.write(chunk)
    except OSError as exc:
        raise FetchError(f"The file {path} cannot be read ({exc.strerror or exc}).") from None
    return Fetched(url, None, 200, datetime.now(timezone.utc), path=body.path, sha256=body.sha256, size=body.size)


class _Spooled:
    """A body written to a temporary file of `spool` as it arrives, hashed and counted; a
    FetchError past `max_bytes` (or, with `truncate`, nothing kept past it). The file is removed
    if the block raises."""

    def __init__(self, spool: str, url: str, max_bytes: int, truncate: bool = False):
        os.makedirs(spool, exist_ok=True)
        self.file = tempfile.NamedTemporaryFile(dir=spool, prefix=".body-", delete=False)
        self.path = self.file.name
        self.url, self.max_bytes, self.truncate = url, max_bytes, truncate
        self.digest, self.size, self.full = hashlib.sha256(), 0, False

    def __enter__(self):
        return self

    def write(self, chunk: bytes) -> None:
        if self.full:
            return
        if self.size + len(chunk) > self.max_bytes:
            if not self.truncate:
                raise FetchError(f"{self.url} is over the size limit of {self.max_bytes} bytes.")
            chunk, self.full = chunk[:self.max_bytes - self.size], True
        self.file.write(chunk)
        self.digest.update(chunk)
        self.size += len(chunk)

    @property
    def sha256(self) -> str:
        return self.digest.hexdigest()

    def __exit__(self, kind, *exc):
        self.file.close()
        if kind is not None:
            with suppress(FileNotFoundError):
                os.remove(self.path)


def refused_address(address: str) -> bool:
    """Whether an address is private, loopback, link-local or otherwise not public, also when it
    is written as an IPv6 form of an IPv4 address (mapped, NAT64, 6to4, Teredo, compatible)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is None and any(ip in net for net in NAT64):
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is None and int(ip) >> 32 == 0 and int(ip) > 1:  # ::a.b.c.d, the deprecated compatible form
            embedded = ipaddress.IPv4Address(int(ip))
        if embedded is not None:
            return not embedded.is_global
    return not ip.is_global


class _HostGate:
    """At most `concurrency` requests at once to one host, their starts `interval` s apart."""

    def __init__(self, concurrency: int, interval: float):
        self.slots = threading.BoundedSemaphore(concurrency)
        self.lock = threading.Lock()
        self.interval = interval
        self.next_start = 0.0

    @contextmanager
    def turn(self):
        with self.slots:
            with self.lock:
                now = time.monotonic()
                start = max(now, self.next_start)
                self.next_start = start + self.interval
            if stopping.wait(start - now):
                raise Stopped()
            yield


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def backoff(attempt: int, base: float) -> float:
    """Exponential backoff with full jitter: a random wait in [base * 2**attempt / 2, base * 2**attempt]."""
    ceiling = base * 2 ** attempt
    return ceiling / 2 + random.random() * ceiling / 2


_in_flight: set[_Guard] = set()  # the requests under way, for cut_all


def cut_all() -> None:
    """Cut every request under way (a signal's doing: `stopping` is set). Safe in a signal handler."""
    for guard in list(_in_flight):
        guard._cut()


class _Guard:
    """httpx's trace hook for one request: checks the address the connection actually reached
    before anything is sent on it, and cuts the connection once the response's deadline passes
    (a blocked read then ends at once)."""

    def __init__(self, url: str, source: Source):
        self.host = urlparse(url).hostname
        self.allow_private = source.allow_private
        self.expired = False
        self._socket = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(source.deadline, self._expire)
        self._timer.daemon = True
        self._timer.start()
        _in_flight.add(self)

    def __call__(self, event: str, info: dict) -> None:
        if event not in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            return
        stream = info["return_value"]
        if event == "connection.connect_tcp.complete":
            peer = stream.get_extra_info("server_addr")
            address = str(peer[0]) if peer else "unknown"
            if not self.allow_private and (not peer or refused_address(address)):
                stream.close()
                raise PrivateAddress(f"The host {self.host} is at the private or loopback address {address}, "
                                 f"refused unless the source says allow_private: true.")
        with self._lock:
            self._socket = stream.get_extra_info("socket")  # after TLS, the socket that wraps the first
            if self.expired or stopping.is_set():
                self._cut()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            self._cut()

    def _cut(self) -> None:
        try:
            self._socket.shutdown(socket.SHUT_RDWR)
        except (OSError, AttributeError):  # not connected yet, or already closed
            pass

    def done(self) -> None:
        self._timer.cancel()
        _in_flight.discard(self)


class Fetcher:
    """`spool`: the folder of the bodies' temporary files (a new temporary folder if None),
    removed with what is left in it when the fetcher is closed."""

    def __init__(self, spool: str | None = None):
        self.spool = spool or tempfile.mkdtemp(prefix="piagam-bodies-")
        self._clients: dict[bool | str, httpx.Client] = {}  # by the sources' tls_verify
        self._lock = threading.Lock()
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[tuple, Protego | str] = {}  # a str is why nothing is fetched from the host
        self._robots_locks: dict[tuple, threading.Lock] = {}

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        shutil.rmtree(self.spool, ignore_errors=True)

    def _client(self, source: Source) -> httpx.Client:
        with self._lock:
            client = self._clients.get(source.tls_verify)
            if client is None:
                # a connection of its own for every request: its address is checked when it is
                # made, and cutting it at a deadline harms no other request
                client = self._clients[source.tls_verify] = httpx.Client(
                    headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
                    follow_redirects=False, trust_env=False, verify=_tls(source.tls_verify),
                    limits=httpx.Limits(max_keepalive_connections=0))
            return client

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def fetch(self, url: str, source: Source, etag: str | None = None,
              last_modified: str | None = None) -> Fetched:
        """The document at `url` (a 304 when the validators still hold); raises FetchError."""
        url = without_credentials(url)
        if url.startswith("file://"):
            if not lists_local_files(source, url):
                raise FetchError(f"{url} is a file of this machine linked from a web page, and piagam reads "
                                 f"local files only for a source that lists local files.")
            return fetch_file(url, source.max_bytes, self.spool)
        _parsable(url)
        allowed = source.own_hosts() | {(urlparse(url).hostname or "").lower()}
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            self._check(current, source, robots=True)
            fetched = self._with_retries(current, source, conditional)
            if fetched.status not in REDIRECTS:
                if fetched.status >= 400:
                    raise FetchError(f"{url} answered HTTP {fetched.status}{_reason(fetched.status)}.")
                return fetched
            location = fetched.headers.get("location")
            if not location:
                raise FetchError(f"{url} answered a redirect (HTTP {fetched.status}) without saying where to.")
            target = without_credentials(urljoin(current, location))
            host = (urlparse(target).hostname or "").lower()
            if urlparse(target).scheme not in ("http", "https") or host not in allowed:
                raise FetchError(f"{url} redirects to {target}, outside the source's own hosts, "
                                 f"so it was not followed.")
            current = target
        raise FetchError(f"{url} redirects more than {MAX_REDIRECTS} times.")

    # --- checks before a request -------------------------------------------------------------

    def _check(self, url: str, source: Source, robots: bool) -> None:
        parts = urlparse(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"{url} is not an http or https address piagam can fetch.")
        if robots and not self._robots_of(url, source).can_fetch(url, ROBOTS_AGENT):
            raise FetchError(f"The robots.txt of {parts.hostname} does not allow piagam to fetch {url}.")

    def _gate(self, host: str, source: Source) -> _HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = _HostGate(source.concurrency, 1.0 / source.requests_per_second)
            return gate

    def _robots_of(self, url: str, source: Source) -> Protego:
        parts = urlparse(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        key = (origin, source.tls_verify, source.allow_private)  # what may be reached depends on both
        with self._lock:
            lock = self._robots_locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._robots:
                self._robots[key] = self._read_robots(origin, source)
        rules = self._robots[key]
        if isinstance(rules, str):
            raise FetchError(rules)
        return rules

    def _read_robots(self, origin: str, source: Source) -> Protego | str:
        """robots.txt as RFC 9309 reads it (its first 500 KiB): 4xx allows everything;
        unreachable disallows everything."""
        host = urlparse(origin).hostname
        try:
            answer = self._with_retries(origin + "/robots.txt", source, {}, max_bytes=ROBOTS_MAX_BYTES, truncate=True)
        except (CertificateError, PrivateAddress, UnknownHost) as exc:  # what every request to the host would meet
            return str(exc)
        except FetchError as exc:
            reason = str(exc).rstrip(".")
            return f"The robots.txt of {host} could not be read ({reason}), so nothing is fetched from that host."
        if answer.status >= 400 or answer.status in REDIRECTS:
            return Protego.parse("")  # no robots.txt (a redirected one is not followed: read as none)
        text = answer.data.decode("utf-8", "replace")
        answer.discard()
        rules = Protego.parse(text)
        delay = rules.crawl_delay(ROBOTS_AGENT)
        if delay and delay > MAX_WAIT:
            return (f"The robots.txt of {host} asks for {delay:g} s between requests (Crawl-delay), longer than "
                    f"piagam waits ({MAX_WAIT:g} s), so nothing is fetched from that host.")
        if delay:
            gate = self._gate(host.lower(), source)
            gate.interval = max(gate.interval, float(delay))
        return rules

    # --- one request, with retries -----------------------------------------------------------

    def _with_retries(self, url: str, source: Source, extra: dict[str, str],
                      max_bytes: int | None = None, truncate: bool = False) -> Fetched:
        gate = self._gate((urlparse(url).hostname or "").lower(), source)
        for attempt in range(source.retries + 1):
            try:
                with gate.turn():
                    return self._request(url, source, extra, max_bytes or source.max_bytes, truncate)
            except _Retry as retry:
                if retry.wait is not None and retry.wait > MAX_WAIT:
                    raise FetchError(f"{retry}, and asked to come back after {retry.wait:.0f} s, longer than "
                                     f"piagam waits ({MAX_WAIT:.0f} s).") from None
                if attempt == source.retries:
                    tries = f" after {attempt + 1} tries" if attempt else ""
                    raise FetchError(f"{retry}{tries}.") from None
                if stopping.wait(retry.wait if retry.wait is not None else backoff(attempt, source.retry_delay)):
                    raise Stopped() from None
        raise AssertionError("unreachable")

    def _request(self, url: str, source: Source, extra: dict[str, str], max_bytes: int, truncate: bool) -> Fetched:
        headers = {**source.headers, **extra}
        now = datetime.now(timezone.utc)
        if stopping.is_set():
            raise Stopped()
        guard = _Guard(url, source)
        try:
            with self._client(source).stream("GET", url, headers=headers, timeout=source.timeout,
                                             extensions={"trace": guard}) as response:
                status = response.status_code
                if status in (408, 429) or status >= 500:
                    raise _Retry(f"{url} answered HTTP {status}{_reason(status)}",
                                 retry_after(response.headers.get("retry-after")))
                fetched = Fetched(str(response.url), b"", status, now, dict(response.headers),
                                  raw_headers=_text_headers(response.headers.raw), reason=response.reason_phrase,
                                  http_version=response.http_version,
                                  request_headers=[(k, v) for k, v in _text_headers(response.request.headers.raw)
                                                   if k.lower() not in SECRET_HEADERS])
                if 200 <= status < 300:  # a body to keep (not a redirect's, a 304's or an error page's)
                    _read_body(response, url, max_bytes, truncate, self.spool, fetched)
                return fetched
        except httpx.HTTPError as exc:
            if stopping.is_set():  # cut by cut_all
                raise Stopped() from None
            if guard.expired:
                raise FetchError(f"{url} was not fully received within {source.deadline:g} s (the source's "
                                 f"deadline for one response), so it was stopped.") from None
            if isinstance(exc, httpx.TimeoutException):
                raise _Retry(f"{url} did not answer within {source.timeout:g} s") from None
            if isinstance(exc, httpx.ConnectError):
                why = re.search(r"certificate verify failed: ([^(]+)", str(exc))
                if why:  # trying again will not mend a certificate
                    raise CertificateError(f"{urlparse(url).hostname} has a TLS certificate that could not be "
                                           f"verified ({why.group(1).strip()}); if the site's certificate chain is "
                                           f"incomplete, give the source `tls_verify: <file of CA certificates>`."
                                           ) from None
                if _caused_by(exc, socket.gaierror):
                    raise UnknownHost(f"The host {urlparse(url).hostname} could not be found (DNS).") from None
            raise _Retry(f"{url} could not be reached ({type(exc).__name__})") from None
        finally:
            guard.done()


def _text_headers(raw: list[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in raw]


def _caused_by(exc: BaseException | None, kind: type) -> bool:
    while exc is not None:
        if isinstance(exc, kind):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _parsable(url: str) -> None:
    """Raise FetchError for an address that cannot even be asked for (a host label over 63
    characters, an address too long for httpx, a broken IPv6 literal), naming it shortened."""
    try:
        (urlparse(url).hostname or "").encode("idna")
        httpx.URL(url)
    except UnicodeError:  # idna
        reason = "a part of its host name is empty or longer than 63 characters"
    except (ValueError, httpx.InvalidURL) as exc:
        reason = str(exc)
    else:
        return
    shown = url if len(url) <= 100 else url[:100] + "..."
    raise FetchError(f"The address {shown} cannot be fetched ({reason}).")


def _tls(verify: bool | str) -> bool | ssl.SSLContext:
    """httpx's `verify`: the usual CA certificates plus those of the file, when a file is named."""
    if not isinstance(verify, str):
        return verify
    context = ssl.create_default_context(cafile=certifi.where())
    context.load_verify_locations(cafile=verify)
    return context


def _reason(status: int) -> str:
    words = {404: "not found", 403: "forbidden", 410: "gone", 401: "unauthorised", 408: "request timeout",
             429: "too many requests", 500: "server error", 502: "bad gateway", 503: "unavailable",
             504: "gateway timeout"}
    return f" ({words[status]})" if status in words else ""


def _read_body(response: httpx.Response, url: str, max_bytes: int, truncate: bool, spool: str,
               fetched: Fetched) -> None:
    """Stream the body into temporary files of `spool`: the decoded body (`fetched.path`, with its
    sha256 and size) and, when it was content-encoded, the payload as received
    (`fetched.payload_path`). Refused as soon as it (raw or decoded) passes `max_bytes`; with
    `truncate`, cut there instead. Nothing is left on disk if it raises."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes and not truncate:
        raise FetchError(f"{url} is over the size limit of {max_bytes} bytes.")
    encoding = (response.headers.get("content-encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    elif encoding == "identity":
        inflater = None
    else:
        raise FetchError(f"{url} is sent with the content encoding {encoding!r}, which piagam does not read.")
    with ExitStack() as files:
        body = files.enter_context(_Spooled(spool, url, max_bytes, truncate))
        payload = files.enter_context(_Spooled(spool, url, max_bytes, truncate)) if inflater else None
        try:
            for chunk in response.iter_raw():
                if payload is not None:
                    payload.write(chunk)
                    chunk = inflater.decompress(chunk, max_bytes - body.size + 1)  # never inflates past the cap
                body.write(chunk)
                if body.full or (payload is not None and payload.full):
                    break
            if payload is not None and not body.full:
                body.write(inflater.flush())
        except zlib.error:
            raise FetchError(f"{url} was sent {encoding}-compressed, but the compressed data is broken.") from None
    if payload is not None and (body.full or payload.full):  # truncated: what is kept is the decoded part
        os.remove(payload.path)
        payload = None
    fetched.held, fetched.path, fetched.sha256, fetched.size = None, body.path, body.sha256, body.size
    fetched.payload_path = payload.path if payload is not None else None
