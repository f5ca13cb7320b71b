"""Polite fetching of one document: file:// from disk, http(s) with httpx.

A `Fetcher` is shared by every document of a run. Towards each host it keeps at most a few
requests at once and a delay between their starts (the source's `concurrency` and
`requests_per_second`, or robots.txt's Crawl-delay if that is longer); it obeys robots.txt;
it retries connection errors, timeouts, 5xx and 429 with exponential backoff and jitter
(honouring Retry-After); it follows redirects only to the source's own hosts; it refuses
private and loopback addresses unless the source allows them; it stops reading a body past the
size cap, counting the decoded bytes (a gzip bomb is stopped while it inflates); it sends
If-None-Match / If-Modified-Since when it knows the document, and a 304 downloads nothing.
Every error a user can meet is a `FetchError` whose message is one sentence.
"""

from __future__ import annotations

import email.utils
import ipaddress
import random
import re
import socket
import ssl
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse
from urllib.robotparser import RobotFileParser

import certifi
import httpx

from piagam import __version__

from .sources import Source

USER_AGENT = f"piagam/{__version__} (client charter report harvester)"
ROBOTS_AGENT = "piagam"
MAX_REDIRECTS = 5
MAX_RETRY_AFTER = 600.0  # seconds; a site asking for a longer wait fails this run
ROBOTS_MAX_BYTES = 512 * 1024
REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """A document that could not be fetched; the message is one sentence for the user."""


class CertificateError(FetchError):
    """The site's TLS certificate could not be verified."""


@dataclass
class Fetched:
    url: str  # the final address, after redirects
    data: bytes
    status: int
    fetched_at: datetime
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Retry(Exception):
    """A response or error worth another try; `wait` is what the server asked for, if anything."""

    def __init__(self, reason: str, wait: float | None = None):
        super().__init__(reason)
        self.wait = wait


def local_path(url: str) -> Path:
    return Path(unquote(urlparse(url).path))


def fetch_file(url: str, max_bytes: int) -> Fetched:
    path = local_path(url)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise FetchError(f"The file {path} is {size} bytes, over the limit of {max_bytes}.")
        return Fetched(url, path.read_bytes(), 200, datetime.now(timezone.utc))
    except OSError as exc:
        raise FetchError(f"The file {path} cannot be read ({exc.strerror or exc}).") from None


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
            time.sleep(start - now)
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


