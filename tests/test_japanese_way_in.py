"""Japanese companies have their own way in (issue 16 §4): in Japanese and
English, a mission's and an exhibition's page say first what a Japanese
company can do (meet, ask, subscribe); the Amur company's registration is
offered to Amur companies as such. In Russian the Amur company comes first."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.exhibitions.factories import ExhibitionFactory, OpenExhibitionFactory
from tests.missions.factories import MissionFactory

pytestmark = pytest.mark.django_db


def page(client, obj, language):
    with translation.override(language):
        return client.get(obj.get_absolute_url()).text


def ways_in(language, *, kind):
    with translation.override(language):
        return (
            reverse("showcase:contact"),
            reverse("showcase:events_ics") + f"?kind={kind}",
        )


@pytest.mark.parametrize(
    ("language", "japanese", "amur"),
    [
        ("ja", "日本企業の皆さまへ", "アムール州の企業の皆さまへ"),
        ("en", "For Japanese companies", "For Amur companies"),
    ],
)
def test_a_mission_page_leads_with_what_a_japanese_company_can_do(
    client, language, japanese, amur
):
    mission = MissionFactory()

    html = page(client, mission, language)

    assert html.index(japanese) < html.index(amur)
    for link in (reverse_signup(mission, language), *ways_in(language, kind="mission")):
        assert html.index(link) < html.index(amur)


def reverse_signup(mission, language):
    with translation.override(language):
        return reverse("meetings:signup", kwargs={"slug": mission.slug})


@pytest.mark.parametrize(
    ("language", "japanese", "amur"),
    [
        ("ja", "日本企業の皆さまへ", "アムール州の企業の皆さまへ"),
        ("en", "For Japanese companies", "For Amur companies"),
    ],
)
def test_an_exhibition_page_leads_with_what_a_japanese_company_can_do(
    client, language, japanese, amur
):
    exhibition = OpenExhibitionFactory(pavilion_offer_en="A joint stand.")

    html = page(client, exhibition, language)

    assert html.index(japanese) < html.index(amur)
    for link in ways_in(language, kind="exhibition"):
        assert html.index(link) < html.index(amur)
    assert html.index('href="#exhibitors"') < html.index(amur)


def test_in_russian_the_exhibition_page_speaks_to_amur_companies(client):
    exhibition = OpenExhibitionFactory()

    html = page(client, exhibition, "ru")

    assert "japanese-companies-heading" not in html
    with translation.override("ru"):
        assert reverse("exhibitions:apply", kwargs={"slug": exhibition.slug}) in html


def test_a_past_exhibition_offers_no_meeting(client):
    exhibition = ExhibitionFactory(applications_open=False)

    html = page(client, exhibition, "ja")

    assert "japanese-companies-heading" not in html
