"""What the harvest remembers between runs, per URL: `<out>/state/http.json`.

For each URL: its ETag and Last-Modified (sent back as If-None-Match / If-Modified-Since), the
sha256 of the version last written to the dataset, and where and when that version was
archived. An entry is carried by the dataset commit that writes the document's rows
(schema.dataset), so it is durable together with them: a run stopped or killed anywhere never
remembers a document it did not write, nor forgets one it wrote. Compaction merges the entries
into the file (rewritten whole under a temporary name and renamed into place); until then they
are read from the journal. A file that is not a mapping of URLs to entries (`null`, `[]`, a
torn write) counts as empty: the next run fetches everything again, and writes it anew.
"""

from __future__ import annotations

import threading
from pathlib import Path

from ..schema.dataset import Root, http_state

KEYS = {"sha256", "archived_at", "location"}  # an entry without them is not one


class HttpState:
    def __init__(self, out: str | Path | Root):
        self._lock = threading.Lock()
        self._urls = {url: entry for url, entry in http_state(out).items()
                      if isinstance(entry, dict) and KEYS <= entry.keys()}

    def get(self, url: str) -> dict:
        with self._lock:
            return dict(self._urls.get(url, {}))

    def remember(self, entries: dict[str, dict]) -> None:
        """Entries (URL -> entry) a commit has just made durable, for the rest of this run."""
        with self._lock:
            self._urls.update(entries)


def entry(url: str, *, etag: str | None, last_modified: str | None, sha256: str, archived_at: str,
          location: str) -> dict[str, dict]:
    """The state of `url` as a commit carries it (URL -> entry, without what is unknown)."""
    fields = {"etag": etag, "last_modified": last_modified, "sha256": sha256, "archived_at": archived_at,
              "location": location}
    return {url: {key: value for key, value in fields.items() if value is not None}}
