"""The Content Security Policy holds on every page: a nonce on every inline
script and style, no inline event handlers, scripts only from our origin."""

import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from tests.missions.factories import ProgrammeItemFactory, RegistrationFactory
from tests.partners.factories import (
    CompanyFactory,
    ContactFactory,
    InteractionFactory,
    TwinRelationFactory,
)

pytestmark = pytest.mark.django_db

SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
NONCE = re.compile(r"'nonce-([^']+)'")


def public_paths(registration) -> list[str]:
    from tests.exhibitions.factories import ApplicationFactory

    mission, company = registration.mission, registration.company
    participation = ApplicationFactory()
    slug, token = participation.exhibition.slug, participation.token
    pages = [
        f"exhibitions/{slug}/apply/",
        f"exhibitions/{slug}/apply/sent/",
        f"applications/{token}/",
        f"applications/{token}/edit/",
        f"applications/{token}/withdraw/",
        f"applications/{token}/erase/",
        "",
        "companies/",
        f"companies/{company.slug}/",
        "missions/",
        f"missions/{mission.slug}/",
        f"missions/{mission.slug}/register/",
        f"registrations/{registration.token}/",
        f"registrations/{registration.token}/withdraw/",
        f"registrations/{registration.token}/erase/",
        "no-such-page/",
    ]
    return [f"/{language}/{page}" for language in ("ru", "ja", "en") for page in pages]


def admin_paths() -> list[str]:
    paths = ["/admin/", "/admin/password_change/"]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        paths.append(reverse("admin:{}_{}_changelist".format(*info)))
        if obj := model._default_manager.first():
            paths.append(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
        for view in ("add", "import", "export"):
            try:
                paths.append(reverse(f"admin:{info[0]}_{info[1]}_{view}"))
            except NoReverseMatch:
                continue
    return paths


def violations(response) -> list[str]:
    policy = response.headers.get("Content-Security-Policy", "")
    if not policy:
        return ["no Content-Security-Policy header"]
    script_src = next(
        (part for part in policy.split(";") if part.strip().startswith("script-src")),
        "",
    )
    problems = []
    if "'unsafe-inline'" in script_src or "'unsafe-eval'" in script_src:
        problems.append(f"script-src allows inline code: {script_src}")
    nonces = set(NONCE.findall(policy))
    html = response.content.decode()
    for tag, attributes in SCRIPT_OR_STYLE.findall(html):
        if "src=" in attributes and tag.lower() == "script":
            source = re.search(r'src="([^"]*)"', attributes).group(1)
            if source.startswith(("http:", "https:", "//")):
                problems.append(f"script from another origin: {source}")
            continue
        nonce = re.search(r'nonce="([^"]*)"', attributes)
        if not nonce or nonce.group(1) not in nonces:
            problems.append(f"inline <{tag}{attributes}> without the response's nonce")
    problems += [f"inline handler: {m[:80]}" for m in EVENT_HANDLER.findall(html)]
    return problems


def test_every_public_page_keeps_the_policy(client):
    registration = RegistrationFactory(
        status="accepted", company=CompanyFactory(is_published=True)
    )
    ProgrammeItemFactory(mission=registration.mission)
    found = {}
    for path in public_paths(registration):
        response = client.get(path)
        assert response.status_code in {200, 404}, path
        if problems := violations(response):
            found[path] = problems
    assert found == {}


def test_every_admin_page_keeps_the_policy(admin_client):
    RegistrationFactory(status="accepted")
    ContactFactory()
    InteractionFactory()
    TwinRelationFactory()
    found = {}
    for path in admin_paths():
        response = admin_client.get(path)
        # Add pages of records staff never add (consents, mail) answer 403.
        assert response.status_code in {200, 403}, path
        if problems := violations(response):
            found[path] = problems
    assert found == {}


def test_the_check_finds_an_inline_script_and_handler_without_a_nonce():
    from django.http import HttpResponse

    response = HttpResponse(
        '<script nonce="good">ok()</script><script>evil()</script>'
        '<style>p{}</style><a href="#" onclick="evil()">x</a>'
    )
    response.headers["Content-Security-Policy"] = "script-src 'self' 'nonce-good'"
    problems = violations(response)
    assert problems == [
        "inline <script> without the response's nonce",
        "inline <style> without the response's nonce",
        'inline handler: <a href="#" onclick=',
    ]
