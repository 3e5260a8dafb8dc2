"""Give the staff groups their exhibitions permissions, and add the exhibition
coordinator: a reviewer of the pavilion's participants who sees no mission
registration.

The other groups come from a partners migration; get_or_create lets this one
run before or after it. Permissions are created here first because Django
only creates them after all migrations have run (post_migrate)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")
EXHIBITIONS = {
    "exhibition": ALL,
    "participation": (*ALL, "import", "export"),
    "participationproduct": ALL,
}

GROUP_PERMISSIONS = {
    "Agency manager": EXHIBITIONS,
    "Exhibition coordinator": EXHIBITIONS,
    # Content editors keep the public texts of exhibitions, not who applied.
    "Content editor": {
        "exhibition": ("add", "change", "view"),
    },
}

# What an exhibition coordinator needs from the partners app to pick and read
# companies and consents.
PARTNERS_VIEW = ["view_company", "view_district", "view_sector", "view_consent"]


def ensure_permissions(apps, app_label):
    app_config = apps.get_app_config(app_label)
    # create_permissions skips apps without a models module; the historical
    # app config has none, so pretend it does.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def grant(apps, schema_editor):
    ensure_permissions(apps, "exhibitions")
    ensure_permissions(apps, "partners")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, models in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        codenames = [
            f"{action}_{model}" for model, actions in models.items() for action in actions
        ]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="exhibitions", codename__in=codenames
            )
        )
    coordinator = Group.objects.get(name="Exhibition coordinator")
    coordinator.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="partners", codename__in=PARTNERS_VIEW
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    exhibitions = Permission.objects.filter(content_type__app_label="exhibitions")
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(*exhibitions)
    Group.objects.filter(name="Exhibition coordinator").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0004_staff_groups"),
        ("exhibitions", "0001_exhibitions_and_participations"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
