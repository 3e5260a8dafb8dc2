"""A stranger can neither empty the page cache nor fill it.

Every public form is sent for real (valid, invalid, sent twice, refused by
the honeypot, the rate limit or the email budget), with its transaction's
commit callbacks run as in production, and the pages stored before are still
served from the cache afterwards. Query parameters a page does not read and
addresses the site is not configured for make no entries; the entries are
bounded and live apart from the rate-limit counters and the generation."""

import functools
import itertools

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django_ratelimit.core import get_usage

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
    settings.PAGE_CACHE_HEADER = True


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
    # Each post emails a link, the one sent again too: the third is refused.
    settings.APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR = 2
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
    # Each post emails a link, the one sent again too: the third is refused.
    settings.APPLICATIONS_EMAILS_PER_ADDRESS_PER_HOUR = 2
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
    pages = warm(
        form,
        about_exhibitor,
        exhibitor.catalogue_url(),
        "/ja/",
        "/ja/contact/sent/",
        # The promise's figures change once a day, never with an inquiry.
        "/ja/contact/promise/",
    )
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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_change_to_a_public_record_starts_no_generation():
    company = CompanyFactory(is_published=True, slug="zeya-honey")
    page = warm("/en/companies/zeya-honey/")
    generation = page_cache.current_generation()

    with pytest.raises(RolledBack):
        rename_and_fail(company)

    assert page_cache.current_generation() == generation
    assert cold(page) == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
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


# --- What makes an entry -------------------------------------------------------------------


def stored_pages() -> int:
    # Local memory in tests: its entries are in a dictionary of its own.
    return len(caches["pages"]._cache)


def test_query_parameters_no_page_reads_make_no_entries():
    warm("/en/news/")
    entries = stored_pages()

    answers = [Client().get(f"/en/news/?utm_source=mail{n}") for n in range(5)]
    again = Client().get("/en/news/?utm_source=mail0")

    assert {answer.status_code for answer in answers} == {200}
    assert {served(answer) for answer in [*answers, again]} == {"not cached"}
    assert stored_pages() == entries


def test_parameters_a_page_reads_make_pages_of_their_own():
    first = Client().get("/en/news/?page=2")
    second = Client().get("/en/news/?page=2")

    assert (served(first), served(second)) == ("miss", "hit")


@pytest.mark.parametrize(
    "path",
    [
        "/en/companies/?q=honey&sector=honey&district=zeya&page=2",
        "/en/missions/?page=2",
        "/en/exhibitions/?when=past&page=2",
        "/en/events/?view=list&kind=mission&year=2030&page=2",
        "/en/events/?month=2030-01&kind=exhibition",
        "/en/events.ics?kind=mission",
        "/en/invest/?year=2019",
        "/en/invest/projects/?sector=honey&district=zeya&stage=idea&size=small",
        "/en/invest/sites/?district=zeya&page=2",
        "/en/invest/wild-harvest/?year=2019",
        "/en/news/?sector=honey&page=2",
        "/en/presentations/?page=2",
        "/en/contact/?about=exhibitor:1",
        "/sitemap-pages.xml?p=1",
    ],
)
def test_every_parameter_a_page_reads_is_declared(path):
    first, second = Client().get(path), Client().get(path)

    assert first.status_code == 200
    assert (served(first), served(second)) == ("miss", "hit")


def test_the_exhibitor_catalogue_is_stored_with_its_filters():
    exhibition = OpenExhibitionFactory(slug="foodex-2030")
    ParticipationFactory(exhibition=exhibition)
    query = "?q=honey&sector=honey&district=zeya"
    paths = [
        f"/en/exhibitions/foodex-2030/{query}&page=2",
        f"/en/exhibitions/foodex-2030/catalogue/print/{query}",
        f"/en/exhibitions/foodex-2030/catalogue.xlsx{query}",
    ]

    answers = {path: (Client().get(path), Client().get(path)) for path in paths}

    assert {
        path: (first.status_code, served(first), served(second))
        for path, (first, second) in answers.items()
    } == dict.fromkeys(paths, (200, "miss", "hit"))


def test_a_parameter_another_page_reads_makes_no_entry_here():
    warm("/en/news/")
    entries = stored_pages()

    answer = Client().get("/en/news/?about=exhibitor:1")

    assert served(answer) == "not cached"
    assert stored_pages() == entries


def test_unknown_ports_and_hosts_make_no_entries(settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, ".amurinvest.example"]
    warm("/en/news/")
    entries = stored_pages()

    answers = [
        *(
            Client(HTTP_HOST=f"testserver:{8000 + n}").get("/en/news/")
            for n in range(3)
        ),
        *(
            Client(HTTP_HOST=f"x{n}.amurinvest.example").get("/en/news/")
            for n in range(3)
        ),
    ]

    assert {answer.status_code for answer in answers} == {200}
    assert {served(answer) for answer in answers} == {"not cached"}
    assert stored_pages() == entries


def test_a_page_built_for_an_unknown_port_never_reaches_other_visitors():
    visitor = Client(HTTP_HOST="testserver:6666")
    visitor.get("/en/news/")
    visitor.get("/en/news/")

    page = Client().get("/en/news/")

    assert "testserver:6666" not in page.text


def test_a_flood_of_pages_never_evicts_the_generation_or_the_rate_limit_counters(
    settings,
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "flood-default",
            "OPTIONS": {"MAX_ENTRIES": 30},
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "flood-pages",
            "OPTIONS": {"MAX_ENTRIES": 20},
        },
    }
    request = RequestFactory().post("/ja/contact/", REMOTE_ADDR="198.51.100.9")
    counter = functools.partial(
        get_usage, request, group="showcase.inquiry", key="ip", rate="5/h"
    )
    counter(increment=True)
    Client().get("/en/news/")
    generation = page_cache.current_generation()

    flood = [Client().get(f"/en/news/?page={n}") for n in range(60)]

    assert {served(page) for page in flood} == {"miss"}
    assert stored_pages() <= 20
    assert page_cache.current_generation() == generation
    assert counter()["count"] == 1


# --- What the public is told -----------------------------------------------------------------


def test_the_public_is_not_told_whether_a_page_came_from_the_cache(
    settings, django_assert_num_queries
):
    settings.PAGE_CACHE_HEADER = False
    Client().get("/en/news/")

    with django_assert_num_queries(0):
        page = Client().get("/en/news/")

    assert page.status_code == 200
    assert "X-Page-Cache" not in page.headers
