"""When a public fact was last checked, and by whom: sites and support
measures go out of date quietly, so each carries its last check; one not
checked for STALE_AFTER is flagged to staff and marked for visitors."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amur_invest.text import one_line

STALE_AFTER = datetime.timedelta(days=180)


def stale_before() -> datetime.date:
    """Checks made before this day are out of date."""
    return timezone.localdate() - STALE_AFTER


class VerifiedQuerySet(models.QuerySet):
    def stale(self):
        return self.filter(
            models.Q(verified_on__isnull=True)
            | models.Q(verified_on__lt=stale_before())
        )

    def fresh(self):
        return self.filter(verified_on__gte=stale_before())


class Verified(models.Model):
    verified_on = models.DateField(
        _("last verified on"),
        null=True,
        blank=True,
        help_text=_("When the agency last checked these facts with their owner."),
    )
    verified_by = models.CharField(
        _("verified by"),
        max_length=200,
        blank=True,
        validators=[one_line],
        help_text=_("The name and position shown to visitors."),
    )

    class Meta:
        abstract = True

    @property
    def is_stale(self) -> bool:
        """Never checked, or not for STALE_AFTER."""
        return self.verified_on is None or self.verified_on < stale_before()
