from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "amur_invest.outbox"
    label = "outbox"
    verbose_name = _("Outgoing mail")

    def ready(self):
        from amur_invest.outbox.models import OutgoingEmail
        from amur_invest.staff import audit

        # A kept email's body holds the recipient's name and secret links.
        audit.watch(OutgoingEmail)
