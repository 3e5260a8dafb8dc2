"""What a participation adds to the shared application steps
(partners.applications): nothing is counted and nothing is handed out on
confirmation; staff accept or decline each application, and applications
close at the exhibition's deadline."""

from django.utils.translation import gettext_lazy as _

from exhibitions.models import Exhibition, Participation
from partners.applications.workflow import Workflow
from partners.models import Consent

# The fields of a participation the public form may fill.
PARTICIPATION_FIELDS = (
    "contact_name",
    "contact_position",
    "email",
    "phone",
    "products_to_show",
    "volumes_offered",
    "certifications_held",
    "stand_wishes",
    "language",
)
# What the applicant may correct on their page; the company, the status and
# staff decisions stay as they are.
CHANGEABLE_FIELDS = PARTICIPATION_FIELDS


class ParticipationWorkflow(Workflow):
    model = Participation
    consent_purpose = Consent.Purpose.EXHIBITION_APPLICATION
    # Products, volumes and certifications describe the company, not a
    # person; the wishes for the stand may name people.
    personal_text_fields = ("stand_wishes",)
    ended_message = _(
        "The exhibition has ended or was cancelled: the application's status "
        "no longer changes."
    )
    submitted_fields = PARTICIPATION_FIELDS
    changeable_fields = CHANGEABLE_FIELDS

    def is_open(self, exhibition: Exhibition) -> bool:
        return exhibition.is_accepting_applications


PARTICIPATIONS = ParticipationWorkflow()
