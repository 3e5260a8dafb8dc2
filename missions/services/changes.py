"""The registrant corrects their registration from their own page.

Until registration for the mission closes, the registrant may change the
contact, the number of delegates (within the per-company limit), what they
bring and whom they want to meet. More delegates on an accepted registration
need free seats, counted under the mission lock: when there are not enough,
the change is refused with the number that still fits, and nothing changes.
The registrant can then ask the agency; staff never find a delegation larger
than they accepted. Fewer delegates free seats for the waiting list.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from missions import emails
from missions.models import Registration, StatusChange
from missions.services.admission import promote_waitlisted
from missions.services.errors import ChangesClosed, NotEnoughSeats, TooManyDelegates
from missions.services.history import on_whose_behalf, record
from missions.services.locking import lock_mission, lock_registration, seats_left

Status = Registration.Status

# What the registrant may correct; the company, status and seats decisions
# stay as they are.
CHANGEABLE_FIELDS = (
    "contact_name",
    "contact_position",
    "email",
    "phone",
    "delegates",
    "products",
    "goals",
    "wanted_partner_kinds",
    "wanted_partners",
    "language",
)
PREFECTURES = "wanted_prefectures"


def _differences(registration, changes: dict, wanted_prefectures) -> dict:
    """{field name: (before, after)} for what really changes."""
    found = {
        name: (getattr(registration, name), changes[name])
        for name in CHANGEABLE_FIELDS
        if name in changes and getattr(registration, name) != changes[name]
    }
    if wanted_prefectures is not None:
        before = set(registration.wanted_prefectures.all())
        if before != set(wanted_prefectures):
            found[PREFECTURES] = (before, set(wanted_prefectures))
    return found


def _check_delegates(registration, mission, before: int, after: int) -> None:
    if after > mission.max_delegates_per_company:
        raise TooManyDelegates(
            _("At most %(limit)d delegates per company can join this mission.")
            % {"limit": mission.max_delegates_per_company}
        )
    if registration.status != Status.ACCEPTED or after <= before:
        return
    left = max(seats_left(mission), 0)
    if after - before > left:
        raise NotEnoughSeats(_not_enough_seats_message(before, left))


def _not_enough_seats_message(before: int, left: int) -> str:
    if left == 0:
        return str(
            _(
                "All seats of the delegation are taken, so the number of delegates "
                "cannot grow. Please write to the agency if you need more seats."
            )
        )
    return ngettext(
        "Only %(left)d more seat is free: your company can have at most "
        "%(most)d delegates. Please write to the agency if you need more.",
        "Only %(left)d more seats are free: your company can have at most "
        "%(most)d delegates. Please write to the agency if you need more.",
        left,
    ) % {"left": left, "most": before + left}


def _describe(differences: dict) -> str:
    """What changed, in the staff's language, without personal data: the
    history outlives the erasure of a registrant's contact details."""
    labels = []
    for name, (before, after) in differences.items():
        label = str(Registration._meta.get_field(name).verbose_name)
        labels.append(f"{label} {before} → {after}" if name == "delegates" else label)
    return ", ".join(labels)


def _apply(registration, differences: dict) -> None:
    for name, (_before, after) in differences.items():
        if name == PREFECTURES:
            registration.wanted_prefectures.set(after)
        else:
            setattr(registration, name, after)
    fields = [name for name in differences if name != PREFECTURES]
    registration.save(update_fields=[*fields, "updated_at"])


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
    with transaction.atomic():
        mission = lock_mission(registration.mission_id)
        lock_registration(registration)
        registration.mission = mission
        if not registration.can_edit:
            raise ChangesClosed()
        differences = _differences(registration, changes, wanted_prefectures)
        if "delegates" in differences:
            _check_delegates(registration, mission, *differences["delegates"])
        if not differences:
            return []
        previous_email = registration.email
        _apply(registration, differences)
        _record_change(registration, differences, by=by)
        promote_waitlisted(mission)
        emails.queue_changed(
            registration=registration,
            changed=list(differences),
            previous_email=previous_email,
        )
        return list(differences)


def _record_change(registration, differences, *, by) -> None:
    who = on_whose_behalf(
        by,
        registrant=_("Corrected by the registrant on their page"),
        staff=_("Corrected by a staff member on the registrant's page"),
    )
    with translation.override(settings.LANGUAGE_CODE):
        reason = f"{who}: {_describe(differences)}."
    record(
        registration,
        to=registration.status,
        by=by,
        reason=reason,
        kind=StatusChange.Kind.DETAILS,
    )
