"""Whole public pages from the cache: stored per address and language, fresh
after any change staff save, and never shared where a page is one
visitor's (admin, secret links, sessions, messages, POST results)."""

import functools
import io
import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import (
    CSRF_TOKEN_LENGTH,
    _get_new_csrf_string,
    _unmask_cipher_token,
)
from django.test import Client, RequestFactory
from django.urls import reverse

from amur_invest import page_cache
from amur_invest.agency.models import AgencyContact
from amur_invest.cache import ResilientRedisCache
from amur_invest.outbox.models import OutgoingEmail
from missions.models import Registration, StatusChange
from partners.models import Company, Consent, Sector
from showcase.models import Inquiry
from tests.exhibitions.factories import ExhibitionFactory, OpenExhibitionFactory
from tests.missions.factories import (
    MissionFactory,
    RegistrationFactory,
    days_from_today,
)
from tests.partners.factories import (
    CompanyFactory,
    ContactFactory,
    OrganizationFactory,
    SectorFactory,
)
from tests.showcase.content_factories import NewsItemFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ["ru", "ja", "en"]
NONCE = re.compile(r'nonce="([^"]+)"')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    settings.PAGE_CACHE_HEADER = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs, at its end, what the transactions inside left
    for after their commit: a change starts a new generation only then."""
    return functools.partial(django_capture_on_commit_callbacks, execute=True)


def served(response) -> str:
    return response.headers.get("X-Page-Cache", "not cached")


@pytest.fixture
def honey_company():
    return CompanyFactory(
        slug="zeya-honey",
        name_ru="ООО «Зейский мёд»",
        name_ja="ゼヤはちみつ社",
        name_en="Zeya Honey LLC",
        is_published=True,
    )


def company_page(company, language):
    return f"/{language}/companies/{company.slug}/"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("chief", password="x")


@pytest.fixture
def staff_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


# --- Hits and misses -------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_anonymous_page_is_built_once_then_served_from_the_cache(
    client, honey_company, language, django_assert_num_queries
):
    first = client.get(company_page(honey_company, language))
    with django_assert_num_queries(0):
        second = client.get(company_page(honey_company, language))

    assert (served(first), served(second)) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_each_language_is_stored_on_its_own(client, honey_company):
    for language in LANGUAGES:
        client.get(company_page(honey_company, language))

    pages = {
        language: client.get(company_page(honey_company, language))
        for language in LANGUAGES
    }

    assert {served(page) for page in pages.values()} == {"hit"}
    assert "ООО «Зейский мёд»" in pages["ru"].text
    assert "ゼヤはちみつ社" in pages["ja"].text
    assert "Zeya Honey LLC" in pages["en"].text
    assert pages["ja"]["Content-Language"] == "ja"


def test_query_strings_are_pages_of_their_own(client, honey_company):
    SectorFactory(slug="honey")
    client.get("/en/companies/")

    filtered = client.get("/en/companies/", {"q": "nothing-like-this"})

    assert served(filtered) == "miss"
    assert "Zeya Honey LLC" not in filtered.text


def test_a_head_request_is_answered_from_the_cache(client, honey_company):
    client.get(company_page(honey_company, "en"))

    head = client.head(company_page(honey_company, "en"))

    assert served(head) == "hit"


def test_without_a_cache_time_nothing_is_stored(client, honey_company, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(company_page(honey_company, "en"))

    assert served(client.get(company_page(honey_company, "en"))) == "not cached"


# --- Changes show on the next request -----------------------------------------------


def cache_in_every_language(client, path_of):
    for language in LANGUAGES:
        client.get(path_of(language))
        assert served(client.get(path_of(language))) == "hit"


def test_a_saved_company_shows_at_once_in_every_language(
    client, honey_company, committed
):
    cache_in_every_language(
        client, lambda language: company_page(honey_company, language)
    )

    honey_company.name_ru = "ООО «Зейский липовый мёд»"
    honey_company.name_ja = "ゼヤ菩提樹はちみつ社"
    honey_company.name_en = "Zeya Linden Honey LLC"
    with committed():
        honey_company.save()

    pages = {lang: client.get(company_page(honey_company, lang)) for lang in LANGUAGES}
    assert {served(page) for page in pages.values()} == {"miss"}
    assert "ООО «Зейский липовый мёд»" in pages["ru"].text
    assert "ゼヤ菩提樹はちみつ社" in pages["ja"].text
    assert "Zeya Linden Honey LLC" in pages["en"].text


def test_a_sector_added_to_a_company_shows_at_once(client, honey_company, committed):
    cache_in_every_language(
        client, lambda language: company_page(honey_company, language)
    )
    linden = SectorFactory(name_en="Linden honey", name_ja="菩提樹蜂蜜")

    with committed():
        honey_company.sectors.add(linden)

    assert "Linden honey" in client.get(company_page(honey_company, "en")).text
    assert "菩提樹蜂蜜" in client.get(company_page(honey_company, "ja")).text


@pytest.mark.parametrize(
    ("path", "change", "shown"),
    [
        (
            "/en/missions/",
            lambda: MissionFactory(title_en="Mission to Niigata"),
            "Mission to Niigata",
        ),
        (
            "/en/exhibitions/",
            lambda: ExhibitionFactory(
                name_en="FOODEX JAPAN 2030",
                starts_on=days_from_today(30),
                ends_on=days_from_today(33),
            ),
            "FOODEX JAPAN 2030",
        ),
        (
            "/en/news/",
            lambda: NewsItemFactory(title_en="Honey goes to Hokkaido"),
            "Honey goes to Hokkaido",
        ),
    ],
)
def test_new_public_records_show_at_once(client, committed, path, change, shown):
    client.get(path)
    with committed():
        change()

    assert shown in client.get(path).text


def test_a_deleted_company_is_gone_at_once(client, honey_company, committed):
    client.get("/en/companies/")
    with committed():
        honey_company.delete()

    assert "Zeya Honey LLC" not in client.get("/en/companies/").text


def test_the_agency_contact_shows_at_once_in_every_footer(client, committed):
    cache_in_every_language(client, lambda language: f"/{language}/")
    agency = AgencyContact.load()
    agency.phone = "+7 4162 999 000"
    with committed():
        agency.save()

    for language in LANGUAGES:
        assert "+7 4162 999 000" in client.get(f"/{language}/").text


def test_a_change_saved_in_the_admin_form_shows_at_once_in_every_language(
    client, staff_client, honey_company, committed
):
    cache_in_every_language(
        client, lambda language: company_page(honey_company, language)
    )
    change = reverse("admin:partners_company_change", args=[honey_company.pk])
    form = staff_client.get(change).context["adminform"].form
    data = {
        name: value for name in form.fields if (value := form[name].value()) is not None
    }
    data.update(name_ja="ゼヤ新はちみつ社", name_en="Zeya New Honey LLC")

    with committed():
        assert staff_client.post(change, data).status_code == 302
    assert "ゼヤ新はちみつ社" in client.get(company_page(honey_company, "ja")).text
    assert "Zeya New Honey LLC" in client.get(company_page(honey_company, "en")).text


def test_an_admin_action_that_saves_without_signals_shows_at_once(
    client, staff_client, honey_company, committed
):
    client.get("/en/companies/")
    changelist = reverse("admin:partners_company_changelist")

    with committed():
        staff_client.post(
            changelist,
            {"action": "unpublish", "_selected_action": [honey_company.pk]},
        )

    assert not Company.objects.get(pk=honey_company.pk).is_published
    assert "Zeya Honey LLC" not in client.get("/en/companies/").text


def test_staff_only_records_leave_the_cached_pages_alone(
    client, honey_company, committed
):
    mission, organisation = MissionFactory(), OrganizationFactory()
    client.get("/en/companies/")
    with committed():
        ContactFactory(organization=organisation)
        RegistrationFactory(
            mission=mission, status=Registration.Status.UNCONFIRMED, company=None
        )
        RegistrationFactory(
            mission=mission,
            company=honey_company,
            status=Registration.Status.SUBMITTED,
        )

    assert served(client.get("/en/companies/")) == "hit"


def test_an_accepted_registration_makes_the_mission_pages_stale(client, committed):
    mission = MissionFactory(delegate_seats=20)
    client.get(mission.get_absolute_url())
    with committed():
        RegistrationFactory(mission=mission, status=Registration.Status.ACCEPTED)

    assert served(client.get(mission.get_absolute_url())) == "miss"


def test_a_page_built_before_a_change_is_committed_is_stale_after_it(
    client, honey_company, committed
):
    """A page built between the save and the commit read the old rows (in
    production, from another connection): the commit makes it stale."""
    with committed():
        honey_company.save()
        built_before_commit = client.get(company_page(honey_company, "en"))
        still_stored = client.get(company_page(honey_company, "en"))
    assert (served(built_before_commit), served(still_stored)) == ("miss", "hit")

    assert served(client.get(company_page(honey_company, "en"))) == "miss"


# --- CSP nonces and CSRF tokens ----------------------------------------------------


def policy_nonce(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


@pytest.mark.urls("tests.page_cache_urls")
def test_every_page_from_the_cache_has_a_fresh_nonce_matching_its_policy(client):
    pages = [client.get("/ja/inline-script/") for _ in range(3)]

    assert [served(page) for page in pages] == ["miss", "hit", "hit"]
    nonces = []
    for page in pages:
        in_page = set(NONCE.findall(page.text))
        assert in_page == {policy_nonce(page)}
        nonces.append(policy_nonce(page))
    assert len(set(nonces)) == 3


@pytest.mark.urls("tests.page_cache_urls")
def test_a_form_from_the_cache_carries_the_visitors_own_token_and_posts():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get("/ja/inline-script/")
    page = second.get("/ja/inline-script/")

    assert served(page) == "hit"
    token = TOKEN.search(page.text).group(1)
    secret = second.cookies["csrftoken"].value
    assert _unmask_cipher_token(token) == secret
    assert secret != first.cookies["csrftoken"].value
    posted = second.post("/ja/inline-script/", {"csrfmiddlewaretoken": token})
    assert posted.status_code == 201


@pytest.mark.urls("tests.page_cache_urls")
def test_a_visitor_who_has_a_csrf_cookie_keeps_it():
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/ja/inline-script/")
    secret = visitor.cookies["csrftoken"].value

    page = visitor.get("/ja/inline-script/")

    assert served(page) == "hit"
    assert _unmask_cipher_token(TOKEN.search(page.text).group(1)) == secret


def test_the_contact_form_from_the_cache_posts_with_its_token():
    Client().get("/ja/contact/")
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/ja/contact/")
    token = TOKEN.search(page.text).group(1)

    sent = visitor.post(
        "/ja/contact/",
        {
            "csrfmiddlewaretoken": token,
            "name": "山田太郎",
            "organization": "北海道貿易株式会社",
            "email": "yamada@example.jp",
            "country": "日本",
            "message": "蜂蜜の輸入に関心があります。",
            "consent": "on",
            "homepage": "",
        },
    )

    assert served(page) == "hit"
    assert sent.status_code == 302
    assert sent["Location"] == "/ja/contact/sent/"


def test_the_registration_form_from_the_cache_has_each_visitors_own_token():
    mission = MissionFactory()
    path = reverse("missions:mission_register", kwargs={"slug": mission.slug})
    Client().get(path)
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]

    pages = [visitor.get(path) for visitor in visitors]

    assert [served(page) for page in pages] == ["hit", "hit"]
    for visitor, page in zip(visitors, pages, strict=True):
        token = TOKEN.search(page.text).group(1)
        assert _unmask_cipher_token(token) == visitor.cookies["csrftoken"].value


def secrets_of(visitor, page) -> dict[str, set[str]]:
    """What of the first visitor's is theirs alone: their cookies, every CSRF
    token of their secret anywhere in the page, the CSP nonce."""
    secret = visitor.cookies["csrftoken"].value
    tokens = {
        run
        for run in re.findall(r"[A-Za-z0-9]+", page.text)
        if len(run) == CSRF_TOKEN_LENGTH and _unmask_cipher_token(run) == secret
    }
    nonces = set(NONCE.findall(page.text))
    if "'nonce-" in page.get("Content-Security-Policy", ""):
        nonces.add(policy_nonce(page))
    cookies = [*visitor.cookies.values(), *page.cookies.values()]
    return {
        "tokens": tokens,
        "nonces": nonces,
        "cookies": {morsel.value for morsel in cookies if morsel.value},
    }


def everything_in(page) -> str:
    headers = "\n".join(f"{name}: {value}" for name, value in page.headers.items())
    return "\n".join([page.content.decode(), headers, page.cookies.output()])


@pytest.mark.urls("tests.page_cache_urls")
@pytest.mark.parametrize(
    "path",
    [
        "/ja/inline-script/",
        "/ja/contact/",
        "/en/missions/japan-2030/register/",
        "/en/exhibitions/foodex-2030/apply/",
    ],
)
def test_nothing_of_the_first_visitors_reaches_the_second(path):
    """Guards the replacement of the CSRF tokens and the CSP nonce by markers
    when StoredPage stores a page (`_mark_tokens`, `_mark_nonce`): with
    either broken, the first visitor's token or nonce is served to the next
    visitor, in the page or its headers, and this fails. The first visitor
    comes with a CSRF cookie and a cookie of their own; nothing of theirs
    may appear anywhere in what the second visitor is sent."""
    MissionFactory(slug="japan-2030")
    OpenExhibitionFactory(slug="foodex-2030")
    first = Client(enforce_csrf_checks=True)
    first.cookies["csrftoken"] = _get_new_csrf_string()
    first.cookies["visitor"] = uuid.uuid4().hex
    built = first.get(path)
    secrets = secrets_of(first, built)
    assert secrets["tokens"], "the page carries the first visitor's token"

    second = Client(enforce_csrf_checks=True).get(path)

    assert (served(built), served(second)) == ("miss", "hit")
    sent = everything_in(second)
    assert {
        kind: [value for value in values if value in sent]
        for kind, values in secrets.items()
    } == {"tokens": [], "nonces": [], "cookies": []}


def test_a_page_without_a_form_sets_no_csrf_cookie(client, honey_company):
    client.get(company_page(honey_company, "en"))

    page = client.get(company_page(honey_company, "en"))

    assert served(page) == "hit"
    assert "csrftoken" not in page.cookies


# --- Never cached ------------------------------------------------------------------


def test_admin_pages_are_never_cached(staff_client):
    for _ in range(2):
        page = staff_client.get(reverse("admin:partners_company_changelist"))
        assert served(page) == "not cached"
    login = Client().get(reverse("admin:login"))
    assert served(login) == "not cached"


def test_a_registrants_secret_page_is_never_cached(client):
    registration = RegistrationFactory()
    path = registration.get_applicant_url()

    pages = [client.get(path) for _ in range(2)]

    assert [page.status_code for page in pages] == [200, 200]
    assert [served(page) for page in pages] == ["not cached", "not cached"]
    assert "no-store" in pages[1]["Cache-Control"]


def test_a_visitor_with_a_session_gets_a_fresh_page(
    client, staff_client, honey_company
):
    client.get("/en/companies/")
    Company.objects.filter(pk=honey_company.pk).update(name_en="Renamed Honey LLC")

    fresh = staff_client.get("/en/companies/")

    assert served(fresh) == "not cached"
    assert "Renamed Honey LLC" in fresh.text
    assert served(client.get("/en/companies/")) == "hit"


def test_a_visitor_with_a_pending_message_gets_a_fresh_page(client, honey_company):
    client.get("/en/companies/")
    client.cookies["messages"] = "anything"

    assert served(client.get("/en/companies/")) == "not cached"


def test_a_post_result_is_never_stored(client):
    refused = client.post("/en/contact/", {"name": "", "consent": ""})
    assert refused.status_code == 200

    page = client.get("/en/contact/")

    assert served(page) == "miss"
    assert "errorlist" not in page.text


def test_a_missing_page_is_never_stored(client):
    for _ in range(2):
        assert served(client.get("/en/companies/no-such-company/")) == "not cached"


# --- What may be stored, one rule at a time ------------------------------------------


def request_to(path="/en/companies/", method="get"):
    request = getattr(RequestFactory(), method)(path)
    request.session = None
    return request


def test_a_response_that_sets_a_cookie_is_not_stored():
    response = HttpResponse("page")
    response.set_cookie("tracking", "1")

    assert not page_cache.may_be_stored(request_to(), response)


def test_a_page_built_with_a_message_is_not_stored():
    request = request_to()
    request._messages = FallbackStorage(request)
    request._messages.add(20, "Saved.")

    assert not page_cache.may_be_stored(request, HttpResponse("page"))


@pytest.mark.parametrize(
    "cache_control",
    ["private", "no-store", "no-cache", "max-age=0", "private, no-store"],
)
def test_a_page_that_refuses_caches_is_not_stored(cache_control):
    response = HttpResponse("page", headers={"Cache-Control": cache_control})

    assert not page_cache.may_be_stored(request_to(), response)


def test_a_page_that_varies_on_other_headers_is_not_stored():
    response = HttpResponse("page", headers={"Vary": "Cookie, User-Agent"})

    assert not page_cache.may_be_stored(request_to(), response)


def test_a_plain_public_page_may_be_stored():
    response = HttpResponse("page", headers={"Vary": "Cookie, Accept-Language"})

    assert page_cache.may_be_stored(request_to(), response)


@pytest.mark.parametrize(
    ("path", "cookies", "host", "expected"),
    [
        ("/ja/companies/", {}, "testserver", True),
        ("/sitemap.xml", {}, "testserver", True),
        ("/admin/", {}, "testserver", False),
        ("/healthz", {}, "testserver", False),
        ("/ja/companies/", {"sessionid": "abc"}, "testserver", False),
        ("/ja/companies/?" + "q=x&" * 100, {}, "testserver", False),
        ("/ja/companies/", {}, "testserver:8080", False),
        ("/ja/companies/", {}, "127.0.0.1:8000", True),
        ("/ja/companies/", {}, "127.0.0.1:8001", False),
    ],
)
def test_which_requests_may_be_served_from_the_cache(
    settings, path, cookies, host, expected
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    request = RequestFactory().get(path, HTTP_HOST=host)
    request.COOKIES.update(cookies)

    assert page_cache.may_be_served_from_cache(request) is expected


def test_only_what_the_apps_declare_public_makes_pages_stale():
    assert page_cache.shows_on_public_pages(Company, CompanyFactory.build())
    assert page_cache.shows_on_public_pages(
        Registration, Registration(status=Registration.Status.ACCEPTED)
    )
    for status in ("unconfirmed", "submitted", "waitlisted", "withdrawn"):
        assert not page_cache.shows_on_public_pages(
            Registration, Registration(status=status)
        )
    for staff_only in (get_user_model(), Consent, OutgoingEmail, Inquiry):
        assert not page_cache.shows_on_public_pages(staff_only)


def test_a_step_that_ends_an_acceptance_makes_pages_stale():
    ends = StatusChange(from_status="accepted", to_status="withdrawn")
    waits = StatusChange(from_status="submitted", to_status="waitlisted")

    assert page_cache.shows_on_public_pages(StatusChange, ends)
    assert not page_cache.shows_on_public_pages(StatusChange, waits)


def test_models_no_public_page_shows_keep_their_fast_deletes():
    # A receiver listening to every model would make Django load each row
    # of a cascade (sessions, axes attempts, audit entries) before deleting.
    from django.contrib.sessions.models import Session
    from django.db.models.signals import post_delete

    assert not post_delete.has_listeners(Session)
    assert post_delete.has_listeners(Company)


def test_a_staff_member_logging_in_leaves_the_pages_alone(client, superuser):
    client.get("/en/")
    Client().force_login(superuser)

    assert served(client.get("/en/")) == "hit"


# --- With Redis, as in production ------------------------------------------------------


@pytest.fixture
def redis_cache(settings):
    """Needs Redis at 127.0.0.1:6379 (its database 15), as in production:
    the generation in "default", the pages in a bounded cache of their own."""
    local_memory = settings.CACHES
    # Tests running side by side never share a page or a generation.
    prefix = f"page-cache-test-{uuid.uuid4().hex}"
    redis = {
        "BACKEND": "amur_invest.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/15",
    }
    settings.CACHES = {
        "default": {**redis, "KEY_PREFIX": prefix},
        "pages": {
            **redis,
            "KEY_PREFIX": f"{prefix}-pages",
            "OPTIONS": {"MAX_ENTRIES": 100},
        },
    }
    yield cache
    # Only this test's keys: other tests use the same Redis database.
    client = cache._cache.get_client()
    client.delete(*client.keys(f"{prefix}*") or ["none"])
    settings.CACHES = local_memory


def test_pages_are_stored_in_redis_and_made_stale_in_every_language(
    client, honey_company, redis_cache, committed
):
    cache_in_every_language(
        client, lambda language: company_page(honey_company, language)
    )

    honey_company.name_ja = "ゼヤ新はちみつ社"
    with committed():
        honey_company.save()

    page = client.get(company_page(honey_company, "ja"))
    assert (served(page), "ゼヤ新はちみつ社" in page.text) == ("miss", True)
    assert served(client.get(company_page(honey_company, "ru"))) == "miss"


def test_redis_keeps_no_more_pages_than_its_bound_and_drops_the_oldest():
    """Needs Redis at 127.0.0.1:6379 (its database 15)."""
    prefix = f"bounded-test-{uuid.uuid4().hex}"
    pages = ResilientRedisCache(
        "redis://127.0.0.1:6379/15",
        {"KEY_PREFIX": prefix, "OPTIONS": {"MAX_ENTRIES": 5}},
    )
    client = pages._cache.get_client()
    try:
        for number in range(12):
            pages.set(f"page-{number}", number, 60)
        kept = client.keys(f"{prefix}:*:page-*")
        values = [pages.get(f"page-{number}") for number in range(12)]
    finally:
        client.delete(*client.keys(f"{prefix}:*"))

    assert len(kept) == 5
    assert values == [None] * 7 + [7, 8, 9, 10, 11]


def test_one_redis_client_serves_every_call(redis_cache):
    backend = redis_cache._cache

    assert backend.get_client() is backend.get_client()


# --- Values several pages compute --------------------------------------------------


def test_a_remembered_value_is_computed_once_a_generation(fragment_cache):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert page_cache.remembered("answer", compute) == 1
    assert page_cache.remembered("answer", compute) == 1
    page_cache.start_new_generation()
    assert page_cache.remembered("answer", compute) == 2


def test_without_a_fragment_cache_time_a_value_is_always_computed(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    values = iter([1, 2])

    assert page_cache.remembered("answer", lambda: next(values)) == 1
    assert page_cache.remembered("answer", lambda: next(values)) == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_counts_by_sector_follow_a_new_exporter(
    client, fragment_cache, committed, language
):
    honey = Sector.objects.get(slug="honey")
    before = client.get(f"/{language}/invest/sectors/honey/").context["company_count"]

    with committed():
        CompanyFactory(sectors=[honey], is_published=True)

    page = client.get(f"/{language}/invest/sectors/honey/")
    assert served(page) == "miss"
    assert page.context["company_count"] == before + 1


def test_pages_can_be_made_stale_after_changes_made_outside_the_site(client):
    from django.core.management import call_command

    company = CompanyFactory(slug="sql-honey", name_en="Before", is_published=True)
    client.get(company_page(company, "en"))
    Company.objects.filter(pk=company.pk).update(name_en="After")
    assert "Before" in client.get(company_page(company, "en")).text

    call_command("refresh_public_pages", stdout=io.StringIO())

    assert "After" in client.get(company_page(company, "en")).text


def test_pages_in_the_cache_are_served_while_the_database_is_down(
    client, honey_company, monkeypatch
):
    from django.db import OperationalError

    client.get(company_page(honey_company, "en"))

    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor", unreachable
    )
    client.raise_request_exception = False

    cached = client.get(company_page(honey_company, "en"))
    assert (cached.status_code, served(cached)) == (200, "hit")
    assert client.get(company_page(honey_company, "ja")).status_code == 503


# --- Conditional requests: feeds, sitemaps and CSVs polled cost a cache read ---

SHARED_PAGES = ["/ja/events.ics", "/sitemap.xml", "/en/invest/trade-japan.csv"]


@pytest.mark.parametrize("path", SHARED_PAGES)
@pytest.mark.parametrize("stored", [False, True], ids=["built", "from the cache"])
def test_a_page_the_same_for_everyone_answers_304_to_its_etag(client, path, stored):
    if stored:
        client.get(path)
    first = client.get(path)

    again = Client().get(path, headers={"if-none-match": first["ETag"]})

    assert first.status_code == 200
    assert first["ETag"]
    assert first["Last-Modified"]
    assert served(first) == ("hit" if stored else "miss")
    assert again.status_code == 304
    assert again.content == b""


def test_a_page_the_same_for_everyone_answers_304_to_its_date(client):
    first = client.get("/ja/events.ics")

    again = Client().get(
        "/ja/events.ics", headers={"if-modified-since": first["Last-Modified"]}
    )

    assert (served(again), again.status_code) == ("hit", 304)


def test_after_a_change_the_old_etag_gets_the_new_page(client, committed):
    first = client.get("/ja/events.ics")
    with committed():
        ExhibitionFactory(name_ja="札幌の見本市")

    again = Client().get("/ja/events.ics", headers={"if-none-match": first["ETag"]})

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "札幌の見本市" in again.content.decode()


def test_a_page_with_a_token_has_no_etag(client):
    """A form's page differs per visitor: an ETag would tell one visitor's
    copy from another's and could never match."""
    client.get("/ja/contact/")

    stored = client.get("/ja/contact/")

    assert served(stored) == "hit"
    assert TOKEN.search(stored.content.decode())
    assert "ETag" not in stored


