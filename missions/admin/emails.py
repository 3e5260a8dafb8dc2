"""Admin of outgoing email: read-only, the worker writes it."""

from django.contrib import admin

from missions.models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Mail waiting to be sent or already sent: staff look, the worker writes."""

    list_display = ("recipient", "subject", "kind", "created_at", "attempts", "sent_at")
    list_filter = ("kind", "language", ("sent_at", admin.EmptyFieldListFilter))
    search_fields = ("recipient", "subject")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
