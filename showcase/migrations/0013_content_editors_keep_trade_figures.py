"""Content editors keep the trade figures of the investment page, which they
publish: they add and correct them (they could only read them, and met a
refusal on "Add"). Agency managers keep every right they had."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Content editor"
CODENAMES = ["add_tradefigure", "change_tradefigure"]


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="showcase", codename__in=CODENAMES
    )


def grant(apps, schema_editor):
    app_config = apps.get_app_config("showcase")
    # create_permissions skips apps without a models module; the historical
    # app config has none, so pretend it does (and put back what was there).
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(*permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("showcase", "0012_agency_contact_moves_to_agency"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
