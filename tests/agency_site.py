"""A real HTTP server on 127.0.0.1 that behaves like an agency's website, for the tests and bench/.

Each path serves a `Page`: bytes with an ETag and Last-Modified (and 304s for conditional
requests that still hold), or a misbehaviour: `fail_first` 500s, a 429 with Retry-After, a
delay longer than the client's timeout, a redirect, a gzip-encoded body, a body dripped a byte
at a time, an endless chunked body; or a large report (`pad`: a comment of any size, made as it
is sent). Every request is logged (path, status, headers, when it arrived and when it ended) and
the most requests in flight at once is kept.
"""

from __future__ import annotations

import email.utils
import hashlib
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    fail_first: int = 0  # answer `fail_status` to the first n requests
    fail_status: int = 500
    throttle_first: int = 0  # answer 429 with Retry-After to the first n requests
    retry_after: str = "1"
    delay: float = 0.0  # seconds before answering
    location: str | None = None  # a redirect
    gzip: bool = False  # body is already gzip-compressed; sent with Content-Encoding: gzip
    drip: float = 0.0  # seconds between the body's bytes, sent one at a time
    endless: bool = False  # a chunked body that never ends
    pad: int = 0  # bytes of an HTML comment sent after the body, made as they are sent (a large report)
    modified: float = field(default_factory=lambda: time.time() - 86400)
    requests: int = 0

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'

    def replace(self, body: bytes) -> None:
        """A corrected version published at the same address."""
        self.body = body
        self.modified = time.time()


@dataclass
class Hit:
    path: str
    status: int
    headers: dict
    at: float  # time.monotonic() when the answer ended
    started: float  # ... when the request arrived


class AgencySite:
    """`tls`: a server-side SSL context to serve https instead of http."""

    def __init__(self, tls: ssl.SSLContext | None = None):
        self.pages: dict[str, Page] = {}
        self.log: list[Hit] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                started = time.monotonic()
                # a page that hangs is not counted in flight: the client gives up on it (its
                # timeout) and may then use its slot for the next request
                counted = not getattr(site.pages.get(self.path), "delay", 0)
                with site._lock:
                    site.in_flight += counted
                    site.max_in_flight = max(site.max_in_flight, site.in_flight)
                try:
                    status = site._answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    status = 0
                finally:
                    with site._lock:
                        site.in_flight -= counted
                with site._lock:
                    site.log.append(Hit(self.path, status, dict(self.headers), time.monotonic(), started))

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # a client that hung up (a timeout, a refused body) is part of the play

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if tls is not None:
            self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.base = f"{'https' if tls else 'http'}://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def hits(self, path: str) -> list[Hit]:
        return [h for h in self.log if h.path == path]

    def _send(self, handler, status: int, body: bytes = b"", headers: dict | None = None) -> int:
        handler.send_response(status)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
        return status

    def _answer(self, handler) -> int:
        page = self.pages.get(handler.path)
        if page is None:
            return self._send(handler, 404, b"<html><body>Tidak dijumpai</body></html>",
                              {"Content-Type": "text/html"})
        page.requests += 1
        if page.delay:
            time.sleep(page.delay)
        if page.requests <= page.fail_first:
            return self._send(handler, page.fail_status, b"<html><body>Ralat pelayan</body></html>",
                              {"Content-Type": "text/html"})
        if page.requests <= page.throttle_first:
            return self._send(handler, 429, b"", {"Retry-After": page.retry_after})
        if page.location:
            return self._send(handler, 302, b"", {"Location": page.location})
        modified = email.utils.formatdate(page.modified, usegmt=True)
        validators = {"ETag": page.etag, "Last-Modified": modified}
        if handler.headers.get("If-None-Match") == page.etag:
            return self._send(handler, 304, b"", validators)
        headers = {**validators, "Content-Type": page.content_type}
        if page.gzip:
            headers["Content-Encoding"] = "gzip"
        if page.drip or page.endless:
            return self._trickle(handler, page, headers)
        if page.pad:
            return self._padded(handler, page, headers)
        return self._send(handler, page.status, page.body, headers)

    def _padded(self, handler, page: Page, headers: dict) -> int:
        """The body, then a comment of `pad` bytes, a megabyte at a time."""
        chunk = b"x" * 2**20
        handler.send_response(page.status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(page.body) + len(b"<!--  -->") + page.pad))
        handler.end_headers()
        handler.wfile.write(page.body + b"<!-- ")
        for start in range(0, page.pad, len(chunk)):
            handler.wfile.write(chunk[:page.pad - start])
        handler.wfile.write(b" -->")
        return page.status

    def _trickle(self, handler, page: Page, headers: dict) -> int:
        """The body a byte every `drip` s, or chunks of it for ever, until the client hangs up."""
        handler.send_response(page.status)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.send_header("Transfer-Encoding" if page.endless else "Content-Length",
                            "chunked" if page.endless else str(len(page.body)))
        handler.end_headers()
        try:
            if page.endless:
                while True:
                    handler.wfile.write(b"%x\r\n%s\r\n" % (len(page.body), page.body))
                    time.sleep(0.01)
            for byte in page.body:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(page.drip)
        except OSError:  # the client gave up, as it should
            return 499
        return page.status
