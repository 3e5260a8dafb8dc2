from django.db import migrations, models

from partners.applications.search_migrations import fill_search_text, trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("exhibitions", "0007_status_change_named_as_in_missions"),
    ]

    operations = [
        migrations.AddField(
            model_name="participation",
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
            "exhibitions",
            "Participation",
            (
                "inn",
                "company_name",
                "company_name_other",
                "contact_name",
                "email",
                "stand",
            ),
        ),
        trigram_index("exhibitions_participation", "participation_search_trgm"),
    ]
