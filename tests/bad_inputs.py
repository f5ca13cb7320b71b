"""The bad-input corpus: files an unattended harvest meets, made afresh from the samples.

    python tests/bad_inputs.py OUTDIR

Truncated downloads, encrypted and scanned PDFs, pages in old encodings, a gigantic table,
files crafted to blow up a parser, office documents where a report was expected. Nothing here
is committed but this script; the tests write the corpus into a temporary folder.
"""

from __future__ import annotations

import io
import random
import re
import sys
import zipfile
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_HTML = SAMPLES / "001_counts.html"
SAMPLE_PDF = SAMPLES / "001_counts.pdf"


def make_corpus(folder: str | Path, *, dtd_url: str = "http://127.0.0.1:9/piagam.dtd") -> dict[str, Path]:
    """Write every bad input into `folder`; returns file name -> path. `dtd_url` is where the
    external-entity tricks point (a test serves it to prove it is never fetched)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    html = SAMPLE_HTML.read_text(encoding="utf-8")
    pdf = SAMPLE_PDF.read_bytes()
    files = {
        "zero_bytes.pdf": b"",
        "random_bytes.pdf": random.Random(7).randbytes(64 * 1024),
        "truncated.pdf": pdf[: len(pdf) * 6 // 10],
        "encrypted_empty_password.pdf": encrypted(pdf, user_password=""),
        "encrypted_password.pdf": encrypted(pdf, user_password="rahsia"),
        "blank_pages.pdf": blank_pages(2000),
        "nested_objects.pdf": nested_objects(100_000),
        "scanned.pdf": scanned(pdf, dpi=100),
        "no_tables.html": NO_TABLES.encode("utf-8"),
        "windows_1252.html": recoded(html, "windows-1252", declared="windows-1252"),
        "iso_8859_1.html": recoded(html, "windows-1252", declared="ISO-8859-1"),
        "undeclared_1252.html": recoded(html, "windows-1252", declared=None),
        "big_table.html": big_table(html, 50_000),
        "nested_tags.html": b"<html><body>" + b"<div>" * 50_000 + b"Laporan" + b"</div>" * 50_000 + b"</body></html>",
        "entity_expansion.html": entity_expansion().encode("ascii"),
        "external_entity.html": external_entity(dtd_url).encode("ascii"),
        "report.docx": office_zip("word/document.xml"),
        "report.xlsx": office_zip("xl/workbook.xml"),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


def encrypted(pdf: bytes, *, user_password: str) -> bytes:
    """The PDF encrypted (RC4 128-bit); an empty user password opens without asking."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="pemilik-rahsia", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_pages(n: int) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    for _ in range(n):
        c.showPage()
    c.save()
    return out.getvalue()


def raw_pdf(objects: list[bytes]) -> bytes:
    """A PDF from numbered object bodies (1 0 obj is the catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def nested_objects(depth: int) -> bytes:
    """One page whose resources nest arrays `depth` deep: a stack bomb for recursive readers."""
    bomb = b"[" * depth + b"0" + b"]" * depth
    content = b"BT /F1 12 Tf 72 720 Td (Laporan) Tj ET"
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> "
        b"/Properties << /Bomb " + bomb + b" >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ])


def scanned(pdf: bytes, *, dpi: int = 200) -> bytes:
    """The PDF as a scan: every page rendered to a picture, no text layer left."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    images = [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]
    document.close()
    out = io.BytesIO()
    images[0].save(out, format="PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


NO_TABLES = """<!DOCTYPE html><html lang="ms"><head><meta charset="utf-8">
<title>Piagam Pelanggan</title></head><body>
<h1>PIAGAM PELANGGAN</h1><p>Kami dengan ini berjanji akan memberikan perkhidmatan yang terbaik.</p>
<p>Laporan pencapaian akan dikemas kini tidak lama lagi.</p></body></html>"""


def recoded(html: str, encoding: str, *, declared: str | None) -> bytes:
    """The sample page in an old encoding, declared as `declared` (or not declared at all)."""
    meta = f'<meta charset="{declared}">' if declared else ""
    return re.sub(r'<meta charset="utf-8">', meta, html, count=1).encode(encoding)


def big_table(html: str, rows: int) -> bytes:
    """The sample's first table with one of its rows repeated until it has `rows` rows."""
    table = re.search(r"<table.*?</table>", html, re.S).group(0)
    row = re.findall(r"<tr><td>.*?</tr>", table, re.S)[0]
    body = table.replace(row, row * rows, 1)
    return html.replace(table, body, 1).encode("utf-8")


def entity_expansion() -> str:
    """The 'billion laughs': ten levels of entities, each ten of the one below."""
    levels = ['<!ENTITY lol0 "ha">'] + [f'<!ENTITY lol{k} "{"&lol%d;" % (k - 1) * 10}">' for k in range(1, 10)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE html [\n{chr(10).join(levels)}\n]>\n'
            "<html><body><h1>Laporan</h1><table><tr><td>&lol9;</td><td>1</td></tr></table></body></html>")


def external_entity(dtd_url: str) -> str:
    """External entities: a local file and a remote DTD, both must stay unread."""
    return (f'<?xml version="1.0"?>\n<!DOCTYPE html [\n<!ENTITY secret SYSTEM "file:///etc/passwd">\n'
            f'<!ENTITY % remote SYSTEM "{dtd_url}">\n%remote;\n]>\n'
            "<html><body><h1>Laporan</h1><table><tr><td>&secret;</td><td>1</td></tr></table></body></html>")


def office_zip(part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr(part, '<?xml version="1.0"?><document/>')
    return out.getvalue()


if __name__ == "__main__":
    for path in make_corpus(sys.argv[1] if len(sys.argv) > 1 else "bad_inputs").values():
        print(path)
