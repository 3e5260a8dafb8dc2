"""Changing a mission's seats: never below the delegates already accepted.

The admin form checks it for a clear message; the save checks it again under
the mission lock, which every acceptance also takes, so an acceptance made
while the form was open cannot slip under the new number."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from missions.models import Mission, Registration
from missions.services.errors import SeatsBelowAccepted
from missions.services.locking import lock_mission, seats_taken
from missions.services.waitlist import promote_waitlisted
from partners.applications.history import staff_text


def accepted_delegates(*, mission_id) -> int:
    """Delegates accepted, under the mission lock (held until the surrounding
    transaction ends): call inside transaction.atomic()."""
    return seats_taken(lock_mission(mission_id))


def seats_below_accepted_message(accepted: int) -> str:
    return _(
        "%(accepted)d delegates are already accepted: the mission needs at least "
        "that many seats. Decline or withdraw registrations first."
    ) % {"accepted": accepted}


def save_mission(*, mission: Mission, by=None) -> list[Registration]:
    """Save the mission; raise SeatsBelowAccepted when its seats would no
    longer hold the accepted delegates. Seats added go to the waiting list at
    once: return the registrations promoted."""
    with transaction.atomic():
        if mission.pk is None:
            mission.save()
            return []
        accepted = accepted_delegates(mission_id=mission.pk)
        if mission.delegate_seats < accepted:
            raise SeatsBelowAccepted(seats_below_accepted_message(accepted))
        mission.save()
        reason = staff_text(
            gettext_lazy(
                "Moved up from the waiting list: seats were added to the mission."
            )
        )
        return promote_waitlisted(mission, by=by, reason=reason)
