from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgencyConfig(AppConfig):
    name = "amur_invest.agency"
    label = "agency"
    verbose_name = _("The agency")

    def ready(self):
        from amur_invest import page_cache
        from amur_invest.agency.models import AgencyContact

        # Every public page shows the contact details in its footer.
        page_cache.shown_on_public_pages(AgencyContact)
