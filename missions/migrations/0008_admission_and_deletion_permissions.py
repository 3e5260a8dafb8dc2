"""Seats, admission mode, registration dates and cancellation belong to mission
coordinators and agency managers (content editors keep the texts). Deleting a
registration is left to superusers: the staff groups lose that permission and
may read the record of deleted registrations instead. Idempotent."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Agency manager": ("manage_admission", "view_deletedregistration"),
    "Mission coordinator": ("manage_admission", "view_deletedregistration"),
}
REVOKED = ("delete_registration",)


def permissions(apps, codenames):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="missions", codename__in=codenames
    )


def grant(apps, schema_editor):
    app_config = apps.get_app_config("missions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    for group_name, codenames in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*permissions(apps, codenames))
        group.permissions.remove(*permissions(apps, REVOKED))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        codenames = GRANTS[group.name]
        group.permissions.remove(*permissions(apps, codenames))
        group.permissions.add(*permissions(apps, REVOKED))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("missions", "0007_registration_constraints_and_mission_phase"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
