"""Companies reach the public catalogue only when staff publish them: an
import never publishes one, the list's actions publish and withdraw."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse

from partners.models import Company
from tests.partners.factories import CompanyFactory
from tests.partners.test_import_export import (
    CSV_FORMAT,
    company_row,
    confirm,
    csv_file,
    preview,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:partners_company_changelist"


def test_company_created_by_an_import_is_not_published(staff_client, client):
    rows = [company_row(1, is_published="1")]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)
    confirm(staff_client, Company, response)

    company = Company.objects.get()
    assert not company.is_published
    assert client.get(company.get_absolute_url()).status_code == 404


def test_import_does_not_publish_an_unpublished_company(staff_client):
    company = CompanyFactory(is_published=False)
    rows = [company_row(0, inn=company.inn, slug=company.slug, is_published="1")]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)
    confirm(staff_client, Company, response)

    company.refresh_from_db()
    assert not company.is_published


def test_import_may_withdraw_a_company_and_keeps_a_published_one(staff_client):
    withdrawn = CompanyFactory(is_published=True)
    kept = CompanyFactory(is_published=True)
    rows = [
        company_row(0, inn=withdrawn.inn, slug=withdrawn.slug, is_published="0"),
        company_row(0, inn=kept.inn, slug=kept.slug, is_published="1"),
    ]

    response = preview(staff_client, Company, csv_file(rows), CSV_FORMAT)
    confirm(staff_client, Company, response)

    withdrawn.refresh_from_db()
    kept.refresh_from_db()
    assert not withdrawn.is_published
    assert kept.is_published


def run_action(client, action, companies):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [c.pk for c in companies]},
        follow=True,
    )


def test_staff_publish_selected_companies(staff_client, superuser):
    draft, other_draft, live = (
        CompanyFactory(is_published=False),
        CompanyFactory(is_published=False),
        CompanyFactory(is_published=True),
    )

    response = run_action(staff_client, "publish", [draft, other_draft, live])

    assert "2 companies are now in the public catalogue." in response.text
    assert Company.objects.filter(is_published=True).count() == 3
    entries = LogEntry.objects.filter(action_flag=CHANGE, user=superuser)
    assert sorted(int(entry.object_id) for entry in entries) == sorted(
        [draft.pk, other_draft.pk]
    )


def test_staff_withdraw_selected_companies(staff_client):
    live = CompanyFactory(is_published=True)

    response = run_action(staff_client, "unpublish", [live])

    assert "1 company was withdrawn from the public catalogue." in response.text
    live.refresh_from_db()
    assert not live.is_published


def test_publishing_needs_the_change_permission(client, django_user_model):
    viewer = django_user_model.objects.create_user(
        "viewer", password="x", is_staff=True
    )
    viewer.user_permissions.add(Permission.objects.get(codename="view_company"))
    client.force_login(viewer)
    draft = CompanyFactory(is_published=False)

    response = run_action(client, "publish", [draft])

    assert response.status_code == 200
    draft.refresh_from_db()
    assert not draft.is_published
