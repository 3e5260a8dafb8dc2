"""Photographs are served in the sizes a screen needs."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import Image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def photo(width: int, height: int):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#2a6f97").save(buffer, "JPEG")
    return SimpleUploadedFile("hero.jpg", buffer.getvalue(), "image/jpeg")


def render(image, **options):
    template = Template(
        "{% load site_tags %}{% picture image alt=alt ratio=ratio sizes=sizes %}"
    )
    context = {"image": image, "alt": "アムール州の森", "ratio": "", "sizes": "50vw"}
    return template.render(Context({**context, **options}))


def test_a_large_photo_gets_every_width_in_its_srcset(settings):
    name = default_storage.save("photos/hero.jpg", photo(2400, 1600))
    html = render(default_storage.open(name))
    for width in settings.THUMBNAIL_WIDTHS:
        assert f" {width}w" in html
    assert 'alt="アムール州の森"' in html
    assert 'sizes="50vw"' in html
    assert 'width="960" height="640"' in html


def test_a_small_photo_is_never_blown_up():
    name = default_storage.save("photos/small.jpg", photo(300, 200))
    html = render(default_storage.open(name))
    assert html.count("w,") == 0
    assert " 300w" in html


def test_a_ratio_crops_every_version_to_that_shape():
    name = default_storage.save("photos/tall.jpg", photo(2000, 3000))
    html = render(default_storage.open(name), ratio="16:9")
    assert 'width="960" height="540"' in html


def test_no_image_renders_nothing():
    assert render(None).strip() == ""
