"""Staff accounts (the superuser's reset of a second factor) and the audit trail."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from amur_invest.staff.models import AuditEntry
from amur_invest.staff.two_factor import reset_second_factor

User = get_user_model()

# Devices are set up by their owners on the two-factor pages and reset by a
# superuser on the user list; django-otp's own device admin is not needed.
for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)


class StaffUserAdmin(UserAdmin):
    actions = ["reset_two_factor"]

    def has_reset_two_factor_permission(self, request):
        # Whoever resets a second factor could take over the account.
        return request.user.is_superuser

    @admin.action(
        description=_("Reset two-factor authentication (lost phone)"),
        permissions=["reset_two_factor"],
    )
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            reset_second_factor(user)
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "%(count)d user sets up a new authenticator app at the next login.",
                "%(count)d users set up a new authenticator app at the next login.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail: agency managers read it, nobody edits it."""

    list_display = [
        "at",
        "username",
        "action",
        "content_type",
        "object_count",
        "summary",
        "ip_address",
    ]
    list_filter = ["action", "content_type", ("user", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["username", "summary", "object_ids", "ip_address"]
    date_hierarchy = "at"
    list_select_related = ["content_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
