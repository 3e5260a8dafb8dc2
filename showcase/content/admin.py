"""Staff write news and press releases here, in three languages; they build
a presentation's deck slide by slide, or upload a PDF per language that a
background task turns into slides."""

from django.conf import settings
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from amur_invest.images import SLIDE_STRIP, stored_thumbnail
from amur_invest.translation_gaps import TranslationGapsMixin
from showcase.content import slides as slide_service
from showcase.content.models import NewsItem, Presentation, PresentationPdf, Slide


def language_images(slide: Slide):
    return [
        getattr(slide, f"image_{code}") for code in settings.MODELTRANSLATION_LANGUAGES
    ]


class SlideInline(TranslationStackedInline):
    model = Slide
    extra = 0
    fields = ("position", "preview", "heading", "image", "body", "transcript")
    readonly_fields = ("preview",)
    ordering = ("position", "id")

    @admin.display(description=_("preview"))
    def preview(self, slide: Slide) -> str:
        # Whichever language has an image: a deck made from an English PDF
        # has none in the Russian tab the admin opens on.
        image = next((image for image in language_images(slide) if image), None)
        if image is None:
            return "—"
        thumb = stored_thumbnail(image.name, SLIDE_STRIP)
        if thumb is None:
            # Still being made in the background: the slide itself, scaled.
            return format_html('<img src="{}" width="240" alt="">', image.url)
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="">',
            thumb.url,
            thumb.width,
            thumb.height,
        )


class PresentationPdfInline(admin.TabularInline):
    """One PDF per language; each upload is converted in the background and
    its status shown here once the page is reloaded."""

    model = PresentationPdf
    extra = 0
    fields = ("language", "file", "status", "pages", "error", "converted_at")
    readonly_fields = ("status", "pages", "error", "converted_at")
    verbose_name_plural = _("PDF files (one per language, become the slides)")


@admin.register(Presentation)
class PresentationAdmin(TabbedTranslationAdmin):
    list_display = (
        "title",
        "presented_on",
        "place",
        "slide_count",
        "is_published",
        "is_sample",
    )
    list_filter = ("is_published", "is_sample", "presented_on")
    search_fields = ("title_ru", "title_ja", "title_en", "slug")
    date_hierarchy = "presented_on"
    prepopulated_fields = {"slug": ("title_en",)}
    list_select_related = ("mission",)
    fieldsets = (
        (None, {"fields": ("title", "slug", "presented_on", "place", "occasion")}),
        (_("On the site"), {"fields": ("summary", "is_published", "is_sample")}),
        (_("Made for"), {"fields": ("mission",)}),
    )
    inlines = (PresentationPdfInline, SlideInline)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(slide_total=Count("slides"))

    @admin.display(description=_("slides"), ordering="slide_total")
    def slide_count(self, presentation) -> int:
        return presentation.slide_total

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is not PresentationPdf:
            return
        for pdf_form in formset.forms:
            pdf = pdf_form.instance
            if pdf.pk and "file" in pdf_form.changed_data:
                slide_service.schedule_conversion(pdf=pdf)


@admin.register(NewsItem)
class NewsItemAdmin(TranslationGapsMixin, TabbedTranslationAdmin):
    list_display = (
        "title",
        "kind",
        "published_on",
        "is_published",
        "is_sample",
        "missing_translations",
    )
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
