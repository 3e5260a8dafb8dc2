"""The showcase's template tags for the Jinja2 templates of the public site
(amur_invest.jinja_engine reads `globals` and `filters`): the same functions
as the Django tags of showcase/templatetags, called as functions:

    {{ picture(image, alt, sizes="50vw", ratio="16:9") }}
    {{ json_ld("mission", mission) }}
    {% set versions = language_versions() %}
"""

from amur_invest.jinja_engine import django_filters, inclusion, with_context
from showcase.templatetags import invest_tags, seo_tags, site_tags

globals = {
    "picture": inclusion("includes/_picture.html", site_tags.picture),
    "strip_thumbnail": site_tags.strip_thumbnail,
    "language_versions": with_context(site_tags.language_versions),
    "default_language_url": with_context(site_tags.default_language_url),
    "absolute": with_context(site_tags.absolute),
    "canonical_url": with_context(seo_tags.canonical_url),
    "og_locale": seo_tags.og_locale,
    "og_image": inclusion(
        "includes/_og_image.html", seo_tags.og_image, takes_context=True
    ),
    "json_ld": with_context(seo_tags.json_ld),
    "chart": inclusion("showcase/invest/charts/_figure.html", invest_tags.chart),
    "contact_about": invest_tags.contact_about,
    "in_other_currencies": with_context(invest_tags.in_other_currencies),
}

filters = django_filters(invest_tags.register)
