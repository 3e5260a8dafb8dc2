"""The admin site: Django's, with the autocomplete lookups of
amur_invest.staff.autocomplete (held to what a staff member may fill, and
audited). Made the default site by amur_invest.apps.StaffAdminConfig, so that
`admin.site` everywhere is this one."""

from django.contrib import admin


class StaffAdminSite(admin.AdminSite):
    def autocomplete_view(self, request):
        # Imported here: the default site is made while apps load.
        from amur_invest.staff.autocomplete import StaffAutocompleteJsonView

        return StaffAutocompleteJsonView.as_view(admin_site=self)(request)
