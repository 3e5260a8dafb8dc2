"""The staff side of the shared workflow: the outgoing mail, and the pieces
the registration and participation admins share (status actions with a
reason page, the status history, competing applications)."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from partners.applications.models import OutgoingEmail, kind_label


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
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Mail waiting to be sent or already sent: staff look, the worker writes."""

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
        "kind_display",
        "owner_display",
        "language",
        "subject",
        "body",
        "created_at",
        "attempts",
        "next_attempt_at",
        "last_error",
        "sent_at",
    )
    readonly_fields = ("kind_display", "owner_display")

    def get_queryset(self, request):
        emails = super().get_queryset(request)
        if request.user.is_superuser:
            return emails
        return emails.filter(owner_type__in=viewable_owner_types(request.user))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("kind"), ordering="kind")
    def kind_display(self, email):
        return email.get_kind_display()

    @admin.display(description=_("about"), ordering="owner_type")
    def owner_display(self, email):
        if email.owner_type_id is None:
            return self.get_empty_value_display()
        kind = ContentType.objects.get_for_id(email.owner_type_id)
        return f"{kind.name} #{email.owner_id}"
