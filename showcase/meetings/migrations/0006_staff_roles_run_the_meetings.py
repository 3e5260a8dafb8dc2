"""The staff roles get the meetings of their work: the agency manager every
right; the mission and exhibition coordinators set sessions, tables and
interpreters, place and move meetings, and read and correct the sign-ups and
requests the two sides make (which host's rows each sees is the admin's
business: those whose applications they may read). Idempotent."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EVERY = ("add", "change", "delete", "view")
RESOURCES = ("meetingsession", "table", "interpreter", "meeting")
SIDES = ("japaneseparticipant", "meetingrequest")
COORDINATING = [
    *[(action, model) for model in RESOURCES for action in EVERY],
    *[(action, model) for model in SIDES for action in ("change", "view")],
]
GRANTS = {
    "Agency manager": [
        (action, model) for model in RESOURCES + SIDES for action in EVERY
    ],
    "Mission coordinator": COORDINATING,
    "Exhibition coordinator": COORDINATING,
}


def permissions(apps, rights):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="meetings",
        codename__in=[f"{action}_{model}" for action, model in rights],
    )


def grant(apps, schema_editor):
    app_config = apps.get_app_config("meetings")
    # create_permissions skips apps without a models module; the historical
    # app config has none, so pretend it does.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for group_name, rights in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*permissions(apps, rights))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GRANTS):
        group.permissions.remove(*permissions(apps, GRANTS["Agency manager"]))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0005_a_pavilion_hosts_meetings_too"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
