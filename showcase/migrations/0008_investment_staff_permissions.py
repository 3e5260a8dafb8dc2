"""Give the staff groups their permissions on the investment case and the
wild-harvest reports, and create the home page's one row.

The groups come from a partners migration; get_or_create lets this one run
before or after it. Permissions are created here first because Django only
creates them after all migrations have run (post_migrate)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")

GROUP_PERMISSIONS = {
    "Agency manager": {
        "tradefigure": (*ALL, "import", "export"),
        "sectorprofile": ALL,
        "supportmeasure": ALL,
        "investmentsite": ALL,
        "investmentproject": ALL,
        "homepage": ("change", "view"),
        "wildharvestreport": (*ALL, "import", "export"),
        "districtcoordinator": ALL,
    },
    # Content editors keep the public texts; figures come from the managers.
    "Content editor": {
        "tradefigure": ("view",),
        "sectorprofile": ALL,
        "supportmeasure": ALL,
        "investmentsite": ALL,
        "investmentproject": ALL,
        "homepage": ("change", "view"),
        "wildharvestreport": ("view",),
    },
    # Their own district's reports only: the admin narrows every list, form,
    # import and export to it.
    "District coordinator": {
        "wildharvestreport": (*ALL, "import", "export"),
    },
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
        permissions = Permission.objects.filter(
            content_type__app_label="showcase", codename__in=codenames
        )
        group.permissions.add(*permissions)
    HomePage = apps.get_model("showcase", "HomePage")
    HomePage.objects.get_or_create(pk=1)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    models = {model for models in GROUP_PERMISSIONS.values() for model in models}
    permissions = Permission.objects.filter(
        content_type__app_label="showcase",
        content_type__model__in=models,
    )
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("showcase", "0007_investment_case_and_wild_harvest"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
