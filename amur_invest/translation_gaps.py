"""Translation gaps: public texts written in Russian that have no Japanese
or English yet.

A record lacks a language when one of its translated fields has Russian and
nothing in that language: the public page would then fall back to Russian
(«Брусника, голубика…» in the Japanese catalogue). An admin shows the gap
with TranslationGapsMixin: a column, a list filter, and a place on the
content editors' page of what waits for translation, which lists every admin
using the mixin (no central list of models)."""

from django.contrib import admin
from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

SOURCE_LANGUAGE = "ru"
CHECKED_LANGUAGES = ("ja", "en")
LANGUAGE_NAMES = {"ja": _("Japanese"), "en": _("English")}
# Rows shown per kind of record on the page of what waits for translation.
WAITING_PER_KIND = 25


def translated_fields(model) -> list[str]:
    return list(translator.get_options_for_model(model).fields)


def missing_in(model, language: str, fields=None) -> Q:
    """Rows with Russian in a field and nothing in `language` beside it."""
    condition = Q()
    for field in fields or translated_fields(model):
        written = ~Q(**{f"{field}_{SOURCE_LANGUAGE}": ""}) & Q(
            **{f"{field}_{SOURCE_LANGUAGE}__isnull": False}
        )
        empty = Q(**{f"{field}_{language}__isnull": True}) | Q(
            **{f"{field}_{language}": ""}
        )
        condition |= written & empty
    return condition


def missing_languages(record, fields=None) -> list[str]:
    """The checked languages `record` lacks, read from the loaded row."""
    fields = fields or translated_fields(type(record))
    return [
        language
        for language in CHECKED_LANGUAGES
        if any(
            getattr(record, f"{field}_{SOURCE_LANGUAGE}", None)
            and not getattr(record, f"{field}_{language}", None)
            for field in fields
        )
    ]


class MissingTranslationFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [
            ("ja", _("missing in Japanese")),
            ("en", _("missing in English")),
            ("any", _("missing in Japanese or English")),
            ("none", _("complete")),
        ]

    def queryset(self, request, queryset):
        wanted = self.value()
        model = queryset.model
        if wanted in CHECKED_LANGUAGES:
            return queryset.filter(missing_in(model, wanted))
        either = missing_in(model, "ja") | missing_in(model, "en")
        if wanted == "any":
            return queryset.filter(either)
        if wanted == "none":
            return queryset.exclude(either)
        return queryset


class TranslationGapsMixin:
    """A "missing in" column and filter on an admin list, and the model's
    place on the page of what waits for translation."""

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), MissingTranslationFilter]

    @admin.display(description=_("missing"))
    def missing_translations(self, record):
        return " · ".join(code.upper() for code in missing_languages(record)) or "—"


def waiting_for_translation(request):
    """One page for content editors: per kind of record they may change,
    the records whose Russian has no Japanese or English yet."""
    site = admin.site
    kinds = []
    for model, model_admin in site._registry.items():
        if not isinstance(model_admin, TranslationGapsMixin):
            continue
        if not model_admin.has_change_permission(request):
            continue
        opts = model._meta
        waiting = model_admin.get_queryset(request).filter(
            missing_in(model, "ja") | missing_in(model, "en")
        )
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        kinds.append(
            {
                "name": opts.verbose_name_plural,
                "count": waiting.count(),
                "list_url": f"{changelist}?missing=any",
                "records": [
                    (
                        record,
                        missing_languages(record),
                        reverse(
                            f"admin:{opts.app_label}_{opts.model_name}_change",
                            args=[record.pk],
                        ),
                    )
                    for record in waiting[:WAITING_PER_KIND]
                ],
            }
        )
    kinds.sort(key=lambda kind: str(kind["name"]))
    context = {
        **site.each_context(request),
        "title": _("Waiting for translation"),
        "kinds": kinds,
        "language_names": LANGUAGE_NAMES,
    }
    return TemplateResponse(request, "admin/waiting_for_translation.html", context)
