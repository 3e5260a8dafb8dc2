"""Agency managers keep the people who answer inquiries and write the
replies (a reply sent is never changed or deleted: it went by email)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "inquiryhandler": ("add", "change", "delete", "view"),
    "inquiryreply": ("add", "view"),
}


def codenames():
    return [f"{action}_{model}" for model, actions in GRANTS.items() for action in actions]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("showcase")
    # As in 0004: the historical app config has no models module.
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Agency manager")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="showcase", codename__in=codenames()
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="showcase", codename__in=codenames()
    )
    for group in Group.objects.filter(name="Agency manager"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("showcase", "0015_routes_name_a_person"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
