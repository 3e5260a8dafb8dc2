"""Every public page of the demo, in every language, found through the
sitemap: it answers 200 in the language of its address, keeps the Content
Security Policy, shows its photographs in the sizes made for it and is
rendered by Jinja2 from templates/jinja2/ (issue 18). A page added to the
sitemap is checked here without more code; pages behind secret links are
added by hand below."""

import io
import re

import pytest
from django.core.management import call_command

from missions.models import Mission, Registration
from showcase.meetings.models import JapaneseParticipant
from tests.sitemaps import SITEMAP_NS, sitemap_xml
from tests.test_csp import violations
from tests.test_jinja_pages import jinja_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    # The tasks run after the commit: the photographs' sizes are made.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", verbosity=0, stdout=io.StringIO())


def sitemap_paths(client) -> list[str]:
    """Every address and language alternate the sitemaps name."""
    urls = set()
    for url in sitemap_xml(client).findall("sm:url", SITEMAP_NS):
        urls.add(url.find("sm:loc", SITEMAP_NS).text)
        for alternate in url.findall("xhtml:link", SITEMAP_NS):
            if alternate.get("hreflang") in {"ru", "ja", "en"}:
                urls.add(alternate.get("href"))
    return sorted(re.sub(r"^https?://[^/]+", "", url) for url in urls)


def form_and_secret_link_paths() -> list[str]:
    registration = Registration.objects.exclude(company=None).first()
    open_mission = Mission.objects.open_for_registration().get()
    met = JapaneseParticipant.objects.filter(meetings__isnull=False)
    participant = met.filter(mission__isnull=False).first()
    delegate = participant.meetings.first().registration
    guest = met.filter(exhibition__isnull=False).first()
    exhibitor = guest.meetings.first().participation
    return [
        f"/{language}/{page}"
        for language in ("ru", "ja", "en")
        for page in (
            f"missions/{open_mission.slug}/register/",
            f"registrations/{registration.token}/",
            f"registrations/{registration.token}/withdraw/",
            f"registrations/{registration.token}/erase/",
            f"registrations/{registration.token}/edit/",
            f"missions/{open_mission.slug}/meet/",
            f"meetings/{participant.token}/",
            f"meetings/{participant.token}/meetings.ics",
            f"meetings/{participant.token}/sheet/",
            f"registrations/{delegate.token}/meetings/",
            f"registrations/{delegate.token}/meetings/meetings.ics",
            f"registrations/{delegate.token}/meetings/sheet/",
            f"exhibitions/{guest.exhibition.slug}/meet/",
            f"exhibitions/{guest.exhibition.slug}/meet/sent/",
            f"meetings/{guest.token}/",
            f"meetings/{guest.token}/meetings.ics",
            f"meetings/{guest.token}/sheet/",
            f"applications/{exhibitor.token}/meetings/",
            f"applications/{exhibitor.token}/meetings/meetings.ics",
            f"applications/{exhibitor.token}/meetings/sheet/",
        )
    ]


def test_every_public_page_answers_in_its_language_under_the_policy(client, demo):
    paths = sitemap_paths(client)
    assert len(paths) > 200  # the demo's pages in three languages
    problems = {}
    for path in [*paths, *form_and_secret_link_paths()]:
        response = client.get(path)
        language = path.split("/")[1]
        found = []
        if response.status_code != 200:
            found.append(f"status {response.status_code}")
        elif response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            if f'<html lang="{language}"' not in html:
                found.append("not in the language of its address")
            if "picture--original" in html:
                # A shape the image field's `shown_as` does not list.
                found.append("a photograph without its smaller sizes")
            found += violations(response)
            found += jinja_problems(response)
        if found:
            problems[path] = found
    assert problems == {}
