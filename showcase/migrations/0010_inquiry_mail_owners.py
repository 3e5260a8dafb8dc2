"""Mail about inquiries kept before the outgoing mail could point at its
owner now points at its inquiry, so that it goes when the inquiry goes: the
acknowledgement by the inquirer's address, the assignment by the assignee's,
each to the latest inquiry received before the mail was kept. Mail no inquiry
matches stays without an owner. Idempotent: only mail without an owner is
looked at."""

from django.db import migrations


def find_inquiry(Inquiry, email):
    earlier = Inquiry.objects.filter(created_at__lte=email.created_at)
    if email.kind == "inquiry_received":
        earlier = earlier.filter(email__iexact=email.recipient)
    else:
        earlier = earlier.filter(assignee__email__iexact=email.recipient)
    return earlier.order_by("-created_at", "-pk").first()


def mail_model(apps):
    # The mail moved on to the outbox app (outbox 0001 renames its table): a
    # database migrated in one go may meet it there already.
    try:
        return apps.get_model("outbox", "OutgoingEmail")
    except LookupError:
        return apps.get_model("partners", "OutgoingEmail")


def point_at_inquiries(apps, schema_editor):
    OutgoingEmail = mail_model(apps)
    Inquiry = apps.get_model("showcase", "Inquiry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    orphans = OutgoingEmail.objects.filter(
        owner_type__isnull=True, kind__in=["inquiry_received", "inquiry_assigned"]
    )
    if not orphans.exists():
        return
    inquiry_type, _created = ContentType.objects.get_or_create(
        app_label="showcase", model="inquiry"
    )
    for email in orphans.iterator():
        if inquiry := find_inquiry(Inquiry, email):
            email.owner_type = inquiry_type
            email.owner_id = inquiry.pk
            email.save(update_fields=["owner_type", "owner_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("missions", "0009_outgoing_email_moves_to_partners"),
        ("partners", "0009_outgoing_email"),
        ("showcase", "0009_inquiry_about_sites"),
    ]

    operations = [migrations.RunPython(point_at_inquiries, migrations.RunPython.noop)]
