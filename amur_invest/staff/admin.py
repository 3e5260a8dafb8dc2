"""Staff accounts (the superuser's reset of a second factor) and the audit trail."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from django.utils.functional import lazy
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from amur_invest.staff import audit, enrolment
from amur_invest.staff.autocomplete import (
    may_fill,
    offered_autocompletes,
    requested_field,
)
from amur_invest.staff.models import AuditEntry
from amur_invest.staff.roles import role_name
from amur_invest.staff.two_factor import reset_second_factor
from amur_invest.zones import site_zone_name

User = get_user_model()

# Devices are set up by their owners on the two-factor pages and reset by a
# superuser on the user list; django-otp's own device admin is not needed.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


def staff_field_lookup(request):
    """The model whose staff field (a foreign key to the user) an admin
    autocomplete request fills, or None when the request is not one. Only a
    field an admin page offers as an autocomplete counts: not, say, the
    "reported by" of a wild-harvest report, which a district coordinator
    may add but never picks (amur_invest.staff.autocomplete)."""
    match = request.resolver_match
    if match is None or match.url_name != "autocomplete":
        return None
    requested = requested_field(request)
    if requested is None or requested not in offered_autocompletes(admin.site):
        return None
    source, name = requested
    remote = source._meta.get_field(name).remote_field
    return source if remote is not None and remote.model is User else None


class StaffUserAdmin(UserAdmin):
    actions = ["reset_two_factor"]

    def has_view_permission(self, request, obj=None):
        """Whoever may fill a staff field (an agency manager linking a
        district coordinator) may look staff up for it, without the right
        to read the user list itself."""
        if super().has_view_permission(request, obj):
            return True
        source = staff_field_lookup(request) if obj is None else None
        return source is not None and may_fill(request.user, source)

    def get_search_fields(self, request):
        if staff_field_lookup(request) is not None and not super().has_view_permission(
            request
        ):
            # Who may not read the staff list finds a colleague by name, and
            # cannot try addresses against it.
            return ["username", "first_name", "last_name"]
        return super().get_search_fields(request)

    def get_search_results(self, request, queryset, search_term):
        if staff_field_lookup(request) is not None:
            # A staff field offers active staff only.
            queryset = queryset.filter(is_staff=True, is_active=True)
        return super().get_search_results(request, queryset, search_term)

    def has_reset_two_factor_permission(self, request):
        # Whoever resets a second factor could take over the account.
        return request.user.is_superuser

    @admin.action(
        description=_(
            "Reset two-factor authentication and make set-up links (a lost "
            "phone, a new account)"
        ),
        permissions=["reset_two_factor"],
    )
    def reset_two_factor(self, request, queryset):
        """Forget the users' apps and show, once, the link each needs to set
        up a new one, for the superuser to hand over."""
        links = []
        for user in queryset.order_by("username"):
            reset_second_factor(user)
            links.append((user, enrolment.link_url(user)))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Set-up links"),
            "links": links,
            "hours": settings.STAFF_ENROLMENT_LINK_HOURS,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/two_factor/set_up_links.html", context)


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


class RoleAdmin(GroupAdmin):
    list_display = ["role"]

    @admin.display(description=pgettext_lazy("staff role", "role"), ordering="name")
    def role(self, group):
        return role_name(group)


admin.site.unregister(Group)
admin.site.register(Group, RoleAdmin)


class WatchedKindFilter(admin.SimpleListFilter):
    """The kinds of record holding personal data, as the apps declare them
    (audit.watch), in the reader's language: not every table of the site."""

    title = _("kind of record")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        models = audit.watched_models()
        types = ContentType.objects.get_for_models(*models)
        return sorted(
            ((str(types[model].pk), kind_name(model)) for model in models),
            key=lambda choice: choice[1],
        )

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(content_type_id=self.value())
        return queryset


def kind_name(model) -> str:
    return capfirst(str(model._meta.verbose_name_plural))


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail: agency managers read it, nobody edits it. Times are
    in the site's time zone, and say so."""

    list_display = [
        "local_time_display",
        "username",
        "action",
        "kind_display",
        "object_count",
        "summary",
        "ip_address",
    ]
    list_filter = [
        "action",
        WatchedKindFilter,
        ("user", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["username", "summary", "object_ids", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["content_type"]
    fields = [
        "local_time_display",
        "user",
        "username",
        "action",
        "kind_display",
        "object_count",
        "object_ids",
        "summary",
        "ip_address",
    ]
    readonly_fields = fields

    @admin.display(
        description=format_lazy(_("when ({zone})"), zone=lazy(site_zone_name, str)()),
        ordering="at",
    )
    def local_time_display(self, entry):
        return entry.local_time

    @admin.display(description=_("kind of record"), ordering="content_type")
    def kind_display(self, entry):
        model = entry.content_type.model_class()
        # A model removed since keeps its name from the content type.
        return kind_name(model) if model else entry.content_type.model

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
