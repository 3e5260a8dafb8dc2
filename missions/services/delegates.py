"""The people a registration sends: named by the registrant on their page.

The number of delegates is the number of people named. Naming more or fewer
people changes the registration's `delegates` (the seats it asks for or
holds) through the registrant's corrections (`changes`), so the seat rules
stay the ones every correction obeys: at most the mission's limit per
company, more seats on an accepted registration only while seats are free,
fewer seats go to the waiting list. A refusal changes nothing, names
included."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from missions.models import Delegate, Registration
from missions.services.workflow import REGISTRATIONS
from partners.applications.errors import ApplicationError, ChangesClosed
from partners.applications.history import Kind, record, staff_text
from partners.applications.locking import lock_both


@dataclass(frozen=True)
class Person:
    name_ru: str
    name_latin: str
    position: str = ""
    needs_interpreter: bool = False

    @classmethod
    def of(cls, delegate: Delegate) -> "Person":
        return cls(
            delegate.name_ru,
            delegate.name_latin,
            delegate.position,
            delegate.needs_interpreter,
        )


def named(registration: Registration) -> list[Person]:
    return [Person.of(delegate) for delegate in registration.delegate_people.all()]


def name_delegates(
    *, registration: Registration, people: list[Person], by=None
) -> bool:
    """Replace the registration's delegates with `people`, in that order;
    return whether anything changed. Raises ChangesClosed once registration
    has closed, and what a correction of the number of delegates raises
    (TooManyDelegates, NotEnoughSeats)."""
    with transaction.atomic():
        lock_both(registration)
        if not registration.can_edit:
            raise ChangesClosed(REGISTRATIONS.changes_closed_message)
        if not people:
            raise ApplicationError(_("Name at least one delegate."))
        if named(registration) == people:
            return False
        if len(people) != registration.delegates:
            # The package imports this module before it defines the step.
            from missions.services import change_registration

            change_registration(
                registration=registration,
                changes={"delegates": len(people)},
                by=by,
            )
        else:
            record(
                registration,
                to=registration.status,
                by=by,
                reason=staff_text(_("Delegates named or corrected by the registrant.")),
                kind=Kind.DETAILS,
            )
        registration.delegate_people.all().delete()
        Delegate.objects.bulk_create(
            Delegate(registration=registration, **vars(person)) for person in people
        )
        return True
