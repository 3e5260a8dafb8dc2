from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class ShowcaseConfig(AppConfig):
    name = "showcase"
    verbose_name = pgettext_lazy("admin section", "Public site")

    def ready(self):
        from amur_invest.staff import audit
        from showcase.models import Inquiry

        # What the audit trail watches (amur_invest.staff.audit).
        audit.watch(Inquiry)
