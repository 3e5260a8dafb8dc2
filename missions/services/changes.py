"""The registrant corrects their registration from their own page.

Until registration for the mission closes, the registrant may change the
contact, the number of delegates (within the per-company limit), what they
bring and whom they want to meet. More delegates on an accepted registration
need free seats, counted under the mission lock (see the workflow's
`check_changes`); fewer delegates free seats for the waiting list.
"""

from missions.models import Registration
from missions.services.workflow import CHANGEABLE_FIELDS, REGISTRATIONS
from partners.applications import changes as shared

__all__ = ["CHANGEABLE_FIELDS", "change_registration"]


def change_registration(
    *,
    registration: Registration,
    changes: dict,
    wanted_prefectures=None,
    by=None,
) -> list[str]:
    """Apply the registrant's corrections; return the names of the fields that
    changed (none: nothing is recorded or sent). Raises ChangesClosed,
    TooManyDelegates, NotEnoughSeats."""
    related = None
    if wanted_prefectures is not None:
        related = {"wanted_prefectures": wanted_prefectures}
    return shared.change(
        workflow=REGISTRATIONS,
        application=registration,
        changes=changes,
        related=related,
        by=by,
    )
