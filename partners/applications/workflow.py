"""What one kind of application adds to the shared steps.

The shared steps (submit, confirm, decide, correct, erase) take a `Workflow`
and call its hooks where the kinds differ: missions check delegates against
seats and hand seats out on confirmation; exhibitions simply wait for staff.
The texts that name the kind ("registration", "application") live here too,
so that each app speaks its own words."""

from django.utils.translation import gettext_lazy as _

from partners.applications.errors import ApplicationsClosed
from partners.applications.models import SUBMITTED, Application


class Workflow:
    """The defaults suit an application staff simply accept or decline."""

    model: type[Application]
    consent_purpose: str
    # The fields of an application the public form may fill; anything else
    # the form hands over (status, token, staff notes) is ignored.
    submitted_fields: tuple[str, ...] = ()
    # What the applicant may correct on their page; the company, the status
    # and staff decisions stay as they are.
    changeable_fields: tuple[str, ...] = ()
    # Many-to-many fields the applicant fills and may correct.
    related_fields: tuple[str, ...] = ()
    # Numbers a history entry and an email state with their new value.
    counted_fields: tuple[str, ...] = ()
    # Personal data that anonymisation erases besides the contact; the
    # company and the status stay for reports.
    personal_text_fields: tuple[str, ...] = ()

    # Reasons written into the history, in the staff's language.
    submitted_reason = _("Sent from the website.")
    sent_again_reason = _(
        "The form was sent again for the same company from the same address "
        "before it was confirmed: the answers sent first are kept, and the "
        "link was emailed to that address again."
    )
    confirmed_reason = _("Confirmed by the link in the email.")
    withdrawn_by_applicant = _("Withdrawn by the applicant.")
    withdrawn_by_staff = _("Withdrawn by a staff member on the company's behalf.")
    corrected_by_applicant = _("Corrected by the applicant on their page")
    corrected_by_staff = _("Corrected by a staff member on the applicant's page")
    erased_by_applicant = _("Personal data erased at the applicant's request.")
    erased_by_staff = _("Personal data erased by a staff member.")

    # Refusals that name what is applied for.
    closed_error = ApplicationsClosed
    changes_closed_message = _(
        "This application can no longer be changed here: applications have "
        "closed or the application has ended. Please write to the agency."
    )
    expired_link_message = _(
        "This confirmation link has expired. Please fill in the form again."
    )
    cannot_withdraw_message = _("This application can no longer be withdrawn.")
    cannot_decline_message = _(
        "Only a confirmed application that has not ended can be declined."
    )
    cannot_accept_message = _("Only a submitted application can be accepted.")
    ended_message = _(
        "The mission or exhibition of this application has ended or was "
        "cancelled: its status no longer changes."
    )

    def is_open(self, parent) -> bool:
        """Whether the mission or exhibition takes applications now."""
        raise NotImplementedError

    def check_submission(self, parent, fields: dict) -> None:
        """Refuse a form the mission or exhibition cannot take."""
        if not self.is_open(parent):
            raise self.closed_error()

    def status_on_confirmation(self, application) -> str:
        """The status a confirmed application takes (under the locks)."""
        return SUBMITTED

    def check_changes(self, application, differences: dict) -> None:
        """Refuse corrections the mission or exhibition cannot take (under
        the locks); `differences` is {field: (before, after)}."""

    def erase_personal_data(self, application) -> None:
        """Erase what the app keeps about people besides the contact (under
        the application's lock, when it is anonymised)."""

    def on_release(self, application, *, by=None) -> list:
        """After a step that may have freed what the application held
        (withdrawal, decline, fewer delegates), under the locks. `by` took
        the step; return the applications it moved (missions: up from the
        waiting list), whose history names the step as the cause."""
        return []
