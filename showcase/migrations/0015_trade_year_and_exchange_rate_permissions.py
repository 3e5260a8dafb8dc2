"""Agency managers publish trade years and set exchange rates; content
editors see both."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")

GROUP_PERMISSIONS = {
    "Agency manager": {"tradeyear": ALL, "exchangerate": ALL},
    "Content editor": {"tradeyear": ("view",), "exchangerate": ("view",)},
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("showcase")
    # create_permissions skips apps without a models module; the historical
    # app config has none, so pretend it does.
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, models in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        codenames = [
            f"{action}_{model}" for model, actions in models.items() for action in actions
        ]
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="showcase", codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    # Through the link table: the historical Group and Permission models of a
    # backwards run do not always recognise each other's rows.
    Group = apps.get_model("auth", "Group")
    Group.permissions.through.objects.filter(
        group__name__in=GROUP_PERMISSIONS,
        permission__content_type__app_label="showcase",
        permission__content_type__model__in=["tradeyear", "exchangerate"],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("showcase", "0014_exchange_rates_staff_set"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
