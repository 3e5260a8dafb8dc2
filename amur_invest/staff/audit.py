"""Recording who did what to records holding personal data.

Each app says in its own `AppConfig.ready()` which of its models hold
personal data (`watch(Contact, Consent, ...)`): the audit trail's "kind of
record" filter lists exactly those, and a system check (staff.checks) holds
their admins to AuditedAdminMixin, which records every list page shown (the
ids on the page), views of a record, saves, deletions, exports and imports
(the rows in the file). Status actions, re-sending mail and exports outside
the import-export pages call `record()` themselves. Entries older than
AUDIT_RETENTION_DAYS are removed by `manage.py purge_audit_trail`.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from amur_invest.security import client_address
from amur_invest.staff.models import AuditEntry

Action = AuditEntry.Action

# Enough to find the records again; a bigger export keeps its count only.
MAX_RECORDED_IDS = 1000

# What an import row did when it wrote a record (not "skip", "error").
WRITTEN = ("new", "update", "delete")

# The models holding personal data, as the apps declare them.
_watched: list[type[models.Model]] = []


def watch(*watched: type[models.Model]) -> None:
    """Declare models whose rows hold personal data; an app calls this from
    its AppConfig.ready()."""
    _watched.extend(model for model in watched if model not in _watched)


def watched_models() -> list[type[models.Model]]:
    return list(_watched)


class RecordsExportedRows:
    """For an import-export resource: the dataset an export returns carries
    `record_ids`, the primary key of each row written, in order, so that the
    audit entry names exactly what left (a resource may leave rows of the
    queryset out)."""

    def export(self, queryset=None, **kwargs):
        self._exported_ids = []
        dataset = super().export(queryset, **kwargs)
        dataset.record_ids = self._exported_ids
        return dataset

    def export_resource(self, instance, *args, **kwargs):
        # Called once for each row the file gets.
        self._exported_ids.append(instance.pk)
        return super().export_resource(instance, *args, **kwargs)


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

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if request.method == "GET" and changelist is not None:
            # The page's rows, read once: the template reuses them.
            shown = [row.pk for row in changelist.result_list]
            record(
                request=request,
                action=Action.LISTED,
                model=self.model,
                ids=shown,
                summary="; ".join(
                    f"{key}={value}" for key, value in request.GET.items()
                ),
            )
        return response

    def get_data_for_export(self, request, queryset, **kwargs):
        # The resource (RecordsExportedRows) says which rows it wrote.
        dataset = super().get_data_for_export(request, queryset, **kwargs)
        record(
            request=request,
            action=Action.EXPORTED,
            model=self.model,
            ids=dataset.record_ids,
            summary=", ".join(str(heading) for heading in dataset.headers),
        )
        return dataset

    def process_result(self, result, request):
        response = super().process_result(result, request)
        if not (result.has_errors() or result.has_validation_errors()):
            written = [row for row in result.valid_rows() if row.import_type in WRITTEN]
            totals = result.totals
            record(
                request=request,
                action=Action.IMPORTED,
                model=self.model,
                ids=[pk for row in written if (pk := written_id(row))],
                count=len(written),
                summary=", ".join(
                    f"{kind}: {totals[kind]}" for kind in WRITTEN if totals.get(kind)
                ),
            )
        return response


def written_id(row) -> int | None:
    """The id of the record an import row wrote. A row saved in bulk has
    none in the result until its batch is written; its instance (kept by
    resources with `store_instance`) has it then."""
    instance = getattr(row, "instance", None)
    return row.object_id or getattr(instance, "pk", None)