# --- After a change, the pages most asked for are built in the background ------


@pytest.fixture
def warming(settings):
    settings.PAGE_CACHE_WARM = True
    settings.SITE_URL = "http://testserver"


def test_after_a_change_visitors_find_the_main_pages_and_the_changed_one_cached(
    warming, committed
):
    with committed():
        company = CompanyFactory(
            slug="zeya-soy", name_ja="ゼヤ大豆社", is_published=True
        )

    pages = [
        *(f"/{language}/" for language in LANGUAGES),
        *(company_page(company, language) for language in LANGUAGES),
        "/ja/companies/",
    ]
    visited = {path: Client().get(path) for path in pages}

    assert {path: served(page) for path, page in visited.items()} == dict.fromkeys(
        pages, "hit"
    )
    assert "ゼヤ大豆社" in visited[company_page(company, "ja")].content.decode()


def test_without_warming_the_first_visitor_after_a_change_builds_the_page(
    committed, settings
):
    settings.SITE_URL = "http://testserver"
    with committed():
        CompanyFactory(is_published=True)

    assert served(Client().get("/ja/")) == "miss"


def test_a_warming_task_of_an_older_generation_builds_nothing(warming):
    from amur_invest.page_warming import warm_pages

    older = page_cache.current_generation()
    page_cache.start_new_generation()

    assert warm_pages.call(older, ["/ja/"]) == 0
    assert served(Client().get("/ja/")) == "miss"


