"""The partners admin: every page renders, lists stay within a query budget,
translation tabs load from our own static files under the CSP."""

import re

import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse

from partners.models import (
    Company,
    Consent,
    Contact,
    District,
    Interaction,
    Organization,
    Prefecture,
    Sector,
    TwinRelation,
)
from tests.partners.factories import (
    CompanyFactory,
    ConsentFactory,
    ContactFactory,
    DistrictFactory,
    InteractionFactory,
    OrganizationFactory,
    SectorFactory,
    TwinRelationFactory,
    inn_with_check_digit,
)

pytestmark = pytest.mark.django_db

EVERY_MODEL = [
    District,
    Sector,
    Company,
    Prefecture,
    Organization,
    Contact,
    Interaction,
    TwinRelation,
    Consent,
]


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        "manager", "manager@amurinvest.example", "amur-pass-2020"
    )


@pytest.fixture
def staff_client(client, superuser):
    # Messages are checked in English; the admin otherwise follows the browser.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(superuser)
    return client


def admin_url(model, view, *args):
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def one_row_of(model):
    """An existing row of each model, built from factories or reference data."""
    makers = {
        District: lambda: District.objects.get(slug="zeya"),
        Sector: lambda: Sector.objects.get(slug="honey"),
        Company: CompanyFactory,
        Prefecture: lambda: Prefecture.objects.get(code="13"),
        Organization: OrganizationFactory,
        Contact: ContactFactory,
        Interaction: InteractionFactory,
        TwinRelation: TwinRelationFactory,
        Consent: ConsentFactory,
    }
    return makers[model]()


@pytest.mark.parametrize("model", EVERY_MODEL, ids=lambda m: m.__name__)
def test_changelist_renders_for_every_model(staff_client, model):
    row = one_row_of(model)
    response = staff_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert row in response.context["cl"].result_list


@pytest.mark.parametrize("model", EVERY_MODEL, ids=lambda m: m.__name__)
def test_change_form_renders_for_every_model(staff_client, model):
    row = one_row_of(model)
    response = staff_client.get(admin_url(model, "change", row.pk))
    assert response.status_code == 200
    assert str(row) in response.text


def searched_rows_of(model):
    """A row to find, another row the search must leave out, and the words
    staff type to find the first."""
    district, prefecture = District.objects.get, Prefecture.objects.get
    makers = {
        District: lambda: (district(slug="zeya"), district(slug="tyndinsky"), None),
        Sector: lambda: (
            Sector.objects.get(slug="honey"),
            Sector.objects.get(slug="food"),
            None,
        ),
        Company: lambda: (
            CompanyFactory(name_en="Zeya Honey LLC"),
            CompanyFactory(),
            "zeya honey",
        ),
        Prefecture: lambda: (prefecture(code="13"), prefecture(code="01"), None),
        Organization: lambda: (
            OrganizationFactory(name_en="Hokkaido Dairy Co."),
            OrganizationFactory(),
            "Dairy",
        ),
        Contact: lambda: (
            ContactFactory(name_latin="Hanako Suzuki"),
            ContactFactory(),
            "Suzuki",
        ),
        Interaction: lambda: (
            InteractionFactory(summary="Lingonberry jam for Sapporo."),
            InteractionFactory(),
            "lingonberry",
        ),
        TwinRelation: lambda: (
            TwinRelationFactory(japanese_municipality="Asahikawa"),
            TwinRelationFactory(japanese_municipality="Kushiro"),
            "Asahikawa",
        ),
        Consent: lambda: (
            ConsentFactory(email="hanako@example.jp"),
            ConsentFactory(),
            "hanako@",
        ),
    }
    found, other, words = makers[model]()
    # Reference rows are found by their Japanese name.
    return found, other, words or found.name_ja


@pytest.mark.parametrize("model", EVERY_MODEL, ids=lambda m: m.__name__)
def test_changelist_search_finds_the_row_and_leaves_out_the_others(staff_client, model):
    found, other, words = searched_rows_of(model)

    response = staff_client.get(admin_url(model, "changelist"), {"q": words})

    assert response.status_code == 200
    results = list(response.context["cl"].result_list)
    assert found in results
    assert other not in results


def test_consents_are_read_only_evidence(staff_client):
    consent = ConsentFactory()
    assert staff_client.get(admin_url(Consent, "add")).status_code == 403
    response = staff_client.post(
        admin_url(Consent, "change", consent.pk), {"text": "Changed afterwards"}
    )
    assert response.status_code == 403
    consent.refresh_from_db()
    assert consent.text == "I agree to the processing of my personal data."


# --- Query budget ---------------------------------------------------------------


def make_companies(count):
    honey, food = Sector.objects.filter(slug__in=["honey", "food"])
    district = District.objects.get(slug="zeysky")
    CompanyFactory.create_batch(count, district=district, sectors=[honey, food])


