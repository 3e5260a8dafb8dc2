"""Staff edit the agency's contact details here: the one row, in three
languages."""

from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin

from amur_invest.agency.models import AgencyContact


@admin.register(AgencyContact)
class AgencyContactAdmin(TabbedTranslationAdmin):
    fieldsets = [
        (None, {"fields": ["name", "address", "phone", "email", "hours"]}),
        (
            AgencyContact._meta.get_field("japan_desk_name").verbose_name,
            {"fields": ["japan_desk_name", "japan_desk_email", "japan_desk_phone"]},
        ),
    ]

    def has_add_permission(self, request):
        # One row, created by the migration: staff edit it, never add another.
        return False

    def has_delete_permission(self, request, obj=None):
        return False
