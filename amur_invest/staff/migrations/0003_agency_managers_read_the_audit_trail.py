"""Agency managers read the audit trail; nobody else among staff does."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, schema_editor):
    app_config = apps.get_app_config("staff")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Agency manager")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="staff", codename="view_auditentry"
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0002_audit_trail"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
