import csv
import datetime
import io

import factory
import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from amur_invest.spreadsheets.files import csv_cell
from missions.models import Registration
from partners.models import District, Prefecture, Sector
from tests.missions.factories import MissionFactory, RegistrationFactory
from tests.partners.factories import CompanyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(settings):
    """Staff pages in English, so that assertions read the msgids whatever
    the translators have filled in."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


Status = Registration.Status

DELEGATION_COLUMNS = [
    "Company (Russian name)",
    "INN",
    "District",
    "Sectors",
    "Contact person",
    "Position",
    "Email",
    "Phone",
    "Delegates",
    "Products",
    "Goals",
    "Prefectures to meet",
    "Kinds of partner to meet",
    "Partners to meet",
    "Correspondence language",
]
REGISTRATION_COLUMNS = [
    *DELEGATION_COLUMNS,
    "Status",
    "Confirmed at",
    "Place on the waiting list",
]


def export_url(mission, kind, file_format):
    return reverse(
        "admin:missions_mission_export",
        kwargs={"object_id": mission.pk, "kind": kind, "file_format": file_format},
    )


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    # An empty string is written as an empty cell, which reads back as None.
    return [
        ["" if cell.value is None else cell.value for cell in row]
        for row in sheet.iter_rows()
    ]


@pytest.fixture
def mission():
    return MissionFactory(slug="tokyo-december-2020", delegate_seats=10)


@pytest.fixture
def honey_delegate(mission):
    company = CompanyFactory(
        name_ru="ООО «Амурский мёд»",
        name_ja="アムール蜂蜜",
        inn="2801234562",
        district=District.objects.get(slug="tambovsky"),
        sectors=[
            Sector.objects.get(slug="honey"),
            Sector.objects.get(slug="food"),
        ],
    )
    registration = RegistrationFactory(
        mission=mission,
        company=company,
        status=Status.ACCEPTED,
        contact_name="Ольга Смирнова",
        contact_position="директор",
        email="olga@amurhoney.example.ru",
        phone="8 4162 00-00-00",
        delegates=2,
        products="Липовый мёд",
        goals="Поставки в сети супермаркетов",
        wanted_partner_kinds=["company", "association"],
        wanted_partners="Японская ассоциация импортёров мёда",
        language="ja",
        confirmed_at=datetime.datetime(2020, 11, 2, 1, 30, tzinfo=datetime.UTC),
    )
    registration.wanted_prefectures.set(
        Prefecture.objects.filter(code__in=["01", "13"])
    )
    return registration


def expected_honey_row(registration) -> list[str]:
    company = registration.company
    hokkaido, tokyo = Prefecture.objects.filter(code__in=["01", "13"]).order_by("code")
    honey, food = Sector.objects.get(slug="honey"), Sector.objects.get(slug="food")
    sectors = ", ".join(sector.name for sector in company.sectors.all())
    assert set(sectors.split(", ")) == {honey.name, food.name}
    return [
        "ООО «Амурский мёд»",
        "2801234562",
        company.district.name,
        sectors,
        "Ольга Смирнова",
        "директор",
        "olga@amurhoney.example.ru",
        "8 4162 00-00-00",
        "2",
        "Липовый мёд",
        "Поставки в сети супермаркетов",
        f"{hokkaido.name}, {tokyo.name}",
        "company, association",
        "Японская ассоциация импортёров мёда",
        "日本語",
    ]


class TestListColumns:
    """The staff's list of all registrations. The delegation list for the
    hosts is tested in test_delegation_export."""

    def test_xlsx_sheet_is_named_after_the_list(self, admin_client, mission):
        response = admin_client.get(export_url(mission, "registrations", "xlsx"))

        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert sheet.title == "All registrations"

    def test_csv_for_russian_staff_is_split_on_semicolons_with_russian_headings(
        self, admin_client, mission, honey_delegate
    ):
        response = admin_client.get(
            export_url(mission, "registrations", "csv"), HTTP_ACCEPT_LANGUAGE="ru"
        )

        text = response.content.decode("utf-8-sig")
        header, row = csv.reader(io.StringIO(text), delimiter=";")
        assert header[:2] == ["Компания (название на русском языке)", "ИНН"]
        assert row[:2] == ["ООО «Амурский мёд»", "2801234562"]

    def test_partner_kinds_show_as_labels(self, admin_client, mission):
        RegistrationFactory(
            mission=mission,
            status=Status.ACCEPTED,
            wanted_partner_kinds=["prefectural_government", "chamber"],
        )

        header, row = read_csv(
            admin_client.get(export_url(mission, "registrations", "csv"))
        )

        kinds = row[header.index("Kinds of partner to meet")]
        assert kinds == "prefectural government, chamber of commerce"


class TestAllRegistrations:
    def test_lists_every_status_with_confirmation_and_waiting_list_place(
        self, admin_client, mission, honey_delegate
    ):
        first_waiting = RegistrationFactory(
            mission=mission,
            status=Status.WAITLISTED,
            confirmed_at=datetime.datetime(2020, 11, 3, tzinfo=datetime.UTC),
        )
        second_waiting = RegistrationFactory(
            mission=mission,
            status=Status.WAITLISTED,
            confirmed_at=datetime.datetime(2020, 11, 4, tzinfo=datetime.UTC),
        )
        unconfirmed = RegistrationFactory(
            mission=mission, status=Status.UNCONFIRMED, confirmed_at=None
        )

        header, *rows = read_xlsx(
            admin_client.get(export_url(mission, "registrations", "xlsx"))
        )

        assert header == REGISTRATION_COLUMNS
        by_inn = {row[1]: row[-3:] for row in rows}
        assert by_inn == {
            # 01:30 UTC is 10:30 in Blagoveshchensk.
            "2801234562": ["accepted", "2020-11-02 10:30", ""],
            first_waiting.company.inn: [
                "on the waiting list",
                "2020-11-03 09:00",
                1,
            ],
            second_waiting.company.inn: [
                "on the waiting list",
                "2020-11-04 09:00",
                2,
            ],
            unconfirmed.company.inn: ["awaiting email confirmation", "", ""],
        }
        expected = expected_honey_row(honey_delegate)
        expected[DELEGATION_COLUMNS.index("Delegates")] = 2
        assert rows[0][:15] == expected


class TestFormulaEscaping:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                '=HYPERLINK("http://evil.example")',
                '\'=HYPERLINK("http://evil.example")',
            ),
            ("+7 914 000-00-00", "'+7 914 000-00-00"),
            ("-1+2", "'-1+2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("＝1+1", "'＝1+1"),
            ("Мёд = золото", "Мёд = золото"),
            ("", ""),
            (None, ""),
            (3, 3),
        ],
    )
    def test_csv_cells_that_would_run_as_formulas_become_text(self, text, expected):
        assert csv_cell(text) == expected

    @pytest.mark.parametrize("file_format", ["csv", "xlsx"])
    def test_registrant_text_cannot_run_as_a_formula(
        self, admin_client, mission, file_format
    ):
        RegistrationFactory(
            mission=mission,
            status=Status.ACCEPTED,
            contact_name="=cmd|'/C calc'!A0",
            contact_position="-2+3",
            phone="+7 914 555-55-55",
            products="@SUM(1+1)",
            goals="\t=1+1",
            wanted_partners="\r=1+1",
        )

        response = admin_client.get(export_url(mission, "registrations", file_format))

        reader = read_csv if file_format == "csv" else read_xlsx
        header, row = reader(response)
        cells = dict(zip(header, row, strict=True))
        # CSV has no cell types: an apostrophe keeps Excel from running the
        # text. An XLSX string cell is never run, so it needs no apostrophe,
        # which Excel would show before every phone number.
        mark = "'" if file_format == "csv" else ""
        assert cells["Contact person"] == f"{mark}=cmd|'/C calc'!A0"
        assert cells["Position"] == f"{mark}-2+3"
        assert cells["Phone"] == f"{mark}+7 914 555-55-55"
        assert cells["Products"] == f"{mark}@SUM(1+1)"
        assert cells["Goals"] == f"{mark}\t=1+1"
        # XML reads a carriage return back as a line feed.
        carriage_return = "\r" if file_format == "csv" else "\n"
        assert cells["Partners to meet"] == f"{mark}{carriage_return}=1+1"

    def test_xlsx_cells_are_text_not_formulas(self, admin_client, mission):
        RegistrationFactory(mission=mission, status=Status.ACCEPTED, goals="=1+1")

        response = admin_client.get(export_url(mission, "registrations", "xlsx"))

        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)

    @pytest.mark.parametrize("file_format", ["csv", "xlsx"])
    def test_control_characters_of_old_rows_do_not_break_the_export(
        self, admin_client, mission, file_format
    ):
        RegistrationFactory(
            mission=mission, status=Status.ACCEPTED, products="Мёд\x0bи\x1fвоск"
        )

        response = admin_client.get(export_url(mission, "registrations", file_format))

        header, row = (read_csv if file_format == "csv" else read_xlsx)(response)
        assert row[header.index("Products")] == "Мёдивоск"


class TestExportPermission:
    @pytest.fixture
    def viewer(self, client):
        user = User.objects.create_user("viewer", password="x", is_staff=True)
        user.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="missions",
                codename__in=["view_mission", "view_registration"],
            )
        )
        client.force_login(user)
        return user

    def test_viewing_staff_without_export_permission_cannot_download(
        self, client, viewer, mission, honey_delegate
    ):
        response = client.get(export_url(mission, "registrations", "csv"))

        assert response.status_code == 403

    def test_export_actions_are_hidden_without_export_permission(
        self, client, viewer, mission, honey_delegate
    ):
        response = client.get(reverse("admin:missions_registration_changelist"))

        action_form = response.context["action_form"]
        choices = dict(action_form.fields["action"].choices) if action_form else {}
        assert response.status_code == 200
        assert not any(name.startswith("export_") for name in choices)

    def test_export_action_is_refused_without_permission(
        self, client, viewer, mission, honey_delegate
    ):
        response = client.post(
            reverse("admin:missions_registration_changelist"),
            {
                "action": "export_registrations_csv",
                "index": 0,
                "_selected_action": [honey_delegate.pk],
            },
        )

        assert response.status_code == 200
        assert "text/html" in response["Content-Type"]

    def test_export_permission_with_view_permission_allows_download(
        self, client, viewer, mission, honey_delegate
    ):
        viewer.user_permissions.add(
            Permission.objects.get(codename="export_registration")
        )

        response = client.get(export_url(mission, "registrations", "csv"))

        assert response.status_code == 200
        header, row = read_csv(response)
        assert header == REGISTRATION_COLUMNS
        assert row[:15] == expected_honey_row(honey_delegate)

    def test_mission_coordinators_may_export(self, client, mission, honey_delegate):
        user = User.objects.create_user("coordinator", password="x", is_staff=True)
        user.groups.add(Group.objects.get(name="Mission coordinator"))
        client.force_login(user)

        response = client.get(export_url(mission, "registrations", "xlsx"))
        changelist = client.get(reverse("admin:missions_registration_changelist"))

        assert response.status_code == 200
        header, *rows = read_xlsx(response)
        assert header == REGISTRATION_COLUMNS
        assert [row[header.index("INN")] for row in rows] == [honey_delegate.inn]
        choices = dict(changelist.context["action_form"].fields["action"].choices)
        assert "export_registrations_xlsx" in choices

    @pytest.mark.parametrize(
        ("kind", "file_format"), [("everything", "csv"), ("delegation", "pdf")]
    )
    def test_unknown_export_is_not_found(
        self, admin_client, mission, kind, file_format
    ):
        response = admin_client.get(export_url(mission, kind, file_format))

        assert response.status_code == 404


class TestExportActions:
    def test_registrations_action_exports_every_selected_as_xlsx(
        self, admin_client, mission, honey_delegate
    ):
        waiting = RegistrationFactory(mission=mission, status=Status.WAITLISTED)

        response = admin_client.post(
            reverse("admin:missions_registration_changelist"),
            {
                "action": "export_registrations_xlsx",
                "index": 0,
                "_selected_action": [honey_delegate.pk, waiting.pk],
            },
        )

        header, *rows = read_xlsx(response)
        assert header == REGISTRATION_COLUMNS
        assert {row[1] for row in rows} == {"2801234562", waiting.company.inn}


class TestExportQueryBudget:
    @pytest.mark.parametrize("kind", ["registrations"])
    def test_queries_do_not_grow_with_registrations(self, admin_client, kind):
        mission = MissionFactory(delegate_seats=500)
        honey = Sector.objects.get(slug="honey")
        tokyo = Prefecture.objects.get(code="13")

        def add(count):
            registrations = RegistrationFactory.create_batch(
                count,
                mission=mission,
                status=factory.Iterator([Status.ACCEPTED, Status.WAITLISTED]),
                company__sectors=[honey],
            )
            for registration in registrations:
                registration.wanted_prefectures.add(tokyo)

        def count_queries():
            with CaptureQueriesContext(connection) as queries:
                response = admin_client.get(export_url(mission, kind, "csv"))
            return len(queries), len(read_csv(response)) - 1

        # The first export of a process reads the audit entries' content type.
        count_queries()
        add(5)
        few, few_rows = count_queries()
        add(95)
        many, many_rows = count_queries()

        expected_rows = {"registrations": (5, 100)}[kind]
        assert (few_rows, many_rows) == expected_rows
        assert many == few
