"""Staff search applications through one folded search text (issue 18): the
same matches as the search it replaced (the company matched in its own
table, OR-ed with the application's fields), the text kept in step with the
application and its company, and on PostgreSQL read from a trigram index."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Q
from django.test import RequestFactory

from amur_invest.folding import fold
from exhibitions.admin import ParticipationAdmin
from exhibitions.models import Participation
from missions import services
from missions.admin.registrations import RegistrationAdmin
from missions.models import Registration
from partners.applications.admin import has_trigram
from partners.models import Company, Sector
from tests.exhibitions.factories import ParticipationFactory
from tests.missions.factories import RegistrationFactory
from tests.partners.factories import CompanyFactory

pytestmark = pytest.mark.django_db

OWN_FIELDS = ("inn", "company_name", "company_name_other", "contact_name", "email")


def searched(admin_class, model, term: str) -> set[int]:
    admin = admin_class(model, None)
    request = RequestFactory().get("/", {"q": term})
    request.user = User(is_superuser=True, is_staff=True)
    found, _duplicates = admin.get_search_results(request, model.objects.all(), term)
    return set(found.values_list("pk", flat=True))


def searched_before(model, term: str, fields=OWN_FIELDS) -> set[int]:
    """The search as it was: each word folded against the company's search
    text in the companies' table, or as typed in the application's fields."""
    queryset = model.objects.all()
    for word in term.split()[:10]:
        folded = fold(word)
        if not folded:
            continue
        companies = Company.objects.filter(search_text__contains=folded)
        matches = Q(company__in=companies.values("pk"))
        for field in fields:
            matches |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(matches)
    return set(queryset.values_list("pk", flat=True))


@pytest.fixture
def applicants():
    honey = Sector.objects.get(slug="honey")
    bees = CompanyFactory(
        name_ru="ООО «Пчёлка»",
        name_ja="ミツバチ農園",
        name_en="Bee Garden LLC",
        products_ru="Липовый мёд",
        inn="2801234562",
        sectors=[honey],
    )
    soy = CompanyFactory(
        name_ru="АО «Амурская соя»",
        name_ja="アムール大豆",
        name_en="Amur Soy JSC",
        products_ru="Соевое масло",
        inn="2800000015",
    )
    return [
        RegistrationFactory(
            company=bees, contact_name="Ханако Сато", email="hanako@example.ru"
        ),
        RegistrationFactory(
            company=bees,
            company_name="ООО Пчелка",  # typed with е
            company_name_other="ミツバチ",
            contact_name="Иван Петров",
        ),
        RegistrationFactory(company=soy, contact_name="Пётр Иванов"),
        # Not confirmed yet: only what the form said.
        RegistrationFactory(
            company=None,
            inn="2700000003",
            company_name="ИП Ёлкин",
            company_name_other="YOLKIN 100%",
            contact_name="Олег Ёлкин",
            email="olkin_1@example.ru",
            status=Registration.Status.UNCONFIRMED,
            confirmed_at=None,
        ),
    ]


# Words whose matches the application's own fields cannot change by being
# folded (the company's side was folded before as now), wildcards of LIKE,
# case, full-width forms, several words, and words that match nothing.
SAME_MATCHES = [
    "пчёлка",
    "пчелка",
    "ПЧЁЛКА",
    "みつばち",
    "ミツバチ",
    "ﾐﾂﾊﾞﾁ",
    "bee",
    "BEE garden",
    "липовый",
    "мед",
    "мёд",
    "honey",
    "2801234562",
    "28012",
    "２８０１２",
    "hanako@example.ru",
    "example",
    "Сато",
    "сато пчелка",
    "Пчёлка Иванов",
    "амурская",
    "アムール",
    "あむーる",
    "Петров",
    "Иван",
    "ёлкин",
    "yolkin",
    "100%",
    "%",
    "_",
    "olkin_1",
    "o%n",
    "нет-такого",
    "   ",
    "a b c d e f g h i j k l",
]


def read_from_the_index():
    """Make PostgreSQL answer as it does for a large table: from the trigram
    index, not by reading every row (which it prefers for a few rows)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")


@pytest.fixture(params=["rows read one by one", "rows read from the index"])
def reading(request):
    """Both ways the search asks PostgreSQL (strpos on every row, or LIKE
    through the trigram index) must find the same rows."""
    if request.param == "rows read from the index":
        if connection.vendor != "postgresql":
            pytest.skip("the index is PostgreSQL's")
        read_from_the_index()
    return request.param


@pytest.mark.parametrize("term", SAME_MATCHES)
def test_a_search_of_registrations_finds_what_it_found_before(
    applicants, reading, term
):
    assert searched(RegistrationAdmin, Registration, term) == searched_before(
        Registration, term
    )


@pytest.mark.parametrize("term", ["пчелка", "みつばち", "2801234562", "5e-0", "сато"])
def test_a_search_of_participations_finds_what_it_found_before(reading, term):
    bees = CompanyFactory(name_ru="ООО «Пчёлка»", name_ja="ミツバチ", inn="2801234562")
    ParticipationFactory(company=bees, stand="5E-01")
    ParticipationFactory(contact_name="Ханако Сато", stand="5E-02")
    ParticipationFactory(stand="7A-01")
    fields = (*OWN_FIELDS, "stand")

    found = searched(ParticipationAdmin, Participation, term)

    assert found == searched_before(Participation, term, fields)
    assert found