def make_organizations(count):
    honey = Sector.objects.get(slug="honey")
    for organization in OrganizationFactory.create_batch(count):
        organization.sectors.add(honey)


def make_contacts(count):
    organization = OrganizationFactory()
    ContactFactory.create_batch(
        count, organization=organization, prefecture=organization.prefecture
    )


def make_interactions(count, user):
    contact = ContactFactory()
    InteractionFactory.create_batch(count, contact=contact, author=user)


def make_twin_relations(count):
    TwinRelationFactory.create_batch(count)


def make_consents(count):
    ConsentFactory.create_batch(count)


QUERY_BUDGET = 12


@pytest.mark.parametrize("rows", [5, 150])
@pytest.mark.parametrize(
    "model",
    [
        District,
        Sector,
        Company,
        Organization,
        Contact,
        Interaction,
        TwinRelation,
        Consent,
    ],
    ids=lambda m: m.__name__,
)
def test_changelist_query_count_does_not_grow_with_rows(
    staff_client, superuser, django_assert_max_num_queries, model, rows
):
    makers = {
        District: DistrictFactory.create_batch,
        Sector: SectorFactory.create_batch,
        Company: make_companies,
        Organization: make_organizations,
        Contact: make_contacts,
        Interaction: lambda count: make_interactions(count, superuser),
        TwinRelation: make_twin_relations,
        Consent: make_consents,
    }
    makers[model](rows)
    url = admin_url(model, "changelist")
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = staff_client.get(url, {"all": ""})
    assert response.status_code == 200
    # Districts and sectors start with the reference rows of the migrations.
    assert len(response.context["cl"].result_list) == model.objects.count()


def test_prefecture_changelist_shows_all_47_within_budget(
    staff_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(QUERY_BUDGET):
        response = staff_client.get(admin_url(Prefecture, "changelist"), {"all": ""})
    assert len(response.context["cl"].result_list) == 47


# --- Translation tabs offline and under the CSP ---------------------------------

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)


def assert_no_script_blocked_by_csp(response):
    assert "script-src 'self' 'nonce-" in response.headers["Content-Security-Policy"]
    html = response.text
    for attributes in SCRIPT_TAG.findall(html):
        if "src=" not in attributes:
            assert "nonce=" in attributes, f"inline script without nonce: {attributes}"
        else:
            src = re.search(r'src="([^"]+)"', attributes).group(1)
            assert src.startswith("/"), f"script from another origin: {src}"
    assert not INLINE_HANDLER.search(html), INLINE_HANDLER.search(html).group(0)


@pytest.mark.parametrize("model", [District, Sector, Company, Prefecture, Organization])
def test_translation_tabs_load_jquery_ui_from_our_static_files(staff_client, model):
    response = staff_client.get(admin_url(model, "change", one_row_of(model).pk))
    assert '<script src="/static/vendor/jquery-ui/jquery-ui.min.js"' in response.text
    assert "modeltranslation/js/tabbed_translation_fields.js" in response.text
    assert "googleapis" not in response.text


def test_vendored_jquery_ui_is_served(client):
    response = client.get("/static/vendor/jquery-ui/jquery-ui.min.js")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert b"jQuery UI - v1.13" in body
    assert b'widget("ui.tabs"' in body


@pytest.mark.parametrize("model", EVERY_MODEL, ids=lambda m: m.__name__)
def test_change_pages_carry_no_script_the_csp_would_block(staff_client, model):
    row = one_row_of(model)
    for url in (admin_url(model, "changelist"), admin_url(model, "change", row.pk)):
        assert_no_script_blocked_by_csp(staff_client.get(url))


@pytest.mark.parametrize("model", [Company, Organization, Contact, Prefecture])
def test_import_and_export_pages_carry_no_script_the_csp_would_block(
    staff_client, model
):
    for view, field in (("import", "import_file"), ("export", "format")):
        response = staff_client.get(admin_url(model, view))
        assert response.status_code == 200
        assert f'name="{field}"' in response.text
        assert_no_script_blocked_by_csp(response)


def test_export_page_select_all_is_bound_from_a_static_file(staff_client):
    response = staff_client.get(admin_url(Company, "export"))
    assert 'class="select-toggle"' in response.text
    assert "onchange" not in response.text
    assert "/static/admin-extra/export_select_all.js" in response.text


# --- Behaviour of the forms ------------------------------------------------------


def admin_form(model, user, obj=None):
    request = RequestFactory().get("/admin/")
    request.user = user
    return site._registry[model].get_form(request, obj)


def company_form_data(**overrides):
    data = {
        "name_ru": "ООО «Зейский мёд»",
        "name_ja": "ゼヤはちみつ社",
        "name_en": "Zeya Honey LLC",
        "slug": "zeya-honey",
        "inn": inn_with_check_digit(9001),
        "district": District.objects.get(slug="zeysky").pk,
        "sectors": [Sector.objects.get(slug="honey").pk],
        "phone": "",
    }
    return {**data, **overrides}


