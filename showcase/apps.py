"""The showcase app: what its models tell the ground floor when Django
starts (which public pages show them, which hold personal data)."""

from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class ShowcaseConfig(AppConfig):
    name = "showcase"
    verbose_name = pgettext_lazy("admin section", "Public site")

    def ready(self):
        from amur_invest import page_cache
        from amur_invest.staff import audit
        from showcase import models
        from showcase.models import Inquiry

        # Inquiries, their replies and history, and the district coordinators
        # are staff's only: a stranger's inquiry must not empty the cache
        # (the promise page computes its figures once a day instead). The
        # people who answer and the routing rules show on the contact page.
        page_cache.shown_on_public_pages(
            models.InquiryHandler,
            models.InquiryRoute,
            models.HomePage,
            models.Event,
            models.WildHarvestReport,
            models.TradeFigure,
            models.TradeYear,
            models.ExchangeRate,
            models.CostFigure,
            models.SectorProfile,
            models.SupportMeasure,
            models.InvestmentSite,
            models.InvestmentProject,
            models.NewsItem,
            models.Presentation,
            models.Slide,
            models.PresentationPdf,
        )

        # What the audit trail watches (amur_invest.staff.audit).
        audit.watch(Inquiry)
