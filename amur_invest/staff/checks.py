"""The audit trail's promise, checked at start-up: a model an app declares as
holding personal data (audit.watch) is shown in the admin only through
AuditedAdminMixin, and an audited admin is of a declared model, so that the
trail's "kind of record" filter offers every kind it records, and no other."""

from django.contrib import admin
from django.core.checks import Error, Tags, register

from amur_invest.staff import audit


@register(Tags.admin)
def audited_admins(app_configs, **kwargs):
    return audit_errors(admin.site._registry)


def audit_errors(registry: dict) -> list[Error]:
    """The errors of an admin registry ({model: ModelAdmin})."""
    watched = set(audit.watched_models())
    errors = []
    for model, model_admin in registry.items():
        audited = isinstance(model_admin, audit.AuditedAdminMixin)
        if model in watched and not audited:
            errors.append(
                Error(
                    f"{model._meta.label} holds personal data, but its admin "
                    "records nothing in the audit trail.",
                    hint="Put AuditedAdminMixin first in the admin's bases.",
                    obj=type(model_admin),
                    id="staff.E001",
                )
            )
        elif audited and model not in watched:
            errors.append(
                Error(
                    f"{model._meta.label} is audited but not declared as "
                    "holding personal data.",
                    hint="Call audit.watch() in its app's AppConfig.ready().",
                    obj=type(model_admin),
                    id="staff.E002",
                )
            )
    return errors
