"""Fetching one document: file:// from disk, http(s) with httpx, a size cap while streaming."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import unquote, urlparse

import httpx

from piagam import __version__

USER_AGENT = f"piagam/{__version__} (client charter report harvester)"
MAX_BYTES = 100 * 1024 * 1024


class FetchError(Exception):
    """A document that could not be fetched; the message is one sentence for the user."""


@dataclass
class Fetched:
    url: str
    data: bytes
    status: int
    fetched_at: datetime
    headers: dict[str, str] = field(default_factory=dict)


def local_path(url: str) -> Path:
    return Path(unquote(urlparse(url).path))


def fetch(url: str, max_bytes: int = MAX_BYTES, timeout: float = 30.0) -> Fetched:
    now = datetime.now(timezone.utc)
    if url.startswith("file://"):
        path = local_path(url)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise FetchError(f"The file {path} is {size} bytes, over the limit of {max_bytes}.")
            return Fetched(url, path.read_bytes(), 200, now)
        except OSError as exc:
            raise FetchError(f"The file {path} cannot be read ({exc.strerror or exc}).") from None
    try:
        with httpx.stream("GET", url, timeout=timeout, follow_redirects=True,
                          headers={"User-Agent": USER_AGENT}) as response:
            if response.status_code >= 400:
                raise FetchError(f"{url} answered HTTP {response.status_code}.")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url} is over the size limit of {max_bytes} bytes.")
                chunks.append(chunk)
            return Fetched(str(response.url), b"".join(chunks), response.status_code, now,
                           dict(response.headers))
    except httpx.TimeoutException:
        raise FetchError(f"{url} did not answer within {timeout:g} s.") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url} could not be reached ({type(exc).__name__}).") from None
