"""The sources file: which agencies to harvest and where their reports are.

    sources:
      - id: suk-contoh
        agency: Pejabat Setiausaha Kerajaan Negeri Contoh
        urls: [https://.../pencapaian-jan-2022.pdf]
      - id: md-contoh
        agency: Majlis Daerah Bukit Contoh
        listing: https://.../piagam-pelanggan
        match: 'pencapaian.*\\.(pdf|html?)$'
        requests_per_second: 0.5      # politeness towards this source's hosts
        format: pdf                   # a hint: the bytes decide, a mismatch is "not a report"
        headers: {Accept-Language: ms}
    defaults:                         # optional: settings for every source (a source's own win)
      timeout: 20

Settings (all optional): requests_per_second, concurrency (requests at once per host), timeout
(seconds one read may wait), deadline (seconds one whole response may take), retries,
retry_delay (base of the exponential backoff, seconds), max_bytes, max_pages (listing pages
followed through "next" links), hosts (more hosts redirects may go to), headers, format,
allow_private (private and loopback addresses, for mirrors and tests), title, tls_verify (true;
or a file of CA certificates trusted besides the usual ones, for a site whose certificate chain
is incomplete; or false, not checking the certificate at all), read_timeout and memory_mb (the
limits of reading one document, extractors.limits; `piagam harvest --timeout/--memory-mb`
override them). Numbers must be finite (`.inf` and `.nan` are refused).
A malformed file is rejected with one sentence naming the source and the key.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse

import yaml


class SourcesError(ValueError):
    """The sources file is malformed; the message says where."""


@dataclass
class Source:
    id: str
    agency: str
    urls: list[str] = field(default_factory=list)
    listing: str | None = None
    match: str | None = None
    allow_private: bool = False
    requests_per_second: float = 1.0
    concurrency: int = 2  # requests at once per host
    timeout: float = 30.0
    deadline: float = 300.0  # seconds one whole response may take, connection to last byte
    retries: int = 3
    retry_delay: float = 1.0  # base of the exponential backoff, seconds
    max_bytes: int = 100 * 1024 * 1024
    format: str | None = None  # a hint only: the bytes decide
    headers: dict[str, str] = field(default_factory=dict)
    hosts: list[str] = field(default_factory=list)  # more hosts of the source's own
    max_pages: int = 5  # listing pages followed through "next" links
    title: str | None = None
    tls_verify: bool | str = True  # or the path of a file of extra CA certificates
    read_timeout: float | None = None  # seconds to read one document (None: extractors.limits' default)
    memory_mb: int | None = None  # memory to read one document (None: extractors.limits' default)

    def own_hosts(self) -> set[str]:
        """The hosts this source's documents and redirects may be on."""
        return {h.lower() for h in self.hosts} | {
            (urlparse(u).hostname or "").lower() for u in [*self.urls, self.listing or ""] if u}


KNOWN = {f for f in Source.__dataclass_fields__}
NUMBERS = (int, float)
TYPES = {"allow_private": (bool, "true or false"), "requests_per_second": (NUMBERS, "a positive number"),
         "concurrency": (int, "a positive whole number"), "timeout": (NUMBERS, "a positive number"),
         "deadline": (NUMBERS, "a positive number"),
         "retries": (int, "a whole number, 0 or more"), "retry_delay": (NUMBERS, "a number, 0 or more"),
         "max_bytes": (int, "a positive whole number"), "max_pages": (int, "a positive whole number"),
         "headers": (dict, "a mapping of header names to texts"), "hosts": (list, "a list of host names"),
         "format": (str, "'pdf' or 'html'"), "title": (str, "a text"), "listing": (str, "an address"),
         "match": (str, "a regular expression"),
         "tls_verify": ((bool, str), "true, false or the path of a file of CA certificates"),
         "read_timeout": (NUMBERS, "a positive number"), "memory_mb": (int, "a positive whole number")}
POSITIVE = ("requests_per_second", "concurrency", "timeout", "deadline", "max_bytes", "max_pages", "read_timeout",
            "memory_mb")


