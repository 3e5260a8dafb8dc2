import os
import subprocess
import sys

from django.conf import settings

from amur_invest.env import mailer_from_url


def start_django(**env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env, DJANGO_SETTINGS_MODULE="amur_invest.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_start_up_stops_without_a_secret_key_outside_debug():
    result = start_django(DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_start_up_succeeds_with_a_secret_key_outside_debug():
    result = start_django(DJANGO_DEBUG="0", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr


def test_email_url_becomes_an_smtp_mailer_with_tls_and_credentials():
    mailer = mailer_from_url("smtp://agency%40mail.ru:s3cret@smtp.mail.ru:587?tls=1")
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailer["OPTIONS"] == {
        "host": "smtp.mail.ru",
        "port": 587,
        "use_ssl": False,
        "use_tls": True,
        "timeout": 10,
        "username": "agency@mail.ru",
        "password": "s3cret",
    }


def test_console_email_url_needs_no_server():
    assert mailer_from_url("console:")["BACKEND"] == "amur_invest.mail.EmailBackend"
