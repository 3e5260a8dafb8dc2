"""A PDF uploaded per language becomes slides with images and transcripts."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from showcase.content import slides as slide_service
from showcase.models import Presentation, PresentationPdf, Slide
from tests.showcase.content_factories import (
    PresentationFactory,
    SlideFactory,
    png,
)
from tests.showcase.pdfs import make_pdf, pdf_of_lines

pytestmark = pytest.mark.django_db

TWO_PAGES = [
    ["Amur honey for Japan", "Linden and buckwheat honey"],
    ["Timber processing", "Sites with power and rail"],
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def management(prefix: str, total: int = 0, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def presentation_post(upload, *, language="en", slug="tokyo-2019") -> dict:
    return {
        "title_ru": "Инвестиционные возможности Амурской области",
        "title_en": "Investment opportunities of the Amur Region",
        "slug": slug,
        "presented_on": "2019-11-12",
        "is_published": "on",
        **management("pdf_files", total=1),
        "pdf_files-0-language": language,
        "pdf_files-0-file": upload,
        **management("slides"),
    }


def upload_in_admin(admin_client, capture, upload, **options):
    with capture(execute=True):
        return admin_client.post(
            "/admin/showcase/presentation/add/",
            presentation_post(upload, **options),
            HTTP_ACCEPT_LANGUAGE="en",
        )


def pdf_upload(pages=TWO_PAGES, name="deck.pdf", **size):
    return SimpleUploadedFile(name, make_pdf(pages, **size), "application/pdf")


def test_a_two_page_pdf_becomes_two_slides_with_images_and_transcripts(
    admin_client, django_capture_on_commit_callbacks
):
    response = upload_in_admin(
        admin_client, django_capture_on_commit_callbacks, pdf_upload()
    )

    assert response.status_code == 302
    presentation = Presentation.objects.get(slug="tokyo-2019")
    pdf = presentation.pdf_files.get()
    assert (pdf.status, pdf.pages, pdf.error) == (PresentationPdf.Status.DONE, 2, "")
    slides = list(presentation.ordered_slides())
    assert [slide.heading_en for slide in slides] == [
        "Amur honey for Japan",
        "Timber processing",
    ]
    assert slides[0].transcript_en == "Amur honey for Japan\nLinden and buckwheat honey"
    with Image.open(slides[1].image_en.path) as image:
        assert image.format == "PNG"
        assert image.size == (1600, 900)


def test_each_slide_of_a_converted_pdf_shows_its_text_on_its_own_page(
    admin_client, client, django_capture_on_commit_callbacks
):
    upload_in_admin(admin_client, django_capture_on_commit_callbacks, pdf_upload())

    html = client.get("/en/presentations/tokyo-2019/2/").content.decode()

    assert "Sites with power and rail" in html
    assert 'alt="Slide 2: Timber processing"' in html


def test_the_upload_is_stored_under_a_generated_name(
    admin_client, django_capture_on_commit_callbacks
):
    upload_in_admin(
        admin_client,
        django_capture_on_commit_callbacks,
        pdf_upload(name="Ivanov personal notes.pdf"),
    )

    name = PresentationPdf.objects.get().file.name
    assert name.startswith("presentations/pdf/")
    assert name.endswith(".pdf")
    assert "Ivanov" not in name


def test_a_file_that_is_not_a_pdf_is_refused_with_a_message(
    admin_client, django_capture_on_commit_callbacks
):
    fake = png(name="deck.pdf")
    fake.content_type = "application/pdf"

    response = upload_in_admin(admin_client, django_capture_on_commit_callbacks, fake)

    assert response.status_code == 200
    assert "This file is not a PDF" in response.text
    assert not Presentation.objects.exists()


def test_a_pdf_larger_than_the_limit_is_refused_with_a_message(
    admin_client, django_capture_on_commit_callbacks, settings
):
    settings.PRESENTATION_PDF_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile(
        "big.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024), "application/pdf"
    )

    response = upload_in_admin(admin_client, django_capture_on_commit_callbacks, big)

    assert response.status_code == 200
    assert "The file is larger than 1 MB" in response.text
    assert not PresentationPdf.objects.exists()


def convert(presentation, data: bytes, language="en") -> PresentationPdf:
    pdf, _created = PresentationPdf.objects.update_or_create(
        presentation=presentation,
        language=language,
        defaults={"file": ContentFile(data, name="upload.pdf")},
    )
    slide_service.convert_presentation_pdf.call(pdf.pk)
    pdf.refresh_from_db()
    return pdf


def test_a_pdf_with_too_many_pages_fails_with_the_reason(settings):
    settings.PRESENTATION_PDF_MAX_PAGES = 1

    pdf = convert(PresentationFactory(), make_pdf(TWO_PAGES))

    assert pdf.status == PresentationPdf.Status.FAILED
    assert "2" in pdf.error
    assert "1" in pdf.error
    assert not Slide.objects.exists()


def test_a_damaged_pdf_fails_with_the_reason():
    pdf = convert(PresentationFactory(), b"%PDF-1.7\nthis is not really a PDF")

    assert pdf.status == PresentationPdf.Status.FAILED
    # In the staff's language, whatever language the request was in.
    assert pdf.error == "Не удаётся прочитать PDF: файл повреждён или защищён паролем."
    assert not Slide.objects.exists()


def test_a_huge_page_is_rendered_within_the_pixel_box(settings):
    settings.PRESENTATION_SLIDE_MAX_PIXELS = 800

    convert(PresentationFactory(), make_pdf([["Wide"]], width=14000, height=200))

    with Image.open(Slide.objects.get().image_en.path) as image:
        assert max(image.size) <= 800


def test_a_pdf_in_a_second_language_fills_the_same_slides():
    presentation = PresentationFactory()
    convert(presentation, make_pdf(TWO_PAGES), language="en")

    convert(presentation, make_pdf([["Mied"], ["Les"]]), language="ru")

    slides = list(presentation.ordered_slides())
    assert len(slides) == 2
    assert [(s.heading_en, s.heading_ru) for s in slides] == [
        ("Amur honey for Japan", "Mied"),
        ("Timber processing", "Les"),
    ]
    assert all(s.image_en and s.image_ru for s in slides)


def test_a_shorter_pdf_removes_the_slides_it_no_longer_has(
    django_capture_on_commit_callbacks,
):
    presentation = PresentationFactory()
    convert(presentation, make_pdf([["One"], ["Two"], ["Three"]]))
    old_image = presentation.ordered_slides()[0].image_en.name

    with django_capture_on_commit_callbacks(execute=True):
        convert(presentation, make_pdf([["Only one"]]))

    assert [s.heading_en for s in presentation.ordered_slides()] == ["Only one"]
    assert not (presentation.ordered_slides()[0].image_en.storage.exists(old_image))


def test_slides_built_by_hand_keep_their_other_languages():
    presentation = PresentationFactory()
    SlideFactory(presentation=presentation, position=1, heading_ja="手作りのスライド")

    convert(presentation, make_pdf([["From the PDF"]]))

    slide = presentation.ordered_slides().get()
    assert (slide.heading_ja, slide.heading_en) == ("手作りのスライド", "From the PDF")


def test_control_characters_from_pdfium_never_reach_the_transcript():
    assert slide_service.clean_text("Amur\x02 honey\r\n\r\n\r\n\x0cTimber\ufffe") == (
        "Amur honey\n\nTimber"
    )


def test_a_replaced_pdf_is_converted_again(
    admin_client, django_capture_on_commit_callbacks
):
    upload_in_admin(admin_client, django_capture_on_commit_callbacks, pdf_upload())
    presentation = Presentation.objects.get()
    pdf = presentation.pdf_files.get()
    data = presentation_post(pdf_upload([["New first slide"]]))
    data.update(
        {
            **management("pdf_files", total=1, initial=1),
            "pdf_files-0-id": str(pdf.pk),
            "pdf_files-0-presentation": str(presentation.pk),
            **management("slides", total=2, initial=2),
        }
    )
    for index, slide in enumerate(presentation.ordered_slides()):
        data[f"slides-{index}-id"] = str(slide.pk)
        data[f"slides-{index}-presentation"] = str(presentation.pk)
        data[f"slides-{index}-position"] = str(slide.position)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/showcase/presentation/{presentation.pk}/change/", data
        )

    assert response.status_code == 302
    assert [s.heading_en for s in presentation.ordered_slides()] == ["New first slide"]


def test_an_image_is_a_png_a_browser_can_show():
    presentation = PresentationFactory()
    convert(presentation, make_pdf([["Honey"]]))
    with presentation.ordered_slides()[0].image_en.open("rb") as stored:
        assert Image.open(io.BytesIO(stored.read())).format == "PNG"


# About a second's drawing a page, even on a fast machine.
SLOW_PAGE_LINES = 10_000


def test_a_page_that_takes_too_long_to_draw_fails_the_conversion_with_the_reason(
    settings,
):
    settings.PRESENTATION_PDF_PAGE_SECONDS = 0.05

    pdf = convert(PresentationFactory(), pdf_of_lines(SLOW_PAGE_LINES))

    assert pdf.status == PresentationPdf.Status.FAILED
    assert pdf.error.startswith(
        "Страница 1 PDF рисуется дольше 0.05 с. Упростите эту страницу"
    )
    assert not Slide.objects.exists()


def test_a_pdf_that_takes_too_long_in_all_fails_and_keeps_no_page(settings, tmp_path):
    settings.PRESENTATION_PDF_FILE_SECONDS = 1.5

    pdf = convert(PresentationFactory(), pdf_of_lines(SLOW_PAGE_LINES, pages=4))

    assert pdf.status == PresentationPdf.Status.FAILED
    assert pdf.error.startswith("Преобразование PDF заняло больше 1.5 с.")
    assert not Slide.objects.exists()
    slide_images = tmp_path / "presentations" / "slides"
    assert not slide_images.exists() or not any(slide_images.iterdir())


def test_the_editor_sees_why_a_conversion_failed(
    client, django_user_model, django_capture_on_commit_callbacks, settings
):
    settings.PRESENTATION_PDF_PAGE_SECONDS = 0.05
    editor = django_user_model.objects.create_user(
        "editor", password="x", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Content editor"))
    client.force_login(editor)
    slow = SimpleUploadedFile("deck.pdf", pdf_of_lines(SLOW_PAGE_LINES))

    upload_in_admin(client, django_capture_on_commit_callbacks, slow)

    presentation = Presentation.objects.get()
    page = client.get(f"/admin/showcase/presentation/{presentation.pk}/change/")
    assert "Страница 1 PDF рисуется дольше 0.05 с." in page.text


def test_conversions_wait_on_their_own_queue_not_the_mails():
    from amur_invest.outbox.tasks import send_email

    assert slide_service.convert_presentation_pdf.queue_name == "pdf"
    assert send_email.queue_name == "default"
