"""Staff keep exhibitions and participations in the admin: participations
inline and as their own filtered list, imported (company by INN, exhibition
by slug, all or nothing) and exported."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from exhibitions.models import Participation
from exhibitions.resources import ParticipationResource
from tests.exhibitions.factories import (
    ExhibitionFactory,
    ParticipationFactory,
    days_from_today,
)
from tests.partners.factories import CompanyFactory

pytestmark = pytest.mark.django_db

CSV_FORMAT = "0"
IMPORT_URL = "admin:exhibitions_participation_import"
Status = Participation.Status


@pytest.fixture
def staff_client(client, django_user_model):
    manager = django_user_model.objects.create_superuser(
        "manager", "manager@amurinvest.example", "amur-pass-2020"
    )
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(manager)
    return client


def csv_file(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("participations.csv", buffer.getvalue().encode())


def row(for_company, at_exhibition, **overrides):
    return {
        "exhibition": at_exhibition.slug,
        "company": for_company.inn,
        "status": "accepted",
        "stand": "5E-12",
        "products_shown_ru": "Липовый мёд",
        "products_shown_ja": "シナノキ蜂蜜",
        "products_shown_en": "Linden honey",
        "contact_name": "Ольга Миронова",
        "email": "Olga@Amur-Honey.example",
        "language": "ru",
        **overrides,
    }


def preview(client, rows):
    return client.post(
        reverse(IMPORT_URL), {"import_file": csv_file(rows), "format": CSV_FORMAT}
    )


def confirm(client, response):
    url = reverse("admin:exhibitions_participation_process_import")
    return client.post(url, response.context["confirm_form"].initial)


def test_participations_import_with_company_by_inn_and_exhibition_by_slug(
    staff_client,
):
    exhibition = ExhibitionFactory(slug="foodex-japan-2020")
    honey, berries = CompanyFactory(), CompanyFactory()
    spaced_inn = f"{berries.inn[:4]} {berries.inn[4:]}"
    rows = [row(honey, exhibition), row(berries, exhibition, company=spaced_inn)]

    response = preview(staff_client, rows)
    assert not Participation.objects.exists(), "a preview writes nothing"
    confirm(staff_client, response)

    imported = Participation.objects.get(company=honey)
    assert imported.exhibition == exhibition
    assert imported.status == Status.ACCEPTED
    assert imported.products_shown_ja == "シナノキ蜂蜜"
    assert imported.email == "olga@amur-honey.example"
    assert Participation.objects.filter(company=berries).exists()


@pytest.mark.parametrize(
    ("bad_cells", "column", "reason"),
    [
        ({"company": "2801234560"}, "company", "not a valid INN"),
        ({"company": "2800000001"}, "company", "not a valid INN"),
        ({"exhibition": "foodex-1999"}, "exhibition", "Unknown exhibition"),
        ({"status": "approved"}, "status", "Unknown value “approved”"),
        ({"language": "de"}, "language", "Unknown value “de”"),
    ],
)
def test_one_bad_row_imports_nothing_and_names_its_row_and_column(
    staff_client, bad_cells, column, reason
):
    exhibition = ExhibitionFactory()
    rows = [
        row(CompanyFactory(), exhibition),
        row(CompanyFactory(), exhibition, **bad_cells),
        row(CompanyFactory(), exhibition),
    ]
    response = preview(staff_client, rows)

    assert "confirm_form" not in response.context
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2
    assert reason in " ".join(
        invalid.field_specific_errors[ParticipationResource().heading_of(column)]
    )
    assert "Traceback" not in response.text
    assert not Participation.objects.exists()


def test_a_company_unknown_by_its_inn_is_named(staff_client):
    exhibition = ExhibitionFactory()
    stranger = CompanyFactory.build(inn="2899277756")
    response = preview(staff_client, [row(stranger, exhibition)])
    [invalid] = response.context["result"].invalid_rows
    assert "No Amur company has the INN “2899277756”" in " ".join(
        invalid.field_specific_errors[ParticipationResource().heading_of("company")]
    )


def test_the_same_company_twice_in_one_file_is_refused(staff_client):
    exhibition, company = ExhibitionFactory(), CompanyFactory()
    rows = [row(company, exhibition), row(company, exhibition, stand="5E-14")]
    response = preview(staff_client, rows)
    [invalid] = response.context["result"].invalid_rows
    assert invalid.number == 2
    assert not Participation.objects.exists()


def test_import_updates_the_participation_staff_see(staff_client):
    participation = ParticipationFactory(status=Status.SUBMITTED, stand="")
    ParticipationFactory(
        exhibition=participation.exhibition,
        company=participation.company,
        status=Status.WITHDRAWN,
    )
    rows = [row(participation.company, participation.exhibition, stand="5E-20")]
    confirm(staff_client, preview(staff_client, rows))
    participation.refresh_from_db()
    assert (participation.status, participation.stand) == (Status.ACCEPTED, "5E-20")
    assert Participation.objects.count() == 2


def test_export_names_the_company_by_inn_and_keeps_the_secret_token_out(
    staff_client,
):
    participation = ParticipationFactory()
    response = staff_client.post(
        reverse("admin:exhibitions_participation_export"),
        {
            "format": CSV_FORMAT,
            "resource": "",
            **{
                f"participationresource_{name}": "on"
                for name in ("exhibition", "company", "company_name", "status", "stand")
            },
        },
    )
    text = response.content.decode("utf-8-sig")
    header, line = list(csv.reader(io.StringIO(text)))[:2]
    resource = ParticipationResource()
    assert header[:3] == [
        resource.heading_of(column)
        for column in ("exhibition", "company", "company_name")
    ]
    assert line[:2] == [participation.exhibition.slug, participation.company.inn]
    assert participation.token not in text


def test_the_export_says_status_language_and_headings_in_words_and_reads_back():
    """Guards LabelledChoiceWidget and StaffResource.column_headings: staff
    read «Принята», «Японский» and «Название компании», not «accepted»,
    «ja» and «company_name», and the same words import again."""
    participation = ParticipationFactory(status=Status.ACCEPTED, language="ja")
    resource = ParticipationResource()

    with translation.override("ru"):
        dataset = resource.export(queryset=Participation.objects.all())
        headers = list(dataset.headers)
        row = dict(zip(headers, dataset[0], strict=True))
        accepted_in_russian = str(Status.ACCEPTED.label)
        status = resource.fields["status"].widget.clean(row["Статус"])
        language = resource.fields["language"].widget.clean(
            row[headers[resource.get_export_order().index("language")]]
        )

    assert "Название компании" in headers
    assert "company_name" not in headers
    assert row["Статус"] == accepted_in_russian != "accepted"
    assert (status, language) == (Status.ACCEPTED, "ja")
    assert participation.status == status


def test_exhibition_page_in_the_admin_lists_its_participations(staff_client):
    participation = ParticipationFactory()
    url = reverse(
        "admin:exhibitions_exhibition_change", args=[participation.exhibition.pk]
    )
    response = staff_client.get(url)
    assert response.status_code == 200
    assert (
        participation.company.name_en in response.text
        or str(participation.company) in response.text
    )


@pytest.fixture
def listed():
    """Exhibitions and participations by name, for each filter below to keep
    or leave out."""
    past_food_fair = ExhibitionFactory()
    zeya = CompanyFactory(
        name_ru="ООО «Зейский мёд»", name_ja="ゼヤ蜂蜜", name_en="Zeya Honey LLC"
    )
    rows = {
        "past food fair": past_food_fair,
        "upcoming food fair": ExhibitionFactory(
            starts_on=days_from_today(30), ends_on=days_from_today(33)
        ),
        "past timber fair": ExhibitionFactory(
            name_ru="Лесная выставка", name_ja="木材展", name_en="Timber fair"
        ),
    }
    for name, company, status, language in [
        ("Amur accepted ru", None, Status.ACCEPTED, "ru"),
        ("Amur declined ru", None, Status.DECLINED, "ru"),
        ("Amur accepted ja", None, Status.ACCEPTED, "ja"),
        ("Zeya accepted ru", zeya, Status.ACCEPTED, "ru"),
    ]:
        rows[name] = ParticipationFactory(
            exhibition=past_food_fair,
            company=company or CompanyFactory(),
            status=status,
            language=language,
        )
    return rows


@pytest.mark.parametrize(
    ("model", "query", "shown"),
    [
        (
            "participation",
            "",
            {
                "Amur accepted ru",
                "Amur declined ru",
                "Amur accepted ja",
                "Zeya accepted ru",
            },
        ),
        (
            "participation",
            "?status__exact=accepted&language__exact=ru",
            {"Amur accepted ru", "Zeya accepted ru"},
        ),
        (
            "participation",
            "?q=Amur",
            {"Amur accepted ru", "Amur declined ru", "Amur accepted ja"},
        ),
        (
            "exhibition",
            "",
            {"past food fair", "upcoming food fair", "past timber fair"},
        ),
        ("exhibition", "?when=upcoming", {"upcoming food fair"}),
        ("exhibition", "?when=past&q=food", {"past food fair"}),
    ],
    ids=[
        "participations",
        "accepted-russian-participations",
        "participations-searched",
        "exhibitions",
        "upcoming-exhibitions",
        "past-exhibitions-searched",
    ],
)
def test_participation_and_exhibition_lists_filter(
    staff_client, listed, model, query, shown
):
    url = reverse(f"admin:exhibitions_{model}_changelist") + query

    response = staff_client.get(url)

    assert response.status_code == 200
    names = {
        row.pk: name for name, row in listed.items() if row._meta.model_name == model
    }
    assert {names[row.pk] for row in response.context["cl"].result_list} == shown


def test_participations_filter_by_exhibition_and_district(staff_client):
    participation = ParticipationFactory()
    ParticipationFactory()
    response = staff_client.get(
        reverse("admin:exhibitions_participation_changelist"),
        {
            "exhibition__id__exact": participation.exhibition.pk,
            "company__district__id__exact": participation.company.district.pk,
        },
    )
    assert list(response.context["cl"].result_list) == [participation]


@pytest.mark.parametrize("term", ["はちみつ", "Honey Farm", "B-12"])
def test_participations_are_found_by_company_or_by_what_was_applied(staff_client, term):
    wanted = ParticipationFactory(
        company=CompanyFactory(name_ja="ハチミツ農園", name_en="Honey Farm"),
        stand="B-12",
    )
    ParticipationFactory(stand="C-3")

    response = staff_client.get(
        reverse("admin:exhibitions_participation_changelist"), {"q": term}
    )

    assert list(response.context["cl"].result_list) == [wanted]


def test_exhibition_coordinators_review_participations_without_mission_registrations():
    coordinator = Group.objects.get(name="Exhibition coordinator")
    codenames = set(coordinator.permissions.values_list("codename", flat=True))
    assert {
        "change_participation",
        "import_participation",
        "export_participation",
    } <= codenames
    assert "view_company" in codenames
    assert not {code for code in codenames if code.endswith("registration")}


def test_the_status_changes_through_the_review_actions_not_the_form(staff_client):
    participation = ParticipationFactory(status=Status.SUBMITTED)
    url = reverse("admin:exhibitions_participation_change", args=[participation.pk])
    form = staff_client.get(url).context["adminform"].form
    assert "status" not in form.fields
    assert "token" not in form.fields
    assert "stand" in form.fields


def test_participation_columns_wrap_so_the_status_stays_on_screen(staff_client):
    ParticipationFactory()
    html = staff_client.get(reverse("admin:exhibitions_participation_changelist")).text
    assert "field-status" in html
    assert "nowrap" not in html.split('id="result_list"')[1].split("</table>")[0]
