"""The kept mail in the admin: staff look, the worker writes.

A body carries the applicant's secret links, which are credentials: staff
read it masked, only the mail of the records they may view, and whoever has
the right sends the email again to its recipient rather than passing a link
on."""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from amur_invest.outbox import mail
from amur_invest.outbox.models import OutgoingEmail, kind_label
from amur_invest.outbox.secret_links import mask_secret_links
from amur_invest.staff import audit
from amur_invest.staff.audit import AuditedAdminMixin


def viewable_owner_types(user) -> list[int]:
    """The kinds of record (content type ids) whose mail `user` may read:
    those whose rows they may view. A mail body holds the applicant's secret
    link: a reviewer of exhibitions must not read the mail of mission
    registrations."""
    used = OutgoingEmail.objects.order_by().values_list("owner_type", flat=True)
    allowed = []
    for type_id in used.distinct():
        if type_id is None:
            continue
        owner = ContentType.objects.get_for_id(type_id)
        if user.has_perm(f"{owner.app_label}.view_{owner.model}"):
            allowed.append(type_id)
    return allowed


class EmailKindFilter(admin.SimpleListFilter):
    """The kinds of mail there are, in words."""

    title = _("kind")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        kinds = (
            model_admin.get_queryset(request)
            .order_by("kind")
            .values_list("kind", "owner_type")
            .distinct()
        )
        labels = {}
        for kind, type_id in kinds:
            owner = ContentType.objects.get_for_id(type_id) if type_id else None
            labels.setdefault(kind, kind_label(kind, owner and owner.model_class()))
        return sorted(labels.items(), key=lambda item: str(item[1]))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(kind=self.value())
        return queryset


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """Mail waiting to be sent or already sent: staff look, the worker writes.

    A body carries the applicant's secret links, which are credentials: staff
    read it masked, and whoever has the right sends the email again to its
    recipient rather than passing a link on."""

    list_display = (
        "recipient",
        "subject",
        "kind_display",
        "owner_display",
        "created_at",
        "attempts",
        "sent_at",
    )
    list_filter = (
        ("owner_type", admin.RelatedOnlyFieldListFilter),
        EmailKindFilter,
        "language",
        ("sent_at", admin.EmptyFieldListFilter),
    )
    list_select_related = ("owner_type",)
    search_fields = ("recipient", "subject")
    date_hierarchy = "created_at"
    fields = (
        "recipient",
        "reply_to",
        "kind_display",
        "owner_display",
        "language",
        "subject",
        "body_display",
        "created_at",
        "attempts",
        "next_attempt_at",
        "last_error",
        "sent_at",
    )
    readonly_fields = ("kind_display", "owner_display", "body_display")
    actions = ("resend",)

    def get_queryset(self, request):
        emails = super().get_queryset(request)
        if request.user.is_superuser:
            return emails
        return emails.filter(owner_type__in=viewable_owner_types(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        """The mail goes with its owner: whoever may delete a participation
        may delete its kept mail with it (the admin's delete page asks this
        of every email it would take along)."""
        if super().has_delete_permission(request, obj):
            return True
        if obj is None or obj.owner_type_id is None:
            return False
        owner = ContentType.objects.get_for_id(obj.owner_type_id)
        return request.user.has_perm(f"{owner.app_label}.delete_{owner.model}")

    @admin.display(description=_("kind"), ordering="kind")
    def kind_display(self, email):
        return email.get_kind_display()

    # Not "about": in Russian that reads «Тема», like the subject beside it.
    @admin.display(description=pgettext_lazy("email", "record"), ordering="owner_type")
    def owner_display(self, email):
        if email.owner_type_id is None:
            return self.get_empty_value_display()
        kind = ContentType.objects.get_for_id(email.owner_type_id)
        return f"{kind.name} #{email.owner_id}"

    @admin.display(description=_("text"))
    def body_display(self, email):
        owner_token = getattr(email.owner, "token", "")
        return mask_secret_links(email.body, secrets=[owner_token])

    def has_resend_permission(self, request):
        return request.user.has_perm("outbox.resend_outgoingemail")

    @admin.action(
        description=_("Send again to the same recipient"), permissions=("resend",)
    )
    def resend(self, request, queryset):
        kept = list(queryset)
        for email in kept:
            mail.send_again(email)
        audit.record(
            request=request,
            action=audit.Action.RESENT,
            model=OutgoingEmail,
            ids=[email.pk for email in kept],
            summary=", ".join(sorted({email.recipient for email in kept})),
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d email kept to send again.",
                "%(count)d emails kept to send again.",
                len(kept),
            )
            % {"count": len(kept)},
            messages.SUCCESS,
        )
