"""The sources file: which agencies to harvest and where their reports are.

    sources:
      - id: kelantan-suk
        agency: Pejabat Setiausaha Kerajaan Negeri Kelantan
        urls: [https://.../pencapaian-jan-2022.pdf]
      - id: mdputatan
        agency: Majlis Daerah Putatan
        listing: https://.../piagam-pelanggan
        match: 'pencapaian.*\\.(pdf|html?)$'

A malformed file is rejected with one sentence naming the source and the key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

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
    format: str | None = None  # a hint only: the bytes decide
    headers: dict[str, str] = field(default_factory=dict)
    max_pages: int = 5  # listing pages followed through "next" links
    title: str | None = None


KNOWN = {f for f in Source.__dataclass_fields__}


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
    base = path.resolve().parent
    sources, seen = [], set()
    for n, item in enumerate(items, start=1):
        sources.append(_source(item, n, base))
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
    if item.get("match"):
        try:
            re.compile(item["match"])
        except re.error as exc:
            raise SourcesError(f"{label} key 'match' is not a valid regular expression ({exc}).") from None
    for key, kind in (("allow_private", bool), ("requests_per_second", (int, float)), ("headers", dict),
                      ("max_pages", int)):
        if key in item and not isinstance(item[key], kind):
            raise SourcesError(f"{label} key {key!r} has the wrong type.")
    fields = dict(item)
    fields["urls"] = [resolve(u, base) for u in urls]
    if fields.get("listing"):
        fields["listing"] = resolve(fields["listing"], base)
    return Source(**fields)


def resolve(url: str, base: Path) -> str:
    """An address as given, or a local path made a file:// URI relative to the sources file."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I):
        return url
    return urljoin(base.as_uri() + "/", url)
