"""The demo exhibitions and activities: what the facts say, an upcoming
exhibition whatever the day, and the same database after a second load."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from exhibitions.models import Exhibition, Participation, ParticipationProduct
from showcase.calendar.activity import activity_by_year
from showcase.models import Event

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


def snapshot():
    return {
        "exhibitions": sorted(Exhibition.objects.values_list("slug", "sequence")),
        "participations": sorted(
            Participation.objects.values_list(
                "exhibition__slug", "company__slug", "status"
            )
        ),
        "products": ParticipationProduct.objects.count(),
        "photos": sorted(ParticipationProduct.objects.values_list("photo", flat=True)),
        "events": sorted(Event.objects.values_list("title_en", "sequence")),
    }


def test_loading_the_demo_twice_leaves_the_same_database():
    load_demo()
    first = snapshot()
    load_demo()
    assert snapshot() == first


@pytest.mark.usefixtures("demo_loaded_once")
class TestTheDemoAsLoaded:
    """Tests that only read the demo share one load of it."""

    def test_the_2020_exhibitions_of_the_facts_with_amur_exhibitors(self):
        foodex = Exhibition.objects.get(slug="foodex-japan-2020")
        assert (foodex.edition, foodex.starts_on.month, foodex.starts_on.year) == (
            46,
            3,
            2020,
        )
        ifia = Exhibition.objects.get(slug="ifia-japan-2020")
        assert (ifia.edition, ifia.starts_on.month) == (25, 4)
        assert ifia.starts_on.day >= 20, "the end of April"
        hi_japan = Exhibition.objects.get(slug="hi-japan-2020")
        assert (hi_japan.starts_on, hi_japan.ends_on) == (ifia.starts_on, ifia.ends_on)
        assert Exhibition.objects.filter(
            slug="tokyo-international-art-fair-2020"
        ).exists()
        for exhibition in (foodex, ifia, hi_japan):
            accepted = exhibition.participations.filter(status="accepted")
            assert accepted.exists()
            assert all(p.company.is_sample for p in accepted)
        sectors = set(
            Participation.objects.filter(status="accepted").values_list(
                "company__sectors__slug", flat=True
            )
        )
        assert {"honey", "wild-harvest", "food"} <= sectors
        # Not every application was accepted: the catalogue has something to hide.
        assert Participation.objects.exclude(status="accepted").exists()

    def test_every_product_shown_has_a_picture_and_every_applicant_a_consent(self):
        assert ParticipationProduct.objects.exists()
        assert not ParticipationProduct.objects.filter(photo="").exists()
        assert not Participation.objects.filter(consent__isnull=True).exists()

    def test_a_newcomer_sees_an_upcoming_exhibition_whatever_the_day(self):
        upcoming = Exhibition.objects.upcoming()
        assert upcoming.filter(applications_open=True, is_sample=True).exists()
        coming = upcoming.get()
        assert coming.starts_on > timezone.localdate() + datetime.timedelta(days=30)
        assert coming.is_accepting_applications

    def test_2019_counts_more_than_50_activities_with_the_two_missions(self):
        table = activity_by_year()
        year_2019 = next(year for year in table.years if year.year == 2019)
        assert year_2019.total > 50
        assert year_2019.counts["mission"] == 2
        assert year_2019.counts["council_of_governors"] >= 1
        assert year_2019.counts["cultural_exchange"] >= 1
        assert year_2019.counts["sports_exchange"] >= 1
        assert year_2019.meetings_held

    def test_the_tokyo_presentation_and_the_2020_plans_are_in_the_calendar(self):
        tokyo = Event.objects.get(
            title_en__contains="investment opportunities in Tokyo"
        )
        assert tokyo.mission.slug == "japan-november-2019"
        assert tokyo.local_start.strftime("%Y-%m-%d %H:%M") == "2019-11-12 14:00"
        centre = Event.objects.get(title_en__contains="Japanese culture centre")
        assert centre.is_plan
        assert centre.starts_on.year == 2020
        assert Event.objects.filter(
            kind="twin_city_visit", twin_relation__isnull=False
        ).exists()
        assert Event.objects.filter(starts_on__gt=timezone.localdate()).exists()
