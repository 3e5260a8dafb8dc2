"""The outgoing mail moves to partners.OutgoingEmail, which points at any
owner (a registration, a participation, an inquiry). Every row is copied with
its times, attempts and error; a registration's mail keeps pointing at its
registration. Mail kept without a registration (inquiries) is copied without
an owner; a showcase migration finds its inquiry. Idempotent: a row already
copied (same recipient, kind and creation time) is not copied again.

Registrations and their history keep their tables: they now build on the
shared abstract application, which changes no column."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

COPIED = (
    "kind",
    "recipient",
    "language",
    "subject",
    "body",
    "created_at",
    "attempts",
    "next_attempt_at",
    "last_error",
    "sent_at",
)


def new_mail_model(apps):
    # The mail moved on to the outbox app (outbox 0001 renames its table): a
    # database migrated in one go may meet it there already.
    try:
        return apps.get_model("outbox", "OutgoingEmail")
    except LookupError:
        return apps.get_model("partners", "OutgoingEmail")


def copy_mail(apps, schema_editor):
    try:
        Old = apps.get_model("missions", "OutgoingEmail")
    except LookupError:
        # Replayed with the current models (tests do): nothing left to move.
        return
    New = new_mail_model(apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    registration_type, _created = ContentType.objects.get_or_create(
        app_label="missions", model="registration"
    )
    for old in Old.objects.order_by("pk").iterator():
        values = {name: getattr(old, name) for name in COPIED}
        if New.objects.filter(
            recipient=old.recipient, kind=old.kind, created_at=old.created_at
        ).exists():
            continue
        owner = {}
        if old.registration_id is not None:
            owner = {"owner_type": registration_type, "owner_id": old.registration_id}
        New.objects.create(**values, **owner)


def copy_back(apps, schema_editor):
    Old = apps.get_model("missions", "OutgoingEmail")
    New = new_mail_model(apps)
    ContentType = apps.get_model("contenttypes", "ContentType")
    registration_type = ContentType.objects.filter(
        app_label="missions", model="registration"
    ).first()
    for new in New.objects.order_by("pk").iterator():
        values = {name: getattr(new, name) for name in COPIED}
        is_registration = registration_type and new.owner_type_id == registration_type.pk
        registration = new.owner_id if is_registration else None
        Old.objects.create(**values, registration_id=registration)


class Migration(migrations.Migration):
    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("missions", "0008_admission_and_deletion_permissions"),
        ("partners", "0009_outgoing_email"),
    ]

    operations = [
        migrations.RunPython(copy_mail, copy_back),
        migrations.RemoveIndex(
            model_name="outgoingemail",
            name="missions_email_unsent_idx",
        ),
        migrations.DeleteModel(
            name="OutgoingEmail",
        ),
        migrations.AlterField(
            model_name="registration",
            name="company",
            field=models.ForeignKey(
                blank=True,
                help_text="Matched by INN, or created, when the email is confirmed.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="%(class)ss",
                to="partners.company",
                verbose_name="company",
            ),
        ),
        migrations.AlterField(
            model_name="registration",
            name="consent",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="%(class)ss",
                to="partners.consent",
                verbose_name="consent",
            ),
        ),
        migrations.AlterField(
            model_name="statuschange",
            name="changed_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty when the applicant or the system made the change.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="changed by",
            ),
        ),
    ]
