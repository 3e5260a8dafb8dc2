"""The public site and its emails render through Jinja2 (issue 18): every
public page kind in every language (checked in tests/test_every_page.py with
`jinja_problems`, on the demo it loads once), and the emails, come from the
templates under templates/jinja2/; none from the Django-syntax templates the
admin keeps."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test.signals import template_rendered
from django.utils import translation

from amur_invest.jinja_engine import Template as JinjaTemplate

pytestmark = pytest.mark.django_db

DJANGO_TEMPLATES = Path(settings.BASE_DIR) / "templates"
JINJA_TEMPLATES = DJANGO_TEMPLATES / "jinja2"


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


def jinja_problems(response) -> list[str]:
    """What is wrong with a public HTML page's templates: the page's own is
    not Jinja2's, or a Django-syntax template of the project took part.
    tests/test_every_page.py asks this of every public page in every
    language."""
    templates = response.templates
    found = []
    if not templates or not isinstance(templates[0], JinjaTemplate):
        found.append("the page's template is not Jinja2's")
    return found + django_syntax(templates)


def test_a_page_context_reaches_the_test_client(client):
    response = client.get("/ja/")
    assert response.context["request"].path == "/ja/"
    assert "agency" in response.context
    assert response.templates[0].name == "showcase/home.html"


def test_the_error_page_comes_from_jinja2(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert [t.name for t in response.templates][:1] == ["404.html"]
    assert django_syntax(response.templates) == []


def test_emails_render_through_jinja2_unescaped():
    from partners.applications import emails
    from tests.missions.factories import RegistrationFactory

    registration = RegistrationFactory(status="accepted")
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
