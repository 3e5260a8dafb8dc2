"""A PDF uploaded for one language becomes that language's slides: one slide
per page, with the page's image and its text as the slide's transcript.

Conversion runs in a background task on a queue of its own ("pdf"), never in
the upload request nor in the worker that sends mail: a PDF of many pages
takes seconds, a hostile one minutes. It is bounded by
PRESENTATION_PDF_MAX_PAGES pages, each rendered into a square of
PRESENTATION_SLIDE_MAX_PIXELS on its longer side whatever size the page
claims, so that it cannot exhaust memory; and in time: the pages are drawn
in a child process (`pdf_pages`), killed when a page takes longer than
PRESENTATION_PDF_PAGE_SECONDS or the file longer than
PRESENTATION_PDF_FILE_SECONDS. A PDF that fails keeps its reason for the
editor to read in the admin."""

import functools
import logging
import multiprocessing
import re
import time
from collections.abc import Iterator

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from amur_invest.text import is_control
from showcase.content import pdf_pages
from showcase.content.models import Presentation, PresentationPdf, Slide
from showcase.content.uploads import GeneratedName

logger = logging.getLogger(__name__)

SLIDE_IMAGES = GeneratedName("presentations/slides", extension=".png")
HEADING_LENGTH = Slide._meta.get_field("heading").max_length
TRANSLATED_SLIDE_FIELDS = ("heading", "body", "image", "transcript")
# A fresh interpreter forks the drawing processes: nothing of the worker
# (its database connection, its threads) is shared with them.
DRAWING = multiprocessing.get_context("forkserver")
DRAWING.set_forkserver_preload([pdf_pages.__name__])


class ConversionError(Exception):
    """A PDF that cannot become slides; str(error) tells staff why."""


def clean_text(raw: str) -> str:
    """Page text as a transcript: line breaks kept, control characters PDFium
    reports (soft hyphens as \\x02, form feeds) dropped, blank runs folded."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or not is_control(ch))
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def heading_from(text: str) -> str:
    """The first line of a page's text, as the slide's heading."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    return first[:HEADING_LENGTH]


def refusal(message: tuple) -> ConversionError:
    """The reason, in staff's words, for what the drawing process reported."""
    kind, *details = message
    if kind == pdf_pages.UNREADABLE:
        return ConversionError(
            _("The PDF cannot be read: it is damaged or protected by a password.")
        )
    if kind == pdf_pages.NO_SIZE:
        return ConversionError(_("A page of the PDF has no size."))
    return ConversionError(
        _("Page %(page)d of the PDF cannot be drawn.") % {"page": details[0]}
    )


def check_page_count(count: int) -> None:
    limit = settings.PRESENTATION_PDF_MAX_PAGES
    if count > limit:
        raise ConversionError(
            _("The PDF has %(pages)d pages; a presentation may have at most %(limit)d.")
            % {"pages": count, "limit": limit}
        )
    if count == 0:
        raise ConversionError(_("The PDF has no pages."))


class Drawing:
    """The child process drawing one PDF, and the clock it runs against."""

    def __init__(self, data: bytes):
        self.deadline = time.monotonic() + settings.PRESENTATION_PDF_FILE_SECONDS
        self.receiver, sender = DRAWING.Pipe(duplex=False)
        self.process = DRAWING.Process(
            target=pdf_pages.draw_pages,
            args=(
                data,
                settings.PRESENTATION_SLIDE_MAX_PIXELS,
                settings.PRESENTATION_PDF_MAX_PAGES,
                sender,
            ),
            daemon=True,
        )
        self.process.start()
        sender.close()  # the child's end: the pipe reports the child's exit

    def next_message(self, page: int | None = None) -> tuple:
        """What the child sends next: within the file's time, and within a
        page's time when a page is awaited."""
        left = self.deadline - time.monotonic()
        page_seconds = settings.PRESENTATION_PDF_PAGE_SECONDS
        wait = min(left, page_seconds) if page else left
        if not self.receiver.poll(max(wait, 0)):
            raise self.overtime(page, page_bound=page is not None and wait < left)
        try:
            return self.receiver.recv()
        except EOFError:
            # The child died: PDFium crashed or the system took its memory.
            raise ConversionError(
                _("Page %(page)d of the PDF cannot be drawn.") % {"page": page or 1}
            ) from None

    def overtime(self, page, *, page_bound: bool) -> ConversionError:
        if page_bound:
            return ConversionError(
                _(
                    "Page %(page)d of the PDF took longer than %(seconds)s seconds "
                    "to draw. Simplify that page (fewer shapes, or its drawing "
                    "as one picture) and upload the PDF again."
                )
                % {"page": page, "seconds": settings.PRESENTATION_PDF_PAGE_SECONDS}
            )
        return ConversionError(
            _(
                "The PDF took longer than %(seconds)s seconds to convert. Split "
                "it or simplify its pages and upload it again."
            )
            % {"seconds": settings.PRESENTATION_PDF_FILE_SECONDS}
        )

    def close(self) -> None:
        self.process.kill()
        self.process.join()
        self.receiver.close()


