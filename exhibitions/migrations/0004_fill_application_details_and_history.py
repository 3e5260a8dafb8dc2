"""Participations that existed before they were applications: what "the form
said" about the company is taken from the company staff chose, and the
history starts with one step at the status they have, so that the
applicant's page and the admin show where they stand. Idempotent: rows
already filled, and participations with a history, are left alone."""

from django.conf import settings
from django.db import migrations
from django.utils import translation
from django.utils.translation import gettext_noop

# Written in the staff's language, as every reason in the history.
ENTERED = gettext_noop("Recorded before the status history was kept.")


def fill(apps, schema_editor):
    Participation = apps.get_model("exhibitions", "Participation")
    # Through the relation: the model was renamed later (0007), and the test
    # suite runs this again with the live models.
    StatusChange = Participation._meta.get_field("status_changes").related_model
    without_details = Participation.objects.filter(
        inn="", company__isnull=False
    ).select_related("company")
    for participation in without_details.iterator():
        participation.inn = participation.company.inn
        participation.company_name = participation.company.name_ru or ""
        participation.save(update_fields=["inn", "company_name"])
    with translation.override(settings.LANGUAGE_CODE):
        reason = str(translation.gettext(ENTERED))
    without_history = Participation.objects.filter(status_changes__isnull=True)
    StatusChange.objects.bulk_create(
        StatusChange(
            participation=participation,
            to_status=participation.status,
            changed_at=participation.confirmed_at or participation.created_at,
            reason=reason,
        )
        for participation in without_history.iterator()
    )


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitions", "0003_participations_as_applications"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
