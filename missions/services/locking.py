"""Row locks taken by every workflow that changes seats, and the seat count."""

from django.db.models import Sum

from missions.models import Mission, Registration

Status = Registration.Status


def lock_mission(mission_id) -> Mission:
    """Lock the mission row. Every path that changes seats takes this lock
    first and the registration locks after it: one order everywhere, so
    concurrent requests queue up instead of deadlocking or overselling."""
    return Mission.objects.select_for_update().get(pk=mission_id)


def lock_registration(registration: Registration) -> Registration:
    """Lock the row and reload the caller's instance with what is committed."""
    locked = Registration.objects.select_for_update().filter(pk=registration.pk)
    list(locked.values_list("pk", flat=True))
    registration.refresh_from_db()
    return registration


def seats_taken(mission: Mission) -> int:
    """Delegates accepted, counted in the database: call it under the lock."""
    accepted = Registration.objects.filter(mission=mission, status=Status.ACCEPTED)
    return accepted.aggregate(total=Sum("delegates"))["total"] or 0


def seats_left(mission: Mission) -> int:
    """Seats left, counted in the database: call it under the mission lock."""
    return mission.delegate_seats - seats_taken(mission)


def company_holds_seats(registration: Registration) -> bool:
    """Whether another registration of the same company already holds seats
    on the mission: at most one may (the database enforces it as well)."""
    return (
        Registration.objects.competitors_of(registration)
        .filter(status=Status.ACCEPTED)
        .exists()
    )
