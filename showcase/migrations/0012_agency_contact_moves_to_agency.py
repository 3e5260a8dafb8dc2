"""The agency's contact details now belong to the agency app
(amur_invest.agency), which took over their table, row and content type in
its migration 0001: the showcase app only forgets the model. No SQL."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agency", "0001_agency_contact_moves_from_showcase"),
        ("showcase", "0011_photographs_checked_as_images"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AgencyContact")],
            database_operations=[],
        )
    ]