def drawn_pages(data: bytes) -> Iterator[tuple[bytes, str]]:
    """(PNG bytes, text) of each page in order, drawn in a child process."""
    drawing = Drawing(data)
    try:
        message = drawing.next_message()
        if message[0] != pdf_pages.PAGE_COUNT:
            raise refusal(message)
        count = message[1]
        check_page_count(count)
        for page in range(1, count + 1):
            message = drawing.next_message(page)
            if message[0] != pdf_pages.PAGE:
                raise refusal(message)
            yield message[1], clean_text(message[2])
    finally:
        drawing.close()


def render_pdf(data: bytes) -> list[tuple[str, str]]:
    """Render every page and store its image: [(image name, text), ...].
    The images are saved as they come, so memory holds one page at a time;
    on a failure those saved so far are removed."""
    saved = []
    pages = drawn_pages(data)
    try:
        for png, text in pages:
            name = default_storage.save(SLIDE_IMAGES(None, ""), ContentFile(png))
            saved.append((name, text))
    except ConversionError:
        delete_files([name for name, _text in saved])
        raise
    finally:
        pages.close()
    return saved


def delete_files(names) -> None:
    for name in names:
        if name:
            default_storage.delete(name)


def has_content(slide: Slide) -> bool:
    return any(
        getattr(slide, f"{field}_{code}")
        for field in TRANSLATED_SLIDE_FIELDS
        for code in settings.MODELTRANSLATION_LANGUAGES
    )


def set_language_content(slide, language, *, image="", text="") -> str:
    """Give the slide its image and text in one language; returns the name of
    the image it replaces."""
    previous = getattr(slide, f"image_{language}").name or ""
    setattr(slide, f"image_{language}", image)
    setattr(slide, f"transcript_{language}", text)
    setattr(slide, f"heading_{language}", heading_from(text))
    return previous


def apply_pages(pdf: PresentationPdf, pages: list[tuple[str, str]]) -> list[str]:
    """Page n of the PDF gives slide n its content in the PDF's language;
    slides past the last page lose that language, and go when nothing is left.
    Returns the image names no slide uses any more. Call under the
    presentation's lock."""
    slides = list(pdf.presentation.slides.order_by("position", "id"))
    last_position = slides[-1].position if slides else 0
    replaced = []
    for index, (image, text) in enumerate(pages):
        if index < len(slides):
            slide = slides[index]
        else:
            last_position += 1
            slide = Slide(presentation=pdf.presentation, position=last_position)
        replaced.append(
            set_language_content(slide, pdf.language, image=image, text=text)
        )
        slide.save()
    for slide in slides[len(pages) :]:
        replaced.append(set_language_content(slide, pdf.language))
        if has_content(slide):
            slide.save()
        else:
            slide.delete()
    return replaced


def finish(pdf: PresentationPdf, *, status: str, error: str = "", pages=None) -> None:
    pdf.status, pdf.error, pdf.pages = status, error, pages
    pdf.converted_at = timezone.now()
    pdf.save(update_fields=["status", "error", "pages", "converted_at"])


def convert_pdf(*, pdf_id: int) -> PresentationPdf | None:
    """Turn one uploaded PDF into slides; a PDF that cannot be converted is
    marked failed with the reason in the staff's language."""
    pdf = PresentationPdf.objects.filter(pk=pdf_id).first()
    if pdf is None:
        return None
    with pdf.file.open("rb") as upload:
        data = upload.read()
    # The reason is worded in the staff's language, whoever uploaded.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            pages = render_pdf(data)
        except ConversionError as error:
            finish(pdf, status=PresentationPdf.Status.FAILED, error=str(error))
            return pdf
    with transaction.atomic():
        # Two languages converting at once rewrite the same slides: one at a time.
        Presentation.objects.select_for_update().filter(pk=pdf.presentation_id).get()
        replaced = apply_pages(pdf, pages)
        finish(pdf, status=PresentationPdf.Status.DONE, pages=len(pages))
        transaction.on_commit(functools.partial(delete_files, replaced))
    return pdf


def schedule_conversion(*, pdf: PresentationPdf) -> None:
    """Mark the PDF as waiting and convert it once the upload is committed."""
    pdf.status, pdf.error = PresentationPdf.Status.WAITING, ""
    pdf.save(update_fields=["status", "error"])
    transaction.on_commit(
        functools.partial(convert_presentation_pdf.enqueue, pdf.pk), robust=True
    )


@task(queue_name="pdf")
def convert_presentation_pdf(pdf_id: int) -> str:
    """The background task: convert one uploaded PDF (by id)."""
    try:
        pdf = convert_pdf(pdf_id=pdf_id)
    except Exception:
        # Whatever went wrong, staff see the PDF as failed, not waiting forever.
        logger.exception("Converting presentation PDF %s failed", pdf_id)
        with translation.override(settings.LANGUAGE_CODE):
            message = str(
                _("The conversion failed unexpectedly; upload the PDF again.")
            )
        PresentationPdf.objects.filter(pk=pdf_id).update(
            status=PresentationPdf.Status.FAILED, error=message
        )
        return PresentationPdf.Status.FAILED
    return pdf.status if pdf else ""
