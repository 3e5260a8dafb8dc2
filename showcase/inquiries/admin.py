"""Investor inquiries for staff: overdue ones first, status changes kept with
who and when, replies written and sent from the inquiry's page, the people
who answer and the routing table that says who answers what."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from amur_invest.staff import audit
from amur_invest.staff.audit import AuditedAdminMixin
from amur_invest.staff.lists import PlainTickBoxes
from amur_invest.system_text import in_reader_language
from showcase.inquiries import emails
from showcase.inquiries import services as service
from showcase.inquiries.models import (
    Inquiry,
    InquiryHandler,
    InquiryReply,
    InquiryRoute,
    InquiryStatusChange,
)

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
    "reference",
    "created_at",
    "reply_due_on",
    "first_replied_at",
    "escalated_at",
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


class InquiryReplyInline(admin.StackedInline):
    """Replies as they went; a new one is written in the empty form and
    emailed to the inquirer, in the inquiry's language, when the page is
    saved. A reply sent cannot be changed or taken back."""

    model = InquiryReply
    extra = 1
    max_num = None
    can_delete = False
    fields = ("body",)
    verbose_name = _("reply to the inquirer")
    verbose_name_plural = _("replies to the inquirer")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("written_by")

    def get_fields(self, request, obj=None):
        return ("sent_at", "written_by", "body")

    def get_readonly_fields(self, request, obj=None):
        return ("sent_at", "written_by")

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
class InquiryAdmin(AuditedAdminMixin, PlainTickBoxes, admin.ModelAdmin):
    list_display = (
        "overdue_mark",
        "created_at",
        "name",
        "organization",
        # The sector and the assignee are filters and the subject is on the
        # inquiry's page: the list keeps to what fits 1280 px, with the
        # person who answers.
        "status",
        "reference",
        "handler",
        "reply_due_on",
    )
    list_display_links = ("created_at", "name")
    list_filter = (
        OverdueFilter,
        "status",
        ("handler", admin.RelatedOnlyFieldListFilter),
        ("assignee", admin.RelatedOnlyFieldListFilter),
        ("sector", admin.RelatedOnlyFieldListFilter),
        "language",
    )
    search_fields = (
        "reference",
        "name",
        "organization",
        "email",
        "message",
        "subject_name",
    )
    list_select_related = ("assignee", "sector", "handler")
    date_hierarchy = "created_at"
    readonly_fields = FROM_THE_SITE
    fieldsets = (
        (
            None,
            {"fields": ("status", "handler", "assignee", "sector", "staff_notes")},
        ),
        (
            _("From the website"),
            {"fields": FROM_THE_SITE},
        ),
    )
    inlines = (InquiryReplyInline, InquiryStatusChangeInline)
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
        if db_field.name == "handler":
            kwargs["queryset"] = active_handlers()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # A status change goes through the service, which keeps it in the
        # history: the row is saved with its old status first.
        wanted = obj.status
        obj.status = form.initial.get("status", wanted)
        super().save_model(request, obj, form, change)
        if wanted != obj.status:
            service.change_status(inquiry=obj, to=wanted, by=request.user)
        changed = set(form.changed_data)
        if obj.handler and "handler" in changed and "assignee" not in changed:
            # The person named to the investor works on it in the admin.
            obj.assignee = obj.handler.user
            obj.save(update_fields=["assignee", "updated_at"])
        if {"assignee", "handler"} & changed and obj.assignee:
            emails.queue_assignment(inquiry=obj)

    def save_formset(self, request, form, formset, change):
        if formset.model is not InquiryReply:
            return super().save_formset(request, form, formset, change)
        # A reply is not merely saved: it is sent, and the inquiry answered.
        # The admin's change message reads what the formset "saved".
        formset.new_objects, formset.changed_objects, formset.deleted_objects = (
            [],
            [],
            [],
        )
        for reply_form in formset.extra_forms:
            body = (
                reply_form.cleaned_data.get("body", "")
                if reply_form.has_changed()
                else ""
            )
            if body.strip():
                reply = self.send_reply(request, form.instance, body)
                formset.new_objects.append(reply)
        return None

    def send_reply(self, request, inquiry, body):
        reply = service.send_reply(inquiry=inquiry, body=body, by=request.user)
        audit.record(
            request=request,
            action=audit.Action.CHANGED,
            model=Inquiry,
            ids=[inquiry.pk],
            summary=staff_summary(_("Reply sent; marked as answered")),
        )
        messages.success(
            request, _("The reply is sent to %(email)s.") % {"email": inquiry.email}
        )
        return reply


def staff_summary(message) -> str:
    return service.staff_text(message)


def active_handlers():
    return InquiryHandler.objects.filter(user__is_active=True, user__is_staff=True)


@admin.register(InquiryHandler)
class InquiryHandlerAdmin(TabbedTranslationAdmin):
    list_display = ("name", "title", "email", "user", "is_sample")
    list_select_related = ("user",)
    search_fields = ("name", "title", "email")
    fields = ("user", "name", "title", "email", "photo", "is_sample")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = active_staff()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(InquiryRoute)
class InquiryRouteAdmin(admin.ModelAdmin):
    list_display = ("criteria", "handler")
    list_select_related = ("sector", "handler")
    fields = ("sector", "subject_kind", "language", "handler")

    @admin.display(description=_("inquiries about"))
    def criteria(self, route):
        return route.criteria_display()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "handler":
            kwargs["queryset"] = active_handlers()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