def load_sources(path: str | Path) -> list[Source]:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(f"The sources file {path} does not exist.") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise SourcesError(f"The sources file {path} is not valid YAML{where}.") from None
    items = data.get("sources") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise SourcesError(f"The sources file {path} must hold a list under the key 'sources'.")
    defaults = data.get("defaults") or {} if isinstance(data, dict) else {}
    if not isinstance(defaults, dict):
        raise SourcesError(f"The key 'defaults' of {path} must be a mapping of settings.")
    for key in set(defaults) - set(TYPES):
        raise SourcesError(f"The defaults of {path} have an unknown setting {key!r}.")
    base = path.resolve().parent
    sources, seen = [], set()
    for n, item in enumerate(items, start=1):
        sources.append(_source({**defaults, **item} if isinstance(item, dict) else item, n, base))
        if sources[-1].id in seen:
            raise SourcesError(f"Source {sources[-1].id!r} appears twice in {path}.")
        seen.add(sources[-1].id)
    return sources


def _source(item, n: int, base: Path) -> Source:
    name = item.get("id") if isinstance(item, dict) else None
    label = f"Source {name!r}" if name else f"Source number {n}"
    if not isinstance(item, dict):
        raise SourcesError(f"{label} must be a mapping of keys to values.")
    unknown = set(item) - KNOWN
    if unknown:
        raise SourcesError(f"{label} has an unknown key {sorted(unknown)[0]!r}.")
    for key in ("id", "agency"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise SourcesError(f"{label} needs the key {key!r} (a non-empty text).")
    urls = item.get("urls") or []
    if isinstance(urls, str) or not isinstance(urls, list) or not all(isinstance(u, str) for u in urls):
        raise SourcesError(f"{label} key 'urls' must be a list of addresses.")
    if not urls and not item.get("listing"):
        raise SourcesError(f"{label} needs 'urls' or 'listing'.")
    if item.get("listing") and not item.get("match"):
        raise SourcesError(f"{label} has a 'listing' but no 'match' pattern.")
    for key, (kind, wanted) in TYPES.items():
        value = item.get(key)
        if key not in item:
            continue
        wrong = not isinstance(value, kind) or (isinstance(value, bool) and bool not in (kind if isinstance(kind, tuple) else (kind,)))
        if not wrong and isinstance(value, float):
            wrong = not math.isfinite(value)  # .inf waits for ever, .nan turns politeness off
        if not wrong and key in POSITIVE:
            wrong = value <= 0
        if not wrong and key in ("retries", "retry_delay"):
            wrong = value < 0
        if not wrong and key == "format":
            wrong = value not in ("pdf", "html")
        if not wrong and key in ("headers", "hosts"):
            wrong = not all(isinstance(v, str) for v in (value.values() if key == "headers" else value))
        if wrong:
            raise SourcesError(f"{label} key {key!r} must be {wanted}, not {value!r}.")
    if item.get("match"):
        try:
            re.compile(item["match"])
        except re.error as exc:
            raise SourcesError(f"{label} key 'match' is not a valid regular expression ({exc}).") from None
    for url in [*urls, item.get("listing") or ""]:
        scheme = re.match(r"^([a-z][a-z0-9+.-]*)://", url, re.I)
        if scheme and scheme.group(1).lower() not in ("http", "https", "file"):
            raise SourcesError(f"{label} has the address {url!r}, which is not http, https or file.")
    fields = dict(item)
    if isinstance(item.get("tls_verify"), str):
        bundle = base / item["tls_verify"]
        if not bundle.is_file():
            raise SourcesError(f"{label} key 'tls_verify' names the file {str(bundle)!r}, which does not exist.")
        fields["tls_verify"] = str(bundle)
    fields["urls"] = [resolve(u, base) for u in urls]
    if fields.get("listing"):
        fields["listing"] = resolve(fields["listing"], base)
    return Source(**fields)


def resolve(url: str, base: Path) -> str:
    """An address as given, or a local path made a file:// URI relative to the sources file."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I):
        return url
    return urljoin(base.as_uri() + "/", url)
