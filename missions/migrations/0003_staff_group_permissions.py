"""Give the staff groups their missions permissions.

The groups themselves come from a partners migration; get_or_create lets this
one run before or after it. Permissions are created here first because Django
only creates them after all migrations have run (post_migrate)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")

GROUP_PERMISSIONS = {
    "Agency manager": {
        "mission": ALL,
        "registration": (*ALL, "export"),
        "programmeitem": ALL,
        "statuschange": ALL,
        "outgoingemail": ALL,
    },
    "Mission coordinator": {
        "mission": ALL,
        "registration": (*ALL, "export"),
        "programmeitem": ALL,
        "statuschange": ("view",),
        "outgoingemail": ("view",),
    },
    # Content editors keep the public texts and the programme; they never
    # see who registered.
    "Content editor": {
        "mission": ("change", "view"),
        "programmeitem": ALL,
    },
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("missions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, models in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        codenames = [
            f"{action}_{model}" for model, actions in models.items() for action in actions
        ]
        permissions = Permission.objects.filter(
            content_type__app_label="missions", codename__in=codenames
        )
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    missions_permissions = Permission.objects.filter(content_type__app_label="missions")
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(*missions_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("missions", "0002_outgoing_email_and_export_permission"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
