from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners")

    def ready(self):
        from amur_invest.staff import audit
        from partners.models import Company, Consent, Contact, OutgoingEmail

        # What the audit trail watches. Sole proprietors are people: a
        # company's INN, email and phone can be a person's.
        audit.watch(Company, Consent, Contact, OutgoingEmail)
