"""The staff groups keep their rights on the outgoing mail now that it lives
in the partners app: agency managers all of them, coordinators may read it.
(The admin shows each reader only the mail of records they may view: an
exhibition coordinator never reads the mail of mission registrations.)
Idempotent."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")
GRANTS = {
    "Agency manager": ALL,
    "Mission coordinator": ("view",),
    "Exhibition coordinator": ("view",),
}


def permissions(apps, actions):
    Permission = apps.get_model("auth", "Permission")
    # The mail has moved on to the outbox app since (outbox 0001): replayed
    # with the current models (the tests do), its permissions are found there.
    return Permission.objects.filter(
        content_type__app_label__in=["partners", "outbox"],
        codename__in=[f"{action}_outgoingemail" for action in actions],
    )


def grant(apps, schema_editor):
    app_config = apps.get_app_config("partners")
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
        group.permissions.remove(*permissions(apps, ALL))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0009_outgoing_email"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
