"""What public pages show of applications: the accepted ones only (the seats
a mission's delegation has taken, an exhibition's catalogue). Each app tells
the page cache with these in its ready(); an unconfirmed, submitted or
declined application changes no public page."""

from partners.applications.models import ACCEPTED


def is_accepted(application) -> bool:
    """On public pages: it holds seats in the delegation, or a stand."""
    return application.status == ACCEPTED


def starts_or_ends_acceptance(step) -> bool:
    """A step of the history that puts the application on public pages or
    takes it off (withdrawn or declined after it was accepted)."""
    return ACCEPTED in (step.from_status, step.to_status)
