"""Give the staff groups their permissions on the events log.

Agency managers and content editors keep events, imports and exports
included; mission coordinators log the events of their missions. Permissions
are created here first because Django only creates them after all migrations
have run (post_migrate)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")
EVENT_KEEPER = (*ALL, "import", "export")

GROUP_PERMISSIONS = {
    "Agency manager": EVENT_KEEPER,
    "Content editor": EVENT_KEEPER,
    "Mission coordinator": ("add", "change", "view"),
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("showcase")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, actions in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="showcase",
                codename__in=[f"{action}_event" for action in actions],
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    event_permissions = Permission.objects.filter(
        content_type__app_label="showcase", content_type__model="event"
    )
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(*event_permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("showcase", "0005_events"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
