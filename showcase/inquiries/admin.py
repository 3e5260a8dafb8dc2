"""Investor inquiries for staff: overdue ones first, status changes kept with
who and when, and the routing table that says who answers what."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from amur_invest.staff import audit
from amur_invest.staff.audit import AuditedAdminMixin
from amur_invest.system_text import in_reader_language
from showcase.inquiries import emails
from showcase.inquiries import services as service
from showcase.inquiries.models import Inquiry, InquiryRoute, InquiryStatusChange

Status = Inquiry.Status

# What the inquirer wrote and what the site recorded: staff read, never edit.
FROM_THE_SITE = (
    "name",
    "organization",
    "email",
    "phone",
    "country",
    "message",
    "subject_name",
    "language",
    "created_at",
    "reply_due_on",
    "consent",
)


def active_staff():
    """Staff who can answer an inquiry: its assignee must be able to open it."""
    return (
        get_user_model()
        .objects.with_perm(
            "showcase.change_inquiry",
            include_superusers=True,
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .filter(is_staff=True)
        .order_by("username")
    )


class OverdueFilter(admin.SimpleListFilter):
    title = _("reply deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [("overdue", _("overdue")), ("on_time", _("not overdue"))]

    def queryset(self, request, queryset):
        overdue = Inquiry.objects.overdue().values("pk")
        if self.value() == "overdue":
            return queryset.filter(pk__in=overdue)
        if self.value() == "on_time":
            return queryset.exclude(pk__in=overdue)
        return queryset


class InquiryStatusChangeInline(admin.TabularInline):
    """The inquiry's history, as it happened: nobody edits it."""

    model = InquiryStatusChange
    extra = 0
    can_delete = False
    fields = ("changed_at", "changed_by", "from_status", "to_status", "note_display")
    readonly_fields = fields

    @admin.display(description=_("note"))
    def note_display(self, step):
        return in_reader_language(step.note)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def status_action(status: str, description):
    @admin.action(description=description, permissions=("change",))
    def action(modeladmin, request, queryset):
        changed = []
        for inquiry in queryset:
            if inquiry.status != status:
                service.change_status(inquiry=inquiry, to=status, by=request.user)
                changed.append(inquiry.pk)
        if changed:
            audit.record(
                request=request,
                action=audit.Action.CHANGED,
                model=Inquiry,
                ids=changed,
                summary=description,
            )
        count = len(queryset)
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d inquiry updated.", "%(count)d inquiries updated.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )

    action.__name__ = f"mark_{status}"
    return action


@admin.register(Inquiry)
class InquiryAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "overdue_mark",
        "created_at",
        "name",
        "organization",
        "subject_name",
        # The sector is a filter: the list keeps to what fits 1280 px.
        "status",
        "assignee",
        "reply_due_on",
    )
    list_display_links = ("created_at", "name")
    list_filter = (
        OverdueFilter,
        "status",
        ("assignee", admin.RelatedOnlyFieldListFilter),
        ("sector", admin.RelatedOnlyFieldListFilter),
        "language",
    )
    search_fields = ("name", "organization", "email", "message", "subject_name")
    list_select_related = ("assignee", "sector")
    date_hierarchy = "created_at"
    readonly_fields = FROM_THE_SITE
    fieldsets = (
        (None, {"fields": ("status", "assignee", "sector", "staff_notes")}),
        (
            _("From the website"),
            {"fields": FROM_THE_SITE},
        ),
    )
    inlines = (InquiryStatusChangeInline,)
    actions = (
        status_action(Status.IN_PROGRESS, _("Mark as in progress")),
        status_action(Status.ANSWERED, _("Mark as answered")),
        status_action(Status.CLOSED, _("Mark as closed")),
    )

    def get_queryset(self, request):
        # The rank must exist before the ordering by it is applied.
        ranked = Inquiry.objects.with_overdue_rank()
        return ranked.order_by(*self.get_ordering(request))

    def get_ordering(self, request):
        # Late inquiries first, then the nearest deadlines.
        return ("overdue_rank", "reply_due_on", "created_at")

    @admin.display(description=_("overdue"), ordering="overdue_rank")
    def overdue_mark(self, inquiry):
        if not inquiry.is_overdue(timezone.localdate()):
            return ""
        return format_html("<strong>⚠ {}</strong>", _("overdue"))

    def has_add_permission(self, request):
        # Inquiries come from the website only.
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assignee":
            kwargs["queryset"] = active_staff()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # A status change goes through the service, which keeps it in the
        # history: the row is saved with its old status first.
        wanted = obj.status
        obj.status = form.initial.get("status", wanted)
        super().save_model(request, obj, form, change)
        if wanted != obj.status:
            service.change_status(inquiry=obj, to=wanted, by=request.user)
        if "assignee" in form.changed_data and obj.assignee:
            emails.queue_assignment(inquiry=obj)


@admin.register(InquiryRoute)
class InquiryRouteAdmin(admin.ModelAdmin):
    list_display = ("sector_or_default", "assignee")
    list_select_related = ("sector", "assignee")

    @admin.display(description=_("sector"), ordering="sector__position")
    def sector_or_default(self, route):
        return route.sector or _("default: all other inquiries")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assignee":
            kwargs["queryset"] = active_staff()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
