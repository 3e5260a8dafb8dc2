from django.db import migrations, models

from partners.applications.search_migrations import fill_search_text, trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("missions", "0011_registration_delegates"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="search_text",
            field=models.TextField(
                blank=True,
                db_default="",
                default="",
                editable=False,
                verbose_name="search text",
            ),
        ),
        fill_search_text(
            "missions",
            "Registration",
            ("inn", "company_name", "company_name_other", "contact_name", "email"),
        ),
        trigram_index("missions_registration", "registration_search_trgm"),
    ]
