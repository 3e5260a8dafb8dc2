"""Staff: their own preferences, their second factor, their sessions, and the
audit trail of what they do with personal data."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from amur_invest.zones import site_zone_name


class StaffPreference(models.Model):
    """One staff member's own settings for the admin."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_preference",
        verbose_name=_("staff member"),
    )
    admin_language = models.CharField(
        _("language of the admin"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("Leave empty to follow the language of your browser."),
    )

    class Meta:
        verbose_name = _("staff preference")
        verbose_name_plural = _("staff preferences")

    def __str__(self):
        return str(self.user)

    @classmethod
    def admin_language_of(cls, user) -> str:
        """The user's chosen admin language, or "" for the browser's."""
        chosen = cls.objects.filter(user=user).values_list("admin_language", flat=True)
        return chosen.first() or ""


class AuditEntry(models.Model):
    """One act of a staff member on records with personal data: listing them,
    viewing one, creating, changing, deleting, exporting or importing them,
    sending a kept email again. Written by the admin (amur_invest.staff.audit),
    read by agency managers, changed by no one."""

    class Action(models.TextChoices):
        VIEWED = "viewed", pgettext_lazy("audit action", "viewed")
        CREATED = "created", pgettext_lazy("audit action", "created")
        CHANGED = "changed", pgettext_lazy("audit action", "changed")
        DELETED = "deleted", pgettext_lazy("audit action", "deleted")
        EXPORTED = "exported", pgettext_lazy("audit action", "exported")
        IMPORTED = "imported", pgettext_lazy("audit action", "imported")
        LISTED = "listed", pgettext_lazy("audit action", "listed")
        RESENT = "resent", pgettext_lazy("audit action", "sent again")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        related_name="audit_entries",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    # Kept as text too: the trail outlives a deleted staff account.
    username = models.CharField(_("username"), max_length=150)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of record"),
        related_name="+",
        on_delete=models.PROTECT,
    )
    object_count = models.PositiveIntegerField(_("records"), default=1)
    object_ids = models.TextField(_("record ids"), blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(
        _("client address"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]

    def __str__(self):
        zone = site_zone_name()
        return f"{self.local_time} ({zone}) {self.username} {self.get_action_display()}"

    @property
    def local_time(self) -> str:
        """When, in the site's time zone (TIME_ZONE), however the database
        or the request keeps it: the title and the list say the same."""
        local = timezone.localtime(self.at, timezone.get_default_timezone())
        return f"{local:%Y-%m-%d %H:%M:%S}"
