from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "missions"
    verbose_name = _("Business missions")

    def ready(self):
        from amur_invest import page_cache
        from amur_invest.staff import audit
        from missions.models import (
            Delegate,
            DeletedRegistration,
            Mission,
            ProgrammeItem,
            Registration,
            StatusChange,
        )
        from partners.applications import public

        page_cache.shown_on_public_pages(Mission, ProgrammeItem)
        # Mission pages count the seats of accepted registrations: a
        # registration counts while it holds seats, a step of its history
        # when it takes them or gives them back.
        page_cache.shown_on_public_pages(Registration, when=public.is_accepted)
        page_cache.shown_on_public_pages(
            StatusChange, when=public.starts_or_ends_acceptance
        )

        # What the audit trail watches (amur_invest.staff.audit).
        audit.watch(DeletedRegistration, Registration, Delegate)
