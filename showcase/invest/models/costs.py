"""What doing business in the region costs: land, power, gas and water
tariffs, average wages by sector and tax rates, each with its source and the
date it is of; a tax rate names the support measures that lower it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from amur_invest.text import one_line
from partners.models import Sector
from showcase.invest.models.investment import SupportMeasure


class CostFigure(models.Model):
    class Category(models.TextChoices):
        LAND = "land", _("Land")
        POWER = "power", _("Electricity")
        GAS = "gas", _("Gas")
        WATER = "water", _("Water")
        WAGES = "wages", _("Average wages")
        TAX = "tax", _("Taxes")

    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    name = models.CharField(
        _("name"),
        max_length=300,
        validators=[one_line],
        help_text=_("What the figure is, e.g. industrial consumers, medium voltage."),
    )
    sector = models.ForeignKey(
        Sector,
        verbose_name=_("sector"),
        related_name="cost_figures",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("For wages by sector."),
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)
    unit = models.CharField(
        _("unit"),
        max_length=100,
        validators=[one_line],
        help_text=_("E.g. roubles per kWh, roubles a month, per cent."),
    )
    source = models.CharField(_("source"), max_length=300, validators=[one_line])
    as_of = models.DateField(_("as of"))
    note = models.CharField(
        _("note"), max_length=300, blank=True, validators=[one_line]
    )
    lowered_by = models.ManyToManyField(
        SupportMeasure,
        verbose_name=_("support measures that lower it"),
        related_name="cost_figures",
        blank=True,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Demonstration figure, not official statistics."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("cost figure")
        verbose_name_plural = _("cost figures")
        ordering = ["category", "position", "id"]

    def __str__(self):
        return self.name
