"""Staff decisions and withdrawal, and the rule for competing applications.

Several applications may name the same company (anyone can type a company's
INN), but only one of them can be accepted. While a company has more than one
active application for the same mission or exhibition, they compete: nothing
accepts one of them automatically, staff check with the company and decline
the others. Every step here takes the locks of `locking` first."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from partners.applications.errors import ApplicationError, CompanyAlreadyAccepted
from partners.applications.history import change_status, on_whose_behalf
from partners.applications.locking import lock_both
from partners.applications.models import (
    ACCEPTED,
    DECLINED,
    SUBMITTED,
    WITHDRAWN,
    Application,
)
from partners.applications.workflow import Workflow


def competitors(application: Application):
    return type(application).objects.competitors_of(application)


def is_competing(application: Application) -> bool:
    return competitors(application).exists()


def company_holds_acceptance(application: Application) -> bool:
    """Whether another application of the same company is already accepted:
    at most one may be (the database enforces it as well)."""
    return competitors(application).filter(status=ACCEPTED).exists()


def accept(
    *,
    workflow: Workflow,
    application: Application,
    by: AbstractBaseUser | None,
    reason: str = "",
) -> Application:
    """submitted -> accepted by staff, unless another application of the same
    company is accepted already."""
    with transaction.atomic():
        lock_both(application)
        if application.has_ended:
            raise ApplicationError(workflow.ended_message)
        if application.status != SUBMITTED:
            raise ApplicationError(workflow.cannot_accept_message)
        if company_holds_acceptance(application):
            raise CompanyAlreadyAccepted()
        return change_status(application, to=ACCEPTED, by=by, reason=reason)


def end(
    *,
    workflow: Workflow,
    application: Application,
    to: str,
    by: AbstractBaseUser | None,
    reason: str,
    refusal,
    may_end=lambda application: application.status in application.ACTIVE_STATUSES,
) -> Application:
    """An active application ends (declined or withdrawn), if `may_end` says
    so under the locks; whatever it held is released through the workflow.
    The applications that moved because of it (up from a waiting list) are
    in the returned application's `moved_up`, so that whoever took the step
    can be told."""
    with transaction.atomic():
        lock_both(application)
        if application.has_ended:
            raise ApplicationError(workflow.ended_message)
        if not may_end(application):
            raise ApplicationError(refusal)
        change_status(application, to=to, by=by, reason=reason)
        # What it held is free now, or a competitor of a waiting application
        # has gone: either way the workflow may move others.
        application.moved_up = workflow.on_release(application, by=by)
        return application


def decline(
    *,
    workflow: Workflow,
    application: Application,
    by: AbstractBaseUser | None,
    reason: str = "",
) -> Application:
    return end(
        workflow=workflow,
        application=application,
        to=DECLINED,
        by=by,
        reason=reason,
        refusal=workflow.cannot_decline_message,
    )


def withdraw(
    *,
    workflow: Workflow,
    application: Application,
    by: AbstractBaseUser | None = None,
    reason: str = "",
) -> Application:
    """By the applicant on their page (by=None) or by staff in the admin. The
    history says who. Refused once the mission or exhibition has ended: there
    is nothing left to withdraw from."""
    reason = reason or on_whose_behalf(
        by, applicant=workflow.withdrawn_by_applicant, staff=workflow.withdrawn_by_staff
    )
    return end(
        workflow=workflow,
        application=application,
        to=WITHDRAWN,
        by=by,
        reason=reason,
        refusal=workflow.cannot_withdraw_message,
        may_end=lambda application: application.can_withdraw,
    )
