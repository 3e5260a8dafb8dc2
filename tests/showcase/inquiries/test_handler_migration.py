"""The migration that brings the people who answer inquiries keeps the
routing staff had: each staff member a rule named becomes a person the rule
names, the inquiries assigned to them are answered by that person, and every
inquiry gets its reference number."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("showcase", "0012_agency_contact_moves_to_agency")]
AFTER = [("showcase", "0016_inquiry_handler_and_reply_permissions")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_routes_staff_kept_name_people_and_inquiries_get_references():
    try:
        apps = migrate(BEFORE)
        User = apps.get_model("auth", "User")
        olga = User.objects.create(
            username="olga",
            first_name="Ольга",
            last_name="Петрова",
            email="o@a.example",
        )
        pavel = User.objects.create(username="pavel", email="p@a.example")
        Sector = apps.get_model("partners", "Sector")
        honey = Sector.objects.create(slug="honey-m", name="Мёд", name_ru="Мёд")
        Route = apps.get_model("showcase", "InquiryRoute")
        Route.objects.create(sector=honey, assignee=olga)
        Route.objects.create(sector=None, assignee=pavel)
        inquiry = apps.get_model("showcase", "Inquiry").objects.create(
            name="Yamada",
            organization="Org",
            email="yamada@example.jp",
            country="Japan",
            message="?",
            language="ja",
            reply_due_on=datetime.date(2026, 12, 1),
            assignee=olga,
        )

        apps = migrate(AFTER)

        Route = apps.get_model("showcase", "InquiryRoute")
        routes = {
            route.sector_id: route.handler
            for route in Route.objects.select_related("handler")
        }
        assert routes[honey.pk].user_id == olga.pk
        assert routes[honey.pk].name_ru == "Ольга Петрова"
        assert routes[honey.pk].email == "o@a.example"
        assert routes[None].user_id == pavel.pk
        assert routes[None].name_ru == "pavel"
        migrated = apps.get_model("showcase", "Inquiry").objects.get(pk=inquiry.pk)
        assert migrated.handler_id == routes[honey.pk].pk
        assert migrated.reference == f"AMR-{migrated.created_at.year}-{inquiry.pk:05d}"
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
