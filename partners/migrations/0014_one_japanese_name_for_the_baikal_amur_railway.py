"""The Baikal–Amur railway has one name in Japanese across the site:
バイカル・アムール鉄道, not the abbreviation バム鉄道 that the logistics
sector's description used (issue 16)."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace


def one_railway_name(apps, schema_editor):
    Sector = apps.get_model("partners", "Sector")
    Sector.objects.filter(description_ja__contains="バム鉄道").update(
        description_ja=Replace(
            "description_ja", Value("バム鉄道"), Value("バイカル・アムール鉄道")
        )
    )


class Migration(migrations.Migration):
    dependencies = [("partners", "0013_outgoing_email_moves_to_outbox")]

    operations = [migrations.RunPython(one_railway_name, migrations.RunPython.noop)]
