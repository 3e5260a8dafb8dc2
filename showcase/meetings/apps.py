from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "showcase.meetings"
    label = "meetings"
    verbose_name = _("Meetings with Japanese partners")

    def ready(self):
        from amur_invest.staff import audit
        from showcase.meetings.models import JapaneseParticipant

        # The contact person's name and address are personal data.
        audit.watch(JapaneseParticipant)
