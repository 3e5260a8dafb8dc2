"""The admin's autocomplete lookups (/admin/autocomplete/?app_label=…&
model_name=…&field_name=…) tell each staff role no more than its own pages
do (amur_invest.staff.autocomplete): every autocomplete field the admin
offers is asked by every role, by staff with no rights and by a superuser; a
field no page offers answers no one; what a lookup shows of a model holding
personal data is in the audit trail, as a list page is."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from amur_invest.staff import audit
from amur_invest.staff.autocomplete import offered_autocompletes
from amur_invest.staff.models import AuditEntry
from tests.exhibitions.factories import ExhibitionFactory
from tests.missions.factories import MissionFactory
from tests.partners.factories import (
    CompanyFactory,
    ContactFactory,
    TwinRelationFactory,
)
from tests.showcase.invest_factories import (
    InvestmentSiteFactory,
    SupportMeasureFactory,
)
from tests.test_roles import staff_member

pytestmark = pytest.mark.django_db

User = get_user_model()

ROLES = [
    "Agency manager",
    "Mission coordinator",
    "Exhibition coordinator",
    "Content editor",
    "District coordinator",
    None,  # staff with no rights
]

OFFERED = sorted(
    offered_autocompletes(admin.site),
    key=lambda pair: (pair[0]._meta.label_lower, pair[1]),
)


def named(pairs) -> set[tuple[str, str]]:
    return {(model._meta.label_lower, field) for model, field in pairs}


def test_every_autocomplete_field_of_the_admin_is_asked_here():
    """Guards the registry reading the tests below rely on: the fields of
    the pages and of their inlines."""
    offered = named(OFFERED)
    assert {
        ("partners.interaction", "contact"),  # InteractionInline's and its page's
        ("partners.company", "sectors"),  # many-to-many
        ("showcase.districtcoordinator", "user"),  # the staff list
        ("exhibitions.participation", "company"),
        ("showcase.event", "twin_relation"),
    } <= offered
    assert len(offered) >= 20


@pytest.fixture
def searched_rows():
    """A row of every model the lookups search (districts, sectors and
    prefectures are reference data), a contact whose name is personal data,
    and a colleague to find by name but not by address."""
    contact = ContactFactory(name_latin="Hideki Sato", name_native="佐藤英樹")
    CompanyFactory()
    MissionFactory()
    ExhibitionFactory()
    TwinRelationFactory()
    InvestmentSiteFactory()
    SupportMeasureFactory()
    staff_member("colleague", "Agency manager", last_name="Петрова")
    return contact


def lookup(client, model, field, term=""):
    return client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field,
            "term": term,
        },
    )


def may(user, action, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


def searched(model, field):
    return model._meta.get_field(field).remote_field.model


def answered(user, model, field) -> bool:
    """Read from the role's rights alone: its forms show the field for
    filling, and it may read the model searched (whoever fills a staff field
    may find staff for it)."""
    fills = may(user, "add", model) or may(user, "change", model)
    remote = searched(model, field)
    reads = remote is User or may(user, "view", remote) or may(user, "change", remote)
    return fills and reads


@pytest.mark.parametrize("role", [*ROLES, "superuser"])
def test_a_lookup_answers_only_a_role_whose_pages_offer_it(client, searched_rows, role):
    if role == "superuser":
        user = staff_member("asker", is_superuser=True)
    else:
        user = staff_member("asker", role)
    client.force_login(user)
    watched = set(audit.watched_models())
    expected_audit = []

    for model, field in OFFERED:
        response = lookup(client, model, field)
        where = f"{model._meta.label_lower}.{field}"
        if not answered(user, model, field):
            assert response.status_code == 403, where
            continue
        assert response.status_code == 200, where
        results = response.json()["results"]
        assert results, where
        remote = searched(model, field)
        if remote in watched:
            expected_audit.append((remote, [item["id"] for item in results]))
        # A contact's name only to whoever may read contacts.
        if "Hideki Sato" in response.text:
            assert may(user, "view", remote) or may(user, "change", remote), where

    recorded = [
        (entry.content_type.model_class(), entry.object_ids.split(","))
        for entry in AuditEntry.objects.filter(
            user=user, action=AuditEntry.Action.LISTED
        ).order_by("pk")
    ]
    assert recorded == expected_audit
    if role == "superuser":
        assert expected_audit, "the contacts and companies a superuser looks up"


@pytest.mark.parametrize(
    ("role", "source", "field"),
    [
        # Each answered before with Django's own view: it checks only the
        # right to read the model searched.
        ("District coordinator", "showcase.wildharvestreport", "reported_by"),
        ("Agency manager", "partners.interaction", "author"),
        ("Agency manager", "showcase.inquiry", "assignee"),
        ("Mission coordinator", "missions.registration", "company"),
    ],
)
def test_a_field_no_admin_page_offers_answers_no_one(
    client, searched_rows, role, source, field
):
    client.force_login(staff_member("asker", role))
    app_label, model_name = source.split(".")
    model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()

    assert (model, field) not in set(OFFERED)
    assert lookup(client, model, field).status_code == 403


def test_a_staff_field_finds_colleagues_by_name_and_not_by_address(
    client, searched_rows
):
    """An agency manager links a district coordinator without the right to
    read the staff list: the lookup shows usernames, and an address typed
    into it finds no one."""
    from showcase.invest.models import DistrictCoordinator

    client.force_login(staff_member("manager", "Agency manager"))

    by_name = lookup(client, DistrictCoordinator, "user", term="Петрова")
    by_address = lookup(client, DistrictCoordinator, "user", term="amurinvest")

    assert [item["text"] for item in by_name.json()["results"]] == ["colleague"]
    assert by_address.json()["results"] == []


def test_a_lookup_of_contacts_is_in_the_audit_trail(client, searched_rows):
    from partners.models import Interaction

    client.force_login(staff_member("asker", "Agency manager"))

    response = lookup(client, Interaction, "contact", term="Sato")

    [item] = response.json()["results"]
    assert item["text"] == "Hideki Sato (佐藤英樹)"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.LISTED)
    assert entry.content_type.model_class() is type(searched_rows)
    assert entry.object_ids == str(searched_rows.pk)
    assert "field_name=contact" in entry.summary
    assert "term=Sato" in entry.summary
