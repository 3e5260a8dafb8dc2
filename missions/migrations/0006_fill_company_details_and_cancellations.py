"""Fill what 0005 added from what existed: each registration gets the INN and
names of its company as if typed in the form; a mission keeps only whether it
was cancelled; a history step that kept the status was the erasure of personal
data (the only such step until now). Running it twice changes nothing more,
and it also runs with the current models (the tests replay data migrations
after a flush), where the stored mission status no longer exists."""

from django.db import migrations
from django.db.models import F
from django.utils import timezone


def fill(apps, schema_editor):
    Registration = apps.get_model("missions", "Registration")
    Mission = apps.get_model("missions", "Mission")
    StatusChange = apps.get_model("missions", "StatusChange")
    unfilled = Registration.objects.filter(inn="", company__isnull=False)
    for registration in unfilled.select_related("company").iterator():
        company = registration.company
        registration.inn = company.inn
        registration.company_name = company.name_ru or company.name
        registration.company_name_other = company.name_en or company.name_ja or ""
        registration.company_district_id = company.district_id
        registration.save(
            update_fields=[
                "inn",
                "company_name",
                "company_name_other",
                "company_district",
            ]
        )
        registration.company_sectors.set(company.sectors.all())
    if _has_field(Mission, "status"):
        Mission.objects.filter(status="cancelled").update(cancelled=True)
    # Only steps still marked as status changes: a later "details" step also
    # keeps the status and must stay what it is.
    StatusChange.objects.filter(from_status=F("to_status"), kind="status").update(
        kind="erasure"
    )


def _has_field(model, name) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def unfill(apps, schema_editor):
    Mission = apps.get_model("missions", "Mission")
    if not _has_field(Mission, "status"):
        return
    today = timezone.localdate()
    Mission.objects.filter(cancelled=True).update(status="cancelled")
    undecided = Mission.objects.filter(cancelled=False)
    undecided.filter(ends_on__lt=today).update(status="completed")
    undecided.filter(starts_on__lte=today, ends_on__gte=today).update(
        status="in_progress"
    )
    undecided.filter(starts_on__gt=today).update(status="planned")


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0005_registration_company_details_holds_and_audit"),
        ("partners", "0005_plain_text_validators"),
    ]

    operations = [migrations.RunPython(fill, unfill)]
