"""The agency's contact details move from the showcase to the agency app,
the row and its three languages with them.

No row is copied: the agency app takes over the model as it stands (state
only), then renames its table and its one-row constraint to the agency's
names. The content type keeps its id and changes its app label in place, so
that the permissions on the contact details, the staff groups holding them
and the audit entries keep pointing where they did. showcase 0012 then drops
the model from the showcase app's state.

Reversible: backwards, the label and the names go back."""

import amur_invest.text
from django.db import migrations, models


def relabel_content_type(apps, *, old: str, new: str) -> None:
    """The content type of the contact details changes app label, keeping
    its id."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label=new, model="agencycontact").exists():
        return
    ContentType.objects.filter(app_label=old, model="agencycontact").update(
        app_label=new
    )


def to_agency(apps, schema_editor):
    relabel_content_type(apps, old="showcase", new="agency")


def to_showcase(apps, schema_editor):
    relabel_content_type(apps, old="agency", new="showcase")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("showcase", "0011_photographs_checked_as_images"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='AgencyContact',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(default='Агентство Амурской области по привлечению инвестиций', max_length=300, validators=[amur_invest.text.PlainTextValidator()], verbose_name='agency name')),
                        ('name_ru', models.CharField(default='Агентство Амурской области по привлечению инвестиций', max_length=300, null=True, validators=[amur_invest.text.PlainTextValidator()], verbose_name='agency name')),
                        ('name_ja', models.CharField(default='Агентство Амурской области по привлечению инвестиций', max_length=300, null=True, validators=[amur_invest.text.PlainTextValidator()], verbose_name='agency name')),
                        ('name_en', models.CharField(default='Агентство Амурской области по привлечению инвестиций', max_length=300, null=True, validators=[amur_invest.text.PlainTextValidator()], verbose_name='agency name')),
                        ('address', models.TextField(blank=True, validators=[amur_invest.text.PlainTextValidator(multiline=True)], verbose_name='postal address')),
                        ('address_ru', models.TextField(blank=True, null=True, validators=[amur_invest.text.PlainTextValidator(multiline=True)], verbose_name='postal address')),
                        ('address_ja', models.TextField(blank=True, null=True, validators=[amur_invest.text.PlainTextValidator(multiline=True)], verbose_name='postal address')),
                        ('address_en', models.TextField(blank=True, null=True, validators=[amur_invest.text.PlainTextValidator(multiline=True)], verbose_name='postal address')),
                        ('phone', models.CharField(blank=True, max_length=40, validators=[amur_invest.text.PlainTextValidator()], verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='email')),
                        ('hours', models.CharField(blank=True, help_text='With the time zone, e.g. Mon–Fri 9:00–18:00 (UTC+9).', max_length=200, validators=[amur_invest.text.PlainTextValidator()], verbose_name='office hours')),
                        ('hours_ru', models.CharField(blank=True, help_text='With the time zone, e.g. Mon–Fri 9:00–18:00 (UTC+9).', max_length=200, null=True, validators=[amur_invest.text.PlainTextValidator()], verbose_name='office hours')),
                        ('hours_ja', models.CharField(blank=True, help_text='With the time zone, e.g. Mon–Fri 9:00–18:00 (UTC+9).', max_length=200, null=True, validators=[amur_invest.text.PlainTextValidator()], verbose_name='office hours')),
                        ('hours_en', models.CharField(blank=True, help_text='With the time zone, e.g. Mon–Fri 9:00–18:00 (UTC+9).', max_length=200, null=True, validators=[amur_invest.text.PlainTextValidator()], verbose_name='office hours')),
                        ('japan_desk_name', models.CharField(blank=True, help_text='The person who answers Japanese partners, with their position.', max_length=200, validators=[amur_invest.text.PlainTextValidator()], verbose_name='contact for Japanese partners')),
                        ('japan_desk_name_ru', models.CharField(blank=True, help_text='The person who answers Japanese partners, with their position.', max_length=200, null=True, validators=[amur_invest.text.PlainTextValidator()], verbose_name='contact for Japanese partners')),
                        ('japan_desk_name_ja', models.CharField(blank=True, help_text='The person who answers Japanese partners, with their position.', max_length=200, null=True, validators=[amur_invest.text.PlainTextValidator()], verbose_name='contact for Japanese partners')),
                        ('japan_desk_name_en', models.CharField(blank=True, help_text='The person who answers Japanese partners, with their position.', max_length=200, null=True, validators=[amur_invest.text.PlainTextValidator()], verbose_name='contact for Japanese partners')),
                        ('japan_desk_email', models.EmailField(blank=True, max_length=254, verbose_name='email for Japanese partners')),
                        ('japan_desk_phone', models.CharField(blank=True, max_length=40, validators=[amur_invest.text.PlainTextValidator()], verbose_name='phone for Japanese partners')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ],
                    options={
                        'verbose_name': 'agency contact details',
                        'verbose_name_plural': 'agency contact details',
                        # The showcase app's table and constraint names, as they
                        # stand, until the operations below rename them.
                        'db_table': 'showcase_agencycontact',
                        'constraints': [models.CheckConstraint(condition=models.Q(('pk', 1)), name='showcase_agency_single_row')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="agencycontact", table=None),
        migrations.RemoveConstraint(
            model_name="agencycontact", name="showcase_agency_single_row"
        ),
        migrations.AddConstraint(
            model_name="agencycontact",
            constraint=models.CheckConstraint(
                condition=models.Q(("pk", 1)), name="agency_single_row"
            ),
        ),
        migrations.RunPython(to_agency, to_showcase),
    ]
