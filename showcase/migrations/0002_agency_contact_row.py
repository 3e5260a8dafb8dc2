from django.db import migrations

NAMES = {
    "name_ru": "Агентство Амурской области по привлечению инвестиций",
    "name_ja": "アムール州投資誘致庁",
    "name_en": "Amur Region Investment Attraction Agency",
}


def create_row(apps, schema_editor):
    try:
        AgencyContact = apps.get_model("showcase", "AgencyContact")
    except LookupError:
        # Replayed with the current models (the tests do): the contact
        # details have moved on to the agency app (agency 0001).
        AgencyContact = apps.get_model("agency", "AgencyContact")
    AgencyContact.objects.get_or_create(pk=1, defaults={"name": NAMES["name_ru"], **NAMES})


class Migration(migrations.Migration):
    dependencies = [("showcase", "0001_agency_contact")]

    operations = [migrations.RunPython(create_row, migrations.RunPython.noop)]
