"""`make run PORT=8301`: emailed links and the printed admin login lead to the
port being served; console mail reads as text. In production SITE_URL rules."""

import io
import os
import re
import subprocess
import sys

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.core.management import call_command

from amur_invest.outbox.console import EmailBackend as ReadableConsoleBackend
from amur_invest.site_url import site_url
from partners.applications import emails
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.missions.test_views import form_data

SERVED = "127.0.0.1:8301"
LINK = re.compile(r"https?://\S+")


@pytest.fixture
def debug_without_site_url(settings):
    settings.DEBUG = True
    settings.SITE_URL = "http://127.0.0.1:8000"
    settings.SITE_URL_FOLLOWS_REQUEST = True


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.SITE_URL = "https://invest.example.ru"
    settings.SITE_URL_FOLLOWS_REQUEST = False
    settings.ALLOWED_HOSTS = ["invest.example.ru", "10.0.0.5"]


def register(client, host: str, language: str = "ja"):
    cache.clear()  # the registration form is rate limited per address
    mission = MissionFactory()
    response = client.post(
        f"/{language}/missions/{mission.slug}/register/",
        form_data(language=language),
        HTTP_HOST=host,
        HTTP_USER_AGENT="Mozilla/5.0 (test)",
    )
    assert response.status_code == 302, response.content.decode()[:500]


def page_links(message) -> list[str]:
    """The confirmation link and the registrant's page: the links that act."""
    return [
        link
        for link in LINK.findall(message.body)
        if "/confirm/" in link or "/registrations/" in link
    ]


@pytest.mark.django_db
def test_emailed_links_follow_the_port_being_served_in_debug(
    client, debug_without_site_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(client, SERVED)

    (message,) = mail.outbox
    links = page_links(message)
    assert len(links) == 2
    assert all(link.startswith(f"http://{SERVED}/ja/") for link in links), links


@pytest.mark.django_db
def test_emailed_links_use_site_url_in_production_whatever_the_request_host(
    client, production, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(client, "10.0.0.5")

    (message,) = mail.outbox
    links = page_links(message)
    assert links
    assert all(link.startswith("https://invest.example.ru/ja/") for link in links)


@pytest.mark.django_db
def test_links_built_outside_any_request_use_site_url(debug_without_site_url):
    registration = RegistrationFactory(language="ja")

    url = emails.applicant_page_url(registration)

    assert url.startswith("http://127.0.0.1:8000/ja/registrations/")
    assert site_url() == "http://127.0.0.1:8000"


def settings_value(name: str, **env) -> str:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "SITE_URL"
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="amur_invest.settings")
    code = f"from django.conf import settings; print(settings.{name})"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "follows"),
    [
        ({}, "True"),
        ({"SITE_URL": "https://invest.example.ru"}, "False"),
        ({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 50}, "False"),
    ],
)
def test_links_follow_the_request_only_in_debug_without_site_url(env, follows):
    assert settings_value("SITE_URL_FOLLOWS_REQUEST", **env) == follows


@pytest.mark.django_db
def test_demo_admin_login_is_printed_with_the_port_make_run_serves(
    debug_without_site_url,
):
    out = io.StringIO()

    call_command("ensure_demo_admin", "--port", "8301", stdout=out)

    assert "Log in at http://127.0.0.1:8301/admin/" in out.getvalue()
    assert ":8000" not in out.getvalue()


@pytest.mark.django_db
def test_demo_admin_login_names_site_url_when_it_is_set(settings):
    settings.DEBUG = True
    settings.SITE_URL = "http://amur.local:9000"
    settings.SITE_URL_FOLLOWS_REQUEST = False
    out = io.StringIO()

    call_command("ensure_demo_admin", "--port", "8301", stdout=out)

    assert "Log in at http://amur.local:9000/admin/" in out.getvalue()


def test_make_run_passes_its_port_to_the_demo_admin_and_the_server(settings):
    result = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", "PORT=8301"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )

    assert "ensure_demo_admin --port 8301" in result.stdout
    assert "runserver 127.0.0.1:8301" in result.stdout


def test_console_mail_in_debug_prints_russian_and_japanese_as_text():
    stream = io.StringIO()
    message = EmailMessage(
        "Подтвердите заявку: 日本ビジネスミッション",
        "Здравствуйте!\n\n参加申込を確認してください：\n"
        "http://127.0.0.1:8301/ja/missions/japan-december-2020/register/confirm/abc/\n",
        to=["anna@example.ru"],
    )

    ReadableConsoleBackend(stream=stream).send_messages([message])

    printed = stream.getvalue()
    assert "Subject: Подтвердите заявку: 日本ビジネスミッション" in printed
    assert "参加申込を確認してください：" in printed
    assert "Здравствуйте!" in printed
    assert "/register/confirm/abc/" in printed
    assert "base64" not in printed
    assert "=?utf-8?" not in printed


def test_console_email_url_uses_the_readable_backend():
    from amur_invest.env import mailer_from_url

    assert (
        mailer_from_url("console:")["BACKEND"]
        == "amur_invest.outbox.console.EmailBackend"
    )
