"""What search engines and social networks read in a page's head: the
canonical address, Open Graph tags and their image."""

import json
from urllib.parse import urlencode

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.csp import CONTEXT_KEY as CSP_CONTEXT_KEY
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from amur_invest.agency.models import AgencyContact
from amur_invest.images import SOCIAL_CARD, stored_thumbnail
from showcase import structured_data as schema

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
        # Named, though empty: in Jinja2 a missing `url` would be url().
        return {"url": ""}
    return {
        "url": context["request"].build_absolute_uri(card.url),
        "width": card.width,
        "height": card.height,
        "alt": alt,
    }


# --- schema.org JSON-LD -------------------------------------------------------

# In a <script> element the text ends at the first "</script" whatever the
# JSON says: the characters that could start markup are written as escapes,
# which JSON parsers read back as the same characters.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_for_script(data) -> str:
    return json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder).translate(
        JSON_SCRIPT_ESCAPES
    )


@register.simple_tag(takes_context=True)
def json_ld(context, kind: str, subject=None, items=None):
    """A <script type="application/ld+json"> describing the page's subject
    for search engines: "organization" (the agency), "mission", "event",
    "exhibition" (with `items`, the exhibitors shown), "news". It carries the
    response's CSP nonce: the policy names every inline script."""
    request = context.get("request")

    def absolute(url: str) -> str:
        return request.build_absolute_uri(url) if request else url

    agency = context.get("agency") or AgencyContact.load()
    if kind == "organization":
        data = schema.organization(agency, absolute)
    elif kind == "mission":
        data = schema.mission_event(subject, agency, absolute)
    elif kind == "event":
        data = schema.calendar_event(subject, agency, absolute)
    elif kind == "exhibition":
        data = [schema.exhibition_event(subject, absolute)]
        if items:
            data.append(schema.exhibitors(subject, items, absolute))
    elif kind == "news":
        data = schema.news_article(subject, agency, absolute)
    else:
        raise template.TemplateSyntaxError(f"json_ld: unknown kind {kind!r}")
    nonce = context.get(CSP_CONTEXT_KEY)
    return format_html(
        '<script type="application/ld+json"{}>{}</script>',
        format_html(' nonce="{}"', nonce) if nonce is not None else "",
        mark_safe(json_for_script(data)),
    )
