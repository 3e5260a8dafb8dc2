"""Each staff member picks the admin's language once, in the admin, and keeps
it on every device; the public site keeps the language of its address."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from amur_invest.staff.models import StaffPreference

pytestmark = pytest.mark.django_db

PREFERENCES = "/admin/preferences/"


def page_language(response) -> str:
    return re.search(r'<html lang="([a-z-]+)"', response.content.decode()).group(1)


@pytest.fixture
def manager(django_user_model):
    return django_user_model.objects.create_user(
        "manager", password="amur-pass-2020", is_staff=True
    )


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def choose(client, language: str, **headers):
    return client.post(PREFERENCES, {"admin_language": language}, **headers)


def test_without_a_choice_the_admin_follows_the_browser(manager):
    client = signed_in(manager)

    assert page_language(client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ja")) == "ja"
    assert page_language(client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru")) == "ru"


def test_chosen_language_rules_the_admin_whatever_the_browser_says(manager):
    client = signed_in(manager)

    response = choose(client, "ja", HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 302
    assert response.url == PREFERENCES
    confirmation = client.get(PREFERENCES, HTTP_ACCEPT_LANGUAGE="ru")
    assert "設定を保存しました。" in confirmation.content.decode()
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru")
    assert page_language(page) == "ja"


def test_choice_is_kept_for_the_next_login_on_another_device(manager):
    choose(signed_in(manager), "ja")

    other_device = signed_in(manager)

    response = other_device.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru")
    assert page_language(response) == "ja"
    assert StaffPreference.objects.get(user=manager).admin_language == "ja"


def test_each_staff_member_keeps_their_own_choice(manager, django_user_model):
    choose(signed_in(manager), "ja")
    colleague = django_user_model.objects.create_user("colleague", is_staff=True)

    response = signed_in(colleague).get("/admin/", HTTP_ACCEPT_LANGUAGE="ru")

    assert page_language(response) == "ru"


def test_public_site_keeps_the_language_of_its_address(manager):
    client = signed_in(manager)
    choose(client, "ja")

    assert page_language(client.get("/ru/")) == "ru"
    assert page_language(client.get("/en/companies/")) == "en"


def test_clearing_the_choice_returns_to_the_browser_language(manager):
    client = signed_in(manager)
    choose(client, "ja")
    client.get(PREFERENCES)  # the confirmation

    choose(client, "", HTTP_ACCEPT_LANGUAGE="ru")

    confirmation = client.get(PREFERENCES, HTTP_ACCEPT_LANGUAGE="ru")
    assert "Настройки сохранены." in confirmation.content.decode()
    assert page_language(client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ru")) == "ru"


def test_the_preferences_page_offers_every_language_and_the_browsers(manager):
    response = signed_in(manager).get(PREFERENCES, HTTP_ACCEPT_LANGUAGE="ru")

    html = response.content.decode()
    assert response.status_code == 200
    for label in ("Язык моего браузера", "Русский", "日本語", "English"):
        assert label in html
    assert "Мои настройки" in html


def test_every_admin_page_links_to_the_preferences(manager):
    response = signed_in(manager).get("/admin/", HTTP_ACCEPT_LANGUAGE="ja")

    assert f'href="{PREFERENCES}"' in response.content.decode()
    assert "個人設定" in response.content.decode()


def test_an_unknown_language_is_refused(manager):
    client = signed_in(manager)

    response = choose(client, "de")

    assert response.status_code == 200
    assert not StaffPreference.objects.filter(admin_language="de").exists()


def test_strangers_are_sent_to_the_login(client):
    response = client.get(PREFERENCES)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_admin_pages_do_not_query_the_preference_each_time(manager):
    client = signed_in(manager)
    choose(client, "ja")

    with CaptureQueriesContext(connection) as queries:
        client.get("/admin/")

    assert not [q for q in queries if "staff_staffpreference" in q["sql"]]
