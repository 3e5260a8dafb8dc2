"""The load_demo and ensure_demo_admin management commands."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count

from partners.models import (
    Company,
    Contact,
    Interaction,
    Organization,
    TwinRelation,
)
from partners.validators import normalize_inn
from showcase import demo

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    # The demo paints photographs: keep them out of the project's media folder.
    settings.MEDIA_ROOT = tmp_path


DEMO_MODELS = [Company, Contact, Interaction, Organization, TwinRelation]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in DEMO_MODELS}


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_twice_leaves_the_same_database():
    load_demo()
    first = counts()
    first_names = sorted(Company.objects.values_list("name_ja", flat=True))
    load_demo()
    assert counts() == first
    assert sorted(Company.objects.values_list("name_ja", flat=True)) == first_names


@pytest.mark.usefixtures("demo_loaded_once")
class TestTheDemoAsLoaded:
    """Tests that only read the demo share one load of it."""

    def test_demo_data_has_what_the_agency_needs(self):
        companies = Company.objects.all()
        assert 8 <= companies.count() <= 12
        assert all(company.is_sample for company in companies)
        assert companies.filter(is_published=True).count() > companies.count() / 2
        for company in companies:
            assert normalize_inn(company.inn) == company.inn
            assert all(getattr(company, f"name_{code}") for code in ("ru", "ja", "en"))
            assert all(
                getattr(company, f"products_{code}") for code in ("ru", "ja", "en")
            )
        sectors = set(companies.values_list("sectors__slug", flat=True))
        assert {"honey", "food", "animal-feed", "forestry", "wild-harvest"} <= sectors
        assert companies.values("district").distinct().count() >= 5

    def test_demo_data_names_the_agency_people_and_japanese_partners(self):
        agency = Organization.objects.get(
            name_en="Amur Region Investment Attraction Agency"
        )
        assert agency.country == "RU"
        assert agency.kind == Organization.Kind.PUBLIC_BODY
        assert agency.contacts.filter(name_latin="Pavel Puzanov").exists()
        kireeva = Contact.objects.get(name_latin="Ekaterina Kireeva")
        assert kireeva.organization != agency
        assert Contact.objects.filter(
            name_latin="Marina Sinelnikova",
            organization__name_en="Public Center of Russian-Japanese Cooperation",
        ).exists()
        japanese = Organization.objects.filter(country="JP")
        assert 6 <= japanese.count() <= 8
        assert japanese.values("prefecture").distinct().count() >= 4
        kinds = set(japanese.values_list("kind", flat=True))
        assert {"prefectural_government", "company", "chamber"} <= kinds
        with_contacts = japanese.annotate(n=Count("contacts")).filter(n__gt=0)
        assert with_contacts.count() == japanese.count()
        assert Interaction.objects.filter(organization__country="JP").count() >= 5
        assert all(
            c.name_native for c in Contact.objects.filter(organization__country="JP")
        )

    def test_demo_twin_city_relation_is_in_negotiation(self):
        relation = TwinRelation.objects.get()
        assert relation.amur_district.slug == "blagoveshchensk"
        assert relation.status == TwinRelation.Status.NEGOTIATING

    def test_load_demo_names_every_data_file_it_loads(self, demo_loaded_once):
        output = demo_loaded_once

        assert [line.split(":")[0] for line in output.splitlines()[:-1]] == demo.FILES
        assert "Demo data is ready." in output


def test_ensure_demo_admin_creates_a_superuser_and_says_how_to_log_in(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("ensure_demo_admin", stdout=out)
    user = get_user_model().objects.get(username=settings.DEMO_ADMIN_USERNAME)
    assert all([user.is_superuser, user.is_staff, user.is_active])
    assert user.check_password(settings.DEMO_ADMIN_PASSWORD)
    text = out.getvalue()
    assert "http://127.0.0.1:8000/admin/" in text
    assert settings.DEMO_ADMIN_USERNAME in text
    assert settings.DEMO_ADMIN_PASSWORD in text


def test_ensure_demo_admin_resets_a_changed_password(settings):
    settings.DEBUG = True
    user = get_user_model().objects.create_user(
        settings.DEMO_ADMIN_USERNAME, password="forgotten", is_staff=False
    )
    call_command("ensure_demo_admin", stdout=io.StringIO())
    user.refresh_from_db()
    assert user.check_password(settings.DEMO_ADMIN_PASSWORD)
    assert user.is_superuser
    assert get_user_model().objects.count() == 1


def test_ensure_demo_admin_refuses_outside_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("ensure_demo_admin", stdout=io.StringIO())
    assert not get_user_model().objects.exists()