class Fetcher:
    def __init__(self):
        self._clients: dict[bool | str, httpx.Client] = {}  # by the sources' tls_verify
        self._lock = threading.Lock()
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[tuple, RobotFileParser | str] = {}  # a str is why robots.txt could not be read
        self._robots_locks: dict[tuple, threading.Lock] = {}
        self._addresses: dict[str, str | None] = {}  # host -> why it is refused (None: allowed)

    def close(self) -> None:
        for client in self._clients.values():
            client.close()

    def _client(self, source: Source) -> httpx.Client:
        with self._lock:
            client = self._clients.get(source.tls_verify)
            if client is None:
                client = self._clients[source.tls_verify] = httpx.Client(
                    headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
                    follow_redirects=False, trust_env=False, verify=_tls(source.tls_verify))
            return client

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def fetch(self, url: str, source: Source, etag: str | None = None,
              last_modified: str | None = None) -> Fetched:
        """The document at `url` (a 304 when the validators still hold); raises FetchError."""
        if url.startswith("file://"):
            return fetch_file(url, source.max_bytes)
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
            target = urljoin(current, location)
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
        refused = self._address_refused(parts.hostname, source.allow_private)
        if refused:
            raise FetchError(refused)
        if robots:
            rules = self._robots_of(url, source)
            if not rules.can_fetch(ROBOTS_AGENT, url):
                raise FetchError(f"The robots.txt of {parts.hostname} does not allow piagam to fetch {url}.")

    def _address_refused(self, host: str, allow_private: bool) -> str | None:
        key = f"{host}|{allow_private}"
        with self._lock:
            if key in self._addresses:
                return self._addresses[key]
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except socket.gaierror:
            reason = f"The host {host} could not be found (DNS)."
        else:
            private = [a for a in {i[4][0] for i in infos} if not ipaddress.ip_address(a.split("%")[0]).is_global]
            reason = None
            if private and not allow_private:
                reason = (f"The host {host} is at the private or loopback address {private[0]}, refused unless "
                          f"the source says allow_private: true.")
        with self._lock:
            self._addresses[key] = reason
        return reason

    def _gate(self, host: str, source: Source) -> _HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = _HostGate(source.concurrency, 1.0 / source.requests_per_second)
            return gate

    def _robots_of(self, url: str, source: Source) -> RobotFileParser:
        parts = urlparse(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        key = (origin, source.tls_verify)  # what a site's certificate allows depends on the setting
        with self._lock:
            lock = self._robots_locks.setdefault(key, threading.Lock())
        with lock:
            if key not in self._robots:
                self._robots[key] = self._read_robots(origin, source)
        rules = self._robots[key]
        if isinstance(rules, str):
            raise FetchError(rules)
        return rules

    def _read_robots(self, origin: str, source: Source) -> RobotFileParser | str:
        """robots.txt as RFC 9309 reads it: 4xx allows everything; unreachable disallows everything."""
        rules = RobotFileParser(origin + "/robots.txt")
        try:
            answer = self._with_retries(origin + "/robots.txt", source, {}, max_bytes=ROBOTS_MAX_BYTES)
        except CertificateError as exc:
            return str(exc)
        except FetchError as exc:
            return (f"The robots.txt of {urlparse(origin).hostname} could not be read ({exc}), so nothing is "
                    f"fetched from that host.")
        if answer.status >= 400 or answer.status in REDIRECTS:
            rules.allow_all = True  # no robots.txt (a redirected one is not followed: read as none)
        else:
            rules.parse(answer.data.decode("utf-8", "replace").splitlines())
            delay = rules.crawl_delay(ROBOTS_AGENT)
            gate = self._gate(urlparse(origin).hostname.lower(), source)
            if delay:
                gate.interval = max(gate.interval, float(delay))
        return rules

    # --- one request, with retries -----------------------------------------------------------

    def _with_retries(self, url: str, source: Source, extra: dict[str, str],
                      max_bytes: int | None = None) -> Fetched:
        gate = self._gate((urlparse(url).hostname or "").lower(), source)
        for attempt in range(source.retries + 1):
            try:
                with gate.turn():
                    return self._request(url, source, extra, max_bytes or source.max_bytes)
            except _Retry as retry:
                if attempt == source.retries:
                    tries = f" after {attempt + 1} tries" if attempt else ""
                    raise FetchError(f"{retry}{tries}.") from None
                wait = retry.wait if retry.wait is not None else backoff(attempt, source.retry_delay)
                if wait > MAX_RETRY_AFTER:
                    raise FetchError(f"{retry}, and asked to come back after {wait:.0f} s, longer than piagam "
                                     f"waits ({MAX_RETRY_AFTER:.0f} s).") from None
                time.sleep(wait)
        raise AssertionError("unreachable")

    def _request(self, url: str, source: Source, extra: dict[str, str], max_bytes: int) -> Fetched:
        headers = {**source.headers, **extra}
        now = datetime.now(timezone.utc)
        try:
            with self._client(source).stream("GET", url, headers=headers, timeout=source.timeout) as response:
                status = response.status_code
                if status == 429 or status >= 500:
                    raise _Retry(f"{url} answered HTTP {status}{_reason(status)}",
                                 retry_after(response.headers.get("retry-after")))
                data = b"" if status in REDIRECTS or status == 304 else _read_body(response, url, max_bytes)
                return Fetched(str(response.url), data, status, now, dict(response.headers))
        except httpx.TimeoutException:
            raise _Retry(f"{url} did not answer within {source.timeout:g} s") from None
        except httpx.ConnectError as exc:
            why = re.search(r"certificate verify failed: ([^(]+)", str(exc))
            if why:  # trying again will not mend a certificate
                raise CertificateError(f"{urlparse(url).hostname} has a TLS certificate that could not be verified "
                                       f"({why.group(1).strip()}); if the site's certificate chain is incomplete, "
                                       f"give the source `tls_verify: <file of CA certificates>`.") from None
            raise _Retry(f"{url} could not be reached ({type(exc).__name__})") from None
        except httpx.HTTPError as exc:
            raise _Retry(f"{url} could not be reached ({type(exc).__name__})") from None


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
    words = {404: "not found", 403: "forbidden", 410: "gone", 401: "unauthorised", 429: "too many requests",
             500: "server error", 502: "bad gateway", 503: "unavailable", 504: "gateway timeout"}
    return f" ({words[status]})" if status in words else ""


def _read_body(response: httpx.Response, url: str, max_bytes: int) -> bytes:
    """The decoded body, refused as soon as it (raw or decoded) passes `max_bytes`."""
    too_big = FetchError(f"{url} is over the size limit of {max_bytes} bytes.")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise too_big
    encoding = (response.headers.get("content-encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    elif encoding == "identity":
        inflater = None
    else:
        raise FetchError(f"{url} is sent with the content encoding {encoding!r}, which piagam does not read.")
    chunks, raw, size = [], 0, 0
    try:
        for chunk in response.iter_raw():
            raw += len(chunk)
            if raw > max_bytes:
                raise too_big
            if inflater is not None:
                chunk = inflater.decompress(chunk, max_bytes - size + 1)  # never inflates past the cap
            size += len(chunk)
            if size > max_bytes:
                raise too_big
            chunks.append(chunk)
        if inflater is not None:
            tail = inflater.flush()
            size += len(tail)
            if size > max_bytes:
                raise too_big
            chunks.append(tail)
    except zlib.error:
        raise FetchError(f"{url} was sent {encoding}-compressed, but the compressed data is broken.") from None
    return b"".join(chunks)
