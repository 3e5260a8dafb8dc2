"""Renaming exhibitions' ParticipationStatusChange to StatusChange keeps the
table's rows and the staff's grants."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.partners.factories import inn_with_check_digit

BEFORE = [("exhibitions", "0006_product_photos_checked_as_images")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def history_before_the_rename(apps) -> tuple[int, int]:
    today = datetime.date(2020, 12, 1)
    exhibition = apps.get_model("exhibitions", "Exhibition").objects.create(
        name="FOODEX",
        name_ru="FOODEX",
        slug="foodex-old",
        starts_on=today,
        ends_on=today,
        city="Тиба",
        city_ru="Тиба",
    )
    participation = apps.get_model("exhibitions", "Participation").objects.create(
        exhibition=exhibition,
        inn=inn_with_check_digit(4_343),
        company_name="ООО «Зея»",
        contact_name="Ольга",
        email="olga@example.ru",
        status="unconfirmed",
    )
    step = apps.get_model("exhibitions", "ParticipationStatusChange").objects.create(
        participation=participation, from_status="", to_status="unconfirmed"
    )
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(codename="view_participationstatuschange")
    group = apps.get_model("auth", "Group").objects.create(name="Readers of history")
    group.permissions.add(view)
    return step.pk, group.pk


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_rename_keeps_every_step_of_history_and_who_may_read_it():
    try:
        step_id, group_id = history_before_the_rename(migrate(BEFORE))
        apps = migrate(latest())

        step = apps.get_model("exhibitions", "StatusChange").objects.get(pk=step_id)
        assert (step.from_status, step.to_status) == ("", "unconfirmed")
        group = apps.get_model("auth", "Group").objects.get(pk=group_id)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert codenames == {"view_statuschange"}
    finally:
        migrate(latest())
