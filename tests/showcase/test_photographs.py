"""Photographs staff upload: refused past a pixel limit or when their content
is not what their name says; made smaller in the background, never while a
visitor waits for a page."""

import io
import re

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image
from sorl.thumbnail.models import KVStore

from amur_invest import images
from showcase.models import NewsItem
from tests.showcase.content_factories import NewsItemFactory

pytestmark = pytest.mark.django_db

NEWS_IMAGE = NewsItem._meta.get_field("image")

TOO_MANY_PIXELS = {
    "en": "The image is 13000 × 13000 pixels, more than 40 megapixels.",
    "ru": "Изображение размером 13000 × 13000 пикселей больше 40 мегапикселей.",
    "ja": "この画像は 13000 × 13000 ピクセルで、40 メガピクセルを超えています。",
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def editor(client, django_user_model):
    """A content editor: the agency's staff who keep the news."""
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Content editor"))
    client.force_login(user)
    return client


def image_bytes(width: int, height: int, image_format: str = "JPEG") -> bytes:
    """A picture of one colour: a few kilobytes whatever its size in pixels
    (1-bit for the huge ones, as a scanned plan would be)."""
    mode = "1" if width * height > 50_000_000 else "RGB"
    buffer = io.BytesIO()
    Image.new(mode, (width, height), 1 if mode == "1" else "#2a6f97").save(
        buffer, image_format
    )
    return buffer.getvalue()


def upload(name: str, width=2400, height=1600, image_format="JPEG"):
    return SimpleUploadedFile(name, image_bytes(width, height, image_format))


def news_post(image) -> dict:
    return {
        "title_ru": "Амурский мёд в Токио",
        "title_en": "Amur honey in Tokyo",
        "slug": "amur-honey-in-tokyo",
        "kind": "news",
        "published_on": "2020-02-01",
        "summary_ru": "Мёд из Амурской области на выставке в Токио.",
        "summary_en": "Honey from the Amur Region at a fair in Tokyo.",
        "image": image,
        "image_alt_en": "Jars of linden honey",
        "is_published": "on",
    }


def add_news(client, capture, image, language="en"):
    with capture(execute=True):
        return client.post(
            "/admin/showcase/newsitem/add/",
            news_post(image),
            HTTP_ACCEPT_LANGUAGE=language,
        )


@pytest.mark.parametrize("language", ["en", "ru", "ja"])
def test_an_image_of_more_pixels_than_the_limit_is_refused_at_upload(
    editor, django_capture_on_commit_callbacks, language
):
    # 169 megapixels in 20 kB: under Pillow's own limit, 1.5 GB to scale down.
    plan = upload("plan.png", 13_000, 13_000, "PNG")

    response = add_news(editor, django_capture_on_commit_callbacks, plan, language)

    assert response.status_code == 200
    assert TOO_MANY_PIXELS[language] in response.text
    assert not NewsItem.objects.exists()
    assert not KVStore.objects.exists()


def test_an_image_past_pillows_own_limit_is_refused_with_a_message(
    editor, django_capture_on_commit_callbacks
):
    plan = upload("plan.png", 14_000, 14_000, "PNG")

    response = add_news(editor, django_capture_on_commit_callbacks, plan)

    assert response.status_code == 200
    assert "The image has more than 40 megapixels." in response.text
    assert not NewsItem.objects.exists()


def test_the_pixel_limit_is_a_setting(
    editor, django_capture_on_commit_callbacks, settings
):
    settings.IMAGE_MAX_PIXELS = 1_000_000

    response = add_news(
        editor, django_capture_on_commit_callbacks, upload("honey.jpg", 1200, 900)
    )

    assert "The image is 1200 × 900 pixels, more than 1 megapixels." in response.text


@pytest.mark.parametrize("name", ["honey.pdf", "honey.jpg", "honey.webp"])
def test_an_image_whose_content_is_not_what_its_name_says_is_refused(
    editor, django_capture_on_commit_callbacks, name
):
    png_inside = upload(name, 800, 600, "PNG")

    response = add_news(editor, django_capture_on_commit_callbacks, png_inside)

    assert response.status_code == 200
    assert (
        f"The file is named “{name}” but holds a PNG image. "
        "Name it with the extension .png"
    ) in response.text
    assert not NewsItem.objects.exists()


def test_a_file_that_is_no_image_is_refused(editor, django_capture_on_commit_callbacks):
    pdf = SimpleUploadedFile("honey.png", b"%PDF-1.7\n%%EOF\n")

    response = add_news(editor, django_capture_on_commit_callbacks, pdf)

    assert response.status_code == 200
    assert not NewsItem.objects.exists()


def test_an_image_within_the_limit_is_kept_and_its_sizes_made_after_the_save(
    editor, django_capture_on_commit_callbacks
):
    response = add_news(
        editor, django_capture_on_commit_callbacks, upload("honey.JPEG", 2400, 1600)
    )

    assert response.status_code == 302
    name = NewsItem.objects.get().image.name
    assert name.endswith(".jpeg")
    for rendition in images.renditions(NEWS_IMAGE.shown_as):
        assert images.stored_thumbnail(name, rendition), rendition


def stored_news_item() -> NewsItem:
    """A news item whose photograph was saved, its sizes not made yet (the
    task runs after the commit, which a test does not reach)."""
    item = NewsItemFactory(image_alt_en="Jars of linden honey")
    item.image = ContentFile(image_bytes(2400, 1600), name="honey.jpg")
    item.save()
    return item


def test_the_first_view_of_a_new_photograph_shows_the_original_and_makes_nothing(
    client,
):
    item = stored_news_item()

    html = client.get(f"/en/news/{item.slug}/").text

    assert f'src="{item.image.url}"' in html
    assert 'class="picture--original"' in html
    assert "srcset" not in html
    assert 'property="og:image"' not in html
    assert not KVStore.objects.exists()
    assert not default_storage.exists("cache")


def test_once_the_task_has_run_pages_show_the_smaller_sizes(client, settings):
    item = stored_news_item()
    client.get("/en/news/")  # seen before the sizes were made

    made = images.make_thumbnails.call(item.image.name, NEWS_IMAGE.shown_as)

    assert made == len(images.renditions(NEWS_IMAGE.shown_as)) == 7

    listing = client.get("/en/news/").text
    article = client.get(f"/en/news/{item.slug}/").text
    for width in settings.THUMBNAIL_WIDTHS:
        assert f" {width}w" in article
        assert f" {width}w" in listing
    assert 'width="960" height="720"' in listing, "cut to 4:3 in the list"
    assert re.search(
        r'property="og:image" content="http://testserver/media/cache/', article
    )


def test_the_task_makes_nothing_twice():
    item = stored_news_item()
    images.make_thumbnails.call(item.image.name, NEWS_IMAGE.shown_as)

    assert images.make_thumbnails.call(item.image.name, NEWS_IMAGE.shown_as) == 0


def test_the_task_never_decodes_a_stored_image_past_the_limit():
    # Stored before the limit existed, or put there another way.
    name = default_storage.save(
        "news/plan.png", ContentFile(image_bytes(13_000, 13_000, "PNG"))
    )

    assert images.make_thumbnails.call(name, NEWS_IMAGE.shown_as) == 0
    assert not KVStore.objects.exists()


def test_thumbnails_are_made_on_their_own_queue_not_the_mails():
    assert images.make_thumbnails.queue_name == "thumbnails"


def test_every_image_field_checks_its_uploads():
    fields = [
        field for model in apps.get_models() for field in images.image_fields(model)
    ]

    assert len(fields) >= 6
    for field in fields:
        assert images.validate_image in field.validators, field


def test_the_command_has_the_sizes_of_every_stored_photograph_made():
    item = stored_news_item()
    call_command("make_thumbnails", stdout=io.StringIO())

    for rendition in images.renditions(NEWS_IMAGE.shown_as):
        assert images.stored_thumbnail(item.image.name, rendition), rendition
