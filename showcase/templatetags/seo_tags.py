"""What search engines and social networks read in a page's head: the
canonical address, Open Graph tags and their image."""

from urllib.parse import urlencode

from django import template
from django.utils.safestring import mark_safe

from amur_invest.images import SOCIAL_CARD, stored_thumbnail

register = template.Library()

# Query parameters that make a different page worth its own address; the
# rest (a search, tracking tags) collapse into the page without them.
CANONICAL_PARAMETERS = ("sector", "page")

OG_LOCALES = {"ru": "ru_RU", "ja": "ja_JP", "en": "en_US"}


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, variable: str):
        self.nodelist = nodelist
        self.variable = variable

    def render(self, context):
        # What a template renders is already escaped where it holds data;
        # only the surrounding whitespace is trimmed.
        context[self.variable] = mark_safe(self.nodelist.render(context).strip())
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}...{% endcapture %}: render once, use twice (a
    page's title block in <title> and in og:title). Blocks inside it can
    still be overridden by child templates."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


def canonical_query(query) -> str:
    kept = [
        (name, query[name])
        for name in CANONICAL_PARAMETERS
        if query.get(name) and not (name == "page" and query[name] == "1")
    ]
    return f"?{urlencode(kept)}" if kept else ""


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's own absolute address, without parameters that do not change
    what it shows."""
    request = context["request"]
    return request.build_absolute_uri(request.path + canonical_query(request.GET))


@register.simple_tag
def og_locale(language: str) -> str:
    return OG_LOCALES.get(language, language)


@register.inclusion_tag("includes/_og_image.html", takes_context=True)
def og_image(context, image, alt: str = ""):
    """og:image with its size and description: a 1200 × 630 version of the
    image at an absolute address. Nothing without an image, nor while the
    version is still being made in the background."""
    card = stored_thumbnail(image.name, SOCIAL_CARD) if image else None
    if card is None:
        return {}
    return {
        "url": context["request"].build_absolute_uri(card.url),
        "width": card.width,
        "height": card.height,
        "alt": alt,
    }