def test_the_applications_own_fields_are_folded_too(applicants):
    """What the old search missed: ё typed in the application's own fields
    (the company's were folded already), now matched by е as well."""
    _, _, soy_contact, unconfirmed = applicants

    found, before = (
        searched(RegistrationAdmin, Registration, "Петр"),
        searched_before(Registration, "Петр"),
    )
    assert soy_contact.pk in found - before
    assert before <= found
    assert searched(RegistrationAdmin, Registration, "елкин") == {unconfirmed.pk}


def test_a_renamed_company_is_found_by_its_new_name_only(applicants):
    registration = applicants[2]
    company = registration.company

    company.name_ja = "ハマナス大豆"
    company.save()

    assert searched(RegistrationAdmin, Registration, "はまなす") == {registration.pk}
    assert searched(RegistrationAdmin, Registration, "アムール") == set()


def test_the_text_follows_the_sectors_of_the_company(applicants):
    registration = applicants[2]
    honey = Sector.objects.get(slug="honey")
    word = fold(honey.name_ru)
    before = searched(RegistrationAdmin, Registration, word)

    registration.company.sectors.add(honey)
    assert searched(RegistrationAdmin, Registration, word) == before | {registration.pk}

    honey.name_ru = "Пчеловодство и травы"
    honey.save()
    assert registration.pk in searched(RegistrationAdmin, Registration, "травы")


def test_a_company_updated_by_an_import_takes_its_applications_along(applicants):
    registration = applicants[2]
    company = registration.company
    company.name_en = "Zeya Soy"
    # How the import saves companies it changes: a plain UPDATE a row.
    from partners.resources import CompanyResource

    resource = CompanyResource()
    resource.file_columns = {"name_en"}
    company.search_text = company.build_search_text()
    resource.update_instances.append(company)
    resource.bulk_update(True, False, True)

    assert searched(RegistrationAdmin, Registration, "zeya") == {registration.pk}


def test_anonymisation_takes_the_contact_out_of_the_search_text(applicants):
    registration = applicants[0]

    services.anonymise_registration(registration=registration)
    registration.refresh_from_db()

    assert "сато" not in registration.search_text
    assert "hanako" not in registration.search_text
    assert searched(RegistrationAdmin, Registration, "пчелка") >= {registration.pk}


def test_a_status_change_does_not_rebuild_the_text(
    applicants, django_assert_num_queries
):
    registration = Registration.objects.get(pk=applicants[0].pk)
    registration.status = Registration.Status.ACCEPTED

    with django_assert_num_queries(1):
        registration.save(update_fields=["status"])


def search_plan(term: str) -> str:
    admin = RegistrationAdmin(Registration, None)
    request = RequestFactory().get("/")
    found, _ = admin.get_search_results(request, Registration.objects.all(), term)
    return found.order_by().explain()


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the index is PostgreSQL's"
)


@postgresql_only
def test_the_search_reads_the_trigram_index(applicants):
    # A handful of test rows: forbid the scans a table of 100,000 rules out.
    read_from_the_index()

    plan = search_plan("пчёлка 2801")

    assert "registration_search_trgm" in plan
    assert "'%пчелка%'" in plan
    assert "'%2801%'" in plan


@postgresql_only
def test_a_word_without_a_trigram_is_not_asked_of_the_index(applicants):
    """pg_trgm takes no trigram from "17": asked of the index, it read the
    whole index and AND-ed it with the other words' (0.4-0.6 s with 100,000
    registrations). The word is tested on the rows the index found."""
    read_from_the_index()

    plan = search_plan("пчёлка 17")

    assert "registration_search_trgm" in plan
    assert "'%пчелка%'" in plan
    assert "%17%" not in plan
    assert "strpos(search_text, '17'::text) > 0" in plan


@postgresql_only
def test_a_search_reading_every_row_tests_each_with_strpos(applicants):
    """Where PostgreSQL reads every row anyway (a word in most rows; here a
    table of four), strpos tests each, cheaper than LIKE on long text."""
    plan = search_plan("пчёлка 2801")

    assert "registration_search_trgm" not in plan
    assert "~~" not in plan
    assert "strpos(search_text, 'пчелка'::text) > 0" in plan


@postgresql_only
def test_a_search_of_short_words_only_is_like_as_before(applicants):
    """strpos would leave PostgreSQL guessing a third of the rows: for a
    rare word it planned the page for thousands of rows it never found."""
    plan = search_plan("qz 17")

    assert "'%qz%'" in plan
    assert "'%17%'" in plan
    assert "strpos" not in plan


@pytest.mark.parametrize(
    ("word", "indexed"),
    [
        ("пчелка", True),
        ("はちみつ", True),
        ("280", True),
        ("o%n", False),
        ("17", False),
        ("5e-0", False),
        ("a-b-c", False),
        ("__x", False),
        ("ab_cd", False),
        ("abc_d", True),
    ],
)
def test_words_the_index_can_answer(word, indexed):
    assert has_trigram(word) is indexed
