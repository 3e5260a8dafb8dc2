"""The queries public pages and admin lists ask on every view are answered
by an index, not by sorting or reading a whole table: the expressions in the
queries must stay those the indexes were built on. And no query waits for
PostgreSQL to compile it."""

import pytest
from django.db import connection
from django.utils import translation

from missions.admin.registrations import RegistrationAdmin
from missions.models import Mission, Registration
from partners.localized import localized
from partners.models import Company
from showcase.sitemaps import CompanySitemap
from tests.missions.factories import MissionFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the plans are PostgreSQL's (CI runs it)",
    ),
    pytest.mark.django_db,
]


def plan_of(queryset) -> str:
    # With a handful of test rows a sequential scan is cheapest; forbid it
    # to see whether an index could answer the query at all.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    return queryset.explain()


@pytest.mark.parametrize("language", ["ru", "ja", "en"])
def test_the_catalogue_in_each_language_reads_its_index(language):
    with translation.override(language):
        catalogue = Company.objects.published().order_by(localized("name"), "slug")
        plan = plan_of(catalogue[:20])

    assert f"company_catalogue_{language}_idx" in plan
    assert "Sort" not in plan


def test_the_newest_exporters_read_their_index():
    newest = Company.objects.published().order_by("-created_at", "-id")[:6]

    assert "company_newest_idx" in plan_of(newest)


def test_the_sitemap_date_of_companies_reads_an_index():
    sitemap = CompanySitemap()
    queryset = sitemap.items().order_by()

    plan = plan_of(queryset.values("updated_at"))

    assert "company_changed_idx" in plan


def test_seats_taken_of_a_mission_read_the_registrations_index():
    MissionFactory()

    plan = plan_of(Mission.objects.with_seats_taken())

    # Either the seats index or the partial unique index of accepted
    # registrations answers it; neither reads every registration.
    assert "Index" in plan.split("SubPlan")[1]
    assert "Seq Scan on missions_registration" not in plan


def test_the_registrations_admin_list_reads_the_newest_from_an_index():
    newest = Registration.objects.select_related("company", "mission").order_by(
        *RegistrationAdmin.ordering
    )[:100]

    assert "registration_newest_idx" in plan_of(newest)


def test_connections_do_not_compile_queries_with_llvm():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        (setting,) = cursor.fetchone()

    assert setting == "off"
