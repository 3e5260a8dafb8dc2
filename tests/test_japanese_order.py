"""Japanese lists follow Japanese order: prefectures by their official code,
Hokkaido first and Okinawa last, wherever staff or visitors pick one."""

import re

import pytest
from django.urls import reverse

from partners.models import Prefecture
from tests.missions.factories import MissionFactory

pytestmark = pytest.mark.django_db

NORTH_TO_SOUTH = [f"{code:02d}" for code in range(1, 48)]


def codes_of(names: list[str]) -> list[str]:
    by_name = {p.name_ja: p.code for p in Prefecture.objects.all()}
    return [by_name[name] for name in names if name in by_name]


def option_labels(html: str, select_name: str) -> list[str]:
    select = re.search(
        rf'<select[^>]*name="{select_name}"[^>]*>(.*?)</select>', html, re.S
    ).group(1)
    return [label.strip() for label in re.findall(r">([^<]+)</option>", select)]


def test_prefecture_list_in_the_admin_runs_north_to_south(admin_client):
    response = admin_client.get(
        "/admin/partners/prefecture/", HTTP_ACCEPT_LANGUAGE="ja"
    )

    codes = re.findall(r'<th class="field-code"><a [^>]*>(\d\d)</a>', response.text)
    assert codes == NORTH_TO_SOUTH


def test_prefecture_autocomplete_runs_north_to_south(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "partners",
            "model_name": "organization",
            "field_name": "prefecture",
            "term": "県",
        },
        HTTP_ACCEPT_LANGUAGE="ja",
    )

    names = [result["text"] for result in response.json()["results"]]
    codes = codes_of(names)
    assert len(codes) == 20, "the first page of 43 prefectures named …県"
    assert codes == sorted(codes)
    assert codes[0] == "02", "Aomori comes first"


def test_mission_form_offers_prefectures_north_to_south(admin_client):
    response = admin_client.get(
        "/admin/missions/mission/add/", HTTP_ACCEPT_LANGUAGE="ja"
    )

    names = option_labels(response.text, "prefectures")
    assert codes_of(names) == NORTH_TO_SOUTH


def test_contact_prefecture_picker_starts_in_hokkaido(admin_client):
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "partners", "model_name": "contact", "field_name": "prefecture"},
        HTTP_ACCEPT_LANGUAGE="ja",
    )

    names = [result["text"] for result in response.json()["results"]]
    assert codes_of(names) == NORTH_TO_SOUTH[:20]


def test_region_filter_runs_north_to_south(admin_client):
    response = admin_client.get(
        "/admin/partners/organization/", HTTP_ACCEPT_LANGUAGE="ja"
    )

    regions = re.findall(r"prefecture__region__exact=(\w+)", response.text)
    assert list(dict.fromkeys(regions)) == [
        "hokkaido",
        "tohoku",
        "kanto",
        "chubu",
        "kansai",
        "chugoku",
        "shikoku",
        "kyushu_okinawa",
    ]


def test_registration_form_offers_prefectures_north_to_south(client):
    mission = MissionFactory()

    response = client.get(f"/ja/missions/{mission.slug}/register/")

    names = re.findall(
        r'name="wanted_prefectures"[^>]*>\s*([^<]+?)\s*</label>', response.text
    )
    assert codes_of(names) == NORTH_TO_SOUTH
