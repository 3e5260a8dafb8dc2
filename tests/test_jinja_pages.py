"""The public site and its emails render through Jinja2 (issue 18): every
public page kind in every language, and the emails, come from the templates
under templates/jinja2/; none from the Django-syntax templates the admin
keeps."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test.signals import template_rendered
from django.utils import translation

from amur_invest.jinja_engine import Template as JinjaTemplate
from bench.pages import LANGUAGES, page_paths
from tests.test_every_page import form_and_secret_link_paths

pytestmark = pytest.mark.django_db

DJANGO_TEMPLATES = Path(settings.BASE_DIR) / "templates"
JINJA_TEMPLATES = DJANGO_TEMPLATES / "jinja2"


@pytest.fixture
def demo(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", verbosity=0, stdout=io.StringIO())


def django_syntax(templates) -> list[str]:
    """The project's Django-syntax templates among those rendered (Django's
    own, like a widget's, do not count)."""
    found = []
    for template in templates:
        origin = getattr(getattr(template, "origin", None), "name", "")
        if isinstance(template, JinjaTemplate):
            continue
        path = Path(str(origin))
        if path.is_relative_to(DJANGO_TEMPLATES):
            found.append(str(path.relative_to(DJANGO_TEMPLATES)))
    return found


def test_every_public_page_kind_renders_through_jinja2_in_every_language(client, demo):
    problems = {}
    for language in LANGUAGES:
        paths = [*page_paths(language).values()]
        paths += [p for p in form_and_secret_link_paths() if p[1:3] == language]
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            if not response["Content-Type"].startswith("text/html"):
                continue
            templates = response.templates
            found = []
            if not templates or not isinstance(templates[0], JinjaTemplate):
                found.append("the page's template is not Jinja2's")
            found += django_syntax(templates)
            html = response.content.decode()
            if f'<html lang="{language}"' not in html:
                found.append("not in the language of its address")
            if found:
                problems[path] = found
    assert problems == {}


def test_a_page_context_reaches_the_test_client(client, demo):
    response = client.get("/ja/")
    assert response.context["request"].path == "/ja/"
    assert "agency" in response.context
    assert response.templates[0].name == "showcase/home.html"


def test_the_error_page_comes_from_jinja2(client, demo):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert [t.name for t in response.templates][:1] == ["404.html"]
    assert django_syntax(response.templates) == []


def test_emails_render_through_jinja2_unescaped(client, demo):
    from missions.models import Registration
    from partners.applications import emails

    registration = Registration.objects.exclude(company=None).first()
    registration.company.name_en = "O'Neill & Co <Ltd>"
    registration.language = "en"
    rendered = []

    def seen(sender, template, **kwargs):
        rendered.append(template)

    template_rendered.connect(seen)
    try:
        with translation.override("en"):
            subject, body = emails.render(
                kind="status_accepted",
                application=registration,
                context={"previous_status": "submitted", "promoted": False},
            )
    finally:
        template_rendered.disconnect(seen)
    assert rendered
    assert all(isinstance(t, JinjaTemplate) for t in rendered)
    assert {t.name for t in rendered} >= {
        "missions/email/status_accepted_subject.txt",
        "missions/email/status_accepted_body.txt",
    }
    assert "O'Neill & Co <Ltd>" in body, "as typed: a text email is not HTML"
    assert subject
    assert not mail.outbox  # rendering sends nothing
