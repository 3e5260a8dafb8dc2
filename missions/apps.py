from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MissionsConfig(AppConfig):
    name = "missions"
    verbose_name = _("Business missions")

    def ready(self):
        from amur_invest.staff import audit
        from missions.models import DeletedRegistration, Registration

        # What the audit trail watches (amur_invest.staff.audit).
        audit.watch(DeletedRegistration, Registration)
