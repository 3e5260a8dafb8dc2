"""Photographs staff upload: checked when they arrive, made into the smaller
versions pages show in the background, never while a visitor waits.

A PNG of 13,000 × 13,000 pixels fits in half a megabyte and costs 1.5 GB and
twenty seconds to scale down. So every image field is a CheckedImageField,
validated by `validate_image`: the header alone tells the format and the
size, and the image is refused past IMAGE_MAX_PIXELS or when its content is
not what its name says. After a save the `make_thumbnails` task (queue
"thumbnails") makes the versions its pages show (sorl-thumbnail, the field's
`shown_as`), and a page asks only for versions already made
(`stored_thumbnail`): until then it shows the original, scaled by the
browser."""

import functools
import logging
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.signals import post_save
from django.tasks import task
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError
from sorl.thumbnail import default as sorl_default
from sorl.thumbnail import get_thumbnail, source_cache
from sorl.thumbnail.base import ThumbnailBackend
from sorl.thumbnail.conf import defaults as sorl_defaults
from sorl.thumbnail.conf import settings as sorl_settings
from sorl.thumbnail.images import ImageFile

from amur_invest import page_cache

logger = logging.getLogger(__name__)

# The formats a browser shows, with the extensions each may be named with.
IMAGE_FORMATS = {
    "JPEG": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "WEBP": (".webp",),
}
# Shapes the picture tag cuts photographs to ("" keeps the photograph's own).
PICTURE_RATIOS = ("", "4:3", "16:9")


# --- At upload --------------------------------------------------------------------


def image_header(upload) -> tuple[str, int, int]:
    """(format, width, height) read from the file's header; the pixels are not
    decoded. Raises ValidationError for a file Pillow cannot identify or
    refuses outright as a decompression bomb."""
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            # Past Pillow's own warning limit: our limit decides below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                return image.format or "", *image.size
    except Image.DecompressionBombError:
        raise too_large() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise not_an_image() from None
    finally:
        upload.seek(0)


def too_large(width: int = 0, height: int = 0) -> ValidationError:
    limit = settings.IMAGE_MAX_PIXELS / 1_000_000
    if not width:
        return ValidationError(
            _(
                "The image has more than %(limit)g megapixels. Reduce it (a "
                "photograph for the site needs no more than 4000 pixels on its "
                "longer side) and upload it again."
            ),
            code="too_many_pixels",
            params={"limit": limit},
        )
    return ValidationError(
        _(
            "The image is %(width)d × %(height)d pixels, more than %(limit)g "
            "megapixels. Reduce it (a photograph for the site needs no more than "
            "4000 pixels on its longer side) and upload it again."
        ),
        code="too_many_pixels",
        params={"width": width, "height": height, "limit": limit},
    )


def not_an_image() -> ValidationError:
    return ValidationError(
        _("This file is not a JPEG, PNG or WebP image. Save it as one of these."),
        code="not_an_image",
    )


def validate_image(upload) -> None:
    """A newly uploaded photograph: JPEG, PNG or WebP by its content and by
    its name alike, and at most IMAGE_MAX_PIXELS pixels. A file stored
    earlier was checked when it came and is not read again."""
    if getattr(upload, "_committed", False):
        return
    image_format, width, height = image_header(getattr(upload, "file", upload))
    if image_format not in IMAGE_FORMATS:
        raise not_an_image()
    extension = PurePath(upload.name).suffix.lower()
    if extension not in IMAGE_FORMATS[image_format]:
        raise ValidationError(
            _(
                "The file is named “%(name)s” but holds a %(format)s image. "
                "Name it with the extension %(extension)s and upload it again."
            ),
            code="extension_mismatch",
            params={
                "name": PurePath(upload.name).name,
                "format": image_format,
                "extension": IMAGE_FORMATS[image_format][0],
            },
        )
    if width * height > settings.IMAGE_MAX_PIXELS:
        raise too_large(width, height)


class CheckedImageFormField(forms.ImageField):
    def to_python(self, data):
        # Checked before Pillow's own checks, which call a file past twice
        # Pillow's limit "not an image": staff learn the real reason.
        upload = forms.FileField.to_python(self, data)
        if upload is not None:
            validate_image(upload)
        return super().to_python(data)


class CheckedImageField(models.ImageField):
    """An image field whose uploads `validate_image` checks: every photograph
    and slide image of the site is one.

    `shown_as` lists how pages show it, and so which versions the task makes
    after a save: "" for the picture tag in the photograph's own shape, a
    ratio ("4:3") for the picture tag cut to it, SOCIAL_CARD_SHAPE and
    SLIDE_STRIP_SHAPE. A page asking for another shows the original. Not a
    matter for the database: migrations leave it out."""

    default_validators = [validate_image]

    def __init__(self, *args, shown_as=("",), **kwargs):
        self.shown_as = tuple(shown_as)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedImageFormField, **kwargs})


# --- The versions pages show --------------------------------------------------------


