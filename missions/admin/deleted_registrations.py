"""Read-only records: deleted registrations (the deletion service writes
them). The outgoing mail has its admin in amur_invest.outbox."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from amur_invest.staff.audit import AuditedAdminMixin
from amur_invest.system_text import in_reader_language
from missions.models import DeletedRegistration, Registration


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DeletedRegistration)
class DeletedRegistrationAdmin(AuditedAdminMixin, ReadOnlyAdmin):
    """What remains of registrations a superuser deleted: nobody edits it."""

    list_display = (
        "company_name",
        "inn",
        "mission",
        "status",
        "delegates",
        "deleted_at",
        "deleted_by",
    )
    list_filter = ("mission", "status")
    search_fields = ("company_name", "inn")
    list_select_related = ("mission", "deleted_by")
    date_hierarchy = "deleted_at"
    fields = (
        "mission",
        "registration_pk",
        "inn",
        "company_name",
        "status",
        "delegates",
        "confirmed_at",
        "registered_at",
        "history_display",
        "deleted_at",
        "deleted_by",
        "reason",
    )
    readonly_fields = fields

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("status history"))
    def history_display(self, deleted):
        labels = dict(Registration.Status.choices)
        return (
            format_html_join(
                "",
                "<p>{}: {} → {} {} {}</p>",
                (
                    (
                        step.get("at", ""),
                        labels.get(step.get("from"), "—"),
                        labels.get(step.get("to"), "—"),
                        step.get("by", ""),
                        in_reader_language(step.get("reason", "")),
                    )
                    for step in deleted.history
                ),
            )
            or "—"
        )
