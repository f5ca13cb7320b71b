"""Discovery: the report links of a source's listing page, following "next page" links.

A link is kept when its absolute address (fragment dropped) satisfies the source's `match`;
each address once, with its link title (the link text, else its title attribute or an image's
alt text: it often carries the month, "Pencapaian Piagam Pelanggan bagi Bulan Januari 2026").
Every address is kept without any `user:password@` in it. A file:// link on a web page is kept
as a link (its fetch is refused, and says so), but never followed as a next page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

from bs4 import BeautifulSoup

from .fetch import without_credentials
from .sources import Source

NEXT_WORDS = re.compile(r"^\s*(next|seterusnya|berikut(nya)?|halaman\s+seterusnya|›|»|>|>>|→)\s*(›|»|>|>>)?\s*$",
                        re.I)


@dataclass(frozen=True)
class Link:
    url: str
    title: str = ""


def _text(tag) -> str:
    text = " ".join(tag.get_text(" ").split())
    if not text:
        text = tag.get("title") or next((img.get("alt") for img in tag.find_all("img") if img.get("alt")), "")
    return " ".join((text or "").split())


def parse_listing(html: bytes, page_url: str, match: str) -> tuple[list[Link], str | None]:
    """The matching links of one listing page, and the address of its next page (or None)."""
    soup = BeautifulSoup(html, "lxml")
    base = soup.find("base", href=True)
    base_url = urljoin(page_url, base["href"]) if base else page_url
    pattern = re.compile(match, re.I)
    links: dict[str, str] = {}
    next_url = None
    for tag in soup.find_all(["a", "link"], href=True):
        href = tag["href"].strip()
        try:
            url = without_credentials(urldefrag(urljoin(base_url, href)).url)
        except ValueError:  # a broken address ("http://[...") is kept: fetching it fails with a sentence
            url = href
        if not url.startswith(("http://", "https://", "file://")):
            continue
        rel = [r.lower() for r in tag.get("rel") or []]
        if "next" in rel or (tag.name == "a" and NEXT_WORDS.match(tag.get_text(" "))):
            if url.startswith("file://") == page_url.startswith("file://"):
                next_url = next_url or url
            continue
        if tag.name == "a" and pattern.search(url):
            title = _text(tag)
            if not links.get(url):
                links[url] = title
    return [Link(u, t) for u, t in links.items()], next_url


def discover(source: Source, get) -> list[Link]:
    """Every report link of a source: its `urls`, then its listing pages' matching links.
    `get(url)` returns a page's final address and bytes (raising FetchError)."""
    found = {without_credentials(u): Link(without_credentials(u), source.title or "") for u in source.urls}
    page, seen = without_credentials(source.listing or "") or None, set()
    while page and page not in seen and len(seen) < source.max_pages:
        seen.add(page)
        final_url, html = get(page)
        links, page = parse_listing(html, final_url, source.match)
        for link in links:
            found.setdefault(link.url, link)
    return list(found.values())
