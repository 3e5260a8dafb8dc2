from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from amur_invest import page_cache
        from amur_invest.staff import audit
        from partners.models import (
            Company,
            Consent,
            Contact,
            District,
            Organization,
            Prefecture,
            Sector,
            TwinRelation,
        )

        # Contacts, interactions and consents are staff's only.
        page_cache.shown_on_public_pages(
            District, Sector, Company, Prefecture, Organization, TwinRelation
        )

        # What the audit trail watches. Sole proprietors are people: a
        # company's INN, email and phone can be a person's.
        audit.watch(Company, Consent, Contact)
