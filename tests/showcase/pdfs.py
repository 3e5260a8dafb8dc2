"""PDF files made in the test: with real text on their pages, through
pypdfium2's own document creation (PDFium's standard Helvetica font), or
written out by hand with pages slow to draw."""

import ctypes
import io
import zlib
from random import Random

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c


def add_text(document, page, text: str, *, size: float = 32.0, x=60, y=300):
    text_object = pdfium_c.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", size)
    encoded = ctypes.create_string_buffer((text + "\x00").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(
        text_object, ctypes.cast(encoded, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
    )
    pdfium_c.FPDFPageObj_Transform(text_object, 1, 0, 0, 1, x, y)
    pdfium_c.FPDFPage_InsertObject(page.raw, text_object)


def make_pdf(pages: list[list[str]], *, width=960, height=540) -> bytes:
    """A PDF with one page per entry, each holding its lines of text."""
    document = pdfium.PdfDocument.new()
    for lines in pages:
        page = document.new_page(width, height)
        for number, line in enumerate(lines):
            add_text(document, page, line, y=height - 100 - number * 48)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def pdf_of_lines(segments: int, *, pages: int = 1) -> bytes:
    """A PDF whose every page draws `segments` thin lines criss-crossing it:
    small to send, slow to draw (10,000 lines take PDFium about a second,
    whatever the machine's hurry)."""
    random = Random(2019)
    strokes = "\n".join(
        f"{random.randint(0, 960)} {random.randint(0, 540)} m "
        f"{random.randint(0, 960)} {random.randint(0, 540)} l S"
        for _ in range(segments)
    )
    content = zlib.compress(f"0.1 w\n{strokes}".encode())
    kids = " ".join(f"{3 + 2 * n} 0 R" for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
    ]
    for n in range(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 960 540] "
            f"/Contents {4 + 2 * n} 0 R >>".encode()
        )
        objects.append(
            f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode()
            + content
            + b"\nendstream"
        )
    return pdf_file(objects)


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of these numbered objects (1, 2, ...), with its cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    table = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
        f"startxref\n{table}\n%%EOF\n".encode()
    )
    return out.getvalue()
