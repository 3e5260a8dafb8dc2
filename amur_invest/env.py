"""Tiny typed readers for settings that come from the environment."""

import os
from urllib.parse import parse_qs, unquote, urlsplit, urlunsplit


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def next_redis_database(url: str) -> str:
    """The same Redis server, the database after the URL's:
    redis://host:6379/0 gives redis://host:6379/1."""
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{database + 1}"))


def mailer_from_url(url: str) -> dict:
    """Turn EMAIL_URL (smtp://user:pass@host:587?tls=1, console:, locmem:) into a
    MAILERS entry."""
    parts = urlsplit(url)
    if parts.scheme == "console":
        return {"BACKEND": "amur_invest.outbox.console.EmailBackend"}
    if parts.scheme in {"locmem", "dummy"}:
        return {"BACKEND": f"django.core.mail.backends.{parts.scheme}.EmailBackend"}
    if parts.scheme not in {"smtp", "smtps"}:
        raise ValueError(f"EMAIL_URL scheme {parts.scheme!r} is not supported")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    options = {
        "host": parts.hostname or "localhost",
        "port": parts.port or (465 if parts.scheme == "smtps" else 25),
        "use_ssl": parts.scheme == "smtps",
        "use_tls": query.get("tls", "0").lower() in {"1", "true", "yes"},
        "timeout": int(query.get("timeout", "10")),
    }
    if parts.username:
        options["username"] = unquote(parts.username)
        options["password"] = unquote(parts.password or "")
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": options,
    }
