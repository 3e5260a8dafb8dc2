"""Staff write news and press releases here, in three languages."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from showcase.models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(TabbedTranslationAdmin):
    list_display = ("title", "kind", "published_on", "is_published", "is_sample")
    list_filter = ("kind", "is_published", "is_sample", "sectors")
    search_fields = ("title_ru", "title_ja", "title_en", "slug")
    date_hierarchy = "published_on"
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ("sectors",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "published_on", "sectors")}),
        (_("Text"), {"fields": ("summary", "body")}),
        (_("Image"), {"fields": ("image", "image_alt")}),
        (_("On the site"), {"fields": ("is_published", "is_sample")}),
    )
