"""The home page's own settings: its photograph. Its headline compares the
latest complete trade year with the one before (showcase.invest.figures)."""

from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from amur_invest.images import CheckedImageField
from amur_invest.text import one_line

HOME_PAGE_CACHE_KEY = "showcase:home-page"


class HomePage(models.Model):
    """One row, edited in the admin."""

    hero_image = CheckedImageField(
        _("photograph at the top"),
        upload_to="home/",
        blank=True,
        max_length=200,
        shown_as=("4:3",),
    )
    hero_alt = models.CharField(
        _("photograph description"),
        max_length=300,
        blank=True,
        validators=[one_line],
        help_text=_("What the photograph shows, for readers who cannot see it."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home page")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="showcase_home_single_row")
        ]

    def __str__(self):
        return str(self._meta.verbose_name)

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(HOME_PAGE_CACHE_KEY)

    @classmethod
    def load(cls) -> "HomePage":
        page = cache.get(HOME_PAGE_CACHE_KEY)
        if page is None:
            page, _created = cls.objects.get_or_create(pk=1)
            cache.set(HOME_PAGE_CACHE_KEY, page, timeout=3600)
        return page
