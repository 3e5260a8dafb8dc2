from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionsConfig(AppConfig):
    name = "exhibitions"
    verbose_name = _("Exhibitions")

    def ready(self):
        from amur_invest.staff import audit
        from exhibitions.models import Participation

        # What the audit trail watches (amur_invest.staff.audit).
        audit.watch(Participation)
