"""The agency's contact details: one row, cached, in every language."""

from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amur_invest.text import many_lines, one_line

AGENCY_CACHE_KEY = "agency:contact"


class AgencyContact(models.Model):
    """How to reach the agency: shown in the footer of every public page and at
    the end of every email. One row, edited in the admin, so that a new phone
    number needs no deployment."""

    name = models.CharField(
        _("agency name"),
        max_length=300,
        validators=[one_line],
        default="Агентство Амурской области по привлечению инвестиций",
    )
    address = models.TextField(_("postal address"), blank=True, validators=[many_lines])
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, validators=[one_line]
    )
    email = models.EmailField(_("email"), blank=True)
    hours = models.CharField(
        _("office hours"),
        max_length=200,
        blank=True,
        validators=[one_line],
        help_text=_("With the time zone, e.g. Mon–Fri 9:00–18:00 (UTC+9)."),
    )
    japan_desk_name = models.CharField(
        _("contact for Japanese partners"),
        max_length=200,
        blank=True,
        validators=[one_line],
        help_text=_("The person who answers Japanese partners, with their position."),
    )
    japan_desk_email = models.EmailField(_("email for Japanese partners"), blank=True)
    japan_desk_phone = models.CharField(
        _("phone for Japanese partners"),
        max_length=40,
        blank=True,
        validators=[one_line],
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("agency contact details")
        verbose_name_plural = _("agency contact details")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="agency_single_row")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(AGENCY_CACHE_KEY)

    @classmethod
    def load(cls) -> "AgencyContact":
        """The agency's details, from the cache when they are there. Every
        language's text travels in the one cached row."""
        contact = cache.get(AGENCY_CACHE_KEY)
        if contact is None:
            contact, _created = cls.objects.get_or_create(pk=1)
            cache.set(AGENCY_CACHE_KEY, contact, timeout=3600)
        return contact
