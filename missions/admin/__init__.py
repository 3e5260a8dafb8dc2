"""Staff side of the business missions: missions with their programme, and the
review of registrations.

A registration's status changes only through the services (the actions in
`actions`), so that seats are counted under the mission's lock, the change is
recorded with who and why, and the registrant gets an email.

Importing the submodules here runs their `@admin.register`: Django's
autodiscover imports only `missions.admin`.
"""

from missions.admin.actions import BOTH_PLACES, ReasonForm
from missions.admin.deleted_registrations import DeletedRegistrationAdmin
from missions.admin.exports import (
    can_export_registrations,
    export_response,
    exportable,
)
from missions.admin.missions import MissionAdmin, ProgrammeItemInline
from missions.admin.registrations import (
    CompetingFilter,
    RegistrationAdmin,
    StatusChangeInline,
)

__all__ = [
    "BOTH_PLACES",
    "CompetingFilter",
    "DeletedRegistrationAdmin",
    "MissionAdmin",
    "ProgrammeItemInline",
    "ReasonForm",
    "RegistrationAdmin",
    "StatusChangeInline",
    "can_export_registrations",
    "export_response",
    "exportable",
]
