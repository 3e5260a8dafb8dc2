"""The privacy policy: one page in three languages naming the operator with
the address staff keep in the agency's contact, what is collected and why,
how long it is kept, the person's rights under 152-FZ and whom to write to;
linked from the footer of every page and from the consent of every form."""

import pytest

from amur_invest.agency.models import AgencyContact
from tests.public_forms import FORMS

pytestmark = pytest.mark.django_db

HEADINGS = {
    "ru": ["Кто обрабатывает ваши данные", "Сколько мы храним данные", "Ваши права"],
    "ja": ["個人情報を取り扱う者", "保存期間", "ご本人の権利", "お問い合わせ先"],
    "en": ["Who processes your data", "How long we keep it", "Your rights"],
}


@pytest.fixture
def agency():
    contact = AgencyContact.load()
    contact.address_ru = "675000, Благовещенск, ул. Ленина, 1"
    contact.address_ja = "675000 ブラゴヴェシチェンスク市レーニン通り1"
    contact.address_en = "1 Lenin St, Blagoveshchensk 675000"
    contact.email = "info@amurinvest.example"
    contact.save()
    return contact


@pytest.mark.parametrize(
    ("language", "address"),
    [
        ("ru", "675000, Благовещенск, ул. Ленина, 1"),
        ("ja", "675000 ブラゴヴェシチェンスク市レーニン通り1"),
        ("en", "1 Lenin St, Blagoveshchensk 675000"),
    ],
)
def test_the_policy_names_the_operator_purposes_terms_and_rights(
    client, agency, language, address
):
    response = client.get(f"/{language}/privacy/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert address in html
    assert 'href="mailto:info@amurinvest.example"' in html
    assert all(heading in html for heading in HEADINGS[language])
    assert "152" in html
    assert "365" in html, "the days after which applicants' data is erased"


@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_every_page_links_the_policy_from_its_footer(client, language):
    html = client.get(f"/{language}/").content.decode()

    footer = html.split('class="site-footer"')[1]
    assert f'href="/{language}/privacy/"' in footer


@pytest.mark.parametrize("form", sorted(FORMS))
def test_every_form_links_the_policy_beside_its_consent(client, form):
    public_form = FORMS[form]()

    html = client.get(f"/ja/{public_form.path}").content.decode()

    consent = html.split("form__section--consent")[1].split("</fieldset>")[0]
    assert 'href="/ja/privacy/"' in consent
