"""Random and hostile input on every public form and URL parameter: never a
500, nothing stored from a refused form, no markup echoed unescaped.

Each page kind is listed once below; a new public form or filter is added to
these lists when it lands.
"""

from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exhibitions.models import Participation
from missions.models import Registration
from partners.models import Company, Consent
from showcase.models import Inquiry
from tests.exhibitions.factories import OpenExhibitionFactory
from tests.missions.factories import MissionFactory
from tests.partners.factories import CompanyFactory

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
def test_detail_pages_answer_404_to_any_unknown_key(client, language, pattern, key):
    response = client.get(f"/{language}/" + pattern.format(quote(key, safe="")))
    assert_safe(response)
    assert response.status_code in {200, 301, 302, 404}
