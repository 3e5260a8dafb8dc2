from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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