# --- One round trip to the cache a page ----------------------------------------------


def test_a_page_from_the_cache_costs_one_round_trip_to_redis(
    client, honey_company, redis_cache
):
    """The generation lives beside the pages, so a stored page and the
    generation it must match are read together (one MGET), not one after
    the other: a tenth of the cost of a page served from the cache."""
    path = company_page(honey_company, "ja")
    client.get(path)
    backend = page_cache.caches[page_cache.PAGES]
    client_of_pages = backend._cache.get_client()
    calls = []
    original = client_of_pages.execute_command

    def counting(*args, **options):
        calls.append(args[0])
        return original(*args, **options)

    client_of_pages.execute_command = counting
    try:
        page = client.get(path)
    finally:
        del client_of_pages.execute_command

    assert served(page) == "hit"
    assert calls == ["MGET"]


def test_the_generation_is_never_counted_among_the_pages_nor_dropped_by_their_bound():
    """Needs Redis at 127.0.0.1:6379 (its database 15). A key kept without
    expiry, such as the generation, is not a page: the bound neither counts
    nor deletes it, however many pages come after it."""
    prefix = f"bounded-test-{uuid.uuid4().hex}"
    pages = ResilientRedisCache(
        "redis://127.0.0.1:6379/15",
        {"KEY_PREFIX": prefix, "OPTIONS": {"MAX_ENTRIES": 5}},
    )
    client = pages._cache.get_client()
    try:
        pages.set("generation", "g1", None)
        for number in range(12):
            pages.set(f"page-{number}", number, 60)
        generation = pages.get("generation")
        kept = client.keys(f"{prefix}:*:page-*")
    finally:
        client.delete(*client.keys(f"{prefix}:*"))

    assert generation == "g1"
    assert len(kept) == 5
