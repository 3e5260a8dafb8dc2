"""Staff accounts (the superuser's reset of a second factor) and the audit trail."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from amur_invest.staff import enrolment
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
