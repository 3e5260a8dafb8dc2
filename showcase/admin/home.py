"""The home page's photograph: one row staff edit."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from showcase.models import HomePage


@admin.register(HomePage)
class HomePageAdmin(TabbedTranslationAdmin):
    fields = ["hero_image", "hero_alt", "updated_at"]
    readonly_fields = ["updated_at"]

    def has_add_permission(self, request):
        # One row, created by the migration: staff edit it, never add another.
        return False

    def has_delete_permission(self, request, obj=None):
        return False
