"""Photographs are served in the sizes a screen needs."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import engines
from PIL import Image

from amur_invest.images import make_thumbnails
from tests.showcase.content_factories import NewsItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def photo(width: int, height: int):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#2a6f97").save(buffer, "JPEG")
    return SimpleUploadedFile("hero.jpg", buffer.getvalue(), "image/jpeg")


def stored(name: str, upload) -> str:
    """A photograph saved, and its sizes made as the task makes them."""
    name = default_storage.save(name, upload)
    make_thumbnails.call(name, ["", "16:9"])
    return name


def render(image, **options):
    template = engines["jinja2"].from_string(
        "{{ picture(image, alt=alt, ratio=ratio, sizes=sizes) }}"
    )
    context = {"image": image, "alt": "アムール州の森", "ratio": "", "sizes": "50vw"}
    return template.render({**context, **options})


def test_a_large_photo_gets_every_width_in_its_srcset(settings):
    name = stored("photos/hero.jpg", photo(2400, 1600))
    html = render(default_storage.open(name))
    for width in settings.THUMBNAIL_WIDTHS:
        assert f" {width}w" in html
    assert 'alt="アムール州の森"' in html
    assert 'sizes="50vw"' in html
    assert 'width="960" height="640"' in html


def test_a_small_photo_is_never_blown_up():
    name = stored("photos/small.jpg", photo(300, 200))
    html = render(default_storage.open(name))
    assert html.count("w,") == 0
    assert " 300w" in html


def test_a_ratio_crops_every_version_to_that_shape():
    name = stored("photos/tall.jpg", photo(2000, 3000))
    html = render(default_storage.open(name), ratio="16:9")
    assert 'width="960" height="540"' in html


def test_no_image_renders_nothing():
    assert render(None).strip() == ""


def test_until_its_sizes_are_made_the_original_is_shown_in_the_shape_asked_for():
    # Saved, the task not run yet (it runs after the commit).
    item = NewsItemFactory(image=photo(2400, 1600))
    html = render(item.image, ratio="4:3")
    assert f'src="{item.image.url}"' in html
    assert 'class="picture--original picture--4-3"' in html
    assert 'alt="アムール州の森"' in html
    assert "srcset" not in html
