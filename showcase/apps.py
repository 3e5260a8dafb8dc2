from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class ShowcaseConfig(AppConfig):
    name = "showcase"
    verbose_name = pgettext_lazy("admin section", "Public site")

    def ready(self):
        from amur_invest import page_cache
        from showcase import models

        # Inquiries, their routes and history, and the district coordinators
        # are staff's only.
        page_cache.shown_on_public_pages(
            models.AgencyContact,
            models.HomePage,
            models.Event,
            models.WildHarvestReport,
            models.TradeFigure,
            models.SectorProfile,
            models.SupportMeasure,
            models.InvestmentSite,
            models.InvestmentProject,
            models.NewsItem,
            models.Presentation,
            models.Slide,
            models.PresentationPdf,
        )
