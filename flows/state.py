"""What the harvest remembers between runs, per URL: `<out>/state/http.json`.

For each URL: its ETag and Last-Modified (sent back as If-None-Match / If-Modified-Since), the
sha256 of the version last written to the dataset, and where and when that version was
archived. An entry is recorded only once the document's rows are written, so a run that stops
half-way fetches the document again next time. Each entry is merged into the file as it is on
disk at that moment (read, add, write), so two runs into one folder keep each other's entries;
the file is rewritten whole under a temporary name and renamed into place, so an interrupted
write leaves the previous state. A file that is not a mapping of URLs to entries (`null`, `[]`,
a torn write) counts as empty: the next run fetches everything again, and writes it anew.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path

from ..schema.dataset import Root


class HttpState:
    def __init__(self, out: str | Path | Root):
        self.root = Root.of(out)
        self.path = self.root.path("state", "http.json")
        self._lock = threading.Lock()
        self._urls = self._read()

    def _read(self) -> dict[str, dict]:
        try:
            data = json.loads(self.root.read_bytes(self.path).decode("utf-8"))
        except (FileNotFoundError, ValueError, OSError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {url: entry for url, entry in data.items()
                if isinstance(entry, dict) and {"sha256", "archived_at", "location"} <= entry.keys()}

    def get(self, url: str) -> dict:
        with self._lock:
            return dict(self._urls.get(url, {}))

    def remember(self, url: str, **entry) -> None:
        with self._lock:
            self._urls = {**self._urls, **self._read()}  # what another run wrote meanwhile is kept
            self._urls[url] = {k: v for k, v in entry.items() if v is not None}
            self.root.write_bytes(self.path, json.dumps(self._urls, indent=1, sort_keys=True).encode("utf-8"))
