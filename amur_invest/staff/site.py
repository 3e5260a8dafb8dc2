"""The admin site: Django's, with the autocomplete lookups of
amur_invest.staff.autocomplete (held to what a staff member may fill, and
audited), and no query holding a NUL character. Made the default site by
amur_invest.apps.StaffAdminConfig, so that `admin.site` everywhere is this
one."""

import functools

from django.contrib import admin
from django.core.exceptions import BadRequest


class StaffAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        """Every admin page (each model admin's too) refuses a query holding
        a NUL character with the 400 page: PostgreSQL compares and stores
        no such character, and a search or filter holding one was a 500 on
        every list. Forms refuse it themselves, field by field."""
        checked = super().admin_view(view, cacheable)

        @functools.wraps(checked)
        def without_nul(request, *args, **kwargs):
            if any(
                "\x00" in key or any("\x00" in value for value in values)
                for key, values in request.GET.lists()
            ):
                raise BadRequest("A NUL character in the query.")
            return checked(request, *args, **kwargs)

        return without_nul

    def autocomplete_view(self, request):
        # Imported here: the default site is made while apps load.
        from amur_invest.staff.autocomplete import StaffAutocompleteJsonView

        return StaffAutocompleteJsonView.as_view(admin_site=self)(request)
