"""Tags for the public site's frame: language versions of the current page."""

import functools
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from amur_invest.images import SLIDE_STRIP, picture_rendition, stored_thumbnail

register = template.Library()


@dataclass(frozen=True)
class LanguageVersion:
    """The current page in one of the site's languages."""

    code: str
    name: str
    url: str
    is_current: bool


def _swap_prefix(path: str, current: str, target: str) -> str:
    """Swap the language prefix of a path that no URL pattern resolves (a 404
    page), so that the switcher still leads to the same address."""
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{target}/{path[len(prefix) :]}"
    return f"/{target}/"


def page_in_language(path: str, current: str, target: str) -> str:
    """The same page and query string in the target language."""
    if target == current:
        return path
    translated = translate_url(path, target)
    if translated == path:
        return _swap_prefix(path, current, target)
    return translated


def unprefixed(path: str, current: str) -> str:
    """The page without its language prefix: LocaleMiddleware redirects it by
    the visitor's Accept-Language, which is what x-default promises."""
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return path[len(prefix) - 1 :]
    return "/"


@register.simple_tag(takes_context=True)
def language_versions(context) -> list[LanguageVersion]:
    """Every language version of the page being rendered, current one included."""
    request = context.get("request")
    current = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path() if request else f"/{current}/"
    return [
        LanguageVersion(
            code=code,
            name=name,
            url=page_in_language(path, current, code),
            is_current=code == current,
        )
        for code, name in settings.LANGUAGES
    ]


@register.simple_tag(takes_context=True)
def default_language_url(context) -> str:
    """The address for hreflang="x-default": the page chosen by Accept-Language."""
    request = context.get("request")
    current = get_language() or settings.LANGUAGE_CODE
    return unprefixed(request.get_full_path() if request else "/", current)


@register.simple_tag(takes_context=True)
def absolute(context, url: str) -> str:
    """An absolute address for hreflang and canonical links."""
    request = context.get("request")
    return request.build_absolute_uri(url) if request else url


@dataclass(frozen=True)
class Version:
    """One size of a photograph, as the srcset names it."""

    url: str
    width: int
    height: int


class VersionsPending(Exception):
    """Some size of a photograph is not made yet."""


@register.inclusion_tag("includes/_picture.html")
def picture(
    image, alt: str, sizes: str = "100vw", ratio: str = "", css_class: str = ""
):
    """A photograph as an <img> with a srcset of the widths in
    THUMBNAIL_WIDTHS, so that a phone loads a small file and a wide screen a
    sharp one. `ratio` ("16:9", one of PICTURE_RATIOS) crops to that shape;
    `alt` is the text a screen reader says, in the page's language. Until a
    background task has made the sizes, the original, scaled by the browser
    (and cut to the ratio by CSS). Nothing is shown without an image."""
    if not image:
        return {}
    context = {"alt": alt, "sizes": sizes, "css_class": css_class}
    try:
        ordered = versions(image.name, ratio)
    except VersionsPending:
        shape = f"picture--{ratio.replace(':', '-')}" if ratio else ""
        return {**context, "original": image.url, "shape": shape}
    default = ordered[min(1, len(ordered) - 1)]
    return {**context, "versions": ordered, "default": default}


@functools.lru_cache(maxsize=4096)
def versions(name: str, ratio: str) -> tuple[Version, ...]:
    """The sizes of a stored photograph, smallest first, or VersionsPending
    (which the cache does not keep: the next page asks again). The sizes are
    remembered in sorl-thumbnail's store, in the cache and the database; this
    process remembers the answer too, since a page asks for a dozen
    photographs, three sizes each, each a cache request."""
    found = {}
    for width in settings.THUMBNAIL_WIDTHS:
        thumbnail = stored_thumbnail(name, picture_rendition(width, ratio))
        if thumbnail is None:
            raise VersionsPending(name)
        # A small original gives the same file for several widths: list it once.
        found.setdefault(
            thumbnail.width, Version(thumbnail.url, thumbnail.width, thumbnail.height)
        )
    return tuple(found[width] for width in sorted(found))


@register.simple_tag
def strip_thumbnail(image):
    """The small version of a slide for the row under the slide, or None
    until it is made (the row then shows the slide's number alone)."""
    return stored_thumbnail(image.name, SLIDE_STRIP) if image else None
