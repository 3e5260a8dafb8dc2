"""Sending a kept email again is a right of its own: reading the mail does not
give it, since its links reach the applicant's page. Agency managers and both
coordinators (who read the mail of their applications) have it. Idempotent."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ("Agency manager", "Mission coordinator", "Exhibition coordinator")


def resend_permission(apps) -> list[int]:
    # Ids: the model options altered above render the models again, and a
    # Group of one rendering refuses a Permission instance of another.
    Permission = apps.get_model("auth", "Permission")
    # The mail has moved on to the outbox app since (outbox 0001): replayed
    # with the current models (the tests do), its permission is found there.
    permissions = Permission.objects.filter(
        content_type__app_label__in=["partners", "outbox"],
        codename="resend_outgoingemail",
    )
    return list(permissions.values_list("pk", flat=True))


def grant(apps, schema_editor):
    app_config = apps.get_app_config("partners")
    # create_permissions skips apps without a models module; the historical
    # app config has none, so pretend it does.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*resend_permission(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*resend_permission(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("partners", "0011_catalogue_indexes"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="outgoingemail",
            options={
                "ordering": ["-created_at", "-id"],
                "permissions": [
                    ("resend_outgoingemail", "Can send outgoing emails again")
                ],
                "verbose_name": "outgoing email",
                "verbose_name_plural": "outgoing emails",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
