"""Row locks taken by every workflow that changes seats, and the seat count."""

from django.db.models import Sum

from missions.models import Mission, Registration

Status = Registration.Status


def _lock_mission(mission_id) -> Mission:
    """Lock the mission row. Every path that changes seats takes this lock
    first and the registration locks after it: one order everywhere, so
    concurrent requests queue up instead of deadlocking or overselling."""
    return Mission.objects.select_for_update().get(pk=mission_id)


def _lock_registration(registration: Registration) -> Registration:
    """Lock the row and reload the caller's instance with what is committed."""
    locked = Registration.objects.select_for_update().filter(pk=registration.pk)
    list(locked.values_list("pk", flat=True))
    registration.refresh_from_db()
    return registration


def _seats_left(mission: Mission) -> int:
    """Seats left, counted in the database: call it under the mission lock."""
    accepted = Registration.objects.filter(mission=mission, status=Status.ACCEPTED)
    taken = accepted.aggregate(total=Sum("delegates"))["total"] or 0
    return mission.delegate_seats - taken
