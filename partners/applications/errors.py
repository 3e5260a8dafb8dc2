"""The refusals the shared application steps raise, with user-facing messages.

Where the wording names what is applied for ("registration for the mission
has closed"), the step passes the message of its `Workflow`."""

from django.utils.translation import gettext_lazy as _

# The outbox's refusal, raised by the email budget every public form spends
# (`mail.check_budget`): a refusal of the submission steps too.
from amur_invest.outbox.mail import TooManyEmails  # noqa: F401


class ApplicationError(Exception):
    """A refusal the applicant or staff must read: str(error) is a translated,
    user-facing message."""

    default_message = _("The application could not be processed.")

    def __init__(self, message=None):
        super().__init__(message or self.default_message)


class ApplicationsClosed(ApplicationError):
    default_message = _("Applications are closed.")


class ChangesClosed(ApplicationError):
    default_message = _(
        "This application can no longer be changed here: applications have "
        "closed or the application has ended. Please write to the agency."
    )


class InvalidLink(ApplicationError):
    default_message = _("This link is not valid.")


class ExpiredLink(ApplicationError):
    default_message = _(
        "This confirmation link has expired. Please fill in the form again."
    )


class CompanyAlreadyAccepted(ApplicationError):
    default_message = _(
        "Another application of this company has already been accepted."
    )
