"""The outgoing mail moves from the partners app to the outbox with every row.

No row is copied: the outbox takes over the model as it stands (state only),
then renames its table and indexes to the outbox's names. The content type
keeps its id and changes its app label in place, so that the permissions on
the mail, the staff groups holding them, the audit entries about emails and
the mail's own owners all keep pointing where they did. Mail tasks queued
under the task's old path are pointed at its new one. partners 0013 then
drops the model from the partners app's state.

Reversible: backwards, the label, the names and the task path go back."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

OLD_TASK = "partners.applications.tasks.send_email"
NEW_TASK = "amur_invest.outbox.tasks.send_email"


def relabel_content_type(apps, *, old: str, new: str) -> None:
    """The content type of the mail changes app label, keeping its id."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if ContentType.objects.filter(app_label=new, model="outgoingemail").exists():
        return
    ContentType.objects.filter(app_label=old, model="outgoingemail").update(
        app_label=new
    )


def to_outbox(apps, schema_editor):
    relabel_content_type(apps, old="partners", new="outbox")


def to_partners(apps, schema_editor):
    relabel_content_type(apps, old="outbox", new="partners")


def repoint_tasks(apps, *, old: str, new: str) -> None:
    TaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    TaskResult.objects.filter(task_path=old).update(task_path=new)


def tasks_to_outbox(apps, schema_editor):
    repoint_tasks(apps, old=OLD_TASK, new=NEW_TASK)


def tasks_to_partners(apps, schema_editor):
    repoint_tasks(apps, old=NEW_TASK, new=OLD_TASK)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("partners", "0012_outgoing_email_resend_permission"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutgoingEmail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "owner_id",
                            models.PositiveBigIntegerField(
                                blank=True, null=True, verbose_name="record number"
                            ),
                        ),
                        ("kind", models.CharField(max_length=40, verbose_name="kind")),
                        (
                            "recipient",
                            models.EmailField(max_length=254, verbose_name="recipient"),
                        ),
                        (
                            "language",
                            models.CharField(
                                choices=[
                                    ("ru", "Русский"),
                                    ("ja", "日本語"),
                                    ("en", "English"),
                                ],
                                max_length=2,
                                verbose_name="language",
                            ),
                        ),
                        (
                            "subject",
                            models.CharField(max_length=300, verbose_name="subject"),
                        ),
                        ("body", models.TextField(verbose_name="text")),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now,
                                verbose_name="created",
                            ),
                        ),
                        (
                            "attempts",
                            models.PositiveSmallIntegerField(
                                default=0, verbose_name="attempts"
                            ),
                        ),
                        (
                            "next_attempt_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now,
                                verbose_name="next attempt",
                            ),
                        ),
                        (
                            "last_error",
                            models.TextField(blank=True, verbose_name="last error"),
                        ),
                        (
                            "sent_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="sent at"
                            ),
                        ),
                        (
                            "owner_type",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="contenttypes.contenttype",
                                verbose_name="kind of record",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "outgoing email",
                        "verbose_name_plural": "outgoing emails",
                        "ordering": ["-created_at", "-id"],
                        "permissions": [
                            ("resend_outgoingemail", "Can send outgoing emails again")
                        ],
                        # The partners app's table and index names, as they
                        # stand, until the operations below rename them.
                        "db_table": "partners_outgoingemail",
                        "indexes": [
                            models.Index(
                                condition=models.Q(("sent_at__isnull", True)),
                                fields=["next_attempt_at"],
                                name="partners_email_unsent_idx",
                            ),
                            models.Index(
                                fields=["owner_type", "owner_id"],
                                name="partners_email_owner_idx",
                            ),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="outgoingemail", table=None),
        migrations.RenameIndex(
            model_name="outgoingemail",
            new_name="outbox_email_unsent_idx",
            old_name="partners_email_unsent_idx",
        ),
        migrations.RenameIndex(
            model_name="outgoingemail",
            new_name="outbox_email_owner_idx",
            old_name="partners_email_owner_idx",
        ),
        migrations.RunPython(to_outbox, to_partners),
        migrations.RunPython(tasks_to_outbox, tasks_to_partners),
    ]
