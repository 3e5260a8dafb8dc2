"""ParticipationStatusChange becomes StatusChange, the name missions uses for
the same thing. The table is renamed with its rows; the content type follows
(contenttypes renames it during migrate); the permissions keep their ids and
grants under the new codenames."""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def rename_permissions(old, new):
    def rename(apps, schema_editor):
        Permission = apps.get_model("auth", "Permission")
        for action in ACTIONS:
            Permission.objects.filter(
                content_type__app_label="exhibitions", codename=f"{action}_{old}"
            ).update(codename=f"{action}_{new}")

    return rename


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("exhibitions", "0006_product_photos_checked_as_images"),
    ]

    operations = [
        migrations.RenameModel("ParticipationStatusChange", "StatusChange"),
        migrations.RunPython(
            rename_permissions("participationstatuschange", "statuschange"),
            rename_permissions("statuschange", "participationstatuschange"),
        ),
    ]
