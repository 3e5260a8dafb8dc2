"""Translated text marked with its language, for the Jinja2 templates
(amur_invest.jinja_engine reads `globals` and `filters`):

    {% set name = translated(company, "name") %}
    <h1{{ name.lang_attr }}>{{ name }}</h1>
    {{ sector|in_page_language("name") }}
"""

from amur_invest.jinja_engine import django_filters
from partners.templatetags import translated

globals = {"translated": translated.translated}

filters = django_filters(translated.register)
