"""Amur place names spelt one way in Japanese: ティンダ (Tynda), イヴァノフカ
(Ivanovka), ゼヤ (Zeya), as the reference data of 0003 spells them. Rows
typed or loaded with other spellings are corrected; running it again changes
nothing. Consents are evidence of what a person agreed to and stay as they
were."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace

# Other spelling -> the one the site uses.
SPELLINGS = {
    "ゼーヤ": "ゼヤ",
    "イワノフカ": "イヴァノフカ",
    "トゥインダ": "ティンダ",
    "ティンダー": "ティンダ",
}

# Text that may hold a Japanese place name; the bare columns of translated
# fields hold whichever language was active when the row was saved.
FIELDS = {
    "District": ["name", "name_ja", "centre", "centre_ja"],
    "Sector": ["name", "name_ja", "description", "description_ja"],
    "Company": [
        "name",
        "name_ja",
        "products",
        "products_ja",
        "description",
        "description_ja",
    ],
    "Organization": ["name", "name_ja", "notes"],
    "Contact": ["position", "department", "notes"],
    "Interaction": ["summary", "next_step"],
    "TwinRelation": ["notes"],
}


def spell_place_names_one_way(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("partners", model_name)
        for field in fields:
            for other, used in SPELLINGS.items():
                model.objects.filter(**{f"{field}__contains": other}).update(
                    **{field: Replace(field, Value(other), Value(used))}
                )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0005_plain_text_validators"),
    ]

    operations = [
        migrations.RunPython(spell_place_names_one_way, migrations.RunPython.noop),
    ]
