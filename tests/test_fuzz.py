"""Random and hostile input on every public form and URL parameter: never a
500, nothing stored from a refused form, no markup echoed unescaped; from the
three public forms, never a stored value its column cannot hold and never a
link in mail to an address nobody has confirmed.

Each page kind is listed once below; a new public form or filter is added to
these lists when it lands.
"""

import re
import string
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from amur_invest.agency.models import AgencyContact
from amur_invest.outbox.models import OutgoingEmail
from amur_invest.text import greeting_name
from exhibitions.models import Participation
from missions.models import Registration
from partners.models import Company, Consent
from showcase.models import Inquiry
from tests.exhibitions.factories import OpenExhibitionFactory
from tests.missions.factories import MissionFactory
from tests.partners.factories import CompanyFactory
from tests.public_forms import FORMS

pytestmark = pytest.mark.django_db

MARKUP = '<script>alert("amur")</script>'
HOSTILE = [
    MARKUP,
    "' OR 1=1 --",
    '=HYPERLINK("http://x")',
    "\x00\x0b\x1b[31m",
    "😀" * 50,
    "Амур" * 200,
    "\u202eevil",
    "%00%ff",
    "../../etc/passwd",
]
TEXT = st.one_of(st.text(max_size=200), st.sampled_from(HOSTILE))
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LANGUAGES = st.sampled_from(["ru", "ja", "en"])

# Fields of each public form: (url pattern, fields). {slug} is the object's.
REGISTRATION_FIELDS = [
    "inn",
    "company_name",
    "district",
    "sectors",
    "contact_name",
    "contact_position",
    "email",
    "phone",
    "delegates",
    "products",
    "goals",
    "wanted_prefectures",
    "wanted_partner_kinds",
    "wanted_partners",
    "language",
    "consent",
    "homepage",
]


APPLICATION_FIELDS = [
    "inn",
    "company_name",
    "company_name_other",
    "district",
    "sectors",
    "contact_name",
    "contact_position",
    "email",
    "phone",
    "products_to_show",
    "volumes_offered",
    "certifications_held",
    "stand_wishes",
    "language",
    "consent",
    "homepage",
]


def stored_rows() -> tuple[int, ...]:
    return (
        Registration.objects.count(),
        Participation.objects.count(),
        Consent.objects.count(),
        Company.objects.count(),
    )


def assert_safe(response) -> None:
    assert response.status_code < 500
    if response.get("Content-Type", "").startswith("text/html"):
        assert MARKUP not in response.content.decode(errors="replace")


@pytest.fixture
def open_mission():
    return MissionFactory(registration_open=True)


@FUZZ
@given(
    language=LANGUAGES,
    data=st.dictionaries(st.sampled_from(REGISTRATION_FIELDS), TEXT, max_size=17),
)
def test_the_registration_form_survives_any_input(client, open_mission, language, data):
    before = stored_rows()
    response = client.post(
        f"/{language}/missions/{open_mission.slug}/register/",
        data,
        REMOTE_ADDR="10.9.9.9",
    )
    assert_safe(response)
    if response.status_code != 302:
        assert stored_rows() == before


@pytest.fixture
def open_exhibition():
    return OpenExhibitionFactory()


@FUZZ
@given(
    language=LANGUAGES,
    data=st.dictionaries(st.sampled_from(APPLICATION_FIELDS), TEXT, max_size=16),
)
def test_the_exhibition_application_form_survives_any_input(
    client, open_exhibition, language, data
):
    before = stored_rows()
    response = client.post(
        f"/{language}/exhibitions/{open_exhibition.slug}/apply/",
        data,
        REMOTE_ADDR="10.9.9.10",
    )
    assert_safe(response)
    if response.status_code != 302:
        assert stored_rows() == before


CONTACT_FIELDS = [
    "name",
    "organization",
    "email",
    "phone",
    "country",
    "message",
    "about",
    "consent",
    "homepage",
]


@FUZZ
@given(
    language=LANGUAGES,
    about=TEXT,
    data=st.dictionaries(st.sampled_from(CONTACT_FIELDS), TEXT, max_size=9),
)
def test_the_inquiry_form_survives_any_input(client, language, about, data):
    before = Inquiry.objects.count()
    response = client.post(
        f"/{language}/contact/?{urlencode({'about': about})}",
        data,
        REMOTE_ADDR="10.9.9.8",
    )
    assert_safe(response)
    if response.status_code != 302:
        assert Inquiry.objects.count() == before


LIST_PARAMETERS = [
    "q",
    "sector",
    "district",
    "page",
    "kind",
    "stage",
    "size",
    "month",
    "year",
    "view",
    "when",
]
LIST_PAGES = [
    "",
    "companies/",
    "missions/",
    "exhibitions/",
    "events/",
    "events/activity/",
    "events.ics",
    "invest/",
    "invest/projects/",
    "invest/sites/",
    "invest/support/",
    "invest/wild-harvest/",
    "news/",
    "presentations/",
]


@FUZZ
@given(
    language=LANGUAGES,
    path=st.sampled_from(LIST_PAGES),
    query=st.dictionaries(st.sampled_from(LIST_PARAMETERS), TEXT, max_size=4),
)
# Found by this test: a NUL byte in the district reached PostgreSQL.
@example(language="ja", path="invest/sites/", query={"district": "\x00"})
def test_list_pages_survive_any_query_parameters(client, language, path, query):
    CompanyFactory(is_published=True)
    response = client.get(f"/{language}/{path}?{urlencode(query)}")
    assert_safe(response)
    # A feed refuses an unknown kind rather than quietly give a calendar app
    # every event under a mistyped subscription.
    allowed = {200, 302, 400} if path == "events.ics" else {200, 302}
    assert response.status_code in allowed


