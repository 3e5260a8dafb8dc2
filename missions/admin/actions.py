"""Status actions on registrations: each asks for a reason first, then calls
the service, which records the change and emails the registrant."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from missions import services
from partners.applications.admin import (
    BOTH_PLACES,
    ERASURE_EXPLANATION,
    ERASURE_INTRO,
    ReasonActionsMixin,
    ReasonForm,
    status_action,
)
from partners.applications.errors import ApplicationError

__all__ = ["BOTH_PLACES", "ReasonForm", "StatusActions"]


class StatusActions(ReasonActionsMixin):
    """The accept, waitlist, hold, decline and withdraw actions of the
    registration admin, and the erasure of personal data on request."""

    reason_template = "admin/missions/registration/action_reason.html"
    reason_help_text = _("Optional. Kept in the status history of each registration.")

    def ended_refusal(self, count: int) -> str:
        return ngettext(
            "%(count)d registration not changed: its mission has ended or was "
            "cancelled: %(names)s.",
            "%(count)d registrations not changed: their mission has ended or was "
            "cancelled: %(names)s.",
            count,
        )

    def moved_up_message(self, count: int) -> str:
        return ngettext(
            "%(count)d registration moved up from the waiting list to the seats "
            "freed by %(cause)s: %(names)s.",
            "%(count)d registrations moved up from the waiting list to the seats "
            "freed by %(cause)s: %(names)s.",
            count,
        )

    @admin.action(
        description=_("Accept (in order of confirmation while seats last)"),
        permissions=("change",),
        location=BOTH_PLACES,
    )
    def accept(self, request, queryset):
        return self.with_reason(
            request,
            queryset,
            action="accept",
            title=_("Accept registrations"),
            apply=self.apply_accept,
        )

    waitlist = status_action(
        "waitlist",
        description=_("Put on the waiting list for a free seat"),
        title=_("Put registrations on the waiting list"),
        explanation=_(
            "The company is told that all seats are taken and gets the next "
            "free seat that fits, automatically, in order of confirmation. "
            "Refused while seats are free."
        ),
        service=services.waitlist_registration,
        done=lambda n: ngettext(
            "%(count)d registration put on the waiting list.",
            "%(count)d registrations put on the waiting list.",
            n,
        ),
    )
    hold = status_action(
        "hold",
        description=_("Keep in reserve (staff decision)"),
        title=_("Keep registrations in reserve"),
        explanation=_(
            "The company is told that the agency keeps its registration in "
            "reserve. It is never accepted automatically: only staff accept it."
        ),
        service=services.hold_registration,
        done=lambda n: ngettext(
            "%(count)d registration kept in reserve.",
            "%(count)d registrations kept in reserve.",
            n,
        ),
    )
    decline = status_action(
        "decline",
        description=_("Decline"),
        title=_("Decline registrations"),
        service=services.decline_registration,
        done=lambda n: ngettext(
            "%(count)d registration declined.",
            "%(count)d registrations declined.",
            n,
        ),
    )
    withdraw = status_action(
        "withdraw",
        description=_("Withdraw on the company's behalf"),
        title=_("Withdraw registrations"),
        service=services.withdraw_registration,
        done=lambda n: ngettext(
            "%(count)d registration withdrawn.",
            "%(count)d registrations withdrawn.",
            n,
        ),
    )
    erase = status_action(
        "erase",
        description=_("Erase personal data (at the person's request)"),
        title=_("Erase personal data of registrations"),
        explanation=ERASURE_EXPLANATION,
        intro=ERASURE_INTRO,
        after_the_event=True,
        service=services.anonymise_registration,
        done=lambda n: ngettext(
            "Personal data of %(count)d registration erased.",
            "Personal data of %(count)d registrations erased.",
            n,
        ),
    )

    def apply_accept(self, request, queryset, reason):
        try:
            result = services.accept_registrations(
                registrations=queryset, by=request.user, reason=reason
            )
        except ApplicationError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.report_admission(request, result)

    def report_admission(self, request, result):
        accepted = len(result.accepted)
        parts = [
            ngettext(
                "%(count)d registration accepted.",
                "%(count)d registrations accepted.",
                accepted,
            )
            % {"count": accepted}
        ]
        parts += [
            template(len(rows)) % {"count": len(rows)}
            for rows, template in (
                (result.waitlisted, _waitlisted_message),
                (result.still_held, _still_held_message),
                (result.taken_by_company, _taken_by_company_message),
                (result.skipped, _skipped_message),
            )
            if rows
        ]
        if result.ended:
            names = "; ".join(str(registration) for registration in result.ended)
            count = len(result.ended)
            parts.append(self.ended_refusal(count) % {"count": count, "names": names})
        refused = (
            result.waitlisted
            or result.still_held
            or result.taken_by_company
            or result.skipped
            or result.ended
        )
        level = messages.WARNING if refused else messages.SUCCESS
        self.message_user(request, " ".join(parts), level)


def _waitlisted_message(count):
    return ngettext(
        "%(count)d not accepted for lack of seats: on the waiting list.",
        "%(count)d not accepted for lack of seats: on the waiting list.",
        count,
    )


def _still_held_message(count):
    return ngettext(
        "%(count)d kept in reserve: not enough seats left to accept it.",
        "%(count)d kept in reserve: not enough seats left to accept them.",
        count,
    )


def _taken_by_company_message(count):
    return ngettext(
        "%(count)d not accepted: another registration of the same company "
        "already holds seats.",
        "%(count)d not accepted: another registration of the same company "
        "already holds seats.",
        count,
    )


def _skipped_message(count):
    return ngettext(
        "%(count)d skipped: its status does not allow acceptance.",
        "%(count)d skipped: their status does not allow acceptance.",
        count,
    )
