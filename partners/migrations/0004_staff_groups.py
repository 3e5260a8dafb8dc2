"""Staff roles as groups, with their permissions on the partners app.

Groups are found by their stable English names, so the missions app can add
its own permissions to the same groups from its migrations. Permissions are
created here first: on a fresh database Django only creates them after the
whole migrate run, which is too late for this migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

AGENCY_MANAGER = "Agency manager"
MISSION_COORDINATOR = "Mission coordinator"
CONTENT_EDITOR = "Content editor"
DISTRICT_COORDINATOR = "District coordinator"

PARTNERS_MODELS = [
    "district",
    "sector",
    "company",
    "prefecture",
    "organization",
    "contact",
    "interaction",
    "twinrelation",
    "consent",
]

# None means every permission of the partners app.
GROUP_PERMISSIONS = {
    AGENCY_MANAGER: None,
    MISSION_COORDINATOR: [f"view_{model}" for model in PARTNERS_MODELS],
    CONTENT_EDITOR: [
        "view_sector",
        "change_sector",
        "view_company",
        "change_company",
        # Needed to pick a district or read a prefecture in the forms.
        "view_district",
        "view_prefecture",
    ],
    DISTRICT_COORDINATOR: ["view_district", "view_company"],
}


def ensure_permissions(apps):
    app_config = apps.get_app_config("partners")
    # create_permissions skips apps without a models module; the historical
    # app config has none, so pretend it does.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None


def create_groups(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    partners_permissions = Permission.objects.filter(
        content_type__app_label="partners"
    )
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = partners_permissions
        if codenames is not None:
            wanted = partners_permissions.filter(codename__in=codenames)
        group.permissions.add(*wanted)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0003_reference_data"),
    ]

    operations = [
        migrations.RunPython(create_groups, migrations.RunPython.noop),
    ]
