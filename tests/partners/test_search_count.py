"""A staff search of applications counts its matches up to a cap (issue 18):
a word found in most of 100,000 registrations is counted up to a thousand
instead of through every row. The list then says "more than", pages through
the first matches in its order, and offers no "select all" for rows it never
counted."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from exhibitions.admin import ParticipationAdmin
from missions.admin.registrations import RegistrationAdmin
from tests.exhibitions.factories import ParticipationFactory
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.partners.factories import CompanyFactory

pytestmark = pytest.mark.django_db

REGISTRATIONS = "admin:missions_registration_changelist"
PARTICIPATIONS = "admin:exhibitions_participation_changelist"


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def cap_of_three(monkeypatch):
    """Three matches counted, two on a page (a thousand and a hundred)."""
    for admin_class in (RegistrationAdmin, ParticipationAdmin):
        monkeypatch.setattr(admin_class, "search_count_cap", 3)
        monkeypatch.setattr(admin_class, "list_per_page", 2)


@pytest.fixture
def beekeepers():
    """Five registrations of beekeepers, one of a sawmill."""
    mission = MissionFactory()
    bees = [
        RegistrationFactory(
            mission=mission,
            company=CompanyFactory(name_ru=f"Пасека {number}"),
            company_name=f"Пасека {number}",
        )
        for number in range(5)
    ]
    RegistrationFactory(
        mission=mission,
        company=CompanyFactory(name_ru="Лесопилка"),
        company_name="Лесопилка",
    )
    return bees


def rows_of(response) -> list:
    return list(response.context["cl"].result_list)


def test_a_search_with_more_matches_than_the_cap_says_more_than(
    admin_client, cap_of_three, beekeepers
):
    response = admin_client.get(reverse(REGISTRATIONS), {"q": "пасека"})

    assert response.status_code == 200
    page = response.content.decode()
    assert "more than 3 results" in page
    assert "Total: more than 3" in page
    # The first three matches in the list's order (newest first) on two
    # pages, and no page further.
    second = admin_client.get(reverse(REGISTRATIONS), {"q": "пасека", "p": "2"})
    third = admin_client.get(reverse(REGISTRATIONS), {"q": "пасека", "p": "3"})
    newest = sorted(beekeepers, key=lambda r: (r.created_at, r.pk), reverse=True)
    shown = rows_of(response) + rows_of(second)
    assert [row.pk for row in shown] == [row.pk for row in newest[:3]]
    # The admin's answer to a page past the last: the list's first page.
    assert third.status_code == 302


def test_no_select_all_for_rows_the_search_never_counted(
    admin_client, cap_of_three, beekeepers
):
    response = admin_client.get(reverse(REGISTRATIONS), {"q": "пасека"})

    page = response.content.decode()
    assert 'class="question' not in page
    # The rows on the page can still be ticked and acted on.
    assert 'class="action-counter"' in page
    assert 'name="_selected_action"' in page


def test_a_counted_search_over_several_pages_offers_select_all(
    admin_client, monkeypatch, beekeepers
):
    monkeypatch.setattr(RegistrationAdmin, "list_per_page", 2)

    response = admin_client.get(reverse(REGISTRATIONS), {"q": "пасека"})

    page = response.content.decode()
    assert 'class="question' in page
    assert "Select all 5" in page


def test_a_search_under_the_cap_counts_exactly(admin_client, beekeepers):
    response = admin_client.get(reverse(REGISTRATIONS), {"q": "пасека"})

    assert response.context["cl"].result_count == 5
    assert "5 results" in response.content.decode()
    assert "more than" not in response.content.decode()


def test_the_count_stops_at_the_cap_in_the_database(
    admin_client, cap_of_three, beekeepers
):
    with CaptureQueriesContext(connection) as queries:
        admin_client.get(reverse(REGISTRATIONS), {"q": "пасека"})

    counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(")]
    searched = [sql for sql in counts if "search_text" in sql]
    assert len(searched) == 1, counts
    # Up to one past the cap, and only the keys: no competing count per row.
    assert searched[0].endswith("LIMIT 4) subquery"), searched
    assert searched[0].count("COUNT(") == 1, searched


def test_a_list_without_a_search_counts_every_row(admin_client, cap_of_three):
    RegistrationFactory.create_batch(5)

    response = admin_client.get(reverse(REGISTRATIONS))

    assert response.context["cl"].result_count == 5
    assert "Total: 5" in response.content.decode()


def test_participations_are_capped_alike(admin_client, cap_of_three):
    for number in range(4):
        ParticipationFactory(
            company=CompanyFactory(name_ru=f"Пасека {number}"),
            company_name=f"Пасека {number}",
        )

    response = admin_client.get(reverse(PARTICIPATIONS), {"q": "пасека"})

    assert response.status_code == 200
    assert len(rows_of(response)) == 2
    assert "more than 3 results" in response.content.decode()


def test_the_capped_count_reads_in_every_staff_language(
    admin_client, cap_of_three, beekeepers
):
    expected = {"ru": "больше 3", "ja": "3件超"}
    for language, words in expected.items():
        with translation.override(language):
            response = admin_client.get(
                reverse(REGISTRATIONS),
                {"q": "пасека"},
                HTTP_ACCEPT_LANGUAGE=language,
            )
        assert words in response.content.decode(), language


def test_the_export_of_a_capped_search_writes_every_match(admin_client, cap_of_three):
    companies = [CompanyFactory(name_ru=f"Пасека {number}") for number in range(5)]
    for company in companies:
        ParticipationFactory(company=company, company_name=company.name_ru)
    ParticipationFactory(company=CompanyFactory(name_ru="Лесопилка"))

    response = admin_client.post(
        reverse("admin:exhibitions_participation_export") + "?q=пасека",
        {"format": "0", "resource": "", "participationresource_company": "on"},
    )

    rows = response.content.decode("utf-8-sig").splitlines()[1:]
    assert sorted(rows) == sorted(company.inn for company in companies)
