"""Recording who did what to records holding personal data.

The admin classes of such records (contacts, registrations, consents,
inquiries) mix in AuditedAdminMixin, which records views of a record, saves,
deletions, exports and imports; exports outside the import-export pages call
`record()` themselves. Entries older than AUDIT_RETENTION_DAYS are removed by
`manage.py purge_audit_trail`.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from amur_invest.security import client_address
from amur_invest.staff.models import AuditEntry

Action = AuditEntry.Action

# Enough to find the records again; a bigger export keeps its count only.
MAX_RECORDED_IDS = 1000


def record(
    *, request, action: str, model, ids=(), count=None, summary=""
) -> AuditEntry:
    """Write one entry for `request.user` acting on rows of `model`."""
    ids = [str(pk) for pk in ids]
    user = request.user if request.user.is_authenticated else None
    return AuditEntry.objects.create(
        user=user,
        username=user.get_username() if user else "",
        action=action,
        content_type=ContentType.objects.get_for_model(model),
        object_count=len(ids) if count is None else count,
        object_ids=",".join(ids[:MAX_RECORDED_IDS]),
        summary=str(summary)[:300],
        ip_address=client_address(request),
    )


def purge(*, days: int) -> int:
    """Delete entries older than `days`; return how many went."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _by_model = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted


class AuditedAdminMixin:
    """Put before the ModelAdmin (and import-export mixins) in the bases."""

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            record(
                request=request,
                action=Action.VIEWED,
                model=self.model,
                ids=[object_id],
                summary=str(response.context_data.get("original", "")),
            )
        return response

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        action = Action.CHANGED if change else Action.CREATED
        record(
            request=request, action=action, model=self.model, ids=[obj.pk], summary=obj
        )

    def delete_model(self, request, obj):
        pk, summary = obj.pk, str(obj)
        super().delete_model(request, obj)
        record(
            request=request,
            action=Action.DELETED,
            model=self.model,
            ids=[pk],
            summary=summary,
        )

    def delete_queryset(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        record(request=request, action=Action.DELETED, model=self.model, ids=ids)

    def get_export_data(self, file_format, request, queryset, **kwargs):
        data = super().get_export_data(file_format, request, queryset, **kwargs)
        ids = list(queryset.values_list("pk", flat=True)[: MAX_RECORDED_IDS + 1])
        record(
            request=request,
            action=Action.EXPORTED,
            model=self.model,
            ids=ids,
            count=queryset.count() if len(ids) > MAX_RECORDED_IDS else len(ids),
            summary=file_format.get_title(),
        )
        return data

    def process_result(self, result, request):
        response = super().process_result(result, request)
        if not (result.has_errors() or result.has_validation_errors()):
            totals = result.totals
            ids = [row.object_id for row in result.valid_rows() if row.object_id]
            record(
                request=request,
                action=Action.IMPORTED,
                model=self.model,
                ids=ids,
                count=sum(totals.get(kind, 0) for kind in ("new", "update", "delete")),
                summary=", ".join(
                    f"{kind}: {totals[kind]}"
                    for kind in ("new", "update", "delete")
                    if totals.get(kind)
                ),
            )
        return response
