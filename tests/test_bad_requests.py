"""A body the site cannot read gets a page in the site's style and the page's
language: 400 for another character set or a broken form, 413 for a body too
large. Never Django's bare page, never a 500."""

import re

import pytest
from django.test import Client

from tests.missions.factories import MissionFactory

pytestmark = pytest.mark.django_db

TITLE_400 = {
    "ru": "Не удалось прочитать запрос",
    "ja": "リクエストを読み取れませんでした",
    "en": "The request could not be read",
}
TITLE_413 = {
    "ru": "Отправлено слишком много данных",
    "ja": "送信されたデータが大きすぎます",
    "en": "What you sent is too large",
}
BOUNDARY = "AmurBoundary"


@pytest.fixture
def visitor():
    """A client that checks CSRF like a real visitor session, and shows the
    error responses instead of raising."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


def csrf_token(client, path) -> str:
    client.get(path)
    return client.cookies["csrftoken"].value


def urlencoded(token: str, charset: str) -> tuple[bytes, str]:
    body = f"csrfmiddlewaretoken={token}&company_name=Café Amur&products=miel"
    return (
        body.encode(charset),
        f"application/x-www-form-urlencoded; charset={charset}",
    )


def multipart(token: str, charset: str) -> tuple[bytes, str]:
    body = (
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{token}\r\n"
        f"--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="company_name"\r\n\r\n'
        "Café Amur\r\n"
        f"--{BOUNDARY}--\r\n"
    )
    return (
        body.encode(charset),
        f"multipart/form-data; boundary={BOUNDARY}; charset={charset}",
    )


def register_path(language: str) -> str:
    return f"/{language}/missions/{MissionFactory().slug}/register/"


def assert_site_page(response, *, status: int, title: str, language: str):
    assert response.status_code == status
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert title in html
    assert 'class="site-header' in html, "the site's own frame"
    assert "Bad Request (400)" not in html


@pytest.mark.parametrize("language", ["ru", "ja", "en"])
@pytest.mark.parametrize("charset", ["latin-1", "utf-16"])
@pytest.mark.parametrize("encode", [urlencoded, multipart])
def test_form_in_another_charset_gets_the_400_page_in_the_page_language(
    visitor, language, charset, encode
):
    path = register_path(language)
    body, content_type = encode(csrf_token(visitor, path), charset)

    response = visitor.generic("POST", path, body, content_type=content_type)

    assert_site_page(response, status=400, title=TITLE_400[language], language=language)


def test_broken_multipart_form_gets_the_400_page(visitor):
    path = register_path("ja")
    csrf_token(visitor, path)

    response = visitor.generic(
        "POST", path, b"no boundary here", content_type="multipart/form-data"
    )

    assert_site_page(response, status=400, title=TITLE_400["ja"], language="ja")


@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_form_over_the_size_limit_gets_the_413_page(visitor, settings, language):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    path = register_path(language)
    token = csrf_token(visitor, path)

    response = visitor.post(
        path, {"csrfmiddlewaretoken": token, "products": "мёд " * 1000}
    )

    assert_site_page(response, status=413, title=TITLE_413[language], language=language)


@pytest.mark.parametrize("encoding", ["urlencoded", "multipart"])
def test_form_with_too_many_fields_gets_the_413_page(visitor, settings, encoding):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 20
    path = register_path("ja")
    data = {"csrfmiddlewaretoken": csrf_token(visitor, path)}
    data.update({f"field{n}": "x" for n in range(50)})

    if encoding == "multipart":
        response = visitor.post(path, data)
    else:
        response = visitor.post(
            path,
            "&".join(f"{key}={value}" for key, value in data.items()),
            content_type="application/x-www-form-urlencoded",
        )

    assert_site_page(response, status=413, title=TITLE_413["ja"], language="ja")


def test_the_page_offers_the_same_address_again(visitor):
    path = register_path("ru")
    body, content_type = urlencoded(csrf_token(visitor, path), "utf-16")

    response = visitor.generic("POST", path, body, content_type=content_type)

    assert f'href="{path}"' in response.content.decode()


def test_form_in_utf8_declared_as_such_is_read_as_usual(visitor):
    path = register_path("ru")
    body, content_type = urlencoded(csrf_token(visitor, path), "utf-8")

    response = visitor.generic("POST", path, body, content_type=content_type)

    assert response.status_code == 200, "the form again, with its errors"
    assert "Café Amur" in response.content.decode()


@pytest.mark.parametrize("charset", ["latin-1", "utf-16"])
def test_admin_login_posted_in_another_charset_gets_the_400_page(visitor, charset):
    body, content_type = urlencoded(csrf_token(visitor, "/admin/login/"), charset)

    response = visitor.generic(
        "POST",
        "/admin/login/",
        body,
        content_type=content_type,
        HTTP_ACCEPT_LANGUAGE="ja",
    )

    assert_site_page(response, status=400, title=TITLE_400["ja"], language="ja")


def test_admin_form_over_the_size_limit_gets_the_413_page(admin_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = admin_client.post(
        "/admin/partners/sector/add/",
        {"name_ru": "мёд " * 1000},
        HTTP_ACCEPT_LANGUAGE="ru",
    )

    assert_site_page(response, status=413, title=TITLE_413["ru"], language="ru")


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/admin/missions/registration/", {"q": "петров\x0017"}),
        ("/admin/partners/company/", {"q": "a\x00b"}),
        ("/admin/showcase/inquiry/", {"q": "\x00"}),
        ("/admin/partners/company/", {"name__exact": "a\x00b"}),
    ],
)
def test_a_nul_byte_in_an_admin_search_or_filter_gets_the_400_page(
    admin_client, path, query
):
    """PostgreSQL stores and compares no NUL character: a search or filter
    holding one was a 500 on every list (the public lists fold it away)."""
    response = admin_client.get(path, query, HTTP_ACCEPT_LANGUAGE="ru")

    assert_site_page(response, status=400, title=TITLE_400["ru"], language="ru")


def test_a_request_for_an_unknown_host_still_gets_a_400_page(visitor):
    response = visitor.get("/ru/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert TITLE_400["ru"] in response.content.decode()


SECURITY_HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


def security_headers(response) -> dict:
    """The headers, the policy without its nonce: a page that uses one (the
    home page's structured data) names a new one in every response."""
    headers = {name: response.headers.get(name) for name in SECURITY_HEADERS}
    return {
        name: re.sub(r" 'nonce-[^']*'", "", value) if value else value
        for name, value in headers.items()
    }


def test_the_400_page_for_an_unknown_host_carries_the_security_headers(visitor):
    usual = visitor.get("/ru/")

    response = visitor.get("/ru/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert all(security_headers(usual).values())
    assert security_headers(response) == security_headers(usual)


@pytest.fixture
def behind_https(settings):
    """Production's HTTPS settings: the proxy says which requests came in
    over HTTPS, plain HTTP is redirected, browsers are told to stay."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600


def test_the_400_page_for_an_unknown_host_over_https_keeps_browsers_on_https(
    visitor, behind_https
):
    response = visitor.get(
        "/ru/", HTTP_HOST="attacker.example", HTTP_X_FORWARDED_PROTO="https"
    )

    assert response.status_code == 400
    assert response.headers["Strict-Transport-Security"] == "max-age=3600"
    assert all(security_headers(response).values())


def test_the_400_page_for_an_unknown_host_over_plain_http_has_the_headers_too(
    visitor, behind_https
):
    # The HTTPS redirect reads the host first, before any header is added.
    response = visitor.get("/ru/", HTTP_HOST="attacker.example")

    assert response.status_code == 400
    assert all(security_headers(response).values())
    assert "Strict-Transport-Security" not in response.headers
