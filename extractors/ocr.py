"""Scanned pages: Tesseract reads the page image, and its words with their boxes go through the
same unruled-table path as any PDF page (extractors/words.py).

Tesseract (Debian's tesseract-ocr and tesseract-ocr-msa) runs as a program, one page at a
time, with languages msa+eng ('msa' alone reads '%' as '90') and OMP_THREAD_LIMIT=1 (a page
took 23 s with threads and 3 s without on two cores).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np
from PIL import Image

from .words import Word

DPI = 400  # small table print (7-8 pt) needs it: at 300 dpi "1." reads as "4." or "|"
RULE_PX = 60  # a dark run this long (in pixels) is a table rule, not a letter
SECOND_LOOK_CONF = 60  # a short word read with less confidence is read again on its own
LANGUAGES = "msa+eng"
TIMEOUT = 120  # seconds for one page


def available() -> bool:
    """OCR can run: Tesseract is installed with Malay and English, and not turned off
    (PIAGAM_OCR=0 turns it off, e.g. for a quick run)."""
    return os.environ.get("PIAGAM_OCR", "1") != "0" and _installed()


def missing_reason() -> str:
    """Why OCR does not run, as the end of a sentence."""
    if os.environ.get("PIAGAM_OCR", "1") == "0":
        return "OCR turned off (PIAGAM_OCR=0)"
    return "OCR not installed: install tesseract-ocr and tesseract-ocr-msa to read it"


@lru_cache(maxsize=1)
def _installed() -> bool:
    program = shutil.which("tesseract")
    if not program:
        return False
    try:
        listed = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    langs = set(listed.stdout.split())
    return {"msa", "eng"} <= langs


def scanned_pages(pdfium_doc) -> list[int]:
    """0-based indexes of the pages with no text layer."""
    out = []
    for i in range(len(pdfium_doc)):
        page = pdfium_doc[i]
        textpage = page.get_textpage()
        if textpage.count_chars() == 0:
            out.append(i)
        textpage.close()
        page.close()
    return out


def read_pages(pdfium_doc, indexes: list[int], workers: int = 2) -> dict[int, list[Word]]:
    """The words of each scanned page, two Tesseract processes at a time. PDFium is not
    thread-safe: the pages are rendered in turn on this thread (a page is rendered while the
    last ones are read), and at most `workers` + 1 images are held at once."""
    words: dict[int, list[Word]] = {}
    reading: deque = deque()  # (page index, its words being read)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for i in indexes:
            page = pdfium_doc[i]
            try:
                image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
            reading.append((i, pool.submit(image_words, image, DPI / 72)))
            while len(reading) > workers:
                k, job = reading.popleft()
                words[k] = job.result()
        for k, job in reading:
            words[k] = job.result()
    return words


def without_rules(image: Image.Image) -> Image.Image:
    """The page with its table rules painted out (Tesseract reads rules as '|' and loses the
    digits that touch them)."""
    gray = np.asarray(image.convert("L"))
    dark = gray < 140
    rules = _long_runs(dark, 1) | _long_runs(dark, 0)
    grown = rules.copy()
    for shift in (-2, -1, 1, 2):
        grown |= np.roll(rules, shift, axis=0) | np.roll(rules, shift, axis=1)
    clean = gray.copy()
    clean[grown] = 255
    return Image.fromarray(clean)


def _long_runs(dark: np.ndarray, axis: int) -> np.ndarray:
    """Pixels that lie in a run of at least RULE_PX dark pixels along the axis."""
    n, length = dark.shape[axis], RULE_PX
    if n < length:
        return np.zeros_like(dark)
    ints = dark.astype(np.int32)
    zero = np.zeros_like(ints.take([0], axis=axis))
    total = np.cumsum(np.concatenate([zero, ints], axis=axis), axis=axis)
    full = (total.take(range(length, n + 1), axis=axis) - total.take(range(0, n - length + 1), axis=axis)) == length
    starts = np.cumsum(np.concatenate([zero, full.astype(np.int32)], axis=axis), axis=axis)
    idx = np.arange(n)
    hi = np.minimum(idx, n - length) + 1
    lo = np.maximum(idx - length + 1, 0)
    return (starts.take(hi, axis=axis) - starts.take(lo, axis=axis)) > 0


def image_words(image: Image.Image, scale: float) -> list[Word]:
    """The words Tesseract reads in a page image, in PDF points from the top-left corner
    (`scale` pixels per point). A short word read with low confidence is read again on its own
    (in a table line Tesseract may read a clear "17" as "We"; alone it reads "17")."""
    clean = without_rules(image)
    words = []
    for text, conf, (left, top, width, height) in _tesseract(clean, psm=6):
        if text in ("|", "||", "l", "I|"):
            continue
        if conf < SECOND_LOOK_CONF and len(text) <= 4:
            margin = max(8, height // 3)
            crop = clean.crop((left - margin, top - margin, left + width + margin, top + height + margin))
            again = _tesseract(crop, psm=7)
            if len(again) == 1 and again[0][1] > conf:
                text = again[0][0]
        x0, y0 = left / scale, top / scale
        words.append(Word(text, x0, x0 + width / scale, y0, y0 + height / scale, size=height / scale))
    return words


def _tesseract(image: Image.Image, psm: int) -> list[tuple[str, float, tuple[int, int, int, int]]]:
    """Tesseract's words in an image: (text, confidence, (left, top, width, height) in pixels)."""
    png = io.BytesIO()
    image.save(png, format="PNG")
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(["tesseract", "stdin", "stdout", "-l", LANGUAGES, "--psm", str(psm), "tsv"],
                          input=png.getvalue(), capture_output=True, env=env, timeout=TIMEOUT, check=True)
    out = []
    for row in csv.DictReader(io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t",
                              quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if text and row.get("conf") not in (None, "-1"):
            box = tuple(int(float(row[k])) for k in ("left", "top", "width", "height"))
            out.append((text, float(row["conf"]), box))
    return out
