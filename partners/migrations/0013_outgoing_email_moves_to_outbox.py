"""The outgoing mail now belongs to the outbox (amur_invest.outbox), which
took over its table, rows, content type and permissions in its migration
0001: the partners app only forgets the model. No SQL."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_outgoing_email_moves_from_partners"),
        ("partners", "0012_outgoing_email_resend_permission"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OutgoingEmail")],
            database_operations=[],
        )
    ]
