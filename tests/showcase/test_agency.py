"""The agency's contact details: one row staff edit, shown on every page."""

import pytest
from django.db import IntegrityError

from amur_invest.agency.models import AgencyContact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "hours"),
    [("ru", "Пн–Пт 9:00–18:00"), ("ja", "月〜金 9:00〜18:00"), ("en", "Mon–Fri 9–18")],
)
def test_the_footer_shows_the_agency_contact_in_the_page_language(
    client, language, hours
):
    contact = AgencyContact.load()
    contact.phone = "+7 4162 123 456"
    contact.email = "info@amurinvest.example"
    contact.hours_ru, contact.hours_ja, contact.hours_en = (
        "Пн–Пт 9:00–18:00",
        "月〜金 9:00〜18:00",
        "Mon–Fri 9–18",
    )
    contact.japan_desk_name_ja = "アンナ・モロゾワ"
    contact.save()
    html = client.get(f"/{language}/").content.decode()
    assert "+7 4162 123 456" in html
    assert "mailto:info@amurinvest.example" in html
    assert hours in html


def test_an_edit_in_the_admin_shows_on_the_next_page(client):
    client.get("/en/")  # fills the cache
    contact = AgencyContact.load()
    contact.phone = "+7 4162 999 999"
    contact.save()
    assert "+7 4162 999 999" in client.get("/en/").content.decode()


def test_there_is_only_ever_one_row():
    AgencyContact.load()
    with pytest.raises(IntegrityError):
        AgencyContact.objects.create(pk=2, name_ru="Другое агентство")
