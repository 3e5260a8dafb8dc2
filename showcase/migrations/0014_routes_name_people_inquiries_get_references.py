"""Each staff member a routing rule named becomes a person who answers
(named as the account is, to be completed in the admin); the inquiries
assigned to them are answered by that person; every inquiry gets its
reference number. Its own migration: PostgreSQL refuses to alter a table in
the transaction that has just written its rows."""

import django.utils.timezone
from django.db import migrations


def handlers_for_assignees(apps, schema_editor):
    """Each staff member a routing rule named becomes a person who answers
    (named as the account is, to be completed in the admin); the inquiries
    assigned to them are answered by that person; every inquiry gets its
    reference number."""
    InquiryRoute = apps.get_model("showcase", "InquiryRoute")
    InquiryHandler = apps.get_model("showcase", "InquiryHandler")
    Inquiry = apps.get_model("showcase", "Inquiry")
    # The tests run data migrations again with the live models, whose rules
    # have no staff account any more: nothing to carry then.
    if has_field(InquiryRoute, "assignee"):
        for route in InquiryRoute.objects.select_related("assignee"):
            route.handler = handler_of(InquiryHandler, route.assignee)
            route.save(update_fields=["handler"])
    for handler in InquiryHandler.objects.all():
        Inquiry.objects.filter(assignee_id=handler.user_id, handler=None).update(
            handler=handler
        )
    for inquiry in Inquiry.objects.filter(reference__isnull=True).only("pk", "created_at"):
        year = django.utils.timezone.localtime(inquiry.created_at).year
        inquiry.reference = f"AMR-{year}-{inquiry.pk:05d}"
        inquiry.save(update_fields=["reference"])


def has_field(model, name: str) -> bool:
    return any(field.name == name for field in model._meta.get_fields())


def handler_of(InquiryHandler, user):
    name = " ".join(part for part in (user.first_name, user.last_name) if part)
    name = name or user.username
    handler, _created = InquiryHandler.objects.get_or_create(
        user=user,
        defaults={
            "name": name,
            "name_ru": name,
            "title": "Сотрудник агентства",
            "title_ru": "Сотрудник агентства",
            "email": user.email or "info@amurinvest.example",
        },
    )
    return handler


def assignees_for_handlers(apps, schema_editor):
    InquiryRoute = apps.get_model("showcase", "InquiryRoute")
    if not has_field(InquiryRoute, "assignee"):
        return
    for route in InquiryRoute.objects.select_related("handler"):
        route.assignee_id = route.handler.user_id
        route.save(update_fields=["assignee"])


class Migration(migrations.Migration):
    dependencies = [("showcase", "0013_inquiry_handlers_references_and_replies")]

    operations = [
        migrations.RunPython(handlers_for_assignees, assignees_for_handlers),
    ]
