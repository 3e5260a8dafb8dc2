"""The project's own app (operations commands) and configs of third-party
apps, renamed for staff."""

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class BackgroundTasksConfig(TasksAppConfig):
    # The library names itself in English only ("Tasks Database Backend").
    verbose_name = _("Background tasks")


class StaffAdminConfig(AdminConfig):
    # Django's admin with our site: its autocomplete lookups are held to
    # what a staff member may fill, and audited (amur_invest.staff.site).
    default_site = "amur_invest.staff.site.StaffAdminSite"


class LoginSecurityConfig(AxesAppConfig):
    # django-axes has no name for staff to read, only its label "Axes".
    verbose_name = _("Login security")


class SiteOperationsConfig(AppConfig):
    """The project package as an app: its commands (backup, restore) for
    running the site, and the signals that have thumbnails made after a
    photograph is saved."""

    name = "amur_invest"
    verbose_name = _("Site operations")

    def ready(self):
        from amur_invest import images

        images.connect_signals()
