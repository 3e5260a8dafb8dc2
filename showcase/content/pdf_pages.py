"""Drawing a PDF's pages, in a child process of the conversion task.

PDFium has no time limit of its own: one page of a million line segments
takes a quarter of a minute. So the task (`slides`) starts a child process
that runs `draw_pages` and kills it when a page or the whole file takes too
long. This module is what the child imports: PDFium and Pillow, no Django,
so that a fresh process starts it quickly. It reports in plain tuples
through a pipe; the task words the reasons for staff.
"""

import io

import pypdfium2 as pdfium

# What the child sends, in this order:
PAGE_COUNT = "pages"  # ("pages", count): the document opened
PAGE = "page"  # ("page", png, text): one page drawn, in order
UNREADABLE = "unreadable"  # ("unreadable",): damaged or protected by a password
NO_SIZE = "no size"  # ("no size", number): a page of no width or height
UNDRAWABLE = "undrawable"  # ("undrawable", number): PDFium failed on a page


def draw_page(page, box: int) -> tuple[bytes, str]:
    """The page as a PNG fitted into a square of `box` pixels, and its text."""
    width, height = page.get_size()
    image = page.render(scale=min(box / width, box / height)).to_pil()
    textpage = page.get_textpage()
    text = textpage.get_text_bounded()
    textpage.close()
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue(), text


def draw_pages(data: bytes, box: int, max_pages: int, pipe) -> None:
    """Open the PDF, send its page count and then each page it has, at most
    `max_pages` of them (the task refuses more); stop at the first failure."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        pipe.send((UNREADABLE,))
        return
    count = len(document)
    pipe.send((PAGE_COUNT, count))
    for number in range(1, min(count, max_pages) + 1):
        page = document[number - 1]
        try:
            width, height = page.get_size()
            if width < 1 or height < 1:
                pipe.send((NO_SIZE, number))
                return
            pipe.send((PAGE, *draw_page(page, box)))
        except pdfium.PdfiumError:
            pipe.send((UNDRAWABLE, number))
            return
        finally:
            page.close()
    document.close()
