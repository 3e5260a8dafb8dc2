from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class ShowcaseConfig(AppConfig):
    name = "showcase"
    verbose_name = pgettext_lazy("admin section", "Public site")
