import json
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
    assert (
        mailer_from_url("console:")["BACKEND"]
        == "amur_invest.outbox.console.EmailBackend"
    )


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k" * 50 + "Zq9!xR2#",
    "DJANGO_ALLOWED_HOSTS": "invest.example.ru",
    "EMAIL_URL": "smtp://mail.example.ru:587?tls=1",
}


def run_manage(*arguments, **env) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_from_the_environment_pass_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_probes_answer_plain_http_without_a_redirect_in_production():
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "c = Client(HTTP_HOST='invest.example.ru');"
        "print(c.get('/healthz').status_code, c.get('/ja/').status_code)"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(PRODUCTION, DJANGO_SETTINGS_MODULE="amur_invest.settings")
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.split() == ["200", "301"], result.stderr


def caches_with(**env) -> dict:
    script = (
        "import json, django; django.setup();"
        "from django.conf import settings; print(json.dumps(settings.CACHES))"
    )
    environment = {k: v for k, v in os.environ.items() if "REDIS" not in k}
    environment.update(env, DJANGO_SETTINGS_MODULE="amur_invest.settings")
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_pages_are_kept_in_a_bounded_redis_database_of_their_own():
    caches = caches_with(
        REDIS_URL="redis://cache.internal:6379/2", PAGE_CACHE_MAX_ENTRIES="5000"
    )

    assert caches["default"]["LOCATION"] == "redis://cache.internal:6379/2"
    assert caches["pages"]["LOCATION"] == "redis://cache.internal:6379/3"
    assert caches["pages"]["OPTIONS"] == {"MAX_ENTRIES": 5000}


def test_pages_may_have_a_redis_server_of_their_own():
    caches = caches_with(
        REDIS_URL="redis://cache.internal:6379",
        PAGE_CACHE_REDIS_URL="redis://pages.internal:6379/0",
    )

    assert caches["pages"]["LOCATION"] == "redis://pages.internal:6379/0"


def test_without_redis_pages_are_kept_apart_in_local_memory_and_bounded():
    caches = caches_with()

    assert caches["pages"]["LOCATION"] != caches["default"].get("LOCATION", "")
    assert caches["pages"]["OPTIONS"]["MAX_ENTRIES"] > 0


def test_the_sites_settings_are_the_same_whether_or_not_pytest_is_imported():
    """Tests ask for their own settings (tests/settings.py); the site's
    settings never guess from the modules loaded."""
    show = (
        "import json, sys; {imports}from django.conf import settings; "
        "import django; django.setup(); print(json.dumps([settings.PAGE_CACHE_SECONDS, "
        "settings.FRAGMENT_CACHE_SECONDS, settings.PASSWORD_HASHERS[0], "
        "settings.TASKS['default']['BACKEND']]))"
    )
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        DJANGO_SETTINGS_MODULE="amur_invest.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 50,
    )
    environment.pop("PAGE_CACHE_SECONDS", None)
    environment.pop("FRAGMENT_CACHE_SECONDS", None)
    environment.pop("TASKS_IMMEDIATE", None)

    def values(imports: str) -> list:
        result = subprocess.run(
            [sys.executable, "-c", show.format(imports=imports)],
            cwd=settings.BASE_DIR,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(result.stdout)

    plain = values("")
    assert values("import pytest; ") == plain
    assert plain[:2] == [600, 3600]
    assert "MD5" not in plain[2]
    assert plain[3] == "django_tasks_db.DatabaseBackend"
