"""Three languages: redirects, the language switcher, hreflang and formats."""

import datetime
import re

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.partners.factories import CompanyFactory, SectorFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "ja", "en"]


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ja,en-US;q=0.8", "/ja/"),
        ("en-GB,en;q=0.9", "/en/"),
        ("ru-RU,ru;q=0.9", "/ru/"),
        ("de-DE,de;q=0.9", "/ru/"),
        ("", "/ru/"),
    ],
)
def test_root_redirects_by_accept_language(client, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_unprefixed_page_redirects_with_its_query_string(client):
    response = client.get(
        "/companies/", {"sector": "honey"}, headers={"accept-language": "ja"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/ja/companies/?sector=honey"


def switcher_links(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    return {
        code: href.replace("&amp;", "&")
        for href, code in re.findall(r'href="([^"]+)" hreflang="(\w+)"', nav)
    }


def test_switcher_on_the_catalogue_keeps_the_page_and_its_filters(client):
    SectorFactory(slug="honey")
    query = {"sector": "honey", "q": "мёд", "page": "1"}
    html = client.get("/ru/companies/", query).content.decode()
    links = switcher_links(html)
    assert links["ja"] == "/ja/companies/?sector=honey&q=%D0%BC%D1%91%D0%B4&page=1"
    assert links["en"] == "/en/companies/?sector=honey&q=%D0%BC%D1%91%D0%B4&page=1"
    assert links["ru"].startswith("/ru/companies/?")


def test_switcher_on_a_company_page_leads_to_the_same_company(client):
    company = CompanyFactory(slug="zeya-apiary")
    html = client.get(f"/en/companies/{company.slug}/").content.decode()
    assert switcher_links(html) == {
        "ru": "/ru/companies/zeya-apiary/",
        "ja": "/ja/companies/zeya-apiary/",
        "en": "/en/companies/zeya-apiary/",
    }


def test_switcher_marks_the_current_language(client):
    html = client.get("/ja/").content.decode()
    assert re.search(r'hreflang="ja" lang="ja" aria-current="true"', html)
    assert not re.search(r'hreflang="ru" lang="ru" aria-current', html)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", ["/", "/companies/", "/companies/?sector=honey"])
def test_every_page_has_hreflang_alternates(client, language, path):
    html = client.get(f"/{language}{path}").content.decode()
    query = path.partition("?")[2]
    suffix = path.partition("?")[0] + (f"?{query}" if query else "")
    for code in LANGUAGES:
        assert (
            f'<link rel="alternate" hreflang="{code}" '
            f'href="http://testserver/{code}{suffix}">'
        ) in html
    assert (
        f'<link rel="alternate" hreflang="x-default" href="http://testserver{suffix}">'
    ) in html


def test_company_page_has_hreflang_alternates(client):
    company = CompanyFactory(slug="amur-honey")
    html = client.get(f"/ja/companies/{company.slug}/").content.decode()
    for code in LANGUAGES:
        assert (
            f'hreflang="{code}" href="http://testserver/{code}/companies/amur-honey/"'
            in html
        )


def render_in(language: str, template: str, **context) -> str:
    with translation.override(language):
        return Template(template).render(Context(context))


def test_dates_follow_each_language_format():
    december = datetime.date(2020, 12, 7)
    template = '{{ day|date:"YEAR_MONTH_FORMAT" }}|{{ day|date:"DATE_FORMAT" }}'
    assert render_in("ja", template, day=december) == "2020年12月|2020年12月7日"
    assert render_in("en", template, day=december) == "December 2020|Dec. 7, 2020"
    assert (
        render_in("ru", template, day=december) == "Декабрь 2020 г.|7 декабря 2020 г."
    )


def test_numbers_follow_each_language_format():
    template = "{% load l10n humanize %}{{ value|intcomma }}"
    assert render_in("ja", template, value=1234567) == "1,234,567"
    assert render_in("en", template, value=1234567) == "1,234,567"
    assert render_in("ru", template, value=1234567) == "1\xa0234\xa0567"


def test_company_page_shows_catalogue_date_in_japanese_format(client):
    company = CompanyFactory()
    html = client.get(f"/ja/companies/{company.slug}/").content.decode()
    created = company.created_at.astimezone(
        datetime.timezone(datetime.timedelta(hours=9))
    )
    assert f"{created.year}年{created.month}月" in html
