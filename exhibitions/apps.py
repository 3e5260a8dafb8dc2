from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionsConfig(AppConfig):
    name = "exhibitions"
    verbose_name = _("Exhibitions")

    def ready(self):
        from amur_invest import page_cache
        from amur_invest.staff import audit
        from exhibitions.models import (
            Exhibition,
            Participation,
            ParticipationProduct,
            StatusChange,
        )
        from partners.applications import public

        page_cache.shown_on_public_pages(Exhibition, ParticipationProduct)
        # The catalogue lists accepted participations: one counts while it is
        # accepted, a step of its history when acceptance begins or ends.
        page_cache.shown_on_public_pages(Participation, when=public.is_accepted)
        page_cache.shown_on_public_pages(
            StatusChange, when=public.starts_or_ends_acceptance
        )

        # What the audit trail watches (amur_invest.staff.audit).
        audit.watch(Participation)
