"""The mission's row lock, taken by every workflow that changes seats, and
the seat count read under it."""

from django.db.models import Sum

from missions.models import Mission, Registration

Status = Registration.Status


def lock_mission(mission_id) -> Mission:
    """Lock the mission row. Every path that changes seats takes this lock
    first and the registration locks after it: one order everywhere, so
    concurrent requests queue up instead of deadlocking or overselling. (The
    shared application steps take the same lock in the same order, see
    partners.applications.locking.)"""
    return Mission.objects.select_for_update().get(pk=mission_id)


def seats_taken(mission: Mission) -> int:
    """Delegates accepted, counted in the database: call it under the lock."""
    accepted = Registration.objects.filter(mission=mission, status=Status.ACCEPTED)
    return accepted.aggregate(total=Sum("delegates"))["total"] or 0


def seats_left(mission: Mission) -> int:
    """Seats left, counted in the database: call it under the mission lock."""
    return mission.delegate_seats - seats_taken(mission)
