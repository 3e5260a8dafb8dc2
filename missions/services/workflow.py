"""What a mission registration adds to the shared application steps
(partners.applications): delegates within the per-company limit, seats
counted under the mission lock, seats handed out in order of confirmation on
a first-come mission, and the waiting list moving when seats free up."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from missions.models import Mission, Registration
from missions.services.errors import (
    NotEnoughSeats,
    RegistrationClosed,
    TooManyDelegates,
)
from missions.services.locking import seats_left
from missions.services.waitlist import moved_up_reason, promote_waitlisted
from partners.applications.decisions import is_competing
from partners.applications.errors import ApplicationError
from partners.applications.workflow import Workflow
from partners.models import Consent

Status = Registration.Status

# What the registrant answers, in the order the form asks it (written once:
# the form takes its field order from here). The prefectures are a relation,
# saved beside the registration's own columns.
REGISTRATION_ORDER = (
    "contact_name",
    "contact_position",
    "email",
    "phone",
    "delegates",
    "products",
    "goals",
    "wanted_prefectures",
    "wanted_partner_kinds",
    "wanted_partners",
    "language",
)
RELATED_FIELDS = ("wanted_prefectures",)
# The columns of a registration the public form fills.
REGISTRATION_FIELDS = tuple(
    name for name in REGISTRATION_ORDER if name not in RELATED_FIELDS
)
# What the registrant may correct; the company, status and seats decisions
# stay as they are.
CHANGEABLE_FIELDS = REGISTRATION_FIELDS

WITHDRAWN_BY_REGISTRANT = _("Withdrawn by the registrant.")
WITHDRAWN_BY_STAFF = _("Withdrawn by a staff member on the company's behalf.")


def too_many_delegates(mission: Mission) -> TooManyDelegates:
    return TooManyDelegates(
        _("At most %(limit)d delegates per company can join this mission.")
        % {"limit": mission.max_delegates_per_company}
    )


def not_enough_seats_message(before: int, left: int) -> str:
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


class RegistrationWorkflow(Workflow):
    model = Registration
    consent_purpose = Consent.Purpose.MISSION_REGISTRATION
    submitted_fields = REGISTRATION_FIELDS
    changeable_fields = CHANGEABLE_FIELDS
    related_fields = RELATED_FIELDS
    counted_fields = ("delegates",)
    personal_text_fields = ("products", "goals", "wanted_partners")

    submitted_reason = _("Registered on the website.")
    withdrawn_by_applicant = WITHDRAWN_BY_REGISTRANT
    withdrawn_by_staff = WITHDRAWN_BY_STAFF
    corrected_by_applicant = _("Corrected by the registrant on their page")
    corrected_by_staff = _("Corrected by a staff member on the registrant's page")
    erased_by_applicant = _("Personal data erased at the registrant's request.")

    closed_error = RegistrationClosed
    changes_closed_message = _(
        "This registration can no longer be changed here: registration for the "
        "mission has closed or the registration has ended. Please write to the "
        "agency."
    )
    expired_link_message = _(
        "This confirmation link has expired. Please register again."
    )
    cannot_withdraw_message = _("This registration can no longer be withdrawn.")
    cannot_decline_message = _(
        "Only a confirmed registration that has not ended can be declined."
    )
    ended_message = _(
        "The mission has ended or was cancelled: the registration's status "
        "no longer changes."
    )

    def is_open(self, mission: Mission) -> bool:
        return mission.is_registration_open

    def check_submission(self, mission: Mission, fields: dict) -> None:
        super().check_submission(mission, fields)
        delegates = int(fields.get("delegates", 1))
        if delegates < 1:
            raise ApplicationError(_("At least one delegate must travel."))
        if delegates > mission.max_delegates_per_company:
            raise too_many_delegates(mission)

    def status_on_confirmation(self, registration: Registration) -> str:
        mission = registration.mission
        if mission.admission_mode != Mission.AdmissionMode.FIRST_COME:
            return Status.SUBMITTED
        if is_competing(registration):
            # The company has registered before: staff decide which one counts.
            return Status.SUBMITTED
        if registration.delegates <= seats_left(mission):
            return Status.ACCEPTED
        return Status.WAITLISTED

    def check_changes(self, registration: Registration, differences: dict) -> None:
        """More delegates on an accepted registration need free seats: when
        there are not enough, the change is refused with the number that still
        fits, and nothing changes. Staff never find a delegation larger than
        they accepted."""
        if "delegates" not in differences:
            return
        before, after = differences["delegates"]
        mission = registration.mission
        if after > mission.max_delegates_per_company:
            raise too_many_delegates(mission)
        if registration.status != Status.ACCEPTED or after <= before:
            return
        left = max(seats_left(mission), 0)
        if after - before > left:
            raise NotEnoughSeats(not_enough_seats_message(before, left))

    def erase_personal_data(self, registration: Registration) -> None:
        # The delegates are people like the contact: their names go. The
        # number of delegates stays on the registration for reports.
        registration.delegate_people.all().delete()

    def on_release(self, registration: Registration, *, by=None) -> list:
        # Fewer delegates, a withdrawal or a decline may free seats, or remove
        # a competitor of a waiting registration.
        return promote_waitlisted(
            registration.mission, by=by, reason=moved_up_reason(registration)
        )


REGISTRATIONS = RegistrationWorkflow()
