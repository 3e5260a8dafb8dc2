"""The admin's autocomplete lookups (/admin/autocomplete/), held to what a
staff member may do and audited like the lists.

Django answers a lookup for any foreign key of any model to any model the
admin searches, and checks one thing: the view permission on the model
searched. A staff member could so read rows through a field no admin page
offers them (the staff list through a report's "reported by"), and read a
list of contacts without the audit trail hearing of it. Here a lookup is
answered only:

- for a field an admin page offers as an autocomplete (`autocomplete_fields`
  of a model admin or of an inline);
- to whoever may add or change the model holding the field: only their forms
  show the widget;
- with Django's own check on the model searched (its admin's view
  permission; the staff list has its own rule, staff.admin.StaffUserAdmin).

The rows shown of a model holding personal data (audit.watch) are recorded as
a list page's are."""

from django.apps import apps
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import FieldDoesNotExist, PermissionDenied

from amur_invest.staff import audit


def offered_autocompletes(site) -> set[tuple[type, str]]:
    """(model, field name) of every autocomplete field the admin pages of
    `site` offer, on a model's own page or in an inline."""
    offered = set()
    for model, model_admin in site._registry.items():
        offered.update((model, name) for name in model_admin.autocomplete_fields)
        for inline in model_admin.inlines:
            offered.update((inline.model, name) for name in inline.autocomplete_fields)
    return offered


def requested_field(request):
    """(model, field name) the lookup names, or None when it names none."""
    try:
        model = apps.get_model(request.GET["app_label"], request.GET["model_name"])
        name = request.GET["field_name"]
        model._meta.get_field(name)
    except (KeyError, LookupError, ValueError, FieldDoesNotExist):
        return None
    return model, name


def may_fill(user, model) -> bool:
    """Whether the user's forms show the model's fields for filling."""
    opts = model._meta
    return any(
        user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for action in ("add", "change")
    )


def is_offered_to(request, site) -> bool:
    requested = requested_field(request)
    return (
        requested is not None
        and requested in offered_autocompletes(site)
        and may_fill(request.user, requested[0])
    )


class StaffAutocompleteJsonView(AutocompleteJsonView):
    def process_request(self, request):
        if not is_offered_to(request, self.admin_site):
            raise PermissionDenied
        return super().process_request(request)

    def get(self, request, *args, **kwargs):
        self.shown = []
        response = super().get(request, *args, **kwargs)
        model = self.model_admin.model
        if model in audit.watched_models():
            audit.record(
                request=request,
                action=audit.Action.LISTED,
                model=model,
                ids=self.shown,
                summary="; ".join(
                    f"{key}={value}" for key, value in request.GET.items()
                ),
            )
        return response

    def serialize_result(self, obj, to_field_name):
        self.shown.append(obj.pk)
        return super().serialize_result(obj, to_field_name)