DETAIL_PATHS = [
    "companies/{}/",
    "missions/{}/",
    "registrations/{}/",
    "missions/{}/register/",
    "exhibitions/{}/apply/",
    "applications/{}/",
    "applications/{}/edit/",
]


@FUZZ
@given(language=LANGUAGES, pattern=st.sampled_from(DETAIL_PATHS), key=TEXT)
@example(language="ru", pattern="companies/{}/", key="")
@example(language="ja", pattern="registrations/{}/", key="..")
@example(language="en", pattern="applications/{}/edit/", key="/")
def test_detail_pages_answer_404_to_any_unknown_key(client, language, pattern, key):
    # No company, mission, registration or application exists: every key is
    # unknown, and the page says so rather than redirect or show anything.
    response = client.get(f"/{language}/" + pattern.format(quote(key, safe="")))
    assert_safe(response)
    assert response.status_code == 404


# A stranger's address and names ------------------------------------------------

SITE = "https://amurinvest.example"
PHISHING = (
    "Dear customer. URGENT: your account is suspended, verify at "
    "http://evil.example/login within 24h,"
)
LINKED_NAMES = [
    PHISHING,
    "Ольга http://evil.example/login",
    "www.evil.example",
    "ООО «evil.example»",
    "Ivan <a href='https://evil.example'>Petrov</a>",
    "Иван\x1b]8;;https://evil.example\x07Петров",
    "Yamada\u202eelpmaxe.live//:sptth",
    "山田 evil.example/ログイン",
    "Anna\x00\x0b\x85Petrova",
]
TYPED = st.one_of(
    st.sampled_from(LINKED_NAMES),
    # What a form takes: letters and spaces, of any length a column might not hold.
    st.text(st.characters(categories=["L", "Zs"]), min_size=1, max_size=320),
    st.text(max_size=320),
    st.text(st.characters(categories=["L", "Zs", "Cc", "Po"]), max_size=60),
)
# A company's name in Russian must have Cyrillic, or the form refuses it
# before anything else is tried.
NAME = st.one_of(TYPED, TYPED.map("ООО «{}»".format))
NAME_FIELDS = (
    "company_name",
    "company_name_other",
    "contact_name",
    "contact_position",
    "name",
    "organization",
    "country",
)
# A few fields at a time, the others as a person fills them in: most posts
# are then taken, and their mail is read.
NAMES = st.dictionaries(st.sampled_from(NAME_FIELDS), NAME, max_size=3)
DOMAINS = ["example.ru", "example.jp", "mail.example.com"]


@st.composite
def addresses(draw) -> str:
    """Addresses Django's form EmailField takes: up to 320 characters."""
    domain = draw(st.sampled_from(DOMAINS))
    length = draw(st.integers(min_value=1, max_value=319 - len(domain)))
    alphabet = string.ascii_lowercase + string.digits + "_+-"
    pattern = draw(st.text(alphabet, min_size=1, max_size=20))
    local = (pattern * length)[:length]
    return f"{local}@{domain}"


ADDRESSES = st.one_of(addresses(), st.emails())
LINK = re.compile(r"(?i)[a-z][a-z0-9+.-]*://\S+|(?:[\w-]+\.)+[a-z]{2,}\b\S*")


def hosts_of_links(text: str) -> set[str]:
    """The hosts of what a mail program would make a link of."""
    hosts = set()
    for link in LINK.findall(text):
        hosts.add(urlsplit(link if "://" in link else f"//{link}").hostname)
    return hosts


def assert_fits_its_columns(row) -> None:
    for column in row._meta.concrete_fields:
        value = getattr(row, column.attname)
        if column.max_length and isinstance(value, str):
            assert len(value) <= column.max_length, column.name
    row.full_clean()


def assert_no_stranger_text_in(mail, typed: dict) -> None:
    """Nothing typed reaches the mail but a short name to greet, and no link
    leads anywhere but to the site."""
    agency = AgencyContact.load()
    own = {urlsplit(SITE).hostname} | {
        address.rpartition("@")[2]
        for address in (agency.email, agency.japan_desk_email, mail.recipient)
    }
    text = f"{mail.subject}\n{mail.body}"
    assert hosts_of_links(text) <= own, text
    for value in typed.values():
        words = " ".join(value.split())
        if len(words) >= 8 and not greeting_name(value):
            assert words not in text


@pytest.fixture(params=FORMS)
def stranger_form(request):
    return FORMS[request.param]()


@settings(FUZZ, max_examples=80)
@given(language=LANGUAGES, address=ADDRESSES, names=NAMES)
@example(language="ru", address="a" * 243 + "@example.ru", names={})
@example(language="ja", address="a" * 244 + "@example.ru", names={})
@example(language="en", address="a" * 309 + "@example.ru", names={})
@example(
    language="en",
    address="victim@example.ru",
    names=dict.fromkeys(NAME_FIELDS, PHISHING) | {"company_name": f"ООО «{PHISHING}»"},
)
def test_a_strangers_address_and_names_fit_the_columns_and_carry_no_link(
    client, settings, stranger_form, language, address, names
):
    settings.SITE_URL = SITE
    cache.clear()  # the forms' rate limits: each example is a new visitor
    typed = {name: names[name] for name in stranger_form.typed_names if name in names}
    kept = OutgoingEmail.objects.order_by("-pk").values_list("pk", flat=True)
    last_mail = kept.first() or 0

    response = stranger_form.post(client, language, email=address, **typed)

    assert_safe(response)
    if response.status_code == 302:
        row = stranger_form.model.objects.order_by("-pk").first()
        assert_fits_its_columns(row)
        assert_fits_its_columns(row.consent)
    for mail in OutgoingEmail.objects.filter(pk__gt=last_mail):
        assert_no_stranger_text_in(mail, typed)
