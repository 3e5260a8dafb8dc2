"""A stranger cannot empty the page cache.

Every public form is sent for real (valid, invalid, sent twice, refused by
the honeypot, the rate limit or the email budget), with its transaction's
commit callbacks run as in production, and the pages stored before are still
served from the cache afterwards."""

import functools
import itertools

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from amur_invest import page_cache
from exhibitions.models import Participation
from missions.models import Registration
from partners.models import Prefecture, Sector
from tests.exhibitions.factories import (
    ApplicationFactory,
    OpenExhibitionFactory,
    ParticipationFactory,
)
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.partners.factories import CompanyFactory, inn_with_check_digit

pytestmark = pytest.mark.django_db

_seeds = itertools.count(900)


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs, at its end, what the transactions inside
    left for after their commit (mail, and any new cache generation)."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


def served(response) -> str:
    return response.headers.get("X-Page-Cache", "not cached")


def in_language(language, name, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def warm(*paths) -> list[str]:
    for path in paths:
        Client().get(path)
    assert cold(paths) == [], "every page is stored before the posts"
    return list(paths)


def cold(paths) -> list[str]:
    """The pages a new visitor does not get from the cache."""
    return [path for path in paths if served(Client().get(path)) != "hit"]


class Stranger:
    """One visitor sending a form again and again, from one address."""

    def __init__(self, committed, path):
        self.client = Client(REMOTE_ADDR="198.51.100.7")
        self.committed = committed
        self.path = path

    def post(self, data):
        with self.committed():
            return self.client.post(self.path, data, HTTP_USER_AGENT="Mozilla/5.0")


def sent_in_turn(stranger, steps, pages) -> dict:
    """Send each step's form; what each step answered and left cold."""
    outcome = {}
    for name, (data, expected_status) in steps.items():
        status = stranger.post(data).status_code
        outcome[name] = (status, cold(pages))
        assert status == expected_status, name
    return outcome


def all_warm(outcome: dict) -> dict:
    return {name: (status, []) for name, (status, _cold) in outcome.items()}


# --- The public forms -----------------------------------------------------------------


def registration_data(**changes) -> dict:
    seed = next(_seeds)
    data = {
        "inn": inn_with_check_digit(seed),
        "company_name": "ООО «Амурская соя»",
        "district": "",
        "sectors": [Sector.objects.get(slug="soybeans").pk],
        "contact_name": "Ольга Иванова",
        "contact_position": "Коммерческий директор",
        "email": f"olga{seed}@example.ru",
        "phone": "+7 914 555-12-34",
        "delegates": "2",
        "products": "Соевое масло",
        "goals": "Поставки в Японию",
        "wanted_prefectures": [Prefecture.objects.get(code="01").pk],
        "wanted_partner_kinds": ["company"],
        "wanted_partners": "",
        "language": "ru",
        "consent": "on",
        "homepage": "",
    }
    return {**data, **changes}


def test_mission_registrations_of_every_outcome_leave_the_cache_warm(
    settings, committed
):
    settings.MISSIONS_REGISTRATION_RATE = "3/h"
    settings.APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR = 1
    mission = MissionFactory(delegate_seats=20, max_delegates_per_company=3)
    form = in_language("en", "missions:mission_register", slug=mission.slug)
    pages = warm(
        form,
        in_language("en", "missions:mission_detail", slug=mission.slug),
        "/en/missions/",
        "/ja/",
    )
    first = registration_data()
    steps = {
        "valid": (first, 302),
        "sent again": (first, 302),
        "invalid": (registration_data(delegates="9"), 200),
        "honeypot": (registration_data(homepage="http://spam.example"), 302),
        "too many emails": (registration_data(email=first["email"]), 429),
        "second valid": (registration_data(), 302),
        "rate limited": (registration_data(), 429),
    }

    outcome = sent_in_turn(Stranger(committed, form), steps, pages)

    assert outcome == all_warm(outcome)
    assert Registration.objects.filter(status=Registration.Status.UNCONFIRMED).count()


def application_data(**changes) -> dict:
    seed = next(_seeds)
    data = {
        "inn": inn_with_check_digit(seed),
        "company_name": "ООО «Амурский мёд»",
        "company_name_other": "",
        "district": "",
        "sectors": [Sector.objects.get(slug="honey").pk],
        "contact_name": "Ольга Миронова",
        "contact_position": "Директор по экспорту",
        "email": f"olga{seed}@example.ru",
        "phone": "+7 914 555-12-34",
        "products_to_show": "Липовый мёд",
        "volumes_offered": "до 40 тонн в год",
        "certifications_held": "ХАССП",
        "stand_wishes": "",
        "language": "ru",
        "consent": "on",
        "homepage": "",
    }
    return {**data, **changes}


def test_exhibition_applications_of_every_outcome_leave_the_cache_warm(
    settings, committed
):
    settings.EXHIBITIONS_APPLICATION_RATE = "3/h"
    settings.APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR = 1
    exhibition = OpenExhibitionFactory()
    ParticipationFactory(exhibition=exhibition)
    form = in_language("en", "exhibitions:apply", slug=exhibition.slug)
    pages = warm(
        form,
        in_language("en", "exhibitions:exhibition_detail", slug=exhibition.slug),
        "/en/exhibitions/",
        "/ja/",
    )
    first = application_data()
    steps = {
        "valid": (first, 302),
        "sent again": (first, 302),
        "invalid": (application_data(inn="123"), 200),
        "honeypot": (application_data(homepage="http://spam.example"), 302),
        "too many emails": (application_data(email=first["email"]), 429),
        "second valid": (application_data(), 302),
        "rate limited": (application_data(), 429),
    }

    outcome = sent_in_turn(Stranger(committed, form), steps, pages)

    assert outcome == all_warm(outcome)
    assert Participation.objects.filter(status=Participation.Status.UNCONFIRMED)


def inquiry_data(**changes) -> dict:
    data = {
        "name": "山田太郎",
        "organization": "北海道貿易株式会社",
        "email": f"yamada{next(_seeds)}@example.jp",
        "phone": "03-1234-5678",
        "country": "日本",
        "message": "アムール州の蜂蜜の輸入に関心があります。",
        "consent": "on",
        "homepage": "",
    }
    return {**data, **changes}


def test_inquiries_of_every_outcome_leave_the_cache_warm(settings, committed):
    settings.INQUIRY_RATE = "2/h"
    exhibitor = ParticipationFactory(exhibition=OpenExhibitionFactory())
    form = "/ja/contact/"
    about_exhibitor = f"/ja/contact/?about=exhibitor:{exhibitor.pk}"
    pages = warm(form, about_exhibitor, exhibitor.get_absolute_url(), "/ja/")
    steps = {
        "valid": (inquiry_data(), 302),
        "meet this exhibitor": (inquiry_data(about=f"exhibitor:{exhibitor.pk}"), 302),
        "invalid": (inquiry_data(email="not-an-address"), 200),
        "honeypot": (inquiry_data(homepage="http://spam.example"), 302),
        "rate limited": (inquiry_data(), 429),
    }

    outcome = sent_in_turn(Stranger(committed, form), steps, pages)

    assert outcome == all_warm(outcome)


@pytest.mark.parametrize(
    ("factory", "prefix"),
    [
        (RegistrationFactory, "missions:registration"),
        (ApplicationFactory, "exhibitions:application"),
    ],
    ids=["registration", "participation"],
)
def test_an_applicant_withdrawing_or_erasing_what_holds_no_place_leaves_the_cache_warm(
    committed, factory, prefix
):
    pages = warm("/en/missions/", "/en/exhibitions/", "/en/")
    outcome = {}
    for action in ("withdraw", "erase"):
        application = factory()
        path = in_language("en", f"{prefix}_{action}", token=application.token)
        answered = Stranger(committed, path).post({})
        outcome[action] = (answered.status_code, cold(pages))

    assert outcome == {"withdraw": (302, []), "erase": (302, [])}


def test_a_strangers_posts_to_the_admin_leave_the_cache_warm(committed):
    pages = warm("/en/companies/", "/en/")
    outcome = {}
    for name, path, data in [
        ("login", reverse("admin:login"), {"username": "x", "password": "y"}),
        ("add a company", reverse("admin:partners_company_add"), {"inn": "1"}),
    ]:
        answered = Stranger(committed, path).post(data)
        outcome[name] = (answered.status_code < 400, cold(pages))

    assert outcome == {"login": (True, []), "add a company": (True, [])}


# --- Only a committed change starts a generation -----------------------------------------


class RolledBack(Exception):
    pass


@transaction.atomic
def rename_and_fail(company):
    company.name_en = "Renamed in a transaction that fails"
    company.save()
    company.sectors.add(Sector.objects.get(slug="honey"))
    raise RolledBack


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_to_a_public_record_starts_no_generation():
    company = CompanyFactory(is_published=True, slug="zeya-honey")
    page = warm("/en/companies/zeya-honey/")
    generation = page_cache.current_generation()

    with pytest.raises(RolledBack):
        rename_and_fail(company)

    assert page_cache.current_generation() == generation
    assert cold(page) == []


@pytest.mark.django_db(transaction=True)
def test_a_change_to_a_public_record_starts_a_generation_at_its_commit_not_before():
    company = CompanyFactory(is_published=True, slug="zeya-honey")
    page = warm("/en/companies/zeya-honey/")
    before = page_cache.current_generation()

    with transaction.atomic():
        company.name_en = "Zeya Linden Honey LLC"
        company.save()
        during = page_cache.current_generation()
        still_stored = cold(page)

    assert (during, still_stored) == (before, [])
    assert page_cache.current_generation() != before
    fresh = Client().get(page[0])
    assert (served(fresh), "Zeya Linden Honey LLC" in fresh.text) == ("miss", True)
