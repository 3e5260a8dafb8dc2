from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class StaffConfig(AppConfig):
    """Staff accounts: preferences, the second factor, session limits and the
    audit trail of personal data."""

    name = "amur_invest.staff"
    label = "staff"
    verbose_name = pgettext_lazy("admin section", "Staff")

    def ready(self):
        # Connect their login signals; register the audit trail's check.
        from amur_invest.staff import checks, language, sessions  # noqa: F401
        from amur_invest.staff.roles import show_roles_translated

        show_roles_translated()
