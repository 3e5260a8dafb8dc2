"""PDF files made in the test, with real text on their pages, through
pypdfium2's own document creation (PDFium's standard Helvetica font)."""

import ctypes
import io

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
