"""Public forms rendered through Jinja2 where Django ships its templates:
the same HTML as Django's own engine gives, faster; the admin's widgets,
which exist only as Django templates, still render."""

import re

import pytest
from django.contrib.admin.widgets import AdminDateWidget, RelatedFieldWidgetWrapper
from django.forms.renderers import DjangoTemplates

from amur_invest.form_renderer import FormRenderer
from missions.forms import RegistrationForm
from showcase.inquiries.forms import ContactForm
from tests.missions.factories import MissionFactory

pytestmark = pytest.mark.django_db


def same_html(html: str) -> str:
    """Whitespace between tags differs between the two engines' templates,
    and each escapes an apostrophe its own way."""
    html = html.replace("&#x27;", "&#39;")
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def both_ways(form_class, **kwargs) -> tuple[str, str]:
    return tuple(
        same_html(str(form_class(renderer=renderer, **kwargs)))
        for renderer in (DjangoTemplates(), FormRenderer())
    )


def test_the_registration_form_renders_as_django_renders_it():
    django_html, jinja_html = both_ways(RegistrationForm, mission=MissionFactory())

    assert jinja_html == django_html
    assert 'name="wanted_prefectures"' in jinja_html


def test_a_bound_form_with_errors_renders_as_django_renders_it():
    data = {"email": "not an address", "consent": ""}
    django_html, jinja_html = both_ways(ContactForm, data=data, language="ja")

    assert jinja_html == django_html
    assert "errorlist" in jinja_html


def test_widgets_django_ships_only_as_django_templates_still_render():
    renderer = FormRenderer()

    html = AdminDateWidget().render("starts_on", None, renderer=renderer)

    assert 'class="vDateField' in html
    assert renderer.get_template("admin/widgets/date.html") is not None
    assert RelatedFieldWidgetWrapper.template_name.startswith("admin/")
