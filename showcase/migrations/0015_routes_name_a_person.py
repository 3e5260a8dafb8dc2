"""A routing rule names a person now, no longer a staff account."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("showcase", "0014_routes_name_people_inquiries_get_references")]

    operations = [
        migrations.RemoveField(
            model_name='inquiryroute',
            name='assignee',
        ),
        migrations.AlterField(
            model_name='inquiryroute',
            name='handler',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='routes', to='showcase.inquiryhandler', verbose_name='answered by'),
        ),
    ]
