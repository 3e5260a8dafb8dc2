"""One registration per company may hold seats; one pending registration per
sender; a confirmed registration always has its company. The stored mission
status gives way to the phase computed from the dates."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0006_fill_company_details_and_cancellations"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='mission',
            name='status',
        ),
        migrations.AddConstraint(
            model_name='registration',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'accepted')), fields=('mission', 'company'), name='missions_registration_one_accepted_per_company', violation_error_message='Another registration of this company already holds seats on this mission.'),
        ),
        migrations.AddConstraint(
            model_name='registration',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'unconfirmed')), fields=('mission', 'inn', 'email'), name='missions_registration_one_pending_per_sender'),
        ),
        migrations.AddConstraint(
            model_name='registration',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'unconfirmed'), ('company__isnull', False), _connector='OR'), name='missions_registration_confirmed_has_company'),
        ),
    ]
