"""Give the staff groups their permissions on presentations, news and
inquiries.

The groups come from a partners migration; get_or_create lets this one run
before or after it. Permissions are created here first because Django only
creates them after all migrations have run (post_migrate)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")

GROUP_PERMISSIONS = {
    "Agency manager": {
        "presentation": ALL,
        "slide": ALL,
        "presentationpdf": ALL,
        "newsitem": ALL,
        "inquiry": ("change", "delete", "view"),
        "inquirystatuschange": ("view",),
        "inquiryroute": ALL,
    },
    # Content editors keep the public texts; inquiries hold personal data
    # and stay with the managers who answer them.
    "Content editor": {
        "presentation": ALL,
        "slide": ALL,
        "presentationpdf": ALL,
        "newsitem": ALL,
    },
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("showcase")
    # create_permissions skips apps without a models module; the historical
    # app config has none, so pretend it does (and put back what was there:
    # the tests run this with the live app registry).
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True
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


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = {
        f"{action}_{model}"
        for models in GROUP_PERMISSIONS.values()
        for model, actions in models.items()
        for action in actions
    }
    permissions = Permission.objects.filter(
        content_type__app_label="showcase", codename__in=codenames
    )
    for group in Group.objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("showcase", "0003_presentations_news_inquiries"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
