from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    """What each staff member chooses for their own work in the admin."""

    name = "amur_invest.staff"
    label = "staff"
    verbose_name = _("Staff preferences")

    def ready(self):
        from amur_invest.staff import language  # noqa: F401 (connects the login signal)
