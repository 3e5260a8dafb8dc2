"""A PDF uploaded for one language becomes that language's slides: one slide
per page, with the page's image and its text as the slide's transcript.

Conversion runs in a background task (`showcase.tasks`), never in the upload
request: a PDF of many pages takes seconds. It is bounded by
PRESENTATION_PDF_MAX_PAGES pages, each rendered into a square of
PRESENTATION_SLIDE_MAX_PIXELS on its longer side whatever size the page
claims, so a hostile file cannot exhaust memory. PDFium is not thread-safe:
one conversion at a time per process."""

import functools
import io
import logging
import re
import threading
from collections.abc import Iterator

import pypdfium2 as pdfium
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from amur_invest.text import is_control
from showcase.models import Presentation, PresentationPdf, Slide
from showcase.models.uploads import GeneratedName

logger = logging.getLogger(__name__)

PDFIUM_LOCK = threading.Lock()
SLIDE_IMAGES = GeneratedName("presentations/slides", extension=".png")
HEADING_LENGTH = Slide._meta.get_field("heading").max_length
TRANSLATED_SLIDE_FIELDS = ("heading", "body", "image", "transcript")


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


def page_scale(width: float, height: float) -> float:
    """The scale that fits a page into the pixel box on its longer side."""
    if width < 1 or height < 1:
        raise ConversionError(_("A page of the PDF has no size."))
    box = settings.PRESENTATION_SLIDE_MAX_PIXELS
    return min(box / width, box / height)


def rendered_pages(document: pdfium.PdfDocument) -> Iterator[tuple[bytes, str]]:
    """(PNG bytes, text) of each page in order."""
    for index in range(len(document)):
        page = document[index]
        try:
            width, height = page.get_size()
            image = page.render(scale=page_scale(width, height)).to_pil()
            textpage = page.get_textpage()
            text = clean_text(textpage.get_text_bounded())
            textpage.close()
        finally:
            page.close()
        buffer = io.BytesIO()
        image.save(buffer, "PNG")
        yield buffer.getvalue(), text


def open_document(data: bytes) -> pdfium.PdfDocument:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        raise ConversionError(
            _("The PDF cannot be read: it is damaged or protected by a password.")
        ) from None
    limit = settings.PRESENTATION_PDF_MAX_PAGES
    if len(document) > limit:
        pages = len(document)
        document.close()
        raise ConversionError(
            _("The PDF has %(pages)d pages; a presentation may have at most %(limit)d.")
            % {"pages": pages, "limit": limit}
        )
    if len(document) == 0:
        document.close()
        raise ConversionError(_("The PDF has no pages."))
    return document


def render_pdf(data: bytes) -> list[tuple[str, str]]:
    """Render every page and store its image: [(image name, text), ...].
    The images are saved as they come, so memory holds one page at a time."""
    saved = []
    with PDFIUM_LOCK:
        document = open_document(data)
        try:
            for png, text in rendered_pages(document):
                name = default_storage.save(SLIDE_IMAGES(None, ""), ContentFile(png))
                saved.append((name, text))
        except pdfium.PdfiumError:
            delete_files([name for name, _text in saved])
            raise ConversionError(_("A page of the PDF cannot be drawn.")) from None
        finally:
            document.close()
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
    try:
        pages = render_pdf(data)
    except ConversionError as error:
        with translation.override(settings.LANGUAGE_CODE):
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


@task
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