@dataclass(frozen=True)
class Rendition:
    """One version of a photograph: a sorl-thumbnail geometry, cropped or not.
    Never scaled up; the same options wherever it is asked for or made, since
    sorl-thumbnail names the file by them."""

    geometry: str
    crop: str = ""

    @property
    def options(self) -> dict:
        options = {"upscale": False, "quality": settings.THUMBNAIL_QUALITY}
        return {**options, "crop": self.crop} if self.crop else options


def picture_rendition(width: int, ratio: str = "") -> Rendition:
    """The picture tag's version of a width, cut to the ratio ("16:9") if any."""
    if not ratio:
        return Rendition(str(width))
    across, down = (int(part) for part in ratio.split(":"))
    return Rendition(f"{width}x{width * down // across}", crop="center")


# Social networks show 1.91:1 cards best at 1200 × 630 pixels.
SOCIAL_CARD = Rendition("1200x630", crop="center")
# The row of small slides under a presentation's slide.
SLIDE_STRIP = Rendition("240x135", crop="center")
SOCIAL_CARD_SHAPE = "social card"
SLIDE_STRIP_SHAPE = "slide strip"


def renditions(shown_as) -> list[Rendition]:
    """The versions of a photograph shown in these ways (`shown_as` of its
    field)."""
    named = {SOCIAL_CARD_SHAPE: [SOCIAL_CARD], SLIDE_STRIP_SHAPE: [SLIDE_STRIP]}
    found = []
    for shape in shown_as:
        found += named.get(shape) or [
            picture_rendition(width, shape) for width in settings.THUMBNAIL_WIDTHS
        ]
    return found


class StoredThumbnails(ThumbnailBackend):
    """sorl-thumbnail's backend with a look-up that never makes a thumbnail."""

    def stored(self, name: str, geometry: str, **options) -> ImageFile | None:
        """The thumbnail if it was made, else None. The options are completed
        as sorl-thumbnail's get_thumbnail() completes them, for the same name."""
        source = ImageFile(name)
        if sorl_settings.THUMBNAIL_PRESERVE_FORMAT:
            options.setdefault("format", self._get_format(source))
        for key, value in self.default_options.items():
            options.setdefault(key, value)
        for key, setting in self.extra_options:
            value = getattr(sorl_settings, setting)
            if value != getattr(sorl_defaults, setting):
                options.setdefault(key, value)
        thumbnail_name = self._get_thumbnail_filename(source, geometry, options)
        return sorl_default.kvstore.get(ImageFile(thumbnail_name, sorl_default.storage))


def stored_thumbnail(name: str, rendition: Rendition) -> ImageFile | None:
    """The version of the stored photograph, if the task has made it."""
    return StoredThumbnails().stored(name, rendition.geometry, **rendition.options)


# --- In the background -----------------------------------------------------------


def fits_pixel_limit(name: str) -> bool:
    """Whether the stored file is an image the worker may decode."""
    try:
        with default_storage.open(name, "rb") as stored:
            _format, width, height = image_header(stored)
    except (OSError, ValidationError):
        return False
    return width * height <= settings.IMAGE_MAX_PIXELS


@task(queue_name="thumbnails")
def make_thumbnails(name: str, shown_as: list[str]) -> int:
    """Make the versions of one stored photograph that its pages show and
    that are not made yet; returns how many were. Pages then show them:
    stored pages are rebuilt."""
    if not fits_pixel_limit(name):
        logger.warning("No thumbnails for %s: not an image within the limit", name)
        return 0
    made = 0
    # The file is read once for all its versions, and their records written
    # in one transaction.
    with source_cache(), transaction.atomic():
        for rendition in renditions(shown_as):
            if stored_thumbnail(name, rendition) is None:
                get_thumbnail(name, rendition.geometry, **rendition.options)
                made += 1
    if made:
        page_cache.start_new_generation()
    return made


def image_fields(model) -> list[CheckedImageField]:
    """The model's image fields, translations of one (image_ru) included."""
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, CheckedImageField)
    ]


def image_saved(sender, instance, update_fields=None, **kwargs) -> None:
    """After the commit, have the versions of the record's photographs made
    (a translated image field and its language's column name one file)."""
    fields = [
        field
        for field in image_fields(sender)
        if update_fields is None or field.name in update_fields
    ]
    wanted = {(getattr(instance, f.attname).name, f.shown_as) for f in fields}
    for name, shown_as in sorted((name, shown) for name, shown in wanted if name):
        enqueue = functools.partial(make_thumbnails.enqueue, name, list(shown_as))
        transaction.on_commit(enqueue, robust=True)


def connect_signals() -> None:
    """Called once from the app's ready(): every model with a photograph."""
    from django.apps import apps

    for model in apps.get_models():
        if image_fields(model):
            post_save.connect(
                image_saved,
                sender=model,
                dispatch_uid=f"images.{model._meta.label_lower}.save",
            )
