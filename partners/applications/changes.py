"""The applicant corrects their application from their own page.

Until applications close (the deadline, or the start of the mission or
exhibition), the applicant may change what `Workflow.changeable_fields` and
`related_fields` name: the contact and what the application says in their
own words. The company, the status and staff decisions stay as they are. The
workflow may refuse a change (missions: more delegates than seats are free);
then nothing changes."""

from django.conf import settings
from django.db import transaction
from django.utils import translation

from partners.applications import emails
from partners.applications.errors import ChangesClosed
from partners.applications.history import Kind, on_whose_behalf, record
from partners.applications.locking import lock_both
from partners.applications.models import Application
from partners.applications.workflow import Workflow


def differences(workflow: Workflow, application, changes: dict, related) -> dict:
    """{field name: (before, after)} for what really changes."""
    found = {
        name: (getattr(application, name), changes[name])
        for name in workflow.changeable_fields
        if name in changes and getattr(application, name) != changes[name]
    }
    for name, rows in (related or {}).items():
        if name not in workflow.related_fields:
            continue
        before = set(getattr(application, name).all())
        if before != set(rows):
            found[name] = (before, set(rows))
    return found


def describe(workflow: Workflow, model, found: dict) -> str:
    """What changed, in the staff's language, without personal data: the
    history outlives the erasure of an applicant's contact details."""
    labels = []
    for name, (before, after) in found.items():
        label = str(model._meta.get_field(name).verbose_name)
        counted = name in workflow.counted_fields
        labels.append(f"{label} {before} → {after}" if counted else label)
    return ", ".join(labels)


def _apply(workflow: Workflow, application, found: dict) -> None:
    for name, (_before, after) in found.items():
        if name in workflow.related_fields:
            getattr(application, name).set(after)
        else:
            setattr(application, name, after)
    fields = [name for name in found if name not in workflow.related_fields]
    application.save(update_fields=[*fields, "updated_at"])


def change(
    *,
    workflow: Workflow,
    application: Application,
    changes: dict,
    related: dict | None = None,
    by=None,
) -> list[str]:
    """Apply the applicant's corrections; return the names of the fields that
    changed (none: nothing is recorded or sent). Raises ChangesClosed and what
    the workflow's `check_changes` raises."""
    with transaction.atomic():
        lock_both(application)
        if not application.can_edit:
            raise ChangesClosed(workflow.changes_closed_message)
        found = differences(workflow, application, changes, related)
        workflow.check_changes(application, found)
        if not found:
            return []
        previous_email = application.email
        _apply(workflow, application, found)
        _record_change(workflow, application, found, by=by)
        application.moved_up = workflow.on_release(application, by=by)
        emails.queue_changed(
            application=application,
            changed=list(found),
            previous_email=previous_email,
            counted=workflow.counted_fields,
        )
        return list(found)


def _record_change(workflow: Workflow, application, found, *, by) -> None:
    who = on_whose_behalf(
        by,
        applicant=workflow.corrected_by_applicant,
        staff=workflow.corrected_by_staff,
    )
    with translation.override(settings.LANGUAGE_CODE):
        reason = f"{who}: {describe(workflow, type(application), found)}."
    record(application, to=application.status, by=by, reason=reason, kind=Kind.DETAILS)
