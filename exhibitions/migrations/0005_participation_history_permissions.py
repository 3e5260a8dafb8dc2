"""Agency managers and exhibition coordinators read a participation's status
history (the history is written by the workflow only). Idempotent."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Agency manager": ("add", "change", "delete", "view"),
    "Exhibition coordinator": ("view",),
}


def permissions(apps, actions):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="exhibitions",
        codename__in=[f"{action}_participationstatuschange" for action in actions],
    )


def grant(apps, schema_editor):
    app_config = apps.get_app_config("exhibitions")
    # create_permissions skips apps without a models module; the historical
    # app config has none, so pretend it does.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for group_name, actions in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*permissions(apps, actions))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*permissions(apps, GRANTS["Agency manager"]))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("exhibitions", "0004_fill_application_details_and_history"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
