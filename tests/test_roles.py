"""Each staff role is offered what it can do in the admin, and a refusal is an
admin page in the staff member's language."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from amur_invest.outbox.models import OutgoingEmail
from exhibitions.models import Participation
from showcase.invest.models import DistrictCoordinator, TradeFigure
from tests.exhibitions.factories import ParticipationFactory
from tests.showcase.content_factories import InquiryFactory
from tests.showcase.invest_factories import district

pytestmark = pytest.mark.django_db


def staff_member(username: str, role: str | None = None, **extra):
    user = get_user_model().objects.create_user(
        username, f"{username}@amurinvest.example", "amur-pass-2020", is_staff=True
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    for name, value in extra.items():
        setattr(user, name, value)
    user.save()
    return user


@pytest.fixture
def as_role(client):
    def log_in(role: str, username: str = "staff", language: str = "en"):
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
        client.force_login(staff_member(username, role))
        return client

    return log_in


class TestTradeFigures:
    def test_a_content_editor_adds_a_trade_figure(self, as_role):
        client = as_role("Content editor")
        response = client.post(
            reverse("admin:showcase_tradefigure_add"),
            {
                "year": 2019,
                "partner_country": "JP",
                "flow": "export",
                "commodity_group": "honey",
                "value": "1250.5",
                "currency": "USD",
                "source": "Дальневосточное таможенное управление",
            },
        )
        assert response.status_code == 302
        figure = TradeFigure.objects.get()
        assert (figure.year, figure.commodity_group) == (2019, "honey")

    def test_a_district_coordinator_cannot_add_one(self, as_role):
        client = as_role("District coordinator")
        response = client.get(reverse("admin:showcase_tradefigure_add"))
        assert response.status_code == 403


class TestRefusalPage:
    @pytest.mark.parametrize(
        ("language", "words"),
        [
            ("ru", "Недостаточно прав"),
            ("ja", "権限がありません"),
            ("en", "You do not have permission"),
        ],
    )
    def test_a_refusal_in_the_admin_is_an_admin_page_in_the_staff_language(
        self, as_role, language, words
    ):
        client = as_role("District coordinator", language=language)
        response = client.get(reverse("admin:showcase_newsitem_add"))
        assert response.status_code == 403
        html = response.text
        assert words in html
        assert 'id="site-name"' in html or "Amur Invest" in html
        assert "403 Forbidden" not in html


class TestLinkingADistrictCoordinator:
    def autocomplete(self, client, term=""):
        return client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "showcase",
                "model_name": "districtcoordinator",
                "field_name": "user",
                "term": term,
            },
        )

    def test_a_manager_finds_staff_for_the_staff_field(self, as_role):
        staff_member("zeya", "District coordinator", last_name="Петрова")
        staff_member("visitor-without-staff", is_staff=False)
        client = as_role("Agency manager", username="manager")

        response = self.autocomplete(client)

        assert response.status_code == 200
        found = {item["text"] for item in response.json()["results"]}
        assert "zeya" in found
        assert "visitor-without-staff" not in found

    def test_a_manager_links_a_coordinator(self, as_role):
        coordinator = staff_member("zeya", "District coordinator")
        client = as_role("Agency manager", username="manager")

        response = client.post(
            reverse("admin:showcase_districtcoordinator_add"),
            {"user": coordinator.pk, "district": district("zeysky").pk},
        )

        assert response.status_code == 302
        assert DistrictCoordinator.objects.get().user == coordinator

    def test_a_content_editor_still_cannot_look_up_staff(self, as_role):
        client = as_role("Content editor")
        assert self.autocomplete(client).status_code == 403

    def test_the_user_list_stays_closed_to_the_manager(self, as_role):
        client = as_role("Agency manager", username="manager")
        response = client.get(reverse("admin:auth_user_changelist"))
        assert response.status_code == 403


class TestInquiryAssignee:
    def test_only_staff_who_answer_inquiries_are_offered(self, as_role):
        staff_member("colleague", "Agency manager")
        staff_member("editor", "Content editor")
        staff_member("zeya", "District coordinator")
        staff_member("boss", is_superuser=True)
        client = as_role("Agency manager", username="manager")
        inquiry = InquiryFactory()

        response = client.get(
            reverse("admin:showcase_inquiry_change", args=[inquiry.pk])
        )

        field = response.context["adminform"].form.fields["assignee"]
        offered = {user.username for user in field.queryset}
        assert offered == {"colleague", "boss", "manager"}


class TestDeletingAParticipation:
    def with_mail(self):
        participation = ParticipationFactory()
        OutgoingEmail.objects.create(
            owner=participation,
            kind="status_accepted",
            recipient="olga@amur-honey.example",
            language="ru",
            subject="Заявка принята",
            body="…",
        )
        return participation

    @pytest.mark.parametrize("role", ["Exhibition coordinator", "Agency manager"])
    def test_a_role_offered_delete_can_delete_with_the_mail(self, as_role, role):
        participation = self.with_mail()
        client = as_role(role)
        url = reverse("admin:exhibitions_participation_delete", args=[participation.pk])

        page = client.get(url)
        if page.status_code == 403:
            change = client.get(
                reverse(
                    "admin:exhibitions_participation_change", args=[participation.pk]
                )
            )
            assert "deletelink" not in change.text
            return
        assert not page.context["perms_lacking"]
        response = client.post(url, {"post": "yes"})
        assert response.status_code == 302
        assert not Participation.objects.exists()
        assert not OutgoingEmail.objects.exists()