def test_company_form_stores_inn_and_phone_normalised(superuser):
    inn = inn_with_check_digit(9001)
    spaced = f"{inn[:4]} {inn[4:7]} {inn[7:]}"
    form_class = admin_form(Company, superuser)
    form = form_class(data=company_form_data(inn=spaced, phone="8 (4162) 22-33-44"))
    assert form.is_valid(), form.errors
    company = form.save()
    assert company.inn == inn
    assert company.phone == "+7 416 222-33-44"


def test_company_form_shows_a_clear_error_for_a_bad_inn(superuser):
    form = admin_form(Company, superuser)(data=company_form_data(inn="2801234560"))
    assert not form.is_valid()
    assert "not a valid INN" in form.errors["inn"][0]


def test_company_form_refuses_a_missing_russian_name(superuser):
    form = admin_form(Company, superuser)(data=company_form_data(name_ru=""))
    assert not form.is_valid()
    assert "name_ru" in form.errors


def test_contact_form_normalises_phone_and_email(superuser):
    form = admin_form(Contact, superuser)(
        data={
            "name_latin": "Hanako Suzuki",
            "email": "H.Suzuki@Pref.Niigata.example.jp ",
            "phone": "025-285-5511",
            "preferred_language": "ja",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+81 25-285-5511"
    assert form.cleaned_data["email"] == "h.suzuki@pref.niigata.example.jp"


def test_contact_form_refuses_a_phone_that_cannot_be_a_number(superuser):
    form = admin_form(Contact, superuser)(
        data={
            "name_latin": "Ken Ito",
            "phone": "call the office",
            "preferred_language": "ja",
        }
    )
    assert not form.is_valid()
    assert "country code" in form.errors["phone"][0]


def test_content_editor_cannot_change_company_identifiers(client, django_user_model):
    editor = django_user_model.objects.create_user(
        "editor", password="x", is_staff=True
    )
    editor.groups.add(Group.objects.get(name="Content editor"))
    client.force_login(editor)
    company = CompanyFactory()
    response = client.get(admin_url(Company, "change", company.pk))
    assert response.status_code == 200
    assert 'name="name_ja"' in response.text
    assert 'name="inn"' not in response.text
    assert company.inn in response.text


def test_interaction_added_inline_on_a_contact_is_signed_by_the_staff_member(
    staff_client, superuser
):
    contact = ContactFactory()
    prefix = "interactions"
    data = {
        "organization": contact.organization.pk,
        "name_latin": contact.name_latin,
        "name_native": contact.name_native,
        "email": contact.email,
        "preferred_language": "ja",
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        f"{prefix}-0-happened_on": "2019-11-20",
        f"{prefix}-0-kind": "meeting",
        f"{prefix}-0-summary": "Presentation of the Amur Region in Tokyo.",
    }
    response = staff_client.post(admin_url(Contact, "change", contact.pk), data)
    assert response.status_code == 302, response.context["errors"]
    interaction = contact.interactions.get()
    assert interaction.author == superuser


def test_interaction_added_on_its_own_page_is_signed_by_the_staff_member(
    staff_client, superuser
):
    organization = OrganizationFactory()
    response = staff_client.post(
        admin_url(Interaction, "add"),
        {
            "happened_on": "2020-02-14",
            "kind": "video_conference",
            "organization": organization.pk,
            "summary": "Agreed the programme of the December mission.",
        },
    )
    assert response.status_code == 302
    assert Interaction.objects.get().author == superuser


def test_sector_autocomplete_finds_sectors_by_any_language_name(staff_client):
    SectorFactory(slug="pine-nuts", name_ru="Кедровый орех", name_en="Pine nuts")
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Кедр",
            "app_label": "partners",
            "model_name": "company",
            "field_name": "sectors",
        },
    )
    assert response.status_code == 200
    # Found by its Russian name, shown in the staff member's language.
    assert [r["text"] for r in response.json()["results"]] == ["Pine nuts"]


# --- In a real browser -----------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_translation_tabs_work_in_chromium_under_the_csp(
    page, live_server, django_user_model
):
    django_user_model.objects.create_superuser("tabs", "tabs@example.jp", "tabs-2020")
    company = CompanyFactory(name_ja="ゼヤはちみつ社")
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "tabs")
    page.fill("#id_password", "tabs-2020")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}{admin_url(Company, 'change', company.pk)}")

    tabs = page.locator("#content-main .ui-tabs-nav").first
    tabs.wait_for()
    assert page.locator("#id_name_ja").is_hidden()
    page.locator(".ui-tabs-nav a[href='#tab_id_name_ja']").click()
    assert page.locator("#id_name_ja").is_visible()
    assert page.locator("#id_name_ja").input_value() == "ゼヤはちみつ社"
    assert violations == []
